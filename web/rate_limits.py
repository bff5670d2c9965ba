"""Rate limits that every worker shares: a storage for the limits package (and so Flask-Limiter) kept in the
app's own database, `RATELIMIT_STORAGE_URI=database://`, the default; and the limit on failed sign-ins per
account, which refuses strangers but never the account's owner on a browser they signed in with."""
import time

from flask import current_app
from limits import parse_many
from limits.storage import Storage
from peewee import Case, PeeweeException

from models import RateCounter, db
from web.extensions import limiter


class DatabaseStorage(Storage):
    """Fixed-window counters in the RateCounter table: one row per limit and key, counted up in one statement
    (an upsert), so that two workers never both see the count before their own attempt."""

    STORAGE_SCHEME = ["database"]

    @property
    def base_exceptions(self):
        return PeeweeException

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        now = time.time()
        expired = RateCounter.expires_at <= now
        RateCounter.delete().where(expired, RateCounter.key != key).execute()  # rows no limit needs any more
        with db.atomic():
            (RateCounter.insert(key=key, count=amount, expires_at=now + expiry)
             .on_conflict(conflict_target=[RateCounter.key], update={
                 RateCounter.count: Case(None, [(expired, amount)], RateCounter.count + amount),
                 RateCounter.expires_at: Case(None, [(expired, now + expiry)], RateCounter.expires_at)})
             .execute())
            return RateCounter.select(RateCounter.count).where(RateCounter.key == key).scalar()

    def get(self, key: str) -> int:
        return self._current(key).select(RateCounter.count).scalar() or 0

    def get_expiry(self, key: str) -> float:
        return self._current(key).select(RateCounter.expires_at).scalar() or time.time()

    def check(self) -> bool:
        return db.execute_sql("SELECT 1").fetchone() is not None

    def reset(self) -> int:
        return RateCounter.delete().execute()

    def clear(self, key: str) -> None:
        RateCounter.delete().where(RateCounter.key == key).execute()

    @staticmethod
    def _current(key: str):
        return RateCounter.select().where(RateCounter.key == key, RateCounter.expires_at > time.time())


# Failed sign-ins per account. Counted by the login as typed (stripped and case-folded), whether or not an
# account has it, so that a refusal says nothing about which logins exist.

def _account(login: str) -> str:
    return login.strip().casefold()[:64]


def _limits():
    return parse_many(current_app.config["LOGIN_ACCOUNT_RATE_LIMIT"])


def account_blocked(login: str) -> bool:
    """Whether the login has had as many failed sign-ins as its limits allow."""
    return limiter.enabled and not all(limiter.limiter.test(item, "account", _account(login)) for item in _limits())


def account_failed(login: str) -> None:
    if limiter.enabled:
        for item in _limits():
            limiter.limiter.hit(item, "account", _account(login))


def lift_account_block(login: str) -> None:
    """The coordinator lets the account's sign-ins through again, from any browser."""
    if limiter.enabled:
        for item in _limits():
            limiter.limiter.clear(item, "account", _account(login))
