"""A GET only reads: no route answers a GET by writing to the database, for any role, on either database. A write
on a page view would make every reader wait for SQLite's one write lock, which savers need (issue 23): what a page
view used to record (presence, what was seen) a POST of its own records now. A sign-in session's last_seen is
renewed by requests that write anyway; a reader stays signed in by the cookie's own renewal time."""
from datetime import timedelta

import pytest

from coalition.login_sessions import RENEWAL
from models import LoginSession, utcnow
from tests.web.routes import endpoints
from tests.web.test_route_matrix import ALLOWED, ROLES, request

pytestmark = pytest.mark.both_databases  # each database's own statements: an upsert, a transaction's
READS = ("SELECT", "PRAGMA", "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "SHOW", "SET")


def writes(statements: list[str]) -> list[str]:
    return [sql for sql in statements if not sql.lstrip().upper().startswith(READS)]


@pytest.mark.parametrize("endpoint", sorted(set(endpoints("GET")) & set(ALLOWED)))
def test_a_get_writes_nothing(person, world, things, count_queries, endpoint):
    found = []
    for role in ROLES:
        client = person(role)
        # Every session due for renewal: a GET that renewed one would show here.
        LoginSession.update(last_seen=utcnow() - RENEWAL - timedelta(seconds=1)).execute()
        count_queries.clear()
        request(client, world, things, endpoint)
        found += [f"{role}: {sql[:90]}" for sql in writes(count_queries)]
    assert not found, "\n".join(found)


def test_the_check_sees_a_write():
    assert writes(["SELECT 1", "PRAGMA foreign_keys = 1", "BEGIN", 'INSERT INTO "presence" ("user_id") VALUES (?)',
                   ' update "user" SET "active" = ?', "COMMIT"]) == [
        'INSERT INTO "presence" ("user_id") VALUES (?)', ' update "user" SET "active" = ?']
