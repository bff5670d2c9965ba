"""A list in the report's numbered text is lettered, (a), (b), in the PDF and in Word alike, so that its items
are not taken for paragraph numbers; a list's start still counts ((c) for 3)."""
import io
import re
import zipfile
from dataclasses import replace

import docx
from pypdf import PdfReader

from export import pdf
from export.document import DocSection
from export.word import render_docx
from tests.unit.test_docx_export import paragraph_num_id
from tests.unit.test_pdf_lists_and_contents import document

BODY = ("The State should, one:\n\n1. ratify the Optional Protocol\n2. repeal article 174\n\n"
        "It should also:\n\n3. train judges\n4. publish data\n")


def pdf_lines(source: str) -> list[str]:
    data = pdf.render_pdf(document(DocSection("Recommendations", source, "section-1")))
    text = next(text for page in PdfReader(io.BytesIO(data)).pages if "one" in (text := page.extract_text()))
    return [line.strip() for line in text.splitlines()]


def test_pdf_letters_the_items_and_numbers_only_the_paragraphs():
    lines = pdf_lines(BODY)
    letters = [line for line in lines if re.fullmatch(r"\([a-z]\)", line)]
    assert letters == ["(a)", "(b)", "(c)", "(d)"]
    # pypdf reads the markers out apart from their items; the items stand without figures.
    assert "ratify the Optional Protocol" in lines and "train judges" in lines
    assert "1. The State should, one:" in lines and "2. It should also:" in lines
    assert not [line for line in lines if re.fullmatch(r"\d+\.", line)]  # no figure for an item


def test_pdf_letters_a_nested_list_in_roman():
    lines = pdf_lines("Text.\n\n1. one\n   1. inner\n   2. more\n2. two\n")
    assert [line for line in lines if re.fullmatch(r"\([a-z]+\)", line)] == ["(a)", "(i)", "(ii)", "(b)"]


def test_word_letters_the_list_with_its_own_numbering():
    doc = document(DocSection("Recommendations", BODY, "section-1"))
    data = render_docx(doc)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body, numbering = (package.read(f"word/{name}.xml").decode() for name in ("document", "numbering"))
    paragraphs = str(paragraph_num_id(docx.Document(io.BytesIO(data))))
    used = [num_id for num_id in re.findall(r'<w:numId w:val="(\d+)"/>', body) if num_id != paragraphs]
    assert len(used) == 4 and len(set(used)) == 2  # each list its own instance, shared by its items
    for num_id, start in zip(dict.fromkeys(used), ("1", "3")):
        num = re.search(rf'<w:num w:numId="{num_id}">(.*?)</w:num>', numbering).group(1)
        assert f'<w:startOverride w:val="{start}"/>' in num
        abstract = re.search(r'<w:abstractNumId w:val="(\d+)"/>', num).group(1)
        definition = re.search(rf'<w:abstractNum [^>]*w:abstractNumId="{abstract}">(.*?)</w:abstractNum>',
                               numbering).group(1)
        level = re.search(r'<w:lvl w:ilvl="0">(.*?)</w:lvl>', definition).group(1)
        assert '<w:numFmt w:val="lowerLetter"/>' in level and '<w:lvlText w:val="(%1)"/>' in level


def test_word_keeps_figures_outside_the_numbered_text():
    doc = replace(document(DocSection("Text", "Text.", "section-1")), coalition="1. one\n2. two\n")
    with zipfile.ZipFile(io.BytesIO(render_docx(doc))) as package:
        numbering = package.read("word/numbering.xml").decode()
    assert "lowerLetter" not in numbering
