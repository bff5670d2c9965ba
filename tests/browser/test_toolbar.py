"""The editor's formatting toolbar (issue 20) in Chromium: its buttons and shortcuts write Markdown the preview
shows, the citation picker inserts [rec:…], the preview follows the caret, formatted paste goes through the
server, axe finds nothing, and without JavaScript the editor is the plain one it was."""
import base64
from pathlib import Path

import pytest
from playwright.sync_api import expect

import config
from models import Image
from tests import images
from tests.browser.steps import open_editor, sign_in
from tests.browser.test_accessibility import violations

pytestmark = pytest.mark.browser
# (button's name, the Markdown it makes of "word" selected, what the preview shows for it)
BUTTONS = [("Bold", "**word**", "strong"), ("Italic", "_word_", "em"), ("Heading", "### word", "h3"),
           ("Subheading", "#### word", "h4"), ("Bulleted list", "- word", "ul > li"),
           ("Numbered list", "1. word", "ol > li"), ("Quote", "> word", "blockquote"),
           ("Link", "[word](url)", None)]
SHORTCUTS = [("Control+b", "**word**", "strong"), ("Control+i", "_word_", "em"), ("Control+k", "[word](url)", None),
             ("Control+Shift+Digit7", "1. word", "ol > li"), ("Control+Shift+Digit8", "- word", "ul > li")]




@pytest.fixture
def editor(page, world):
    """The member's editor with the toolbar shown; returns the text box."""
    sign_in(page, "member")
    text = open_editor(page, world["sections"]["own"])
    expect(page.get_by_role("toolbar", name="Formatting")).to_be_visible()
    return text


def write_and_select(text, body="word"):
    text.fill(body)
    text.evaluate("box => box.select()")


def preview(page, selector):
    return page.locator(f"#preview-text .prose {selector}")


def test_each_button_writes_markdown_that_the_preview_shows(page, editor):
    for name, markdown, shown in BUTTONS:
        write_and_select(editor)
        page.get_by_role("toolbar").get_by_role("button", name=name, exact=True).click()
        expect(editor).to_have_value(markdown)
        expect(page.locator("#toolbar-status")).to_have_text(f"Inserted: {name}")
        if shown:
            expect(preview(page, shown)).to_have_text("word")


def test_each_shortcut_does_what_its_button_does(page, editor):
    for keys, markdown, shown in SHORTCUTS:
        write_and_select(editor)
        editor.press(keys)
        expect(editor).to_have_value(markdown)
        if shown:
            expect(preview(page, shown)).to_have_text("word")


def test_footnote_numbers_itself_and_table_is_a_block(page, editor):
    editor.fill("Claim[^1] here.\n\n[^1]: First source.")
    editor.evaluate("box => box.setSelectionRange(5, 5)")  # after "Claim"
    editor.press("Control+Alt+KeyF")
    expect(editor).to_have_value("Claim[^2][^1] here.\n\n[^1]: First source.\n\n[^2]: ")
    editor.press_sequentially("Second source.")  # the caret waits in the new definition
    expect(preview(page, ".footnotes li")).to_have_count(2)
    expect(preview(page, ".footnotes")).to_contain_text("Second source.")

    editor.fill("Before")
    editor.press("End")
    page.get_by_role("button", name="Table").click()
    expect(editor).to_have_value("Before\n\n| Column 1 | Column 2 |\n| --- | --- |\n|  |  |\n")
    expect(preview(page, "table th")).to_have_text(["Column 1", "Column 2"])


def test_the_toolbar_is_one_tab_stop_with_arrow_keys(page, editor):
    page.get_by_role("toolbar").focus()
    expect(page.get_by_role("button", name="Bold")).to_be_focused()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("button", name="Italic")).to_be_focused()
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")  # round to the last
    expect(page.get_by_role("toolbar").get_by_role("button").last).to_be_focused()


def test_the_citation_picker_inserts_the_citation_at_the_caret(page, editor):
    editor.fill("As recommended, the law must change.")
    editor.evaluate("box => box.setSelectionRange(14, 14)")  # after "As recommended"
    page.get_by_role("button", name="Cite", exact=True).click()
    dialog = page.get_by_role("dialog", name="Cite a recommendation")
    dialog.get_by_role("searchbox").fill("peaceful assemblies")
    dialog.get_by_role("button", name="Cite 142.45").click()
    expect(dialog).to_be_hidden()
    expect(editor).to_have_value("As recommended[rec:142.45], the law must change.")
    expect(editor).to_be_focused()
    expect(preview(page, "a", ).filter(has_text="142.45")).to_have_count(1)


def test_the_preview_follows_the_caret(page, editor):
    editor.fill("\n\n".join(f"Paragraph {n}." for n in range(60)))
    pane = page.locator("#preview")
    expect(preview(page, "p").last).to_have_text("Paragraph 59.")
    editor.evaluate("box => box.setSelectionRange(box.value.indexOf('Paragraph 50.'), box.value.length)")
    editor.press("ArrowLeft")  # the caret to the selection's start, a key the editor hears
    expect(preview(page, "p").nth(50)).to_be_in_viewport()
    assert pane.evaluate("pane => pane.scrollTop") > 0
    visible = pane.evaluate("""pane => { const view = pane.getBoundingClientRect();
        const p = pane.querySelectorAll('.prose > p')[50].getBoundingClientRect();
        return p.top >= view.top && p.bottom <= view.bottom; }""")
    assert visible


PASTE = """box => { const data = new DataTransfer();
    data.setData('text/html', '<h3>Heading</h3><p><b>Bold</b> words</p>');
    data.setData('text/plain', 'Heading Bold words');
    box.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true})); }"""
CLIPBOARD = Path(__file__).parents[1] / "fixtures/clipboard"
PASTE_SAMPLE = """(box, html) => { const data = new DataTransfer();
    data.setData('text/html', html);
    data.setData('text/plain', 'plain');
    box.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true})); }"""


@pytest.mark.parametrize("sample", ["word_windows", "google_docs", "libreoffice"])
def test_a_paste_from_word_or_google_docs_arrives_as_markdown(page, editor, sample):
    """The clipboard as each program fills it, converted by the server: headings, a list from 5, a table, notes."""
    html = (CLIPBOARD / f"{sample}.html").read_text(encoding="utf-8")
    editor.fill("")
    editor.evaluate(PASTE_SAMPLE, html)
    expect(editor).to_have_value((CLIPBOARD / f"{sample}.md").read_text(encoding="utf-8").strip(), timeout=20_000)
    expect(page.locator("#toolbar-status")).to_contain_text("Pasted with its formatting")
    expect(preview(page, "ol[start='5']")).to_have_count(1)
    expect(preview(page, "table")).to_have_count(1)


def test_a_failed_conversion_pastes_the_plain_text(page, editor, world):
    page.route(f"**/sections/{world['sections']['own']}/paste",
               lambda route: route.fulfill(status=400, content_type="text/plain", body="Not converted."))
    editor.fill("")
    editor.evaluate(PASTE)
    expect(editor).to_have_value("Heading Bold words")
    expect(page.locator("#toolbar-status")).to_contain_text("Pasted as plain text")


def test_a_paste_past_the_limit_is_refused_and_said(page, editor, world):
    page.route(f"**/sections/{world['sections']['own']}/paste",
               lambda route: route.fulfill(status=200, content_type="text/plain", body="x" * 40))
    editor.fill("Kept as it is.")
    editor.evaluate("box => box.dataset.maxChars = 30")
    editor.evaluate(PASTE)
    expect(page.locator("#toolbar-status")).to_contain_text("Not pasted: with it the text would be longer than")
    expect(editor).to_have_value("Kept as it is.")


def test_axe_finds_nothing_on_the_toolbar_and_its_dialogs(page, editor, world):
    assert violations(page) == []
    page.get_by_role("button", name="Cite", exact=True).click()
    expect(page.get_by_role("button", name="Cite 142.45")).to_be_visible()
    assert violations(page) == []
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Image", exact=True).click()
    expect(page.get_by_role("dialog", name="Insert an image")).to_be_visible()
    assert violations(page) == []
    page.goto(f"/reports/{world['report']}/recommendations/pick?q=142")  # the picker without the editor
    expect(page.get_by_role("heading", level=1)).to_have_text("Cite a recommendation")
    assert violations(page) == []


def test_an_uploaded_image_goes_in_at_the_caret(page, editor, world):
    editor.fill("Before. After.")
    editor.evaluate("box => box.setSelectionRange(8, 8)")
    page.get_by_role("button", name="Image", exact=True).click()
    dialog = page.get_by_role("dialog", name="Insert an image")
    dialog.locator("[name=file]").set_input_files(
        files=[{"name": "chart.png", "mimeType": "image/png", "buffer": b"\x89PNG not really"}])
    dialog.locator("[name=alt]").fill("A chart")
    dialog.locator("#image-upload-form [type=submit]").click()
    expect(dialog.get_by_role("alert")).to_contain_text("PNG")
    expect(editor).to_have_value("Before. After.")
    dialog.locator("[name=file]").set_input_files(
        files=[{"name": "chart.png", "mimeType": "image/png", "buffer": images.png()}])
    dialog.locator("#image-upload-form [type=submit]").click()
    expect(dialog).to_be_hidden()
    image = Image.get(Image.alt == "A chart")
    expect(editor).to_have_value(f"Before. ![A chart](/images/{image.id})After.")
    expect(preview(page, "img")).to_have_attribute("alt", "A chart")
    assert preview(page, "img").evaluate("img => img.complete && img.naturalWidth") > 0


PASTE_PICTURE = """(box, encoded) => { const data = new DataTransfer();
    const bytes = Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0));
    data.items.add(new File([bytes], "image.png", {type: "image/png"}));
    data.setData('text/html', '<img src="file:///C:/Users/a/AppData/Local/Temp/msohtmlclip1/01/clip_image001.png">');
    box.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true})); }"""


def test_a_chart_pasted_as_a_picture_is_uploaded_with_its_description(page, editor, world):
    """A chart copied from a spreadsheet: the clipboard holds the picture, and HTML naming a file of the writer's."""
    editor.fill("Cases by year:\n")
    editor.press("End")
    editor.evaluate(PASTE_PICTURE, base64.b64encode(images.png(60, 30)).decode())
    dialog = page.get_by_role("dialog", name="Insert an image")
    expect(dialog).to_be_visible()
    expect(dialog.locator("[name=alt]")).to_be_focused()
    dialog.locator("[name=alt]").fill("Cases by year, 2019 to 2023")
    dialog.locator("#image-upload-form [type=submit]").click()
    expect(dialog).to_be_hidden()
    image = Image.get(Image.alt == "Cases by year, 2019 to 2023")
    assert (image.width, image.height) == (60, 30)
    expect(editor).to_have_value(f"Cases by year:\n![Cases by year, 2019 to 2023](/images/{image.id})")


def test_a_tampered_toolbar_is_refused_and_the_editor_stays_plain(page, world):
    """The control for the editor fixture (its toolbar shown: the vendor copy passed the SRI check)."""
    page.context.route(config.TOOLBAR_CDN_URL, lambda route: route.fulfill(
        body="window.tampered = true;", content_type="application/javascript",
        headers={"Access-Control-Allow-Origin": "*"}))
    sign_in(page, "member")
    open_editor(page, world["sections"]["own"])
    page.wait_for_function("document.readyState === 'complete'")
    assert page.evaluate("window.tampered") is None
    expect(page.locator("markdown-toolbar")).to_be_hidden()
    expect(page.get_by_role("link", name="Find a recommendation to cite (opens in a new tab)")).to_be_visible()


def test_without_javascript_the_editor_is_the_plain_one(pages, world):
    page = pages.new(javascript=False)
    sign_in(page, "member")
    text = open_editor(page, world["sections"]["own"])
    expect(page.locator("markdown-toolbar")).to_be_hidden()
    expect(page.get_by_role("link", name="Find a recommendation to cite (opens in a new tab)")).to_be_visible()
    text.fill("Written without scripts.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#messages")).to_contain_text("Saved as revision 3")
