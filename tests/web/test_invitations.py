"""People management by the coordinator: invitation links that work once and expire, the roles and groups they
grant, roles and groups set on a person's page, and password-reset links."""
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from models import AccessLink, AuditEvent, Membership, User, utcnow
from tests.helpers import PASSWORD, sign_in

pytestmark = pytest.mark.both_databases  # a link used twice meets a unique index; roles set by an upsert

NEW = "seven quiet rivers of almaty"


def link_in(page) -> str:
    """The path of the one-time link shown to copy."""
    address = re.search(r'id="access-link"[^>]*value="([^"]+)"', page.text).group(1)
    return "/" + address.split("/", 3)[3]


def invite(client, world, name="Айгерим Нурланова", reviewer=False, **roles):
    form = {"display_name": name, **({"reviewer": "y"} if reviewer else {}),
            f"group_{world['group']}": roles.get("alpha", "")}
    page = client.post("/people/invite", data=form)
    assert page.status_code == 200, page.text
    return link_in(page)


def accept(client, path, login="aigerim", password=NEW, **more):
    return client.post(path, data={"display_name": "Айгерим", "login": login, "new": password, "repeat": password,
                                   "language": "kk", **more})


def test_an_invitation_makes_an_account_with_the_roles_it_grants(app, world, person):
    path = invite(person("coordinator"), world, reviewer=True, alpha="lead")
    assert path.startswith("/welcome/")
    stranger = app.test_client()
    page = stranger.get(path)
    assert page.status_code == 200 and "Айгерим Нурланова" in page.text and "Civil and political rights" in page.text
    done = accept(stranger, path)
    assert done.status_code == 302
    made = User.get(User.login == "aigerim")
    assert (made.display_name, made.language, made.is_reviewer, made.is_coordinator) == ("Айгерим", "kk", True, False)
    assert made.role_in(world["group"]) == Membership.LEAD
    assert stranger.get("/people").status_code == 200  # signed in, and a lead sees the group's members
    event = AuditEvent.get(AuditEvent.kind == AuditEvent.USER_CREATED)
    assert (event.actor.login, event.subject.login, event.detail) == ("coordinator", "aigerim", "invitation")


def test_an_invitation_works_once(app, world, person):
    path = invite(person("coordinator"), world, alpha="member")
    assert accept(app.test_client(), path).status_code == 302
    again = app.test_client()
    assert again.get(path).status_code == 410
    assert accept(again, path, login="second").status_code == 410
    assert not User.select().where(User.login == "second").exists()


def test_an_expired_or_withdrawn_invitation_does_not_work(app, world, person):
    coordinator = person("coordinator")
    expired, withdrawn = invite(coordinator, world), invite(coordinator, world, name="Second")
    AccessLink.update(expires_at=utcnow() - timedelta(seconds=1)).where(
        AccessLink.display_name == "Айгерим Нурланова").execute()
    second = AccessLink.get(AccessLink.display_name == "Second")
    assert "Second" in coordinator.get("/people").text
    assert coordinator.post(f"/people/links/{second.id}/withdraw").status_code == 302
    assert "Second" not in coordinator.get("/people").text
    for path in (expired, withdrawn):
        assert app.test_client().get(path).status_code == 410
        assert accept(app.test_client(), path).status_code == 410
    assert User.select().count() == 6


def test_links_expire_after_the_configured_time(world, person):
    invite(person("coordinator"), world)
    link = AccessLink.get()
    assert timedelta(days=7) - timedelta(minutes=1) < link.expires_at - link.created_at <= timedelta(days=7)


@pytest.mark.parametrize("token", ["x", "A" * 43, "A" * 5000])
def test_an_unknown_token_is_one_answer(client, world, token):
    assert client.get(f"/welcome/{token}").status_code == 410
    assert client.get(f"/reset/{token}").status_code == 410


def test_only_a_hash_of_the_token_is_kept(world, person):
    path = invite(person("coordinator"), world)
    token = path.rsplit("/", 1)[1]
    assert len(token) >= 40 and AccessLink.get().token_hash != token and token not in AccessLink.get().token_hash


@pytest.mark.parametrize("form, field_error", [
    ({"login": "member"}, "Someone has this login already."),
    ({"login": "two words"}, "Letters, digits and . _ @ - only"),
    ({"login": ""}, "This field is required."),
    ({"new": "short", "repeat": "short"}, "at least 12 characters"),
    ({"repeat": "something else entirely"}, "The two new passwords differ."),
    ({"display_name": ""}, "This field is required."),
])
def test_a_refused_account_keeps_the_link_and_the_form(app, world, person, form, field_error):
    path = invite(person("coordinator"), world, alpha="member")
    stranger = app.test_client()
    page = accept(stranger, path, **form)
    assert page.status_code == 400 and field_error in page.text
    assert NEW not in page.text  # passwords are never sent back
    assert accept(stranger, path, login="aigerim2").status_code == 302  # the link still works


def test_a_lead_member_or_reviewer_cannot_invite_or_manage(world, person):
    for role in ("lead", "member", "reviewer", "other"):
        client = person(role)
        assert client.get("/people/invite").status_code == 403
        assert client.post("/people/invite", data={"display_name": "X"}).status_code == 403
        assert client.get("/people/1").status_code == 403
        assert client.post("/people/1", data={"coordinator": "y"}).status_code == 403
        assert client.post("/people/1/reset-link").status_code == 403
        assert client.post("/people/links/1/withdraw").status_code == 403
    assert AccessLink.select().count() == 0
    assert not User.get(User.login == "member").is_coordinator


def test_the_coordinator_sets_roles_and_groups(world, person):
    coordinator = person("coordinator")
    member = User.get(User.login == "member")
    page = coordinator.get(f"/people/{member.id}")
    assert page.status_code == 200 and "Civil and political rights" in page.text
    other_group = Membership.get(Membership.user == User.get(User.login == "other")).group_id
    saved = coordinator.post(f"/people/{member.id}", data={
        "reviewer": "y", f"group_{world['group']}": "", f"group_{other_group}": "lead"})
    assert saved.status_code == 302
    member = User.get_by_id(member.id)
    assert member.is_reviewer and not member.is_coordinator
    assert member.roles_by_group == {other_group: Membership.LEAD}
    kinds = [e.kind for e in AuditEvent.select().where(AuditEvent.subject == member.id)]
    assert kinds.count(AuditEvent.ROLE_CHANGED) == 1 and kinds.count(AuditEvent.MEMBERSHIP_CHANGED) == 2


def test_the_roles_take_effect_at_the_next_request(world, person):
    member_client = person("member")
    assert member_client.get(f"/sections/{world['sections']['own']}/edit").status_code == 200
    member = User.get(User.login == "member")
    person("coordinator").post(f"/people/{member.id}", data={f"group_{world['group']}": ""})
    assert member_client.get(f"/sections/{world['sections']['own']}/edit").status_code == 403


def test_the_coordinator_cannot_drop_their_own_coordinator_role(world, person):
    coordinator = person("coordinator")
    me = User.get(User.login == "coordinator")
    page = coordinator.post(f"/people/{me.id}", data={"reviewer": "y"})
    assert page.status_code == 400 and "You cannot take away your own coordinator role" in page.text
    assert "checked" in re.search(r'<input[^>]*id="reviewer"[^>]*>', page.text).group(0)  # kept as ticked
    assert User.get_by_id(me.id).is_coordinator and not User.get_by_id(me.id).is_reviewer


def test_unknown_ids_are_404(person, world):
    coordinator = person("coordinator")
    assert coordinator.get("/people/9999").status_code == 404
    assert coordinator.post("/people/9999/reset-link").status_code == 404
    assert coordinator.post("/people/links/9999/withdraw").status_code == 404


def test_a_reset_link_sets_a_new_password_once_and_ends_every_session(app, world, person):
    member = User.get(User.login == "member")
    open_session = person("member")
    page = person("coordinator").post(f"/people/{member.id}/reset-link")
    assert page.status_code == 200 and "member" in page.text
    path = link_in(page)
    assert path.startswith("/reset/")
    browser = app.test_client()
    assert browser.get(path).status_code == 200
    refused = browser.post(path, data={"new": "member-password-1", "repeat": "member-password-1"})
    assert refused.status_code == 400 and "must not contain the login" in refused.text
    assert browser.post(path, data={"new": NEW, "repeat": NEW}).status_code == 302
    assert browser.get("/account").status_code == 200  # signed in
    assert open_session.get("/account").status_code == 302  # the old session ended
    assert sign_in(app.test_client(), "member", PASSWORD).status_code == 200
    assert sign_in(app.test_client(), "member", NEW).status_code == 302
    assert app.test_client().post(path, data={"new": NEW + "x", "repeat": NEW + "x"}).status_code == 410
    event = AuditEvent.get(AuditEvent.kind == AuditEvent.PASSWORD_CHANGED)
    assert (event.actor.login, event.subject.login, event.detail) == ("coordinator", "member", "reset link")


def test_a_new_reset_link_withdraws_the_earlier_one(app, world, person):
    coordinator = person("coordinator")
    member = User.get(User.login == "member")
    first = link_in(coordinator.post(f"/people/{member.id}/reset-link"))
    second = link_in(coordinator.post(f"/people/{member.id}/reset-link"))
    assert app.test_client().get(first).status_code == 410
    assert app.test_client().get(second).status_code == 200


def test_a_switched_off_account_gets_its_password_but_is_not_signed_in(app, world, person):
    path = link_in(person("coordinator").post(f"/people/{world['inactive']}/reset-link"))
    browser = app.test_client()
    done = browser.post(path, data={"new": NEW, "repeat": NEW})
    assert done.status_code == 302 and done.location.endswith("/login")
    assert browser.get("/account").status_code == 302
    assert sign_in(app.test_client(), "inactive", NEW).status_code == 200  # still refused


def test_the_people_page_lists_links_not_used_yet(world, person):
    coordinator = person("coordinator")
    invite(coordinator, world, name="Гүлнар")
    member = User.get(User.login == "member")
    coordinator.post(f"/people/{member.id}/reset-link")
    page = coordinator.get("/people").text
    assert "Invitation for Гүлнар" in page and "Password reset for Member" in page
    assert "Links not used yet" not in person("lead").get("/people").text


def test_names_are_shown_as_text(app, world, person):
    path = invite(person("coordinator"), world, name="<script>alert(1)</script>")
    page = app.test_client().get(path)
    assert "<script>alert(1)</script>" not in page.text and "&lt;script&gt;" in page.text


def test_people_racing_for_one_link_make_one_account(app, world, person):
    """Ten browsers send the same invitation at once: one account, and a clear answer for the others."""
    path = invite(person("coordinator"), world, alpha="member")
    start = threading.Barrier(10)

    def send(number):
        client = app.test_client()
        start.wait()
        return accept(client, path, login=f"racer{number}").status_code

    with ThreadPoolExecutor(10) as pool:
        answers = sorted(pool.map(send, range(10)))
    assert answers == [302] + [410] * 9
    assert User.select().where(User.login.startswith("racer")).count() == 1
