"""The export page (words against the limit) and the files: PDF, DOCX, caching, DRAFT mark, one section."""
import re

import pytest

from coalition import revisions
from models import Export, Report, Section, User
from tests.helpers import pdf_text, signed_in
from tests.web.exporting import docx_paragraphs, export_of, make_file

OWN, THEIRS = "Civil and political rights section", "Women's rights section"


def page(world):
    return f"/reports/{world['report']}/export"


def write(section_id, body):
    section = Section.get_by_id(section_id)
    revisions.save(section, User.get(User.login == "coordinator"), body, "edit", section.head_revision().number)


def test_page_counts_words_per_group_section_and_total(app, world, client, login):
    with app.app_context():
        write(world["sections"]["own"], "alpha beta gamma")
        write(world["sections"]["theirs"], "one two three four five six seven")
    login("member")
    html = re.sub(r"\s+", " ", client.get(page(world)).text)
    assert "the sections' text only" in html
    assert re.search(r"1\. Civil and political rights</th> ?<td>3</td>", html)
    assert re.search(r"2\. Women&#39;s rights</th> ?<td>7</td>", html)
    assert "Words: 3 of 500" in html and "Words: 7 of 500" in html
    assert "Words: 10 of 5,630" in html and "role=\"alert\"" not in html


@pytest.mark.parametrize("limit, over", [(7, True), (8, False), (5630, False)])
def test_over_limit_warning(app, world, client, login, limit, over):  # the world has 2 x 4 words
    with app.app_context():
        Report.update(word_limit=limit).where(Report.id == world["report"]).execute()
    login("lead")
    html = client.get(page(world)).text
    assert ('role="alert"' in html) is over and ("over the limit" in html) is over


def test_pdf_and_its_download(world, client, login):
    login("coordinator")
    export = make_file(client, page(world))
    status = client.get(f"/exports/{export}").text
    assert "The file is ready." in status and f'href="/exports/{export}/download"' in status
    response = client.get(f"/exports/{export}/download")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and "filename*=UTF-8''Joint%20submission.pdf" in disposition
    assert re.search(r'filename="[ -~]+"', disposition)
    text = pdf_text(response.data)
    assert "Joint submission" in text and OWN in text and THEIRS in text


def test_docx(world, client, login):
    login("member")
    response = client.get(f"/exports/{make_file(client, page(world), 'docx')}/download")
    assert response.mimetype.endswith("wordprocessingml.document")
    assert 'filename*=UTF-8\'\'Joint%20submission.docx' in response.headers["Content-Disposition"]
    paragraphs = docx_paragraphs(response.data)
    assert any(OWN in p for p in paragraphs) and any("Joint submission" in p for p in paragraphs)


def test_same_inputs_same_file_new_revision_new_file(app, world, client, login):
    login("lead")
    first = make_file(client, page(world))
    assert export_of(make_file(client, page(world))) == export_of(first) and Export.select().count() == 1
    with app.app_context():
        write(world["sections"]["theirs"], "A new sentence.")
    second = make_file(client, page(world))
    assert export_of(second).key != export_of(first).key
    assert "A new sentence." in pdf_text(client.get(f"/exports/{second}/download").data)


@pytest.mark.parametrize("name, marked", [("member", True), ("lead", True), ("reviewer", True),
                                           ("other", True), ("coordinator", False)])
def test_only_the_coordinator_leaves_out_the_draft_mark(app, world, name, marked):
    client = signed_in(app, name)  # the report is in Russian: the mark reads «ПРОЕКТ»
    export = make_file(client, page(world))  # draft unticked: the checkbox is not sent
    assert ("ПРОЕКТ" in pdf_text(client.get(f"/exports/{export}/download").data)) is marked


@pytest.mark.parametrize("shown, hidden", [("own", THEIRS), ("theirs", OWN)])
def test_section_export_has_only_that_section(world, client, login, shown, hidden):
    login("other")
    export = make_file(client, f"/sections/{world['sections'][shown]}/export", draft="")
    text = pdf_text(client.get(f"/exports/{export}/download").data)
    title = OWN if shown == "own" else THEIRS
    assert title in text and hidden not in text and "ПРОЕКТ" in text  # a section is always a draft
