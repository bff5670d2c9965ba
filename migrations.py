"""Versioned schema changes: each step runs once, in order, inside a transaction.

A new step is a function appended to STEPS that uses the playhouse.migrate migrator it is given to
alter the live schema; never edit a step that has shipped.
"""
from playhouse.migrate import SchemaMigrator

from models import MODELS, SchemaVersion


def create_tables(db, migrator: SchemaMigrator) -> None:
    db.create_tables(MODELS)


STEPS = [create_tables]


def current_version(db) -> int:
    db.create_tables([SchemaVersion])
    row = SchemaVersion.select().order_by(SchemaVersion.version.desc()).first()
    return row.version if row else 0


def upgrade(db) -> list[int]:
    """Apply the steps the database has not seen yet; return their numbers."""
    applied = []
    migrator = SchemaMigrator.from_database(db)
    for number, step in enumerate(STEPS, start=1):
        with db.atomic():
            if number <= current_version(db):
                continue
            step(db, migrator)
            SchemaVersion.create(version=number)
        applied.append(number)
    return applied
