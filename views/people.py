"""The coalition's people: the coordinator invites people with one-time links, sets their roles and groups,
hands out password-reset links, and switches accounts off and on again (an account is never deleted: its
name stays on what it wrote); a group's lead sees the group's members."""
from datetime import timedelta

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from coalition import access_links, inbox, roles
from coalition.notices import absolute_link
from coalition.permissions import can_manage, can_see_people
from models import AccessLink, Membership, User, WorkingGroup
from views import manager_only
from web import rate_limits
from web.forms import InvitationForm, RolesForm, with_group_roles

bp = Blueprint("people", __name__, url_prefix="/people")
MENTIONABLE_SHOWN = 10  # enough to find someone by a few letters, not a list of the coalition


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
    held = {person.id: ([_("coordinator")] if person.is_coordinator else [])
            + ([_("reviewer")] if person.is_reviewer else []) for person in people}
    for membership in (Membership.select(Membership.user, Membership.role, WorkingGroup.name).join(WorkingGroup)
                       .where(Membership.user.in_(list(held))).order_by(WorkingGroup.position, WorkingGroup.id)):
        name = membership.group.name
        held[membership.user_id].append(_("lead of %(group)s", group=name) if membership.role == Membership.LEAD
                                        else _("member of %(group)s", group=name))
    links = list(access_links.pending().join(User, on=(AccessLink.created_by == User.id)).switch(AccessLink)
                 .select(AccessLink, User.id, User.display_name)) if can_manage(current_user) else []
    names = {person.id: person.display_name for person in people}  # whose password a reset link is for
    return render_template("people/index.html", people=people, roles=held, links=links, names=names)


@bp.route("/mentionable")
@login_required
def mentionable():
    """The "Mention someone" picker's options (templates/inbox/_mention_picker.html): the few accounts whose login
    or name begins with what was typed (an @ before it aside); nothing for nothing typed."""
    typed = request.args.get("q", "").strip().lstrip("@")[:120]
    people = inbox.mentionable(current_user, typed, MENTIONABLE_SHOWN) if typed else []
    return render_template("inbox/_mentionable.html", people=people)


@bp.route("/invite", methods=["GET", "POST"])
@login_required
def invite():
    """An invitation link with the roles the account will get; shown once, to copy and send by any channel."""
    manager_only()
    groups = list(WorkingGroup.ordered())
    form = with_group_roles(InvitationForm, groups)()
    if form.validate_on_submit():
        link, token = access_links.invite(
            current_user, form.display_name.data.strip(), form.reviewer.data, _chosen_roles(form, groups),
            timedelta(days=current_app.config["INVITATION_DAYS"]))
        return _link_page(link, absolute_link("auth.welcome", token=token))
    return render_template("people/invite.html", form=form, groups=_group_fields(form, groups)), (
        400 if form.errors else 200)


@bp.route("/<int:user_id>", methods=["GET", "POST"])
@login_required
def person(user_id: int):
    """A person's roles, and the groups they work in."""
    person = _person(user_id)
    groups = list(WorkingGroup.ordered())
    form = with_group_roles(RolesForm, groups)(data={
        "coordinator": person.is_coordinator, "reviewer": person.is_reviewer,
        **{f"group_{group}": role for group, role in person.roles_by_group.items()}})
    if form.validate_on_submit():
        try:
            roles.set_roles(current_user, person, form.coordinator.data, form.reviewer.data,
                            _chosen_roles(form, groups), groups)
        except roles.OwnAccount:
            form.coordinator.errors.append(_("You cannot take away your own coordinator role: ask another "
                                             "coordinator, so that the coalition always keeps one."))
        else:
            flash(_("%(name)s's roles and groups are saved.", name=person.display_name), "success")
            return redirect(url_for("people.index"))
    return render_template("people/person.html", person=person, form=form, groups=_group_fields(form, groups),
                           blocked=rate_limits.account_blocked(person.login)), 400 if form.errors else 200


@bp.route("/<int:user_id>/unblock", methods=["POST"])
@login_required
def unblock(user_id: int):
    """Lift the limit that failed sign-ins put on the account, e.g. for the owner on a new computer."""
    person = _person(user_id)
    roles.lift_block(current_user, person, rate_limits.lift_account_block)
    flash(_("%(name)s can sign in again from any browser.", name=person.display_name), "success")
    return redirect(url_for("people.person", user_id=person.id))


@bp.route("/<int:user_id>/reset-link", methods=["POST"])
@login_required
def reset_link(user_id: int):
    """A one-time link to set a new password, for someone who forgot theirs (no e-mail needed)."""
    person = _person(user_id)
    link, token = access_links.reset(current_user, person, timedelta(hours=current_app.config["RESET_LINK_HOURS"]))
    return _link_page(link, absolute_link("auth.reset", token=token), person=person)


@bp.route("/links/<int:link_id>/withdraw", methods=["POST"])
@login_required
def withdraw(link_id: int):
    manager_only()
    AccessLink.get_or_none(AccessLink.id == link_id) or abort(404)
    if access_links.withdraw(link_id):
        flash(_("The link is withdrawn: it no longer works."), "success")
    return redirect(url_for("people.index"))


@bp.route("/<int:user_id>/deactivate", methods=["POST"])
@login_required
def deactivate(user_id: int):
    """Switch the account off: it cannot sign in, and every session it has open ends at its next request."""
    person = _person(user_id)
    try:
        roles.switch(current_user, person, active=False)
    except roles.OwnAccount:
        abort(400)  # the form is not offered: a coalition must not lock out its last coordinator by a slip
    flash(_("%(name)s's account is switched off and signed out everywhere.", name=person.display_name), "success")
    return redirect(url_for("people.index"))


@bp.route("/<int:user_id>/reactivate", methods=["POST"])
@login_required
def reactivate(user_id: int):
    person = _person(user_id)
    roles.switch(current_user, person, active=True)
    flash(_("%(name)s's account is switched on again.", name=person.display_name), "success")
    return redirect(url_for("people.index"))



def _person(user_id: int) -> User:
    manager_only()
    return User.get_or_none(User.id == user_id) or abort(404)


def _group_fields(form, groups) -> list:
    return [form[f"group_{group.id}"] for group in groups]


def _chosen_roles(form, groups) -> dict[int, str]:
    """Group id -> the role chosen in it, for the groups the person is in."""
    return {group.id: form[f"group_{group.id}"].data for group in groups if form[f"group_{group.id}"].data}


def _link_page(link: AccessLink, address: str, person: User | None = None):
    """The link, shown this once: only its hash is kept, so it cannot be shown again."""
    return render_template("people/link.html", link=link, address=address, person=person)
