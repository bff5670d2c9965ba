"""A new deployment: no account, no report. The first coordinator is made on a page that only the token printed
on the server's console opens, once; then the coordinator is led to set up the report."""
import io

import pytest

from coalition import first_run
from coalition.passwords import hash_password
from models import AuditEvent, User
from tests.helpers import PASSWORD

pytestmark = pytest.mark.both_databases  # first_run branches on the database

ACCOUNT = {"display_name": "Айгерим", "login": "aigerim", "new": PASSWORD, "repeat": PASSWORD, "language": "kk"}


@pytest.fixture
def setup_url(app):
    return f"/setup/{first_run.token(app.config['SECRET_KEY'])}"


def test_the_sign_in_page_says_where_the_first_account_is_made(client):
    assert "Nobody has an account here yet" in client.get("/login").text


def test_the_token_is_printed_only_while_there_is_no_account(app, setup_url, world):
    # world made accounts: nothing to announce.
    with app.app_context():
        out = io.StringIO()
        assert first_run.announce(app.config["SECRET_KEY"], "https://upr.example.org", out) is False
        assert out.getvalue() == ""


def test_the_token_is_printed_with_the_public_address(app, setup_url):
    with app.app_context():
        out = io.StringIO()
        assert first_run.announce(app.config["SECRET_KEY"], "https://upr.example.org/", out)
    assert f"https://upr.example.org{setup_url} " in out.getvalue() and "create-user" in out.getvalue()


def test_the_first_coordinator_is_made_and_led_to_set_up_the_report(client, setup_url):
    assert client.get(setup_url).status_code == 200
    response = client.post(setup_url, data=ACCOUNT)
    assert response.status_code == 302
    user = User.get(User.login == "aigerim")
    assert user.is_coordinator and user.display_name == "Айгерим" and user.language == "kk"
    assert AuditEvent.get(AuditEvent.kind == "user_created").detail == "coordinator, setup page"
    home = client.get("/")
    assert home.status_code == 200 and 'href="/reports/new"' in home.text
    # The page worked once: now it is gone, for everyone.
    assert client.get(setup_url).status_code == 410
    assert client.post(setup_url, data={**ACCOUNT, "login": "second"}).status_code == 410
    assert User.select().count() == 1


def test_a_wrong_token_opens_nothing(client, setup_url):
    assert client.get("/setup/" + "0" * 32).status_code == 410
    assert client.post("/setup/" + "0" * 32, data=ACCOUNT).status_code == 410
    assert not User.select().exists()


def test_the_page_is_gone_once_any_account_exists(client, setup_url, world):
    assert client.get(setup_url).status_code == 410


@pytest.mark.parametrize("change, error", [
    ({"new": "short", "repeat": "short"}, "at least 12 characters"),
    ({"repeat": "something else entirely"}, "The two new passwords differ."),
    ({"login": "with space"}, "without spaces"),
])
def test_a_refused_account_keeps_the_form(client, setup_url, change, error):
    response = client.post(setup_url, data={**ACCOUNT, **change})
    assert response.status_code == 400 and error in response.text and "Айгерим" in response.text
    assert not User.select().exists()


def test_before_a_report_exists_only_the_coordinator_is_offered_to_set_one_up(app, client, setup_url):
    client.post(setup_url, data=ACCOUNT)
    assert 'href="/reports/new"' in client.get("/").text
    User.create(login="member", display_name="Member", password_hash=hash_password(PASSWORD))
    member = app.test_client()
    assert member.post("/login", data={"login": "member", "password": PASSWORD}).status_code == 302
    page = member.get("/").text
    assert "has not set up a report yet" in page and 'href="/reports/new"' not in page
