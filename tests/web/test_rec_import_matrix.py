"""Importing OHCHR's thematic list of recommendations (.docx) over HTTP: the preview shows the number, States,
document and themes taken out of the matrix's cells, and the import stores them."""
import io

import docx
import pytest

from models import Recommendation, Report
from tests.helpers import parse, text
from tests.unit import ohchr_docs
from tests.web.test_rec_import import confirm, mapping, preview_url, problems, refused, upload

pytestmark = pytest.mark.both_databases

DOCX = "matrix.docx"


@pytest.fixture
def report(world):
    return Report.create(title="Second submission", country="Kazakhstan", mechanism="UPR").id


def shown_rows(page: str) -> list[list[str]]:
    return [[text(td) for td in row.findall("td")]
            for row in parse(page).findall(".//table[@class='recommendations']/tbody/tr")]


def stored(report_id, number) -> Recommendation:
    return Recommendation.get(Recommendation.report == report_id, Recommendation.number == number)


def test_a_fourth_cycle_matrix_is_previewed_and_imported(client, login, report):
    login("coordinator")
    data = ohchr_docs.matrix(ohchr_docs.FOURTH_HEADERS, ohchr_docs.FOURTH_CYCLE[:3],  # supported and noted
                             title="Universal Periodic Review – 4th cycle", title_row="Thematic list")
    url = preview_url(upload(client, report, data, DOCX))
    page = client.get(url)
    assert page.status_code == 200 and not problems(page.text)
    assert list(mapping(page.text).values()) == ["number", "document", "cycle", "text", "states", "response",
                                                 "themes", "affected_groups", "sdgs"]
    assert [row[:3] + row[4:7] for row in shown_rows(page.text)] == [
        ["4", "38.1", "A/HRC/58/12", "France, Lithuania", "Supported",
         "A41 Constitutional and legislative framework, D25 Prohibition of torture and cruel, inhuman or "
         "degrading treatment"],
        ["5", "38.2", "A/HRC/58/12", "Türkiye, Côte d'Ivoire", "Noted",
         "A41 Constitutional and legislative framework, B31 Equality & non-discrimination"]]
    assert "Import 2 recommendations" in text(parse(page.text))

    assert confirm(client, url).status_code == 302
    noted = stored(report, "38.2")
    assert (noted.text, noted.cycle, noted.response, noted.sdgs) == (
        "Bring the definition of discrimination into line with international standards", "4", "noted", "5, 10")
    assert Recommendation.lines(noted.states) == ["Türkiye", "Côte d'Ivoire"]
    assert Recommendation.lines(noted.affected_groups) == ["women", "girls"]


def test_a_third_cycle_matrix_imports_every_recommendation(client, login, report):
    """Its positions are left aside here: their spellings are the response check's to map."""
    login("coordinator")
    url = preview_url(upload(client, report, ohchr_docs.third_cycle(), DOCX))
    columns = {name: value for name, value in mapping(client.get(url).text).items() if value != "response"}
    done = client.post(url, data={**columns, "action": "import"})
    assert done.status_code == 302
    numbers = [r.number for r in Recommendation.select().where(Recommendation.report == report)]
    assert sorted(numbers) == ["142.1", "142.2", "142.3", "142.45", "142.46"]
    birth = stored(report, "142.45")
    assert Recommendation.lines(birth.states) == ["Holy See", "Korea, Republic of", "Bolivia (Plurinational State of)"]
    assert Recommendation.lines(birth.themes) == ["D8 Rights related to name, identity, nationality",
                                                  "F13 Children: definition; general principles; protection"]
    assert (birth.document, birth.cycle, birth.text) == (
        "A/HRC/43/10", "3", "Ensure birth registration for every child born in the country")


def test_a_word_file_without_recommendations_is_refused(client, login, report):
    login("coordinator")
    document = docx.Document()
    document.add_paragraph("Our submission")
    out = io.BytesIO()
    document.save(out)
    refused(client, report, out.getvalue(), "This Word file has no table with a “Recommendation” column: upload "
                                            "OHCHR's thematic list of recommendations for the State, or a CSV file.")


def test_the_upload_form_takes_word_files(client, login, report):
    login("coordinator")
    field = parse(client.get(f"/reports/{report}/recommendations/import").text).find(".//input[@type='file']")
    assert ".docx" in field.get("accept").split(",")
