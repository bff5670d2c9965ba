"""The compact layout (Report.layout): far fewer pages than the standard one for the same report, body text
still at 10 pt at least, in the PDF and in the Word file.

Measured with bench/layout_density.py (body words over all pages, cover and contents included): English prose of
5,800 words with a note to every paragraph takes 10 compact pages (some 580 words a page) against 18 standard
ones (320), the 10-12 pages of a typical submission; the demo's Russian text, 5,650 words with its tables, lists
and headings, in DejaVu Serif (a wide face), 17 against 28 pages (332 words a page against 201). The Word file
has the same settings (10 pt, 16 mm margins); no renderer here counts its pages.
"""
import io

import docx
import pytest
from docx.shared import Mm
from pypdf import PdfReader

from bench.layout_density import prose_document
from export import pdf
from export.document import COMPACT, STANDARD
from export.word import render_docx


def make_document(layout: str):
    """Some 3,500 words of prose with 48 notes."""
    return prose_document(4, layout)


@pytest.fixture(scope="module")
def laid_out() -> dict:
    return {layout: pdf.layout(make_document(layout)) for layout in (STANDARD, COMPACT)}


def body_text(box, inside: bool = False):
    """The text boxes inside the sections' bodies (div.body), but for the notes' calls (a ::footnote-call)."""
    inside = inside or (box.element_tag == "div" and "body" in (box.element.get("class") or "").split())
    if inside and type(box).__name__ == "TextBox" and "::" not in box.element_tag:
        yield box
    for child in getattr(box, "children", ()):
        yield from body_text(child, inside)


def body_sizes(document) -> set[float]:
    """The sizes in points of the sections' text (their notes, in the page's footnote area, are not in it)."""
    return {round(box.style["font_size"] * 0.75, 2) for page in document.pages for box in body_text(page._page_box)}


def test_compact_takes_at_most_60_percent_of_the_pages(laid_out):
    standard, compact = len(laid_out[STANDARD].pages), len(laid_out[COMPACT].pages)
    assert compact <= 0.6 * standard, (standard, compact)


def test_compact_body_text_stays_at_10_pt_or_more(laid_out):
    assert body_sizes(laid_out[STANDARD]) == {11.0}
    assert body_sizes(laid_out[COMPACT]) == {10.0}


def test_both_layouts_print_the_whole_text(laid_out):
    for layout in (STANDARD, COMPACT):
        reader = PdfReader(io.BytesIO(laid_out[layout].write_pdf()))
        text = " ".join(page.extract_text() for page in reader.pages)
        assert "Section 4.3" in text and "Source 32, 2024." in text


def test_the_word_file_follows_the_layout():
    files = {layout: docx.Document(io.BytesIO(render_docx(make_document(layout)))) for layout in (STANDARD, COMPACT)}
    page = {layout: file.sections[0] for layout, file in files.items()}
    normal = {layout: file.styles["Normal"] for layout, file in files.items()}
    assert round(page[STANDARD].left_margin.mm) == round(page[STANDARD].top_margin.mm) == 25
    assert round(page[COMPACT].left_margin.mm) == round(page[COMPACT].top_margin.mm) == 16
    # The running header stays within the narrower margin rather than pushing the text down.
    assert page[COMPACT].header_distance < page[COMPACT].top_margin
    assert (normal[STANDARD].font.size.pt, normal[COMPACT].font.size.pt) == (11, 10)
    assert normal[COMPACT].paragraph_format.line_spacing == 1.0
    assert normal[COMPACT].paragraph_format.space_after.pt == 4
    assert normal[STANDARD].paragraph_format.space_after is None  # the template's 10 pt
    # The contents' page numbers stand at the right margin, wherever it is.
    for layout, file in files.items():
        text_width = page[layout].page_width - page[layout].left_margin - page[layout].right_margin
        assert abs(file.styles["toc 1"].paragraph_format.tab_stops[0].position - text_width) < Mm(0.1)
    # The text's own runs carry no size that would undo Normal's.
    assert not [run for p in files[COMPACT].paragraphs if p.style.name == "Normal" for run in p.runs if run.font.size]
