"""Fixtures: an app on a fresh database (SQLite, and PostgreSQL when its server is installed), a small
coalition in it, and signed-in clients."""
import os

import pytest
from argon2 import PasswordHasher

from app import create_app
from coalition import passwords, revisions
from coalition.passwords import hash_password
from models import (
    Comment,
    Membership,
    Recommendation,
    Removal,
    Report,
    Revision,
    Section,
    Thread,
    User,
    WorkingGroup,
    db,
)
from ops import migrations
from tests import postgres
from tests.helpers import PASSWORD

# An app built from the environment (and the servers the tests start) must not read this checkout's own
# instance/settings.env, which `make run` writes: an empty settings file for every test and its subprocesses.
os.environ["UPR_SETTINGS"] = os.devnull

WITHDRAWN_TEXT = "Withdrawn paragraph that no page or file may show."
# A test that uses a database runs on SQLite; one marked both_databases runs on PostgreSQL too (make test installs
# its server). The second run is kept for what the two can do differently: concurrency and locking, migrations,
# what PostgreSQL refuses and SQLite stores (NUL, values past a column's length or an integer's range), upserts,
# grouped queries, dates compared in SQL, transactions rolled back, backups. The rest (permissions, pages,
# files, validation) goes through the same SQL on both, and ran twice for nothing.
BACKENDS = ["sqlite"] + (["postgres"] if postgres.binaries() else [])


def pytest_addoption(parser):
    parser.addoption("--update-screenshots", action="store_true",
                     help="the screenshot tests replace their references (tests/screenshots) instead of comparing")


def pytest_generate_tests(metafunc):
    if "database_url" in metafunc.fixturenames:
        both = metafunc.definition.get_closest_marker("both_databases")
        only_sqlite = metafunc.definition.get_closest_marker("sqlite_only")
        metafunc.parametrize("database_url", BACKENDS if both and not only_sqlite else ["sqlite"], indirect=True)


@pytest.fixture(scope="session")
def postgres_server():
    server = postgres.Server()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def database_url(request, tmp_path):
    """A fresh, empty database: SQLite, or PostgreSQL for a test marked both_databases (pytest_generate_tests)."""
    if getattr(request, "param", "sqlite") == "sqlite":  # no param: asked for by name, with getfixturevalue
        yield f"sqlite:///{tmp_path}/test.sqlite3"
        return
    server = request.getfixturevalue("postgres_server")
    empty = request.node.get_closest_marker("empty_database")
    if empty:
        server.wipe()
    else:
        server.reset()
    yield server.url
    if empty:  # what the test built is not the schema a new database gets: the next test starts anew
        if db.obj is not None:  # None when no app was made in this process yet (the test run alone)
            db.close()
        server.wipe()


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch):
    """argon2 at its cheapest: `world` hashes six passwords per test, about a second at full cost (the browser
    and domain tests paid it too, and the browser's every sign-in)."""
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def make_app(database_url):
    """A factory, so a test can switch CSRF or rate limits on."""

    def build(**overrides):
        config = {"TESTING": True, "SECRET_KEY": "test", "DATABASE_URL": database_url,
                  "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False, "SESSION_COOKIE_SECURE": False,
                  "BABEL_DEFAULT_LOCALE": "en", "EXPORTS_IN_BACKGROUND": False, **overrides}
        app = create_app(config)
        with app.app_context():
            migrations.upgrade(db.obj)
        return app

    yield build
    db.close()  # the test's last connection, so the next test's database can be dropped


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def world(app):
    return build_world(app)


def build_world(app) -> dict:
    """Two groups, one person per role, one section per group with two revisions each, one comment, and
    one recommendation (142.45) assigned to the first group. The first group also has a section the
    coordinator removed (approved before that): every page and file that shows sections must leave it out."""
    with app.app_context():
        alpha = WorkingGroup.create(name="Civil and political rights", position=1)
        beta = WorkingGroup.create(name="Women's rights", position=2)
        people = {
            "coordinator": _user("coordinator", is_coordinator=True),
            "reviewer": _user("reviewer", is_reviewer=True),
            "lead": _user("lead", group=alpha, role=Membership.LEAD),
            "member": _user("member", group=alpha),
            "other": _user("other", group=beta),
            "inactive": _user("inactive", group=alpha, active=False),
        }
        # Its pages count the sections' text alone, so that their figures are the texts' words; the default rule
        # (headings, front matter and numbers too) is tested in tests/web/test_count_rule.py.
        report = Report.create(title="Joint submission", country="Kazakhstan", mechanism="UPR", count_rule="text")
        sections = {}
        for key, group in (("own", alpha), ("theirs", beta)):
            section = Section.create(report=report, group=group, title=f"{group.name} section", word_budget=500)
            revisions.save(section, people["lead"], "Первый вариант текста.", "first", 0)
            revisions.save(section, people["coordinator"], "Второй вариант текста, қазақша.", "second", 1)
            sections[key] = section.id
        removal = Removal.create(kind=Removal.SECTION, title="Withdrawn section", removed_by=people["coordinator"])
        withdrawn = Section.create(report=report, group=alpha, title="Withdrawn section", position=9,
                                   status=Section.APPROVED, approved_number=1, removal=removal)
        Revision.create(section=withdrawn, number=1, author=people["lead"], body=WITHDRAWN_TEXT, words=9)
        thread = Thread.create(section=sections["own"], revision_number=2, created_by=people["reviewer"])
        Comment.create(thread=thread, author=people["reviewer"], body="Please cite the source.")
        recommendation = Recommendation.create(
            report=report, number="142.45", document="A/HRC/43/10", group=alpha, response="supported",
            text="Bring the law on peaceful assemblies into line with article 21 of the Covenant.")
        return {"people": {k: u.login for k, u in people.items()}, "sections": sections, "report": report.id,
                "thread": thread.id, "recommendation": recommendation.id, "group": alpha.id, "removal": removal.id,
                "withdrawn": withdrawn.id, "inactive": people["inactive"].id}


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, one for the whole run: the browser tests and the deployment tests share it (Playwright's
    sync API starts once per thread)."""
    from playwright.sync_api import sync_playwright

    from tests.chromium import launch

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def blank_section(app):
    """A section nobody has written yet, in a report and group of its own."""
    with app.app_context():
        group = WorkingGroup.create(name="Group")
        report = Report.create(title="Report", country="Kazakhstan", mechanism="UPR")
        yield Section.create(report=report, group=group, title="Section")


def _user(login, group=None, role=Membership.MEMBER, **flags):
    user = User.create(login=login, display_name=login.title(), password_hash=hash_password(PASSWORD), **flags)
    if group is not None:
        Membership.create(user=user, group=group, role=role)
    return user


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def login(client):
    """login("lead") signs the test client in as that person."""

    def sign_in(name, password=PASSWORD):
        return client.post("/login", data={"login": name, "password": password})

    return sign_in
