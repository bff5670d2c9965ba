"""Migration step 5, "records": a database as step 4 left it gains the activity feed and its markers, the
audit log, submitted versions and people's e-mail, and keeps every row it had. Later steps run after it,
so the upgrade is checked to end where a new database starts."""
import hashlib

import pytest
from peewee import IntegrityError
from playhouse.migrate import SchemaMigrator, migrate

from models import (
    MODELS,
    Activity,
    AuditEvent,
    Comment,
    Draft,
    Export,
    FeedMark,
    Membership,
    Organisation,
    Presence,
    Removal,
    Report,
    Revision,
    SchemaVersion,
    Section,
    StatusChange,
    Submission,
    SubmittedSection,
    Thread,
    User,
    WorkingGroup,
    open_database,
)
from ops import migrations
from tests.domain.old_schema import insert_old, without_removals

pytestmark = pytest.mark.both_databases  # a schema step: each database's DDL

# The tables of steps 1-4 (shipped steps never change), and what step 5 adds to them.
VERSION_FOUR = [User, Organisation, WorkingGroup, Membership, Report, Section, Revision, StatusChange, Thread,
                Comment, Draft, Presence, Export]
NEW_TABLES = [Activity, FeedMark, AuditEvent, Submission, SubmittedSection]
NEW_USER_COLUMNS = ["email", "session_epoch"]
LATER_STEPS = list(range(6, len(migrations.STEPS) + 1))
PEOPLE = [("amina", "Amina", 1), ("bolat", "Bolat", 0)]


def columns(database, model) -> set[str]:
    return {c.name for c in database.get_columns(model._meta.table_name)}


def indexes(database, model) -> set[tuple]:
    return {(tuple(i.columns), i.unique) for i in database.get_indexes(model._meta.table_name)}


@pytest.fixture
def version_four(tmp_path):
    """A database as step 4 (review) left it: no feed, audit log or versions, no user.email or marker (nor
    the removals of step 6)."""
    database = open_database(f"sqlite:///{tmp_path}/v4.sqlite3")
    with database.bind_ctx(MODELS + [SchemaVersion]):
        database.create_tables(VERSION_FOUR + [Removal, SchemaVersion])
        without_removals(database)
        database.pragma("foreign_keys", 0)
        migrate(*[SchemaMigrator.from_database(database).drop_column(User._meta.table_name, name)
                  for name in NEW_USER_COLUMNS])
        database.pragma("foreign_keys", 1)
        SchemaVersion.create(version=4)
        # People as the old schema stored them (User.create would name the new columns).
        for login, name, coordinator in PEOPLE:
            database.execute_sql(
                'INSERT INTO "user" (login, display_name, password_hash, language, active, is_coordinator, '
                "is_reviewer, created_at) VALUES (?, ?, '-', 'ru', 1, ?, 0, '2024-01-01 00:00:00')",
                (login, name, coordinator))
        amina = database.execute_sql('SELECT id FROM "user" WHERE login = ?', ("amina",)).fetchone()[0]
        group = WorkingGroup.create(name="G")
        Membership.insert(user=amina, group=group, role=Membership.LEAD).execute()
        section = Section.create(report=insert_old(Report, title="R", country="K", mechanism="UPR"), group=group,
                                 title="S", status=Section.APPROVED, approved_number=1)
        Revision.insert(section=section, number=1, author=amina, body="Kept.\n", words=1).execute()
        yield database
    database.close()


@pytest.fixture
def fresh(tmp_path):
    """A database made new at the current schema, to compare the upgraded one with."""
    database = open_database(f"sqlite:///{tmp_path}/fresh.sqlite3")
    with database.bind_ctx(MODELS + [SchemaVersion]):
        migrations.upgrade(database)
    yield database
    database.close()


def test_the_fixture_is_at_version_four(version_four):
    tables = set(version_four.get_tables())
    assert not {m._meta.table_name for m in NEW_TABLES} & tables
    assert not set(NEW_USER_COLUMNS) & columns(version_four, User)
    assert migrations.current_version(version_four) == 4


def test_upgrade_from_version_four_adds_the_records(version_four):
    assert migrations.upgrade(version_four) == [5] + LATER_STEPS
    tables = set(version_four.get_tables())
    assert {m._meta.table_name for m in NEW_TABLES} <= tables
    assert set(NEW_USER_COLUMNS) <= columns(version_four, User)
    for model in NEW_TABLES:
        assert columns(version_four, model) == {f.column_name for f in model._meta.sorted_fields}


def test_existing_people_keep_their_rows_with_defaults(version_four):
    migrations.upgrade(version_four)
    people = [(u.login, u.display_name, u.is_coordinator, u.email) for u in User.select().order_by(User.login)]
    assert people == [("amina", "Amina", True, ""), ("bolat", "Bolat", False, "")]
    raw = version_four.execute_sql('SELECT email FROM "user"').fetchall()
    assert raw == [("",), ("",)]  # stored, not only defaulted by the model
    report = Report.get()
    assert FeedMark.select().count() == 0  # nobody has seen any of the (empty) feed yet
    assert [FeedMark.of(u, report.id) for u in User.select()] == [0, 0]
    amina = User.get(User.login == "amina")
    assert [m.role for m in Membership.select().where(Membership.user == amina)] == [Membership.LEAD]
    assert [(r.body, r.author_id) for r in Revision.select()] == [("Kept.\n", amina.id)]
    section = Section.get()
    assert (section.status, section.approved_number) == (Section.APPROVED, 1)


def test_the_upgraded_schema_is_the_one_a_new_database_gets(version_four, fresh):
    migrations.upgrade(version_four)
    for model in MODELS:
        assert columns(version_four, model) == columns(fresh, model), model.__name__
        assert indexes(version_four, model) == indexes(fresh, model), model.__name__
    user_columns = {c.name: (c.null, c.data_type) for c in version_four.get_columns("user")}
    fresh_columns = {c.name: (c.null, c.data_type) for c in fresh.get_columns("user")}
    assert {n: user_columns[n] for n in NEW_USER_COLUMNS} == {n: fresh_columns[n] for n in NEW_USER_COLUMNS}


def test_foreign_keys_hold_and_are_enforced_again(version_four):
    migrations.upgrade(version_four)
    assert version_four.execute_sql("PRAGMA foreign_key_check").fetchall() == []
    assert version_four.pragma("foreign_keys") == 1


def test_the_new_tables_take_rows_and_the_people_can_be_edited(version_four):
    migrations.upgrade(version_four)
    amina = User.get(User.login == "amina")
    User.update(email="amina@example.org").where(User.id == amina.id).execute()
    assert User.get_by_id(amina.id).email == "amina@example.org"
    report, section = Report.get(), Section.get()
    FeedMark.create(user=amina, report=report, seen_id=7)
    assert FeedMark.of(amina, report.id) == 7
    submission = Submission.create(report=report, number=1, created_by=amina, filename="R.pdf", pdf=b"%PDF-",
                                   sha256=hashlib.sha256(b"%PDF-").hexdigest(), words=1)
    SubmittedSection.create(submission=submission, section=section, revision_number=1)
    Activity.create(report=report, kind=Activity.FREEZE, user=amina, detail="1")
    AuditEvent.create(kind=AuditEvent.FREEZE, actor=amina, detail="version 1")
    assert [(r.section_id, r.revision_number) for r in SubmittedSection.select()] == [(section.id, 1)]
    with pytest.raises(IntegrityError):  # the (report, number) pair is unique
        Submission.create(report=report, number=1, created_by=amina, filename="R.pdf", pdf=b"x", sha256="0")
    assert version_four.execute_sql("PRAGMA foreign_key_check").fetchall() == []


def test_a_second_upgrade_applies_nothing(version_four):
    assert migrations.upgrade(version_four) == [5] + LATER_STEPS
    assert migrations.upgrade(version_four) == []
    assert [v.version for v in SchemaVersion.select().order_by(SchemaVersion.version)] == [4, 5] + LATER_STEPS
    assert migrations.current_version(version_four) == len(migrations.STEPS)
    assert User.select().count() == len(PEOPLE)


def test_the_step_run_again_on_its_own_changes_nothing(version_four):
    migrations.upgrade(version_four)
    before = {m._meta.table_name: columns(version_four, m) for m in MODELS}
    migrations.records(version_four, SchemaMigrator.from_database(version_four))
    assert {m._meta.table_name: columns(version_four, m) for m in MODELS} == before
    assert User.select().count() == len(PEOPLE)


def test_a_new_database_is_made_at_the_current_version(fresh):
    assert {m._meta.table_name for m in NEW_TABLES} <= set(fresh.get_tables())
    with fresh.bind_ctx(MODELS + [SchemaVersion]):  # the steps work on the database the models are bound to
        assert [v.version for v in SchemaVersion.select()] == [len(migrations.STEPS)]
        assert migrations.upgrade(fresh) == []
