"""Steps the browser tests share: signing in and opening the editor as a person would."""
from playwright.sync_api import expect

from tests.conftest import PASSWORD

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
