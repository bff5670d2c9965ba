"""The recommendations' annex in the PDF and the Word file: tables, headings, notes, fonts, no fetches."""
import io
import re
import zipfile
from dataclasses import replace

import docx
import pytest
from docx.oxml.ns import qn
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from export import pdf
from export.document import ENDNOTES, Annex, AnnexPart, AnnexRow, DocGroup, DocOrganisation, DocSection, Document
from export.word import render_docx
from tests.unit.test_docx_export import numbered

KAZAKH = "Әділ сот ғылым қоғам аңыз өмір ұлт үкімет һәм ілім"
TITLE = "Приложение. Выполнение рекомендаций третьего цикла"
SUMMARY = "34% из 60 оценённых рекомендаций не выполнены; ещё 50% выполнены частично или формально."
COLUMNS = ("№", "Рекомендация", "Государства", "Позиция", "Оценка", "Обоснование")
STATUSES = [("implemented", "Выполнена"), ("partially", "Частично выполнена"), ("formally", "Формально"),
            ("not_implemented", "Не выполнена"), ("no_progress", "Нет прогресса"), ("not_assessed", "Не оценена")]
HEADINGS = ["Свобода собраний", "Права женщин"]


def justification(n: int) -> str:
    note = "[^1]\n\n[^1]: Сноска приложения." if n == 1 else ""
    heading = "### Итог\n\n" if n == 3 else ""  # no bookmark, no Word heading
    return (f"{heading}Довод {n}: закон **не изменён**, см. [доклад](https://adilet.zan.kz/{n}).\n\n"
            f"Қазақстан: {KAZAKH}{note}")


def row(n: int) -> AnnexRow:
    key, status = STATUSES[n % len(STATUSES)]
    return AnnexRow(number=f"118.{n}", text=f"Обеспечить право на мирные собрания в соответствии с пактом ({n})",
                    states="Германия, Франция, Норвегия", response="Поддержана", status=status, status_key=key,
                    justification=justification(n))


ANNEX = Annex(title=TITLE, summary=SUMMARY,
              totals=tuple((status, 10, 17) for _, status in STATUSES), columns=COLUMNS,
              parts=(AnnexPart(HEADINGS[0], tuple(row(n) for n in range(1, 41))),
                     AnnexPart(HEADINGS[1], tuple(row(n) for n in range(41, 61)))))


def make_document(**changes) -> Document:
    body = "Абзац один[^a].\n\nАбзац два.\n\n[^a]: Сноска доклада."
    doc = Document(
        title="Совместный доклад", short_title="Доклад", country="Казахстан", mechanism="УПО", cycle="4-й цикл",
        session="", language="ru", date="1 июля 2024 г.", coordinator="Бюро", contact="", coalition="",
        organisations=(DocOrganisation("Бюро", "Алматы"),),
        groups=(DocGroup("Гражданские права", (DocSection("Собрания", body, "section-1"),)),),
        notes=ENDNOTES, draft=False, annex=ANNEX)
    return replace(doc, **changes)


@pytest.fixture(scope="module")
def reader() -> PdfReader:
    return PdfReader(io.BytesIO(pdf.render_pdf(make_document())))


@pytest.fixture(scope="module")
def pages(reader) -> list:
    return reader.pages


def flat(text: str) -> str:
    """The text with its lines joined and WeasyPrint's hyphenation (U+2010 at a line end) undone."""
    return re.sub(r"\s+", " ", text.replace("\u2010\n", ""))


def test_annex_text_in_the_pdf(pages):
    text = flat("\n".join(page.extract_text() for page in pages))
    annex = text[text.rindex(TITLE):]
    assert SUMMARY in annex and "118.57" in annex and "Частично выполнена" in annex
    assert KAZAKH in annex and all(letter in annex for letter in "әғқңөұүһі")
    assert annex.index(HEADINGS[0]) < annex.index("118.40") < annex.index(HEADINGS[1]) < annex.index("118.41")
    # After the report's endnotes, with its own note at the page bottom rather than in that list.
    assert text.rindex("Сноска доклада") < text.rindex(TITLE)
    assert "Сноска приложения" in next(page.extract_text() for page in pages if "Довод 1:" in page.extract_text())


def test_annex_starts_a_page_and_repeats_the_header_row(pages):
    texts = [flat(page.extract_text()) for page in pages]
    first = next(i for i, text in enumerate(texts) if TITLE in text and SUMMARY in text)
    assert texts[first].lstrip().startswith(TITLE)
    with_header = [i for i, text in enumerate(texts) if re.search(r"Рекомендация.*Оценка.*Обоснование", text)]
    assert len(with_header) >= 3 and with_header[0] == first and with_header == list(range(first, len(texts)))


def test_a_row_longer_than_a_page_keeps_the_header_row():
    long = replace(row(2), justification="\n\n".join(f"Абзац довода {i}: " + "закон не изменён, " * 30
                                                       for i in range(8)))
    annex = replace(ANNEX, parts=(AnnexPart("Часть", (row(1), long, row(3))),))
    data = pdf.render_pdf(make_document(annex=annex))
    texts = [flat(page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages]
    first = next(i for i, text in enumerate(texts) if SUMMARY in text)
    assert len(texts) - first >= 2 and all("Обоснование" in text for text in texts[first:])
    assert "Абзац довода 7:" in texts[-1] or "Абзац довода 7:" in texts[-2]


def test_annex_has_no_paragraph_numbers(pages):
    text = "\n".join(page.extract_text() for page in pages)
    assert re.findall(r"^(\d+)\.\s*Абзац", text, re.MULTILINE) == ["1", "2"]
    assert not re.search(r"\d+\.\s*(Довод|Қазақстан)", text)


def test_annex_in_the_outline_and_the_contents(reader, pages):
    outline = reader.outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    assert titles[-1] == TITLE
    assert [item.title for item in outline[-1]] == HEADINGS
    contents = next(page.extract_text() for page in pages if "Contents" in page.extract_text())
    assert "Приложение" in contents and HEADINGS[1] in contents


def test_annex_fonts_are_dejavu(pages):
    for page in pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font)
            program = descriptor["/FontDescriptor"]["/FontFile2"].get_object().get_data()
            assert "DejaVu" in TTFont(io.BytesIO(program))["name"].getDebugName(1)


def test_no_annex_without_one():
    html = pdf.build_html(make_document(annex=None))
    assert 'class="annex' not in html and "report-annex" not in html
    word = docx.Document(io.BytesIO(render_docx(make_document(annex=None))))
    assert TITLE not in [p.text for p in word.paragraphs] and not word.tables


def test_annex_text_causes_no_fetch(server):
    base, requests = server
    hostile = replace(row(1), text=f'<img src="{base}/text.png">', states=f"<link href='{base}/s.css'>",
                      justification=(f"![i]({base}/i.png) [l]({base}/l) ![p](file:///etc/passwd) "
                                     f"[f](file:///etc/passwd) <img src=\"{base}/raw.png\">\n\n![a]({base}/a.png)"))
    annex = replace(ANNEX, parts=(AnnexPart("Часть", (hostile,)),))
    data = pdf.render_pdf(make_document(annex=annex))
    assert requests == []
    assert "root:" not in "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture(scope="module")
def word() -> docx.document.Document:
    return docx.Document(io.BytesIO(render_docx(make_document())))


def test_docx_annex_headings(word):
    headings = [(p.style.name, p.text) for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert headings[-3:] == [("Heading 1", TITLE), ("Heading 2", HEADINGS[0]), ("Heading 2", HEADINGS[1])]
    title = next(p for p in word.paragraphs if p.text == TITLE and p.style.name == "Heading 1")
    assert title.paragraph_format.page_break_before
    assert title._p.getnext().xpath("string(.)") == SUMMARY
    # After the report's endnotes, as in the PDF: Word prints them at the end of the report's section, and the
    # annex is a section of its own (with the running header on its first page).
    assert title._p.getprevious().pPr.sectPr is not None
    assert [section.different_first_page_header_footer for section in word.sections] == [True, False]
    assert '<w:pos w:val="sectEnd"/>' in word.settings.element.xml


def test_docx_annex_tables(word):
    totals, first, second = word.tables
    assert [[c.text for c in r.cells] for r in totals.rows][:2] == [["Выполнена", "10", "17%"],
                                                                     ["Частично выполнена", "10", "17%"]]
    assert [len(first.rows), len(second.rows)] == [41, 21]
    assert [c.text for c in first.rows[0].cells] == list(COLUMNS)
    assert [c.text for c in second.rows[1].cells][:5] == ["118.41", row(41).text, row(41).states, "Поддержана",
                                                          row(41).status]
    for table in (first, second):
        header = table.rows[0]._tr.trPr
        assert header is not None and header.find(qn("w:tblHeader")) is not None
        assert table.rows[1]._tr.trPr is None or table.rows[1]._tr.trPr.find(qn("w:tblHeader")) is None


def test_docx_justification_from_markdown_without_numbers(word):
    cell = word.tables[1].rows[2].cells[5]
    assert [p.text for p in cell.paragraphs] == ["Довод 2: закон не изменён, см. доклад.", f"Қазақстан: {KAZAKH}"]
    assert [run.text for run in cell.paragraphs[0].runs if run.bold] == ["не изменён"]
    assert cell.paragraphs[0].hyperlinks[0].address == "https://adilet.zan.kz/2"
    justifications = [p.text for table in word.tables[1:] for row in table.rows[1:] for p in row.cells[5].paragraphs]
    assert len(justifications) == 121 and not any(re.match(r"\d+\.", text) for text in justifications)
    assert [f"{n}. {p.text}" for n, p in numbered(word)] == ["1. Абзац один.", "2. Абзац два."]


def test_docx_annex_notes_are_footnotes_beside_the_endnotes():
    with zipfile.ZipFile(io.BytesIO(render_docx(make_document()))) as package:
        footnotes = package.read("word/footnotes.xml").decode()
        endnotes = package.read("word/endnotes.xml").decode()
    assert "Сноска приложения." in footnotes and "Сноска доклада" not in footnotes
    assert "Сноска доклада." in endnotes and "Сноска приложения" not in endnotes


def test_docx_justification_headings_lists_and_tables_stay_in_the_cell():
    text = "### Заголовок\n\n- пункт\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n![схема](https://x.kz/a.png)"
    annex = replace(ANNEX, parts=(AnnexPart("Часть", (replace(row(1), justification=text),)),))
    cell = docx.Document(io.BytesIO(render_docx(make_document(annex=annex)))).tables[1].rows[1].cells[5]
    assert [(p.style.name, p.text) for p in cell.paragraphs][:2] == [("Normal", "Заголовок"), ("List Bullet", "пункт")]
    assert cell.paragraphs[0].runs[0].bold
    assert [[c.text for c in r.cells] for r in cell.tables[0].rows] == [["a", "b"], ["1", "2"]]
