"""Migration step 7, "people": a database as step 6 left it (on SQLite and PostgreSQL) gains the invitation and
reset links and the organisations' groups, contacts and leaving dates, and keeps every organisation listed."""
import pytest

from models import AccessLink, Organisation, Participation, WorkingGroup
from ops import migrations
from tests.domain.old_schema import database_at

pytestmark = pytest.mark.both_databases  # a schema step: each database's DDL

LATER_STEPS = list(range(8, len(migrations.STEPS) + 1))


def columns(database, model) -> set[str]:
    return {c.name for c in database.get_columns(model._meta.table_name)}


@pytest.fixture
def version_six(database_url):
    database = database_at(database_url, 6)
    # As the old schema stored them: only the columns named (insert() would add every field with a default).
    marks = ", ".join([database.param] * 4)
    for name in ("Kazakhstan International Bureau", "Adilet"):
        database.execute_sql(f"INSERT INTO organisation (name, city, description, coordinates) VALUES ({marks})",
                             (name, "Almaty", "", False))
    yield database
    database.close()


@pytest.mark.empty_database
def test_the_fixture_is_at_version_six(version_six):
    assert not {AccessLink._meta.table_name, Participation._meta.table_name} & set(version_six.get_tables())
    assert not {"contact", "left_at"} & columns(version_six, Organisation)


@pytest.mark.empty_database
def test_upgrade_adds_links_and_participations_and_keeps_every_organisation_listed(version_six):
    assert migrations.upgrade(version_six) == [7] + LATER_STEPS
    for model in (AccessLink, Participation, Organisation):
        assert columns(version_six, model) == {f.column_name for f in model._meta.sorted_fields}, model.__name__
    assert [o.name for o in Organisation.members()] == ["Adilet", "Kazakhstan International Bureau"]
    assert {o.contact for o in Organisation.select()} == {""}
    group = WorkingGroup.create(name="G")
    Participation.create(organisation=Organisation.get(Organisation.name == "Adilet"), group=group)
    assert migrations.upgrade(version_six) == []
