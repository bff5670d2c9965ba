"""coalition/roles.py: roles and groups, switching accounts off and on, lifting a sign-in block; each audited."""
import pytest

from coalition import login_sessions, roles
from models import AuditEvent, LoginSession, Membership, User, WorkingGroup


def by_login(login: str) -> User:
    return User.get(User.login == login)


def audited(kind: str) -> list[str]:
    return [e.detail for e in AuditEvent.select().where(AuditEvent.kind == kind).order_by(AuditEvent.id)]


def test_roles_and_groups_change_and_each_change_is_audited(world):
    coordinator, member = by_login("coordinator"), by_login("member")
    groups = list(WorkingGroup.ordered())
    alpha, beta = groups
    roles.set_roles(coordinator, member, False, True, {beta.id: Membership.LEAD}, groups)
    member = by_login("member")
    assert member.is_reviewer and member.roles_by_group == {beta.id: Membership.LEAD}
    assert audited(AuditEvent.ROLE_CHANGED) == ["reviewer"]
    assert audited(AuditEvent.MEMBERSHIP_CHANGED) == [f"{alpha.name}: -", f"{beta.name}: lead"]


def test_nothing_changed_records_nothing(world):
    member = by_login("member")
    roles.set_roles(by_login("coordinator"), member, False, False, dict(member.roles_by_group),
                    list(WorkingGroup.ordered()))
    assert not audited(AuditEvent.ROLE_CHANGED) and not audited(AuditEvent.MEMBERSHIP_CHANGED)


def test_a_coordinator_keeps_their_own_coordinator_role_and_account(world):
    coordinator = by_login("coordinator")
    with pytest.raises(roles.OwnAccount):
        roles.set_roles(coordinator, coordinator, False, False, {}, list(WorkingGroup.ordered()))
    with pytest.raises(roles.OwnAccount):
        roles.switch(coordinator, coordinator, active=False)
    assert by_login("coordinator").is_coordinator and by_login("coordinator").active


def test_switching_off_ends_the_sessions_once_and_switching_on_again(world):
    coordinator, member = by_login("coordinator"), by_login("member")
    login_sessions.begin(member)
    assert roles.switch(coordinator, member, active=False)
    assert not roles.switch(coordinator, member, active=False)
    assert not by_login("member").active
    assert not LoginSession.select().where(LoginSession.user == member.id, LoginSession.ended_at.is_null()).exists()
    assert roles.switch(coordinator, member, active=True) and by_login("member").active
    assert len(audited(AuditEvent.DEACTIVATED)) == 1 and len(audited(AuditEvent.REACTIVATED)) == 1


def test_lifting_a_block_clears_the_login_and_is_audited(world):
    lifted = []
    roles.lift_block(by_login("coordinator"), by_login("member"), lifted.append)
    assert lifted == ["member"]
    event = AuditEvent.get(AuditEvent.kind == AuditEvent.LOGIN_UNBLOCKED)
    assert event.subject_id == by_login("member").id
