"""Who may edit, how htmx arrives (pinned, SRI-checked, nothing fetched from outside), and the language."""
import re

import pytest
from playwright.sync_api import expect

import config
from tests.browser.steps import open_own_editor, sign_in

pytestmark = pytest.mark.browser


def test_other_group_cannot_edit(page, world):
    sign_in(page, "other")
    page.get_by_role("link", name="Civil and political rights section").click()
    expect(page.locator("article.prose .text-block")).to_have_text(["Второй вариант текста, қазақша."])
    expect(page.get_by_role("link", name="Edit this section")).to_have_count(0)
    expect(page.get_by_role("link", name="Edit", exact=True)).to_have_count(0)
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
    page.wait_for_function("typeof htmx === 'object'")  # the deferred script ran (its SRI hash matched)
    text = open_own_editor(page)
    text.press("Control+End")
    text.press_sequentially(" Ещё")
    expect(page.locator("#preview .counts")).to_have_text("5 words / 500")
    assert errors == []
    assert pages.outside == []


def test_tampered_htmx_is_refused(pages):
    """The control for the test above: a changed file must not run, so the SRI check is real."""
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
    expect(page.get_by_role("button", name="Выйти")).to_be_visible()
    page.get_by_role("link", name="Civil and political rights section").click()
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_role("link", name="История")).to_be_visible()
    expect(page.get_by_label("Язык")).to_have_value("ru")
