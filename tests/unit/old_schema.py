"""Older schemas for the migration tests, made from today's models by taking later steps back out."""
from peewee import SqliteDatabase
from playhouse.migrate import SchemaMigrator, migrate

from models import Removal, Section, WorkingGroup


def without_removals(database) -> None:
    """Take step 6 back out: no removal table, no sections' or groups' removal column."""
    sqlite = isinstance(database, SqliteDatabase)
    if sqlite:
        database.pragma("foreign_keys", 0)  # SQLite drops a referencing column by rebuilding its table
    migrator = SchemaMigrator.from_database(database)
    for model in (Section, WorkingGroup):
        if "removal_id" in {c.name for c in database.get_columns(model._meta.table_name)}:
            # SQLite's own DROP COLUMN refuses an indexed column: the rebuild drops its index with it.
            migrate(migrator.drop_column(model._meta.table_name, "removal_id", **({"legacy": True} if sqlite else {})))
    database.drop_tables([Removal])
    if sqlite:
        database.pragma("foreign_keys", 1)
