"""The report as a Word file, with the same content and numbering as the PDF.

OHCHR has at times required Word rather than PDF. The Markdown of each section is walked as
markdown-it tokens (markup.parse) and written with python-docx; the few things python-docx has no
API for (hyperlinks, fields, footnotes and endnotes, numbering) are small pieces of raw WordprocessingML.
"""
import io
import re
from collections import Counter
from collections.abc import Callable
from copy import deepcopy
from dataclasses import dataclass
from typing import Protocol

import docx
from docx.document import Document as WordDocument
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.opc.constants import CONTENT_TYPE as CT, RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, nsmap, qn
from docx.oxml.table import CT_Tbl
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.parts.story import StoryPart
from docx.shared import Emu, Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from markdown_it.token import Token

from export.document import COMPACT, FOOTNOTES, STANDARD, Annex, Document
from text.lengths import shorten
from text.markup import IMAGE_SOURCE, REC_CITATION, is_figure, parse

FONT = "Times New Roman"  # ships with Windows and Office, covers Kazakh Cyrillic (ә ғ қ ң ө ұ ү һ і)
MONO = "Courier New"
LINK_COLOUR = RGBColor(0x05, 0x63, 0xC1)
LANGUAGE_TAGS = {"ru": "ru-RU", "kk": "kk-KZ", "en": "en-GB", "fr": "fr-FR", "es": "es-ES",
                 "ar": "ar-SA", "zh": "zh-CN"}
_MARKS = {"strong": "bold", "em": "italic", "s": "strike"}  # markdown-it token name -> Font attribute
# The annex's columns, as in the PDF: number, recommendation, states, response, assessment, justification.
ANNEX_WIDTHS = tuple(Mm(width) for width in (15, 39, 19, 22, 21, 44))  # the 160 mm text width
TOTALS_WIDTHS = tuple(Mm(width) for width in (65, 20, 20))
ANNEX_SIZE = Pt(9)
CORE_PROPERTY = 255  # characters: python-docx refuses a longer title, author or keywords
# The report's paragraph numbers: Word's own numbering, named so that a reader of the file can find it.
PARAGRAPH_NUMBERING = "Report paragraphs"
# The contents: Heading 1 and 2 (groups and sections, the annex and its parts), as the PDF's contents page,
# within this bookmark, which leaves out the front matter's headings as the PDF's contents does.
CONTENTS_RANGE = "report_text"
TOC_INSTRUCTION = f'TOC \\o "1-2" \\h \\z \\u \\b {CONTENTS_RANGE}'
TEXT_WIDTH = Mm(160)  # A4 less two 25 mm margins, the standard layout's: a note's table fits in either layout
EMU_PER_PIXEL = 9525  # an image's pixel at 96 per inch, as the PDF (CSS) sizes it


@dataclass(frozen=True)
class _Density:
    """A layout's page and type, as the PDF's stylesheet sets them; None keeps the template's spacing (10 pt
    after a paragraph, lines at 1.15)."""

    margin: Mm
    header_distance: Mm  # from the page's edge: within a narrow margin, so the header does not push the text down
    size: Pt
    space_after: Pt | None = None
    line_spacing: float | None = None

    @property
    def text_width(self) -> Emu:
        return Emu(Mm(210) - 2 * self.margin)


DENSITIES = {STANDARD: _Density(Mm(25), Mm(12.7), Pt(11)),
             COMPACT: _Density(Mm(16), Mm(7), Pt(10), space_after=Pt(4), line_spacing=1.0)}
# An endnote's number hangs in this margin, a tab from its text: "1000." in 11pt Times is about 9 mm wide.
NOTE_NUMBER_WIDTH = Mm(10)

_W = {"w": nsmap["w"]}
_RULE_XML = f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr>'
# A paragraph's number at the margin, its text 10 mm (567 twips) in: the PDF's hanging 1 cm.
_PARAGRAPH_NUMBERING_XML = (
    f'<w:abstractNum {nsdecls("w")}><w:multiLevelType w:val="singleLevel"/>'
    f'<w:name w:val="{PARAGRAPH_NUMBERING}"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:pPr><w:tabs><w:tab w:val="num" w:pos="567"/></w:tabs>'
    '<w:ind w:left="567" w:hanging="567"/></w:pPr></w:lvl></w:abstractNum>'
)
_UPDATE_FIELDS_XML = f'<w:updateFields {nsdecls("w")} w:val="true"/>'


def render_docx(doc: Document) -> bytes:
    return _Writer(doc).write()


class _Container(Protocol):
    """What the block walker writes into: the document body, or one Word footnote or endnote."""

    def add_paragraph(self, *, style: str | None = None) -> Paragraph: ...

    def add_table(self, rows: int, cols: int, *, style: str | None = None) -> Table: ...


@dataclass
class _List:
    depth: int
    ordered: bool
    num_id: int | None = None  # a fresh Word numbering instance, so each ordered list starts anew
    fresh_item: bool = False

    @property
    def item_style(self) -> str:
        return _level_style("List Number" if self.ordered else "List Bullet", self.depth)

    @property
    def continue_style(self) -> str:
        return _level_style("List Continue", self.depth)


@dataclass(frozen=True)
class _NoteKind:
    """Word's footnotes and endnotes: one structure under two names."""

    name: str  # "footnote" or "endnote"
    content_type: str
    relationship: str
    settings_after: tuple[str, ...]  # the settings that follow w:footnotePr or w:endnotePr
    numbering: str = ""  # the notes' w:pos and w:numFmt, where Word's default is not the PDF's

    @property
    def style(self) -> str:
        return f"{self.name.title()} Text"


_FOOTNOTE = _NoteKind("footnote", CT.WML_FOOTNOTES, RT.FOOTNOTES, ("w:endnotePr", "w:compat", "w:docVars", "w:rsids"))
# Word numbers endnotes i, ii, iii unless told; at the end of their section, so that the annex, a section of its
# own, follows them as in the PDF.
_ENDNOTE = _NoteKind("endnote", CT.WML_ENDNOTES, RT.ENDNOTES, ("w:compat", "w:docVars", "w:rsids"),
                     '<w:pos w:val="sectEnd"/><w:numFmt w:val="decimal"/>')


class _Notes:
    """The footnotes or endnotes part, made when the first note is cited; Word numbers the notes itself."""

    def __init__(self, word: WordDocument, kind: _NoteKind) -> None:
        self.word, self.kind = word, kind
        self.part: StoryPart | None = None
        self.count = 0

    def cite(self, paragraph: Paragraph) -> tuple[BaseOxmlElement, "_Note"]:
        """A new note cited at the paragraph's end: the reference's run, and the note to write into."""
        if self.part is None:
            self.part = _add_notes_part(self.word, self.kind)
        self.count += 1
        note_id = {qn("w:id"): str(self.count)}
        run = paragraph.add_run()
        run.font.superscript = True
        run._r.append(OxmlElement(f"w:{self.kind.name}Reference", note_id))
        element = OxmlElement(f"w:{self.kind.name}", note_id)
        self.part.element.append(element)
        return run._r, _Note(element, self.part, self.kind)


class _Writer:
    """Holds what runs across the whole report: paragraph and note numbering, the notes, the contents."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.word = docx.Document()
        self.paragraph_numbering = _paragraph_numbering(self.word)  # one instance: numbers run across sections
        self.note_count = 0  # the texts' notes so far, counted as the PDF numbers its endnotes
        self.footnotes = _Notes(self.word, _FOOTNOTE)
        self.endnotes = _Notes(self.word, _ENDNOTE)
        self.cited: dict[int, tuple[str, int]] = {}  # an endnote's PDF number -> its bookmark and Word number
        self.real_footnotes = doc.notes == FOOTNOTES
        self.bookmarks = {section.anchor: _bookmark_name(section.anchor) for section in doc.sections}
        self.bookmark_count = 0
        self.contents: list[tuple[int, str, str]] = []  # (level, heading, its bookmark), in order
        self.density = DENSITIES[doc.layout]

    def write(self) -> bytes:
        _set_up_styles(self.word, LANGUAGE_TAGS.get(self.doc.language, self.doc.language), self.density)
        self._set_up_page()
        self._set_properties()
        self._cover()
        self._front_matter()
        contents = self.word.add_paragraph(self.doc.labels.contents, "TOC Heading")
        contents.paragraph_format.page_break_before = True
        report_start = self.word.add_page_break()
        self._groups()
        if self.doc.annex:
            self._annex(self.doc.annex)
        self._contents_field(contents)
        start, end = self._new_bookmark(CONTENTS_RANGE)
        report_start._p.append(start)
        self.word.paragraphs[-1]._p.append(end)  # the range need only hold the last heading
        out = io.BytesIO()
        self.word.save(out)
        return out.getvalue()

    def _set_up_page(self) -> None:
        section = self.word.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = self.density.margin
        section.top_margin = section.bottom_margin = self.density.margin
        section.header_distance = section.footer_distance = self.density.header_distance
        header = section.header.paragraphs[0]
        header.add_run(self.doc.running_title)
        if self.doc.draft:
            header.add_run(" — ")
            header.add_run(self.doc.labels.draft).bold = True
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer.add_run(f"{self.doc.labels.page} ")
        _add_field(footer, "PAGE")
        footer.add_run(f" {self.doc.labels.of} ")
        _add_field(footer, "NUMPAGES")
        # The cover, like the PDF's, has no running title or page number; a draft's still says so, as the PDF's
        # watermark does on every page.
        section.different_first_page_header_footer = True
        section.first_page_footer.is_linked_to_previous = False
        section.first_page_header.is_linked_to_previous = False
        if self.doc.draft:
            section.first_page_header.paragraphs[0].add_run(self.doc.labels.draft).bold = True

    def _set_properties(self) -> None:
        """The file's properties, each cut to what python-docx takes (the cover keeps the whole title)."""
        props = self.word.core_properties
        props.title = shorten(self.doc.title, CORE_PROPERTY)
        props.author = props.last_modified_by = shorten(self.doc.coordinator, CORE_PROPERTY)
        props.language = self.doc.language
        props.keywords = shorten(", ".join(filter(None, (self.doc.country, self.doc.mechanism,
                                                         *self.doc.keyword_list))), CORE_PROPERTY)
        props.comments = ""  # the template says "generated by python-docx"

    def _cover(self) -> None:
        doc, labels = self.doc, self.doc.labels
        self.word.add_paragraph(doc.title, "Title").alignment = WD_ALIGN_PARAGRAPH.CENTER
        lines = [doc.country, doc.mechanism, doc.cycle_and_session,
                 labels.joint_submission.format(count=len(doc.organisations)) if doc.organisations else "",
                 doc.date, doc.coordinator]
        for line in filter(None, lines):
            self.word.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.CENTER
        if doc.contact:
            contact = self.word.add_paragraph()
            contact.alignment = WD_ALIGN_PARAGRAPH.CENTER
            contact.add_run(f"{labels.contact}:").bold = True
            for line in doc.contact.splitlines():
                contact.add_run().add_break()
                contact.add_run(line)
        if doc.keyword_list:
            keywords = self.word.add_paragraph()
            keywords.alignment = WD_ALIGN_PARAGRAPH.CENTER
            keywords.add_run(f"{labels.keywords}:").bold = True
            keywords.add_run(" " + ", ".join(doc.keyword_list))
        self.word.add_page_break()

    def _front_matter(self) -> None:
        self.word.add_heading(self.doc.labels.organisations, 1)
        for organisation in self.doc.organisations:
            name = ", ".join(filter(None, (organisation.name, organisation.city)))
            self.word.add_paragraph(name, "List Bullet")
        if self.doc.coalition.strip():
            self.word.add_heading(self.doc.labels.coalition, 1)
            self._markdown(self.doc.coalition, numbered=False)

    def _groups(self) -> None:
        for g, group in enumerate(self.doc.groups, 1):
            self._heading(f"{g}. {group.name}", 1)
            for s, section in enumerate(group.sections, 1):
                self._heading(f"{g}.{s} {section.title}", 2, self.bookmarks[section.anchor])
                self._markdown(section.body, numbered=True)

    def _heading(self, text: str, level: int, bookmark: str = "") -> Paragraph:
        """A heading listed in the contents, with a bookmark its entry links to."""
        bookmark = bookmark or f"_Toc{len(self.contents) + 1}"  # "_": hidden in Word's list of bookmarks
        heading = self.word.add_heading(text, level)
        start, end = self._new_bookmark(bookmark)
        heading._p.get_or_add_pPr().addnext(start)
        heading._p.append(end)
        self.contents.append((level, text, bookmark))
        return heading

    def _new_bookmark(self, name: str) -> tuple[BaseOxmlElement, BaseOxmlElement]:
        """A bookmark's start and end, for the caller to place."""
        self.bookmark_count += 1
        bookmark_id = {qn("w:id"): str(self.bookmark_count)}
        return (OxmlElement("w:bookmarkStart", {**bookmark_id, qn("w:name"): name}),
                OxmlElement("w:bookmarkEnd", bookmark_id))

    def _contents_field(self, title: Paragraph) -> None:
        """The contents as a TOC field after its title. Word rebuilds it, with page numbers, on opening the file
        (updateFields); viewers that never update fields show what it holds already: the entries, linked to their
        headings, without page numbers, which only a layout of the pages could tell."""
        entries = []
        for level, text, bookmark in self.contents:
            entry = self.word.add_paragraph(style=f"toc {level}")
            link = OxmlElement("w:hyperlink", {qn("w:anchor"): bookmark, qn("w:history"): "1"})
            entry._p.append(link)
            link.append(entry.add_run(text)._r)
            entries.append(entry)
        if not entries:
            entries.append(self.word.add_paragraph(style="toc 1"))
        begin, end = _field(TOC_INSTRUCTION)
        entries[0]._p.get_or_add_pPr().addnext(begin[0])
        for run in reversed(begin[1:]):
            begin[0].addnext(run)
        entries[-1]._p.append(end)
        for entry in reversed(entries):  # moved from the document's end to after the title
            title._p.addnext(entry._p)
        self.word.settings.element.insert_element_before(
            parse_xml(_UPDATE_FIELDS_XML), "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat",
            "w:docVars", "w:rsids")

    def _markdown(self, source: str, numbered: bool, container: _Container | None = None,
                  in_annex: bool = False) -> None:
        body, notes = _split_notes(parse(source))
        _Blocks(self, container or self.word, numbered=numbered, notes=notes, first_note=self.note_count + 1,
                in_annex=in_annex).walk(body)
        self.note_count += len(notes)

    def add_footnote(self, paragraph: Paragraph, tokens: list[Token]) -> None:
        """A Word footnote for one citation: like the PDF's page footnotes, a note cited twice appears twice."""
        self._write_note(self.footnotes.cite(paragraph)[1], tokens)

    def add_endnote(self, paragraph: Paragraph, tokens: list[Token], number: int) -> None:
        """A Word endnote where a note is first cited; a later citation shows that endnote's number through a
        cross-reference, as the PDF lists each note once. number: the note's number in the PDF."""
        if number in self.cited:
            _add_note_reference(paragraph, *self.cited[number])
            return
        run, note = self.endnotes.cite(paragraph)
        bookmark = f"_Ref{number}"
        start, end = self._new_bookmark(bookmark)
        run.addprevious(start)
        run.addnext(end)
        self.cited[number] = bookmark, self.endnotes.count  # Word numbers endnotes in the order they are cited
        self._write_note(note, tokens)

    def _write_note(self, note: "_Note", tokens: list[Token]) -> None:
        _Blocks(self, note).walk(tokens, _note_mark(note))

    def _annex(self, annex: Annex) -> None:
        """After the notes, as in the PDF: a summary, the totals, then one table per theme or group.

        Its own Word section, so that the report's endnotes, printed at their section's end, come before it."""
        self.word.add_section(WD_SECTION.CONTINUOUS).different_first_page_header_footer = False
        heading = self._heading(annex.title, 1)
        heading.paragraph_format.page_break_before = True
        if annex.source:
            self.word.add_paragraph(annex.source)
        self.word.add_paragraph(annex.summary)
        totals = self.word.add_table(rows=len(annex.totals), cols=3, style="Table Grid")
        _fix_widths(totals, TOTALS_WIDTHS)
        for row, (status, count, share) in zip(totals.rows, annex.totals):
            for cell, text in zip(row.cells, (status, str(count), f"{share}%")):
                cell.paragraphs[0].add_run(text)
            for cell in row.cells[1:]:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if annex.denominator:
            self.word.add_paragraph(annex.denominator)
        for part in annex.parts:
            self._heading(part.heading, 2)
            table = self.word.add_table(rows=len(part.rows) + 1, cols=len(annex.columns), style="Table Grid")
            _fix_widths(table, ANNEX_WIDTHS)
            header, *rows = table.rows
            header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # repeated on every page
            for cell, column in zip(header.cells, annex.columns):
                cell.paragraphs[0].add_run(column).bold = True
            for row, recommendation in zip(rows, part.rows):
                # Kept on one page, as in the PDF; a row longer than a page starts one and runs on.
                row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
                *plain, justification = row.cells
                for cell, text in zip(plain, (recommendation.number, recommendation.text, recommendation.states,
                                              recommendation.response, recommendation.status)):
                    cell.paragraphs[0].add_run(text)
                self._markdown(recommendation.justification, numbered=False, container=_CellText(justification),
                               in_annex=True)
            for run in table._tbl.iter(qn("w:r")):
                Run(run, table).font.size = ANNEX_SIZE


class _Blocks:
    """Writes one token list (a section body, the coalition text or one note) into a container.

    notes: the text's notes by the footnote plugin's id; None while writing a note, whose own
    references are dropped as in the PDF. first_note: the PDF's endnote number of the text's note 0.
    in_annex: a justification in an annex table, as the PDF prints it: its notes are page footnotes
    whatever the report's notes are (the annex follows the endnotes), its headings bold text that
    stays out of Word's navigation.
    """

    def __init__(self, writer: _Writer, container: _Container, numbered: bool = False,
                 notes: dict[int, list[Token]] | None = None, first_note: int = 1, in_annex: bool = False) -> None:
        self.writer, self.container, self.numbered = writer, container, numbered
        self.notes, self.first_note = notes, first_note
        self.real_footnotes, self.headings = writer.real_footnotes or in_annex, not in_annex
        self.width = ANNEX_WIDTHS[-1] if in_annex else writer.density.text_width  # an image's widest
        self.bold = False  # a heading written as a bold paragraph
        self.lists: list[_List] = []
        self.quote_depth = 0
        self.paragraph: Paragraph | None = None
        self.rows: list[list[Token]] | None = None  # a table's cells, collected until table_close
        self.lead: Callable[[Paragraph], None] | None = None
        self.figure = False  # the paragraph holds images alone

    def walk(self, tokens: list[Token], lead: Callable[[Paragraph], None] | None = None) -> None:
        """lead, if given, starts the first paragraph (a note's number)."""
        self.lead = lead
        for i, token in enumerate(tokens):
            handler = _BLOCK_HANDLERS.get(token.type)
            if handler:
                # A paragraph_open is always followed by its inline token.
                self.figure = token.type == "paragraph_open" and is_figure(tokens[i + 1])
                handler(self, token)

    def _new_paragraph(self, style: str | None = None) -> Paragraph:
        paragraph = self.container.add_paragraph(style=style)
        if self.lead:
            self.lead(paragraph)
            self.lead = None
        return paragraph

    def paragraph_open(self, token: Token) -> None:
        self.bold = False
        if self.lists:
            current = self.lists[-1]
            style = current.item_style if current.fresh_item else current.continue_style
            self.paragraph = self._new_paragraph(style)
            if current.fresh_item and current.num_id:
                _set_numbering(self.paragraph, current.num_id)
            current.fresh_item = False
        elif self.figure:  # images alone: no number, as in the PDF
            self.paragraph = self._new_paragraph()
            self.paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif self.quote_depth:
            self.paragraph = self._new_paragraph("Quote")
        else:
            self.paragraph = self._new_paragraph()
            # The PDF's rule: only top-level paragraphs of a section body are numbered.
            if self.numbered and token.level == 0:
                _set_numbering(self.paragraph, self.writer.paragraph_numbering)

    def heading_open(self, token: Token) -> None:
        if not self.headings:
            self.paragraph, self.bold = self._new_paragraph(), True
            return
        # Section bodies sit under Heading 2, so their own headings start at level 3.
        self.paragraph = self._new_paragraph(f"Heading {max(3, int(token.tag[1]))}")

    def inline(self, token: Token) -> None:
        if self.rows is not None:
            self.rows[-1].append(token)
        elif self.paragraph is not None:
            _Runs(self, self.paragraph, bold=self.bold).add(token.children or [])

    def list_open(self, token: Token) -> None:
        current = _List(len(self.lists) + 1, ordered=token.type == "ordered_list_open")
        if current.ordered:
            start = int(token.attrGet("start") or 1)
            # In the report's numbered text a list is lettered, (a) and in it (i), as in the PDF, so that
            # its items are not taken for paragraph numbers.
            letters = ("lowerLetter" if current.depth == 1 else "lowerRoman") if self.numbered else None
            current.num_id = _restart_numbering(self.writer.word, current.item_style, start, letters)
        self.lists.append(current)

    def list_close(self, token: Token) -> None:
        self.lists.pop()

    def list_item_open(self, token: Token) -> None:
        self.lists[-1].fresh_item = True

    def blockquote_open(self, token: Token) -> None:
        self.quote_depth += 1

    def blockquote_close(self, token: Token) -> None:
        self.quote_depth -= 1

    def code(self, token: Token) -> None:
        run = self._new_paragraph().add_run(token.content.rstrip("\n"))
        run.font.name = MONO

    def rule(self, token: Token) -> None:
        self._new_paragraph()._p.get_or_add_pPr().append(parse_xml(_RULE_XML))

    def table_open(self, token: Token) -> None:
        self.rows = []

    def row_open(self, token: Token) -> None:
        assert self.rows is not None
        self.rows.append([])

    def table_close(self, token: Token) -> None:
        rows, self.rows = self.rows or [], None
        table = self.container.add_table(rows=len(rows), cols=max(map(len, rows)), style="Table Grid")
        for r, cells in enumerate(rows):
            for c, cell in enumerate(cells):
                paragraph = table.cell(r, c).paragraphs[0]
                # Row 0: the header. An image in a cell: at most an equal share of the width.
                _Runs(self, paragraph, bold=r == 0, width=Emu(self.width // len(cells))).add(cell.children or [])


# Block tokens not listed (closing tags, footnote anchors) need nothing done.
_BLOCK_HANDLERS: dict[str, Callable[[_Blocks, Token], None]] = {
    "paragraph_open": _Blocks.paragraph_open, "heading_open": _Blocks.heading_open, "inline": _Blocks.inline,
    "bullet_list_open": _Blocks.list_open, "ordered_list_open": _Blocks.list_open,
    "bullet_list_close": _Blocks.list_close, "ordered_list_close": _Blocks.list_close,
    "list_item_open": _Blocks.list_item_open,
    "blockquote_open": _Blocks.blockquote_open, "blockquote_close": _Blocks.blockquote_close,
    "fence": _Blocks.code, "code_block": _Blocks.code, "hr": _Blocks.rule,
    "table_open": _Blocks.table_open, "tr_open": _Blocks.row_open, "table_close": _Blocks.table_close,
}


class _Runs:
    """Writes one paragraph's inline tokens as runs, tracking bold/italic/strike and the open link."""

    def __init__(self, blocks: _Blocks, paragraph: Paragraph, bold: bool = False, width: Emu | None = None) -> None:
        self.blocks, self.paragraph, self.width = blocks, paragraph, width or blocks.width
        self.marks: Counter[str] = Counter(strong=int(bold))
        self.link: BaseOxmlElement | None = None

    def add(self, children: list[Token]) -> None:
        for token in children:
            kind = token.type
            if kind == "text":
                # As in the PDF (markup.render_for_print), a cited recommendation is its bare number; code keeps it.
                self._text(REC_CITATION.sub(r"\1", token.content))
            elif kind == "code_inline":
                self._text(token.content, code=True)
            elif kind == "softbreak":
                self._text(" ")
            elif kind == "hardbreak":
                self.paragraph.add_run().add_break()
            elif kind.removesuffix("_open") in _MARKS:
                self.marks[kind.removesuffix("_open")] += 1
            elif kind.removesuffix("_close") in _MARKS:
                self.marks[kind.removesuffix("_close")] -= 1
            elif kind == "link_open":
                self.link = self._link(str(token.attrGet("href") or ""))
            elif kind == "link_close":
                self.link = None
            elif kind == "footnote_ref":
                self._note_ref(token.meta)
            elif kind == "image":
                self._image(token)

    def _text(self, text: str, code: bool = False) -> None:
        if not text:
            return
        run = self.paragraph.add_run(text)
        for mark, attribute in _MARKS.items():
            if self.marks[mark] > 0:
                setattr(run.font, attribute, True)
        if code:
            run.font.name = MONO
        if self.link is not None:
            run.font.color.rgb = LINK_COLOUR
            run.font.underline = True
            self.link.append(run._r)

    def _image(self, token: Token) -> None:
        """An uploaded image inline, at its size (96 pixels an inch) up to the width it has, its description
        Word's alternative text; any other image a note in the text, as in the PDF."""
        writer = self.blocks.writer
        alt = "".join(child.content for child in token.children or [] if child.type in ("text", "code_inline"))
        found = IMAGE_SOURCE.fullmatch(str(token.attrGet("src") or ""))
        image = writer.doc.image(int(found.group(1))) if found else None
        if image is None:
            self._text(f"[{writer.doc.labels.image_missing}{': ' + alt if alt else ''}]")
            return
        run = self.paragraph.add_run()
        run.add_picture(io.BytesIO(image.data), width=min(Emu(image.width * EMU_PER_PIXEL), self.width))
        for properties in run._r.xpath(".//wp:docPr"):
            properties.set("descr", alt)

    def _link(self, href: str) -> BaseOxmlElement | None:
        """A w:hyperlink for web/mail links and links to a section; other links stay plain text."""
        if href.startswith(("http://", "https://", "mailto:")):
            r_id = self.paragraph.part.relate_to(href, RT.HYPERLINK, is_external=True)
            link = OxmlElement("w:hyperlink", {qn("r:id"): r_id})
        elif href.startswith("#") and href[1:] in self.blocks.writer.bookmarks:
            link = OxmlElement("w:hyperlink", {qn("w:anchor"): self.blocks.writer.bookmarks[href[1:]]})
        else:
            return None
        self.paragraph._p.append(link)
        return link

    def _note_ref(self, meta: dict) -> None:
        notes = self.blocks.notes
        if notes is None:
            return
        if self.blocks.real_footnotes:
            self.blocks.writer.add_footnote(self.paragraph, notes[meta["id"]])
        else:
            self.blocks.writer.add_endnote(self.paragraph, notes[meta["id"]], self.blocks.first_note + meta["id"])


class _Note:
    """A w:footnote or w:endnote as a container, so a note's Markdown is written like the body's."""

    def __init__(self, element: BaseOxmlElement, part: StoryPart, kind: _NoteKind) -> None:
        self.element, self.part, self.kind = element, part, kind

    def add_paragraph(self, *, style: str | None = None) -> Paragraph:
        paragraph = Paragraph(OxmlElement("w:p"), self)
        self.element.append(paragraph._p)
        paragraph.style = style or self.kind.style
        return paragraph

    def add_table(self, rows: int, cols: int, *, style: str | None = None) -> Table:
        tbl = CT_Tbl.new_tbl(rows, cols, TEXT_WIDTH)
        self.element.append(tbl)
        table = Table(tbl, self)
        table.style = style
        return table


class _CellText:
    """A table cell as a container: the empty paragraph every new cell has takes the first text."""

    def __init__(self, cell: _Cell) -> None:
        self.cell, self._empty = cell, cell.paragraphs[0]

    def add_paragraph(self, *, style: str | None = None) -> Paragraph:
        paragraph, self._empty = self._empty or self.cell.add_paragraph(), None
        paragraph.style = style
        return paragraph

    def add_table(self, rows: int, cols: int, *, style: str | None = None) -> Table:
        self._empty = None
        table = self.cell.add_table(rows, cols)  # the cell's width; Word wants a paragraph after it
        table.style = style
        return table


def _split_notes(tokens: list[Token]) -> tuple[list[Token], dict[int, list[Token]]]:
    """The body tokens, and each note's tokens by id: the plugin puts the notes block last."""
    start = next((i for i, t in enumerate(tokens) if t.type == "footnote_block_open"), len(tokens))
    notes: dict[int, list[Token]] = {}
    note: list[Token] = []
    for token in tokens[start + 1:]:
        if token.type == "footnote_open":
            note = notes.setdefault(token.meta["id"], [])
        elif token.type not in ("footnote_close", "footnote_anchor", "footnote_block_close"):
            note.append(token)
    return tokens[:start], notes


def _set_up_styles(word: WordDocument, language_tag: str, density: _Density) -> None:
    styles = word.styles
    # Theme fonts (Calibri, Cambria) win over named ones, so drop them: every style then
    # inherits Normal's font.
    for fonts in styles.element.xpath(".//w:rFonts"):
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attribute), None)
    normal = styles["Normal"]
    normal.font.size = density.size
    normal.paragraph_format.space_after = density.space_after
    normal.paragraph_format.line_spacing = density.line_spacing
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)
    # The language drives Word's spelling and hyphenation.
    rpr = normal.element.get_or_add_rPr()
    rpr.remove_all("w:lang")
    rpr.insert_element_before(OxmlElement("w:lang", {qn("w:val"): language_tag}),
                              "w:eastAsianLayout", "w:specVanish", "w:oMath")
    for name in ("Title", "TOC Heading", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "Heading 5",
                 "Heading 6"):
        styles[name].font.color.rgb = RGBColor(0, 0, 0)
    for level in (1, 2):
        _add_contents_style(styles, level, density.text_width)


def _add_contents_style(styles, level: int, text_width: Emu) -> None:
    """Word's own "toc N" style (it fills the contents with it), laid out as the PDF's contents page: groups in
    bold, page numbers at the right margin after dot leaders."""
    style = styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)
    style.style_id = f"TOC{level}"
    style.base_style = styles["Normal"]
    style.font.bold = level == 1
    style.paragraph_format.space_before = Pt(6 if level == 1 else 0)
    style.paragraph_format.space_after = Pt(2)
    style.paragraph_format.tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)


def _add_notes_part(word: WordDocument, kind: _NoteKind) -> StoryPart:
    """The footnotes.xml or endnotes.xml part, with the two separator notes Word expects at ids -1 and 0,
    its style and its settings."""
    name = kind.name
    separators = "".join(f'<w:{name} w:type="{type_}" w:id="{note_id}"><w:p><w:r><w:{type_}/></w:r></w:p></w:{name}>'
                         for note_id, type_ in ((-1, "separator"), (0, "continuationSeparator")))
    part = StoryPart(PackURI(f"/word/{name}s.xml"), kind.content_type,
                     parse_xml(f"<w:{name}s {nsdecls('w', 'r')}>{separators}</w:{name}s>"), word.part.package)
    word.part.relate_to(part, kind.relationship)
    style = word.styles.add_style(kind.style, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = word.styles["Normal"]
    style.font.size = Pt(9)
    style.paragraph_format.space_after = Pt(0)
    word.settings.element.insert_element_before(
        parse_xml(f'<w:{name}Pr {nsdecls("w")}>{kind.numbering}<w:{name} w:id="-1"/><w:{name} w:id="0"/>'
                  f"</w:{name}Pr>"), *kind.settings_after)
    if kind.numbering:  # the section's own properties, which Word reads as well
        word.sections[-1]._sectPr.insert_element_before(
            parse_xml(f'<w:{name}Pr {nsdecls("w")}>{kind.numbering}</w:{name}Pr>'), "w:type", "w:pgSz", "w:pgMar")
    return part


def _note_mark(note: _Note) -> Callable[[Paragraph], None]:
    """Starts a note's first paragraph with its number, which Word fills in."""
    def mark(paragraph: Paragraph) -> None:
        run = paragraph.add_run()
        run.font.superscript = True
        run._r.append(OxmlElement(f"w:{note.kind.name}Ref"))
        paragraph.add_run(" ")

    return mark


def _add_note_reference(paragraph: Paragraph, bookmark: str, number: int) -> None:
    """An endnote's number again, as a NOTEREF field to its reference: \\f formats it as a note reference, \\h
    links it there. The number shown is the field's result until Word updates it."""
    begin, end = _field(f"NOTEREF {bookmark} \\f \\h")
    paragraph._p.extend(begin)
    paragraph.add_run(str(number)).font.superscript = True
    paragraph._p.append(end)


def _field(instruction: str) -> tuple[list[BaseOxmlElement], BaseOxmlElement]:
    """A complex field's runs before its result (begin, instruction, separate) and after it (end)."""
    def run(child: BaseOxmlElement) -> BaseOxmlElement:
        element = OxmlElement("w:r")
        element.append(child)
        return element

    text = OxmlElement("w:instrText", {qn("xml:space"): "preserve"})
    text.text = f" {instruction} "
    begin, separate, end = (OxmlElement("w:fldChar", {qn("w:fldCharType"): kind})
                            for kind in ("begin", "separate", "end"))
    return [run(begin), run(text), run(separate)], run(end)


def _add_field(paragraph: Paragraph, instruction: str) -> None:
    field = OxmlElement("w:fldSimple", {qn("w:instr"): f" {instruction} "})
    run = OxmlElement("w:r")
    field.append(run)
    paragraph._p.append(field)
    Run(run, paragraph).text = "1"  # shown until the viewer updates the field


def _bookmark_name(anchor: str) -> str:
    # Word's bookmark names: a letter first, then letters, digits and underscores, 40 at most.
    return ("s_" + re.sub(r"\W", "_", anchor))[:40]


def _restart_numbering(word: WordDocument, style: str, start: int, letters: str | None = None) -> int:
    """A new numbering instance of the style's list definition, so the list starts at `start`; with
    letters ("lowerLetter", "lowerRoman"), of a copy of it that numbers (a), (b) or (i), (ii)."""
    numbering = word.part.numbering_part.element
    style_num_id = word.styles[style].element.pPr.numPr.numId.val
    abstract_id = numbering.num_having_numId(style_num_id).abstractNumId.val
    if letters:
        abstract_id = _lettered_definition(numbering, abstract_id, letters)
    num = numbering.add_num(abstract_id)
    num.add_lvlOverride(ilvl=0).add_startOverride(start)
    return num.numId


def _lettered_definition(numbering: BaseOxmlElement, abstract_id: int, letters: str) -> int:
    """The id of a copy of list definition abstract_id whose first level reads "(%1)" in `letters`,
    made once per definition and format."""
    name = f"{letters} of {abstract_id}"
    for existing in numbering.xpath(f'./w:abstractNum[w:name/@w:val="{name}"]'):
        return int(existing.get(qn("w:abstractNumId")))
    source = numbering.xpath(f'./w:abstractNum[@w:abstractNumId="{abstract_id}"]')[0]
    copy = deepcopy(source)  # plain lxml elements (python-docx has no class for them): xpath with _W
    for tag in ("w:nsid", "w:tmpl", "w:lvl/w:pStyle"):  # the style keeps its own definition
        for element in copy.xpath(f"./{tag}", namespaces=_W):
            element.getparent().remove(element)
    copy.xpath("./w:multiLevelType", namespaces=_W)[0].addnext(OxmlElement("w:name", {qn("w:val"): name}))
    level = copy.xpath('./w:lvl[@w:ilvl="0"]', namespaces=_W)[0]
    level.xpath("./w:numFmt", namespaces=_W)[0].set(qn("w:val"), letters)
    level.xpath("./w:lvlText", namespaces=_W)[0].set(qn("w:val"), "(%1)")
    # "(iii)" and "(m)" are wider than "1.": a hanging indent of 1 cm (567 twips) holds them.
    for indent in level.xpath("./w:pPr/w:ind", namespaces=_W):
        left = int(indent.get(qn("w:left"))) - int(indent.get(qn("w:hanging"))) + 567
        indent.set(qn("w:left"), str(left))
        indent.set(qn("w:hanging"), "567")
        for tab in level.xpath("./w:pPr/w:tabs/w:tab", namespaces=_W):
            tab.set(qn("w:pos"), str(left))
    return _add_definition(numbering, copy)


def _add_definition(numbering: BaseOxmlElement, definition: BaseOxmlElement) -> int:
    """Adds a list definition (w:abstractNum) under a new id, which it returns."""
    new_id = 1 + max(int(a) for a in numbering.xpath("./w:abstractNum/@w:abstractNumId"))
    definition.set(qn("w:abstractNumId"), str(new_id))
    numbering.xpath("./w:abstractNum")[-1].addnext(definition)  # definitions come before the instances
    return new_id


def _paragraph_numbering(word: WordDocument) -> int:
    """The numbering instance of the report's paragraphs: one for all, so that they count on across sections."""
    numbering = word.part.numbering_part.element
    return numbering.add_num(_add_definition(numbering, parse_xml(_PARAGRAPH_NUMBERING_XML))).numId


def _set_numbering(paragraph: Paragraph, num_id: int) -> None:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num_id


def _fix_widths(table: Table, widths: tuple[Mm, ...]) -> None:
    """Word reads the cells' widths, LibreOffice the grid's; a fixed layout keeps both."""
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width


def _level_style(base: str, depth: int) -> str:
    # The default template has three levels of each list style.
    return base if depth == 1 else f"{base} {min(depth, 3)}"
