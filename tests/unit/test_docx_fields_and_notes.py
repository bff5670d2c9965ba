"""The Word file's contents, paragraph numbers and endnotes are Word's own, as the PDF's are its own (issue 18):
a TOC field, a numbering definition shared by the report's paragraphs, an endnotes part."""
import io
import zipfile
from dataclasses import replace

import docx
import lxml.etree
import lxml.html
import pytest
from docx.oxml.ns import qn

from export import pdf
from export.document import ENDNOTES, FOOTNOTES, DocGroup, DocSection
from export.word import render_docx
from tests.unit.test_annex_export import ANNEX, HEADINGS, TITLE
from tests.unit.test_docx_export import make_document, numbered, paragraph_num_id

W = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
# Numbered and unnumbered paragraphs side by side: in a list, a quote, a table, an image's (a figure: no number).
MIXED = ("Первый.\n\n1. пункт\n\n   абзац в пункте\n2. ещё\n\n> цитата\n\n![](https://x.kz/a.png)\n\n"
         "| a | b |\n|---|---|\n| 1 | 2 |\n\nПоследний.")


def package(doc) -> tuple[docx.document.Document, dict[str, str]]:
    data = render_docx(doc)
    with zipfile.ZipFile(io.BytesIO(data)) as parts:
        xml = {name: parts.read(name).decode() for name in parts.namelist() if name.endswith(".xml")}
    return docx.Document(io.BytesIO(data)), xml


def fields(word) -> list[tuple[str, list[str]]]:
    """Each complex field of the body: its instruction and the texts of the paragraphs its result spans."""
    found, stack = [], []
    for p in word.element.body.iter(qn("w:p")):
        for element in p.iter(qn("w:fldChar"), qn("w:instrText"), qn("w:t")):
            kind = element.get(qn("w:fldCharType"))
            if kind == "begin":
                stack.append(["", [], False])
            elif element.tag == qn("w:instrText"):
                stack[-1][0] += element.text
            elif kind == "separate":
                stack[-1][2] = True
            elif kind == "end":
                instruction, result, _ = stack.pop()
                found.append((instruction.strip(), result))
            elif stack and stack[-1][2]:
                result = stack[-1][1]
                if not result or result[-1][0] is not p:
                    result.append([p, ""])
                result[-1][1] += element.text
    return [(instruction, [text for _, text in result]) for instruction, result in found]


def test_contents_is_a_toc_field_filled_with_the_headings():
    word, xml = package(make_document(annex=ANNEX))
    (instruction, entries), = [field for field in fields(word) if field[0].startswith("TOC")]
    assert instruction == 'TOC \\o "1-2" \\h \\z \\u \\b report_text'
    assert entries == ["1. Гражданские права", "1.1 Собрания", "1.2 Слово", "2. Права женщин", "2.1 Насилие",
                       "2.2 Труд", TITLE, *HEADINGS]
    assert '<w:updateFields w:val="true"/>' in xml["word/settings.xml"]
    # Each entry links to its heading's bookmark.
    body = word.element.body
    for anchor in body.xpath("//w:p[w:pPr/w:pStyle[starts-with(@w:val, 'TOC')]]//w:hyperlink/@w:anchor"):
        heading, = body.xpath(f"//w:p[w:bookmarkStart/@w:name='{anchor}']")
        assert heading.xpath("string(w:pPr/w:pStyle/@w:val)").startswith("Heading")
    # The range it lists leaves out the front matter, which the PDF's contents page does not list either.
    order = [p.text for p in word.paragraphs]
    start, = body.xpath("//w:p[w:bookmarkStart/@w:name='report_text']")
    assert order.index("Организации") < order.index("Contents") < body.index(start)
    assert word.paragraphs[order.index("Contents")].style.name == "TOC Heading"  # not listed itself


def test_an_empty_report_has_an_empty_but_whole_toc_field():
    word, _ = package(make_document(groups=()))
    assert [field for field in fields(word) if field[0].startswith("TOC")] == [
        ('TOC \\o "1-2" \\h \\z \\u \\b report_text', [])]


def test_paragraph_numbers_are_one_numbering_across_sections():
    groups = (DocGroup("Одна", (DocSection("А", MIXED, "a"), DocSection("Б", "Текст.\n\nЕщё.", "b"))),
              DocGroup("Две", (DocSection("В", MIXED, "c"),)))
    doc = make_document(groups=groups)
    word, xml = package(doc)
    num_id = paragraph_num_id(word)  # one instance only: it fails on two
    paragraphs = [p for _, p in numbered(word)]
    in_pdf = lxml.html.fromstring(pdf.build_html(doc)).xpath("//div[@class='body']/p[not(@class='figure')]")
    assert len(paragraphs) == len(in_pdf) == 6
    assert [p.text for p in paragraphs] == [" ".join(p.text_content().split()) for p in in_pdf]
    # In every section, none typed: "Первый." is paragraph 1 and 5, by Word's count.
    assert [p.text for p in paragraphs][::4] == ["Первый.", "Первый."]
    numbering = word.part.numbering_part.element
    abstract_id = numbering.num_having_numId(num_id).abstractNumId.val
    level, = numbering.xpath(f'./w:abstractNum[@w:abstractNumId="{abstract_id}"]/w:lvl')
    assert level.xpath("string(w:numFmt/@w:val)", namespaces=W) == "decimal"
    assert level.xpath("string(w:lvlText/@w:val)", namespaces=W) == "%1."
    indent, = level.xpath("w:pPr/w:ind", namespaces=W)
    assert indent.get(qn("w:hanging")) == indent.get(qn("w:left")) == "567"  # the number at 0, the text at 10 mm
    # The paragraphs in lists, quotes and tables take no paragraph number.
    others = [p for p in word.paragraphs if p.style.name in ("Quote", "List Continue") or "пункт" in p.text]
    assert others and all(p._p.pPr.numPr is None or p._p.pPr.numPr.numId.val != num_id for p in others)


@pytest.fixture(scope="module")
def endnoted():
    return package(make_document(notes=ENDNOTES))


def test_endnotes_are_an_endnotes_part(endnoted):
    word, xml = endnoted
    assert ('<Override PartName="/word/endnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.endnotes+xml"/>') in xml["[Content_Types].xml"]
    relationships = word.part.rels.values()
    assert [r.target_part.partname for r in relationships
            if r.reltype == "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes"] == [
        "/word/endnotes.xml"]
    endnotes = lxml.etree.fromstring(xml["word/endnotes.xml"].encode())
    assert endnotes.xpath("./w:endnote/@w:type", namespaces=W) == ["separator", "continuationSeparator"]
    assert endnotes.xpath("./w:endnote[@w:type]/@w:id", namespaces=W) == ["-1", "0"]
    # One endnote per note (the document cites three, one of them twice), each referenced from the text.
    ids = endnotes.xpath("./w:endnote[not(@w:type)]/@w:id", namespaces=W)
    assert ids == ["1", "2", "3"]
    assert word.element.body.xpath("//w:endnoteReference/@w:id") == ids
    assert [text for text in endnotes.xpath("./w:endnote[not(@w:type)]", namespaces=W)
            if "".join(text.itertext()).strip() == ""] == []
    settings = word.settings.element
    assert settings.xpath("./w:endnotePr/w:endnote/@w:id") == ["-1", "0"]
    assert settings.xpath("string(./w:endnotePr/w:numFmt/@w:val)") == "decimal"


def test_no_typed_note_remains_in_endnote_mode(endnoted):
    word, _ = endnoted
    texts = [p.text for p in word.paragraphs]
    assert "Примечания" not in texts  # Word prints its endnotes, without a heading, after the text
    assert not [text for text in texts if "Закон о мирных собраниях" in text or text[:3].rstrip(".\t").isdigit()]


def test_footnote_mode_has_no_endnotes_part():
    word, xml = package(make_document(notes=FOOTNOTES))
    assert "word/endnotes.xml" not in xml and "endnotes" not in xml["[Content_Types].xml"]
    assert not word.settings.element.xpath("./w:endnotePr") and not word.element.body.xpath("//w:endnoteReference")


def test_a_note_cited_again_shows_its_endnote_number(endnoted):
    word, _ = endnoted
    assert ("NOTEREF _Ref3 \\f \\h", ["3"]) in fields(word)  # the note's first citation holds that bookmark
    reference, = word.element.body.xpath("//w:bookmarkStart[@w:name='_Ref3']/following-sibling::w:r[1]")
    assert reference.xpath("./w:endnoteReference/@w:id") == ["3"]


def test_the_annex_follows_the_endnotes_in_its_own_section():
    word, _ = package(replace(make_document(annex=ANNEX), notes=ENDNOTES))
    assert len(word.sections) == 2
    first = word.sections[0]._sectPr
    assert first.xpath("string(./w:endnotePr/w:pos/@w:val)") == "sectEnd"
    assert word.settings.element.xpath("string(./w:endnotePr/w:pos/@w:val)") == "sectEnd"
    title = next(p for p in word.paragraphs if p.text == TITLE and p.style.name == "Heading 1")
    assert not word.element.body.xpath("//w:endnoteReference[preceding::w:p[w:pPr/w:sectPr]]")  # none in the annex
    assert title._p.getprevious().pPr.sectPr is not None
