"""Sign-in limits through gunicorn with four workers count once for the whole server, not once per worker:
30 failed sign-ins in a row from one address, and the 11th is refused (LOGIN_RATE_LIMIT, 10 per minute); or,
from one login, the 21st (LOGIN_ACCOUNT_RATE_LIMIT, 20 per hour). With the default storage, the database."""
import pytest
import requests
from argon2 import PasswordHasher

from coalition import passwords
from tests.concurrency.test_gunicorn import REQUEST_TIMEOUT, Server, _seed
from tests.helpers import hidden

pytestmark = pytest.mark.both_databases  # counters shared by processes: each database's upsert under concurrency

ATTEMPTS = 30


@pytest.mark.parametrize(("settings", "first_refused"), [
    ({}, 11),
    ({"LOGIN_RATE_LIMIT": "1000 per minute"}, 21),
])
def test_failed_sign_ins_are_counted_once_for_every_worker(tmp_path, monkeypatch, database_url, settings,
                                                           first_refused):
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    # The server's own defaults: no RATELIMIT_STORAGE_URI from the test's environment.
    server = Server(tmp_path, database_url, settings={"RATELIMIT_STORAGE_URI": "database://", **settings})
    _seed(server.url)
    try:
        server.start()
        session = requests.Session()
        session.trust_env = False  # never through a proxy from the environment
        token = hidden(session.get(f"{server.base}/login", timeout=REQUEST_TIMEOUT).text, "csrf_token")
        answers = [session.post(f"{server.base}/login", allow_redirects=False, timeout=REQUEST_TIMEOUT, data={
            "login": "activist1", "password": "wrong password", "csrf_token": token}).status_code
            for _ in range(ATTEMPTS)]
    finally:
        server.stop()
    assert answers == [200] * (first_refused - 1) + [429] * (ATTEMPTS - first_refused + 1), server.stderr()[-4000:]
