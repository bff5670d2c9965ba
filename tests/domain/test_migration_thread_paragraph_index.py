"""Migration step "thread_paragraph_index": the threads of a database as the step before left it gain the index of
their paragraph, none for those already there (they are placed by their text, as before)."""
import pytest
from playhouse.migrate import SchemaMigrator

from models import Thread
from ops import migrations
from tests.domain.old_schema import database_at, insert_old, written_section

pytestmark = pytest.mark.both_databases  # a schema step: each database's DDL

STEP = migrations.STEPS.index(migrations.thread_paragraph_index) + 1


@pytest.mark.empty_database
def test_upgrade_adds_the_paragraph_index_to_threads(database_url):
    database = database_at(database_url, STEP - 1)
    assert "paragraph_index" not in {c.name for c in database.get_columns("thread")}
    section, person = written_section()
    old = insert_old(Thread, section=section, revision_number=1, paragraph="Kept.", created_by=person.id)
    assert migrations.upgrade(database) == list(range(STEP, len(migrations.STEPS) + 1))
    assert [(t.id, t.paragraph, t.paragraph_index) for t in Thread.select()] == [(old, "Kept.", None)]
    Thread.create(section=section, revision_number=1, paragraph="Kept.", paragraph_index=0, created_by=person.id)
    migrations.thread_paragraph_index(database, SchemaMigrator.from_database(database))  # again: no-op
    assert [t.paragraph_index for t in Thread.select().order_by(Thread.id)] == [None, 0]
    database.close()
