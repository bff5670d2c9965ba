"""Migration step "export links": a database as the step before left it (on SQLite and PostgreSQL) gains each
person's own link to a file and the reason a build failed, and keeps the files already made."""
import pytest

from models import Export, ExportRequest, Report, User
from ops import migrations
from tests.domain.old_schema import database_at, insert_old

pytestmark = pytest.mark.both_databases  # a schema step: each database's DDL

STEP = migrations.STEPS.index(migrations.export_links) + 1


@pytest.mark.empty_database
def test_upgrade_adds_links_and_failures_and_keeps_every_file(database_url):
    database = database_at(database_url, STEP - 1)
    assert not database.table_exists("exportrequest")
    assert "failure" not in {c.name for c in database.get_columns("export")}
    report = insert_old(Report, title="Alternative report", country="Kazakhstan", mechanism="UPR")
    person = User.create(login="aigerim", display_name="Айгерим", password_hash="hash")
    # Only the columns the step before had: the model's insert leaves out those without a default.
    Export.insert(report=report, key="k", format="pdf", filename="report.pdf", status=Export.READY,
                  requested_by=person).execute()
    assert migrations.upgrade(database) == list(range(STEP, len(migrations.STEPS) + 1))
    for model in (Export, ExportRequest):
        assert {c.name for c in database.get_columns(model._meta.table_name)} == {
            f.column_name for f in model._meta.sorted_fields}
    kept = Export.get()
    assert (kept.key, kept.status, kept.failure) == ("k", "ready", None)
    assert ExportRequest.create(export=kept, user=person).readable_by(person)
    assert migrations.upgrade(database) == []
    database.close()
