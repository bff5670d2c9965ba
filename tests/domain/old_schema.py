"""Older schemas for the migration tests, made from today's models by taking later steps back out."""
from peewee import CharField, SqliteDatabase, Table
from playhouse.migrate import SchemaMigrator, migrate

from models import (
    MODELS,
    AccessLink,
    Activity,
    Export,
    ExportRequest,
    Follow,
    Image,
    LoginSession,
    MailChoice,
    Notification,
    Organisation,
    Participation,
    RateCounter,
    Recommendation,
    Removal,
    Report,
    Revision,
    SchemaVersion,
    Section,
    Submission,
    Suggestion,
    Thread,
    User,
    WorkingGroup,
    db,
    open_database,
)

OLD_TITLE_LENGTH = 300  # a report's title before step 8


def without_revision_paragraphs(database) -> None:
    """Take step 19 back out: a revision's numbered paragraphs are counted from its text."""
    _drop(database, {Revision: ["paragraphs"]}, [])


def without_accent(database) -> None:
    """Take steps 19 and 18 back out: every report in the app's own blue."""
    without_revision_paragraphs(database)
    _drop(database, {Report: ["accent"]}, [])


def without_thread_paragraph_index(database) -> None:
    """Take steps 18 and 17 back out: a thread knows its paragraph by its text alone."""
    without_accent(database)
    _drop(database, {Thread: ["paragraph_index"]}, [])


def without_inbox(database) -> None:
    """Take steps 17 and 16 back out: no notifications, no followed sections, no choice of what goes by e-mail."""
    without_thread_paragraph_index(database)
    _drop(database, {}, [Notification, Follow, MailChoice])


def without_suggestions(database) -> None:
    """Take steps 17 to 15 back out: no suggested edits."""
    without_inbox(database)
    _drop(database, {}, [Suggestion])


def without_images(database) -> None:
    """Take steps 17 to 14 back out: no pictures for sections' texts."""
    without_suggestions(database)
    _drop(database, {}, [Image])


def without_cycles(database) -> None:
    """Take steps 17 to 13 back out: no cycle a report chooses to track, no recommendation repeating another."""
    without_images(database)
    _drop(database, {Report: ["tracked_cycle"], Recommendation: ["repeats_id"]}, [])


def without_un_files(database) -> None:
    """Take steps 17 to 12 back out: no keywords, count rule or layout for a report, no Word file for a
    version."""
    without_cycles(database)
    _drop(database, {Report: ["keywords", "count_rule", "layout"], Submission: ["docx", "docx_sha256"]}, [])


def without_export_links(database) -> None:
    """Take steps 17 to 11 back out: no one's own link to an export, no reason kept for a failed build."""
    without_un_files(database)
    _drop(database, {Export: ["failure"]}, [ExportRequest])


def without_sessions_and_limits(database) -> None:
    """Take steps 17 to 10 back out: no sessions kept on the server, no shared rate-limit counters."""
    without_export_links(database)
    _drop(database, {}, [LoginSession, RateCounter])


def without_reports_over_time(database) -> None:
    """Take steps 17 to 9 back out: no report or section remembers where it came from, no feed entry names a
    group."""
    without_sessions_and_limits(database)
    _drop(database, {Report: ["origin_id"], Section: ["origin_id"], Activity: ["group_id"]}, [])


def without_long_titles(database) -> None:
    """Take steps 17 to 8 back out: a report's title is a varchar(300) again (SQLite has no lengths to take
    back)."""
    without_reports_over_time(database)
    if not isinstance(database, SqliteDatabase):
        migrate(SchemaMigrator.from_database(database).alter_column_type(
            Report._meta.table_name, "title", CharField(max_length=OLD_TITLE_LENGTH)))


def without_people(database) -> None:
    """Take steps 17 to 7 back out: no links or participations, no organisations' contact or leaving date."""
    without_long_titles(database)
    _drop(database, {Organisation: ["contact", "left_at"]}, [AccessLink, Participation])


def without_removals(database) -> None:
    """Take steps 17 to 6 back out: no removal table, no sections' or groups' removal column."""
    without_people(database)
    _drop(database, {Section: ["removal_id"], WorkingGroup: ["removal_id"]}, [Removal])


def _drop(database, columns: dict, tables: list) -> None:
    sqlite = isinstance(database, SqliteDatabase)
    if sqlite:
        database.pragma("foreign_keys", 0)  # SQLite drops a referencing column by rebuilding its table
    migrator = SchemaMigrator.from_database(database)
    for model, names in columns.items():
        present = {c.name for c in database.get_columns(model._meta.table_name)}
        # SQLite's own DROP COLUMN refuses an indexed column: the rebuild drops its index with it.
        migrate(*[migrator.drop_column(model._meta.table_name, name, **({"legacy": True} if sqlite else {}))
                  for name in names if name in present])
    database.drop_tables(tables)
    if sqlite:
        database.pragma("foreign_keys", 1)


def insert_old(model, **values) -> int:
    """A row as an older schema stores it: the values given, and the defaults of the columns that schema has (the
    model's insert() and create() name every field, some of which later steps add); returns its id."""
    database = model._meta.database
    present = {c.name for c in database.get_columns(model._meta.table_name)}
    row = {f.column_name: f.default() if callable(f.default) else f.default
           for f in model._meta.sorted_fields if f.default is not None and f.column_name in present}
    row.update({model._meta.fields[name].column_name: value for name, value in values.items()})
    return Table(model._meta.table_name, primary_key="id").bind(database).insert(**row).execute()


def written_section() -> tuple[int, User]:
    """A section with one revision ("Kept.\n") by its writer, stored in an older schema: (its id, the writer)."""
    report = insert_old(Report, title="Alternative report", country="Kazakhstan", mechanism="UPR")
    group = insert_old(WorkingGroup, name="Civil and political rights")
    section = insert_old(Section, report=report, group=group, title="Assemblies")
    person = User.create(login="aigerim", display_name="Айгерим", password_hash="hash")
    insert_old(Revision, section=section, number=1, author=person.id, body="Kept.\n")
    return section, person


def database_at(database_url: str, version: int):
    """A database as step `version` left it, bound to the app's database proxy (as the use cases need)."""
    database = open_database(database_url)
    db.initialize(database)
    database.create_tables(MODELS + [SchemaVersion])
    steps_out = {18: without_revision_paragraphs, 17: without_accent, 16: without_thread_paragraph_index,
                 15: without_inbox, 14: without_suggestions, 13: without_images, 12: without_cycles,
                 11: without_un_files, 10: without_export_links, 9: without_sessions_and_limits,
                 8: without_reports_over_time, 7: without_long_titles, 6: without_people, 5: without_removals}
    steps_out[version](database)
    SchemaVersion.create(version=version)
    return database
