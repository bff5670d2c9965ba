"""The very first account of a new deployment: a coordinator made on a setup page that only a token opens.

A fresh server left on the internet must not be claimed by whoever finds it first, so the page needs a token
printed on the server's console at start. The token is derived from SECRET_KEY (every worker knows it
without storing anything) and works only while there is no account at all: the account is made in the same
transaction that checks that, so two people sending the form at once cannot both become coordinators.
"""
import hashlib
import hmac
import sys
from contextlib import contextmanager

from peewee import SqliteDatabase

from coalition import audit
from models import AuditEvent, User, db


class AccountsExist(Exception):
    """Someone has made an account already: the setup page no longer works."""


def token(secret_key: str) -> str:
    return hmac.new(secret_key.encode(), b"first coordinator", hashlib.sha256).hexdigest()[:32]


def token_matches(secret_key: str, given: str) -> bool:
    return hmac.compare_digest(token(secret_key), given)


def needed() -> bool:
    """Whether the database has no account yet (and so the setup page works)."""
    return not User.select().exists()


def announce(secret_key: str, base_url: str, out=sys.stderr) -> bool:
    """Print the setup page's address on the console when there is no account yet; False when not needed."""
    if not needed():
        return False
    path = f"/setup/{token(secret_key)}"
    where = f"{base_url.rstrip('/')}{path}" if base_url else f"this server's address followed by {path}"
    print(f"No account exists yet. Make the first coordinator at {where} "
          "(or on this server: flask --app app create-user LOGIN --role coordinator).", file=out, flush=True)
    return True


def create_coordinator(login: str, display_name: str, password_hash: str, language: str) -> User:
    """The first account, a coordinator; AccountsExist if anyone made one first."""
    with _accounts_locked():
        if not needed():
            raise AccountsExist()
        user = User.create(login=login, display_name=display_name, password_hash=password_hash, language=language,
                           is_coordinator=True)
        audit.record(AuditEvent.USER_CREATED, subject=user, detail="coordinator, setup page")
    return user


@contextmanager
def _accounts_locked():
    """A transaction in which nobody else can add an account between the check and the insert."""
    if isinstance(db.obj, SqliteDatabase):
        with db.obj.atomic("IMMEDIATE"):  # SQLite's one writer, taken before the check
            yield
    else:
        with db.atomic():
            db.execute_sql('LOCK TABLE "user" IN SHARE ROW EXCLUSIVE MODE')
            yield
