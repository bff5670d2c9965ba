"""A GET only reads: no route answers a GET by writing to the database, for any role, on either database. A write
on a page view would make every reader wait for SQLite's one write lock, which savers need (issue 23): what a page
view used to record (presence, what was seen) a POST of its own records now.

One write is left, and not seen here: a sign-in session's last_seen, renewed at most every five minutes
(coalition/login_sessions.RENEWAL), so that someone who only reads stays signed in."""
import pytest

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
        count_queries.clear()
        request(client, world, things, endpoint)
        found += [f"{role}: {sql[:90]}" for sql in writes(count_queries)]
    assert not found, "\n".join(found)


def test_the_check_sees_a_write():
    assert writes(["SELECT 1", "PRAGMA foreign_keys = 1", "BEGIN", 'INSERT INTO "presence" ("user_id") VALUES (?)',
                   ' update "user" SET "active" = ?', "COMMIT"]) == [
        'INSERT INTO "presence" ("user_id") VALUES (?)', ' update "user" SET "active" = ?']
