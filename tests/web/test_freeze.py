"""Freezing a submitted version over HTTP: who may, when it refuses, what the frozen PDF holds, and that
nothing done afterwards (edits, new approvals, a second freeze) changes a version once frozen."""
import hashlib
import html
import io
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from fontTools.ttLib import TTFont
from peewee import IntegrityError
from pypdf import PdfReader

from models import Activity, AuditEvent, ImmutableRow, Report, Section, Submission, SubmittedSection
from tests import helpers
from tests.helpers import pdf_text, step

APPROVED_2 = "Второй вариант текста, қазақша."  # revision 2 of both sections in the world
EDITED = "Вариант после заморозки: коалиция дописала абзац о свободе собраний."
THEIRS = "Текст группы по правам женщин, ещё не одобренный."
NOTHING = "No section is approved yet: there is nothing to freeze."
SOME_LEFT = "Some sections have no approved revision."
DRAFT_MARKS = ("DRAFT", "ПРОЕКТ")  # the world report is in Russian


# --- helpers ---------------------------------------------------------------------------------------


@pytest.fixture
def theirs(world):
    return world["sections"]["theirs"]


def edit(client, section_id, body, base):
    response = helpers.edit(client, section_id, body, base)
    assert response.status_code == 302, response.status_code
    return response


def approve(person, section_id, writer):
    """The section's group sends it for review and the reviewer approves its head, over HTTP."""
    assert step(person(writer), section_id, "submit").status_code == 302
    assert step(person("reviewer"), section_id, "approve").status_code == 302
    section = Section.get_by_id(section_id)
    assert section.status == Section.APPROVED
    return section.approved_number


def freeze(client, report_id, **form):
    return client.post(f"/reports/{report_id}/freeze", data=form)


def frozen_id(response) -> int:
    assert response.status_code == 302, response.status_code
    match = re.fullmatch(r"/submissions/(\d+)", response.headers["Location"])
    assert match, response.headers["Location"]
    return int(match.group(1))


def frozen_sections(submission_id):
    """{section id: frozen revision number} of a version, read from its rows."""
    rows = SubmittedSection.select().where(SubmittedSection.submission == submission_id)
    return {row.section_id: row.revision_number for row in rows}


def download(client, submission_id) -> bytes:
    response = client.get(f"/submissions/{submission_id}/pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    return response.data


def page_sha256(client, submission_id, fmt="pdf") -> str:
    """A file's SHA-256 as the version's page shows it, after its download link."""
    page = client.get(f"/submissions/{submission_id}").text
    return re.search(rf'/{fmt}">.*?<code class="hash">([0-9a-f]{{64}})</code>', page, re.S).group(1)


def compare_links(page: str) -> list[tuple[str, dict]]:
    """(path, query) of every "Compare with the current text" link on a version's page."""
    links = []
    for href in re.findall(r'<a href="([^"]*/compare\?[^"]*)">Compare with the current text</a>', page):
        url = urlsplit(html.unescape(href))
        links.append((url.path, {k: v[0] for k, v in parse_qs(url.query).items()}))
    return links


def _fonts(resources) -> list:
    fonts = [font.get_object() for font in (resources.get("/Font") or {}).values()]
    for xobject in (resources.get("/XObject") or {}).values():
        fonts += _fonts(xobject.get_object().get("/Resources") or {})
    return fonts


# --- 1. who may -------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["reviewer", "lead", "member", "other"])
def test_only_the_coordinator_sees_the_freeze_page(person, world, who):
    assert person(who).get(f"/reports/{world['report']}/freeze").status_code == 403
    assert person("coordinator").get(f"/reports/{world['report']}/freeze").status_code == 200


@pytest.mark.parametrize("who", ["reviewer", "lead", "member", "other"])
def test_nobody_but_the_coordinator_can_freeze(person, world, own, theirs, who):
    approve(person, own, "member")
    approve(person, theirs, "other")
    assert freeze(person(who), world["report"], note="sent").status_code == 403
    assert freeze(person(who), world["report"], note="sent", leave_out="y").status_code == 403
    assert Submission.select().count() == 0 and SubmittedSection.select().count() == 0
    assert not Activity.select().where(Activity.kind == Activity.FREEZE).exists()
    assert not AuditEvent.select().where(AuditEvent.kind == AuditEvent.FREEZE).exists()
    frozen_id(freeze(person("coordinator"), world["report"], note="sent"))
    assert Submission.select().count() == 1


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_anonymous_freeze_goes_to_login(client, world, method):
    response = client.open(f"/reports/{world['report']}/freeze", method=method, data={"leave_out": "y"})
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    assert Submission.select().count() == 0


@pytest.mark.parametrize("url", ["/reports/{report}/submissions", "/submissions/{id}", "/submissions/{id}/pdf"])
def test_anonymous_reading_of_versions_goes_to_login(person, client, world, own, url):
    approve(person, own, "member")
    submission = frozen_id(freeze(person("coordinator"), world["report"], leave_out="y"))
    response = client.get(url.format(report=world["report"], id=submission))
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_freezing_an_unknown_report_is_404(person, world, method):
    response = person("coordinator").open(f"/reports/{world['report'] + 99}/freeze", method=method,
                                          data={"leave_out": "y"})
    assert response.status_code == 404
    assert Submission.select().count() == 0


@pytest.mark.parametrize("who", ["coordinator", "member"])
@pytest.mark.parametrize("url", ["/submissions/999", "/submissions/999/pdf", "/reports/999/submissions"])
def test_unknown_submission_is_404(person, who, url):
    assert person(who).get(url).status_code == 404


@pytest.mark.parametrize("who", ["coordinator", "reviewer", "lead", "member", "other"])
def test_everyone_signed_in_reads_and_downloads_the_versions(person, world, own, who):
    approve(person, own, "member")
    submission = frozen_id(freeze(person("coordinator"), world["report"], note="Sent to OHCHR", leave_out="y"))
    client = person(who)
    listing = client.get(f"/reports/{world['report']}/submissions")
    assert listing.status_code == 200
    assert f'href="/submissions/{submission}"' in listing.text and "Sent to OHCHR" in listing.text
    assert ("Freeze a new version" in listing.text) == (who == "coordinator")
    assert client.get(f"/submissions/{submission}").status_code == 200
    assert download(client, submission) == bytes(Submission.get_by_id(submission).pdf)


# --- 2. when it refuses -----------------------------------------------------------------------------


@pytest.mark.parametrize("form", [{}, {"leave_out": "y"}, {"note": "Sent", "leave_out": "y"}])
def test_nothing_approved_nothing_to_freeze(person, world, form):
    coordinator = person("coordinator")
    assert NOTHING.split(":")[0] in coordinator.get(f"/reports/{world['report']}/freeze").text
    response = freeze(coordinator, world["report"], **form)
    assert response.status_code == 400
    assert "nothing to freeze" in response.text
    assert Submission.select().count() == 0 and SubmittedSection.select().count() == 0
    assert not Activity.select().where(Activity.kind == Activity.FREEZE).exists()
    assert not AuditEvent.select().where(AuditEvent.kind == AuditEvent.FREEZE).exists()


def test_unapproved_sections_need_the_box_ticked(person, world, own, theirs):
    approve(person, own, "member")
    coordinator = person("coordinator")
    page = coordinator.get(f"/reports/{world['report']}/freeze").text
    assert "Left out: no approved revision" in page and 'name="leave_out"' in page
    response = freeze(coordinator, world["report"], note="Отправлено в УВКПЧ 1 апреля")
    assert response.status_code == 400
    assert SOME_LEFT in response.text
    assert re.search(r'<input [^>]*name="note"[^>]*value="Отправлено в УВКПЧ 1 апреля"', response.text)
    assert 'name="leave_out"' in response.text  # the box is there to tick this time
    assert Submission.select().count() == 0 and SubmittedSection.select().count() == 0
    assert not Activity.select().where(Activity.kind == Activity.FREEZE).exists()
    assert not AuditEvent.select().where(AuditEvent.kind == AuditEvent.FREEZE).exists()


def test_leave_out_freezes_only_the_approved_sections(person, world, own, theirs):
    approve(person, own, "member")
    edit(person("other"), theirs, THEIRS, base=2)
    submission_id = frozen_id(freeze(person("coordinator"), world["report"], note="  Sent to OHCHR  ",
                                     leave_out="y"))
    submission = Submission.get_by_id(submission_id)
    assert (submission.number, submission.note, submission.report_id) == (1, "Sent to OHCHR", world["report"])
    assert submission.created_by.login == "coordinator"
    assert frozen_sections(submission_id) == {own: 2}
    page = person("member").get(f"/submissions/{submission_id}").text
    not_in = page.split("Not in this version", 1)[1]
    assert "Women&#39;s rights section" in not_in and "Civil and political rights section" not in not_in
    assert Activity.select().where(Activity.kind == Activity.FREEZE, Activity.detail == "1").count() == 1
    event = AuditEvent.get(AuditEvent.kind == AuditEvent.FREEZE)
    assert event.actor.login == "coordinator" and submission.sha256 in event.detail


def test_everything_approved_freezes_without_the_box(person, world, own, theirs):
    approve(person, own, "member")
    edit(person("other"), theirs, THEIRS, base=2)
    assert approve(person, theirs, "other") == 3
    page = person("coordinator").get(f"/reports/{world['report']}/freeze").text
    assert "Left out" not in page
    submission_id = frozen_id(freeze(person("coordinator"), world["report"]))
    assert frozen_sections(submission_id) == {own: 2, theirs: 3}
    assert Submission.get_by_id(submission_id).words == (
        Section.get_by_id(own).revision(2).words + Section.get_by_id(theirs).revision(3).words)
    # What the other tests find absent is found when it is approved (the text extraction reads it).
    text = pdf_text(download(person("member"), submission_id))
    assert THEIRS in text and "Women's rights section" in text and APPROVED_2 in text


# --- 3. a frozen version never changes --------------------------------------------------------------


@pytest.mark.both_databases
def test_later_edits_and_a_second_freeze_leave_version_one_as_it_was(person, world, own, theirs):
    coordinator, member = person("coordinator"), person("member")
    assert approve(person, own, "member") == 2
    first = frozen_id(freeze(coordinator, world["report"], note="First", leave_out="y"))
    before = download(member, first)
    row = Submission.get_by_id(first)
    sha_before = row.sha256
    assert sha_before == hashlib.sha256(before).hexdigest() == page_sha256(member, first)
    word_before = member.get(f"/submissions/{first}/docx").data
    assert row.docx_sha256 == hashlib.sha256(word_before).hexdigest() == page_sha256(member, first, "docx")

    edit(member, own, EDITED, base=2)
    assert approve(person, own, "member") == 3
    second = frozen_id(freeze(coordinator, world["report"], note="Second", leave_out="y"))

    assert frozen_sections(first) == {own: 2}
    assert frozen_sections(second) == {own: 3}
    after = download(member, first)
    assert after == before == bytes(Submission.get_by_id(first).pdf)
    assert Submission.get_by_id(first).sha256 == sha_before == page_sha256(member, first)
    assert member.get(f"/submissions/{first}/docx").data == word_before
    assert [(s.number, s.note) for s in Submission.select().order_by(Submission.number)] == [
        (1, "First"), (2, "Second")]

    newer = download(member, second)
    assert newer != before
    assert page_sha256(member, second) == hashlib.sha256(newer).hexdigest() == Submission.get_by_id(second).sha256
    assert "свободе собраний" in pdf_text(newer) and "свободе собраний" not in pdf_text(before)


def _existing_rows(world):
    """A version and one of its sections, inserted directly (no PDF needed to test immutability)."""
    submission = Submission.create(report=world["report"], number=1, created_by=1, filename="x.pdf",
                                   pdf=b"%PDF-1.7 frozen", sha256=hashlib.sha256(b"%PDF-1.7 frozen").hexdigest())
    frozen = SubmittedSection.create(submission=submission, section=world["sections"]["own"], revision_number=2)
    return submission, frozen


CHANGES = {
    "save": lambda model, row: setattr(row, "note" if model is Submission else "revision_number",
                                       "edited" if model is Submission else 1) or row.save(),
    "update": lambda model, row: model.update(**({"note": "edited"} if model is Submission else
                                                 {"revision_number": 1})).where(model.id == row.id).execute(),
    "delete": lambda model, row: model.delete().where(model.id == row.id).execute(),
    "delete_instance": lambda model, row: row.delete_instance(),
    "delete_by_id": lambda model, row: model.delete_by_id(row.id),
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
@pytest.mark.parametrize("model", [Submission, SubmittedSection], ids=lambda m: m.__name__)
def test_submitted_rows_are_immutable(app, world, model, change):
    submission, frozen = _existing_rows(world)
    row = submission if model is Submission else frozen
    with pytest.raises(ImmutableRow):
        change(model, row)
    kept = Submission.get_by_id(submission.id)
    assert (kept.note, bytes(kept.pdf)) == ("", b"%PDF-1.7 frozen")
    assert [(r.section_id, r.revision_number) for r in SubmittedSection.select()] == [(world["sections"]["own"], 2)]


# --- 4. the frozen PDF ------------------------------------------------------------------------------


def test_the_frozen_pdf_holds_the_approved_text_only_and_no_draft_mark(person, world, own, theirs):
    approve(person, own, "member")  # revision 2
    edit(person("other"), theirs, THEIRS, base=2)  # never approved
    first = frozen_id(freeze(person("coordinator"), world["report"], leave_out="y"))
    edit(person("member"), own, EDITED, base=2)  # after the freeze
    data = download(person("member"), first)
    text = pdf_text(data)
    assert APPROVED_2 in text and "Civil and political rights section" in text
    assert "свободе собраний" not in text  # the later edit
    assert "ещё не одобренный" not in text and "Women's rights section" not in text  # the unapproved section
    assert "Первый вариант" not in text
    for mark in DRAFT_MARKS:
        assert mark not in text
    assert Submission.get_by_id(first).filename.endswith(".pdf")


def test_the_frozen_pdf_embeds_dejavu(person, world, own):
    approve(person, own, "member")
    data = download(person("member"), frozen_id(freeze(person("coordinator"), world["report"], leave_out="y")))
    fonts = [font for page in PdfReader(io.BytesIO(data)).pages for font in _fonts(page["/Resources"])]
    assert fonts
    names = {font["/BaseFont"].split("+")[-1] for font in fonts}
    assert not any(base in name for name in names for base in ("Helvetica", "Times", "Courier"))
    for font in fonts:
        descriptor = (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font
                      else font)["/FontDescriptor"]
        file = descriptor.get("/FontFile2") or descriptor.get("/FontFile3")
        assert file is not None, font["/BaseFont"]
        assert "DejaVu" in TTFont(io.BytesIO(file.get_object().get_data()))["name"].getDebugName(1)


# --- 5. the version's page --------------------------------------------------------------------------


def test_the_page_links_a_changed_section_to_its_comparison(person, world, own, theirs):
    approve(person, own, "member")
    approve(person, theirs, "other")
    submission = frozen_id(freeze(person("coordinator"), world["report"]))
    member = person("member")
    page = member.get(f"/submissions/{submission}").text
    assert compare_links(page) == [] and page.count("unchanged") == 2

    edit(member, own, EDITED, base=2)  # revision 3
    page = member.get(f"/submissions/{submission}").text
    assert compare_links(page) == [(f"/sections/{own}/compare", {"old": "2", "new": "3"})]
    assert page.count(">unchanged<") == 1
    theirs_row = re.search(r"<tr>\s*<td><a [^>]*>Women&#39;s rights section</a>.*?</tr>", page, re.S).group(0)
    assert "unchanged" in theirs_row and "compare" not in theirs_row
    own_row = re.search(r"<tr>\s*<td><a [^>]*>Civil and political rights section</a>.*?</tr>", page, re.S).group(0)
    assert "revision 2" in own_row and "revision 3" in own_row
    assert "Not in this version" not in page

    (path, query), = compare_links(page)
    for who in ("member", "other", "reviewer"):
        comparison = person(who).get(f"{path}?old={query['old']}&new={query['new']}")
        assert comparison.status_code == 200
        assert "свободе" in comparison.text


# --- 6. the approved revision, not the head ---------------------------------------------------------


def test_freeze_uses_the_approved_revision_of_a_section_edited_since(person, world, own, theirs):
    assert approve(person, own, "member") == 2
    edit(person("member"), own, EDITED, base=2)  # reopens the section: draft, approved revision kept
    section = Section.get_by_id(own)
    assert (section.status, section.approved_number, section.head_revision().number) == ("draft", 2, 3)

    coordinator = person("coordinator")
    plan = coordinator.get(f"/reports/{world['report']}/freeze").text
    assert f'href="/sections/{own}/revisions/2"' in plan and "the approved text is used" in plan
    submission = frozen_id(freeze(coordinator, world["report"], leave_out="y"))
    assert frozen_sections(submission) == {own: 2}
    text = pdf_text(download(coordinator, submission))
    assert APPROVED_2 in text and "свободе собраний" not in text
    page = coordinator.get(f"/submissions/{submission}").text
    assert compare_links(page) == [(f"/sections/{own}/compare", {"old": "2", "new": "3"})]


# --- a clash of version numbers ---------------------------------------------------------------------


@pytest.mark.both_databases
def test_a_clash_of_numbers_records_nothing_and_says_so(person, world, own, monkeypatch):
    """Someone else's version 1 lands between reading the number and writing the row."""
    approve(person, own, "member")
    create = Submission.create.__func__

    def clashing(cls, **fields):
        cls.insert(**{**fields, "note": "the other freeze"}).execute()
        return create(cls, **fields)

    monkeypatch.setattr(Submission, "create", classmethod(clashing))
    response = freeze(person("coordinator"), world["report"], note="Mine", leave_out="y")
    assert response.status_code == 409
    assert "Someone froze a version at the same moment" in response.text
    # The whole freeze was one transaction: neither row, nor its sections, feed entry or audit event.
    assert Submission.select().count() == 0 and SubmittedSection.select().count() == 0
    assert not Activity.select().where(Activity.kind == Activity.FREEZE).exists()
    assert not AuditEvent.select().where(AuditEvent.kind == AuditEvent.FREEZE).exists()

    monkeypatch.undo()
    submission = frozen_id(freeze(person("coordinator"), world["report"], note="Mine", leave_out="y"))
    assert Submission.get_by_id(submission).number == 1


def test_a_report_without_sections_has_nothing_to_freeze(person, world):
    report = Report.create(title="Empty", country="Kazakhstan", mechanism="UPR")
    coordinator = person("coordinator")
    assert coordinator.get(f"/reports/{report.id}/freeze").status_code == 200
    response = freeze(coordinator, report.id, leave_out="y")
    assert response.status_code == 400 and "nothing to freeze" in response.text
    assert Submission.select().count() == 0


def test_a_frozen_version_cannot_be_replaced(app, world):
    """INSERT OR REPLACE would delete the row first: its sections' foreign key (RESTRICT) refuses."""
    submission, _ = _existing_rows(world)
    with pytest.raises((ImmutableRow, IntegrityError)):
        Submission.replace(id=submission.id, report=world["report"], number=1, created_by=1, filename="x.pdf",
                           pdf=b"%PDF-1.7 forged", sha256="0" * 64).execute()
    assert bytes(Submission.get_by_id(submission.id).pdf) == b"%PDF-1.7 frozen"


def test_a_frozen_section_row_cannot_be_replaced(app, world):
    submission, frozen = _existing_rows(world)
    with pytest.raises(ImmutableRow):
        SubmittedSection.replace(id=frozen.id, submission=submission.id, section=world["sections"]["own"],
                                 revision_number=1).execute()
    assert SubmittedSection.get_by_id(frozen.id).revision_number == 2
