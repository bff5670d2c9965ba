"""Several reports over time: one set up from nothing, one started from another (its sections, texts and
recommendations as chosen), the earlier one left exactly as it was, and every page naming its report."""
import hashlib

import pytest

from coalition import recommendations
from models import Activity, Assessment, AuditEvent, Recommendation, Report, Revision, Section, User

pytestmark = pytest.mark.both_databases  # grouped queries (PostgreSQL's GROUP BY is strict) and rows copied in bulk

NEW = {"title": "Mid-term report", "short_title": "Mid-term", "country": "Kazakhstan", "mechanism": "UPR",
       "cycle": "4th cycle", "session": "", "deadline": "", "language": "ru", "word_limit": "5630",
       "coordinating_organisation": "0", "contact": "", "coalition_description": "", "notes_style": "footnotes"}


@pytest.fixture
def coordinator(person):
    return person("coordinator")


def hashes(report_id: int) -> dict:
    """Every revision of the report, by section and number, as SHA-256 of its text."""
    rows = Revision.select(Revision).join(Section).where(Section.report == report_id)
    return {(r.section_id, r.number): hashlib.sha256(r.body.encode()).hexdigest() for r in rows}


def newest() -> Report:
    return Report.newest_first().first()


def test_everyone_sees_the_list_of_reports(person, world):
    page = person("member").get("/reports").text
    assert "Joint submission" in page and "Start a new report" not in page


def test_setting_up_a_report_from_nothing(coordinator, world):
    response = coordinator.post("/reports/new", data=NEW)
    report = newest()
    assert report.title == "Mid-term report" and report.origin_id is None
    assert response.headers["Location"] == f"/reports/{report.id}/outline"
    assert not Section.select().where(Section.report == report.id).exists()
    assert Activity.get(Activity.report == report.id).detail == "report_created"
    assert AuditEvent.select().where(AuditEvent.kind == "report_created").exists()
    assert coordinator.get("/").headers["Location"] == f"/reports/{report.id}"


def test_a_report_with_missing_particulars_is_refused_with_the_form_refilled(coordinator, world):
    response = coordinator.post("/reports/new", data={**NEW, "country": "", "word_limit": "5"})
    assert response.status_code == 400
    assert "This field is required." in response.text and "Number must be between" in response.text
    assert 'value="Mid-term report"' in response.text and Report.select().count() == 1


def approve(world, key="own", number=1):
    Section.update(status=Section.APPROVED, approved_number=number).where(
        Section.id == world["sections"][key]).execute()


@pytest.mark.parametrize("texts, first", [("approved", "Первый вариант текста.\n"),
                                          ("current", "Второй вариант текста, қазақша.\n"), ("none", None)])
def test_a_new_report_from_an_earlier_one_takes_its_sections_and_the_texts_chosen(coordinator, world, texts,
                                                                                  first):
    approve(world)  # "own" approved at revision 1; "theirs" never approved
    before = hashes(world["report"])
    response = coordinator.post(f"/reports/{world['report']}/follow-up", data={**NEW, "texts": texts})
    assert response.status_code == 302
    report = newest()
    assert report.origin_id == world["report"]
    copies = {s.origin_id: s for s in Section.select().where(Section.report == report.id)}
    assert set(copies) == set(world["sections"].values())  # the removed section is not carried
    own, theirs = copies[world["sections"]["own"]], copies[world["sections"]["theirs"]]
    assert (own.title, own.group_id, own.word_budget, own.status) == (
        "Civil and political rights section", world["group"], 500, Section.DRAFT)
    head = own.head_revision()
    assert (head.body if head else None) == first
    if head:
        assert head.author.login == "coordinator" and "revision" in head.note
    if texts == "approved":
        assert theirs.head_revision() is None
    assert hashes(world["report"]) == before  # the earlier report is exactly as it was
    assert Section.get_by_id(world["sections"]["own"]).status == Section.APPROVED


def test_the_recommendations_chosen_go_on_with_their_assessments(coordinator, world):
    Recommendation.create(report=world["report"], number="121.1", document="A/HRC/28/10", text="Ratify.")
    rec = Recommendation.get_by_id(world["recommendation"])
    lead = User.get(User.login == "lead")
    recommendations.assess(rec, lead, "not_implemented", "No change in the law.", "")
    data = {**NEW, "texts": "none", "documents": ["A/HRC/43/10"], "assessments": "y"}
    assert coordinator.post(f"/reports/{world['report']}/follow-up", data=data).status_code == 302
    carried = list(Recommendation.select().where(Recommendation.report == newest().id))
    assert [(r.number, r.status, r.group_id) for r in carried] == [("142.45", "not_implemented", world["group"])]
    assessment = Assessment.get(Assessment.recommendation == carried[0].id)
    assert (assessment.author_id, assessment.justification) == (lead.id, "No change in the law.")
    assert Recommendation.select().where(Recommendation.report == world["report"]).count() == 2  # still there
    # A citation in a carried text finds the new report's recommendation.
    assert recommendations.by_number(newest().id, {"142.45"})["142.45"][0].id == carried[0].id


def test_recommendations_can_start_unassessed_or_stay_behind(coordinator, world):
    recommendations.assess(Recommendation.get_by_id(world["recommendation"]), User.get(User.login == "lead"),
                           "implemented", "Done.", "")
    data = {**NEW, "texts": "none", "documents": ["A/HRC/43/10"]}  # the box for assessments left empty
    coordinator.post(f"/reports/{world['report']}/follow-up", data=data)
    carried = Recommendation.get(Recommendation.report == newest().id)
    assert carried.status == "not_assessed" and not carried.assessments.exists()
    coordinator.post(f"/reports/{world['report']}/follow-up", data={**NEW, "texts": "none"})
    assert not Recommendation.select().where(Recommendation.report == newest().id).exists()


def test_the_form_offers_the_earlier_reports_recommendations_ticked(coordinator, world):
    page = coordinator.get(f"/reports/{world['report']}/follow-up").text
    assert 'checked id="documents-0" name="documents" type="checkbox" value="A/HRC/43/10"' in page
    assert 'value="Joint submission"' in page  # the particulars start as the earlier report's


def test_a_new_section_compares_with_its_counterpart(coordinator, world):
    coordinator.post(f"/reports/{world['report']}/follow-up", data={**NEW, "texts": "none"})
    copy = Section.get(Section.origin == world["sections"]["own"])
    page = coordinator.get(f"/sections/{copy.id}").text
    assert f"/sections/{copy.id}/previous" in page
    compared = coordinator.get(f"/sections/{copy.id}/previous").text
    assert "<del>" in compared and "Второй вариант текста" in compared and "Joint submission" in compared
    assert coordinator.get(f"/sections/{world['sections']['own']}/previous").status_code == 404


def test_pages_of_an_earlier_report_say_so_and_link_the_current_one(person, coordinator, world):
    coordinator.post("/reports/new", data=NEW)
    member = person("member")
    earlier = member.get(f"/sections/{world['sections']['own']}").text
    assert "An earlier report. The coalition now writes:" in earlier and "Mid-term" in earlier
    current = member.get(f"/reports/{newest().id}").text
    assert "An earlier report" not in current and "Mid-term" in current


@pytest.mark.parametrize("name", ["lead", "member", "reviewer", "other"])
def test_only_the_coordinator_starts_reports(person, world, name):
    client = person(name)
    assert client.get("/reports/new").status_code == 403
    assert client.post("/reports/new", data=NEW).status_code == 403
    assert client.post(f"/reports/{world['report']}/follow-up", data=NEW).status_code == 403
    assert Report.select().count() == 1


def test_an_unknown_report_cannot_be_followed_up(coordinator, world):
    assert coordinator.get("/reports/9999/follow-up").status_code == 404
