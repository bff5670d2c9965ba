"""The deployment tier: the app as deploy/ runs it (tests/deploy/stack.py: gunicorn from the systemd unit, behind
nginx with the repository's site file, over TLS, in production, PROXY_COUNT=1), on a PostgreSQL server of its
own, with the small coalition of tests/conftest.py; Chromium (ignoring the throwaway certificate) drives it."""
import secrets
from contextlib import contextmanager

import pytest

import models
from app import create_app
from coalition import audit
from tests import postgres
from tests.chromium import local_pages
from tests.conftest import build_world
from tests.deploy.stack import Deployment

LOGIN_LIMIT = 8  # sign-ins per minute from one address: the browsers sign in six times, a forger tries more


@pytest.fixture(scope="session")
def deployment(tmp_path_factory):
    database = postgres.Server()
    database.start()
    settings = {"SECRET_KEY": secrets.token_hex(32), "DATABASE_URL": database.url, "PROXY_COUNT": "1",
                "LOGIN_RATE_LIMIT": f"{LOGIN_LIMIT} per minute"}
    deployed = Deployment(tmp_path_factory.mktemp("deploy"), settings)
    try:
        deployed.start()  # init-db (the unit's ExecStartPre) makes the schema in the empty database
        # An app on the same database and key, for seeding and for reading what the server recorded.
        deployed.app = create_app({"TESTING": True, "SECRET_KEY": settings["SECRET_KEY"],
                                   "DATABASE_URL": database.url})
        deployed.world = build_world(deployed.app)
        models.db.close()
        yield deployed
    finally:
        deployed.stop()
        database.stop()


@pytest.fixture
def pages(browser, deployment):
    with local_pages(browser, deployment.base, ignore_https_errors=True) as pages:
        yield pages


@contextmanager
def recorded(deployment):
    """The deployment's database, for reading what the server recorded (other tiers bind the models elsewhere)."""
    models.db.initialize(models.open_database(deployment.settings["DATABASE_URL"]))
    try:
        with deployment.app.app_context():
            yield
    finally:
        models.db.close()


def source_of(deployment, address: str) -> str:
    """What the audit log keeps of a client's address (audit._source, with the server's key)."""
    with deployment.app.test_request_context(environ_base={"REMOTE_ADDR": address}):
        return audit._source()
