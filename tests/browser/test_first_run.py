"""A coalition's first day in Chromium, on an empty database: the first coordinator made on the setup page,
the report set up with three groups and five sections, a member invited into a group who writes a section,
then the PDF and the DOCX. And a year later: the next report started from it, its section compared with the
earlier text."""
import io

import docx
import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from coalition import first_run
from tests.browser.steps import comment_on
from tests.browser.test_accessibility import violations
from tests.browser.test_export import download
from tests.browser.test_people import copy_link

pytestmark = pytest.mark.browser
PASSWORD = "seven quiet rivers of almaty"
GROUPS = {"Гражданские и политические права": ["Свобода мирных собраний", "Пытки"],
          "Права женщин": ["Насилие в семье", "Участие в политике"],
          "Права детей": ["Образование"]}
TEXT = "Право на мирные собрания ограничено: разрешительный порядок сохраняется."


@pytest.fixture
def server(live_server, app):
    """The app on a database with tables and nothing in them: no account, no report (no `world`)."""
    http_server, current = live_server
    current.app = app
    yield f"http://127.0.0.1:{http_server.server_port}"
    current.app = None


def make_coordinator(page, app):
    page.goto("/login")
    expect(page.locator("main")).to_contain_text("Nobody has an account here yet")
    page.goto(f"/setup/{first_run.token(app.config['SECRET_KEY'])}")
    assert violations(page) == []
    page.get_by_label("Your name, as others see it").fill("Айгерим Коордова")
    page.get_by_label("Login").fill("aigerim")
    page.get_by_label("New password", exact=True).fill(PASSWORD)
    page.get_by_label("New password again").fill(PASSWORD)
    page.get_by_label("Language of the interface").select_option("en")
    page.get_by_role("button", name="Make the coordinator's account").click()
    expect(page.locator("#messages")).to_contain_text("Your coordinator's account is ready.")


def set_up_report(page):
    page.get_by_role("link", name="Set up the report").click()
    page.get_by_label("Title", exact=True).fill("Совместное представление коалиции НПО")
    page.get_by_label("Country under review").fill("Казахстан")
    page.get_by_label("Language of the report").select_option("ru")
    assert violations(page) == []
    page.get_by_role("button", name="Set up the report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Groups and sections")
    for group, sections in GROUPS.items():
        page.get_by_label("Name", exact=True).fill(group)
        page.get_by_role("button", name="Add the group").click()
        expect(page.locator("#messages")).to_contain_text(f"The working group “{group}” is added.")
        for title in sections:
            adding = page.get_by_role("group", name=f"Add a section to “{group}”")
            adding.get_by_label("Title").fill(title)
            adding.get_by_label("Word budget").fill("700")
            adding.get_by_role("button", name="Add the section").click()
            expect(page.locator("#messages")).to_contain_text(f"The section “{title}” is added")
    assert violations(page) == []


def invite_member(page, group) -> str:
    page.goto("/people/invite")
    page.get_by_label("Name of the person").fill("Гүлнар Садықова")
    page.get_by_label(group).select_option(label="Member")
    page.get_by_role("button", name="Make the invitation link").click()
    return copy_link(page)


def write_as_newcomer(page, link):
    page.goto(link)
    page.get_by_label("Login").fill("gulnar")
    page.get_by_label("New password", exact=True).fill(PASSWORD)
    page.get_by_label("New password again").fill(PASSWORD)
    page.get_by_label("Language of the interface").select_option("en")
    page.get_by_role("button", name="Make my account").click()
    page.get_by_role("link", name="Свобода мирных собраний").click()
    page.get_by_role("link", name="Start writing").click()
    page.get_by_label("Text (Markdown)").fill(TEXT)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#messages")).to_contain_text("Saved as revision 1")


def export(page, fmt: str, name: str) -> bytes:
    page.get_by_role("link", name="Download the report (PDF, Word)").click()
    page.get_by_label("PDF" if fmt == "pdf" else "Word (DOCX)").check()
    page.get_by_role("button", name="Make the file").click()
    return download(page, name)


def first_day(app, pages):
    """The coordinator's and the invited member's pages, once the member has written the first text."""
    coordinator, member = pages.new(), pages.new()
    make_coordinator(coordinator, app)
    set_up_report(coordinator)
    write_as_newcomer(member, invite_member(coordinator, "Гражданские и политические права"))
    return coordinator, member


def test_from_an_empty_database_to_the_first_files(app, pages):
    coordinator, _ = first_day(app, pages)

    coordinator.goto("/")
    overview = coordinator.locator("main")
    for group, sections in GROUPS.items():
        expect(overview.get_by_role("heading", name=group)).to_be_visible()
        for title in sections:
            expect(overview.get_by_role("link", name=title)).to_be_visible()
    pdf = export(coordinator, "pdf", "Совместное представление коалиции НПО.pdf")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).replace("\u2010\n", "")  # hyphenated
    assert TEXT in " ".join(text.split()) and "3.1 Образование" in " ".join(text.split())
    coordinator.goto("/")
    word = export(coordinator, "docx", "Совместное представление коалиции НПО.docx")
    paragraphs = [p.text for p in docx.Document(io.BytesIO(word)).paragraphs]
    assert any(TEXT in p for p in paragraphs) and any("Участие в политике" in p for p in paragraphs)


def test_the_next_report_starts_from_the_first(app, pages):
    page, member = first_day(app, pages)

    page.goto("/reports")
    page.get_by_role("link", name="Start a new report from this one").click()
    assert violations(page) == []
    page.get_by_label("The current text of each section").check()
    page.get_by_label("Title", exact=True).fill("Промежуточный доклад")
    page.get_by_role("button", name="Start the new report").click()
    expect(page.locator("#messages")).to_contain_text("The earlier report stays as it was.")

    member.goto("/")
    expect(member.get_by_role("heading", level=1)).to_have_text("Промежуточный доклад")
    member.get_by_role("link", name="Свобода мирных собраний").click()
    member.get_by_role("link", name="Edit this section").click()
    member.get_by_label("Text (Markdown)").fill(TEXT + "\n\nНовый абзац о 2027 годе.")
    member.get_by_role("button", name="Save", exact=True).click()
    member.get_by_role("link", name="Compare with the earlier report").click()
    expect(member.locator(".diff ins")).to_contain_text("Новый абзац о 2027 годе.")
    assert violations(member) == []

    member.goto("/reports")
    member.get_by_role("link", name="Совместное представление коалиции НПО").click()
    expect(member.get_by_role("navigation", name="Which report")).to_contain_text(
        "An earlier report. The coalition now writes: Промежуточный доклад")
    member.get_by_role("link", name="Свобода мирных собраний").click()
    expect(member.locator("article.prose .text-block")).to_have_text([TEXT])


def test_the_first_review_on_an_empty_database(app, pages):
    """The coordinator, in no group, suggests an edit to the newcomer's first text and comments on its paragraph
    naming @gulnar: the newcomer's first inbox holds both, and the suggestion is accepted."""
    coordinator, member = first_day(app, pages)
    coordinator.get_by_role("link", name="UPR Coalition Editor").click()
    coordinator.get_by_role("link", name="Свобода мирных собраний").click()
    comment_on(coordinator, coordinator.get_by_role("link", name="Comment on ¶ 1"), "@gulnar, с какого года?")
    expect(coordinator.locator("article.thread")).to_contain_text("с какого года?")
    coordinator.get_by_role("link", name="Suggest an edit").click()
    coordinator.get_by_label("Text (Markdown)").fill(TEXT + "\n\nС 2004 года.")
    coordinator.get_by_label("Why (a note for the section's group)").fill("Год принятия закона")
    coordinator.get_by_role("button", name="Suggest", exact=True).click()
    expect(coordinator.get_by_text("Your suggestion is sent to the section's group.")).to_be_visible()

    member.goto("/")
    member.get_by_role("link", name="Inbox (2)").click()
    expect(member.locator("ol.inbox li").filter(has_text="You were mentioned.")).to_have_count(1)
    member.locator("ol.inbox li").filter(has_text="suggested").get_by_role("link", name="an edit").click()
    member.get_by_role("button", name="Accept", exact=True).click()
    expect(member.get_by_text("Accepted as revision 2.")).to_be_visible()
    expect(member.locator("article.prose")).to_contain_text("С 2004 года.")
