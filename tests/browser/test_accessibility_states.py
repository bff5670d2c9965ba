"""axe-core on what pages become once htmx has swapped part of them, on the conflict screen, and on every
page in Russian and Kazakh; and the live regions that let a screen reader hear those swaps."""
import re

import pytest
from playwright.sync_api import expect

from tests.browser.steps import ADDED, PARAGRAPHS, change, open_editor, open_own_editor, save, sign_in, sign_in_and_edit
from tests.browser.test_accessibility import addresses, check

pytestmark = pytest.mark.browser
P1, P2, P3 = PARAGRAPHS
# The politeness an element announces its changes with: its own aria-live, or the one its role implies.
POLITENESS = ("e => e.getAttribute('aria-live')"
              " || {status: 'polite', log: 'polite', alert: 'assertive'}[e.getAttribute('role')]")
MARK, MARKED = "e => { e.hereBeforeTheSwap = true }", "e => e.hereBeforeTheSwap === true"


@pytest.fixture
def app_config():
    """One revision a page, so that the world's two revisions already make a history of two pages."""
    return {"HISTORY_PAGE_SIZE": 1}


def no_problems(problems):
    assert problems == [], "\n".join(problems)


def stay_on(page):
    """Mark the document, so that still_on() proves a state came from an htmx swap, not a new page."""
    page.evaluate("window.beforeTheSwap = true")


def still_on(page):
    assert page.evaluate("window.beforeTheSwap === true"), "the browser loaded a new page instead of swapping"


def test_the_editor_after_its_live_preview_and_an_autosave(page):
    sign_in(page, "member")
    text = open_own_editor(page)
    text.press("Control+End")
    text.press_sequentially(ADDED)
    expect(page.locator("#preview h3")).to_have_text("Новый заголовок")
    problems = check(page, "editor with its preview")
    expect(page.locator("#draft-status")).to_contain_text("Draft kept on the server")
    no_problems(problems + check(page, "editor after an autosave"))


def test_error_messages_are_accessible(page, world):
    sign_in(page, "member")
    text = open_own_editor(page)
    text.fill("")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(text).to_have_attribute("aria-invalid", "true")
    problems = check(page, "editor saved empty")

    stay_on(page)
    text.fill("x" * 200_001)  # more than a section (or its draft) may hold
    expect(page.locator("#draft-status")).to_contain_text("The draft could not be kept")
    still_on(page)
    no_problems(problems + check(page, "editor with a draft refused"))


def test_an_error_answering_the_live_preview_goes_to_the_message_area(pages, world):
    own = world["sections"]["own"]
    member = pages.new()
    sign_in(member, "member")
    text = open_editor(member, own)
    coordinator = pages.new()
    sign_in(coordinator, "coordinator")
    coordinator.goto(f"/sections/{own}/remove")
    coordinator.get_by_role("button", name="Remove", exact=True).click()
    expect(coordinator.locator("#messages")).to_contain_text("is removed from the report")

    stay_on(member)
    for other in ("**/draft", "**/presence/**"):  # the preview's answer alone, not the autosave's or the poll's
        member.route(other, lambda route: route.abort())
    text.press("Control+End")
    text.press_sequentially(" Ещё одно предложение.")
    expect(member.locator("#messages")).to_contain_text("The coordinator removed this section from the report.")
    expect(member.locator("#preview .prose")).to_contain_text("Второй вариант текста")  # still the preview
    still_on(member)
    no_problems(check(member, "editor of a section removed meanwhile"))


def test_an_expired_session_is_told_in_the_message_area(page):
    sign_in(page, "member")
    text = open_own_editor(page)
    stay_on(page)
    page.evaluate("document.querySelector('form.editor [name=csrf_token]').value = 'expired'")
    text.fill("Текст после долгого перерыва.")
    expect(page.locator("#messages")).to_contain_text("Your session form has expired.")
    expect(page.locator("#preview h1, #draft-status h1")).to_have_count(0)
    still_on(page)
    no_problems(check(page, "editor after an expired session"))


def test_presence_and_the_newer_save_notice(pages, world):
    own = world["sections"]["own"]
    lead = sign_in_and_edit(pages, "lead", own, body="\n\n".join(PARAGRAPHS))
    presence = lead.locator("#presence")
    presence.evaluate(MARK)
    member = sign_in_and_edit(pages, "member", own)
    expect(presence).to_contain_text("Member (editing)")  # the lead's page polls every 10 s
    assert presence.evaluate(MARKED), "the presence list replaced its live region"
    problems = check(lead, "editor with someone else editing")

    change(lead, P1, "Первый абзац: свобода слова и печати.")
    save(lead, "press")
    expect(lead.locator("#messages")).to_have_text("Saved as revision 4.")
    expect(member.locator("#presence .message.warning")).to_contain_text("Lead saved revision 4")
    no_problems(problems + check(member, "editor told of a newer save"))


def test_a_poll_with_nothing_new_is_not_read_out_again(page, world):
    """The presence list is a live region: repeating "Nobody else is here now" every 10 s would drown a screen
    reader's user in chatter, so a poll that finds the list unchanged swaps nothing."""
    sign_in(page, "member")
    page.goto(f"/sections/{world['sections']['own']}")
    with page.expect_response(lambda response: "/presence/" in response.url, timeout=15_000) as polled:
        pass
    assert polled.value.status == 204
    expect(page.locator("#presence")).to_contain_text("Nobody else is here now.")


def test_the_conflict_screen_is_accessible_and_labelled(pages, world):
    own = world["sections"]["own"]
    lead = sign_in_and_edit(pages, "lead", own, body="\n\n".join(PARAGRAPHS))
    member = sign_in_and_edit(pages, "member", own)
    change(lead, P2, "Второй абзац: свобода мирных собраний.")
    save(lead)
    expect(lead.locator("#messages")).to_have_text("Saved as revision 4.")
    change(member, P2, "Второй абзац: свобода уличных собраний.")
    save(member)

    expect(member.get_by_role("heading", name="Your edit overlaps someone else's")).to_be_visible()
    problems = check(member, "conflict screen")
    conflict = member.get_by_role("group", name="Conflict 1 of 1")
    choices = conflict.get_by_role("radiogroup", name="What to keep in conflict 1")
    for name in ("Keep mine", "Keep theirs", "Use the combined text below"):
        expect(choices.get_by_role("radio", name=name)).to_have_count(1)
    expect(choices.get_by_role("radio", name="Keep mine")).to_be_checked()
    combined = conflict.get_by_label("Combined text (edit freely; used when you choose it above)")
    expect(combined).to_be_editable()

    choices.get_by_role("radio", name="Use the combined text below").check()
    combined.fill("Второй абзац\x07: свобода собраний.")  # a control character, pasted from elsewhere
    member.get_by_role("button", name="Save the merged text").click()
    expect(member.get_by_role("alert")).to_contain_text("invisible control characters")
    no_problems(problems + check(member, "conflict screen answered with an error"))


def test_history_and_compare_after_htmx_swaps(page, world):
    own = world["sections"]["own"]
    sign_in(page, "member")
    open_editor(page, own).fill("Третий вариант текста.")
    save(page, "third")
    expect(page.locator("#messages")).to_have_text("Saved as revision 3.")

    page.get_by_role("link", name="History").click()
    stay_on(page)
    page.get_by_role("link", name="Older").click()
    expect(page.get_by_text("Page 2 of 3")).to_be_visible()
    expect(page).to_have_url(re.compile(r"page=2$"))
    still_on(page)
    problems = check(page, "history, an older page")

    page.goto(f"/sections/{own}/compare")
    stay_on(page)
    heading = page.locator("#diff h2")
    page.get_by_role("link", name="← Previous change").click()
    expect(heading).to_have_text("Revision 1 → revision 2")
    problems += check(page, "compare, the previous change")
    page.get_by_label("From").fill("1")
    page.get_by_label("to", exact=True).fill("3")
    page.get_by_role("button", name="Compare", exact=True).click()
    expect(heading).to_have_text("Revision 1 → revision 3")
    still_on(page)
    no_problems(problems + check(page, "compare, two revisions chosen"))


def test_a_comment_thread_after_htmx_posts(page, world):
    sign_in(page, "member")
    page.goto(f"/sections/{world['sections']['own']}")
    stay_on(page)
    thread = page.locator(f"#thread-{world['thread']}")
    thread.get_by_role("button", name="Reply").click()
    expect(thread.get_by_label("Reply (Markdown)")).to_have_attribute("aria-invalid", "true")
    expect(thread.get_by_label("Reply (Markdown)")).to_be_focused()  # the refused field, not the page's top
    problems = check(page, "empty reply")
    thread.get_by_label("Reply (Markdown)").fill("The source is the 2023 report of the ombudsman.")
    thread.get_by_role("button", name="Reply").click()
    expect(thread).to_contain_text("The source is the 2023 report of the ombudsman.")
    expect(thread).to_be_focused()
    problems += check(page, "thread with a reply")
    thread.get_by_role("button", name="Resolve").click()
    expect(thread.get_by_role("button", name="Reopen")).to_be_visible()
    expect(thread).to_be_focused()
    problems += check(page, "resolved thread")
    page.get_by_role("button", name="Comment", exact=True).click()
    expect(page.get_by_label("Comment (Markdown)")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Comment (Markdown)")).to_be_focused()
    still_on(page)
    no_problems(problems + check(page, "empty new comment"))


def test_the_review_page_after_review_steps(pages, world):
    address = f"/sections/{world['sections']['own']}/review"
    member = pages.new()
    sign_in(member, "member")
    member.goto(address)
    member.get_by_role("button", name="Submit for review").click()
    expect(member.locator("#messages")).to_have_text("Review step recorded.")
    problems = check(member, "review, sent for review")

    reviewer = pages.new()
    sign_in(reviewer, "reviewer")
    reviewer.goto(address)
    reviewer.get_by_role("button", name="Request changes").click()
    expect(reviewer.get_by_label("Note")).to_have_attribute("aria-invalid", "true")
    problems += check(reviewer, "review, changes asked for without a note")
    reviewer.get_by_label("Note").fill("Cite the source of the figures.")
    reviewer.get_by_role("button", name="Request changes").click()
    expect(reviewer.locator("#messages")).to_have_text("Review step recorded.")
    no_problems(problems + check(reviewer, "review, changes asked for"))


def test_htmx_fills_live_regions_that_were_there_before(page):
    """A screen reader announces changes inside a live region already on the page; a region that a swap
    brings in anew says nothing. So each region htmx fills must be live, and the very same element after."""
    sign_in(page, "member")
    text = open_own_editor(page)
    regions = {"save notices": page.locator("#messages"), "presence": page.locator("#presence"),
               "autosave notice": page.locator("#draft-status"),
               "preview's word count": page.locator("#preview-counts")}
    for name, region in regions.items():
        assert region.evaluate(POLITENESS) == "polite", f"the {name} is not a polite live region"
        region.evaluate(MARK)
    text.press("Control+End")
    text.press_sequentially(ADDED)
    expect(page.locator("#preview .counts")).to_have_text("10 words / 500")
    expect(page.locator("#draft-status")).to_contain_text("Draft kept on the server")
    replaced = [name for name, region in regions.items() if not region.evaluate(MARKED)]
    assert replaced == [], f"a swap replaced these live regions, so their news is not announced: {replaced}"


@pytest.mark.parametrize("language", ["ru", "kk"])
@pytest.mark.parametrize("role", ["coordinator", "member"])
def test_every_page_in_russian_and_kazakh(page, world, role, language):
    sign_in(page, role)
    page.get_by_label("Language").select_option(language)
    page.get_by_role("button", name="Change").click()
    expect(page.locator("html")).to_have_attribute("lang", language)
    problems = []
    for name, address in addresses(world, role):
        problems += check(page, name, address)
        shown = page.locator("html").get_attribute("lang")
        if shown != language:
            problems.append(f"{name} ({address}): <html lang={shown!r}>, not {language!r}")
    no_problems(problems)
