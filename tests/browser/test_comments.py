"""Comment threads in Chromium: the reviewer comments on a paragraph from the list below the text (htmx, no
reload), the member replies and resolves, and the reviewer finds it resolved, beside its paragraph, with both
comments."""
import pytest
from playwright.sync_api import expect

from coalition import revisions
from models import Section, User
from tests.browser.steps import go_to, sign_in

pytestmark = pytest.mark.browser
TITLE = "Civil and political rights section"
SECOND = "Второй абзац: свобода собраний."
ASKED, ANSWERED = "Name the *2023* law here.", "Added: the Law on Peaceful Assemblies of 2023."


def open_section(page):
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=2, name="Comments")).to_be_visible()
    page.evaluate("window.notReloaded = true")  # a full page load would forget it


def thread(page):
    return page.locator("article.thread").filter(has_text="Name the 2023 law here.")


def test_comment_on_a_paragraph_reply_and_resolve(pages, world):
    own = Section.get_by_id(world["sections"]["own"])
    revisions.save(own, User.get(User.login == "lead"), f"Первый абзац: свобода слова.\n\n{SECOND}", "two", 2)
    reviewer, member = pages.new(), pages.new()

    sign_in(reviewer, "reviewer")
    open_section(reviewer)
    reviewer.get_by_label("About").select_option(value="1")  # still offered below the text: the second paragraph
    reviewer.get_by_label("Comment (Markdown)").fill(ASKED)
    reviewer.get_by_role("button", name="Comment", exact=True).click()
    expect(thread(reviewer).locator(".thread-meta")).to_contain_text("About a paragraph of revision 3:")
    expect(thread(reviewer).locator("xpath=..")).to_have_class("margin")  # beside its paragraph, not quoting it
    expect(thread(reviewer).locator(".prose em")).to_have_text("2023")
    expect(reviewer.get_by_label("Comment (Markdown)")).to_have_value("")
    assert reviewer.evaluate("window.notReloaded") is True

    sign_in(member, "member")
    open_section(member)
    expect(member.locator("article.thread").first).to_contain_text("Name the 2023 law here.")  # beside the text
    thread(member).get_by_label("Reply (Markdown)").fill(ANSWERED)
    thread(member).get_by_role("button", name="Reply", exact=True).click()
    expect(thread(member).locator(".comment")).to_have_count(2)
    thread(member).get_by_role("button", name="Resolve").click()
    expect(thread(member).locator(".status")).to_have_text("✓ Resolved")
    expect(thread(member).get_by_role("button", name="Reopen")).to_be_visible()
    assert member.evaluate("window.notReloaded") is True

    reviewer.reload()
    expect(thread(reviewer).locator("xpath=..")).to_have_class("margin")  # resolved, still beside its paragraph
    expect(thread(reviewer).locator(".status")).to_have_text("✓ Resolved")
    comments = thread(reviewer).locator(".comment")
    expect(comments.locator(".comment-meta")).to_contain_text(["Reviewer", "Member"])
    expect(comments.locator(".prose")).to_have_text(["Name the 2023 law here.", ANSWERED])
    expect(reviewer.locator(".comments article.thread").first.locator(".status")).to_have_text("● Open")

    go_to(reviewer, "Report")
    row = reviewer.get_by_role("row").filter(has=reviewer.get_by_role("link", name=TITLE))
    expect(row.locator(".open-comments")).to_have_text("1 open comment")
