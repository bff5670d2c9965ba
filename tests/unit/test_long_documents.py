"""The PDF and DOCX of a report whose every value is as long as the forms accept: nothing crashes, no text
leaves its page or margin box, the cover holds the whole title above its foot, and where a value cannot go
whole (the running header, the DOCX's properties) it is cut the same way in both files."""
import io

import docx
import pytest
from pypdf import PdfReader
from weasyprint.formatting_structure import boxes

from export import pdf
from export.document import FOOTNOTES, Annex, AnnexPart, AnnexRow, DocGroup, DocOrganisation, DocSection, Document
from export.word import CORE_PROPERTY, render_docx
from tests.long_values import long_text, squeezed
from text.lengths import ELLIPSIS, RUNNING_TITLE

TITLE = long_text(400)
SECTION_TITLE = long_text(300)
BODY = (f"{long_text(2000)}[^1]\n\n| {long_text(300)} | {long_text(200)} |\n|---|---|\n| a | b |\n\n"
        f"[^1]: {long_text(500)}\n")
PX = 1  # how far (in CSS px) a glyph may stand out of its box: rounding, not overflow


def maximal(notes: str = FOOTNOTES) -> Document:
    """Every field at its form's limit, no short title (so the running header cuts the title)."""
    row = AnnexRow(number="140.250", text=long_text(5000), states=long_text(2000), response="Supported",
                   status="Not implemented", status_key="not_implemented", justification=long_text(3000))
    annex = Annex(title="Annex", summary=long_text(300), totals=(("Not implemented", 1, 100),),
                  columns=("No.", "Recommendation", "States", "Response", "Assessment", "Justification"),
                  parts=(AnnexPart(long_text(2000), (row,)),))
    return Document(
        title=TITLE, short_title="", country=long_text(120), mechanism=long_text(200), cycle=long_text(60),
        session=long_text(120), language="kk", date="2025 жылғы 1 қаңтар", coordinator=long_text(300),
        contact=long_text(1000), coalition=long_text(10_000),
        organisations=tuple(DocOrganisation(long_text(300), long_text(120)) for _ in range(3)),
        groups=(DocGroup(long_text(200), (DocSection(SECTION_TITLE, BODY, "section-1"),)),),
        notes=notes, annex=annex)


@pytest.fixture(scope="module")
def laid_out():
    return pdf.layout(maximal())


@pytest.fixture(scope="module")
def word():
    return docx.Document(io.BytesIO(render_docx(maximal())))


def text_boxes(page):
    """(box, its margin box or None) for every piece of text on the page but the DRAFT mark."""
    def walk(box, margin):
        if box.element is not None and "watermark" in (box.element.get("class") or ""):
            return
        if isinstance(box, boxes.TextBox):
            yield box, margin
        for child in getattr(box, "children", []):
            yield from walk(child, child if isinstance(child, boxes.MarginBox) else margin)
    yield from walk(page._page_box, None)


def classed(page, name):
    return [box for box, _ in text_boxes(page) if box.element is not None
            and name in (box.element.get("class") or "").split()]


def test_the_running_title_is_the_title_cut():
    doc = maximal()
    assert len(doc.running_title) <= RUNNING_TITLE and doc.running_title.endswith(ELLIPSIS)
    assert TITLE.startswith(doc.running_title[:-1])


def test_no_text_leaves_its_page_or_margin_box(laid_out):
    for number, page in enumerate(laid_out.pages, 1):
        frame = page._page_box
        left, right = frame.margin_left, page.width - frame.margin_right
        top, bottom = frame.margin_top, page.height - frame.margin_bottom
        for box, margin in text_boxes(page):
            where = f"page {number}: {box.element_tag} {box.text[:20]!r}"
            assert left - PX <= box.position_x and box.position_x + box.width <= right + PX, where
            low, high = (margin.position_y, margin.position_y + margin.height) if margin else (top, bottom)
            assert low - PX <= box.position_y and box.position_y + box.height <= high + PX, where


def test_the_cover_holds_the_whole_title_above_its_foot(laid_out):
    cover = laid_out.pages[0]
    title = classed(cover, "cover-title")
    assert squeezed("".join(box.text for box in title)) == squeezed(TITLE)
    foot = classed(cover, "cover-coordinator")
    assert foot and foot[0].position_y >= max(box.position_y + box.height for box in title)


def test_the_running_header_shows_the_cut_title(laid_out):
    header = [box.text for box, margin in text_boxes(laid_out.pages[1]) if margin and "top" in margin.at_keyword]
    assert squeezed("".join(header)) == squeezed(maximal().running_title)


def test_the_pdf_keeps_the_whole_title_in_its_metadata_and_bookmarks(laid_out):
    reader = PdfReader(io.BytesIO(laid_out.write_pdf()))
    assert reader.metadata.title == TITLE
    assert squeezed(TITLE) in squeezed(reader.pages[0].extract_text())
    bookmarks = [squeezed(item.title) for item in reader.outline[-1] if not isinstance(item, list)]
    assert any(squeezed(SECTION_TITLE) in title for title in bookmarks)


def test_the_docx_cuts_its_properties_and_keeps_the_whole_title_in_its_text(word):
    props = word.core_properties
    for value in (props.title, props.author, props.last_modified_by, props.keywords):
        assert len(value) <= CORE_PROPERTY and value.endswith(ELLIPSIS)
    assert TITLE.startswith(props.title[:-1])
    assert word.paragraphs[0].text == TITLE
    assert word.sections[0].header.paragraphs[0].text == f"{maximal().running_title} — DRAFT"
    assert any(SECTION_TITLE in paragraph.text for paragraph in word.paragraphs)
