"""The coalition's people: the coordinator sees every account and switches accounts off and on again (an
account is never deleted: its name stays on what it wrote); a group's lead sees the group's members."""
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

import audit
from models import AuditEvent, Membership, User, WorkingGroup, db
from permissions import can_manage, can_see_people

bp = Blueprint("people", __name__, url_prefix="/people")


@bp.route("")
@login_required
def index():
    if not can_see_people(current_user):
        abort(403)
    people = User.select(*User.fields_except("password_hash")).order_by(User.display_name, User.login)
    if not can_manage(current_user):
        led = [group for group, role in current_user.roles_by_group.items() if role == Membership.LEAD]
        people = people.where(User.id.in_(Membership.select(Membership.user).where(Membership.group.in_(led))))
    people = list(people)
    roles = {person.id: ([_("coordinator")] if person.is_coordinator else [])
             + ([_("reviewer")] if person.is_reviewer else []) for person in people}
    for membership in (Membership.select(Membership.user, Membership.role, WorkingGroup.name).join(WorkingGroup)
                       .where(Membership.user.in_(list(roles))).order_by(WorkingGroup.position, WorkingGroup.id)):
        name = membership.group.name
        roles[membership.user_id].append(_("lead of %(group)s", group=name) if membership.role == Membership.LEAD
                                         else _("member of %(group)s", group=name))
    return render_template("people/index.html", people=people, roles=roles)


@bp.route("/<int:user_id>/deactivate", methods=["POST"])
@login_required
def deactivate(user_id: int):
    """Switch the account off: it cannot sign in, and every session it has open ends at its next request."""
    person = _person(user_id)
    if person.id == current_user.id:
        abort(400)  # the form is not offered: a coalition must not lock out its last coordinator by a slip
    _switch(person, active=False, kind=AuditEvent.DEACTIVATED)
    flash(_("%(name)s's account is switched off and signed out everywhere.", name=person.display_name), "success")
    return redirect(url_for("people.index"))


@bp.route("/<int:user_id>/reactivate", methods=["POST"])
@login_required
def reactivate(user_id: int):
    person = _person(user_id)
    _switch(person, active=True, kind=AuditEvent.REACTIVATED)
    flash(_("%(name)s's account is switched on again.", name=person.display_name), "success")
    return redirect(url_for("people.index"))


def _person(user_id: int) -> User:
    if not can_manage(current_user):
        abort(403)
    return User.get_or_none(User.id == user_id) or abort(404)


def _switch(person: User, active: bool, kind: str) -> None:
    with db.atomic():
        changed = (User.update(active=active, session_epoch=User.session_epoch + 1)
                   .where(User.id == person.id, User.active != active).execute())
        if changed:  # a repeated click records nothing twice
            audit.record(kind, actor=current_user, subject=person)
