"""Over HTTPS, Flask-WTF also checks that a POST comes from a page of our own origin (its Referer): our
referrer policy (same-origin) sends that Referer to us and to nobody else, so signing in works and a POST from
another origin, or from an http page, is still refused. And a browser that saw us over HTTPS stays on it."""
import re

import pytest

from tests.helpers import PASSWORD, csrf_token

ORIGIN = "https://upr.example.org"
REFUSED = "Your session form has expired"


@pytest.fixture
def client(world, make_app):
    return make_app(WTF_CSRF_ENABLED=True).test_client()


def sign_in(client, **headers):
    token = csrf_token(client.get("/login", base_url=ORIGIN).text)
    return client.post("/login", base_url=ORIGIN, headers=headers,
                       data={"login": "member", "password": PASSWORD, "csrf_token": token})


def test_a_post_from_our_own_page_passes(client):
    assert sign_in(client, Referer=f"{ORIGIN}/login").status_code == 302


@pytest.mark.parametrize("referer", [None, "https://elsewhere.example/login", "http://upr.example.org/login",
                                     "https://upr.example.org:8443/login"])
def test_a_post_without_our_origin_as_referer_is_refused(client, referer):
    response = sign_in(client, **({"Referer": referer} if referer else {}))
    assert response.status_code == 400 and REFUSED in response.text


def test_pages_send_a_referer_to_our_own_origin_only(client):
    page = client.get("/login", base_url=ORIGIN)
    assert page.headers["Referrer-Policy"] == "same-origin"
    assert re.search(r'<meta name="referrer" content="same-origin">', page.text)


def test_hsts_over_https_only(client):
    assert client.get("/login", base_url=ORIGIN).headers["Strict-Transport-Security"] == "max-age=31536000"
    assert "Strict-Transport-Security" not in client.get("/login").headers


def test_no_hsts_outside_production(world, make_app):
    client = make_app(PRODUCTION=False).test_client()
    assert "Strict-Transport-Security" not in client.get("/login", base_url=ORIGIN).headers
