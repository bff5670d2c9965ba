"""Strangers cannot lock a known account out: past its limit on failed sign-ins, a login is refused (429, before
any password is checked, alike for logins that exist and that do not: test_login_limits.py), except on a browser
that signed in to that account lately, where the right password still works; the coordinator can lift the block.
The per-address limit stays hard for everyone, and each step is in the audit log."""
import pytest

from models import AuditEvent, User
from tests.helpers import sign_in

pytestmark = pytest.mark.both_databases  # the limits' counters: an upsert, windows compared in SQL

TOO_MANY = "Too many attempts. Wait a minute and try again."


@pytest.fixture
def browser(make_app, world):
    """browser(address): a new browser of an app whose accounts take 3 failures an hour."""
    app = make_app(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="100 per minute", LOGIN_ACCOUNT_RATE_LIMIT="3 per hour")

    def new(address="192.0.2.1"):
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = address
        return client

    return new


@pytest.fixture
def owners(browser):
    """The member's own laptop, signed out again, then three failures by strangers from three addresses."""
    laptop = browser("198.51.100.1")
    assert sign_in(laptop, "member").status_code == 302
    laptop.post("/logout")
    for number in range(3):
        assert sign_in(browser(f"203.0.113.{number}"), "member", "wrong password").status_code == 200
    return laptop


def refused(response) -> bool:
    return response.status_code == 429 and TOO_MANY in response.text


def kinds() -> list[str]:
    return [event.kind for event in AuditEvent.select().order_by(AuditEvent.id)]


def test_the_owner_signs_in_on_a_browser_they_used_while_strangers_are_refused(browser, owners):
    assert refused(sign_in(browser("203.0.113.9"), "member"))  # even with the right password
    assert sign_in(owners, "member").status_code == 302
    event = AuditEvent.select().where(AuditEvent.kind == AuditEvent.LOGIN).order_by(AuditEvent.id.desc()).get()
    assert event.actor.login == "member" and "limit" in event.detail


def test_a_known_browser_still_needs_the_right_password(owners):
    answer = sign_in(owners, "member", "wrong password")
    assert answer.status_code == 200 and "Wrong login or password." in answer.text


def test_a_browser_known_to_another_account_is_refused(browser, owners):
    lead = browser("198.51.100.2")
    assert sign_in(lead, "lead").status_code == 302
    lead.post("/logout")
    assert refused(sign_in(lead, "member"))


def test_a_forged_known_browser_cookie_is_refused(browser, owners):
    stranger = browser("203.0.113.9")
    stranger.set_cookie("known_browser", owners.get_cookie("known_browser").value + "x")
    assert refused(sign_in(stranger, "member"))


def test_the_known_browser_cookie_signs_no_one_in(browser, owners):
    stranger = browser("203.0.113.9")
    stranger.set_cookie("known_browser", owners.get_cookie("known_browser").value)
    assert stranger.get("/account").status_code == 302


def test_the_address_limit_holds_for_a_known_browser(make_app, world):
    client = make_app(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="2 per minute").test_client()
    assert sign_in(client, "member").status_code == 302
    client.post("/logout")
    assert sign_in(client, "member", "wrong password").status_code == 200
    assert refused(sign_in(client, "member"))


def test_the_coordinator_lifts_the_block(browser, owners):
    coordinator = browser("198.51.100.3")
    assert sign_in(coordinator, "coordinator").status_code == 302
    member = User.get(User.login == "member")
    page = coordinator.get(f"/people/{member.id}")
    assert "Lift the block" in page.text
    assert coordinator.post(f"/people/{member.id}/unblock").status_code == 302
    assert "Lift the block" not in coordinator.get(f"/people/{member.id}").text
    assert sign_in(browser("192.0.2.200"), "member").status_code == 302  # a new computer
    lifted = AuditEvent.get(AuditEvent.kind == AuditEvent.LOGIN_UNBLOCKED)
    assert lifted.actor.login == "coordinator" and lifted.subject.login == "member"


def test_only_the_coordinator_lifts_a_block(browser, owners):
    lead = browser("198.51.100.4")
    sign_in(lead, "lead")
    assert lead.post(f"/people/{User.get(User.login == 'member').id}/unblock").status_code == 403
    assert refused(sign_in(browser("192.0.2.200"), "member"))


def test_every_step_is_in_the_audit_log(browser, owners):
    sign_in(browser("203.0.113.9"), "member")
    sign_in(owners, "member")
    assert kinds() == ["login", "logout", "login_failed", "login_failed", "login_failed", "login_throttled", "login"]
