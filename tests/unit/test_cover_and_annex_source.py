"""The cover's keywords and session, and the annex's line naming the recommendations' source, in both files."""
import io
import re
from dataclasses import replace

import docx
import pytest
from pypdf import PdfReader

from export import pdf
from export.document import Annex, AnnexPart, AnnexRow, DocGroup, DocOrganisation, DocSection, Document, Labels
from export.word import render_docx

SOURCE = ("Recommendations from the report of the Working Group on the Universal Periodic Review, "
          "A/HRC/43/10 (3rd cycle).")
ANNEX = Annex(title="Annex", summary="Half of the recommendations are not implemented.",
              totals=(("Not implemented", 1, 100),), columns=("No.", "Text", "States", "Response", "Status", "Why"),
              parts=(AnnexPart("Torture", (AnnexRow("118.41", "Prevent torture.", "Norway", "Supported",
                                                    "Not implemented", "not_implemented", "No law."),)),),
              source=SOURCE)
LABELS = Labels(keywords="Ключевые слова", session="{number}-я сессия")


def make_document(**changes) -> Document:
    doc = Document(title="Joint submission", short_title="", country="Kazakhstan",
                   mechanism="Universal Periodic Review", cycle="4th cycle", session="48", language="en",
                   date="1 July 2024", coordinator="Bureau", contact="", coalition="",
                   organisations=(DocOrganisation("Bureau"),),
                   groups=(DocGroup("Rights", (DocSection("Assembly", "A paragraph.", "section-1"),)),),
                   keywords=" freedom of assembly, torture,, women’s rights ", labels=LABELS, annex=ANNEX)
    return replace(doc, **changes)


def pdf_pages(doc: Document) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf.render_pdf(doc)))
    return [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]


def docx_cover(file) -> list[str]:
    """The cover's paragraphs: those before the first page break."""
    cover = []
    for paragraph in file.paragraphs:
        if paragraph._p.xpath('.//w:br[@w:type="page"]'):
            return cover
        cover.append(paragraph.text)
    raise AssertionError("no page break after the cover")


def after_annex_heading(file) -> list[str]:
    """The paragraphs after the annex's heading (the last "Annex": the contents name it first)."""
    texts = [paragraph.text for paragraph in file.paragraphs]
    return texts[len(texts) - texts[::-1].index("Annex"):]


@pytest.fixture(scope="module")
def pages() -> list[str]:
    return pdf_pages(make_document())


@pytest.fixture(scope="module")
def word():
    return docx.Document(io.BytesIO(render_docx(make_document())))


def test_the_pdf_cover_has_the_keywords_and_the_session(pages):
    cover = pages[0]
    assert "Ключевые слова: freedom of assembly, torture, women’s rights" in cover
    assert "4th cycle · 48-я сессия" in cover  # a bare number is labelled, in the report's language
    assert "Ключевые слова" not in " ".join(pages[1:])


def test_the_word_cover_has_the_keywords_and_the_session(word):
    cover = docx_cover(word)
    assert "Ключевые слова: freedom of assembly, torture, women’s rights" in cover
    assert "4th cycle · 48-я сессия" in cover
    assert "freedom of assembly, torture, women’s rights" in word.core_properties.keywords


def test_a_session_written_out_and_no_keywords():
    doc = make_document(session="48th session", keywords=" , ", annex=None)
    cover = pdf_pages(doc)[0]
    assert "4th cycle · 48th session" in cover and "Ключевые слова" not in cover
    word_cover = docx_cover(docx.Document(io.BytesIO(render_docx(doc))))
    assert "4th cycle · 48th session" in word_cover and not any("Ключевые слова" in line for line in word_cover)


def test_the_annex_names_its_source_in_both_files(pages, word):
    annex = next(page for page in pages if "Prevent torture" in page)
    assert annex.index("Annex") < annex.index(SOURCE) < annex.index("Half of the recommendations")
    texts = after_annex_heading(word)
    assert texts[:2] == [SOURCE, "Half of the recommendations are not implemented."]


def test_an_annex_without_a_known_source_has_no_such_line():
    doc = make_document(annex=replace(ANNEX, source=""))
    annex = next(page for page in pdf_pages(doc) if "Prevent torture" in page)
    assert annex.split("Annex", 1)[1].lstrip().startswith("Half of the recommendations")
    assert after_annex_heading(docx.Document(io.BytesIO(render_docx(doc))))[0] == (
        "Half of the recommendations are not implemented.")
