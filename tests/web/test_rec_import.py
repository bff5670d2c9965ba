"""Importing recommendations from CSV over HTTP: the upload, the preview's guessed columns and per-row problems,
the all-or-nothing import, repeats, the person's own column choices, encodings, and files too large."""
import html
import io
from pathlib import Path

import pytest

from models import Activity, PendingImport, Recommendation, Report, WorkingGroup
from tests.helpers import parse, text

pytestmark = pytest.mark.both_databases  # column lengths, the all-or-nothing transaction, a unique index

SAMPLE = (Path(__file__).parent.parent / "data" / "upr_info_sample.csv").read_bytes()
NUMBERS = ["142.1", "142.9", "142.12", "142.45", "142.46", "142.47", "142.60", "142.88", "142.102", "142.103",
           "142.130", "142.150"]  # the sample's, in the UN's order
TEMPLATE = "number,document,cycle,text,states,response,themes,affected_groups,sdgs,group\n"


@pytest.fixture
def report(world):
    """A report of its own, so that the sample's 142.45 is new there."""
    return Report.create(title="Second submission", country="Kazakhstan", mechanism="UPR").id


def upload(client, report_id, data: bytes, name="recommendations.csv"):
    return client.post(f"/reports/{report_id}/recommendations/import", data={"file": (io.BytesIO(data), name)})


def preview_url(response) -> str:
    assert response.status_code == 302, response.status_code
    return response.headers["Location"]


def mapping(page: str) -> dict[str, str]:
    """column-N -> the field its select has chosen ("" to ignore), as the browser would post it."""
    chosen = {}
    for select in parse(page).find(".//table[@class='mapping']").iter("select"):
        selected = select.find("option[@selected]")
        chosen[select.get("name")] = selected.get("value") if selected is not None else ""
    return chosen


def problems(page: str) -> list[str]:
    found = parse(page).find(".//ul[@class='errors problems']")
    return [] if found is None else [text(li) for li in found.iter("li")]


def mapping_errors(page: str) -> list[str]:
    found = parse(page).find(".//ul[@class='errors']")
    return [] if found is None else [text(li) for li in found.iter("li")]


def has_import_button(page: str) -> bool:
    return parse(page).find(".//button[@value='import']") is not None


def confirm(client, url, **changes):
    """Post the preview's form as shown (with some columns changed) and ask for the import."""
    return client.post(url, data={**mapping(client.get(url).text), **changes, "action": "import"})


def numbers(report_id) -> list[str]:
    return [r.number for r in Recommendation.select().where(Recommendation.report == report_id)
            .order_by(Recommendation.sort_key)]


def imports() -> list[str]:
    return [entry.detail for entry in Activity.select().where(Activity.kind == Activity.IMPORT)]


def test_the_sample_is_understood_and_imported(client, login, report):
    login("coordinator")
    url = preview_url(upload(client, report, SAMPLE, "upr_info_sample.csv"))
    page = client.get(url)
    assert page.status_code == 200
    assert mapping(page.text) == {"column-0": "", "column-1": "text", "column-2": "states", "column-3": "response",
                                  "column-4": "", "column-5": "themes", "column-6": "", "column-7": "cycle",
                                  "column-8": "document"}
    root = parse(page.text)
    assert text(root.find(".//h1")) == "Check the import: upr_info_sample.csv"
    assert "12 new recommendations" in text(root) and not problems(page.text) and not mapping_errors(page.text)
    assert text(root.find(".//button[@value='import']")) == "Import 12 recommendations"
    shown = [text(row.findall("td")[1]) for row in root.findall(".//table[@class='recommendations']/tbody/tr")]
    assert sorted(shown, key=lambda n: [int(p) for p in n.split(".")]) == NUMBERS
    assert numbers(report) == []

    done = confirm(client, url)
    assert done.status_code == 302 and done.headers["Location"].endswith(f"/reports/{report}/recommendations")
    assert "12 recommendations imported." in client.get(done.headers["Location"]).text
    assert numbers(report) == NUMBERS
    first = Recommendation.get(Recommendation.report == report, Recommendation.number == "142.12")
    assert (first.text, first.document, first.cycle, first.response) == (
        "Consider ratifying the International Convention for the Protection of All Persons from Enforced "
        "Disappearance", "A/HRC/43/10", "3", "noted")
    assert Recommendation.lines(first.states) == ["Argentina", "France"]
    assert Recommendation.lines(first.themes) == ["International instruments", "Enforced disappearances"]
    torture = Recommendation.get(Recommendation.report == report, Recommendation.number == "142.88")
    assert torture.text.startswith("Усилить меры") and torture.response == "supported"
    assert Recommendation.lines(torture.states) == ["Дания", "Чехия"]
    assert {r.status for r in Recommendation.select().where(Recommendation.report == report)} == {"not_assessed"}
    assert imports() == ["12"] and PendingImport.select().count() == 0
    assert client.get(url).status_code == 404
    feed = parse(client.get(f"/reports/{report}/activity").text)
    assert [text(s) for s in feed.iter("span") if s.get("class") == "what"] == [
        "Coordinator imported 12 recommendations"]


def test_the_same_file_again_imports_nothing(client, login, report):
    login("coordinator")
    confirm(client, preview_url(upload(client, report, SAMPLE)))
    url = preview_url(upload(client, report, SAMPLE))
    page = client.get(url).text
    assert "0 new recommendations" in text(parse(page))
    assert "12 are in the report already (same document and number) and will be skipped." in text(parse(page))
    assert not has_import_button(page)
    assert confirm(client, url).status_code == 200
    assert numbers(report) == NUMBERS and imports() == ["12"]


def test_only_the_new_ones_are_imported(client, login, world):
    """The world's report has 142.45 already: the other eleven are added, 142.45 is left as it was."""
    login("coordinator")
    url = preview_url(upload(client, world["report"], SAMPLE))
    page = text(parse(client.get(url).text))
    assert "11 new recommendations" in page and "1 is in the report already" in page
    assert confirm(client, url).status_code == 302
    assert numbers(world["report"]) == NUMBERS and imports() == ["11"]
    assert Recommendation.get_by_id(world["recommendation"]).text.startswith("Bring the law on peaceful")


PROBLEMS = TEMPLATE + (
    "150.1,A/HRC/43/10,3,Fine.,Germany,supported,,,,Civil and political rights\n"
    ",,,,,,,,,\n"  # a blank row, which a spreadsheet numbers all the same
    "15O.2,A/HRC/43/10,3,A letter O in the number.,,,,,,\n"
    "150.3,A/HRC/43/10,3,An odd response.,,maybe,,,,\n"
    "150.4,A/HRC/43/10,3,An unknown group.,,,,,,Nobody's group\n"
    "150.5,A/HRC/43/10,3,,France,noted,,,,\n"
    "150.1,A/HRC/43/10,3,The same number again.,,,,,,\n"
    ",A/HRC/43/10,3,No number anywhere.,,,,,,\n"
    "150.8,A/HRC/43/10,3," + "x" * 5001 + ",,,,,,\n")


def test_every_problem_is_listed_and_nothing_imported(client, login, world):
    login("coordinator")
    url = preview_url(upload(client, world["report"], PROBLEMS.encode()))
    page = client.get(url).text
    assert problems(page) == [
        "Row 4: “15O.2” is not a number like 118.12",
        "Row 5: “maybe” is not a known response: choose what it means above",
        "Row 6: there is no working group “Nobody's group”",
        "Row 7: the recommendation's text is empty",
        "Row 8: the same number and document as row 2",
        "Row 9: no number: give a number column, or start the text with it (118.12 …)",
        "Row 10: a cell is longer than 5000 characters"]
    assert "7 problems: nothing will be imported until they are fixed" in text(parse(page))
    assert not has_import_button(page)
    before = numbers(world["report"])
    answer = confirm(client, url)
    assert answer.status_code == 400 and len(problems(answer.text)) == 7
    assert numbers(world["report"]) == before == ["142.45"] and imports() == []


def test_a_group_column_assigns_the_group(client, login, world):
    login("coordinator")
    data = TEMPLATE + "150.1,A/HRC/43/10,3,Protect shelters.,Iceland,accepted,Women; Shelters,,5,Women's rights\n"
    assert confirm(client, preview_url(upload(client, world["report"], data.encode()))).status_code == 302
    rec = Recommendation.get(Recommendation.number == "150.1")
    assert rec.group_id == WorkingGroup.get(WorkingGroup.name == "Women's rights").id
    assert (rec.response, rec.sdgs, Recommendation.lines(rec.themes)) == ("supported", "5", ["Women", "Shelters"])


def test_an_ignored_column_is_not_imported(client, login, report):
    login("coordinator")
    url = preview_url(upload(client, report, SAMPLE))
    assert confirm(client, url, **{"column-5": "", "column-2": "not-a-field"}).status_code == 302
    rows = list(Recommendation.select().where(Recommendation.report == report))
    assert len(rows) == 12 and {(r.themes, r.states) for r in rows} == {("", "")}


def test_two_columns_as_text_is_refused(client, login, report):
    login("coordinator")
    url = preview_url(upload(client, report, SAMPLE))
    answer = confirm(client, url, **{"column-0": "text"})
    assert answer.status_code == 400
    assert mapping_errors(answer.text) == ["Two columns are marked as “Text”."]
    assert mapping(answer.text)["column-0"] == "text" and not has_import_button(answer.text)
    assert numbers(report) == [] and PendingImport.select().count() == 1


def test_a_file_without_a_text_column(client, login, report):
    login("coordinator")
    url = preview_url(upload(client, report, b"Paragraph,Recommending State\n118.12,Germany\n"))
    page = client.get(url).text
    assert mapping(page) == {"column-0": "number", "column-1": "states"}
    assert [html.unescape(e) for e in mapping_errors(page)] == ["No column is marked as the recommendation's text."]
    assert not has_import_button(page)
    answer = confirm(client, url)
    assert answer.status_code == 400 and numbers(report) == []
    unmarked = client.post(url, data={"column-0": "number", "column-1": "", "action": "import"})
    assert unmarked.status_code == 400 and numbers(report) == []


def refused(client, report_id, data: bytes, message: str):
    answer = upload(client, report_id, data)
    assert answer.status_code == 400
    errors = parse(answer.text).find(".//ul[@class='errors']")
    assert [html.unescape(text(li)) for li in errors.iter("li")] == [message]
    assert parse(answer.text).find(".//input[@type='file']") is not None
    assert PendingImport.select().count() == 0


def test_an_open_quote_is_refused(client, login, report):
    login("coordinator")
    refused(client, report, b'number,text\n150.1,"Open quote\n150.2,Next\n',
            "The file is not a well-formed CSV table (a quote may be left open).")


@pytest.mark.parametrize("data", [b"", b"   \r\n", b"number,text\n", "\ufeffnumber,text\n\n,\n".encode()])
def test_an_empty_file_is_refused(client, login, report, data):
    login("coordinator")
    refused(client, report, data, "The file has no rows under its header row.")


def test_no_file_at_all(client, login, report):
    login("coordinator")
    answer = client.post(f"/reports/{report}/recommendations/import", data={})
    assert answer.status_code == 400 and "Choose a file." in answer.text
    assert PendingImport.select().count() == 0


def test_too_many_rows(client, login, report):
    login("coordinator")
    data = "number,text\n" + "".join(f"{n // 1000}.{n % 1000},Text.\n" for n in range(5001))
    refused(client, report, data.encode(), "The file has more than 5000 rows; split it into several files.")


@pytest.mark.parametrize("size", [2 * 1024 * 1024 + 1, 10 * 1024 * 1024])
def test_a_file_too_large(client, login, report, size):
    login("coordinator")
    row = b"150.1,A/HRC/43/10,3,Padding text for a file that is far too large to import.,,,,,,\n"
    data = TEMPLATE.encode() + row * (size // len(row) + 1)
    answer = upload(client, report, data)
    assert answer.status_code == 413
    assert "What you sent is too large. Nothing was saved; shorten it and try again." in answer.text
    assert PendingImport.select().count() == 0 and numbers(report) == []


def test_windows_1251_is_accepted(client, login, report):
    """Russian Excel saves CSV in Windows-1251, with semicolons between the cells."""
    login("coordinator")
    data = ("Номер;Текст рекомендации;Государство;Позиция государства;Темы\n"
            "142.88;Усилить меры по предотвращению пыток;Дания, Чехия;Поддержана;Пытки\n"
            "142.89;Ратифицировать Факультативный протокол;Эстония;Принята к сведению;Договоры\n").encode("cp1251")
    url = preview_url(upload(client, report, data, "рекомендации.csv"))
    page = client.get(url).text
    assert "encoding: windows-1251" in page and "Усилить меры по предотвращению пыток" in page
    assert mapping(page) == {"column-0": "number", "column-1": "text", "column-2": "states",
                             "column-3": "response", "column-4": "themes"}
    assert confirm(client, url).status_code == 302
    torture, protocol = Recommendation.select().where(Recommendation.report == report).order_by(
        Recommendation.sort_key)
    assert (torture.number, torture.text, torture.response, Recommendation.lines(torture.states)) == (
        "142.88", "Усилить меры по предотвращению пыток", "supported", ["Дания", "Чехия"])
    assert (protocol.response, protocol.themes) == ("noted", "Договоры")


def test_the_template_imports_as_it_is(client, login, report):
    login("coordinator")
    template = client.get("/recommendations/template.csv").data
    url = preview_url(upload(client, report, template, "recommendations-template.csv"))
    assert list(mapping(client.get(url).text).values()) == [
        "number", "document", "cycle", "text", "states", "response", "themes", "affected_groups", "sdgs", "group"]
    assert confirm(client, url).status_code == 302
    [rec] = Recommendation.select().where(Recommendation.report == report)
    assert (rec.number, Recommendation.lines(rec.states), rec.affected_groups) == (
        "118.12", ["Germany", "France"], "Persons deprived of liberty")


def test_the_preview_shows_markup_as_text(client, login, report):
    login("coordinator")
    data = b'<script>alert(1)</script>,text\n"<img src=x onerror=alert(1)>",142.1 <svg onload=alert(1)>\n'
    url = preview_url(upload(client, report, data, "<b>x</b>.csv"))
    root = parse(client.get(url).text)
    assert text(root.find(".//h1")) == "Check the import: <b>x</b>.csv"
    assert text(root.find(".//table[@class='mapping']/tbody/tr/th")) == "<script>alert(1)</script>"
    assert "<svg onload=alert(1)>" in text(root.find(".//table[@class='recommendations']"))
    assert not [e for e in root.iter() if [name for name in e.attrib if name.lower().startswith("on")]]
    content = root.find(".//*[@id='main']")  # the navigation bar's icons are the app's own SVG
    assert not [e for e in content.iter() if e.tag in ("img", "b") or "}" in str(e.tag)]
    assert not [e for e in root.iter("script") if not e.get("src")]
