"""What the server writes to its log and shows when something fails. The log never holds a section's
text, a comment, a password or a client's address, whatever level it is set to; an error page in
production never shows a stack trace, an exception's message or a file path."""
import logging

import pytest
from peewee import OperationalError

import views.sections
from coalition import revisions
from tests.helpers import PASSWORD, sign_in

TEXT = "Qzwx-marker testimony of a detained journalist."
COMMENT = "Vbnm-marker: the source is a lawyer in Almaty."
ADDRESS = "203.0.113.77"
INTERNALS = ("Traceback", "RuntimeError", "OperationalError", "/work/", 'File "', ".py", TEXT)


@pytest.fixture
def log(caplog):
    caplog.set_level(logging.DEBUG)  # the most an operator could ask for
    return caplog


@pytest.fixture
def production(make_app, world):
    """A client of the app as it runs in production: errors are answered, not raised into the test."""
    client = make_app(TESTING=False, DEBUG=False, PROPAGATE_EXCEPTIONS=False).test_client()
    client.environ_base["REMOTE_ADDR"] = ADDRESS
    return client


def test_a_working_day_leaves_no_text_password_or_address_in_the_log(make_app, world, log, monkeypatch):
    app = make_app(PROPAGATE_EXCEPTIONS=False, RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="100 per minute",
                   LOGIN_ACCOUNT_RATE_LIMIT="2 per hour")
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = ADDRESS
    own = world["sections"]["own"]
    assert sign_in(client, PASSWORD, "anything").status_code == 200  # the password typed as the login
    for _ in range(2):
        assert sign_in(client, "member", "wrong " + PASSWORD).status_code == 200
    assert sign_in(client, "member").status_code == 429  # refused: the limiter knows the address and login
    assert sign_in(client, "lead").status_code == 302
    assert client.post(f"/sections/{own}/preview", data={"body": TEXT}).status_code == 200
    assert client.post(f"/sections/{own}/draft", data={"body": TEXT, "base": 2, "editor": "e1"}).status_code == 302
    assert client.post(f"/sections/{own}/edit", data={"body": TEXT, "base": 2, "editor": "e1"}).status_code == 302
    overlapping = {"body": TEXT.replace("journalist", "blogger"), "base": 2, "editor": "e2"}
    assert client.post(f"/sections/{own}/edit", data=overlapping).status_code == 409
    assert client.post(f"/threads/{world['thread']}/comments", data={"body": COMMENT}).status_code == 302

    def broken(section, user, body, *args, **kwargs):
        raise RuntimeError(f"could not save {body!r}")  # as a bug that quotes what it choked on

    monkeypatch.setattr(revisions, "save", broken)
    assert client.post(f"/sections/{own}/edit", data={"body": TEXT + " again", "base": 3}).status_code == 500

    assert f"POST /sections/{own}/edit failed: RuntimeError" in log.text  # the log was captured
    for secret in (TEXT[:10], COMMENT[:10], PASSWORD, ADDRESS):
        assert secret not in log.text, secret


def test_an_unexpected_error_shows_a_plain_page(production, world, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError(f"/work/main/views/secret.py: {TEXT}")

    monkeypatch.setattr(views.sections, "presence_context", broken)
    assert sign_in(production, "member").status_code == 302
    url = f"/sections/{world['sections']['own']}"
    page = production.get(url)
    assert page.status_code == 500 and "Something went wrong on our side" in page.text
    assert "default-src 'self'" in page.headers["Content-Security-Policy"]
    fragment = production.get(url, headers={"HX-Request": "true"})
    assert fragment.status_code == 500 and fragment.headers["HX-Retarget"] == "#messages"
    for shown in (page.text, fragment.text):
        assert not [internal for internal in INTERNALS if internal in shown]


def test_a_database_failure_shows_the_busy_page_without_its_message(production, world, monkeypatch):
    def down(*args, **kwargs):
        raise OperationalError(f"could not connect to server at /var/run/postgresql: {TEXT}")

    assert sign_in(production, "member").status_code == 302
    monkeypatch.setattr(views.sections, "presence_context", down)
    page = production.get(f"/sections/{world['sections']['own']}")
    assert page.status_code == 503 and "The server is busy. Nothing was lost" in page.text
    assert not [internal for internal in INTERNALS + ("postgresql",) if internal in page.text]


@pytest.mark.parametrize("method, path, data, status, message", [
    ("GET", "/no/such/page", None, 404, "There is nothing at this address."),
    ("GET", "/sections/999999", None, 404, "There is nothing at this address."),
    ("GET", "/sections/99999999999999999999", None, 404, "There is nothing at this address."),
    ("DELETE", "/sections/1", None, 405, "This address does not accept that kind of request."),
    ("POST", "/sections/1/preview", {"body": "x" * (3 * 1024 * 1024)}, 413, "What you sent is too large."),
    ("GET", "/reports/1?q=%00", None, 400, "The request could not be understood."),
])
def test_error_pages_are_ours_and_plain(production, world, method, path, data, status, message):
    assert sign_in(production, "lead").status_code == 302
    page = production.open(path, method=method, data=data)
    assert page.status_code == status and message in page.text
    assert "<html" in page.text and "Werkzeug" not in page.text and "requested URL" not in page.text
    assert not [internal for internal in INTERNALS if internal in page.text]
