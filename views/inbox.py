"""The inbox: what concerns the signed-in person (coalition/inbox.py), read and unread, and following a section.

The header's "Inbox (N)" link asks /inbox/count every 60 s; an unchanged count answers 204, so htmx swaps nothing.
"""
from flask import Blueprint, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from coalition import inbox
from views import get_section

bp = Blueprint("inbox", __name__, url_prefix="/inbox")


@bp.route("")
@login_required
def index():
    """The person's notifications, newest first, unread ones said so."""
    notifications, more = inbox.page(current_user, request.args.get("before", type=int))
    return render_template("inbox/index.html", notifications=notifications, more=more)


@bp.route("/count")
def count():
    """The header's link with the unread count; 204 when it is the count the page shows already, or when the
    person has signed out meanwhile (the sign-in page is no link for the header)."""
    if not current_user.is_authenticated:
        return ("", 204) if g.htmx else current_app.login_manager.unauthorized()
    unread = inbox.unread_count(current_user)
    if g.htmx and request.args.get("shown", type=int) == unread:
        return "", 204
    if not g.htmx:
        return redirect(url_for("inbox.index"))
    return render_template("inbox/_link.html", unread=unread, current=request.args.get("current") == "1")


@bp.route("/read", methods=["POST"])
@login_required
def read_all():
    inbox.mark_read(current_user)
    flash(_("Everything in your inbox is marked read."), "success")
    return redirect(url_for("inbox.index"))


@bp.route("/<int:notification_id>/read", methods=["POST"])
@login_required
def read_one(notification_id: int):
    """Mark one read (someone else's, or one read already, is left as it is: the use case asks whose it is)."""
    inbox.mark_read(current_user, notification_id)
    return redirect(url_for("inbox.index", _anchor=f"notification-{notification_id}"))


@bp.route("/follow/<int:section_id>", methods=["POST"])
@login_required
def follow(section_id: int):
    """Follow the section (its texts, review, comments and suggestions come to the inbox), or stop."""
    section = get_section(section_id)
    on = request.form.get("follow") == "1"
    inbox.follow(current_user, section, on)
    flash(_("You follow this section: what happens to it comes to your inbox.") if on
          else _("You no longer follow this section."), "success")
    return redirect(url_for("sections.show", section_id=section.id))
