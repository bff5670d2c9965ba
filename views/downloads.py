"""Exporting the report (or one section) as PDF or DOCX: the word count check, the build, the download.

Each file is reached by the link of the person who asked for it (an unguessable token); only they and the
coordinator can open it, and anyone else gets 404, as for a link that does not exist."""
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import format_number, gettext as _, lazy_gettext as _l
from flask_login import current_user, login_required

from coalition import exports
from coalition.permissions import can_manage
from coalition.vocabulary import PART_NAMES, count_rule
from models import Export, ExportRequest
from views import attachment, get_report, get_section, render_page
from views.report import sections_by_group
from web.forms import ExportForm

bp = Blueprint("exports", __name__)

# Why a file could not be made, in the person's language (Export.failure).
FAILURES = {
    Export.TOO_LONG: _l("The file took too long to build, so it was stopped; a table may be too wide or too long. "
                        "Split it, or ask the coordinator."),
    Export.TOO_LARGE: _l("The file took too much memory to build, so it was stopped; a table may be too wide or too "
                         "long. Split it, or ask the coordinator."),
    Export.BROKEN: _l("The file could not be made. Nothing in the report was changed. Try again; if it fails again, "
                      "tell the coordinator."),
}


@bp.route("/reports/<int:report_id>/export", methods=["GET", "POST"])
@login_required
def report(report_id: int):
    """Words against the UN limit, then the choice of format; POST starts (or finds) the file."""
    shown = get_report(report_id)
    form = ExportForm()
    if form.validate_on_submit():
        # The file looks final without the DRAFT mark: only when it holds nothing but approved text
        # of a fully approved report, or when the coordinator decides so.
        approved = form.approved_only.data
        final = (approved and exports.all_approved(shown)) or (current_user.is_coordinator and not form.draft.data)
        try:
            return _requested(lambda: exports.request_export(
                shown, current_user, form.format.data, draft=not final, approved_only=approved,
                annex_by=form.annex.data or None, over_limit_confirmed=form.over_limit.data),
                url_for("exports.report", report_id=report_id))
        except exports.OverLimit as refused:
            form.over_limit.errors.append(over_limit(refused))
    has_recommendations = shown.recommendations.exists()
    words = exports.file_words(shown, exports.ANNEX_BY_THEME if has_recommendations else None)
    return render_template("exports/report.html", report=shown, groups=_with_words(shown, words), words=words,
                           total=exports.counted(shown, words), rule=count_rule(shown), part_names=PART_NAMES,
                           form=form, all_approved=exports.all_approved(shown),
                           has_recommendations=has_recommendations), 400 if form.errors else 200


def _with_words(report, words) -> list:
    """[(group, [(section, its words in the file)], the group's words)]: the file has the page's groups and sections,
    in the same order (report order, live sections only)."""
    groups, _ = sections_by_group(report)
    return [(group, [(section, counted.words) for (section, _), counted in zip(own, in_file.sections, strict=True)],
             in_file.words) for (group, own, _), in_file in zip(groups, words.groups, strict=True)]


def over_limit(refused: exports.OverLimit) -> str:
    """Why a final file or a frozen version is refused, and what the person can do."""
    numbers = {"words": format_number(refused.words), "over": format_number(refused.over),
               "limit": format_number(refused.limit)}
    if can_manage(current_user):
        return _("By the report's count rule the file has %(words)s words, %(over)s over the limit of %(limit)s. "
                 "Shorten it, or tick the box to confirm that it goes out over the limit.", **numbers)
    return _("By the report's count rule the file has %(words)s words, %(over)s over the limit of %(limit)s. Only "
             "the coordinator can make a final file over the limit: ask them, or shorten the text.", **numbers)


@bp.route("/sections/<int:section_id>/export", methods=["POST"])
@login_required
def section(section_id: int):
    """One section on its own, always marked as a draft: for a group's own check."""
    shown = get_section(section_id)
    form = ExportForm()
    if not form.validate():
        abort(400)
    return _requested(lambda: exports.request_export(shown.report, current_user, form.format.data, section=shown),
                      url_for("sections.show", section_id=section_id))


def _requested(request_export, back: str):
    """To the new link's status page; back, with a message, while the person's last file is still being built."""
    try:
        asked = request_export()
    except exports.Busy:
        flash(_("Your previous file is still being made. Wait until it is ready, then ask for the next one."),
              "error")
        return redirect(back)
    return redirect(url_for("exports.status", export_token=asked.token))


def get_request(token: str) -> ExportRequest:
    """The request the link is for, with its file's row but not the file (which may be megabytes); 404 unless
    the current person made it or is the coordinator."""
    found = (ExportRequest.select(ExportRequest, *Export.fields_except("data")).join(Export)
             .where(ExportRequest.token == token).first())
    if found is None or not found.readable_by(current_user):
        abort(404)
    return found


@bp.route("/exports/<export_token>")
@login_required
def status(export_token: str):
    """Progress while the file is built (htmx polls it; without JavaScript the page refreshes itself)."""
    asked = get_request(export_token)
    return render_page("exports/status.html", "exports/_status.html", export=asked.export, token=asked.token,
                       failure=FAILURES[asked.export.failure or Export.BROKEN])


@bp.route("/exports/<export_token>/download")
@login_required
def download(export_token: str):
    """The finished file, named after the report (an ASCII name too, for old browsers)."""
    asked = get_request(export_token)
    export = Export.get_or_none(Export.id == asked.export_id, Export.status == Export.READY) or abort(404)
    return attachment(bytes(export.data), export.filename, exports.mimetype(export.format))
