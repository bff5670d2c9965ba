"""Migration step "cycles": a database as the step before left it (on SQLite and PostgreSQL) gains the cycle a
report tracks and the link from a recommendation to the earlier one it repeats, and keeps every recommendation."""
import pytest

from models import Recommendation, Report
from ops import migrations
from tests.domain.old_schema import database_at, insert_old

pytestmark = pytest.mark.both_databases  # a schema step: each database's DDL

STEP = migrations.STEPS.index(migrations.cycles) + 1


@pytest.mark.empty_database
def test_upgrade_adds_the_tracked_cycle_and_the_repeats_link(database_url):
    database = database_at(database_url, STEP - 1)
    assert "tracked_cycle" not in {c.name for c in database.get_columns("report")}
    assert "repeats_id" not in {c.name for c in database.get_columns("recommendation")}
    report = insert_old(Report, title="Alternative report", country="Kazakhstan", mechanism="UPR", cycle="5")
    older = insert_old(Recommendation, report=report, number="118.12", document="A/HRC/43/10", cycle="3",
                       text="Ratify the Optional Protocol.")
    newer = insert_old(Recommendation, report=report, number="12.4", cycle="4", text="Ratify the Optional Protocol.")
    assert migrations.upgrade(database) == list(range(STEP, len(migrations.STEPS) + 1))
    for model in (Report, Recommendation):
        assert {c.name for c in database.get_columns(model._meta.table_name)} == {
            f.column_name for f in model._meta.sorted_fields}
    assert Report.get_by_id(report).tracked_cycle == ""
    assert [(r.number, r.repeats_id) for r in Recommendation.select().order_by(Recommendation.id)] == [
        ("118.12", None), ("12.4", None)]
    # The new link works, and letting the earlier recommendation go leaves the newer one unlinked.
    Recommendation.update(repeats=older).where(Recommendation.id == newer).execute()
    assert Recommendation.get_by_id(newer).repeats_id == older
    Recommendation.delete().where(Recommendation.id == older).execute()
    assert Recommendation.get_by_id(newer).repeats_id is None
    assert migrations.upgrade(database) == []
    database.close()
