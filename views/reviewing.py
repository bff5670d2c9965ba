"""Review of a section: the changes since the last approval, its status steps, and the decision."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from coalition import review
from coalition.permissions import can_review, can_submit
from models import StatusChange
from views import get_section
from views.comments import threads_context
from views.history import asked_view, changes
from web.forms import StatusForm

bp = Blueprint("review", __name__, url_prefix="/sections")

# Who may take each step: the section's own group submits, reviewers decide.
ALLOWED = {review.SUBMIT: can_submit, review.APPROVE: lambda user, section: can_review(user),
           review.REQUEST_CHANGES: lambda user, section: can_review(user)}


@bp.route("/<int:section_id>/review")
@login_required
def show(section_id: int):
    """The text as it changed since the coalition last approved it (or since it began)."""
    section = get_section(section_id)
    return _review_page(section, StatusForm())


def _review_page(section, form, status: int = 200):
    head = section.head_revision()
    form.number.data = head.number if head else None
    form.number.raw_data = None  # the step applies to the revision shown now
    # Never approved: the whole text is new to the reviewers, shown as it prints, not as a diff with revision 1.
    since = section.revision(section.approved_number) if section.approved_number else None
    shown = changes(section, since.body, head.body) if head and since else asked_view()
    # The threads are listed under the text shown, not beside a second copy of it.
    return render_template("review/show.html", section=section, head=head, since=since, **shown,
                           steps=StatusChange.of(section), form=form,
                           comments=threads_context(section, head, beside=False)), status


@bp.route("/<int:section_id>/status", methods=["POST"])
@login_required
def move(section_id: int):
    """Submit for review, approve, or ask for changes (with a note saying what)."""
    section = get_section(section_id)
    action = request.form.get("action", "")
    if action not in ALLOWED:
        abort(400)
    if not ALLOWED[action](current_user, section):
        abort(403)
    form = StatusForm()
    if not form.validate():
        return _review_page(section, form, 400)
    if action == review.REQUEST_CHANGES and not (form.note.data or "").strip():
        form.note.errors.append(_("Say what should change: the group reads this note."))
        return _review_page(section, form, 400)
    try:
        review.move(section, current_user, action, form.note.data or "", seen_number=form.number.data)
    except review.NotNow:
        flash(_("This step does not apply to the section as it is now; someone may have moved it. "
                "Here is where it stands."), "warning")
        return redirect(url_for("review.show", section_id=section.id))
    flash(_("Review step recorded."), "success")
    return redirect(url_for("review.show", section_id=section.id))
