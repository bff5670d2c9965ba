"""Editing a section, its history and comparing revisions in Chromium, with htmx and without JavaScript."""
import re

import pytest
from playwright.sync_api import expect

from tests.browser.steps import ADDED, open_own_editor, sign_in

pytestmark = pytest.mark.browser


def test_edit_with_live_preview_history_compare_restore(page):
    sign_in(page, "lead")
    expect(page.get_by_role("link", name="Women's rights section")).to_be_visible()
    text = open_own_editor(page)
    expect(page.locator("#preview .counts")).to_have_text("4 words / 500")
    text.press("Control+End")
    text.press_sequentially(ADDED)
    expect(page.locator("#preview h3")).to_have_text("Новый заголовок")
    expect(page.locator("#preview .counts")).to_have_text("10 words / 500")
    page.get_by_label("What changed (a short note)").fill("Heading on rights")
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator("#messages")).to_have_text("Saved as revision 3.")
    expect(page.locator("article h3")).to_have_text("Новый заголовок")
    page.get_by_role("link", name="History").click()
    expect(page.get_by_role("row").filter(has_text="Revision 3")).to_contain_text("Heading on rights")
    page.get_by_role("button", name="Compare selected revisions").click()
    expect(page.locator("#diff h2")).to_have_text("Revision 2 → revision 3")
    expect(page.locator(".formatted-diff h3 ins")).to_contain_text("Новый заголовок")  # as it prints

    page.evaluate("window.notReloaded = true")
    page.get_by_role("link", name="← Previous change").click()
    expect(page.locator("#diff h2")).to_have_text("Revision 1 → revision 2")
    expect(page).to_have_url(re.compile(r"old=1&new=2"))
    assert page.evaluate("window.notReloaded") is True, "the diff should be swapped in, not reloaded"

    page.locator("#diff").get_by_role("link", name="Revision 1", exact=True).click()
    page.get_by_role("button", name="Restore this revision").click()
    expect(page.locator("#messages")).to_have_text("Revision 1 restored as revision 4.")
    expect(page.locator(".meta")).to_contain_text("Revision 4 by Lead")
    expect(page.locator("article.prose .text-block")).to_have_text(["Первый вариант текста."])

    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")


def test_edit_history_and_compare_without_javascript(pages):
    page = pages.new(javascript=False)
    sign_in(page, "lead")
    text = open_own_editor(page)
    text.fill("Второй вариант текста, қазақша." + ADDED)
    page.get_by_role("button", name="Preview", exact=True).click()
    expect(page.locator("#preview h3")).to_have_text("Новый заголовок")
    expect(page.locator("#preview .counts")).to_have_text("10 words / 500")
    expect(page.get_by_label("Text (Markdown)")).to_have_value(re.compile("Добавленный абзац о правах"))
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator("#messages")).to_have_text("Saved as revision 3.")
    page.get_by_role("link", name="History").click()
    page.get_by_role("button", name="Compare selected revisions").click()
    expect(page.locator(".formatted-diff h3 ins")).to_contain_text("Новый заголовок")  # as it prints
    page.get_by_role("link", name="Show the changes in the source (Markdown)").click()
    expect(page.locator(".diff ins")).to_contain_text("### Новый заголовок")
    page.get_by_role("link", name="← Previous change").click()
    expect(page).to_have_url(re.compile(r"old=1&new=2"))
    expect(page.locator("#diff h2")).to_have_text("Revision 1 → revision 2")
    page.get_by_label("From").fill("1")
    page.get_by_label("to", exact=True).fill("3")
    page.get_by_role("button", name="Compare", exact=True).click()
    expect(page).to_have_url(re.compile(r"old=1&new=3"))
    expect(page.locator("#diff h2")).to_have_text("Revision 1 → revision 3")
