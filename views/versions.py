"""Submitted versions: the coordinator freezes the approved text; everyone can download and compare it."""
from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from coalition import bounded, exports, submissions
from models import Submission
from views import attachment, get_report, manager_only
from views.downloads import FAILURES, over_limit
from web.forms import FreezeForm

bp = Blueprint("submissions", __name__)


@bp.route("/reports/<int:report_id>/submissions")
@login_required
def index(report_id: int):
    """The report's submitted versions, newest first."""
    report = get_report(report_id)
    return render_template("submissions/index.html", report=report, versions=list(Submission.listing(report)))


@bp.route("/reports/<int:report_id>/freeze", methods=["GET", "POST"])
@login_required
def freeze(report_id: int):
    """What would be frozen (and what left out), then the freeze itself."""
    report = get_report(report_id)
    manager_only()
    included, left_out = submissions.plan(report)
    form, taken, failed = FreezeForm(), False, False
    if form.validate_on_submit():
        if not included:
            form.leave_out.errors.append(_("No section is approved yet: there is nothing to freeze."))
        elif left_out and not form.leave_out.data:
            form.leave_out.errors.append(_("Some sections have no approved revision. Tick the box to freeze "
                                           "without them, or have them approved first."))
        else:
            try:
                version = submissions.freeze(report, current_user, form.note.data or "", form.annex.data or None,
                                             over_limit_confirmed=form.over_limit.data)
            except exports.OverLimit as refused:
                form.over_limit.errors.append(over_limit(refused))
            except bounded.Failed as error:  # the PDF could not be built within its limits: nothing recorded
                failed = True
                flash(FAILURES[exports.failure_kind(error)], "error")
            except submissions.Taken:
                taken = True
                flash(_("Someone froze a version at the same moment. Nothing was recorded; try again."), "error")
            else:
                flash(_("Submitted version %(number)s is frozen.", number=version.number), "success")
                return redirect(url_for("submissions.show", submission_id=version.id))
    status = 409 if taken else 422 if failed else 400 if form.errors else 200
    return render_template("submissions/freeze.html", report=report, included=included, left_out=left_out,
                           form=form, has_recommendations=report.recommendations.exists()), status


def get_submission(submission_id: int) -> Submission:
    """The version's row without its files, or 404."""
    found = Submission.select(*Submission.fields_except("pdf", "docx")).where(Submission.id == submission_id).first()
    return found or abort(404)


@bp.route("/submissions/<int:submission_id>")
@login_required
def show(submission_id: int):
    """The frozen sections, each with a link comparing its frozen revision with the current text."""
    version = get_submission(submission_id)
    groups, not_included = submissions.contents(version)
    return render_template("submissions/show.html", version=version, report=get_report(version.report_id),
                           groups=groups, not_included=not_included)


@bp.route("/submissions/<int:submission_id>/pdf")
@login_required
def download(submission_id: int):
    """The version's PDF exactly as frozen (its SHA-256 is on the version's page)."""
    return _frozen_file(submission_id, "pdf")


@bp.route("/submissions/<int:submission_id>/docx")
@login_required
def download_docx(submission_id: int):
    """The version's Word file exactly as frozen; 404 for a version frozen before versions kept one."""
    return _frozen_file(submission_id, "docx")


def _frozen_file(submission_id: int, fmt: str):
    """The file if it still matches the SHA-256 recorded at the freeze; never a corrupt copy as the version."""
    try:
        found = submissions.stored_file(submission_id, fmt)
    except submissions.Corrupt as error:
        current_app.logger.error("frozen file refused: %s", error)
        return render_template("errors/error.html", code=500, message=_(
            "This file no longer matches the fingerprint (SHA-256) recorded when the version was frozen, so it is "
            "not sent: it is not the file that was submitted. Tell the coordinator; the server's administrator "
            "can restore it from a backup.")), 500
    if found is None:
        abort(404)
    data, name = found
    return attachment(data, name, exports.mimetype(fmt))
