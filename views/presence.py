"""Presence: who is reading or editing now, kept in the database so that every worker sees it.

The list sits in a live region that a screen reader reads out whenever it changes, and it is polled every
10 s: a poll whose list is the one shown already answers 204, so nothing is swapped and nothing is read out
again. The page sends back the fingerprint of what it shows (the hidden field "shown").
"""
import hashlib
from contextlib import suppress

from flask import Blueprint, g, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from markupsafe import Markup
from peewee import OperationalError

from coalition.permissions import can_edit
from models import Presence, Revision
from views import get_report, get_section

bp = Blueprint("presence", __name__, url_prefix="/presence")


@bp.app_template_filter("fingerprint")
def fingerprint(html: str) -> str:
    return hashlib.sha256(str(html).encode()).hexdigest()[:16]


def presence_context(report_id: int, section=None, editing: bool = False, base: int | None = None) -> dict:
    """Mark the current person as here; say who else is, and tell an editor when the text moved on."""
    section_id = section.id if section else None
    with suppress(OperationalError):  # presence is a courtesy: a busy database must not cost anyone their page
        Presence.mark(current_user, report_id, section_id, editing)
    newer = None
    if editing and base is not None:
        head = Revision.listing().where(Revision.section == section_id).first()
        newer = head if head and head.number > base else None
    return {"others": Presence.others(current_user, report_id, section_id), "section": section,
            "report_id": report_id, "editing": editing, "base": base, "newer": newer}


@bp.route("/sections/<int:section_id>", methods=["POST"])
@login_required
def section(section_id: int):
    """The polled list of people on a section (and, for an editor, the notice of a newer save)."""
    shown = get_section(section_id)
    editing = request.form.get("editing") == "1" and can_edit(current_user, shown)
    presence = presence_context(shown.report_id, shown, editing, request.form.get("base", type=int))
    if not g.htmx:
        return redirect(url_for("sections.show", section_id=shown.id))
    return _poll_answer(presence)


@bp.route("/reports/<int:report_id>", methods=["POST"])
@login_required
def report(report_id: int):
    """The polled list of people anywhere in the report."""
    shown = get_report(report_id)
    presence = presence_context(shown.id)
    if not g.htmx:
        return redirect(url_for("report.overview", report_id=shown.id))
    return _poll_answer(presence)


def _poll_answer(presence: dict):
    listing = render_template("presence/_list.html", presence=presence)
    if request.form.get("shown") == fingerprint(listing):
        return "", 204  # as shown already: a screen reader is not told it again
    return render_template("presence/_poll.html", listing=Markup(listing))
