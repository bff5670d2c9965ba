"""Limits on signing in: per address (every attempt), and per login name (failed attempts only, from any
address), answered with a friendly 429 page; unknown and existing logins look the same; every failure is
in the audit log."""
import re

import pytest

from models import AuditEvent
from tests.helpers import sign_in

pytestmark = pytest.mark.both_databases  # the limits' counters: an upsert, windows compared in SQL

TOO_MANY = "Too many attempts. Wait a minute and try again."
WRONG = "Wrong login or password."


@pytest.fixture
def limited(make_app, world):
    """limited(per_address=..., per_account=...): clients of an app with the login limits switched on."""

    def build(per_address="100 per minute", per_account="3 per hour"):
        app = make_app(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT=per_address, LOGIN_ACCOUNT_RATE_LIMIT=per_account)

        def client(address="192.0.2.1"):
            new = app.test_client()
            new.environ_base["REMOTE_ADDR"] = address
            return new

        return client

    return build


def refused(response) -> bool:
    return response.status_code == 429 and TOO_MANY in response.text and "<html" in response.text


def signed_in(client) -> bool:
    with client.session_transaction() as session:
        return "_user_id" in session


def page(response, login) -> str:
    """The page without what differs by design: the login typed, and each page's own CSRF token."""
    return re.sub(r"[\w-]{20,}\.[\w-]+\.[\w-]{20,}", "", response.text.replace(f'value="{login}"', ""))


def failures() -> list:
    """The login each failed sign-in names (None for an unknown one), oldest first."""
    rows = AuditEvent.select().where(AuditEvent.kind == AuditEvent.LOGIN_FAILED).order_by(AuditEvent.id)
    return [event.subject.login if event.subject_id else None for event in rows]


def test_failures_from_many_addresses_lock_the_account(limited):
    client = limited()
    for number in range(3):
        response = sign_in(client(f"203.0.113.{number}"), "member", "wrong password")
        assert response.status_code == 200 and WRONG in response.text
    attacked = client("198.51.100.7")
    assert refused(sign_in(attacked, "member"))  # even with the right password
    assert not signed_in(attacked)
    assert sign_in(client("203.0.113.0"), "lead").status_code == 302  # another account, a used address
    assert failures() == ["member"] * 3


def test_spaces_around_the_login_are_the_same_account(limited):
    """The sign-in strips the login, so the count must too: else each padding is three more guesses."""
    client = limited()
    for padded in ("member", " member", "member  "):
        assert sign_in(client(), padded, "wrong password").status_code == 200
    assert failures() == ["member"] * 3
    assert refused(sign_in(client(), "\tmember "))


def test_successful_sign_ins_do_not_count(limited):
    client = limited()
    browser = client()
    for _ in range(5):
        assert sign_in(browser, "member").status_code == 302
        assert browser.post("/logout").status_code == 302
    for _ in range(3):
        assert sign_in(browser, "member", "wrong password").status_code == 200
    assert refused(sign_in(client(), "member"))  # from a browser that never signed in to it


def test_the_address_limit_counts_every_attempt_on_any_account(limited):
    client = limited(per_address="3 per minute", per_account="100 per hour")
    one = client("203.0.113.5")
    assert sign_in(one, "member", "wrong password").status_code == 200
    assert sign_in(one, "nobody", "wrong password").status_code == 200
    assert sign_in(one, "other").status_code == 302
    one.post("/logout")
    assert refused(sign_in(one, "lead"))
    assert not signed_in(one)
    assert sign_in(client("203.0.113.6"), "member").status_code == 302  # another address is not affected


def test_unknown_and_existing_logins_look_the_same(limited):
    """Same status and page while counted, and the same refusal after: the limit tells nothing either."""
    client = limited()
    for _ in range(3):
        wrong = sign_in(client(), "member", "wrong password")
        unknown = sign_in(client(), "nobody", "wrong password")
        assert wrong.status_code == unknown.status_code == 200
        assert page(wrong, "member") == page(unknown, "nobody")
        assert WRONG in wrong.text
    wrong, unknown = sign_in(client(), "member", "wrong password"), sign_in(client(), "nobody", "wrong password")
    assert refused(wrong) and refused(unknown) and page(wrong, "") == page(unknown, "")
    assert failures() == ["member", None] * 3


def throttled() -> list:
    """(account named or None, source) of each refusal the audit log holds, oldest first."""
    rows = AuditEvent.select().where(AuditEvent.kind == AuditEvent.LOGIN_THROTTLED).order_by(AuditEvent.id)
    return [(event.subject.login if event.subject_id else None, event.source) for event in rows]


def test_refused_attempts_are_logged_once_per_burst(limited):
    """A script hammering a locked account leaves one line per account and address, not one per attempt."""
    client = limited()
    for _ in range(3):
        sign_in(client("203.0.113.9"), "member", "wrong password")
    for _ in range(5):
        assert refused(sign_in(client("203.0.113.9"), "member", "wrong password"))
    assert refused(sign_in(client("198.51.100.4"), "member"))
    lines = throttled()
    assert [login for login, _ in lines] == ["member", "member"]
    assert lines[0][1] != lines[1][1] and all(len(source) == 12 for _, source in lines)


def test_a_refused_unknown_login_is_not_kept(limited):
    client = limited(per_address="2 per minute", per_account="100 per hour")()
    sign_in(client, "member", "wrong password")
    sign_in(client, "member", "wrong password")
    assert refused(sign_in(client, "hunter2-typed-as-login", "x"))
    assert throttled() == [(None, throttled()[0][1])]
    assert not AuditEvent.select().where(AuditEvent.detail.contains("hunter2")).exists()
