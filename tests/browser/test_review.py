"""A section's review in Chromium: the member submits, the reviewer asks for changes, the member edits and
resubmits, the reviewer approves, and the overview says so."""
import pytest
from playwright.sync_api import expect

from tests.browser.steps import go_to, open_own_editor, save, sign_in

pytestmark = pytest.mark.browser
TITLE = "Civil and political rights section"
ASKED = "Cite the 2023 law on public associations."


def open_review(page):
    """From the overview, the own section's Review tab."""
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("navigation", name="Section").get_by_role("link", name="Review").click()
    expect(page.get_by_role("heading", level=2, name="Review history")).to_be_visible()


def take_step(page, button, note=""):
    page.get_by_label("Note").fill(note)
    page.get_by_role("button", name=button).click()
    expect(page.locator("#messages")).to_have_text("Review step recorded.")


def test_submit_request_changes_resubmit_approve(pages):
    member, reviewer = pages.new(), pages.new()
    sign_in(member, "member")
    open_review(member)
    expect(member.locator("h1 .status")).to_have_text("Draft")
    take_step(member, "Submit for review", "Ready for the board.")
    expect(member.locator("h1 .status")).to_have_text("● In review")
    expect(member.get_by_role("button", name="Submit for review")).to_have_count(0)

    sign_in(reviewer, "reviewer")
    open_review(reviewer)
    expect(reviewer.locator(".steps li").first).to_contain_text("Ready for the board.")
    take_step(reviewer, "Request changes", ASKED)
    expect(reviewer.locator("h1 .status")).to_have_text("↺ Changes requested")

    member.reload()
    expect(member.locator("h1 .status")).to_have_text("↺ Changes requested")
    latest = member.locator(".steps li").first
    expect(latest).to_contain_text("In review → Changes requested")
    expect(latest).to_contain_text("Reviewer")
    expect(latest.locator(".step-note")).to_have_text(ASKED)

    go_to(member, "Report")
    text = open_own_editor(member)
    text.fill("Второй вариант текста, қазақша. Закон 2023 года об общественных объединениях.")
    save(member, "law cited")
    expect(member.locator("#messages")).to_have_text("Saved as revision 3.")
    member.get_by_role("navigation", name="Section").get_by_role("link", name="Review").click()
    take_step(member, "Submit for review", "The law is cited now.")
    expect(member.locator("h1 .status")).to_have_text("● In review")

    reviewer.reload()
    expect(reviewer.get_by_role("heading", name="New text: revision 3; nothing approved yet")).to_be_visible()
    new_text = reviewer.locator("article.prose:not(#section-text)")
    expect(new_text).to_contain_text("Закон 2023 года об общественных объединениях")
    take_step(reviewer, "Approve revision 3")
    expect(reviewer.locator("h1 .status")).to_have_text("✓ Approved")
    expect(reviewer.get_by_role("button", name="Request changes")).to_have_count(0)

    go_to(reviewer, "Report")
    row = reviewer.get_by_role("row").filter(has=reviewer.get_by_role("link", name=TITLE))
    expect(row.locator(".status")).to_have_text("✓ Approved")
    other = reviewer.get_by_role("row").filter(has=reviewer.get_by_role("link", name="Women's rights section"))
    expect(other.locator(".status")).to_have_text("Draft")
