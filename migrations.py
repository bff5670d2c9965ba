"""Versioned schema changes, run by `flask init-db`.

A new database gets the current tables at once and is marked as up to date. An older one runs the
steps it has not seen, in order, each in a transaction. A new step is a function appended to STEPS
that changes the live schema with the playhouse.migrate migrator it is given; never edit a step that
has shipped, and write each so that running it on a schema that already has its change does nothing.
"""
from playhouse.migrate import SchemaMigrator, migrate

from models import MODELS, Draft, Presence, Revision, SchemaVersion


def initial_tables(db, migrator: SchemaMigrator) -> None:
    """The foundation's tables (the coalition, the report, sections and revisions)."""


def coediting(db, migrator: SchemaMigrator) -> None:
    """Drafts, presence, and revisions that record a merge."""
    db.create_tables([Draft, Presence])
    if "merge_base" not in {c.name for c in db.get_columns(Revision._meta.table_name)}:
        migrate(migrator.add_column(Revision._meta.table_name, "merge_base", Revision.merge_base))


STEPS = [initial_tables, coediting]


def current_version(db) -> int:
    db.create_tables([SchemaVersion])
    row = SchemaVersion.select().order_by(SchemaVersion.version.desc()).first()
    return row.version if row else 0


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
    for number, step in enumerate(STEPS[version:], start=version + 1):
        with db.atomic():
            step(db, migrator)
            SchemaVersion.create(version=number)
        applied.append(number)
    return applied
