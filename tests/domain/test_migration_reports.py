"""Migration step "reports over time": a database as the step before left it (on SQLite and PostgreSQL) gains
the reports' and sections' origins and the feed's group, and keeps every report, section and feed entry."""
import pytest

from models import Activity, Report, Section
from ops import migrations
from tests.domain.old_schema import database_at

pytestmark = pytest.mark.both_databases  # a schema step: each database's DDL

STEP = migrations.STEPS.index(migrations.reports_over_time) + 1


def columns(database, model) -> set[str]:
    return {c.name for c in database.get_columns(model._meta.table_name)}


@pytest.fixture
def before_the_step(database_url):
    database = database_at(database_url, STEP - 1)
    yield database
    database.close()


@pytest.mark.empty_database
def test_upgrade_adds_the_origins_and_keeps_every_row(before_the_step):
    database = before_the_step
    assert not {"origin_id"} & columns(database, Report) and "group_id" not in columns(database, Activity)
    mark = database.param
    database.execute_sql("INSERT INTO workinggroup (name, theme, position) VALUES "
                         f"({mark}, {mark}, {mark})", ("Группа", "", 1))
    database.execute_sql("INSERT INTO report (title, short_title, country, mechanism, cycle, session, language, "
                         "word_limit, created_at, coalition_description, contact, notes_style) VALUES "
                         f"({', '.join([mark] * 12)})",
                         ("Доклад", "", "Казахстан", "УПО", "", "", "ru", 5630, "2026-01-01", "", "", "footnotes"))
    assert migrations.upgrade(database) == list(range(STEP, len(migrations.STEPS) + 1))
    for model in (Report, Section, Activity):
        assert columns(database, model) == {f.column_name for f in model._meta.sorted_fields}, model.__name__
    report = Report.get()
    assert report.title == "Доклад" and report.origin_id is None
    later = Report.create(title="Next", country="Казахстан", mechanism="УПО", origin=report.id)
    assert Report.newest_first().first().id == later.id
    assert migrations.upgrade(database) == []
