"""coalition/recommendations: a recommendation saved tidied, a number used twice refused, and an upload kept for
its preview and let go with its import."""
from datetime import timedelta

import pytest

from coalition import recommendations
from coalition.recommendations.csv_files import Candidate
from models import Activity, PendingImport, Recommendation, Report, User, utcnow


def values(**changes) -> dict:
    return {**dict.fromkeys(recommendations.FIELDS, ""), "number": "118.12", "text": "Ratify the protocol.",
            **changes}


def test_a_recommendation_is_saved_trimmed_with_one_item_per_line(world):
    saved = recommendations.save(Recommendation(report=world["report"]), values(
        document=" A/HRC/43/10 ", themes="Torture; Detention\n\n Police ", states="Germany;France"), world["group"])
    saved = Recommendation.get_by_id(saved.id)
    assert (saved.document, saved.themes, saved.states) == ("A/HRC/43/10", "Torture\nDetention\nPolice",
                                                            "Germany\nFrance")
    assert saved.group_id == world["group"]


def test_a_number_the_document_has_is_refused_and_the_row_left_as_it_was(world):
    existing = Recommendation.get_by_id(world["recommendation"])
    other = recommendations.save(Recommendation(report=world["report"]), values(document="A/HRC/43/10"), None)
    with pytest.raises(recommendations.NumberTaken):
        recommendations.save(other, values(number="142.45", document="A/HRC/43/10 "), None)
    assert other.number == "118.12" and Recommendation.get_by_id(other.id).number == "118.12"
    assert Recommendation.select().where(Recommendation.number == existing.number).count() == 1


def test_an_upload_is_kept_and_old_ones_let_go(world):
    report, coordinator = Report.get_by_id(world["report"]), User.get(User.login == "coordinator")
    old = recommendations.keep_upload(coordinator, report, b"number,text\n", "old.csv")
    PendingImport.update(created_at=utcnow() - timedelta(days=2)).where(PendingImport.id == old.id).execute()
    pending = recommendations.keep_upload(coordinator, report, b"number,text\n", "x" * 300 + ".csv")
    assert [p.id for p in PendingImport.select()] == [pending.id] and len(pending.filename) == 200


def test_an_import_lets_its_upload_go_and_is_in_the_feed(world):
    report, coordinator = Report.get_by_id(world["report"]), User.get(User.login == "coordinator")
    pending = recommendations.keep_upload(coordinator, report, b"number,text\n", "list.csv")
    rows = [Candidate(2, "118.1", "A/HRC/43/10", "3", "First."), Candidate(3, "118.2", "A/HRC/43/10", "3", "Second.")]
    assert recommendations.import_upload(report, coordinator, pending, rows) == 2
    assert not PendingImport.select().exists()
    assert Activity.get(Activity.kind == Activity.IMPORT).detail == "2"
