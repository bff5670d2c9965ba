"""Browser fixtures: the app on a local port, Debian's Chromium, and pages that never leave 127.0.0.1.

One server runs for the whole session; each test gets a fresh app on its own database (the `world`
of tests/conftest.py, with real CSRF), so no test depends on another's revisions.
"""
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect, sync_playwright
from werkzeug.serving import make_server

import config

CHROMIUM = "/usr/bin/chromium"
# A slow or busy machine (CI, a laptop) must not fail a flow that only took longer: wait up to 15 s.
expect.set_options(timeout=15_000)
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
HTMX_FILE = Path(__file__).parents[2] / "vendor/node_modules/htmx.org/dist/htmx.min.js"


class CurrentApp:
    """The WSGI app the server hands each request to: the running test's."""

    app = None

    def __call__(self, environ, start_response):
        return self.app(environ, start_response)


@pytest.fixture(scope="session")
def live_server():
    current = CurrentApp()
    server = make_server("127.0.0.1", 0, current, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, current
    server.shutdown()
    thread.join()


@pytest.fixture
def database_url(tmp_path):
    """The flows run on SQLite; the database-backed tests cover PostgreSQL as well."""
    return f"sqlite:///{tmp_path}/test.sqlite3"


@pytest.fixture
def app_config():
    """More config for this test's app; a test module overrides it (e.g. to build exports in the background)."""
    return {}


@pytest.fixture
def app(make_app, app_config):
    """Overrides tests/conftest.py's app: the browser sends real CSRF tokens."""
    return make_app(WTF_CSRF_ENABLED=True, **app_config)


@pytest.fixture
def server(live_server, app, world):
    """The base URL, serving this test's app and world."""
    http_server, current = live_server
    current.app = app
    yield f"http://127.0.0.1:{http_server.server_port}"
    current.app = None


@pytest.fixture(scope="session")
def browser():
    # `make test` installs Chromium, so a missing one is an error, never a skip.
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: run `make test` to install it"
    assert HTMX_FILE.exists(), f"{HTMX_FILE} is missing: run `make test` to install it"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def serve_htmx(route):
    route.fulfill(path=HTMX_FILE, content_type="application/javascript",
                  headers={"Access-Control-Allow-Origin": "*"})


class Pages:
    """new(): a page in a fresh English context; `outside` lists every request aimed off this machine."""

    def __init__(self, browser, base_url):
        self.browser, self.base_url = browser, base_url
        self.contexts, self.outside = [], []

    def new(self, javascript=True):
        context = self.browser.new_context(base_url=self.base_url, java_script_enabled=javascript,
                                           locale="en-US")
        context.route("**/*", self._local_only)
        context.route(config.HTMX_CDN_URL, serve_htmx)  # registered later, so it wins for this URL
        self.contexts.append(context)
        return context.new_page()

    def _local_only(self, route):
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def close(self):
        for context in self.contexts:
            context.close()


@pytest.fixture
def pages(browser, server):
    pages = Pages(browser, server)
    yield pages
    pages.close()
    assert pages.outside == [], f"requests left the machine: {pages.outside}"


@pytest.fixture
def page(pages):
    return pages.new()
