"""Writing as people write (issue 20): a typed line break is a paragraph break, 5*3*2 is arithmetic, and the
screen rendering says which source line each block starts on."""
import re

import pytest

from tests.helpers import without_source_lines
from text.markup import parse, plain_text, render, render_for_print


def screen(source: str) -> str:
    return without_source_lines(render(source))


def test_each_typed_line_is_a_paragraph():
    assert screen("One line.\nAnother line.\nA third.") == (
        "<p>One line.</p>\n<p>Another line.</p>\n<p>A third.</p>\n")


def test_each_new_paragraph_keeps_its_source_line():
    paragraphs = [t for t in parse("Intro.\n\nOne\nTwo\nThree") if t.type == "paragraph_open"]
    assert [t.map for t in paragraphs] == [[0, 1], [2, 3], [3, 4], [4, 5]]
    inlines = [t.content for t in parse("One\nTwo") if t.type == "inline"]
    assert inlines == ["One", "Two"]


def test_emphasis_and_links_across_a_line_break_are_closed_and_reopened():
    html = screen("Plain **bold\nstill bold** end\n[a link\nwrapped](https://x.kz)")
    assert "<p>Plain <strong>bold</strong></p>\n<p><strong>still bold</strong> end</p>" in html
    assert html.count('href="https://x.kz"') == 2


def test_a_hard_break_stays_a_line_break():
    assert screen("Two spaces  \nthen\\\nbackslash") == "<p>Two spaces<br>\nthen<br>\nbackslash</p>\n"


def test_a_hard_break_counts_as_a_line_for_the_next_paragraph():
    paragraphs = [t for t in parse("a  \nb\nc") if t.type == "paragraph_open"]
    assert [t.map for t in paragraphs] == [[0, 2], [2, 3]]


@pytest.mark.parametrize("source", ["- first\n  more of it\n- second", "1. first\n   more of it\n\n2. second"])
def test_a_line_break_inside_a_list_item_stays_in_the_item(source):
    html = screen(source)
    assert "first<br>\nmore of it" in html and html.count("<li>") == 2


def test_a_line_break_inside_a_footnote_stays_in_the_note():
    html = screen("Text[^1].\n\n[^1]: First line\n    second line")
    assert "First line<br>\nsecond line" in html and html.count('class="footnote-item"') == 1
    assert render_for_print("Text[^1].\n\n[^1]: First line\n    second line", True).html.count("<p>") == 1


def test_quotes_tables_and_code_keep_working():
    html = screen("> quoted\n> again\n\n| a | b |\n|-|-|\n| 1 | 2 |\n\n```\ncode\nlines\n```")
    assert "<blockquote>\n<p>quoted</p>\n<p>again</p>\n</blockquote>" in html
    assert "<td>2</td>" in html and "<pre><code>code\nlines\n</code></pre>" in html


def test_words_and_print_agree_with_the_paragraphs():
    source = "One **two\nthree** four\nfive"
    assert plain_text(source)[0].split() == ["One", "two", "three", "four", "five"]
    assert render_for_print(source, True).html == (
        "<p>One <strong>two</strong></p>\n<p><strong>three</strong> four</p>\n<p>five</p>\n")


@pytest.mark.parametrize(("source", "html"), [
    ("5*3*2", "<p>5*3*2</p>\n"),
    ("2*3 and *stress*", "<p>2*3 and <em>stress</em></p>\n"),
    ("*bold* and **strong**", "<p><em>bold</em> and <strong>strong</strong></p>\n"),
    ("2 * 3 * 4", "<p>2 * 3 * 4</p>\n"),
    ("**12**3", "<p><strong>12</strong>3</p>\n"),
    ("`5*3*2`", "<p><code>5*3*2</code></p>\n"),
])
def test_an_asterisk_between_digits_is_not_emphasis(source, html):
    assert screen(source) == html


def test_each_top_level_block_names_its_first_source_line():
    source = ("# Title\n\nText\nmore\n\n- a\n- b\n\n1. one\n\n> quote\n\n```\ncode\n```\n\n---\n\n"
              "| a | b |\n|-|-|\n| 1 | 2 |\n")
    html = render(source)
    marked = re.findall(r'<(\w+)[^>]*? data-line="(\d+)"', html)
    assert marked == [("h1", "0"), ("p", "2"), ("p", "3"), ("ul", "5"), ("ol", "8"), ("blockquote", "10"),
                      ("pre", "12"), ("hr", "16"), ("div", "18")]
    assert '<div class="table-scroll" tabindex="0" data-line="18">' in html


def test_only_top_level_blocks_and_only_on_screen_are_marked():
    source = "> quote\n\n- item\n\n  more\n\nText[^1]\n\n[^1]: Note."
    assert [tag for tag, _ in re.findall(r'<(\w+)[^>]*? data-line="(\d+)"', render(source))] == [
        "blockquote", "ul", "p"]
    assert "data-line" not in render_for_print(source, False).html
