"""The activity feed, freezing a submitted version and the audit log in Chromium: the "new" badge and its
reset, filters and "Older" swapped in by htmx, a frozen Word file and PDF whose fingerprints match the page,
and who sees the audit log."""
import hashlib
import io
import re
from pathlib import Path

import docx
import pytest
from playwright.sync_api import expect

from coalition import activity
from models import Activity, Section, User
from tests.browser.steps import activity_link, go_to, open_editor, open_feed, save, sign_in
from tests.helpers import pdf_text

pytestmark = pytest.mark.browser
OWN = "Civil and political rights section"
THEIRS = "Women's rights section"
APPROVED = "Одобренный текст: закон 2023 года об общественных объединениях."
AFTER = "Текст после заморозки: коалиция дописала абзац о свободе собраний."
SHA256 = re.compile(r"[0-9a-f]{64}")


def open_review(page, section_id):
    page.goto(f"/sections/{section_id}/review")
    expect(page.get_by_role("heading", level=2, name="Review history")).to_be_visible()


def take_step(page, button, note=""):
    page.get_by_label("Note").fill(note)
    page.get_by_role("button", name=button).click()
    expect(page.locator("#messages")).to_have_text("Review step recorded.")


def edit_and_save(page, section_id, body, note):
    open_editor(page, section_id).fill(body)
    save(page, note)
    expect(page.locator("#messages")).to_contain_text("Saved as revision")


# --- the feed --------------------------------------------------------------------------------------


def test_new_badge_feed_and_type_filter_without_reload(pages, world):
    own = world["sections"]["own"]
    reviewer, member = pages.new(), pages.new()
    sign_in(reviewer, "reviewer")
    open_feed(reviewer)  # catch up on the world's saves: nothing is new afterwards
    expect(reviewer.get_by_role("heading", level=1)).to_have_text("Activity")
    go_to(reviewer, "Report")
    expect(activity_link(reviewer)).to_have_count(0)

    sign_in(member, "member")
    edit_and_save(member, own, APPROVED, "law cited")
    open_review(member, own)
    take_step(member, "Submit for review", "Ready.")

    reviewer.reload()
    expect(activity_link(reviewer).locator(".badge.new")).to_have_text("2 new")
    open_feed(reviewer)
    fresh = reviewer.locator("#feed li.entry.new")
    expect(fresh).to_have_count(2)
    expect(fresh.nth(0)).to_contain_text(f"Member sent {OWN} for review")
    expect(fresh.nth(1)).to_contain_text(f"Member saved revision 3 of {OWN}")
    expect(fresh.nth(1).locator(".badge.new")).to_have_text("new")
    expect(fresh.nth(1).get_by_role("link", name=OWN)).to_have_attribute("href", f"/sections/{own}")
    expect(reviewer.locator("#feed li.entry")).to_have_count(6)  # the world's 4 saves, not new
    expect(reviewer.locator("#feed li.entry:not(.new)").first).to_contain_text("Coordinator saved revision 2")

    reviewer.evaluate("window.notReloaded = true")
    with reviewer.expect_request(lambda request: "hx-request" in request.headers and "type=review" in request.url):
        reviewer.get_by_label("Type").select_option(label="Review steps")
    entries = reviewer.locator("#feed li.entry")
    expect(entries).to_have_count(1)
    expect(entries.first).to_contain_text(f"Member sent {OWN} for review")
    expect(entries.first).to_have_class(re.compile(r"\bnew\b"))  # still new: the filter keeps the marker
    expect(reviewer.locator("#feed")).not_to_contain_text("saved revision")
    expect(reviewer).to_have_url(re.compile(r"/activity\?.*\btype=review\b"))
    assert reviewer.evaluate("window.notReloaded"), "the filter should swap the list in, not reload the page"

    go_to(reviewer, "Report")
    expect(reviewer.get_by_role("heading", level=1)).to_have_text("Joint submission")
    expect(activity_link(reviewer)).to_have_count(0)  # nothing new: the overview names the feed no more


@pytest.fixture
def long_feed(app, world):
    """105 entries in the feed (the world's 4 saves, then 101 more by three people): pages of 50, 50 and 5."""
    with app.app_context():
        section = Section.get_by_id(world["sections"]["theirs"])
        people = [User.get(User.login == login) for login in ("lead", "member", "other")]
        for number in range(3, 104):
            activity.record(Activity.EDIT, people[number % 3], section.report_id, section, number)
    return 105


def test_older_pages_are_appended_by_htmx(page, long_feed):
    assert activity.PAGE_SIZE == 50
    sign_in(page, "reviewer")
    activity_link(page).click()
    entries = page.locator("#feed li.entry")
    expect(entries).to_have_count(50)
    page.evaluate("window.notReloaded = true")
    url = page.url

    for shown in (100, long_feed):
        with page.expect_response(lambda response: "before=" in response.url):
            page.locator("#feed li.more").get_by_role("link", name="Older").click()
        expect(entries).to_have_count(shown)
        expect(page.locator("#feed li.more")).to_have_count(0 if shown == long_feed else 1)

    assert page.evaluate("window.notReloaded"), "Older should append entries, not reload the page"
    assert page.url == url, "Older should not change the address"
    texts = [" ".join(t.split()) for t in entries.locator(".what").all_inner_texts()]
    assert len(texts) == len(set(texts)) == long_feed, "an entry is shown twice"
    numbers = [int(re.search(r"revision (\d+)", t).group(1)) for t in texts]
    assert numbers[:101] == list(range(103, 2, -1)), "the entries should run newest first across pages"
    assert texts[-4:] == [f"Coordinator saved revision 2 of {THEIRS}", f"Lead saved revision 1 of {THEIRS}",
                          f"Coordinator saved revision 2 of {OWN}", f"Lead saved revision 1 of {OWN}"]
    expect(page.locator("#feed li.empty")).to_have_count(0)


def test_older_pages_keep_the_new_marks_of_a_first_visit(page, long_feed):
    """Opening the first page moves the person's marker to the newest entry; the older pages must still mark
    what was new when they started (the "Older" link carries seen=0 for a first visit)."""
    sign_in(page, "reviewer")  # never opened the feed: everything by others is new to them
    activity_link(page).click()
    expect(page.locator("#feed li.entry.new")).to_have_count(50)
    page.locator("#feed li.more").get_by_role("link", name="Older").click()
    expect(page.locator("#feed li.entry")).to_have_count(100)
    expect(page.locator("#feed li.entry.new")).to_have_count(100)


# --- freezing a submitted version ------------------------------------------------------------------


def fingerprint(page, fmt: str) -> str:
    """The SHA-256 the version's page shows for its file in this format."""
    shown = page.locator(f".facts li:has(a[href$='/{fmt}']) code.hash").inner_text().strip()
    assert SHA256.fullmatch(shown), f"not a SHA-256: {shown!r}"
    return shown


def download_file(page, fmt: str, shown: str) -> bytes:
    """The version's file in this format, through its link; it must be the file whose hash the page shows."""
    with page.expect_download() as file:
        page.locator(f".facts a[href$='/{fmt}']").click()
    assert file.value.suggested_filename.endswith(f".{fmt}")
    data = Path(file.value.path()).read_bytes()
    assert hashlib.sha256(data).hexdigest() == shown, f"the downloaded {fmt} is not the file whose hash is shown"
    return data


def test_freeze_download_fingerprint_and_compare(pages, world):
    own = world["sections"]["own"]
    member, coordinator = pages.new(), pages.new()
    sign_in(member, "member")
    edit_and_save(member, own, APPROVED, "law cited")
    open_review(member, own)
    take_step(member, "Submit for review", "Ready for the board.")

    sign_in(coordinator, "coordinator")
    coordinator.get_by_role("link", name=OWN).click()
    coordinator.get_by_role("navigation", name="Section").get_by_role("link", name="Review").click()
    take_step(coordinator, "Approve revision 3")
    expect(coordinator.locator("h1 .status")).to_have_text("✓ Approved")

    go_to(coordinator, "Report")
    coordinator.get_by_role("link", name="Submitted versions").click()
    expect(coordinator.get_by_text("No version has been frozen yet.")).to_be_visible()
    coordinator.get_by_role("link", name="Freeze a new version").click()
    expect(coordinator.locator("ul.plan:not(.left-out) li")).to_have_count(1)
    expect(coordinator.locator("ul.plan:not(.left-out) li")).to_contain_text(f"{OWN} — revision 3")
    expect(coordinator.locator("ul.left-out li")).to_have_count(1)
    expect(coordinator.locator("ul.left-out li")).to_contain_text(THEIRS)

    coordinator.get_by_role("button", name="Freeze this version").click()  # the box is not ticked yet
    expect(coordinator.locator("#leave_out-errors")).to_contain_text("Some sections have no approved revision.")
    expect(coordinator.get_by_role("heading", level=1)).to_have_text("Freeze a submitted version")

    coordinator.get_by_label("Note").fill("Sent to OHCHR on time.")
    coordinator.get_by_label("Freeze anyway: the sections without an approved revision are left out").check()
    coordinator.get_by_role("button", name="Freeze this version").click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text("Submitted version 1", timeout=30_000)
    expect(coordinator.locator("#messages")).to_contain_text("Submitted version 1 is frozen.")
    expect(coordinator.locator(".facts")).to_contain_text("Sent to OHCHR on time.")
    shown = {fmt: fingerprint(coordinator, fmt) for fmt in ("pdf", "docx")}
    version_url = coordinator.url

    files = {fmt: download_file(coordinator, fmt, shown[fmt]) for fmt in shown}
    text = pdf_text(files["pdf"])
    assert APPROVED in text and "Второй вариант текста" not in text  # only the approved section is in it
    word = "\n".join(paragraph.text for paragraph in docx.Document(io.BytesIO(files["docx"])).paragraphs)
    assert APPROVED in word and "Второй вариант текста" not in word

    unchanged = coordinator.get_by_role("row").filter(has=coordinator.get_by_role("link", name=OWN))
    expect(unchanged).to_contain_text("unchanged")
    expect(coordinator.get_by_role("link", name="Compare with the current text")).to_have_count(0)
    expect(coordinator.get_by_role("heading", name="Not in this version")).to_be_visible()

    edit_and_save(member, own, APPROVED + "\n\n" + AFTER, "after the freeze")
    coordinator.goto(version_url)
    assert {fmt: fingerprint(coordinator, fmt) for fmt in shown} == shown, "the frozen version changed"
    row = coordinator.get_by_role("row").filter(has=coordinator.get_by_role("link", name=OWN))
    expect(row).to_contain_text("revision 3")
    expect(row).to_contain_text("revision 4")
    row.get_by_role("link", name="Compare with the current text").click()
    expect(coordinator).to_have_url(re.compile(rf"/sections/{own}/compare\?.*old=3"))
    expect(coordinator.get_by_role("heading", level=2, name="Revision 3 → revision 4")).to_be_visible()
    expect(coordinator.locator(".formatted-diff ins").filter(has_text="дописала абзац")).to_have_count(1)


# --- the audit log ---------------------------------------------------------------------------------


def test_audit_log_for_the_coordinator_only(pages):
    reviewer = pages.new()
    sign_in(reviewer, "reviewer")
    expect(reviewer.get_by_role("link", name="Submitted versions")).to_be_visible()  # the links are there
    expect(reviewer.get_by_role("link", name="Audit log")).to_have_count(0)
    response = reviewer.goto("/audit")
    assert response.status == 403

    coordinator = pages.new()
    sign_in(coordinator, "coordinator")
    coordinator.get_by_role("link", name="Audit log").click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text("Audit log")
    sign_ins = coordinator.locator("#audit-events tr.event-login")
    expect(sign_ins).to_have_count(2)
    expect(sign_ins.nth(0)).to_contain_text("Signed in")
    expect(sign_ins.nth(0).locator("td").nth(2)).to_have_text("Coordinator")  # newest first
    expect(sign_ins.nth(1).locator("td").nth(2)).to_have_text("Reviewer")
