"""Presence: who is reading or editing now, kept in the database so that every worker sees it.

The list sits in a live region that a screen reader reads out whenever it changes, and it is polled every
10 s: a poll whose list is the one shown already answers 204, so nothing is swapped and nothing is read out
again. The page sends back the fingerprint of what it shows (the hidden field "shown").

The poll (a POST, as the page loads and then every 10 s) records that its person is here; the page itself only
reads, so a page view never waits for the database's write lock. Someone without JavaScript is therefore not
listed as here to others, though their page still shows who else is.
"""
import hashlib

from flask import Blueprint, g, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from markupsafe import Markup

from coalition import presence
from coalition.permissions import can_edit
from models import Presence, Revision
from views import get_report, get_section

bp = Blueprint("presence", __name__, url_prefix="/presence")


@bp.app_template_filter("fingerprint")
def fingerprint(html: str) -> str:
    return hashlib.sha256(str(html).encode()).hexdigest()[:16]


def presence_context(report_id: int, section=None, editing: bool = False, base: int | None = None) -> dict:
    """Who else is here, and for an editor whether the text moved on since their base revision."""
    section_id = section.id if section else None
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
    presence.here(current_user, shown.report_id, shown.id, editing)
    context = presence_context(shown.report_id, shown, editing, request.form.get("base", type=int))
    if not g.htmx:
        return redirect(url_for("sections.show", section_id=shown.id))
    return _poll_answer(context)


@bp.route("/reports/<int:report_id>", methods=["POST"])
@login_required
def report(report_id: int):
    """The polled list of people anywhere in the report."""
    shown = get_report(report_id)
    presence.here(current_user, shown.id)
    context = presence_context(shown.id)
    if not g.htmx:
        return redirect(url_for("report.overview", report_id=shown.id))
    return _poll_answer(context)


def _poll_answer(context: dict):
    listing = render_template("presence/_list.html", presence=context)
    if request.form.get("shown") == fingerprint(listing):
        return "", 204  # as shown already: a screen reader is not told it again
    return render_template("presence/_poll.html", listing=Markup(listing))
