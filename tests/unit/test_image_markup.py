"""Images in a text: an uploaded one (/images/<id>) is an <img> on screen and in print; any other source is a
visible note where it stood, never silence, and never an address a reader's browser or the PDF would fetch."""
import pytest

from tests.helpers import without_source_lines
from text.markup import image_ids, image_markdown, render as render_with_lines, render_for_print


def render(source: str, **options) -> str:
    return without_source_lines(render_with_lines(source, **options))


def test_an_uploaded_image_is_shown():
    assert render("![Complaints by year](/images/12)") == '<p><img src="/images/12" alt="Complaints by year"></p>\n'


def test_the_line_for_an_image_escapes_its_description():
    line = image_markdown(7, "A [chart] of *arrests* \\ 2023")
    assert line == r"![A \[chart\] of \*arrests\* \\ 2023](/images/7)"
    assert render(line) == '<p><img src="/images/7" alt="A [chart] of *arrests* \\ 2023"></p>\n'
    assert image_ids(line) == {7}


@pytest.mark.parametrize("source", ["https://example.org/chart.png", "data:image/png;base64,iVBORw0KGgo=",
                                    "chart.png", "/images/12/../../etc", "/images/12?x=1", "//evil/images/1",
                                    "/static/pdf.css", "/images/", "/IMAGES/1"])
def test_any_other_source_is_a_note_in_the_text(source):
    html = render(f"Before ![a chart]({source}) after", image_note="image not shown")
    assert "<img" not in html
    assert '<span class="image-missing"' in html and "[image not shown: a chart]" in html
    assert html.startswith("<p>Before ") and html.endswith(" after</p>\n")


def test_a_note_without_a_description_still_says_so():
    assert "[image not shown (upload it in the editor)]" in render("![](https://example.org/x.png)")


def test_a_raw_img_tag_is_never_let_through():
    """Markdown's HTML is off, and the sanitiser keeps an <img> only with an uploaded image's source."""
    html = render('<img src="https://example.org/x.png" onerror="alert(1)">')
    assert "<img" not in html and "&lt;img" in html


def test_in_print_an_uploaded_image_alone_is_an_unnumbered_figure():
    printed = render_for_print("Text.\n\n![Chart](/images/3)\n\nMore ![inline](/images/4) text.", True)
    assert printed.html == ('<p>Text.</p>\n<p class="figure"><img src="/images/3" alt="Chart"></p>\n'
                            '<p>More <img src="/images/4" alt="inline"> text.</p>\n')


def test_in_print_a_note_takes_the_words_given():
    printed = render_for_print("See ![map](https://example.org/m.png).[^1]\n\n[^1]: ![x](https://example.org/x)",
                               True, image_note="изображение не показано")
    assert "[изображение не показано: map]" in printed.html
    assert "[изображение не показано: x]" in printed.html  # in the note too


def test_image_ids_finds_them_in_lists_tables_and_notes():
    text = ("![a](/images/3)\n\n- ![b](/images/4 \"t\")\n\n| ![c](/images/5) |\n|---|\n\n"
            "Note.[^1]\n\n[^1]: ![d](/images/6)\n\n![e](https://example.org/7.png) `![f](/images/8)`")
    assert image_ids(text) == {3, 4, 5, 6}
