"""Migration step "sessions and limits": a database as the step before left it (on SQLite and PostgreSQL) gains
the server-side sessions and the shared rate-limit counters, and keeps its people, who can then sign in."""
import pytest

from coalition import login_sessions
from models import LoginSession, RateCounter, User
from ops import migrations
from tests.domain.old_schema import database_at

pytestmark = pytest.mark.both_databases  # a schema step: each database's DDL

STEP = migrations.STEPS.index(migrations.sessions_and_limits) + 1


@pytest.mark.empty_database
def test_upgrade_adds_sessions_and_counters_and_keeps_every_account(database_url):
    database = database_at(database_url, STEP - 1)
    assert not database.table_exists("loginsession") and not database.table_exists("ratecounter")
    User.create(login="aigerim", display_name="Айгерим", password_hash="hash", is_coordinator=True)
    assert migrations.upgrade(database) == list(range(STEP, len(migrations.STEPS) + 1))
    for model in (LoginSession, RateCounter):
        assert {c.name for c in database.get_columns(model._meta.table_name)} == {
            f.column_name for f in model._meta.sorted_fields}
    person = User.get(User.login == "aigerim")
    assert (person.display_name, person.is_coordinator) == ("Айгерим", True)
    login_sessions.begin(person)
    assert LoginSession.get().user_id == person.id
    assert migrations.upgrade(database) == []
    database.close()
