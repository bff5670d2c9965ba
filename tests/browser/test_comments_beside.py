"""Comments beside the paragraph in Chromium (issue 21): a reviewer chooses a paragraph in the text itself (with
JavaScript the form opens in its margin, without on a page of its own), and the thread sits beside it on a wide
screen, under it on a phone; axe-core finds nothing on the section page with threads or the form open."""
import pytest
from playwright.sync_api import expect

from coalition import review, revisions
from models import Section, User
from tests.browser.steps import sign_in
from tests.browser.test_accessibility import violations

pytestmark = pytest.mark.browser
TITLE = "Civil and political rights section"
FIRST, SECOND = "Первый абзац: свобода слова.", "Второй абзац: свобода собраний."
ASKED = "Name the 2023 law here."


def box(locator):
    found = locator.bounding_box()
    assert found is not None
    return found


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_reviewer_comments_on_a_paragraph_chosen_in_the_text(pages, world, javascript):
    own = Section.get_by_id(world["sections"]["own"])
    revisions.save(own, User.get(User.login == "lead"), f"## Свобода\n\n{FIRST}\n{SECOND}", "two", 2)
    reviewer = pages.new(javascript=javascript)
    reviewer.set_viewport_size({"width": 1280, "height": 900})
    sign_in(reviewer, "reviewer")
    reviewer.get_by_role("link", name=TITLE).click()

    text = reviewer.locator("#section-text")
    expect(text.locator(".comment-on")).to_have_count(2)  # two paragraphs; the heading has none
    block = text.locator(".text-block").filter(has_text=SECOND)
    margin = block.locator("xpath=following-sibling::aside[1]")
    if javascript:
        comment_in_place(reviewer, margin)
    else:
        margin.get_by_role("link").click()
        expect(reviewer.get_by_label("About")).to_have_value("1")  # the second paragraph, chosen in the text
        reviewer.get_by_label("Comment (Markdown)").fill(ASKED)
        reviewer.get_by_role("button", name="Comment", exact=True).click()

    expect(margin.locator("article.thread")).to_contain_text(ASKED)
    paragraph, beside = box(block), box(margin)
    assert abs(beside["y"] - paragraph["y"]) < 2 and beside["x"] >= paragraph["x"] + paragraph["width"]
    if javascript:
        assert violations(reviewer) == []

    reviewer.set_viewport_size({"width": 360, "height": 800})
    paragraph, under = box(block), box(margin)
    assert under["y"] >= paragraph["y"] + paragraph["height"] - 1 and abs(under["x"] - paragraph["x"]) < 2


def comment_in_place(page, margin):
    """With htmx the link opens the form in the paragraph's margin, Cancel closes it, a refusal comes back there,
    and the thread takes its place: all without loading the page again."""
    page.wait_for_load_state("load")  # htmx (deferred) has bound the links
    page.evaluate("window.notReloaded = true")  # a full page load would forget it
    link, form = margin.get_by_role("link", name="Comment on ¶"), margin.locator("form.new-thread")
    link.click()
    expect(form.get_by_label("Comment (Markdown)")).to_be_focused()
    form.get_by_role("button", name="Cancel").click()
    expect(form).to_have_count(0)
    link.click()
    form.get_by_role("button", name="Comment", exact=True).click()  # nothing written: refused, in its place
    expect(form.locator(".errors")).to_have_text("This field is required.")
    assert violations(page) == []  # the form open in the margin, with its error
    form.get_by_label("Comment (Markdown)").fill(ASKED)
    form.get_by_role("button", name="Comment", exact=True).click()
    expect(form).to_have_count(0)
    expect(margin.locator("article.thread")).to_be_focused()
    assert page.evaluate("window.notReloaded") is True


def test_the_request_for_changes_heads_the_text_and_edit_tabs(page, world):
    own = Section.get_by_id(world["sections"]["own"])
    review.move(own, User.get(User.login == "member"), review.SUBMIT)
    review.move(Section.get_by_id(own.id), User.get(User.login == "reviewer"), review.REQUEST_CHANGES, ASKED)
    sign_in(page, "lead")
    for address in (f"/sections/{own.id}", f"/sections/{own.id}/edit"):
        page.goto(address)
        expect(page.get_by_role("region", name="Changes requested")).to_contain_text(ASKED)
        assert violations(page) == []
