"""Issue 21's review with JavaScript off, in Chromium: another group's member suggests an edit, the lead accepts one
of its paragraphs and says why not the other, a reviewer comments on a paragraph chosen in the text naming @lead,
and the lead's inbox holds it; every step is a plain form or link."""
import re

import pytest
from playwright.sync_api import expect

from coalition import revisions
from models import Section, User
from tests.browser.steps import SUGGESTED, SUGGESTED_ON, WHY_NOT_THE_REST, accept_only_the_second_change, sign_in

pytestmark = pytest.mark.browser


def test_suggest_accept_part_comment_and_inbox_without_javascript(pages, world):
    section = Section.get_by_id(world["sections"]["own"])
    revisions.save(section, User.get(User.login == "lead"), SUGGESTED_ON, "", 2)
    other = pages.new(javascript=False)
    sign_in(other, "other")
    other.goto(f"/sections/{section.id}")
    other.get_by_role("link", name="Suggest an edit").click()
    other.get_by_label("Text (Markdown)").fill(SUGGESTED)
    other.get_by_label("Why (a note for the section's group)").fill("Свежие данные")
    other.get_by_role("button", name="Suggest", exact=True).click()
    expect(other.get_by_text("Your suggestion is sent to the section's group.")).to_be_visible()

    reviewer = pages.new(javascript=False)
    sign_in(reviewer, "reviewer")
    reviewer.goto(f"/sections/{section.id}")
    pickers = reviewer.get_by_label("Mention someone").all()
    assert pickers and not any(picker.is_visible() for picker in pickers)  # it needs the script to insert anyone
    reviewer.locator("#section-text .text-block").filter(has_text="Задержано").locator(
        "xpath=following-sibling::aside[1]").get_by_role("link", name=re.compile("^Comment on ¶")).click()
    expect(reviewer).to_have_url(re.compile(r"/threads/new\?paragraph=1$"))  # a page of its own
    reviewer.get_by_label("Comment (Markdown)").fill("@lead, откуда цифра?")
    reviewer.get_by_role("button", name="Comment", exact=True).click()
    margin = reviewer.locator("#section-text .text-block").filter(has_text="Задержано").locator(
        "xpath=following-sibling::aside[1]")
    expect(margin.locator("article.thread")).to_contain_text("откуда цифра?")

    lead = pages.new(javascript=False)
    sign_in(lead, "lead")
    lead.get_by_role("link", name="Inbox (2)").click()
    told = lead.locator("ol.inbox li")
    expect(told.filter(has_text="You were mentioned.")).to_contain_text("Reviewer wrote a comment on")
    told.filter(has_text="Other suggested").get_by_role("link", name="an edit").click()
    suggestion = lead.locator(".suggestion").filter(has_text="Свежие данные")
    accept_only_the_second_change(lead, suggestion)

    lead.get_by_role("link", name="History").click()
    expect(lead.get_by_text("Suggested by Other, accepted by Lead: Свежие данные")).to_be_visible()
    expect(lead.locator(".suggestion-steps")).to_contain_text(f"Why the rest is declined: {WHY_NOT_THE_REST}")
    lead.get_by_role("link", name="Inbox (2)").click()
    lead.get_by_role("button", name="Mark all as read").click()
    expect(lead.get_by_role("link", name="Inbox (0)")).to_be_visible()
