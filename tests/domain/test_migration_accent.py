"""Migration step "accent": the reports of a database as the step before left it gain the app's own blue as their
accent colour."""
import pytest
from playhouse.migrate import SchemaMigrator

from models import Report
from ops import migrations
from tests.domain.old_schema import database_at, insert_old
from text.colours import DEFAULT_ACCENT

pytestmark = pytest.mark.both_databases  # a schema step: each database's DDL

STEP = migrations.STEPS.index(migrations.accent) + 1


@pytest.mark.empty_database
def test_upgrade_gives_reports_the_default_accent(database_url):
    database = database_at(database_url, STEP - 1)
    assert "accent" not in {c.name for c in database.get_columns("report")}
    old = insert_old(Report, title="Alternative report", country="Kazakhstan", mechanism="UPR")
    assert migrations.upgrade(database) == list(range(STEP, len(migrations.STEPS) + 1))
    assert [(r.id, r.accent) for r in Report.select()] == [(old, DEFAULT_ACCENT)]
    Report.update(accent="#7a1f5c").execute()
    migrations.accent(database, SchemaMigrator.from_database(database))  # again: no-op
    assert Report.get_by_id(old).accent == "#7a1f5c"
    database.close()
