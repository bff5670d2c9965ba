"""Sessions: they last across requests; they end when the password is changed (set-password), when the
account is switched off, and after IDLE_TIMEOUT_MINUTES without a request; every sign-in starts a new one;
a cookie without the token of an open session on the server signs nobody in. And the command line refuses
weak passwords. (Signing out and the absolute lifetime: test_server_sessions.py.)"""
import time
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from http.cookies import SimpleCookie

import pytest

from coalition import login_sessions
from coalition.passwords import verify_password
from models import AuditEvent, User
from tests.helpers import PASSWORD, sent_to_login, sign_in

pytestmark = pytest.mark.both_databases  # idle times compared in SQL

NEW_PASSWORD = "a new and longer secret"


@pytest.fixture
def page(world):
    """page(client): a page only a signed-in person may see."""
    return lambda client: client.get(f"/reports/{world['report']}")


def set_password(runner, login, password=NEW_PASSWORD):
    return runner.invoke(args=["set-password", login], input=f"{password}\n{password}\n")


def test_a_session_lasts_across_requests(person, page):
    member = person("member")
    for _ in range(3):
        assert page(member).status_code == 200


# A new password, or a switched-off account, ends the person's sessions and no one else's.

def test_set_password_ends_every_session_of_the_person(app, person, page, runner):
    laptop, phone, lead = person("member"), person("member"), person("lead")
    result = set_password(runner, "member")
    assert result.exit_code == 0, result.output
    assert sent_to_login(page(laptop)) and sent_to_login(page(phone))
    assert page(lead).status_code == 200
    assert sign_in(app.test_client(), "member", PASSWORD).status_code == 200  # the old password fails
    fresh = app.test_client()
    assert sign_in(fresh, "member", NEW_PASSWORD).status_code == 302
    assert page(fresh).status_code == 200
    assert sent_to_login(page(laptop))  # a new sign-in does not bring the old sessions back


def test_set_password_is_recorded_without_the_password(runner, world):
    assert set_password(runner, "member").exit_code == 0
    event = AuditEvent.get(AuditEvent.kind == AuditEvent.PASSWORD_CHANGED)
    assert event.actor_id is None and event.subject.login == "member"
    assert NEW_PASSWORD not in repr(list(AuditEvent.select().tuples()))


def test_switching_an_account_off_ends_its_session_at_the_next_request(person, page):
    member, lead = person("member"), person("lead")
    User.update(active=False).where(User.login == "member").execute()
    assert sent_to_login(page(member))
    assert page(lead).status_code == 200


# The idle timeout.

@pytest.mark.parametrize(("config", "minutes"), [({"IDLE_TIMEOUT_MINUTES": 30}, 30), ({}, 240)])
def test_the_session_cookie_expires_after_the_idle_timeout(make_app, world, config, minutes):
    client = make_app(**config).test_client()
    response = sign_in(client, "member", remember="y")
    cookies = SimpleCookie()
    for header in response.headers.getlist("Set-Cookie"):
        cookies.load(header)
    assert set(cookies) == {"session", "known_browser"}  # no remember-me cookie to outlive the session
    left = parsedate_to_datetime(cookies["session"]["expires"]) - datetime.now(UTC)
    assert timedelta(minutes=minutes - 1) < left <= timedelta(minutes=minutes)


@pytest.fixture
def clock(monkeypatch):
    """clock(minutes) moves time.time forward: the time Flask's session signer stamps and the app's renewal
    of the session (every few minutes) both read.

    The cookie session carries the time it was signed, and Flask refuses one signed longer ago than the
    session lifetime (the idle timeout), whatever the cookie's Expires says. Moving the clock, rather than
    sleeping or shrinking the timeout below a minute, tests exactly that check in minutes. The test client
    keeps sending the cookie past its Expires, as a copied cookie would be sent: so a refusal here is the
    server's own."""
    offset = 0
    real = time.time

    def advance(minutes):
        nonlocal offset
        offset += int(minutes * 60)

    monkeypatch.setattr(time, "time", lambda: real() + offset)
    return advance


@pytest.fixture
def member(make_app, world):
    client = make_app(IDLE_TIMEOUT_MINUTES=30).test_client()
    assert sign_in(client, "member").status_code == 302
    return client


def test_a_session_idle_longer_than_the_timeout_is_refused(member, page, clock):
    clock(29)
    assert page(member).status_code == 200
    clock(31)
    assert sent_to_login(page(member))


def test_every_request_restarts_the_idle_timeout(member, page, clock):
    for _ in range(4):  # two hours in all, never idle for half an hour
        clock(25)
        assert page(member).status_code == 200


# A session is the person's id and the token of an open session of theirs on the server, nothing else.

def member_id() -> int:
    return User.get(User.login == "member").id


def forge(client, user_id: str, token: str) -> None:
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"], session["sid"] = user_id, True, token


@pytest.fixture
def member_token(world):
    """The token of an open session of the member's (what a signed cookie of theirs would carry)."""
    return login_sessions.begin(User.get(User.login == "member"))


def test_a_session_with_its_token_is_signed_in(client, page, member_token):
    """The control for the forgeries below: the same forging signs in when id and token are right."""
    forge(client, str(member_id()), member_token)
    assert page(client).status_code == 200


@pytest.mark.parametrize("forged", ["{id}.0", "{id}.1", "x", "abc", "", " {id}", "-{id}", "0x{id}", "{id}²",
                                    "²{id}", "99999999999999999999"])
def test_a_session_id_that_is_not_the_persons_is_not_signed_in(client, page, member_token, forged):
    forge(client, forged.format(id=member_id()), member_token)
    assert sent_to_login(page(client))


@pytest.mark.parametrize("altered", [lambda t: "", lambda t: "x", lambda t: t + "x", lambda t: t[:-1], str.upper])
def test_a_session_without_an_open_sessions_token_is_not_signed_in(client, page, member_token, altered):
    forge(client, str(member_id()), altered(member_token))
    assert sent_to_login(page(client))


def test_another_persons_token_signs_nobody_in(client, page, member_token):
    forge(client, str(User.get(User.login == "lead").id), member_token)
    assert sent_to_login(page(client))


def test_an_inactive_persons_session_is_not_signed_in(client, page):
    inactive = User.get(User.login == "inactive")
    forge(client, str(inactive.id), login_sessions.begin(inactive))
    assert sent_to_login(page(client))


# Every sign-in starts a new session.

def test_sign_in_starts_a_fresh_session(client, world):
    with client.session_transaction() as session:
        session["planted"] = "by whoever had this browser before"
    before = client.get_cookie("session").value
    assert sign_in(client, "member").status_code == 302
    assert client.get_cookie("session").value != before
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["_user_id"] == str(member_id()) and session["sid"] and session.permanent


# The command line refuses weak passwords, and then changes nothing.

WEAK = [("eleven char", "at least 12 characters"),
        ("newperson-2024-secret", "must not contain the login"),
        ("password1234", "common passwords")]


@pytest.mark.parametrize(("password", "message"), WEAK)
def test_create_user_refuses_a_weak_password(runner, world, password, message):
    result = runner.invoke(args=["create-user", "newperson", "--group", "Civil and political rights"],
                           input=f"{password}\n{password}\n")
    assert result.exit_code != 0 and message in result.output
    assert User.get_or_none(User.login == "newperson") is None
    assert not AuditEvent.select().where(AuditEvent.kind == AuditEvent.USER_CREATED).exists()


def test_create_user_checks_the_group_before_the_password(runner, world):
    result = runner.invoke(args=["create-user", "lost", "--group", "No such group"], input="pw\npw\n")
    assert result.exit_code != 0 and "No working group 'No such group'" in result.output


@pytest.mark.parametrize(("password", "message"), [(p.replace("newperson", "member"), m) for p, m in WEAK])
def test_set_password_refuses_a_weak_password(runner, person, page, password, message):
    member = person("member")
    result = set_password(runner, "member", password)
    assert result.exit_code != 0 and message in result.output
    user = User.get(User.login == "member")
    assert verify_password(user.password_hash, PASSWORD)
    assert not AuditEvent.select().where(AuditEvent.kind == AuditEvent.PASSWORD_CHANGED).exists()
    assert page(member).status_code == 200


def test_set_password_for_an_unknown_login(runner, world):
    result = set_password(runner, "nobody")
    assert result.exit_code != 0 and "No user with login 'nobody'" in result.output
