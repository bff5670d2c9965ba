"""Word files for the import's tests, built with python-docx as Word would save them: headings, a numbered list
starting at 5, a bulleted list, a table, bold and italic, a footnote (python-docx has no footnote API: the part is
added by hand) and a picture; and the bad files an import must refuse."""
import functools
import io
import zipfile

import docx
from docx.opc.constants import CONTENT_TYPE as CT, RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches
from PIL import Image

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NOTE = "Article 174 of the Criminal Code, as amended in 2020."
BODY = """### Freedom of expression

Journalists face **criminal libel** charges and *online blocking*.[^1]

#### Recommendations

5. Decriminalise defamation.
6. Stop blocking news sites without a court order.
7. Release the journalists in detention.

Also:

- publish the list of blocked sites;
- train judges.

| Year | Cases |
| --- | --- |
| 2022 | 31 |
| 2023 | 44 |"""
NOTES = f"[^1]: {NOTE}"
MARKDOWN = f"{BODY}\n\n![Chart of cases by year](word-image:0)\n\n{NOTES}"  # what report_docx() imports as
WITHOUT_PICTURE = f"{BODY}\n\n{NOTES}"  # and report_docx(picture=False)


def png(size=(40, 20), colour="navy") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


@functools.cache
def report_docx(picture: bool = True) -> bytes:
    """A section as a coalition member writes it in Word."""
    document = docx.Document()
    document.add_heading("Freedom of expression", 1)
    paragraph = document.add_paragraph("Journalists face ")
    paragraph.add_run("criminal libel").bold = True
    paragraph.add_run(" charges and ")
    paragraph.add_run("online blocking").italic = True
    paragraph.add_run(".")
    add_footnote(document, paragraph, NOTE)
    document.add_heading("Recommendations", 2)
    list_id = numbering_from(document, "List Number", 5)
    for text in ("Decriminalise defamation.", "Stop blocking news sites without a court order.",
                 "Release the journalists in detention."):
        number(document.add_paragraph(text, style="List Number"), list_id)
    document.add_paragraph("Also:")
    for text in ("publish the list of blocked sites;", "train judges."):
        document.add_paragraph(text, style="List Bullet")
    table = document.add_table(rows=3, cols=2)
    for row, cells in zip(table.rows, (("Year", "Cases"), ("2022", "31"), ("2023", "44"))):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    if picture:
        document.add_picture(io.BytesIO(png()), width=Inches(2))
        document.inline_shapes[0]._inline.docPr.set("descr", "Chart of cases by year")
    return saved(document)


def saved(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def add_footnote(document, paragraph, text: str) -> None:
    """Footnote 1 at the end of the paragraph, in a footnotes part of its own."""
    xml = (f'<w:footnotes xmlns:w="{W}"><w:footnote w:id="1"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/>'
           f'</w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>'
           "</w:footnotes>")
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml.encode(), document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    reference = OxmlElement("w:footnoteReference")
    reference.set(qn("w:id"), "1")
    paragraph.add_run()._r.append(reference)


def numbering_from(document, style: str, start: int) -> int:
    """A new list of the style's numbering that starts at `start`, as Word's "Set numbering value" makes one."""
    numbering = document.part.numbering_part.element
    style_list = document.styles[style].element.pPr.numPr.numId.val
    abstract = numbering.num_having_numId(style_list).abstractNumId.val
    new = numbering.add_num(abstract)
    override = new.add_lvlOverride(ilvl=0)
    override.add_startOverride(start)
    return new.numId


def number(paragraph, list_id: int) -> None:
    properties = paragraph._p.get_or_add_pPr()
    properties.get_or_add_numPr().get_or_add_numId().val = list_id
    properties.get_or_add_numPr().get_or_add_ilvl().val = 0


def zipped(parts: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def with_parts(data: bytes, replaced: dict[str, bytes]) -> bytes:
    """A copy of a .docx with parts added or replaced."""
    source = zipfile.ZipFile(io.BytesIO(data))
    return zipped({**{name: source.read(name) for name in source.namelist()}, **replaced})
