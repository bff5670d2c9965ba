"""A member of another group suggests an edit with a note; the section's lead sees it as a formatted diff, accepts
one of its paragraphs and not the other, and the history credits both; the pages pass axe-core (issue 21)."""
import pytest
from playwright.sync_api import expect

from coalition import revisions
from models import Section, User
from tests.browser.steps import SUGGESTED, SUGGESTED_ON, WHY_NOT_THE_REST, accept_only_the_second_change, sign_in
from tests.browser.test_accessibility import check

pytestmark = pytest.mark.browser


def test_a_suggestion_accepted_in_part_credits_both(pages, world):
    section = Section.get_by_id(world["sections"]["own"])
    revisions.save(section, User.get(User.login == "lead"), SUGGESTED_ON, "", 2)
    other = pages.new()
    sign_in(other, "other")
    other.goto(f"/sections/{section.id}")
    other.get_by_role("link", name="Suggest an edit").click()
    assert check(other, "suggestion editor") == []
    other.get_by_label("Text (Markdown)").fill(SUGGESTED)
    other.get_by_label("Why (a note for the section's group)").fill("Свежие данные правозащитников")
    other.get_by_role("button", name="Suggest", exact=True).click()
    expect(other.get_by_text("Your suggestion is sent to the section's group.")).to_be_visible()

    lead = pages.new()
    sign_in(lead, "lead")
    lead.goto(f"/sections/{section.id}")
    lead.get_by_role("link", name="Suggestions (1)").click()
    suggestion = lead.locator(".suggestion").first
    expect(suggestion).to_contain_text("Свежие данные правозащитников")
    expect(suggestion.locator(".formatted-diff ins").first).to_contain_text("[inserted:")
    current, suggested = suggestion.locator(".suggestion-sides > .side").all()
    expect(current).to_contain_text("Задержано 120 человек.")
    assert current.bounding_box()["x"] < suggested.bounding_box()["x"]  # side by side on a wide screen
    assert check(lead, "suggestions") == []
    accept_only_the_second_change(lead, suggestion)

    lead.goto(f"/sections/{section.id}/history")
    expect(lead.get_by_text("Suggested by Other, accepted by Lead: Свежие данные правозащитников")).to_be_visible()
    expect(lead.locator(".suggestion-steps")).to_contain_text(f"Why the rest is declined: {WHY_NOT_THE_REST}")
    assert check(lead, "history with suggestions") == []
    lead.goto(f"/sections/{section.id}/suggestions")
    expect(lead.get_by_text("By Other: partly accepted by Lead in revision 4")).to_be_visible()
    assert check(lead, "suggestions decided") == []
