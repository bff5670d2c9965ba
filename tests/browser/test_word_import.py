"""Importing a Word file in Chromium, as a group member does: from the editor to the import page, back in the
editor with the file's text, its heading and table in the preview, saved as a revision whose note names the file."""
import re

import pytest
from playwright.sync_api import expect

from tests.browser.steps import open_own_editor, sign_in
from tests.browser.test_accessibility import violations
from tests.word_files import report_docx

pytestmark = pytest.mark.browser


def test_a_member_imports_a_word_file_and_saves_it(page, world):
    sign_in(page, "member")
    open_own_editor(page)
    page.get_by_role("link", name="Import a Word file").click()
    assert violations(page) == []
    page.get_by_label("Word file (.docx)").set_input_files({
        "name": "Свобода слова.docx", "buffer": report_docx(picture=False),
        "mimeType": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"})
    page.get_by_role("button", name="Import").click()

    text = page.get_by_label("Text (Markdown)")
    expect(text).to_have_value(re.compile(r"^### Freedom of expression"))
    preview = page.locator("#preview-text")
    expect(preview.get_by_role("heading", level=3)).to_have_text("Freedom of expression")
    expect(preview.get_by_role("table")).to_contain_text("2023")
    expect(page.get_by_label("What changed (a short note)")).to_have_value("Imported from Свобода слова.docx")

    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#messages")).to_contain_text("Saved as revision 3")
    page.get_by_role("link", name="History").first.click()
    expect(page.get_by_role("row").filter(has_text="Imported from Свобода слова.docx")).to_have_count(1)


def test_a_refused_file_is_explained_at_its_field(page, world):
    sign_in(page, "member")
    page.goto(f"/sections/{world['sections']['own']}/import")
    page.get_by_label("Word file (.docx)").set_input_files({"name": "notes.docx", "buffer": b"Plain text, renamed.",
                                                            "mimeType": "application/octet-stream"})
    page.get_by_role("button", name="Import").click()
    field = page.get_by_label("Word file (.docx)")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".errors")).to_contain_text("This is not a Word file (.docx).")
    assert violations(page) == []
