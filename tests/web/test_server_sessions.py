"""Sessions kept on the server (login_sessions.py): signing out ends a session for every copy of its cookie;
a session ends SESSION_MAX_HOURS after signing in however busy it is, and after the idle timeout on the
server too; a new password or a switched-off account ends the copies as well; and a request writes the
session's last_seen only every few minutes."""
from datetime import timedelta

import pytest

from coalition.login_sessions import RENEWAL
from models import LoginSession, User, utcnow
from tests.helpers import sent_to_login, sign_in
from tests.web.test_account import change_password

pytestmark = pytest.mark.both_databases  # lifetimes compared in SQL


@pytest.fixture
def page(world):
    return lambda client: client.get("/account")


def copy(app, client):
    """Another browser with the client's session cookie, as someone who copied it would have."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def backdate(**ages) -> None:
    """Move the member's sessions' created_at or last_seen back by the times given."""
    LoginSession.update({getattr(LoginSession, name): utcnow() - age for name, age in ages.items()}).where(
        LoginSession.user == User.get(User.login == "member").id).execute()


def test_a_cookie_copied_before_signing_out_signs_no_one_in_after(app, person, page):
    member = person("member")
    thief = copy(app, member)
    assert page(thief).status_code == 200
    assert member.post("/logout").status_code == 302
    assert sent_to_login(page(thief))
    assert sent_to_login(thief.post("/account", data={"display_name": "Mallory", "language": "en"}))
    assert User.get(User.login == "member").display_name == "Member"


def test_signing_out_ends_only_that_session(person, page):
    laptop, phone = person("member"), person("member")
    laptop.post("/logout")
    assert page(phone).status_code == 200


@pytest.mark.parametrize(("config", "hours"), [({}, 12), ({"SESSION_MAX_HOURS": 2}, 2)])
def test_a_session_ends_its_lifetime_after_signing_in_however_busy(make_app, world, config, hours):
    client = make_app(**config).test_client()
    assert sign_in(client, "member").status_code == 302
    backdate(created_at=timedelta(hours=hours, minutes=-1))
    assert client.get("/account").status_code == 200
    backdate(created_at=timedelta(hours=hours, minutes=1))
    assert sent_to_login(client.get("/account"))


def test_a_session_idle_on_the_server_ends_whatever_its_cookie(make_app, world):
    client = make_app(IDLE_TIMEOUT_MINUTES=30).test_client()
    sign_in(client, "member")
    backdate(last_seen=timedelta(minutes=31))
    assert sent_to_login(client.get("/account"))


def test_last_seen_is_written_only_every_few_minutes(person, page):
    member = person("member")
    page(member)
    seen = LoginSession.get().last_seen
    for _ in range(3):
        assert page(member).status_code == 200
    assert LoginSession.get().last_seen == seen
    backdate(last_seen=RENEWAL + timedelta(seconds=1))
    assert page(member).status_code == 200
    assert LoginSession.get().last_seen > utcnow() - timedelta(seconds=5)


def test_a_new_password_ends_the_copies_of_other_sessions(app, person, page):
    here, elsewhere = person("member"), person("member")
    copied = copy(app, elsewhere)
    assert change_password(here).status_code == 302
    assert page(here).status_code == 200
    assert sent_to_login(page(elsewhere)) and sent_to_login(page(copied))


def test_a_switched_off_account_stays_signed_out_when_switched_on_again(person, page, world):
    member, coordinator = person("member"), person("coordinator")
    member_id = User.get(User.login == "member").id
    assert coordinator.post(f"/people/{member_id}/deactivate").status_code == 302
    assert coordinator.post(f"/people/{member_id}/reactivate").status_code == 302
    assert sent_to_login(page(member))
    assert not LoginSession.select().where(LoginSession.user == member_id, LoginSession.ended_at.is_null()).exists()
