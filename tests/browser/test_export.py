"""Downloading the report (PDF) and a section (DOCX) in Chromium: the build in the background, its progress."""
import io
import threading
from pathlib import Path

import docx
import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from coalition import exports
from tests.browser.steps import sign_in

pytestmark = pytest.mark.browser
READY = "The file is ready."
POLL = "hx-request"


@pytest.fixture
def app_config():
    return {"EXPORTS_IN_BACKGROUND": True}


@pytest.fixture
def gate(monkeypatch):
    """The build waits for gate.set(), so the page always shows the progress first."""
    opened, builds, render = threading.Event(), [], exports.render

    def held(doc, fmt):
        builds.append(threading.current_thread())
        opened.wait(30)
        return render(doc, fmt)

    monkeypatch.setattr(exports, "render", held)
    yield opened
    opened.set()
    for build in builds:  # done before the next test's app
        build.join(30)


def make_final_pdf(page):
    sign_in(page, "coordinator")
    page.get_by_role("link", name="Download the report (PDF, Word)").click()
    expect(page.locator(".message.success")).to_have_text("The report has 8 words, within the limit of 5,630.")
    expect(page.locator(".file-parts tfoot")).to_contain_text("Words: 8 of 5,630")
    expect(page.get_by_label("PDF")).to_be_checked()
    page.get_by_label("Mark every page as a DRAFT").uncheck()
    page.get_by_role("button", name="Make the file").click()
    expect(page.locator("#export-status")).to_contain_text("Preparing the file")


def download(page, name):
    with page.expect_download() as file:
        page.get_by_role("link", name=f"Download {name}").click()
    assert file.value.suggested_filename == name
    return Path(file.value.path()).read_bytes()


def check_final_pdf(data):
    assert data.startswith(b"%PDF")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "Joint submission" in text and "ПРОЕКТ" not in text and "DRAFT" not in text


def test_report_pdf_swapped_in_by_htmx(page, gate):
    make_final_pdf(page)
    page.evaluate("window.notReloaded = true")
    gate.set()
    expect(page.locator("#export-status")).to_contain_text(READY)
    assert page.evaluate("window.notReloaded"), "htmx should swap the status in, not reload the page"
    check_final_pdf(download(page, "Joint submission.pdf"))


def test_no_reloads_while_htmx_polls(page, gate):
    make_final_pdf(page)
    page.evaluate("window.notReloaded = true")
    for _ in range(4):  # 4 s of polls while building, longer than the refresh's 3 s
        with page.expect_request(lambda request: POLL in request.headers):
            pass
    assert page.evaluate("window.notReloaded"), "the page reloaded itself while htmx polled"


def test_report_pdf_without_javascript(pages, gate):
    page = pages.new(javascript=False)
    make_final_pdf(page)
    gate.set()
    with page.expect_request(lambda request: "/exports/" in request.url and request.is_navigation_request()):
        pass  # the page refreshes itself
    expect(page.locator("#export-status")).to_contain_text(READY)
    check_final_pdf(download(page, "Joint submission.pdf"))


def test_section_docx_for_a_member(page):
    sign_in(page, "member")
    page.get_by_role("link", name="Civil and political rights section").click()
    page.get_by_role("button", name="Word (DOCX)").click()
    expect(page.locator("#export-status")).to_contain_text(READY, timeout=10_000)
    data = download(page, "Joint submission — Civil and political rights section.docx")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "Civil and political rights section" in text and "Women's rights" not in text
