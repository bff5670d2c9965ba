"""Browser fixtures: the app on a local port, Debian's Chromium, and pages that never leave 127.0.0.1.

One server runs for the whole session, and one Chromium (tests/conftest.py's `browser`); each test gets a fresh
app on its own database (the `world` of tests/conftest.py, with real CSRF), so no test depends on another's
revisions.
"""
import threading

import pytest
from werkzeug.serving import make_server

from tests.chromium import local_pages
from tests.shots import demo_site, differences


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
def app_config():
    """More config for this test's app; a test module overrides it (e.g. to build exports in the background)."""
    return {}


@pytest.fixture
def app(make_app, app_config, live_server):
    """Overrides tests/conftest.py's app: the browser sends real CSRF tokens, and the links the app hands out
    (invitations, resets) lead to the live server."""
    http_server, _ = live_server
    return make_app(WTF_CSRF_ENABLED=True, PUBLIC_URL=f"http://127.0.0.1:{http_server.server_port}", **app_config)


@pytest.fixture
def server(live_server, app, world):
    """The base URL, serving this test's app and world."""
    http_server, current = live_server
    current.app = app
    yield f"http://127.0.0.1:{http_server.server_port}"
    current.app = None


@pytest.fixture
def pages(browser, server):
    with local_pages(browser, server) as pages:
        yield pages


@pytest.fixture
def page(pages):
    return pages.new()


@pytest.fixture(scope="module")
def demo_coalition():
    """The demo coalition served under a fixed clock, seeded once for a module's screenshots (it takes a while)."""
    with demo_site() as site:
        yield site


@pytest.fixture
def pictures_as_before(request, browser, demo_coalition):
    """pictures_as_before("lead") fails, naming each picture, where that role's pages no longer look as their
    references (with --update-screenshots the pictures become the references instead)."""
    update = request.config.getoption("--update-screenshots")

    def check(role):
        found = differences(browser, demo_coalition, role, update)
        assert found == [], ("the layout changed (if on purpose, run `make screenshots`, look at the pictures and "
                             "commit them):\n" + "\n".join(found))

    return check
