"""Fixtures for the gunicorn tests."""
import pytest
from argon2 import PasswordHasher

from coalition import passwords
from models import db
from tests.concurrency.test_gunicorn import _seed


@pytest.fixture
def seeded(database_url, monkeypatch):
    """The coalition of test_gunicorn (one section per client) on the test's database."""
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    ids = _seed(database_url)
    yield ids
    db.close()
