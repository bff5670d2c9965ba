"""Migration step 6, "removals": a database as step 5 left it (on SQLite, and on PostgreSQL where the step meets
a real ALTER TABLE ... ADD ... REFERENCES) gains the removal table and the sections' and groups' removal
columns, keeps every row it had with nothing removed, and can then record, enforce and undo a removal."""
import pytest
from peewee import IntegrityError
from playhouse.migrate import SchemaMigrator

from coalition import removals
from models import (
    MODELS,
    Activity,
    AuditEvent,
    Membership,
    Removal,
    Report,
    Revision,
    SchemaVersion,
    Section,
    User,
    WorkingGroup,
)
from ops import migrations
from tests.domain.old_schema import database_at, insert_old

pytestmark = pytest.mark.both_databases  # a schema step: each database's DDL

NEW_COLUMNS = {Section: "removal_id", WorkingGroup: "removal_id"}
LATER_STEPS = list(range(7, len(migrations.STEPS) + 1))


def columns(database, model) -> set[str]:
    return {c.name for c in database.get_columns(model._meta.table_name)}


def index_columns(database, model) -> set[tuple]:
    return {tuple(i.columns) for i in database.get_indexes(model._meta.table_name)}


def references(database, model) -> dict[str, str]:
    return {fk.column: f"{fk.dest_table}.{fk.dest_column}" for fk in database.get_foreign_keys(model._meta.table_name)}


@pytest.fixture
def version_five(database_url):
    """A database as step 5 (records) left it: every table but removal, and no removal columns."""
    database = database_at(database_url, 5)
    # Groups and sections as the old schema stored them: insert() names only the fields given and those with
    # a default, never the removal columns (create() would name every field). Step 6 leaves the user alone.
    amina = User.create(login="amina", display_name="Amina", password_hash="-", is_coordinator=True)
    group = WorkingGroup.insert(name="G", position=1).execute()
    Membership.insert(user=amina, group=group, role=Membership.LEAD).execute()
    report = insert_old(Report, title="R", country="K", mechanism="UPR")
    for title, position in (("Kept", 1), ("Also kept", 2)):
        Section.insert(report=report, group=group, title=title, position=position, status=Section.APPROVED,
                       approved_number=1).execute()
    for section in Section.select(Section.id):
        Revision.insert(section=section.id, number=1, author=amina, body="Kept.\n", words=1).execute()
    yield database
    database.close()


@pytest.mark.empty_database
def test_the_fixture_is_at_version_five(version_five):
    assert Removal._meta.table_name not in version_five.get_tables()
    for model, column in NEW_COLUMNS.items():
        assert column not in columns(version_five, model)
    assert migrations.current_version(version_five) == 5


@pytest.mark.empty_database
def test_upgrade_from_version_five_adds_the_removals(version_five):
    assert migrations.upgrade(version_five) == [6] + LATER_STEPS
    assert Removal._meta.table_name in version_five.get_tables()
    assert columns(version_five, Removal) == {f.column_name for f in Removal._meta.sorted_fields}
    for model, column in NEW_COLUMNS.items():
        assert columns(version_five, model) == {f.column_name for f in model._meta.sorted_fields}, model.__name__
        assert (column,) in index_columns(version_five, model), model.__name__
        assert references(version_five, model)[column] == "removal.id", model.__name__
        assert {c.name: c.null for c in version_five.get_columns(model._meta.table_name)}[column] is True


@pytest.mark.empty_database
def test_existing_rows_are_kept_and_nothing_is_removed(version_five):
    migrations.upgrade(version_five)
    assert [(s.title, s.status, s.approved_number, s.removal_id) for s in Section.select().order_by(Section.id)] == [
        ("Kept", Section.APPROVED, 1, None), ("Also kept", Section.APPROVED, 1, None)]
    assert [s.title for s in Section.live(Report.get().id)] == ["Kept", "Also kept"]
    assert [g.name for g in WorkingGroup.ordered()] == ["G"]
    assert [(r.body, r.author.login) for r in Revision.select()] == [("Kept.\n", "amina")] * 2
    assert version_five.execute_sql('SELECT COUNT(*) FROM "section" WHERE removal_id IS NULL').fetchone()[0] == 2
    assert Removal.select().count() == 0


@pytest.mark.empty_database
def test_a_removal_can_be_recorded_and_undone_after_the_upgrade(version_five):
    migrations.upgrade(version_five)
    amina, kept = User.get(User.login == "amina"), Section.get(Section.title == "Kept")
    removal = removals.remove_section(kept, amina)
    assert Section.get_by_id(kept.id).removal_id == removal.id
    assert [s.title for s in Section.live(Report.get().id)] == ["Also kept"]
    assert [(r.title, r.section_count) for r in removals.pending()] == [("Kept", 1)]
    group_removal = removals.remove_group(WorkingGroup.get(), amina)
    assert list(WorkingGroup.ordered()) == [] and list(Section.live(Report.get().id)) == []
    with pytest.raises(removals.GroupRemoved):
        removals.undo(removal, amina)
    assert removals.undo(group_removal, amina) and removals.undo(removal, amina)
    assert [s.title for s in Section.live(Report.get().id)] == ["Kept", "Also kept"]
    assert [e.kind for e in AuditEvent.select().order_by(AuditEvent.id)] == [
        "removed", "removed", "removal_undone", "removal_undone"]
    assert Activity.select().where(Activity.kind == Activity.REMOVE).count() == 2


@pytest.mark.empty_database
def test_the_new_columns_refuse_an_unknown_removal(version_five):
    migrations.upgrade(version_five)
    for model in NEW_COLUMNS:
        with pytest.raises(IntegrityError), version_five.atomic():
            model.update(removal=999).execute()


@pytest.mark.empty_database
def test_a_second_upgrade_and_the_step_run_again_change_nothing(version_five):
    assert migrations.upgrade(version_five) == [6] + LATER_STEPS
    before = {m._meta.table_name: columns(version_five, m) for m in MODELS}
    assert migrations.upgrade(version_five) == []
    migrations.removals(version_five, SchemaMigrator.from_database(version_five))
    assert {m._meta.table_name: columns(version_five, m) for m in MODELS} == before
    assert [v.version for v in SchemaVersion.select().order_by(SchemaVersion.version)] == [5, 6] + LATER_STEPS
    assert Section.select().count() == 2
