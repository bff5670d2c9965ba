"""Migration step "UN files": a database as the step before left it (on SQLite and PostgreSQL) gains the
report's keywords, count rule and layout, and a submitted version's Word file, and keeps the versions already
frozen, which have only their PDF."""
import pytest

from models import Report, Submission, User
from ops import migrations
from tests.domain.old_schema import database_at, insert_old

pytestmark = pytest.mark.both_databases  # a schema step: each database's DDL

STEP = migrations.STEPS.index(migrations.un_files) + 1


@pytest.mark.empty_database
def test_upgrade_adds_the_new_columns_and_keeps_every_version(database_url):
    database = database_at(database_url, STEP - 1)
    assert "count_rule" not in {c.name for c in database.get_columns("report")}
    assert "docx" not in {c.name for c in database.get_columns("submission")}
    report = insert_old(Report, title="Alternative report", country="Kazakhstan", mechanism="UPR")
    person = User.create(login="aigerim", display_name="Айгерим", password_hash="hash")
    insert_old(Submission, report=report, number=1, created_by=person.id, filename="report.pdf", pdf=b"%PDF-1.7",
               sha256="a" * 64)
    assert migrations.upgrade(database) == list(range(STEP, len(migrations.STEPS) + 1))
    for model in (Report, Submission):
        assert {c.name for c in database.get_columns(model._meta.table_name)} == {
            f.column_name for f in model._meta.sorted_fields}
    kept = Report.get_by_id(report)
    assert (kept.keywords, kept.count_rule, kept.layout) == ("", "strict", "standard")
    version = Submission.get()
    assert (bytes(version.pdf), version.sha256, version.docx, version.docx_sha256) == (b"%PDF-1.7", "a" * 64, None, "")
    assert migrations.upgrade(database) == []
    database.close()
