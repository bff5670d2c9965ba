"""The database storage of rate limits (rate_limits.DatabaseStorage), on SQLite and PostgreSQL: a counter counts
within its window, keeps the window's end to the second, starts again once it has passed, and can be cleared."""
import time

import pytest

from models import RateCounter
from web.rate_limits import DatabaseStorage

pytestmark = pytest.mark.both_databases  # the counters' upsert and expiry, in each database's SQL


@pytest.fixture
def storage(app):
    return DatabaseStorage("database://")


def test_a_counter_counts_within_its_window(storage):
    started = time.time()
    assert [storage.incr("LIMITER/a", 60) for _ in range(3)] == [1, 2, 3]
    assert storage.incr("LIMITER/a", 60, amount=2) == 5
    assert storage.get("LIMITER/a") == 5 and storage.get("LIMITER/b") == 0
    assert started + 60 <= storage.get_expiry("LIMITER/a") <= time.time() + 60


def test_a_window_that_has_passed_starts_again(storage):
    storage.incr("LIMITER/a", 60)
    storage.incr("LIMITER/b", 60)
    RateCounter.update(expires_at=time.time() - 1).execute()
    assert storage.get("LIMITER/a") == 0
    assert storage.incr("LIMITER/a", 60) == 1
    assert [c.key for c in RateCounter.select()] == ["LIMITER/a"]  # the passed one is gone


def test_a_counter_can_be_cleared(storage):
    storage.incr("LIMITER/a", 60)
    storage.clear("LIMITER/a")
    assert storage.get("LIMITER/a") == 0 and storage.reset() == 0
