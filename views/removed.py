"""Removing a section or a working group, and bringing it back (coordinator only). Nothing is deleted."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from coalition import removals
from models import Removal, Revision, Section, WorkingGroup
from views import get_section, manager_only

bp = Blueprint("removals", __name__)



@bp.route("/sections/<int:section_id>/remove", methods=["GET", "POST"])
@login_required
def section(section_id: int):
    """What removing the section means, then the removal."""
    manager_only()
    shown = get_section(section_id)
    if request.method == "POST":  # the CSRF token is checked for every POST before any view
        return _removed(lambda: removals.remove_section(shown, current_user), shown.title)
    return render_template("removals/confirm.html", section=shown, sections=[shown],
                           heads=Revision.heads([shown.id]))


@bp.route("/groups/<int:group_id>/remove", methods=["GET", "POST"])
@login_required
def group(group_id: int):
    """What removing the group takes with it (its sections), then the removal."""
    manager_only()
    shown = WorkingGroup.get_or_none(WorkingGroup.id == group_id, WorkingGroup.removal.is_null()) or abort(404)
    if request.method == "POST":
        return _removed(lambda: removals.remove_group(shown, current_user), shown.name)
    sections = list(Section.select().where(Section.group == shown.id, Section.removal.is_null())
                    .order_by(Section.report, Section.position, Section.id))
    return render_template("removals/confirm.html", group=shown, sections=sections,
                           heads=Revision.heads([s.id for s in sections]))


def _removed(remove, title: str):
    try:
        remove()
    except removals.AlreadyRemoved:
        flash(_("“%(title)s” had just been removed by someone else.", title=title), "info")
    else:
        flash(_("“%(title)s” is removed from the report. Nothing is deleted: you can bring it back here.",
                title=title), "success")
    return redirect(url_for("removals.index"))


@bp.route("/removed")
@login_required
def index():
    """What is removed and not yet brought back, newest first."""
    manager_only()
    return render_template("removals/index.html", removals=removals.pending())


@bp.route("/removed/<int:removal_id>/undo", methods=["POST"])
@login_required
def undo(removal_id: int):
    """Bring the section or group back, unless its group is still removed (409)."""
    manager_only()
    removal = Removal.get_or_none(Removal.id == removal_id) or abort(404)
    try:
        done = removals.undo(removal, current_user)
    except removals.GroupRemoved as refused:
        flash(_("“%(title)s” belongs to the working group “%(group)s”, which is removed too. Bring the group "
                "back first.", title=removal.title, group=refused.group.name), "error")
        return render_template("removals/index.html", removals=removals.pending()), 409
    if done:
        flash(_("“%(title)s” is back in the report, with its whole history.", title=removal.title), "success")
    else:
        flash(_("“%(title)s” had already been brought back.", title=removal.title), "info")
    return redirect(url_for("removals.index"))
