"""The paragraphs a comment can be about are the PDF's numbered ones, in its order (issue 21)."""
import lxml.html

from text.markup import Paragraph, numbered_paragraphs, render, render_for_print, screen_blocks

SOURCE = ("### Title\nFirst line\nSecond line\n\n- a\n- b\n\n| x | y |\n|---|---|\n| 1 | 2 |\n\n"
          "> Quoted\n\n![A chart](/images/7)\n\n    code\n\nNote[^1] and ![a logo](/images/8)\n\n"
          "[^1]: A source.\n  more\n")


def printed_paragraphs(source: str) -> list[str]:
    """The texts of the paragraphs the PDF's stylesheet numbers (.body > p, but a figure)."""
    body = lxml.html.fragment_fromstring(render_for_print(source, notes_inline=False).html, create_parent="div")
    return [p.text_content() for p in body.findall("p") if p.get("class") != "figure"]


def test_only_top_level_paragraphs_with_words_are_offered():
    """Not a heading, a list, a table, a quote, a figure (images alone), code, nor a note's definition."""
    assert numbered_paragraphs(SOURCE) == (
        Paragraph(1, "First line"), Paragraph(2, "Second line"), Paragraph(17, "Note[^1] and ![a logo](/images/8)"))


def test_they_are_the_paragraphs_print_numbers_in_its_order():
    printed = printed_paragraphs(SOURCE)
    assert len(printed) == len(numbered_paragraphs(SOURCE)) == 3
    assert printed[:2] == ["First line", "Second line"] and printed[2].startswith("Note1 and")


def test_a_text_without_numbered_paragraphs_and_separators():
    assert numbered_paragraphs("") == ()
    assert numbered_paragraphs("# Only a heading\n\n- and a list") == ()
    assert [p.text for p in numbered_paragraphs("One\u2029Two")] == ["One", "Two"]


def test_a_text_past_the_render_budget_is_shown_as_written_and_numbers_nothing():
    source = "[" * 5000
    assert printed_paragraphs(source) == [] and numbered_paragraphs(source) == ()


def test_a_screen_rendering_cut_into_its_blocks_keeps_every_character():
    html = render("# Title\n\nOne[^1].\nTwo\n\n- a\n\n| x |\n|---|\n| 1 |\n\n[^1]: Note.")
    pieces = screen_blocks(html)
    assert "".join(piece for _, piece in pieces) == html
    assert [line for line, _ in pieces] == [0, 2, 3, 5, 7]
    assert pieces[2][1].startswith('<p data-line="3">Two') and "Note." in pieces[-1][1]  # the notes close it
