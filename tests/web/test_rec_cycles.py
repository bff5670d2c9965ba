"""Recommendations of several cycles: the tracked cycle (chosen in the settings, by default the one before the
report's), the tracker's cycle filter, earlier recommendations suggested and linked by a person who may assess,
and each theme across cycles in the statistics."""
import pytest

from coalition import exports
from models import Activity, Recommendation, Report
from tests.helpers import parse, signed_in, text
from tests.web.recs import add
from tests.web.test_rec_list import listed
from tests.web.test_report_settings import VALID
from tests.web.test_reports_over_time import NEW

TORTURE_3 = "Ratify the Optional Protocol to the Convention against Torture"
TORTURE_4 = "Ratify the Optional Protocol to the Convention against Torture and set up a preventive mechanism"


@pytest.fixture
def cycles(world):
    """The report is the 5th cycle's; 142.45 (no cycle), two 3rd-cycle and two 4th-cycle recommendations (and the
    id of none)."""
    Report.update(cycle="5th cycle").where(Report.id == world["report"]).execute()
    return {"old_torture": add(world, "118.12", TORTURE_3, "alpha", cycle="3-й цикл", themes="Torture",
                               status="not_implemented", response="supported"),
            "old_women": add(world, "118.40", "Adopt a law on domestic violence", cycle="3", themes="Women",
                             status="implemented", response="noted"),
            "torture": add(world, "12.4", TORTURE_4, "alpha", cycle="4th cycle", themes="Torture",
                           response="supported"),
            "speech": add(world, "12.9", "Decriminalise defamation", "beta", cycle="4", themes="Expression"),
            "gone": 10_000}


def test_the_tracker_lists_the_cycle_before_the_reports_own_at_first(client, login, world, cycles):
    login("reviewer")
    assert listed(client, world) == ["12.4", "12.9"]
    assert listed(client, world, cycle="3") == ["118.12", "118.40"]
    assert listed(client, world, cycle="all") == ["12.4", "12.9", "118.12", "118.40", "142.45"]  # one document
    page = parse(client.get(f"/reports/{world['report']}/recommendations").text)
    options = page.findall(".//select[@name='cycle']/option")
    assert [(o.get("value"), text(o), o.get("selected") is not None) for o in options] == [
        ("all", "All cycles", False), ("3", "cycle 3", False), ("4", "cycle 4", True)]


def test_without_the_tracked_cycles_recommendations_every_one_is_listed(client, login, world, cycles):
    Report.update(cycle="4th cycle").where(Report.id == world["report"]).execute()  # tracks the 3rd
    login("reviewer")
    assert listed(client, world) == ["118.12", "118.40"]
    Report.update(cycle="7").where(Report.id == world["report"]).execute()  # tracks the 6th: none of them
    assert len(listed(client, world)) == 5


def test_the_coordinator_chooses_the_tracked_cycle_among_the_recommendations_cycles(app, world, cycles):
    client = signed_in(app, "coordinator")
    url = f"/reports/{world['report']}/settings"
    options = parse(client.get(url).text).findall(".//select[@name='tracked_cycle']/option")
    assert [(o.get("value"), text(o)) for o in options] == [
        ("", "The cycle before the report's own"), ("3", "cycle 3"), ("4", "cycle 4")]
    assert client.post(url, data={**VALID, "tracked_cycle": "3"}).status_code == 302
    assert Report.get_by_id(world["report"]).tracked_cycle == "3"
    assert listed(client, world) == ["118.12", "118.40"]
    assert client.post(url, data={**VALID, "tracked_cycle": "9"}).status_code == 400  # no recommendation of it
    assert client.post(url, data={**VALID, "tracked_cycle": ""}).status_code == 302  # back to the one before
    assert Report.get_by_id(world["report"]).tracked_cycle == ""


def suggested(client, rec_id) -> list[str]:
    page = parse(client.get(f"/recommendations/{rec_id}").text)
    return [item.find("a").text for item in page.iterfind(".//ul[@class='suggestions']/li")]


def test_an_earlier_cycles_like_recommendation_is_suggested_linked_and_unlinked(app, world, cycles):
    client = signed_in(app, "member")  # alpha's, as 12.4 is
    assert suggested(client, cycles["torture"]) == ["118.12"]
    assert suggested(client, cycles["speech"]) == []  # nothing like it
    assert suggested(client, cycles["old_torture"]) == []  # no earlier cycle than the 3rd here
    response = client.post(f"/recommendations/{cycles['torture']}/repeats", data={"earlier": cycles["old_torture"]})
    assert response.status_code == 302
    assert Recommendation.get_by_id(cycles["torture"]).repeats_id == cycles["old_torture"]
    page = client.get(f"/recommendations/{cycles['torture']}").text
    assert "Repeats 118.12 of cycle 3" in text(parse(page).find(".//p[@class='repeats']"))
    assert suggested(client, cycles["torture"]) == []  # the confirmed one is no longer a suggestion
    earlier_page = parse(client.get(f"/recommendations/{cycles['old_torture']}").text)
    assert text(earlier_page.find(".//p[@class='repeats']")) == "Repeated by 12.4 of cycle 4"
    entry = Activity.select().where(Activity.kind == Activity.LINK).get()
    assert (entry.recommendation_id, entry.detail) == (cycles["torture"], "118.12")
    assert client.post(f"/recommendations/{cycles['torture']}/repeats/undo").status_code == 302
    assert Recommendation.get_by_id(cycles["torture"]).repeats_id is None
    assert Activity.select().where(Activity.kind == Activity.UNLINK).count() == 1
    feed = " ".join(text(parse(client.get(f"/reports/{world['report']}/activity").text)).split())
    assert "found that recommendation 12.4 repeats 118.12" in feed and "undid the link of recommendation" in feed


@pytest.mark.parametrize("name, allowed", [
    ("coordinator", True), ("lead", True), ("member", True), ("other", False), ("reviewer", False)])
def test_whoever_may_assess_the_recommendation_links_it(app, world, cycles, name, allowed):
    client = signed_in(app, name)
    response = client.post(f"/recommendations/{cycles['torture']}/repeats", data={"earlier": cycles["old_torture"]})
    assert response.status_code == (302 if allowed else 403)
    assert Recommendation.get_by_id(cycles["torture"]).repeats_id == (cycles["old_torture"] if allowed else None)
    assert suggested(client, cycles["torture"]) == []  # linked by those who may; never shown to the others
    undo = client.post(f"/recommendations/{cycles['torture']}/repeats/undo")
    assert undo.status_code == (302 if allowed else 403)


@pytest.mark.parametrize("earlier, later", [("torture", "old_torture"), ("speech", "torture"), ("torture", "torture"),
                                           ("gone", "torture")])
def test_only_an_earlier_cycles_recommendation_is_repeated(app, world, cycles, earlier, later):
    client = signed_in(app, "coordinator")
    response = client.post(f"/recommendations/{cycles[later]}/repeats", data={"earlier": cycles[earlier]},
                           follow_redirects=True)
    assert "Only a recommendation of an earlier cycle of this report can be linked." in response.text
    assert Recommendation.get_by_id(cycles[later]).repeats_id is None


def across(client, world, **params) -> list[list[str]]:
    page = parse(client.get(f"/reports/{world['report']}/recommendations/statistics", query_string=params).text)
    table = page.find(".//table[@class='stats across-cycles']")
    return [[" ".join(text(cell).split()) for cell in row] for row in table.iter("tr")]


def test_the_statistics_show_each_theme_across_cycles(app, world, cycles):
    client = signed_in(app, "reviewer")
    assert across(client, world) == [
        ["Theme", "cycle 3", "cycle 4"],
        ["Expression", "—", "Not assessed: 1"],
        ["Torture", "Not implemented: 1", "Not assessed: 1"],
        ["Women", "Implemented: 1", "—"]]
    assert across(client, world, across="response")[1:] == [
        ["Expression", "—", "Response unknown: 1"],
        ["Torture", "Supported: 1", "Supported: 1"],
        ["Women", "Noted: 1", "—"]]


def test_the_statistics_and_the_annex_are_of_the_tracked_cycle(app, world, cycles):
    client = signed_in(app, "reviewer")
    page = parse(client.get(f"/reports/{world['report']}/recommendations/statistics").text)
    assert "Of the recommendations of cycle 4" in text(page.find(".//p[@class='hint']"))
    assert "No recommendation is assessed yet." in text(page.find(".//p[@class='summary']"))  # 12.4 and 12.9
    annex = exports.annex_for(Report.get_by_id(world["report"]), "group")
    assert sorted(row.number for part in annex.parts for row in part.rows) == ["12.4", "12.9"]
    Report.update(tracked_cycle="3").where(Report.id == world["report"]).execute()
    annex = exports.annex_for(Report.get_by_id(world["report"]), "group")
    assert sorted(row.number for part in annex.parts for row in part.rows) == ["118.12", "118.40"]
    assert annex.summary.startswith("50% of the 2 assessed recommendations are not implemented")


def test_a_report_started_from_another_tracks_the_cycle_before_its_own(app, world, cycles):
    Report.update(tracked_cycle="3").where(Report.id == world["report"]).execute()
    coordinator = signed_in(app, "coordinator")
    data = {**NEW, "cycle": "6th cycle", "texts": "none"}
    assert coordinator.post(f"/reports/{world['report']}/follow-up", data=data).status_code == 302
    started = Report.select().where(Report.origin == world["report"]).get()
    assert (started.cycle, started.tracked_cycle) == ("6th cycle", "")
