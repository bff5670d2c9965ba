"""The PDF keeps a list's start number, and its contents page holds a long entry inside the column: the title
wraps, the leaders and the page number follow on its last line, the number against the column's right edge."""
import io
import re

import pytest
from pypdf import PdfReader

from export import pdf
from export.document import DocGroup, DocSection, Document
from tests.long_values import UNBROKEN, WORDS
from tests.unit.test_long_documents import PX, text_boxes

# 200 characters whose last line, set with a plain leader after it, left the leaders and page number no room:
# they went down to a line of their own.
LONG_TITLE = ("а" * 24 + " " + WORDS + UNBROKEN + " " + WORDS)[:200]
LIST = "Вступление.\n\n16. Альфа пункт\n17. Бета пункт\n"


def document(*sections: DocSection) -> Document:
    return Document(
        title="Доклад", short_title="", country="Казахстан", mechanism="УПО", cycle="", session="",
        language="ru", date="2024", coordinator="Бюро", contact="", coalition="", organisations=(),
        groups=(DocGroup("Права", sections),))


def test_an_ordered_list_keeps_its_start_number():
    data = pdf.render_pdf(document(DocSection("Список", LIST, "section-1")))
    text = next(text for page in PdfReader(io.BytesIO(data)).pages if "Альфа" in (text := page.extract_text()))
    # pypdf reads the list's markers out apart from their items, each on a line of its own.
    markers = [line.strip() for line in text.splitlines() if re.fullmatch(r"\(\w+\)", line.strip())]
    assert markers == ["(p)", "(q)"]  # lettered in the report's text (issue 18): p and q are the 16th and 17th


@pytest.fixture(scope="module")
def contents():
    """The contents page, and the text boxes of the long entry (the first section's) in reading order."""
    laid_out = pdf.layout(document(DocSection(LONG_TITLE, "Текст.", "section-1"),
                                   DocSection("Кратко", "Текст.", "section-2")))
    for page in laid_out.pages:
        entry = [box for box, _ in text_boxes(page)
                 if box.element is not None and box.element.get("href") == "#section-1"]
        if entry:
            return page, entry
    raise AssertionError("no contents entry for the section")


def test_every_glyph_of_the_contents_stays_in_the_column(contents):
    page, _ = contents
    frame = page._page_box
    left, right = frame.margin_left, page.width - frame.margin_right
    top, bottom = frame.margin_top, page.height - frame.margin_bottom
    for box, margin in text_boxes(page):
        if margin is None:
            where = f"{box.element_tag} {box.text[:20]!r}"
            assert left - PX <= box.position_x and box.position_x + box.width <= right + PX, where
            assert top - PX <= box.position_y and box.position_y + box.height <= bottom + PX, where


def test_the_page_number_ends_the_last_line_against_the_right_edge(contents):
    page, entry = contents
    title = [box for box in entry if box.element_tag == "a"]
    after = [box for box in entry if box.element_tag == "a::after"]
    number = after[-1]
    assert number.text.strip().isdigit()
    assert len({box.position_y for box in title}) > 1  # the title did wrap
    last_line = max(box.position_y for box in title)
    assert {box.position_y for box in after} == {last_line}  # leaders and number, all on the last line
    right = page.width - page._page_box.margin_right
    assert right - PX <= number.position_x + number.width <= right + PX
