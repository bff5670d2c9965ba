"""Drafts: the editor's text kept on the server as it is typed, so a crash loses nothing."""
from flask import Blueprint, abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from coalition.revisions import normalise
from models import Draft, utcnow
from views import get_section
from web.forms import DraftForm

bp = Blueprint("drafts", __name__, url_prefix="/sections")


@bp.route("/<int:section_id>/draft", methods=["POST"])
@login_required
def keep(section_id: int):
    """Autosave (htmx, a moment after typing stops and when leaving a field): private to its author."""
    section = get_section(section_id, check_edit=True, removed_ok=True)
    form = DraftForm()
    empty = not (form.body.data or "").strip()
    kept = not empty and form.validate()
    if kept:
        Draft.keep(current_user, section, normalise(form.body.data), form.note.data or "", form.base.data or 0,
                   form.editor.data or "")
    if section.removal_id:
        abort(410)  # the draft is kept all the same: it comes back with the section
    if empty:
        return "", 204  # an empty editor is nothing to keep
    if not g.htmx:
        return redirect(url_for("sections.edit", section_id=section.id, draft=1 if kept else None))
    return render_template("sections/_draft_status.html", form=form, kept_at=utcnow() if kept else None), \
        200 if kept else 400


@bp.route("/<int:section_id>/draft/discard", methods=["POST"])
@login_required
def discard(section_id: int):
    """Throw away one's own draft and edit the current text instead."""
    section = get_section(section_id, check_edit=True)
    Draft.close(current_user, section, editor="")
    flash(_("Your draft was discarded."), "info")
    return redirect(url_for("sections.edit", section_id=section.id))
