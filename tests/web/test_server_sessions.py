"""Sessions kept on the server (login_sessions.py): signing out ends a session for every copy of its cookie;
a session ends SESSION_MAX_HOURS after signing in however busy it is, and after the idle timeout on the
server too; a new password or a switched-off account ends the copies as well; and only a request that writes
anyway renews the session's last_seen, every few minutes at most (a reader is kept signed in by the cookie's time)."""
import time
from datetime import timedelta

import pytest

from coalition.login_sessions import RENEWAL
from models import LoginSession, Membership, Section, User, utcnow
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


def age_cookie(client, age: timedelta) -> None:
    """Make the client's signed cookie say it was last renewed `age` ago."""
    with client.session_transaction() as cookie:
        cookie["renewed"] = int(time.time() - age.total_seconds())


@pytest.fixture
def reader(make_app, world):
    """The member, signed in where the idle timeout is 30 minutes, having read one page."""
    client = make_app(IDLE_TIMEOUT_MINUTES=30).test_client()
    sign_in(client, "member")
    assert client.get("/account").status_code == 200
    return client


def test_a_session_unused_past_the_idle_timeout_ends(reader):
    backdate(last_seen=timedelta(minutes=31))
    age_cookie(reader, timedelta(minutes=31))
    assert sent_to_login(reader.get("/account"))


def test_an_old_copy_of_the_cookie_ends_with_the_session_idle_on_the_server(reader):
    old_copy = copy(reader.application, reader)
    age_cookie(old_copy, timedelta(minutes=31))
    backdate(last_seen=timedelta(minutes=31))
    assert sent_to_login(old_copy.get("/account"))


def test_reading_keeps_a_session_alive_without_writing_to_the_server(reader):
    backdate(last_seen=timedelta(minutes=31))
    age_cookie(reader, timedelta(minutes=29))
    assert reader.get("/account").status_code == 200  # the cookie's time counts
    assert LoginSession.get().last_seen < utcnow() - timedelta(minutes=30)  # and nothing was written
    assert reader.get("/account").status_code == 200  # the cookie renewed itself on that answer


def test_last_seen_is_renewed_by_a_write_only_every_few_minutes(reader):
    def write():
        assert reader.post("/account", data={"display_name": "Member", "language": "en"}).status_code == 302
        return LoginSession.get().last_seen

    seen = write()
    for _ in range(3):
        assert write() == seen
    backdate(last_seen=RENEWAL + timedelta(seconds=1))
    assert write() > utcnow() - timedelta(seconds=5)


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


def test_the_person_and_all_their_memberships_come_with_the_session_in_one_query(world, person, count_queries):
    member = User.get(User.login == "member")
    beta = Section.get_by_id(world["sections"]["theirs"]).group_id
    Membership.create(user=member, group=beta, role=Membership.LEAD)  # in both groups now: two rows of the query
    client = person("member")
    count_queries.clear()
    for section in world["sections"].values():  # each group's section opens in the editor: both roles were read
        assert client.get(f"/sections/{section}/edit").status_code == 200
    identity = [sql for sql in count_queries if '"membership"' in sql]
    assert len(identity) == 2 and all('"loginsession"' in sql for sql in identity)  # one a request
