"""Migration step 8, "long_titles": a database as step 7 left it (on SQLite, and on PostgreSQL, which enforces a
varchar's length) takes report titles of 400 characters and keeps the title it had."""
import pytest
from peewee import DataError, SqliteDatabase
from playhouse.migrate import SchemaMigrator

from models import Report
from ops import migrations
from tests.domain.old_schema import OLD_TITLE_LENGTH, database_at, insert_old

pytestmark = pytest.mark.both_databases  # a schema step: each database's DDL

LATER_STEPS = list(range(9, len(migrations.STEPS) + 1))
OLD_TITLE = ("Альтернативный доклад коалиции НПО " * 10)[:OLD_TITLE_LENGTH]
# Kazakh letters (two bytes each in UTF-8), spaces, and a long unbroken word.
NEW_TITLE = ("Қазақстандағы адам құқықтары: әғқңөұүһі " * 8 + "Құқыққорғаушылардыңқауіпсіздігі" * 4)[:400]


def title_length(database) -> int | None:
    """The length the database enforces on report.title: PostgreSQL's varchar, or None on SQLite (it has none)."""
    if isinstance(database, SqliteDatabase):
        return None
    return database.execute_sql("SELECT character_maximum_length FROM information_schema.columns "
                                "WHERE table_name = 'report' AND column_name = 'title'").fetchone()[0]


@pytest.fixture
def version_seven(database_url):
    database = database_at(database_url, 7)
    insert_old(Report, title=OLD_TITLE, country="Kazakhstan", mechanism="UPR")
    yield database
    database.close()


@pytest.mark.empty_database
def test_the_fixture_is_at_version_seven(version_seven):
    assert migrations.current_version(version_seven) == 7
    if title_length(version_seven) is not None:
        assert title_length(version_seven) == OLD_TITLE_LENGTH
        with pytest.raises(DataError), version_seven.atomic():
            insert_old(Report, title=NEW_TITLE, country="Kazakhstan", mechanism="UPR")


@pytest.mark.empty_database
def test_upgrade_takes_titles_of_400_characters_and_keeps_the_old_one(version_seven):
    assert len(NEW_TITLE) == Report.title.max_length == 400
    assert migrations.upgrade(version_seven) == [8] + LATER_STEPS
    assert title_length(version_seven) in (None, 400)
    new = Report.create(title=NEW_TITLE, country="Kazakhstan", mechanism="UPR")
    assert [r.title for r in Report.select().order_by(Report.id)] == [OLD_TITLE, NEW_TITLE]
    assert Report.get_by_id(new.id).title == NEW_TITLE
    assert migrations.upgrade(version_seven) == []


@pytest.mark.empty_database
def test_the_step_run_again_changes_nothing(version_seven):
    migrations.upgrade(version_seven)
    migrations.long_titles(version_seven, SchemaMigrator.from_database(version_seven))
    assert title_length(version_seven) in (None, 400)
    assert [r.title for r in Report.select()] == [OLD_TITLE]
