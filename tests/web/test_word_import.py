"""Importing a Word file into a section and pasting rich text, through the test client: the import becomes the
person's draft and opens in the editor; bad and oversized files are refused in words and change nothing; the paste
answers Markdown in plain text; both only for who may edit the section."""
import io
import random

import pytest

from models import Draft, Image, User
from tests.helpers import field_text, hidden, signed_in
from tests.unit.test_clipboard import SAMPLES
from tests.word_files import MARKDOWN, WITHOUT_PICTURE, report_docx, with_parts, zipped

OLD_DOC = bytes.fromhex("D0CF11E0A1B11AE1") + "WordDocument".encode("utf-16-le") + bytes(512)


def upload(client, section_id, data: bytes, name="report.docx"):
    return client.post(f"/sections/{section_id}/import", data={"file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def paste(client, section_id, html: str):
    return client.post(f"/sections/{section_id}/paste", data={"html": html})


def open_draft(login: str, section_id: int) -> Draft | None:
    user = User.get(User.login == login)
    return Draft.get_or_none(Draft.user == user.id, Draft.section == section_id, Draft.closed == False)


@pytest.fixture
def member(person):
    return person("member")


def test_the_edit_page_links_to_the_import_page(member, own):
    assert f'href="/sections/{own}/import"' in member.get(f"/sections/{own}/edit").text
    page = member.get(f"/sections/{own}/import")
    assert page.status_code == 200 and 'enctype="multipart/form-data"' in page.text and 'type="file"' in page.text


def test_an_imported_file_opens_in_the_editor_as_the_draft(member, own, revision_count):
    response = upload(member, own, report_docx(picture=False), "Доклад 2025.docx")
    assert response.status_code == 302 and response.headers["Location"] == f"/sections/{own}/edit?draft=1"
    assert revision_count(own) == 2  # no revision until the person saves
    editor = member.get(response.headers["Location"]).text
    assert field_text(editor, "body") == WITHOUT_PICTURE
    assert hidden(editor, "note") == "Imported from Доклад 2025.docx" and hidden(editor, "base") == "2"
    assert "<h3" in editor and "<table" in editor and '<ol start="5"' in editor  # the preview


def test_the_page_warns_that_an_import_replaces_a_draft(member, own):
    member.post(f"/sections/{own}/draft", data={"body": "Unsaved words.", "base": 2})
    assert "the imported text replaces it" in member.get(f"/sections/{own}/import").text


def test_a_files_pictures_are_stored_cleaned_and_shown_in_the_draft(member, own):
    response = upload(member, own, report_docx())
    assert response.status_code == 302
    image = Image.select().order_by(Image.id.desc()).first()
    assert (image.section_id, image.alt, image.content_type) == (own, "Chart of cases by year", "image/png")
    assert open_draft("member", own).body == MARKDOWN.replace("(word-image:0)", f"(/images/{image.id})") + "\n"
    shown = member.get(f"/images/{image.id}")
    assert shown.status_code == 200 and shown.data == image.data


def test_a_picture_the_image_store_refuses_refuses_the_file_and_changes_nothing(member, own, app):
    app.config["IMAGE_MAX_MB"] = 0  # every picture is too large
    response = upload(member, own, report_docx())
    assert response.status_code == 400 and "The image is larger than 0 MB" in response.text
    assert open_draft("member", own) is None and Image.select().count() == 0


@pytest.mark.parametrize(("data", "name", "message"), [
    (b"Plain text, renamed.", "notes.docx", "This is not a Word file (.docx)"),
    (zipped({"word/styles.xml": b"<styles/>"}), "styles.docx", "This is not a Word file (.docx)"),
    (with_parts(report_docx(picture=False), {"word/vbaProject.bin": b"Sub AutoOpen()"}), "report.docm",
     "The file contains macros"),
    (OLD_DOC, "report.doc", "This is an old Word file (.doc)"),
    (with_parts(report_docx(picture=False), {"word/media/padding.bin": bytes(101 * 1024 * 1024)}), "bomb.docx",
     "unpacks to more than 100 MB"),
], ids=["text", "no document", "macros", "old doc", "zip bomb"])
def test_a_bad_file_is_refused_in_words_and_changes_nothing(member, own, data, name, message):
    member.post(f"/sections/{own}/draft", data={"body": "Unsaved words.", "base": 2, "note": "mine"})
    response = upload(member, own, data, name)
    assert response.status_code == 400 and message in response.text and 'type="file"' in response.text
    assert (open_draft("member", own).body, open_draft("member", own).note) == ("Unsaved words.\n", "mine")


def test_no_file_is_asked_for(member, own):
    response = member.post(f"/sections/{own}/import", data={})
    assert response.status_code == 400 and "Choose a file." in response.text


def test_a_file_over_the_limit_is_refused_before_it_is_read(member, own):
    response = upload(member, own, bytes(20 * 1024 * 1024), "big.docx")
    assert response.status_code == 413 and "larger than 10 MB" in response.text
    assert open_draft("member", own) is None


def test_a_file_over_the_apps_own_limit_is_imported(member, own):
    """The app refuses requests over 2 MB; the import takes files up to 10 MB (a report with its charts)."""
    photo = random.Random(2).randbytes(3 * 1024 * 1024)  # a photo barely packs
    response = upload(member, own, with_parts(report_docx(picture=False), {"word/media/photo.jpeg": photo}))
    assert response.status_code == 302 and open_draft("member", own) is not None


def test_the_limit_is_the_imports_own(member, own):
    """Other forms keep the app's 2 MB."""
    response = member.post(f"/sections/{own}/draft", data={"body": "x" * 3 * 1024 * 1024, "base": 2})
    assert response.status_code == 413


def test_a_paste_answers_its_markdown_in_plain_text(member, own):
    response = paste(member, own, (SAMPLES / "word_windows.html").read_text(encoding="utf-8"))
    assert response.status_code == 200 and response.content_type == "text/plain; charset=utf-8"
    assert response.text + "\n" == (SAMPLES / "word_windows.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(("html", "status", "message"), [
    ("", 400, "There is no text in what you pasted."),
    ("<p>&nbsp;</p><br>", 400, "There is no text in what you pasted."),
    ("<p>" + "x" * 6 * 1024 * 1024 + "</p>", 413, "too long for a section"),
], ids=["nothing", "blank", "over the limit"])
def test_a_paste_without_text_or_too_large_is_refused_in_words(member, own, html, status, message):
    response = paste(member, own, html)
    assert (response.status_code, response.mimetype) == (status, "text/plain") and message in response.text


def test_a_paste_longer_than_a_section_is_refused(member, own, monkeypatch):
    monkeypatch.setattr("views.word.MAX_BODY_CHARS", 10)
    response = paste(member, own, "<p>Eleven or more characters.</p>")
    assert response.status_code == 413 and "too long for a section (10 characters)" in response.text


@pytest.mark.parametrize(("role", "allowed"), [("member", True), ("lead", True), ("coordinator", True),
                                               ("other", False), ("reviewer", False)])
def test_only_who_may_edit_the_section_imports_and_anyone_pastes(app, world, own, role, allowed):
    """A paste keeps nothing and is also how a suggested edit is written, so whoever reads the section may."""
    client = signed_in(app, role)
    imported = upload(client, own, report_docx(picture=False))
    pasted = paste(client, own, "<p><b>Bold</b></p>")
    assert imported.status_code == (302 if allowed else 403)
    assert (open_draft(role, own) is not None) == allowed
    assert (pasted.status_code, pasted.text) == (200, "**Bold**")


def test_signed_out_people_are_sent_to_sign_in(client, own):
    for response in (upload(client, own, report_docx(picture=False)), paste(client, own, "<p>x</p>"),
                     client.get(f"/sections/{own}/import")):
        assert response.status_code == 302 and "/login" in response.headers["Location"]
