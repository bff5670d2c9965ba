"""Migration step "revision_paragraphs": the revisions of a database as the step before left it are counted, each
its paragraphs that take a number in print."""
import pytest
from peewee import Table
from playhouse.migrate import SchemaMigrator

from models import Revision
from ops import migrations
from tests.domain.old_schema import database_at, insert_old, written_section

pytestmark = pytest.mark.both_databases  # a schema step: each database's DDL

STEP = migrations.STEPS.index(migrations.revision_paragraphs) + 1


@pytest.mark.empty_database
def test_upgrade_counts_each_revisions_numbered_paragraphs(database_url):
    database = database_at(database_url, STEP - 1)
    assert "paragraphs" not in {c.name for c in database.get_columns("revision")}
    section, person = written_section()  # revision 1: "Kept.\n"
    insert_old(Revision, section=section, number=2, author=person.id,
               body="## A heading\n\nOne.\nTwo.\n\n- a list item\n\nThree.\n")
    assert migrations.upgrade(database) == list(range(STEP, len(migrations.STEPS) + 1))
    assert [(r.number, r.paragraphs) for r in Revision.select().order_by(Revision.number)] == [(1, 1), (2, 3)]
    table = Table("revision", ("id", "number", "paragraphs")).bind(database)  # the model refuses updates
    table.update(paragraphs=7).where(table.number == 1).execute()
    migrations.revision_paragraphs(database, SchemaMigrator.from_database(database))  # again: no-op
    assert Revision.get(Revision.number == 1).paragraphs == 7
    database.close()
