"""What the tracker gives back: statistics, the CSV export, citations in sections, the annex."""
import csv
import io
import re

import docx
import pytest
from pypdf import PdfReader

from coalition import exports, recommendations, revisions
from models import Recommendation, Report, Section, User, WorkingGroup
from tests.helpers import parse, signed_in, text
from tests.web.recs import DOCUMENT, SVG, add, assess

# Statistics.

STATUSES = ["implemented", "partially", "partially", "formally", "not_implemented", "not_implemented",
            "not_implemented", "no_progress", "not_assessed", "not_assessed"]


@pytest.fixture
def assessed(app, world):
    """Ten recommendations with known statuses (142.45 the first), spread over groups and responses."""
    coordinator = User.get(User.login == "coordinator")
    with app.app_context():
        for i, status in enumerate(STATUSES):
            rec_id = world["recommendation"] if i == 0 else add(
                world, f"150.{i}", group_key=("alpha", "beta", None)[i % 3], response=("supported", "noted")[i % 2])
            if status != "not_assessed":
                recommendations.assess(Recommendation.get_by_id(rec_id), coordinator, status, "Why.", "")


def test_statistics(client, login, world, assessed):
    login("other")
    response = client.get(f"/reports/{world['report']}/recommendations/statistics")
    page = parse(response.text)
    assert text(page.find(".//p[@class='summary']")) == (
        "38% of the 8 assessed recommendations are not implemented; a further 50% are implemented only partly "
        "or formally, or show no progress.")
    svg = page.find(f".//{SVG}svg[@role='img']")
    assert [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "chart-value"] == [
        "1 (10%)", "2 (20%)", "1 (10%)", "3 (30%)", "1 (10%)", "2 (20%)"]  # of all 10: one denominator
    assert [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "chart-label"] == [
        "Implemented", "Partially implemented", "Implemented only formally", "Not implemented", "No progress",
        "Not assessed"]
    by_group, by_response = [[(text(row.find("th")), [text(td) for td in row.findall("td")])
                              for row in table.findall("tbody/tr")] for table in page.iter("table")]
    # i % 3 picks the group (alpha, beta, none), i % 2 the response (supported, noted).
    assert by_group == [
        ("Civil and political rights", ["4", "1 (25%)", "0", "1 (25%)", "1 (25%)", "0", "1 (25%)"]),
        ("Women's rights", ["3", "0", "1 (33%)", "0", "1 (33%)", "1 (33%)", "0"]),
        ("No group yet", ["3", "0", "1 (33%)", "0", "1 (33%)", "0", "1 (33%)"])]
    assert by_response == [
        ("Supported", ["5", "1 (20%)", "1 (20%)", "0", "2 (40%)", "0", "1 (20%)"]),
        ("Noted", ["5", "0", "1 (20%)", "1 (20%)", "1 (20%)", "1 (20%)", "1 (20%)"])]
    assert "Of the 4 assessed recommendations the State supported, 25% are implemented." in text(page)


def test_statistics_with_nothing_assessed(client, login, world):
    login("member")
    page = parse(client.get(f"/reports/{world['report']}/recommendations/statistics").text)
    assert text(page.find(".//p[@class='summary']")) == "No recommendation is assessed yet."
    Recommendation.delete().execute()
    assert "No recommendations yet." in client.get(f"/reports/{world['report']}/recommendations/statistics").text


# The CSV export.

def exported(client, world):
    response = client.get(f"/reports/{world['report']}/recommendations.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == 'attachment; filename="recommendations.csv"'
    assert response.data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"), newline="")))


def test_csv_export_has_the_current_assessment(client, login, world):
    rec = world["recommendation"]
    Recommendation.update(states="Germany\nFrance", themes="Assembly\nProtest").where(
        Recommendation.id == rec).execute()
    login("lead")
    assess(client, rec, "partially", "First look.")
    assess(client, rec, "no_progress", "Nothing changed since 2020.", "Interview, May 2024")
    login("reviewer")
    header, row = exported(client, world)
    assert header == ["number", "document", "cycle", "text", "states", "response", "themes", "affected_groups",
                      "sdgs", "group", "status", "justification", "sources", "assessed_by", "assessed_at"]
    record = dict(zip(header, row))
    assert {k: record[k] for k in ("number", "document", "states", "response", "themes", "group", "status",
                                   "justification", "sources", "assessed_by")} == {
        "number": "142.45", "document": DOCUMENT, "states": "Germany; France", "response": "Supported",
        "themes": "Assembly; Protest", "group": "Civil and political rights", "status": "No progress",
        "justification": "Nothing changed since 2020.", "sources": "Interview, May 2024", "assessed_by": "Lead"}
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d", record["assessed_at"])


def test_csv_export_neutralises_formulas(client, login, world):
    add(world, "142.9", '=cmd|" /C calc"!A0', states="+Evil", themes="@SUM(1)")
    login("coordinator")
    assess(client, world["recommendation"], "implemented", '=cmd|" /C calc"!A0')
    header, first, second = exported(client, world)
    by_number = {row[0]: dict(zip(header, row)) for row in (first, second)}
    assert by_number["142.9"]["text"] == '\'=cmd|" /C calc"!A0'
    assert by_number["142.9"]["states"] == "'+Evil" and by_number["142.9"]["themes"] == "'@SUM(1)"
    assert by_number["142.45"]["justification"] == '\'=cmd|" /C calc"!A0'


def test_the_template(client, login, world):
    login("member")
    response = client.get("/recommendations/template.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "recommendations-template.csv" in response.headers["Content-Disposition"]
    header, example = csv.reader(io.StringIO(response.data.decode("utf-8-sig")))
    assert header == ["number", "document", "cycle", "text", "states", "response", "themes", "affected_groups",
                      "sdgs", "group"]
    assert example[0] == "118.12" and len(example) == len(header)


# Citations.

def cite(app, world, body):
    with app.app_context():
        section = Section.get_by_id(world["sections"]["own"])
        revisions.save(section, User.get(User.login == "lead"), body, "cite", section.head_revision().number)


def test_a_citation_links_to_the_recommendation(app, client, login, world):
    cite(app, world, "Собрания ограничены [rec:142.45], см. также [rec:999.1].")
    login("other")
    page = parse(client.get(f"/sections/{world['sections']['own']}").text)
    link = page.find(".//article[@class='prose']//a[@class='rec rec-not_assessed']")
    assert (link.text, link.get("href"), link.get("title")) == (
        "142.45", f"/recommendations/{world['recommendation']}", "Not assessed")
    unknown = page.find(".//article[@class='prose']//span[@class='rec-unknown']")
    assert unknown.text == "[rec:999.1]" and unknown.get("title") == "No recommendation has this number"
    assess(signed_in(app, "lead"), world["recommendation"], "formally", "On paper only.")
    page = parse(client.get(f"/sections/{world['sections']['own']}").text)
    assert page.find(".//a[@class='rec rec-formally']").get("title") == "Implemented only formally"


def test_the_recommendation_lists_the_sections_citing_it(app, client, login, world):
    login("reviewer")
    cited = parse(client.get(f"/recommendations/{world['recommendation']}").text)
    assert "No section cites it yet. Write [rec:142.45] in a section to cite it." in text(cited)
    cite(app, world, "See [rec:142.45].")
    page = parse(client.get(f"/recommendations/{world['recommendation']}").text)
    assert "Cited in" in [h.text for h in page.iter("h2")]
    links = [(a.text, a.get("href")) for a in page.iter("a") if a.get("href", "").startswith("/sections/")]
    assert links == [("Civil and political rights section", f"/sections/{world['sections']['own']}")]
    cite(app, world, "No longer cited; [rec:142.4] is another one.")
    assert "No section cites it yet." in client.get(f"/recommendations/{world['recommendation']}").text


def test_the_editors_preview_flags_unknown_numbers(client, login, world):
    login("lead")
    response = client.post(f"/sections/{world['sections']['own']}/preview",
                           data={"body": "Known [rec:142.45], unknown [rec:999.1]."}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    fragment = parse(response.text)
    warning = fragment.find(".//div[@id='preview-counts']/p[@class='message warning']")  # told in the live region
    assert text(warning).startswith("No recommendation has the number: 999.1.")
    assert fragment.find(".//a[@class='rec rec-not_assessed']").text == "142.45"
    clean = client.post(f"/sections/{world['sections']['own']}/preview", data={"body": "Known [rec:142.45]."})
    assert "No recommendation has the number" not in clean.text


# The annex of the exported document.

@pytest.fixture
def annexed(app, world):
    """Four assessed recommendations: 142.45 (alpha, no theme), 142.9 (beta), 142.10 and 142.100 (no group)."""
    Report.update(language="en").where(Report.id == world["report"]).execute()
    add(world, "142.100", "Protect migrants.", themes="Migrants", states="Kyrgyzstan")
    add(world, "142.9", "Invite the special procedures.", "beta", themes="Special procedures\nMigrants",
        states="Latvia\nEstonia", response="noted")
    add(world, "142.10", "Prevent torture.", themes="Torture")
    coordinator = User.get(User.login == "coordinator")
    with app.app_context():
        for number, status in (("142.45", "implemented"), ("142.9", "not_implemented"),
                               ("142.10", "not_implemented"), ("142.100", "partially")):
            recommendations.assess(Recommendation.get(Recommendation.number == number), coordinator, status,
                                   f"Why {number}.", "")


def annex(app, world, by):
    with app.app_context():
        return exports.document_for(Report.get_by_id(world["report"]), annex_by=by).annex


def test_the_annex_by_theme(app, world, annexed):
    found = annex(app, world, "theme")
    assert found.title == "Annex. Implementation of the recommendations of the previous cycle"
    assert found.summary == ("50% of the 4 assessed recommendations are not implemented; a further 25% are "
                             "implemented only partly or formally, or show no progress.")
    assert ("Not implemented", 2, 50) in found.totals and ("Not assessed", 0, 0) in found.totals
    assert [(part.heading, [row.number for row in part.rows]) for part in found.parts] == [
        ("Migrants", ["142.100"]), ("Special procedures", ["142.9"]), ("Torture", ["142.10"]),
        ("Other recommendations", ["142.45"])]
    row = found.parts[1].rows[0]
    assert (row.text, row.states, row.response, row.status, row.status_key, row.justification) == (
        "Invite the special procedures.", "Latvia, Estonia", "Noted", "Not implemented", "not_implemented",
        "Why 142.9.")


def test_the_annexs_totals_have_one_denominator_said_in_words(app, world, annexed):
    """As on the statistics page: every share is of all five recommendations, the one not assessed included (not
    "Not implemented 50%" of the assessed beside "Not assessed 100%" of all), in the PDF and the Word file alike."""
    add(world, "142.11", "Not assessed yet.")
    with app.app_context():
        document = exports.document_for(Report.get_by_id(world["report"]), annex_by="theme")
        pdf, word = exports.render(document, "pdf"), exports.render(document, "docx")
    sentence = "The percentages are of all the recommendations counted, assessed or not: 5."
    pdf_text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)
    for line in ("Implemented 1 20%", "Partially implemented 1 20%", "Not implemented 2 40%", "Not assessed 1 20%",
                 sentence):
        assert line in pdf_text
    totals = docx.Document(io.BytesIO(word)).tables[0]
    assert [[cell.text for cell in row.cells] for row in totals.rows] == [
        ["Implemented", "1", "20%"], ["Partially implemented", "1", "20%"], ["Implemented only formally", "0", "0%"],
        ["Not implemented", "2", "40%"], ["No progress", "0", "0%"], ["Not assessed", "1", "20%"]]
    assert sentence in [paragraph.text for paragraph in docx.Document(io.BytesIO(word)).paragraphs]


def test_the_annex_by_group(app, world, annexed):
    parts = annex(app, world, "group").parts
    assert [(part.heading, [row.number for row in part.rows]) for part in parts] == [
        ("Civil and political rights", ["142.45"]), ("Women's rights", ["142.9"]),
        ("No group yet", ["142.10", "142.100"])]
    WorkingGroup.update(position=0).where(WorkingGroup.name == "Women's rights").execute()
    assert [part.heading for part in annex(app, world, "group").parts][:2] == [
        "Women's rights", "Civil and political rights"]


def test_no_annex_unless_asked(app, world, annexed):
    assert annex(app, world, None) is None
    Recommendation.delete().execute()
    assert annex(app, world, "theme") is None


WORKING_GROUP = "the Working Group on the Universal Periodic Review"


def test_the_annex_names_the_documents_its_recommendations_come_from(app, world, annexed):
    Recommendation.update(cycle="3").execute()  # a bare number, as UPR Info's files give it
    assert annex(app, world, "theme").source == (
        f"Recommendations from the report of {WORKING_GROUP}, {DOCUMENT} (Cycle 3).")
    Recommendation.update(document="A/HRC/28/10", cycle="2nd cycle").where(Recommendation.number == "142.9").execute()
    Recommendation.update(document="").where(Recommendation.number == "142.10").execute()  # named by none
    assert annex(app, world, "group").source == (
        f"Recommendations from the reports of {WORKING_GROUP}: A/HRC/28/10 (2nd cycle); {DOCUMENT} (Cycle 3).")
    Recommendation.update(document="").execute()
    assert annex(app, world, "theme").source == ""
