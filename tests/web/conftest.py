"""Helpers for the web tests: sign in any client, count revisions, read a page's CSRF token."""
import re

import pytest
from argon2 import PasswordHasher

from coalition import passwords
from models import Revision
from tests.conftest import PASSWORD
from tests.web.recs import add


def sign_in(client, name, password=PASSWORD, **form):
    """Post the login form from any client (the `login` fixture only drives `client`)."""
    return client.post("/login", data={"login": name, "password": password, **form})


def csrf_token(html: str) -> str:
    """The token of the first hidden csrf_token input on a page."""
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch):
    """argon2 at its cheapest: `world` hashes six passwords per test, about a second at full cost."""
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def revision_count():
    def count(section_id: int) -> int:
        return Revision.select().where(Revision.section == section_id).count()

    return count


@pytest.fixture
def person(app, world):
    """person("member"): a client of its own, signed in as that person."""

    def signed_in(name):
        client = app.test_client()
        assert sign_in(client, name).status_code == 302
        return client

    return signed_in


@pytest.fixture
def own(world):
    """The id of the section of the group that lead and member belong to."""
    return world["sections"]["own"]


@pytest.fixture
def recs(world):
    """The world's 142.45 (alpha's), one of beta's and one nobody's yet."""
    return {"alpha": world["recommendation"], "beta": add(world, "142.9", group_key="beta"),
            "none": add(world, "142.10")}
