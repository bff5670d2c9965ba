"""What a person sees doing the main things in Chromium, with htmx and without JavaScript."""
import re

import pytest
from playwright.sync_api import expect

import config
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser
ADDED = "\n\n### Новый заголовок\n\nДобавленный абзац о правах."


def sign_in(page, login):
    page.goto("/login")
    page.get_by_label("Login").fill(login)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Joint submission")


def open_own_editor(page):
    page.get_by_role("link", name="Civil and political rights section").click()
    page.get_by_role("link", name="Edit this section").click()
    return page.get_by_label("Text (Markdown)")


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
    expect(page.locator(".diff ins")).to_contain_text("### Новый заголовок")

    page.evaluate("window.notReloaded = true")
    page.get_by_role("link", name="← Previous change").click()
    expect(page.locator("#diff h2")).to_have_text("Revision 1 → revision 2")
    expect(page).to_have_url(re.compile(r"old=1&new=2"))
    assert page.evaluate("window.notReloaded") is True, "the diff should be swapped in, not reloaded"

    page.locator("#diff").get_by_role("link", name="Revision 1", exact=True).click()
    page.get_by_role("button", name="Restore this revision").click()
    expect(page.locator("#messages")).to_have_text("Revision 1 restored as revision 4.")
    expect(page.locator(".meta")).to_contain_text("Revision 4 by Lead")
    expect(page.locator("article")).to_have_text("Первый вариант текста.")

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
    expect(page.locator(".diff ins")).to_contain_text("### Новый заголовок")
    page.get_by_role("link", name="← Previous change").click()
    expect(page).to_have_url(re.compile(r"old=1&new=2"))
    expect(page.locator("#diff h2")).to_have_text("Revision 1 → revision 2")
    page.get_by_label("From").fill("1")
    page.get_by_label("to", exact=True).fill("3")
    page.get_by_role("button", name="Compare", exact=True).click()
    expect(page).to_have_url(re.compile(r"old=1&new=3"))
    expect(page.locator("#diff h2")).to_have_text("Revision 1 → revision 3")


def test_other_group_cannot_edit(page, world):
    sign_in(page, "other")
    page.get_by_role("link", name="Civil and political rights section").click()
    expect(page.locator("article")).to_have_text("Второй вариант текста, қазақша.")
    expect(page.get_by_role("link", name="Edit this section")).to_have_count(0)
    response = page.goto(f"/sections/{world['sections']['own']}/edit")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Error 403")
    expect(page.get_by_role("alert")).to_have_text("You do not have permission to do this.")


def test_htmx_loads_from_pinned_url_with_sri(pages):
    page = pages.new()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    sign_in(page, "lead")
    script = page.locator(f'script[src="{config.HTMX_CDN_URL}"]')
    expect(script).to_have_attribute("integrity", config.HTMX_CDN_INTEGRITY)
    assert page.evaluate("typeof htmx") == "object"
    text = open_own_editor(page)
    text.press("Control+End")
    text.press_sequentially(" Ещё")
    expect(page.locator("#preview .counts")).to_have_text("5 words / 500")
    assert errors == []
    assert pages.outside == []


def test_tampered_htmx_is_refused(pages):
    page = pages.new()
    page.context.route(config.HTMX_CDN_URL, lambda route: route.fulfill(
        body="window.tampered = true;", content_type="application/javascript",
        headers={"Access-Control-Allow-Origin": "*"}))
    page.goto("/login")
    assert page.evaluate("typeof htmx") == "undefined"
    assert page.evaluate("window.tampered") is None


def test_language_switcher_changes_to_russian(page):
    sign_in(page, "lead")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.locator("#language-choice").select_option("Русский")
    page.locator("form.language button").click()
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page).to_have_url(re.compile(r"/reports/\d+"))
    page.get_by_role("link", name="Civil and political rights section").click()
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.locator("#language-choice")).to_have_value("ru")
