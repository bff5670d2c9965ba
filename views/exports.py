"""Exporting the report (or one section) as PDF or DOCX: the word count check, the build, the download."""
from flask import Blueprint, abort, redirect, render_template, url_for
from flask_login import current_user, login_required

import exports
from forms import ExportForm
from models import Export
from views import attachment, get_report, get_section, render_page
from views.report import sections_by_group

bp = Blueprint("exports", __name__)


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
        draft = not final
        export = exports.request_export(shown, current_user, form.format.data, draft=draft, approved_only=approved,
                                        annex_by=form.annex.data or None)
        return redirect(url_for("exports.status", export_id=export.id))
    groups, total = sections_by_group(shown)
    footnote_words = sum(head.footnote_words for _, own, _ in groups for _, head in own if head)
    return render_template("exports/report.html", report=shown, groups=groups, total=total,
                           footnote_words=footnote_words, form=form, all_approved=exports.all_approved(shown),
                           has_recommendations=shown.recommendations.exists()), \
        400 if form.errors else 200


@bp.route("/sections/<int:section_id>/export", methods=["POST"])
@login_required
def section(section_id: int):
    """One section on its own, always marked as a draft: for a group's own check."""
    shown = get_section(section_id)
    form = ExportForm()
    if not form.validate():
        abort(400)
    export = exports.request_export(shown.report, current_user, form.format.data, section=shown)
    return redirect(url_for("exports.status", export_id=export.id))


def get_export(export_id: int) -> Export:
    """The export's row without its data (which may be megabytes), or 404."""
    return Export.select(*Export.fields_except("data")).where(Export.id == export_id).first() or abort(404)


@bp.route("/exports/<int:export_id>")
@login_required
def status(export_id: int):
    """Progress while the file is built (htmx polls it; without JavaScript the page refreshes itself)."""
    export = get_export(export_id)
    return render_page("exports/status.html", "exports/_status.html", export=export)


@bp.route("/exports/<int:export_id>/download")
@login_required
def download(export_id: int):
    """The finished file, named after the report (an ASCII name too, for old browsers)."""
    export = Export.get_or_none(Export.id == export_id, Export.status == Export.READY) or abort(404)
    return attachment(bytes(export.data), export.filename, exports.mimetype(export.format))
