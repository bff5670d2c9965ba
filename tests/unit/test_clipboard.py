"""Pasted rich text to Markdown: what Word (Windows), LibreOffice and Google Docs put on the clipboard, next to the
Markdown expected of it (tests/fixtures/clipboard/*.html and *.md), and the escapes that keep plain text plain."""
import re
from pathlib import Path

import pytest

from readers.clipboard import to_markdown
from tests.helpers import parse
from text.markup import render

SAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "clipboard"
PROGRAMS = ["word_windows", "libreoffice", "google_docs"]


def sample(name: str) -> str:
    return (SAMPLES / f"{name}.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("program", PROGRAMS)
def test_each_programs_clipboard_gives_the_expected_markdown(program):
    assert to_markdown(sample(program)) + "\n" == (SAMPLES / f"{program}.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("program", PROGRAMS)
def test_the_markdown_renders_with_the_documents_structure(program):
    """Headings from ###, the list numbered from 5 (with a nested one in Word and Google Docs), the table with its
    header row, and the footnote where the clipboard carries one (Google Docs' does not)."""
    page = parse(render(to_markdown(sample(program))))
    assert [e.tag for e in page.iter() if re.fullmatch("h[1-6]", e.tag)] == ["h3", "h4"]
    assert page.find(".//ol").get("start") == "5" and len(page.find(".//ol").findall("li")) == 3
    assert len(page.findall(".//table//th")) == 2 + (program == "word_windows")
    assert len(page.findall(".//strong")) >= 1 and len(page.findall(".//em")) >= 1
    assert len(page.findall(".//section[@class='footnotes']//li")) == (program != "google_docs")


def test_word_list_paragraphs_become_nested_lists_without_their_typed_markers():
    markdown = to_markdown(sample("word_windows"))
    assert "6. Publish every refusal with its reasons:\n   - within three days;" in markdown
    assert "·" not in markdown and "\no " not in markdown and "supportLists" not in markdown


def word_item(level: int, marker: str, text: str) -> str:
    return (f"<p class=MsoListParagraphCxSpMiddle style='mso-list:l3 level{level} lfo4'><![if !supportLists]>"
            f"<span style='mso-list:Ignore'>{marker}<span style='font:7.0pt'>&nbsp; </span></span><![endif]>"
            f"{text}</p>")


def test_a_word_multilevel_list_numbers_each_level_from_its_own_number():
    html = word_item(1, "5.", "Five") + word_item(2, "5.1.", "Five one") + word_item(2, "5.2.", "Five two")
    assert to_markdown(html) == "5. Five\n   1. Five one\n   2. Five two"


def test_a_word_numbered_paragraph_run_keeps_a_letter_list_as_bullets():
    """Only a number starts an ordered list: a lettered item (a.) is not renumbered 1."""
    html = ("<p class=MsoListParagraph style='mso-list:l2 level1 lfo3'><![if !supportLists]>"
            "<span style='mso-list:Ignore'>a)<span>&nbsp; </span></span><![endif]>First</p>")
    assert to_markdown(html) == "- First"


@pytest.mark.parametrize(("html", "markdown"), [
    ("<p>5*3*2 is not emphasis, nor are _x_ or [^1]</p>", r"5\*3\*2 is not emphasis, nor are \_x\_ or \[^1\]"),
    ("<p>snake_case and a\\b</p>", "snake_case and a\\\\b"),
    ("<p>&amp;copy; stays typed</p>", r"\&copy; stays typed"),
    ("<p># 1 priority</p><p>2019. A year</p><p>- a dash</p><p>&gt; a sign</p>",
     "\\# 1 priority\n\n2019\\. A year\n\n\\- a dash\n\n\\> a sign"),
    ("<p>a line<br>1. after a break</p>", "a line\\\n1\\. after a break"),
    ("<table><tr><td>a | b</td></tr></table>", "| a \\| b |\n| --- |"),
    ("<p>~~struck~~ and ~5</p>", r"\~\~struck\~\~ and ~5"),
], ids=["emphasis", "backslash", "entity", "line starts", "after a break", "pipe in a cell", "tildes"])
def test_plain_text_is_escaped_where_markdown_would_misread_it(html, markdown):
    assert to_markdown(html) == markdown
    assert "<em>" not in render(markdown) and "<h" not in render(markdown) and "<li>" not in render(markdown)


@pytest.mark.parametrize(("html", "markdown"), [
    ("<p><img src='file:///C:/Users/a/clip_image001.png'>Chart</p>", "Chart"),
    ("<p><img src='https://example.org/c.png' alt='chart'></p>", "![chart](https://example.org/c.png)"),
    ("<p><a href='#_Toc12'>Contents</a> and <a href='javascript:alert(1)'>this</a></p>", "Contents and this"),
    ("<p><a href='mailto:info@example.org'>write</a></p>", "[write](mailto:info@example.org)"),
    ("<h2>A</h2><h3>B</h3><h6>C</h6>", "### A\n\n#### B\n\n###### C"),
    ("<p>&nbsp;</p><p><o:p></o:p></p>", ""),
    ("<p>Ends with a break<br></p><p><span>So does this<br> </span></p>", "Ends with a break\n\nSo does this"),
    ("<h2><span style='font-weight:700'>Bold by its theme</span></h2>", "### Bold by its theme"),
], ids=["local image", "web image", "bookmarks and scripts", "mail", "heading levels", "empty", "last breaks",
        "bold heading"])
def test_what_cannot_work_here_is_left_out(html, markdown):
    assert to_markdown(html) == markdown


def test_word_endnotes_are_notes_too():
    html = ("<p>Text<a href='#_edn1' name='_ednref1'>[i]</a></p><div style='mso-element:endnote-list'><hr>"
            "<div style='mso-element:endnote' id=edn1><p><a href='#_ednref1' name='_edn1'>[i]</a> The source.</p>"
            "</div></div>")
    assert to_markdown(html) == "Text[^1]\n\n[^1]: The source."


def test_word_onlines_one_list_per_item_is_one_list_again():
    item = ('<div class="ListContainerWrapper SCXW1 BCX0"><ol class="NumberListStyle1" role="list" start="{n}">'
            '<li data-aria-level="1" role="listitem"><p class="Paragraph"><span class="TextRun">{text}</span>'
            '<span class="EOP"> </span></p></li></ol></div>')
    html = "".join(item.format(n=n, text=text) for n, text in ((6, "One"), (7, "Two"), (8, "Three")))
    assert to_markdown(html) == "6. One\n7. Two\n8. Three"
