"""The DOCX shows what the PDF shows (issue 18): citations, and a cover without header or footer."""
import re

import pytest

from export.document import FOOTNOTES, DocGroup, DocSection
from tests.unit.test_docx_export import make_document, read, shown, xml_part
from text.markup import render_for_print

CITED = "Рекомендации [rec:118.41] и [rec:118.12] не выполнены, [см. [rec:1.2]](#s)."
CITING = (f"{CITED}\n\nСм. примечание[^a].\n\n"
          "| Номер | Статус |\n|---|---|\n| [rec:118.41] | нет |\n\n"
          "[^a]: Ср. [rec:121.3].")


def document_of(body: str, **changes):
    return make_document(groups=(DocGroup("Группа", (DocSection("Раздел", body, "s"),)),), **changes)


def texts(word) -> list[str]:
    cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    return [p.text for p in word.paragraphs] + cells


def shown_in_pdf(source: str) -> str:
    html = render_for_print(source, notes_inline=False).html
    return re.sub(r"<[^>]+>", "", html.split("\n", 1)[0])


def test_citations_print_as_the_pdf_shows_them():
    word = read(document_of(CITING))
    assert not [text for text in texts(word) if "[rec:" in text]
    first = shown(word)[shown(word).index("1.1 Раздел") + 1]
    assert first == "1. " + shown_in_pdf(CITED) == "1. Рекомендации 118.41 и 118.12 не выполнены, см. 1.2."
    assert "118.41" in [cell.text for cell in word.tables[0].columns[0].cells]
    assert "Ср. 121.3." in xml_part(document_of(CITING), "word/endnotes.xml")


def test_citations_in_real_footnotes():
    notes = xml_part(document_of(CITING, notes=FOOTNOTES), "word/footnotes.xml")
    assert "121.3" in notes and "[rec:" not in notes


@pytest.mark.parametrize("draft", [True, False])
def test_cover_page_has_no_running_header_or_footer(draft):
    section = read(make_document(draft=draft)).sections[0]
    assert section.different_first_page_header_footer
    assert not section.first_page_header.is_linked_to_previous
    assert not section.first_page_footer.is_linked_to_previous
    # Only a draft's mark, which the PDF prints on every page, cover included.
    assert [p.text for p in section.first_page_header.paragraphs] == ["ПРОЕКТ" if draft else ""]
    assert [p.text for p in section.first_page_footer.paragraphs] == [""]
    assert section.header.paragraphs[0].text.startswith("Доклад УПО")
    assert section.footer.paragraphs[0].text.startswith("Page ")
