"""Static URLs carry their file's content hash, so that nginx can let browsers keep them for a year."""
import hashlib
import re
from pathlib import Path

from flask import url_for

from tests.helpers import PASSWORD

STATIC = Path(__file__).parents[2] / "static"


def test_the_stylesheet_url_names_its_content(client):
    link = re.search(r'<link rel="stylesheet" href="([^"]+)">', client.get("/login").text).group(1)
    digest = hashlib.sha256((STATIC / "style.css").read_bytes()).hexdigest()
    assert link == f"/static/style.css?v={digest[:10]}"


def test_the_stylesheets_fonts_are_named_by_their_content():
    """The stylesheet names its fonts itself (url() is not url_for): a font file changed without a new ?v= would
    stay the old one in browsers for a year."""
    named = re.findall(r'url\("(fonts/[^"?]+)\?v=(\w+)"\)', (STATIC / "style.css").read_text(encoding="utf-8"))
    assert len(named) == len(list((STATIC / "fonts").glob("*.woff2"))) == 8
    for path, version in named:
        digest = hashlib.sha256((STATIC / path).read_bytes()).hexdigest()[:10]
        assert version == digest, f"style.css should name {path}?v={digest}"


def test_flask_still_serves_a_versioned_url(client):
    response = client.get(url_for_static(client.application, "style.css"))
    assert response.status_code == 200 and response.data == (STATIC / "style.css").read_bytes()


def test_a_file_that_is_not_there_gets_no_version(client):
    assert url_for_static(client.application, "no-such-file.css") == "/static/no-such-file.css"
    assert url_for_static(client.application, "../app.py") == "/static/../app.py"


def test_a_self_hosted_htmx_is_versioned_too(world, make_app):
    """HTMX_URL names a file in static/ (pdf.css stands in for htmx.min.js here, which is not in the repository)."""
    client = make_app(HTMX_URL="/static/pdf.css", HTMX_INTEGRITY="").test_client()
    digest = hashlib.sha256((STATIC / "pdf.css").read_bytes()).hexdigest()[:10]
    assert f'<script src="/static/pdf.css?v={digest}" crossorigin="anonymous" defer>' in client.get("/login").text


def url_for_static(app, filename):
    with app.test_request_context():
        return url_for("static", filename=filename)


def test_a_self_hosted_toolbar_is_versioned_too(world, make_app):
    client = make_app(TOOLBAR_URL="/static/pdf.css", TOOLBAR_INTEGRITY="").test_client()
    digest = hashlib.sha256((STATIC / "pdf.css").read_bytes()).hexdigest()[:10]
    client.post("/login", data={"login": "member", "password": PASSWORD})
    editor = client.get(f"/sections/{world['sections']['own']}/edit").text
    assert f'<script type="module" src="/static/pdf.css?v={digest}" crossorigin="anonymous">' in editor
