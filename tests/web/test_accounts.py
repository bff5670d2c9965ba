"""coalition/accounts.py: a person's own account, signing in and out, and a new password, each audited."""
from datetime import timedelta

from argon2 import PasswordHasher

from coalition import accounts, login_sessions
from models import AuditEvent, LoginSession, User
from tests.conftest import PASSWORD


def member() -> User:
    return User.get(User.login == "member")


def open_sessions(user: User) -> int:
    return LoginSession.select().where(LoginSession.user == user.id, LoginSession.ended_at.is_null()).count()


def test_signing_in_opens_a_session_and_is_audited(world):
    token = accounts.sign_in(member(), detail="past the account's limit, on a browser it used")
    assert login_sessions.person(member().id, token, timedelta(hours=1), timedelta(hours=1)) == member()
    event = AuditEvent.get(AuditEvent.kind == AuditEvent.LOGIN)
    assert (event.actor_id, event.detail) == (member().id, "past the account's limit, on a browser it used")


def test_a_password_hashed_with_old_parameters_is_hashed_again(world):
    old = PasswordHasher(time_cost=1, memory_cost=512, parallelism=1).hash(PASSWORD)
    User.update(password_hash=old).where(User.id == member().id).execute()
    accounts.sign_in(member())
    assert member().password_hash == old  # no password typed: nothing to hash again
    accounts.sign_in(member(), PASSWORD)
    assert member().password_hash != old and PasswordHasher().verify(member().password_hash, PASSWORD)


def test_signing_out_ends_the_session_and_is_audited(world):
    token = accounts.sign_in(member())
    accounts.sign_out(member(), token)
    assert open_sessions(member()) == 0
    assert AuditEvent.get(AuditEvent.kind == AuditEvent.LOGOUT).actor_id == member().id


def test_settings_are_saved_stripped(world):
    accounts.save_settings(member(), accounts.Settings(" Айгүл ", "kk", " aigul@example.org "))
    assert (member().display_name, member().language, member().email) == ("Айгүл", "kk", "aigul@example.org")
    accounts.choose_language(member(), "ru")
    assert member().language == "ru"


def test_a_new_password_ends_every_other_session(world):
    keeping, other = accounts.sign_in(member()), accounts.sign_in(member())
    accounts.change_password(member(), "new hash", keeping=keeping)
    assert member().password_hash == "new hash" and open_sessions(member()) == 1
    assert not LoginSession.select().where(LoginSession.token_hash == login_sessions._digest(other),
                                           LoginSession.ended_at.is_null()).exists()
    assert AuditEvent.get(AuditEvent.kind == AuditEvent.PASSWORD_CHANGED).subject_id == member().id


def test_a_failed_sign_in_is_counted_and_audited_naming_only_an_account(world):
    counted = []
    accounts.sign_in_failed("member", member(), inactive=False, count=counted.append)
    accounts.sign_in_failed("nobody", None, inactive=False, count=counted.append)
    assert counted == ["member", "nobody"]
    events = AuditEvent.select().where(AuditEvent.kind == AuditEvent.LOGIN_FAILED).order_by(AuditEvent.id)
    assert [(e.subject_id, e.detail) for e in events] == [(member().id, ""), (None, "")]
