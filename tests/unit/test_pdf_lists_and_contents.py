"""The PDF keeps a list's start number."""
import io
import re

from pypdf import PdfReader

from export import pdf
from export.document import DocGroup, DocSection, Document

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
    markers = [line.strip() for line in text.splitlines() if re.fullmatch(r"\d+\.", line.strip())]
    assert markers == ["16.", "17."]
