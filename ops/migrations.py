"""Versioned schema changes, run by `flask init-db`.

A new database gets the current tables at once and is marked as up to date. An older one runs the
steps it has not seen, in order, each in a transaction. A new step is a function appended to STEPS
that changes the live schema with the playhouse.migrate migrator it is given; never edit a step that
has shipped, and write each so that running it on a schema that already has its change does nothing.
"""
from contextlib import contextmanager

from peewee import SqliteDatabase, Table
from playhouse.migrate import SchemaMigrator, migrate

from models import (
    MODELS,
    AccessLink,
    Activity,
    Assessment,
    AuditEvent,
    Comment,
    Draft,
    Export,
    ExportRequest,
    FeedMark,
    Follow,
    Image,
    LoginSession,
    MailChoice,
    Notification,
    Organisation,
    Participation,
    PendingImport,
    Presence,
    RateCounter,
    Recommendation,
    Removal,
    Report,
    Revision,
    SchemaVersion,
    Section,
    StatusChange,
    Submission,
    SubmittedSection,
    Suggestion,
    Thread,
    User,
    WorkingGroup,
)
from text.markup import numbered_paragraphs


def initial_tables(db, migrator: SchemaMigrator) -> None:
    """The foundation's tables (the coalition, the report, sections and revisions)."""


def coediting(db, migrator: SchemaMigrator) -> None:
    """Drafts, presence, and revisions that record a merge."""
    db.create_tables([Draft, Presence])
    _add_columns(db, migrator, Revision, ["merge_base"])


def exports(db, migrator: SchemaMigrator) -> None:
    """Exported files, what the document says about the coalition, and who coordinates it."""
    db.create_tables([Export])
    _add_columns(db, migrator, Report, ["coalition_description", "contact", "notes_style"])
    _add_columns(db, migrator, Organisation, ["coordinates"])


def review(db, migrator: SchemaMigrator) -> None:
    """Section statuses, the approved revision, the record of every review step, and comment threads."""
    db.create_tables([StatusChange, Thread, Comment])
    _add_columns(db, migrator, Section, ["status", "approved_number"])


def records(db, migrator: SchemaMigrator) -> None:
    """The activity feed and what each person has seen of it, the audit log, submitted versions, e-mail
    and session epochs;
    the last cycle's UN recommendations, their assessments, and uploads waiting for import."""
    db.create_tables([Recommendation, Assessment, PendingImport, Activity, FeedMark, AuditEvent, Submission,
                      SubmittedSection])
    _add_columns(db, migrator, User, ["email", "session_epoch"])


def removals(db, migrator: SchemaMigrator) -> None:
    """Sections and working groups the coordinator removed (and can bring back)."""
    db.create_tables([Removal])
    _add_columns(db, migrator, WorkingGroup, ["removal"])
    _add_columns(db, migrator, Section, ["removal"])


def people(db, migrator: SchemaMigrator) -> None:
    """Invitation and password-reset links; organisations' contacts, groups, and leaving the coalition."""
    db.create_tables([Participation, AccessLink])
    _add_columns(db, migrator, Organisation, ["contact", "left_at"])


def long_titles(db, migrator: SchemaMigrator) -> None:
    """Report titles of up to 400 characters (a coalition's real title has 339)."""
    _widen(db, migrator, Report, "title")


def reports_over_time(db, migrator: SchemaMigrator) -> None:
    """Reports started from an earlier one (and their sections' counterparts there); the feed's record of
    changes to a report's outline, which may concern a working group."""
    _add_columns(db, migrator, Report, ["origin"])
    _add_columns(db, migrator, Section, ["origin"])
    _add_columns(db, migrator, Activity, ["group"])


def sessions_and_limits(db, migrator: SchemaMigrator) -> None:
    """Sign-in sessions kept on the server, and rate-limit counters that every worker shares."""
    db.create_tables([LoginSession, RateCounter])


def export_links(db, migrator: SchemaMigrator) -> None:
    """Each person's own unguessable link to a file they asked for, and why a build failed."""
    db.create_tables([ExportRequest])
    _add_columns(db, migrator, Export, ["failure"])


def un_files(db, migrator: SchemaMigrator) -> None:
    """What the files sent to the UN need: the cover's keywords, which parts count toward the word limit, the
    files' density, and a submitted version's Word file with its hash."""
    _add_columns(db, migrator, Report, ["keywords", "count_rule", "layout"])
    _add_columns(db, migrator, Submission, ["docx", "docx_sha256"])


def cycles(db, migrator: SchemaMigrator) -> None:
    """Recommendations of several cycles: the cycle a report tracks, and a recommendation that repeats an earlier
    cycle's one."""
    _add_columns(db, migrator, Report, ["tracked_cycle"])
    _add_columns(db, migrator, Recommendation, ["repeats"])


def images(db, migrator: SchemaMigrator) -> None:
    """Pictures for sections' texts, kept in the database like the exported files."""
    db.create_tables([Image])


def suggestions(db, migrator: SchemaMigrator) -> None:
    """Edits proposed by people outside a section's group, for the group to accept or decline."""
    db.create_tables([Suggestion])


def inbox(db, migrator: SchemaMigrator) -> None:
    """Each person's notifications of what concerns them in the feed, the sections they follow, and what they
    want by e-mail too."""
    db.create_tables([Notification, Follow, MailChoice])


def thread_paragraph_index(db, migrator: SchemaMigrator) -> None:
    """A thread keeps which paragraph it is about, not only its text (two paragraphs may read the same)."""
    _add_columns(db, migrator, Thread, ["paragraph_index"])


def accent(db, migrator: SchemaMigrator) -> None:
    """The coalition's accent colour in the app, set in the report's settings."""
    _add_columns(db, migrator, Report, ["accent"])


def revision_paragraphs(db, migrator: SchemaMigrator) -> None:
    """Each revision's count of numbered paragraphs, counted once here for the revisions before it. The count is
    derived from the text, which stays as written: the only update a revision ever gets, through the bare table
    (the model refuses any)."""
    _add_columns(db, migrator, Revision, ["paragraphs"])
    table = Table(Revision._meta.table_name, ("id", "paragraphs")).bind(db)
    uncounted = Revision.select(Revision.id, Revision.body).where(Revision.paragraphs.is_null()).order_by(Revision.id)
    for revision in uncounted.iterator():
        table.update(paragraphs=len(numbered_paragraphs(revision.body))).where(table.id == revision.id).execute()


STEPS = [initial_tables, coediting, exports, review, records, removals, people, long_titles, reports_over_time,
         sessions_and_limits, export_links, un_files, cycles, images,
         suggestions, inbox, thread_paragraph_index, accent, revision_paragraphs]


def _add_columns(db, migrator: SchemaMigrator, model, names: list[str]) -> None:
    """Add the model's fields that the table lacks (so a step is safe to run twice)."""
    table = model._meta.table_name
    present = {c.name for c in db.get_columns(table)}
    fields = [model._meta.fields[name] for name in names]
    migrate(*[migrator.add_column(table, f.column_name, f) for f in fields if f.column_name not in present])


def _widen(db, migrator: SchemaMigrator, model, name: str) -> None:
    """Give a text column the model's longer max_length. Only PostgreSQL enforces a varchar's length (SQLite
    stores any length), and there widening a varchar rewrites nothing, so running it twice does no harm."""
    if isinstance(db, SqliteDatabase):
        return
    field = model._meta.fields[name]
    migrate(migrator.alter_column_type(model._meta.table_name, field.column_name, field))


def current_version(db) -> int:
    db.create_tables([SchemaVersion])
    row = SchemaVersion.select().order_by(SchemaVersion.version.desc()).first()
    return row.version if row else 0


def is_current(db) -> bool:
    """Whether every schema step has been applied, asked without creating anything."""
    return db.table_exists(SchemaVersion._meta.table_name) and current_version(db) >= len(STEPS)


def upgrade(db) -> list[int]:
    """Bring the schema up to date; return the numbers of the steps applied."""
    version = current_version(db)
    if version == 0 and not db.table_exists(Revision._meta.table_name):
        with db.atomic():
            db.create_tables(MODELS)
            SchemaVersion.create(version=len(STEPS))
        return list(range(1, len(STEPS) + 1))
    applied = []
    migrator = SchemaMigrator.from_database(db)
    with _foreign_keys_off(db):
        for number, step in enumerate(STEPS[version:], start=version + 1):
            with db.atomic():
                step(db, migrator)
                SchemaVersion.create(version=number)
            applied.append(number)
    return applied


@contextmanager
def _foreign_keys_off(db):
    """SQLite adds a NOT NULL column by rebuilding the table, which its foreign keys would refuse."""
    sqlite = isinstance(db, SqliteDatabase)
    if sqlite:
        db.pragma("foreign_keys", 0)  # only outside a transaction, hence around the steps
    try:
        yield
    finally:
        if sqlite:
            db.pragma("foreign_keys", 1)
