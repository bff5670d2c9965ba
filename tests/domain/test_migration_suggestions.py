"""Migration step "suggestions": a database as the step before left it (on SQLite and PostgreSQL) gains the table of
suggested edits, which takes a suggestion on a section that existed before, and keeps the sections' texts."""
import pytest

from models import ImmutableRow, Revision, Section, Suggestion
from ops import migrations
from tests.domain.old_schema import database_at, written_section

pytestmark = pytest.mark.both_databases  # a schema step: each database's DDL

STEP = migrations.STEPS.index(migrations.suggestions) + 1


@pytest.mark.empty_database
def test_upgrade_adds_the_suggestions_table(database_url):
    database = database_at(database_url, STEP - 1)
    assert not database.table_exists("suggestion")
    section, person = written_section()
    assert migrations.upgrade(database) == list(range(STEP, len(migrations.STEPS) + 1))
    columns = {c.name for c in database.get_columns("suggestion")}
    assert columns == {f.column_name for f in Suggestion._meta.sorted_fields}
    suggestion = Suggestion.create(section=section, author=person, base_number=1, body="Kept, and more.\n")
    assert Section.get_by_id(section).open_suggestions() == 1
    with pytest.raises(ImmutableRow):
        suggestion.delete_instance()
    assert [r.body for r in Revision.select()] == ["Kept.\n"]
    assert migrations.upgrade(database) == []
    migrations.suggestions(database, None)  # run again on its own: nothing to do, nothing lost
    assert Suggestion.select().count() == 1
    database.close()
