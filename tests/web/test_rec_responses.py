"""The State's response over HTTP: the preview says how each spelling was taken, the coordinator says once what an
unknown one means for the whole file, and "partially supported" is counted and filtered in the tracker."""
import pytest

from coalition import exports
from models import Recommendation, Report
from tests.helpers import parse, text
from tests.web.recs import add
from tests.web.test_rec_import import has_import_button, mapping, numbers, preview_url, problems, upload

pytestmark = pytest.mark.both_databases


@pytest.fixture
def report(world):
    return Report.create(title="Second submission", country="Kazakhstan", mechanism="UPR").id


SPELT = ("Paragraph,Recommendation,Recommending State,Response\n"
         "Para 150.1,Ratify the Optional Protocol.,France,Rejected\n"
         "150.10,Protect journalists.,Chile,Поддержано частично\n"
         "150.2.,Abolish the death penalty.,Spain,Supported\n"
         "150.2,Abolish the death penalty.,Italy,Supported\n")


def shown(page: str) -> list[list[str]]:
    """The preview's rows: the lines, number, states and response cells."""
    rows = parse(page).findall(".//table[@class='recommendations']/tbody/tr")
    return [[text(row.findall("td")[i]) for i in (0, 1, 4, 5)] for row in rows]


def test_the_preview_says_how_each_response_and_number_was_taken(client, login, report):
    login("coordinator")
    page = client.get(preview_url(upload(client, report, SPELT.encode()))).text
    assert problems(page) == []
    assert shown(page) == [
        ["2", "150.1 (written “Para 150.1”)", "France", "“Rejected”, taken as Noted"],
        ["3", "150.10", "Chile", "“Поддержано частично”, taken as Partially supported"],
        ["4, 5", "150.2 (written “150.2.”)", "Spain, Italy", "Supported"]]
    assert "3 new recommendations" in text(parse(page))
    assert parse(page).find(".//table[@class='responses']") is None  # nothing to ask


UNKNOWN = ("number,text,response\n"
           "150.1,One.,Pending\n"
           "150.2,Two.,Deferred\n"
           "150.3,Three.,Pending\n"
           "150.4,Four.,Accepted\n")


def answers(page: str) -> list[tuple[str, str, str]]:
    """The unknown responses the preview asks about: (spelling, its select's name, the chosen value)."""
    rows = parse(page).findall(".//table[@class='responses']/tbody/tr")
    found = []
    for row in rows:
        select, chosen = row.find(".//select"), row.find(".//select/option[@selected]")
        found.append((row.find(".//input").get("value"), select.get("name"),
                      "" if chosen is None else chosen.get("value")))
    return found


def test_an_unknown_response_is_mapped_once_for_the_whole_file(client, login, report):
    login("coordinator")
    url = preview_url(upload(client, report, UNKNOWN.encode()))
    page = client.get(url).text
    assert problems(page) == [f"Row {line}: “{value}” is not a known response: choose what it means above"
                              for line, value in ((2, "Pending"), (3, "Deferred"), (4, "Pending"))]
    assert answers(page) == [("Pending", "answer-0", ""), ("Deferred", "answer-1", "")]
    assert not has_import_button(page)

    form = {**mapping(page), "spelling-0": "Pending", "spelling-1": "Deferred", "answer-0": "noted"}
    half = client.post(url, data={**form, "action": "import"})
    assert half.status_code == 400 and numbers(report) == []
    assert problems(half.text) == ["Row 3: “Deferred” is not a known response: choose what it means above"]
    assert answers(half.text) == [("Pending", "answer-0", "noted"), ("Deferred", "answer-1", "")]

    checked = client.post(url, data={**form, "answer-1": "unknown", "action": "check"})
    assert problems(checked.text) == [] and has_import_button(checked.text)
    assert answers(checked.text) == [("Pending", "answer-0", "noted"), ("Deferred", "answer-1", "unknown")]
    assert [row[3] for row in shown(checked.text)] == [
        "“Pending”, taken as Noted", "“Deferred”, taken as Response unknown", "“Pending”, taken as Noted",
        "“Accepted”, taken as Supported"]

    done = client.post(url, data={**form, "answer-1": "unknown", "action": "import"})
    assert done.status_code == 302
    saved = Recommendation.select().where(Recommendation.report == report).order_by(Recommendation.sort_key)
    assert [(r.number, r.response) for r in saved] == [
        ("150.1", "noted"), ("150.2", ""), ("150.3", "noted"), ("150.4", "supported")]


def test_a_made_up_answer_is_no_answer(client, login, report):
    login("coordinator")
    url = preview_url(upload(client, report, UNKNOWN.encode()))
    form = {**mapping(client.get(url).text), "spelling-0": "Pending", "answer-0": "implemented",
            "spelling-1": "Deferred", "answer-1": "noted", "action": "import"}
    answer = client.post(url, data=form)
    assert answer.status_code == 400 and numbers(report) == []
    assert [p.split(":")[0] for p in problems(answer.text)] == ["Row 2", "Row 4"]


@pytest.fixture
def partly(world):
    """The world's 142.45 (supported) and three more: two partially supported, one noted."""
    Recommendation.update(response="supported").where(Recommendation.id == world["recommendation"]).execute()
    add(world, "150.1", response="partially", status="implemented")
    add(world, "150.2", response="partially", status="not_implemented")
    add(world, "150.3", response="noted", status="not_implemented")


def test_partially_supported_in_the_statistics(client, login, world, partly):
    login("member")
    page = parse(client.get(f"/reports/{world['report']}/recommendations/statistics").text)
    by_response = [(text(row.find("th")), [text(td) for td in row.findall("td")][:5])
                   for row in list(page.iter("table"))[1].findall("tbody/tr")]
    assert by_response == [  # All, then implemented, partially, formally, not implemented
        ("Supported", ["1", "0", "0", "0", "0"]),
        ("Partially supported", ["2", "1 (50%)", "0", "0", "1 (50%)"]),
        ("Noted", ["1", "0", "0", "0", "1 (100%)"])]


def test_partially_supported_in_the_filter_and_the_form(client, login, world, partly):
    login("coordinator")
    url = f"/reports/{world['report']}/recommendations"
    page = parse(client.get(url, query_string={"response": "partially"}).text)
    options = page.findall(".//select[@name='response']/option")
    assert [(o.get("value"), text(o)) for o in options] == [
        ("x", "Any"), ("supported", "Supported"), ("partially", "Partially supported"), ("noted", "Noted"),
        ("", "Response unknown")]
    assert [o.get("value") for o in options if o.get("selected") is not None] == ["partially"]
    listed = page.findall(".//table[@class='recommendations']/tbody/tr")
    assert [text(row.find("td/a")) for row in listed] == ["150.1", "150.2"]
    rec = world["recommendation"]
    form = parse(client.get(f"/recommendations/{rec}/edit").text)
    assert "partially" in [o.get("value") for o in form.findall(".//select[@name='response']/option")]
    saved = client.post(f"/recommendations/{rec}/edit", data={
        "number": "142.45", "document": "A/HRC/43/10", "text": "Changed.", "response": "partially", "group": 0})
    assert saved.status_code == 302 and Recommendation.get_by_id(rec).response == "partially"


def test_partially_supported_in_the_annex_and_back_through_the_csv(app, client, login, world, report, partly):
    Report.update(language="en").where(Report.id == world["report"]).execute()
    with app.app_context():
        rows = [row for part in exports.document_for(Report.get_by_id(world["report"]), annex_by="theme").annex.parts
                for row in part.rows]
    assert sorted((row.number, row.response) for row in rows) == [
        ("142.45", "Supported"), ("150.1", "Partially supported"), ("150.2", "Partially supported"),
        ("150.3", "Noted")]
    login("coordinator")
    exported = client.get(f"/reports/{world['report']}/recommendations.csv").data
    assert b",Partially supported," in exported
    url = preview_url(upload(client, report, exported))
    assert client.post(url, data={**mapping(client.get(url).text), "action": "import"}).status_code == 302
    assert {(r.number, r.response) for r in Recommendation.select().where(Recommendation.report == report)} == {
        ("142.45", "supported"), ("150.1", "partially"), ("150.2", "partially"), ("150.3", "noted")}
