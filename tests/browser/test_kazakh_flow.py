"""The whole flow of a group member in Kazakh: sign in, switch the interface to Қазақша, edit with the live
preview, save, read the history, compare two revisions and send the section for review. Every label and
message is looked up in the Kazakh catalogue, and must be a translation, not the English left in place."""
from pathlib import Path

import pytest
from babel.support import Translations
from playwright.sync_api import expect

from tests.browser.steps import ADDED, sign_in

pytestmark = pytest.mark.browser
CATALOGUE = Translations.load(Path(__file__).parents[2] / "translations", ["kk"])


def kk(message: str, **values) -> str:
    translated = CATALOGUE.gettext(message)
    assert translated != message, f"not translated into Kazakh: {message!r}"
    return translated % values if values else translated


def test_a_member_works_in_kazakh(page, world):
    sign_in(page, "member")
    page.get_by_label("Language").select_option("kk")
    page.get_by_role("button", name="Change").click()
    expect(page.locator("html")).to_have_attribute("lang", "kk")

    page.get_by_role("link", name="Civil and political rights section").click()
    page.get_by_role("link", name=kk("Edit this section")).click()
    text = page.get_by_label(kk("Text (Markdown)"))
    text.press("Control+End")
    text.press_sequentially(ADDED)
    expect(page.locator("#preview h3")).to_have_text("Новый заголовок")
    page.get_by_label(kk("What changed (a short note)")).fill("Жаңа тақырыпша")
    page.get_by_role("button", name=kk("Save"), exact=True).click()
    expect(page.locator("#messages")).to_have_text(kk("Saved as revision %(number)s.", number=3))

    page.get_by_role("link", name=kk("History")).click()
    expect(page.get_by_role("row").filter(has_text="Жаңа тақырыпша")).to_be_visible()
    page.get_by_role("button", name=kk("Compare selected revisions")).click()
    expect(page.locator(".formatted-diff h3 ins")).to_contain_text("Новый заголовок")  # as it prints

    page.get_by_role("link", name=kk("Review")).click()
    page.get_by_role("button", name=kk("Submit for review")).click()
    expect(page.locator("#messages")).to_have_text(kk("Review step recorded."))
