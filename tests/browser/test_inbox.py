"""The inbox in Chromium (issue 21): a reviewer comments on a paragraph chosen in the text, mentioning the lead;
the lead's header counts it, the inbox says it in the feed's words with a link to the thread, and marking it
read clears the count; axe-core finds nothing on the inbox."""
import pytest
from playwright.sync_api import expect

from coalition import revisions
from models import Section, User
from tests.browser.steps import comment_on, sign_in
from tests.browser.test_accessibility import violations

pytestmark = pytest.mark.browser
TITLE = "Civil and political rights section"
FIRST, SECOND = "Первый абзац: свобода слова.", "Второй абзац: свобода собраний."
ASKED = "@lead, please name the 2023 law here."


def test_a_reviewer_mentions_the_lead_who_finds_it_in_the_inbox(pages, world):
    own = Section.get_by_id(world["sections"]["own"])
    revisions.save(own, User.get(User.login == "member"), f"{FIRST}\n\n{SECOND}", "two", 2)
    reviewer = pages.new()
    sign_in(reviewer, "reviewer")
    reviewer.get_by_role("link", name=TITLE).click()
    block = reviewer.locator("#section-text .text-block").filter(has_text=SECOND)
    comment_on(reviewer, block.locator("xpath=following-sibling::aside[1]").get_by_role("link"), ASKED)
    expect(reviewer.locator("article.thread").first).to_contain_text("please name the 2023 law")
    expect(reviewer.get_by_role("link", name="Inbox (0)")).to_be_visible()  # not told of one's own comment

    lead = pages.new()
    sign_in(lead, "lead")
    lead.get_by_role("link", name="Inbox (1)").click()
    told = lead.locator("ol.inbox li").first
    expect(told).to_contain_text("unread")
    expect(told).to_contain_text(f"Reviewer wrote a comment on {TITLE}")
    expect(told).to_contain_text("You were mentioned.")
    assert violations(lead) == []
    told.get_by_role("link", name="a comment").click()
    expect(lead.locator("article.thread").first).to_contain_text("please name the 2023 law")

    lead.get_by_role("link", name="Inbox (1)").click()
    lead.get_by_role("button", name="Mark all as read").click()
    expect(lead.get_by_role("link", name="Inbox (0)")).to_be_visible()
    expect(lead.locator("ol.inbox li").first).not_to_contain_text("unread")


def pick(page, box, typed, shown):
    """Type into the picker under `box` and choose `shown` from its list, as choosing does: the option's value."""
    picker = page.get_by_label("Mention someone").and_(page.locator(f"[data-mention-for={box}]"))
    picker.press_sequentially(typed)
    expect(page.locator(f"#{box}-people option[value='{shown}']")).to_be_attached()
    picker.fill(shown)
    expect(picker).to_have_value("")


def test_the_picker_puts_the_chosen_login_at_the_caret(pages, world):
    reviewer = pages.new()
    sign_in(reviewer, "reviewer")
    reviewer.goto(f"/sections/{world['sections']['own']}")
    box = reviewer.locator("#body")
    box.fill("Please check the figures.")
    box.press("Home")  # the caret at the start: the mention goes there, not at the end
    pick(reviewer, "body", "Le", "Lead (@lead)")
    expect(box).to_be_focused()
    expect(box).to_have_value("@lead Please check the figures.")
    box.press("End")
    box.press_sequentially(" Thanks")
    pick(reviewer, "body", "mem", "Member (@member)")
    expect(box).to_have_value("@lead Please check the figures. Thanks @member ")
    assert violations(reviewer) == []
    reviewer.get_by_role("button", name="Comment", exact=True).click()  # htmx swaps the comments in
    thread = reviewer.locator("article.thread").filter(has_text="Please check the figures.")
    expect(thread.locator(".mention-picker")).to_be_visible()  # a picker swapped in is shown too


def test_without_javascript_the_picker_is_not_there(pages, world):
    page = pages.new(javascript=False)
    sign_in(page, "reviewer")
    page.goto(f"/sections/{world['sections']['own']}/threads/new")
    expect(page.get_by_text("To tell someone, write @ and their login")).to_be_visible()
    expect(page.get_by_label("Mention someone")).to_be_hidden()
