"""Older schemas for the migration tests, made from today's models by taking later steps back out."""
from peewee import SqliteDatabase
from playhouse.migrate import SchemaMigrator, migrate

from models import AccessLink, Activity, Organisation, Participation, Removal, Report, Section, WorkingGroup


def without_reports_over_time(database) -> None:
    """Take step 8 back out: no report or section remembers where it came from, no feed entry names a group."""
    _drop(database, {Report: ["origin_id"], Section: ["origin_id"], Activity: ["group_id"]}, [])


def without_people(database) -> None:
    """Take steps 8 and 7 back out: no links or participations, no organisations' contact or leaving date."""
    without_reports_over_time(database)
    _drop(database, {Organisation: ["contact", "left_at"]}, [AccessLink, Participation])


def without_removals(database) -> None:
    """Take steps 7 and 6 back out: no removal table, no sections' or groups' removal column."""
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
