"""Importing recommendations from CSV or Excel files: upload, then a preview with the columns' meaning shown and
changeable, every problem listed by row, and an import that adds all rows or none."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _, lazy_gettext as _l, ngettext
from flask_login import current_user, login_required

from coalition import recommendations
from coalition.recommendations import csv_files
from coalition.vocabulary import RESPONSE_NAMES
from models import PendingImport, WorkingGroup
from views import get_report, manager_only
from web.forms import ImportForm, MappingForm

bp = Blueprint("imports", __name__)
PREVIEW_ROWS = 20
UNREADABLE = {
    "not_a_table": _l("This file is not a table the import reads: choose a CSV file, an Excel workbook (.xlsx) or "
                      "OHCHR's thematic list of recommendations (.docx)."),
    "encoding": _l("The file's characters cannot be read in any common encoding (UTF-8, UTF-16, Windows-1251 or "
                   "Windows-1252). In the spreadsheet, choose “Save as” → “CSV UTF-8” and upload that file."),
    "empty": _l("The file has no rows under its header row."),
    "format": _l("The file is not a well-formed CSV table (a quote may be left open)."),
    "too_many_rows": _l("The file has more than %(limit)s rows; split it into several files."),
    "ragged": _l("Row %(line)s has %(fields)s cells, but the header row has %(expected)s: a cell may hold a stray "
                 "“%(delimiter)s” or a line break outside quotes. Correct that row and upload the file again."),
    "encrypted": _l("The file is protected by a password. Open it, remove the password (File → Info → Protect), "
                    "save it and upload it again."),
    "xls": _l("This is an old Excel file (.xls). Open it in Excel and save it as an Excel workbook (.xlsx) or as "
              "“CSV UTF-8”."),
    "doc": _l("This is an old Word file (.doc). Open it in Word and save it as a Word document (.docx)."),
    "corrupt": _l("The file is damaged and cannot be opened. Open it in its program, save it again, and upload the "
                  "new file."),
    "no_matrix": _l("This Word file has no table with a “Recommendation” column: upload OHCHR's thematic list of "
                    "recommendations for the State, or a CSV file."),
}
PROBLEMS = {
    "no_text": _l("the recommendation's text is empty"),
    "no_number": _l("no number: give a number column, or start the text with it (118.12 …)"),
    "bad_number": _l("“%(value)s” is not a number like 118.12"),
    "bad_response": _l("“%(value)s” is not a known response: choose what it means above"),
    "duplicate": _l("the same number and document as row %(value)s"),
    "unknown_group": _l("there is no working group “%(value)s”"),
    "too_long": _l("a cell is longer than %(limit)s characters"),
}
UNKNOWN = "unknown"  # the coordinator's answer for a response that means none of them: imported as unknown
RESPONSE_CHOICES = {value or UNKNOWN: name for value, name in RESPONSE_NAMES.items()}
FIELD_NAMES = {
    "number": _l("Number"), "document": _l("Document symbol"), "cycle": _l("Cycle"), "text": _l("Text"),
    "states": _l("Recommending states"), "response": _l("Response of the State"), "themes": _l("Themes"),
    "affected_groups": _l("Affected groups"), "sdgs": _l("SDG goals"), "group": _l("Working group"),
}



@bp.route("/reports/<int:report_id>/recommendations/import", methods=["GET", "POST"])
@login_required
def upload(report_id: int):
    """Choose a file; a readable one is kept for the preview (nothing is imported yet)."""
    report = get_report(report_id)
    manager_only()
    form = ImportForm()
    if form.validate_on_submit():
        data = form.file.data.read()
        try:
            csv_files.read(data)
        except csv_files.Unreadable as error:
            form.file.errors.append(UNREADABLE[error.reason] % error.params)
        else:
            pending = recommendations.keep_upload(current_user, report, data, form.file.data.filename or "")
            return redirect(url_for("imports.preview", import_id=pending.id))
    return render_template("imports/upload.html", report=report, form=form,
                           fields=FIELD_NAMES), 400 if form.errors else 200


@bp.route("/imports/<int:import_id>", methods=["GET", "POST"])
@login_required
def preview(import_id: int):
    """The columns as understood, the rows to import, and every problem; POST imports when all is clean."""
    manager_only()
    pending = PendingImport.get_or_none(PendingImport.id == import_id) or abort(404)
    report = get_report(pending.report_id)
    table = csv_files.read(bytes(pending.data))  # it was readable at upload
    form = MappingForm()
    mapping, mapping_errors = _mapping(table, form)
    responses = _responses()
    checked = csv_files.check(table, mapping, recommendations.existing_keys(report.id),
                              {group.name for group in WorkingGroup.ordered()}, responses)
    problems = [(problem.line, PROBLEMS[problem.code] % {"value": problem.value,
                                                         "limit": csv_files.cell_limit(problem.value)})
                for problem in checked.problems]
    clean = not mapping_errors and not problems
    if form.validate_on_submit() and request.form.get("action") == "import" and clean and checked.new:
        added = recommendations.import_upload(report, current_user, pending, checked.new)
        flash(ngettext("%(num)s recommendation imported.", "%(num)s recommendations imported.", added), "success")
        return redirect(url_for("recommendations.index", report_id=report.id))
    samples = [[row[i] if i < len(row) else "" for row in table.rows[:3]] for i in range(len(table.headers))]
    status = 400 if request.method == "POST" and (form.errors or not clean) else 200
    return render_template("imports/preview.html", report=report, pending=pending, table=table, mapping=mapping,
                           samples=samples, fields=FIELD_NAMES, mapping_errors=mapping_errors, problems=problems,
                           checked=checked, preview_rows=checked.new[:PREVIEW_ROWS], form=form,
                           responses=responses, response_choices=RESPONSE_CHOICES), status


def _mapping(table: csv_files.Table, form: MappingForm) -> tuple[list[str], list[str]]:
    """The columns' fields: as the person set them (POST), else guessed from the headers; and what is wrong."""
    if request.method == "POST":
        mapping = [request.form.get(f"column-{i}", "") for i in range(len(table.headers))]
        mapping = [name if name in csv_files.FIELDS else "" for name in mapping]
    else:
        mapping = csv_files.guess_mapping(table.headers)
    errors = [_("Two columns are marked as “%(field)s”.", field=FIELD_NAMES[name])
              for name in csv_files.FIELDS if mapping.count(name) > 1]
    if "text" not in mapping:
        errors.append(_("No column is marked as the recommendation's text."))
    return mapping, errors


def _responses() -> dict[str, str]:
    """What the coordinator said each unknown response of the file means (answer-N for the spelling in spelling-N;
    kept in the form, posted again with every check, until the import)."""
    chosen = {}
    for key, spelling in request.form.items():
        if key.startswith("spelling-"):
            answer = request.form.get("answer-" + key.removeprefix("spelling-"), "")
            if answer in RESPONSE_CHOICES:
                chosen[spelling] = "" if answer == UNKNOWN else answer
    return chosen


@bp.route("/recommendations/template.csv")
@login_required
def template():
    """An empty file with our column names and one example row, to fill in a spreadsheet."""
    example = ["118.12", "A/HRC/43/10", "3", "Ratify the Optional Protocol to the Convention against Torture",
               "Germany; France", "supported", "Torture; Detention", "Persons deprived of liberty", "16", ""]
    return csv_files.write(list(csv_files.FIELDS), [example]), 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": 'attachment; filename="recommendations-template.csv"'}
