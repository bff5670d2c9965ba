"""The coordinator over other people's accounts: their roles and groups, switching an account off and on (never
deleting it: its name stays on what it wrote), and lifting the limit failed sign-ins put on it. Every change is
in the audit log, written in its transaction."""
from coalition import audit, login_sessions
from models import AuditEvent, Membership, User, db


class OwnAccount(Exception):
    """A coordinator may not take away their own coordinator role, nor switch their own account off: the coalition
    must always keep a coordinator who can sign in."""


def set_roles(actor, person: User, coordinator: bool, reviewer: bool, roles: dict[int, str], groups) -> None:
    """The roles, and a role (or none) in each of `groups` as `roles` (group id -> role) says; a group not among
    them (removed, so not offered) keeps the membership it had. Each change is recorded."""
    if person.id == actor.id and not coordinator:
        raise OwnAccount()
    with db.atomic():
        if (coordinator, reviewer) != (person.is_coordinator, person.is_reviewer):
            User.update(is_coordinator=coordinator, is_reviewer=reviewer).where(User.id == person.id).execute()
            audit.record(AuditEvent.ROLE_CHANGED, actor=actor, subject=person, detail=", ".join(
                name for name, held in (("coordinator", coordinator), ("reviewer", reviewer)) if held) or "-")
        for group in groups:
            before, after = person.role_in(group.id), roles.get(group.id)
            if before == after:
                continue
            if after:
                (Membership.insert(user=person.id, group=group.id, role=after)
                 .on_conflict(conflict_target=[Membership.user, Membership.group], update={"role": after}).execute())
            else:
                Membership.delete().where(Membership.user == person.id, Membership.group == group.id).execute()
            audit.record(AuditEvent.MEMBERSHIP_CHANGED, actor=actor, subject=person,
                         detail=f"{group.name}: {after or '-'}")


def switch(actor, person: User, active: bool) -> bool:
    """Switch the account on or off; switched off, every session it has open ends at its next request (and
    switched on again, it signs in afresh). False if it already was: a repeated click records nothing twice."""
    if person.id == actor.id and not active:
        raise OwnAccount()
    with db.atomic():
        changed = User.update(active=active).where(User.id == person.id, User.active != active).execute()
        if changed:
            login_sessions.end_all(person.id)
            audit.record(AuditEvent.REACTIVATED if active else AuditEvent.DEACTIVATED, actor=actor, subject=person)
    return bool(changed)


def lift_block(actor, person: User, lift) -> None:
    """Let the account's sign-ins through again from any browser. `lift(login)` clears the limiter's counters
    (the limiter is the web layer's: web/rate_limits.lift_account_block)."""
    with db.atomic():
        lift(person.login)
        audit.record(AuditEvent.LOGIN_UNBLOCKED, actor=actor, subject=person)
