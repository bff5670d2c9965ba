"""Every field that reaches an output, filled to its form's limit (Kazakh letters, two bytes each in UTF-8, and
words too long for a line), then every output built: the report's and a section's PDF and DOCX (draft and
final, the annex by theme and by group), a frozen version, the archive, the assessments' CSV, a notice, the
pages and the downloads' names. Nothing crashes; what is data stays whole; what has a limit of its own (a
file name, a header, a subject, a DOCX property) is cut to it."""
import csv
import io
import json
import re
import zipfile
from email.header import decode_header, make_header
from urllib.parse import unquote

import docx
import pytest
from pypdf import PdfReader

from coalition.notices import SUBJECT_REPORT, SUBJECT_SECTION
from export.word import CORE_PROPERTY
from models import Organisation, Recommendation, Removal, Report, Section, Submission, User, WorkingGroup
from tests.helpers import signed_in
from tests.long_values import long_text, squeezed
from tests.web.exporting import export_of, export_token
from text.lengths import ELLIPSIS, FILE_NAME_BYTES, FILE_NAME_CHARS, file_name, shorten

pytestmark = pytest.mark.both_databases  # PostgreSQL enforces a column's length, SQLite does not

TITLE, SHORT_TITLE = long_text(400), long_text(120)
SECTION_TITLE, GROUP_NAME = long_text(300), long_text(200)
ORGANISATIONS = [long_text(299) + digit for digit in "12"]  # names are unique
NAME = long_text(120)
OTHER_NAME = NAME[:-1] + "ә"  # two people may not share a name
NOTE, REVIEW_NOTE = long_text(300), long_text(1000)
BODY = f"{long_text(3000)} [rec:142.45][^1]\n\n| {long_text(300)} | {long_text(100)} |\n|---|---|\n| 1 | 2 |\n\n" \
       f"[^1]: {long_text(500)}\n"
REPORT = {"title": TITLE, "short_title": SHORT_TITLE, "country": long_text(120), "mechanism": long_text(200),
          "cycle": long_text(60), "session": long_text(120), "language": "kk", "word_limit": 100_000,
          "contact": long_text(1000), "coalition_description": long_text(10_000), "notes_style": "footnotes"}
RECOMMENDATION = {"number": "142.45", "document": long_text(60), "cycle": long_text(60), "text": long_text(5000),
                  "states": long_text(2000), "response": "supported", "themes": long_text(2000),
                  "affected_groups": long_text(2000), "sdgs": long_text(100)}
ASSESSMENT = {"status": "not_implemented", "justification": long_text(20_000), "sources": long_text(10_000)}
COMMENT = "Пікір: " + long_text(20_000 - len("Пікір: "))  # its start is in no title


def posted(response, status=302):
    assert response.status_code == status, response.status_code
    return response


@pytest.fixture
def coalition(app, world):
    """The world with every value at its form's limit, typed into the forms, its own section approved with a long
    note, and comments."""
    coordinator, lead = signed_in(app, "coordinator"), signed_in(app, "lead")
    own = world["sections"]["own"]
    with app.app_context():
        group = WorkingGroup.get_by_id(world["group"])
    posted(coordinator.post(f"/reports/{world['report']}/groups/{group.id}",
                            data={"name": GROUP_NAME, "theme": long_text(2000), "lead_organisation": 0}))
    for section in world["sections"].values():
        with app.app_context():
            its_group = Section.get_by_id(section).group_id
        posted(coordinator.post(f"/sections/{section}/settings",
                                data={"title": SECTION_TITLE, "word_budget": 100_000, "group": its_group}))
    for name in ORGANISATIONS:
        posted(coordinator.post("/organisations/new", data={
            "name": name, "city": long_text(120), "description": long_text(2000), "contact": long_text(1000),
            "groups": [group.id]}))
    with app.app_context():
        coordinating = Organisation.select().order_by(Organisation.id).first().id
    posted(coordinator.post(f"/reports/{world['report']}/settings",
                            data={**REPORT, "coordinating_organisation": coordinating}))
    for client, name in ((coordinator, OTHER_NAME), (lead, NAME)):
        posted(client.post("/account", data={"display_name": name, "language": "en", "email": ""}))
    recommendation = world["recommendation"]
    posted(coordinator.post(f"/recommendations/{recommendation}/edit", data={**RECOMMENDATION, "group": group.id}))
    posted(lead.post(f"/recommendations/{recommendation}/assess", data=ASSESSMENT))
    posted(lead.post(f"/sections/{own}/edit", data={"body": BODY, "note": NOTE, "base": 2, "action": "save"}))
    posted(lead.post(f"/sections/{own}/status", data={"action": "submit", "number": 3, "note": REVIEW_NOTE}))
    posted(coordinator.post(f"/sections/{own}/status", data={"action": "approve", "number": 3, "note": REVIEW_NOTE}))
    posted(coordinator.post(f"/sections/{own}/threads", data={"revision": 3, "paragraph": 0, "body": COMMENT}))
    posted(lead.post(f"/threads/{world['thread']}/comments", data={"body": COMMENT}))
    return {**world, "client": coordinator, "coordinating": coordinating}


def download_name(response, extension: str) -> str:
    """The file's name from the download's headers, checked against every limit a name has."""
    assert response.status_code == 200
    disposition = response.headers["Content-Disposition"]
    assert re.fullmatch(r'attachment; filename=("[ -~]+"|[!-~]+); filename\*=UTF-8\'\'[!-~]+', disposition), disposition
    name = unquote(disposition.rpartition("''")[2])
    assert name.endswith(f".{extension}")
    assert len(name) <= FILE_NAME_CHARS and len(name.encode()) <= FILE_NAME_BYTES
    return name


def test_every_value_is_kept_whole(app, coalition):
    with app.app_context():
        report = Report.get_by_id(coalition["report"])
        assert {name: getattr(report, name) for name in REPORT} == REPORT
        recommendation = Recommendation.get_by_id(coalition["recommendation"])
        assert {name: getattr(recommendation, name) for name in RECOMMENDATION} == RECOMMENDATION
        assert Section.get_by_id(coalition["sections"]["own"]).head_revision().note == NOTE
        assert User.get(User.login == "lead").display_name == NAME
        assert [o.name for o in Organisation.members()][-2:] == ORGANISATIONS


def export(coalition, url: str, **form):
    """Make a file through the export form; its download and the token of its link."""
    made = export_token(coalition["client"].post(url, data=form))
    return coalition["client"].get(f"/exports/{made}/download"), made


@pytest.mark.parametrize("final, annex", [(False, "theme"), (True, "group")])
def test_the_report_as_a_docx(app, coalition, final, annex):
    response, made = export(coalition, f"/reports/{coalition['report']}/export", format="docx", annex=annex,
                            **({} if final else {"draft": "y"}))
    name = download_name(response, "docx")
    assert name == file_name(SHORT_TITLE, "docx")  # whole, but for the colons and commas a name leaves out
    with app.app_context():
        assert export_of(made).filename == name
    word = docx.Document(io.BytesIO(response.data))
    assert word.paragraphs[0].text == TITLE
    assert word.core_properties.title == shorten(TITLE, CORE_PROPERTY)
    assert word.sections[0].header.paragraphs[0].text.startswith(SHORT_TITLE)  # the short title, whole
    text = "\n".join(paragraph.text for paragraph in word.paragraphs)
    for value in (REPORT["country"], REPORT["mechanism"], f"{REPORT['cycle']} · {REPORT['session']}",
                  REPORT["contact"], REPORT["coalition_description"], ORGANISATIONS[0], GROUP_NAME, SECTION_TITLE):
        assert value in text
    cells = {cell.text for table in word.tables for row in table.rows for cell in row.cells}
    assert RECOMMENDATION["text"] in cells and ASSESSMENT["justification"] in cells


def test_the_report_as_a_pdf_then_frozen(app, coalition):
    """The final PDF of the approved text, then the same frozen (which takes the file just made: one build)."""
    client, report = coalition["client"], coalition["report"]
    response, made = export(coalition, f"/reports/{report}/export", format="pdf", annex="theme", approved_only="y")
    assert download_name(response, "pdf") == file_name(SHORT_TITLE, "pdf")
    reader = PdfReader(io.BytesIO(response.data))
    assert squeezed(TITLE) in squeezed(reader.pages[0].extract_text())
    assert reader.metadata.title == TITLE

    frozen = posted(client.post(f"/reports/{report}/freeze", data={"note": NOTE, "leave_out": "y", "annex": "theme"}))
    version = int(frozen.headers["Location"].rpartition("/")[2])
    page = client.get(f"/submissions/{version}").text
    assert NOTE in page and SECTION_TITLE in page
    assert NOTE in client.get(f"/reports/{report}/submissions").text
    download = client.get(f"/submissions/{version}/pdf")
    assert download.data == response.data
    with app.app_context():
        assert Submission.get_by_id(version).filename == download_name(download, "pdf")


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_a_section_as_a_file(coalition, fmt):
    own = coalition["sections"]["own"]
    response, _ = export(coalition, f"/sections/{own}/export", format=fmt)
    name = download_name(response, fmt)
    assert name == file_name(f"{shorten(SHORT_TITLE, 50)} — {SECTION_TITLE}", fmt) and ELLIPSIS in name
    if fmt == "docx":
        assert f"1.1 {SECTION_TITLE}" in [p.text for p in docx.Document(io.BytesIO(response.data)).paragraphs]
    else:
        outline = PdfReader(io.BytesIO(response.data)).outline
        assert any(squeezed(SECTION_TITLE) in squeezed(item.title) for item in outline[-1])


def test_the_archive_keeps_every_value_whole(app, coalition, tmp_path):
    out = tmp_path / "archive.zip"
    result = app.test_cli_runner().invoke(args=["export-archive", "--out", str(out),
                                                "--report", str(coalition["report"])])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        meta = json.loads(archive.read("report.json"))
    assert all(len(part.encode()) <= FILE_NAME_BYTES for name in names for part in name.split("/"))
    assert meta["report"]["title"] == TITLE
    section = next(s for s in meta["sections"] if s["revisions"][-1]["note"] == NOTE)
    assert section["title"] == SECTION_TITLE and section["group"] == GROUP_NAME
    assert [step["note"] for step in section["review"][-2:]] == [REVIEW_NOTE, REVIEW_NOTE]
    assert section["revisions"][-1]["author"] == NAME
    recommendation = meta["recommendations"][0]
    assert recommendation["text"] == RECOMMENDATION["text"] and recommendation["themes"] == [RECOMMENDATION["themes"]]
    assessment = recommendation["assessments"][-1]
    assert (assessment["justification"], assessment["sources"], assessment["by"]) == (
        ASSESSMENT["justification"], ASSESSMENT["sources"], NAME)


def test_the_assessments_csv_keeps_every_value_whole(coalition):
    response = coalition["client"].get(f"/reports/{coalition['report']}/recommendations.csv")
    header, row = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"), newline="")))
    values = dict(zip(header, row))
    for name in ("document", "cycle", "text", "states", "themes", "affected_groups", "sdgs"):
        assert values[name] == RECOMMENDATION[name]
    assert (values["justification"], values["sources"], values["assessed_by"], values["group"]) == (
        ASSESSMENT["justification"], ASSESSMENT["sources"], NAME, GROUP_NAME)


def test_a_notice_has_a_short_subject_and_names_the_whole_section(mail_app, coalition, inbox):
    handler, _ = inbox
    with mail_app.app_context():
        User.update(email=User.login.concat("@coalition.test")).execute()
    reviewer = signed_in(mail_app, "reviewer")
    posted(reviewer.post(f"/threads/{coalition['thread']}/comments", data={"body": COMMENT}))
    message = handler.to("lead@coalition.test")[0]
    subject = message["Subject"]
    assert subject == (f"New comment: {shorten(SECTION_TITLE, SUBJECT_SECTION)} — "
                       f"{shorten(SHORT_TITLE, SUBJECT_REPORT)}")
    assert len(subject) <= 150
    assert f"«{SECTION_TITLE}»" in message.get_content() and COMMENT[:50] not in message.get_content()
    # Read as RFC 2047 says (Python 3.11's parser puts spaces between an address's encoded words).
    to = re.sub(r"\r?\n[ \t]+", " ", dict(message.raw_items())["To"])
    assert str(make_header(decode_header(to))) == f"{NAME} <lead@coalition.test>"


def test_the_pages_show_long_values_whole(app, coalition):
    client, report = coalition["client"], coalition["report"]
    own, recommendation = coalition["sections"]["own"], coalition["recommendation"]
    pages = {f"/reports/{report}": TITLE, f"/reports/{report}/dashboard": GROUP_NAME,
             f"/reports/{report}/activity": SECTION_TITLE, f"/reports/{report}/settings": REPORT["contact"],
             f"/reports/{report}/export": SECTION_TITLE, f"/reports/{report}/freeze": SECTION_TITLE,
             f"/sections/{own}": COMMENT, f"/sections/{own}/history": NOTE, f"/sections/{own}/review": REVIEW_NOTE,
             "/organisations": ORGANISATIONS[1], f"/recommendations/{recommendation}": ASSESSMENT["justification"],
             f"/reports/{report}/recommendations": GROUP_NAME,
             f"/reports/{report}/recommendations/statistics": GROUP_NAME, "/audit": NAME}
    for url, value in pages.items():
        response = client.get(url)
        assert response.status_code == 200 and value in response.text, url


@pytest.mark.parametrize("kind", ["section", "group"])
def test_a_long_title_removed_and_brought_back(app, coalition, kind):
    client = coalition["client"]
    target = coalition["sections"]["own"] if kind == "section" else coalition["group"]
    title = SECTION_TITLE if kind == "section" else GROUP_NAME
    removed = posted(client.post(f"/{kind}s/{target}/remove"))
    assert len(removed.headers["Set-Cookie"].encode()) < 4093  # the message naming it fits in the session cookie
    assert title in client.get("/removed").text
    with app.app_context():
        removal = Removal.get(Removal.title == title)
    back = posted(client.post(f"/removed/{removal.id}/undo"))
    assert len(back.headers["Set-Cookie"].encode()) < 4093
    assert title in client.get(f"/reports/{coalition['report']}").text
