import re

import pytest

from app import create_app
from config import HTMX_CDN_INTEGRITY, HTMX_CDN_URL, TOOLBAR_CDN_INTEGRITY, TOOLBAR_CDN_URL


def policy(response) -> dict[str, list[str]]:
    directives = (d.split() for d in response.headers["Content-Security-Policy"].split(";"))
    return {d[0]: d[1:] for d in directives if d}


def test_content_security_policy(client):
    csp = policy(client.get("/login"))
    assert csp["script-src"] == ["'self'", HTMX_CDN_URL, TOOLBAR_CDN_URL]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]


@pytest.mark.parametrize("path", ["/login", "/sections/{own}", "/sections/{own}/history"])
def test_headers_on_pages(world, client, login, path):
    login("member")
    headers = client.get(path.format(**world["sections"])).headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cache-Control"] == "no-store"
    assert "Content-Security-Policy" in headers


def test_htmx_script_is_pinned_with_subresource_integrity(client):
    tag = re.search(r"<script [^>]*></script>", client.get("/login").text).group(0)
    assert f'src="{HTMX_CDN_URL}"' in tag
    assert f'integrity="{HTMX_CDN_INTEGRITY}"' in tag and HTMX_CDN_INTEGRITY.startswith("sha384-")
    assert 'crossorigin="anonymous"' in tag


def test_the_toolbar_module_is_pinned_on_the_editor_only(world, client, login):
    login("member")
    editor = client.get(f"/sections/{world['sections']['own']}/edit").text
    tag = re.search(r'<script type="module" [^>]*></script>', editor).group(0)
    assert f'src="{TOOLBAR_CDN_URL}"' in tag
    assert f'integrity="{TOOLBAR_CDN_INTEGRITY}"' in tag and TOOLBAR_CDN_INTEGRITY.startswith("sha384-")
    assert 'crossorigin="anonymous"' in tag
    assert TOOLBAR_CDN_URL not in client.get(f"/sections/{world['sections']['own']}").text


def test_a_self_hosted_toolbar_leaves_the_policy(make_app):
    csp = policy(make_app(TOOLBAR_URL="/static/toolbar.js", TOOLBAR_INTEGRITY="").test_client().get("/login"))
    assert csp["script-src"] == ["'self'", HTMX_CDN_URL]


def test_session_cookie_flags(world, client, login):
    cookie = login("member").headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_default_config_sends_cookies_only_over_https(monkeypatch, tmp_path):
    monkeypatch.delenv("UPR_ENV", raising=False)
    monkeypatch.setenv("SECRET_KEY", "from the environment")
    monkeypatch.setenv("PUBLIC_URL", "https://upr.example.org")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/production.sqlite3")
    app = create_app()
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["REMEMBER_COOKIE_SECURE"] is True


@pytest.mark.parametrize(("role", "path", "status"), [
    (None, "/no/such/page", 404),
    ("reviewer", "/sections/{own}/edit", 403),
    ("member", "/sections/999/history", 404),
])
def test_error_pages_show_no_internals(world, client, login, role, path, status):
    if role:
        login(role)
    response = client.get(path.format(**world["sections"]))
    assert response.status_code == status
    assert "<html" in response.text
    for leak in ("Traceback", 'File "', "werkzeug", "peewee", ".py"):
        assert leak not in response.text
