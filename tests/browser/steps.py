"""Steps the browser tests share: signing in and opening the editor as a person would."""
import re

from playwright.sync_api import expect

from tests.helpers import PASSWORD

ADDED = "\n\n### Новый заголовок\n\nДобавленный абзац о правах."


def sign_in(page, login):
    page.goto("/login")
    page.get_by_label("Login").fill(login)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Joint submission")


def open_own_editor(page):
    """The member's own section's editor, reached by its links; returns the text box once the editor is loaded,
    so that a step run on the page next cannot find the section's page still there."""
    page.get_by_role("link", name="Civil and political rights section").click()
    page.get_by_role("link", name="Edit this section").click()
    text = page.get_by_label("Text (Markdown)")
    expect(text).to_be_editable()
    # htmx (a deferred script) binds the preview only once the document has loaded: typing earlier sends nothing.
    page.wait_for_load_state("load")
    return text


# Co-editing: a three-paragraph text to edit paragraph by paragraph.
PARAGRAPHS = ("Первый абзац: свобода слова.", "Второй абзац: свобода собраний.", "Третий абзац: честные выборы.")


def open_editor(page, section_id):
    """The editor of a section, opened by its address; returns the text box."""
    page.goto(f"/sections/{section_id}/edit")
    return page.get_by_label("Text (Markdown)")


def change(page, old, new):
    """Replace one passage of the editor's text (the whole text is filled in one go)."""
    text = page.get_by_label("Text (Markdown)")
    body = text.input_value()
    assert old in body, f"{old!r} is not in the editor"
    text.fill(body.replace(old, new))


def save(page, note=""):
    page.get_by_label("What changed (a short note)").fill(note)
    page.get_by_role("button", name="Save", exact=True).click()


def sign_in_and_edit(pages, login, section_id, body=None):
    """A person in their own browser, on the editor (after saving `body` first, if given)."""
    page = pages.new()
    sign_in(page, login)
    text = open_editor(page, section_id)
    if body is not None:
        text.fill(body)
        save(page, "three paragraphs")
        expect(page.locator("#messages")).to_contain_text("Saved as revision")
        open_editor(page, section_id)
    return page


def history_row(page, number):
    """The history row of one revision (other rows may mention it in their merge notes)."""
    return page.get_by_role("row").filter(has=page.get_by_role("link", name=f"Revision {number}", exact=True))


def comment_on(page, link, body):
    """Comment on the paragraph of its "Comment on ¶ N" link: with htmx the form opens in that paragraph's margin."""
    page.wait_for_load_state("load")  # htmx (a deferred script) has bound the link
    margin = link.locator("xpath=ancestor::aside[1]")
    link.click()
    margin.get_by_label("Comment (Markdown)").fill(body)
    margin.get_by_role("button", name="Comment", exact=True).click()


# Suggested edits: a two-paragraph text, a suggestion that changes both, and the lead who takes the second only.
SUGGESTED_ON = "Закон о мирных собраниях не изменён.\n\nЗадержано 120 человек.\n"
SUGGESTED = "Закон о мирных собраниях так и не изменён.\n\nЗадержано 140 человек."
WHY_NOT_THE_REST = "Закон всё же изменён"


def accept_only_the_second_change(page, suggestion):
    """Tick the suggestion's second change, say why not the first, accept: the text takes one and not the other."""
    suggestion.get_by_label("Change 2").check()
    suggestion.get_by_label("Why the rest is declined (optional)").fill(WHY_NOT_THE_REST)
    suggestion.get_by_role("button", name="Accept the ticked changes").click()
    expect(page.get_by_text("Accepted as revision 4.")).to_be_visible()
    text = page.locator("#section-text")
    expect(text).to_contain_text("Задержано 140 человек.")
    expect(text).to_contain_text("Закон о мирных собраниях не изменён.")


def go_to(page, place):
    """Follow the navigation bar's link to a place (a page's breadcrumb may link there too)."""
    page.get_by_role("navigation", name="Main", exact=True).get_by_role("link", name=place, exact=True).click()


def activity_link(page):
    """The overview's link to the feed, there while the feed holds something new, with how much."""
    return page.locator(".report-actions").get_by_role("link", name=re.compile(r"^Activity"))


def open_feed(page):
    """Open the feed from the overview, and wait for the page to mark what it shows as seen (its own POST, sent as
    it loads: the feed's GET marks nothing)."""
    with page.expect_response(lambda response: response.url.endswith("/activity/seen")):
        activity_link(page).click()
    expect(page.locator("form.mark-seen")).to_have_count(0)
