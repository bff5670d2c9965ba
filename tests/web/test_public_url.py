"""Links the app sends out come from PUBLIC_URL only, and a request naming a host the app does not serve is
refused (a forged Host made mails link to evil.example)."""
import pytest

from models import User
from tests.helpers import sign_in

FORGED = {"Host": "evil.example"}


@pytest.fixture
def served_app(make_app):
    return make_app(PUBLIC_URL="https://upr.coalition.test", TRUSTED_HOSTS=["upr.coalition.test"])


def test_a_host_the_app_does_not_serve_is_refused(served_app, world):
    client = served_app.test_client()
    assert client.get("/login", headers=FORGED).status_code == 400
    assert client.get("/login", headers={"X-Forwarded-Host": "evil.example"},
                      base_url="https://upr.coalition.test").status_code == 200  # without a proxy: ignored
    assert client.get("/login", base_url="https://upr.coalition.test").status_code == 200


def test_mail_links_come_from_public_url_whatever_the_host(mail_app, mailed_world, inbox):
    handler, _ = inbox
    client = mail_app.test_client()
    client.environ_base["HTTP_HOST"] = "evil.example"  # every request, the sign-in too
    sign_in(client, "member")
    section = mailed_world["sections"]["own"]
    client.post(f"/sections/{section}/status", data={"action": "submit", "number": 2})
    texts = [message.get_content() for _, message in handler.messages]
    assert texts and all(f"https://upr.coalition.test/sections/{section}" in text for text in texts)
    assert not any("evil.example" in text for text in texts)


def test_invitation_and_reset_links_come_from_public_url(app, world):
    """Even where every host is answered (no TRUSTED_HOSTS), the links name PUBLIC_URL (here its default)."""
    client = app.test_client()
    client.environ_base["HTTP_HOST"] = "evil.example"
    sign_in(client, "coordinator")
    invited = client.post("/people/invite", data={"display_name": "Айгерим"})
    assert "http://127.0.0.1:5000/welcome/" in invited.text and "evil.example" not in invited.text
    with app.app_context():
        member = User.get(User.login == "member").id
    reset = client.post(f"/people/{member}/reset-link")
    assert "http://127.0.0.1:5000/reset/" in reset.text and "evil.example" not in reset.text
