"""Not a word lost offline (issue 20, static/js/offline.js): typing offline or while the server fails is said
at once, kept in the browser and saved when the server is back; Save waits; a copy left in the browser is offered
back, to its author only; leaving with unsaved text asks; a paste too long for a section is refused."""
import re

import pytest
from playwright.sync_api import expect

from coalition.revisions import MAX_BODY_CHARS
from models import Draft, Revision, Section, User
from tests.browser.steps import open_editor, save, sign_in
from tests.browser.test_accessibility import check

pytestmark = pytest.mark.browser
TYPED = " Написано без связи."
KEPT_HERE = "Not saved to the server — kept in this browser."
DRAFT_URL = "**/sections/*/draft"
OFFER = "A copy of your text is kept in this browser"


@pytest.fixture
def own(world):
    return world["sections"]["own"]


def no_problems(problems):
    assert problems == [], "\n".join(problems)


def type_at_end(page, words):
    text = page.get_by_label("Text (Markdown)")
    text.press("Control+End")
    text.press_sequentially(words)


def status(page):
    return page.locator("#draft-status")


def has_typed():
    return re.compile(re.escape(TYPED))


def draft_body(app, section_id, login):
    with app.app_context():
        draft = Draft.of(User.get(User.login == login), Section.get_by_id(section_id))
        return draft.body if draft else None


def head_body(app, section_id):
    with app.app_context():
        return Revision.select().where(Revision.section == section_id).order_by(Revision.number.desc()).get().body


def saved_as_revision_3(page, app, own):
    save(page, "written offline")
    expect(page.locator("#messages")).to_have_text("Saved as revision 3.")
    assert TYPED.strip() in head_body(app, own)


def stays_with_the_text(page, own):
    expect(page).to_have_url(re.compile(rf"/sections/{own}/edit$"))
    expect(page.get_by_label("Text (Markdown)")).to_have_value(has_typed())


def test_typing_offline_is_told_kept_and_saved_once_online(page, app, own):
    sign_in(page, "member")
    open_editor(page, own)
    page.context.set_offline(True)
    type_at_end(page, TYPED)
    expect(status(page)).to_have_text(f"{KEPT_HERE} You are offline; it will be saved as soon as the connection "
                                      "is back.")
    no_problems(check(page, "editor warning that its text is not saved"))

    page.get_by_role("button", name="Save", exact=True).click()
    expect(status(page)).to_contain_text("Not saved: you are offline; your text is kept here and will be saved "
                                         "when the connection is back.")
    stays_with_the_text(page, own)

    page.context.set_offline(False)
    expect(status(page)).to_contain_text("Draft kept on the server at")
    assert TYPED.strip() in draft_body(app, own, "member")
    saved_as_revision_3(page, app, own)


def test_a_server_answering_503_is_told_tried_again_and_saved(page, app, own):
    sign_in(page, "member")
    open_editor(page, own)
    page.route(DRAFT_URL, lambda route: route.fulfill(status=503, body="Service Unavailable"))
    type_at_end(page, TYPED)
    expect(status(page)).to_have_text(f"{KEPT_HERE} The server had an error; trying again.")

    page.get_by_role("button", name="Save", exact=True).click()
    expect(status(page)).to_have_text("Not saved; your text is kept here. The server had an error; trying again.")
    stays_with_the_text(page, own)
    assert draft_body(app, own, "member") is None

    page.unroute(DRAFT_URL)  # the next retry gets through
    expect(status(page)).to_contain_text("Draft kept on the server at")
    assert TYPED.strip() in draft_body(app, own, "member")
    saved_as_revision_3(page, app, own)



def test_a_text_the_server_finds_too_large_holds_the_save(page, own):
    """A proxy's size limit (413) may be lower than the app's: Save would only show its error page."""
    sign_in(page, "member")
    open_editor(page, own)
    page.route(DRAFT_URL, lambda route: route.fulfill(status=413, body="Request Entity Too Large"))
    type_at_end(page, TYPED)
    expect(status(page)).to_have_text(f"{KEPT_HERE} The text is too large for the server to take; shorten it.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(status(page)).to_have_text("Not saved; your text is kept here. The text is too large for the server to "
                                      "take; shorten it.")
    stays_with_the_text(page, own)

def offline_then_closed(page, own):
    """Type offline and close the tab without being asked; back online. Returns the browser's context."""
    open_editor(page, own)
    context = page.context
    context.set_offline(True)
    type_at_end(page, TYPED)
    expect(status(page)).to_contain_text(KEPT_HERE)
    page.close(run_before_unload=False)
    context.set_offline(False)
    return context


def test_the_copy_kept_in_the_browser_is_offered_back_and_saved(page, app, own):
    sign_in(page, "member")
    page = offline_then_closed(page, own).new_page()
    text = open_editor(page, own)
    offer = page.get_by_role("region", name=OFFER)
    expect(offer).to_be_visible()
    expect(offer).to_contain_text("This browser kept it at")
    expect(text).not_to_have_value(has_typed())  # the server's text, until the person chooses
    no_problems(check(page, "editor offering the browser's copy"))

    # The offer and the warning at once; meanwhile the new typing cannot be kept here, and the status says so.
    page.context.set_offline(True)
    page.get_by_label("What changed (a short note)").press_sequentially("note")
    expect(status(page)).to_contain_text("Not saved to the server, and not kept in this browser either")
    no_problems(check(page, "editor offering a copy, with its text not saved"))
    page.context.set_offline(False)
    expect(status(page)).to_contain_text("Draft kept on the server at")

    with page.expect_response(DRAFT_URL) as autosave:
        offer.get_by_role("button", name="Use the copy kept in this browser").click()
    assert autosave.value.status == 200
    expect(offer).to_be_hidden()
    expect(text).to_have_value(has_typed())
    expect(text).to_be_focused()
    assert TYPED.strip() in draft_body(app, own, "member")
    saved_as_revision_3(page, app, own)

    open_editor(page, own)  # saved: nothing left to offer
    expect(page.get_by_role("region", name=OFFER)).to_have_count(0)


def test_a_copy_discarded_is_gone(page, own):
    sign_in(page, "member")
    page = offline_then_closed(page, own).new_page()
    text = open_editor(page, own)
    page.get_by_role("button", name="Discard it").click()
    expect(page.get_by_role("region", name=OFFER)).to_have_count(0)
    expect(text).to_be_focused()
    open_editor(page, own)
    expect(page.get_by_role("region", name=OFFER)).to_have_count(0)


def test_another_person_signing_in_here_is_not_offered_the_copy(page, own):
    sign_in(page, "member")
    page = offline_then_closed(page, own).new_page()
    for person, offered in (("lead", 0), ("member", 1)):  # the member, last: the copy was there all along
        page.goto("/")
        page.get_by_role("button", name="Sign out").click()
        sign_in(page, person)
        open_editor(page, own)
        expect(page.get_by_role("region", name=OFFER)).to_have_count(offered)


def test_leaving_with_text_not_saved_asks_first(page, own):
    sign_in(page, "member")
    open_editor(page, own)
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    type_at_end(page, " Сохранено.")
    expect(status(page)).to_contain_text("Draft kept on the server at")
    open_editor(page, own)  # kept by the autosave: leaving asks nothing
    assert asked == []

    page.context.set_offline(True)
    type_at_end(page, TYPED)
    expect(status(page)).to_contain_text(KEPT_HERE)
    with page.expect_event("dialog"):
        page.close(run_before_unload=True)
    assert asked == ["beforeunload"]
    assert not page.is_closed()  # dismissed: the person stays, with the text
    stays_with_the_text(page, own)


def test_a_paste_too_long_for_a_section_is_refused_with_the_text_kept(page, own):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    sign_in(page, "member")
    text = open_editor(page, own)
    before = text.input_value()
    text.press("Control+End")
    page.evaluate("words => navigator.clipboard.writeText(words)", " Вставка.")
    text.press("Control+V")
    expect(text).to_have_value(before + " Вставка.")  # a paste that fits is pasted

    page.evaluate("words => navigator.clipboard.writeText(words)", "слово " * (MAX_BODY_CHARS // 6))
    text.press("Control+V")
    expect(status(page)).to_have_text(re.compile(r"^Not pasted: with it the text would be longer than 200,000 "))
    expect(text).to_have_value(before + " Вставка.")


def test_an_expired_session_is_told_and_saved_once_signed_in_again_as_the_same_person(page, app, own):
    sign_in(page, "member")
    open_editor(page, own)
    other_tab = page.context.new_page()
    other_tab.goto("/")
    other_tab.get_by_role("button", name="Sign out").click()
    type_at_end(page, TYPED)
    expired = f"{KEPT_HERE} Your session has expired: sign in again in another tab, and it will then be saved."
    expect(status(page)).to_have_text(expired)

    # Someone else signing in on this browser never gets the text as their draft.
    sign_in(other_tab, "lead")
    for _ in range(2):  # twice: a text sent after the first would stop the retries, and the second never come
        with page.expect_response(lambda answer: answer.url.endswith(f"/sections/{own}/edit")):
            page.evaluate("dispatchEvent(new Event('online'))")  # retry now: it asks the editor for a new token
    expect(status(page)).to_have_text(expired)
    assert draft_body(app, own, "lead") is None and draft_body(app, own, "member") is None

    other_tab.get_by_role("button", name="Sign out").click()
    sign_in(other_tab, "member")
    page.evaluate("dispatchEvent(new Event('focus'))")  # back to the editor's tab: it tries again at once
    expect(status(page)).to_contain_text("Draft kept on the server at", timeout=3000)
    assert TYPED.strip() in draft_body(app, own, "member")
    saved_as_revision_3(page, app, own)
