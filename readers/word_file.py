"""A Word file (.docx) to the project's Markdown and its pictures: checked first (a Word file, no macros, no zip bomb),
then converted by mammoth to HTML and by the clipboard's converter to Markdown. A picture stays in the text as
`![alt](word-image:N)`, N its place in `images`, for the caller to store and replace by its address.

Pure: bytes in; a file that cannot be read raises Unreadable with a reason and its values."""
import io
import re
import zipfile
from dataclasses import dataclass, field

import mammoth
from bs4 import BeautifulSoup
from lxml import etree

from readers import clipboard, tables

MAX_UNPACKED_MB = 100  # a report of 100 pages with its charts unpacks to a few MB
MAX_RATIO = 100  # a part packed more tightly than this is built to blow up, not written (text packs ~10 to 1)
RATIO_FROM = 1024 * 1024  # small parts (repeated styles) may pack tightly and harm nothing
PLACEHOLDER = "word-image:"
NUMBER_MARK = "upr-number-"  # a bookmark carrying an ordered item's number through mammoth, which drops it
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
XML = etree.XMLParser(resolve_entities=False, no_network=True)
# Beside mammoth's own map (headings, lists, tables, footnotes, bold and italic): the title and quotes.
STYLE_MAP = """
p[style-name='Title'] => h1:fresh
p[style-name='Subtitle'] => h2:fresh
p[style-name='Quote'] => blockquote > p:fresh
p[style-name='Intense Quote'] => blockquote > p:fresh
"""


class Unreadable(Exception):
    """Why the file cannot be imported, as a key and its values (a pure module has no language): "not_docx",
    "doc" (an old Word file), "encrypted", "corrupt", "macros", "too_large" (limit in MB), "packed" (a zip bomb),
    "empty"."""

    def __init__(self, reason: str, **params):
        super().__init__(reason)
        self.reason = reason
        self.params = params


@dataclass(frozen=True)
class Picture:
    data: bytes
    content_type: str
    alt: str


@dataclass
class WordText:
    markdown: str
    images: list[Picture] = field(default_factory=list)  # image N is `![…](word-image:N)` in the Markdown


def read(data: bytes) -> WordText:
    """The file's text as Markdown, with its pictures."""
    check(data)
    images: list[Picture] = []

    def picture(image) -> dict:
        with image.open() as stream:
            images.append(Picture(stream.read(), image.content_type or "", (image.alt_text or "").strip()))
        return {"src": f"{PLACEHOLDER}{len(images) - 1}", "alt": images[-1].alt}

    try:
        html = mammoth.convert_to_html(io.BytesIO(_with_item_numbers(data)), style_map=STYLE_MAP,
                                       convert_image=mammoth.images.img_element(picture)).value
    except Exception as error:  # an untrusted file can break a parser in any of its ways: all mean the same
        raise Unreadable("corrupt") from error
    soup = BeautifulSoup(html, "lxml")
    _restore_list_starts(soup)
    markdown = clipboard.convert(soup)
    if not markdown.strip():
        raise Unreadable("empty")
    return WordText(markdown, images)


def check(data: bytes) -> None:
    """Refuse what is not a plain Word document, reading only the zip's directory and its content types."""
    found = tables.kind(data)
    if found in ("doc", "encrypted", "corrupt"):
        raise Unreadable(found)
    if found != "docx":
        raise Unreadable("not_docx")
    parts = zipfile.ZipFile(io.BytesIO(data)).infolist()
    if sum(part.file_size for part in parts) > MAX_UNPACKED_MB * 1024 * 1024:
        raise Unreadable("too_large", limit=MAX_UNPACKED_MB)
    if any(part.file_size > RATIO_FROM and part.file_size > MAX_RATIO * max(part.compress_size, 1)
           for part in parts):
        raise Unreadable("packed")
    names = {part.filename.lower() for part in parts}
    content_types = zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml") \
        if "[content_types].xml" in names else b""
    if any(name.endswith("vbaproject.bin") for name in names) or b"macroEnabled" in content_types:
        raise Unreadable("macros")


def _with_item_numbers(data: bytes) -> bytes:
    """The file with each ordered list item's number (as Word counts it) in a bookmark at its start: mammoth
    numbers every list from 1, and a list of recommendations may start at 5 or go on after a paragraph."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        names = set(source.namelist())
        if "word/numbering.xml" not in names:
            return data
        document = etree.fromstring(source.read("word/document.xml"), XML)
        counter = _Counter(etree.fromstring(source.read("word/numbering.xml"), XML),
                           etree.fromstring(source.read("word/styles.xml"), XML) if "word/styles.xml" in names
                           else None)
        for index, paragraph in enumerate(document.iter(f"{{{W}}}p")):
            number = counter.number(paragraph)
            if number is not None:
                mark = etree.Element(f"{{{W}}}bookmarkStart", {f"{{{W}}}id": str(900000 + index),
                                                               f"{{{W}}}name": f"{NUMBER_MARK}{number}"})
                properties = paragraph.find("w:pPr", NS)
                paragraph.insert(0 if properties is None else 1, mark)
        output = io.BytesIO()
        with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as copy:
            for item in source.infolist():
                copy.writestr(item, etree.tostring(document) if item.filename == "word/document.xml"
                              else source.read(item))
    return output.getvalue()


class _Counter:
    """Word's numbering, simplified: each list (numId) counts its levels from their start (or the list's override),
    a level restarting when a higher one moves on; bullets and unnumbered paragraphs have no number."""

    def __init__(self, numbering, styles):
        self.levels = {
            a.get(f"{{{W}}}abstractNumId"): {
                lvl.get(f"{{{W}}}ilvl"): (int(_value(lvl, "w:start") or 1), _value(lvl, "w:numFmt") or "decimal")
                for lvl in a.findall("w:lvl", NS)}
            for a in numbering.findall("w:abstractNum", NS)}
        self.lists = {
            num.get(f"{{{W}}}numId"): (_value(num, "w:abstractNumId"), {
                o.get(f"{{{W}}}ilvl"): int(_value(o, "w:startOverride"))
                for o in num.findall("w:lvlOverride", NS) if _value(o, "w:startOverride")})
            for num in numbering.findall("w:num", NS)}
        self.style_lists = {} if styles is None else {
            style.get(f"{{{W}}}styleId"): style.find("w:pPr/w:numPr", NS)
            for style in styles.findall("w:style", NS) if style.find("w:pPr/w:numPr", NS) is not None}
        self.counts: dict[str, dict[str, int]] = {}

    def number(self, paragraph) -> int | None:
        numbering = paragraph.find("w:pPr/w:numPr", NS)
        if numbering is None:
            numbering = self.style_lists.get(_value(paragraph, "w:pPr/w:pStyle"))
        if numbering is None:
            return None
        list_id, level = _value(numbering, "w:numId"), _value(numbering, "w:ilvl") or "0"
        if list_id not in self.lists:
            return None  # numId 0: numbering taken off the paragraph
        abstract, overrides = self.lists[list_id]
        start, style = self.levels.get(abstract, {}).get(level, (1, "decimal"))
        if style in ("bullet", "none"):
            return None
        counts = self.counts.setdefault(list_id, {})
        counts[level] = counts[level] + 1 if level in counts else overrides.get(level, start)
        for deeper in [other for other in counts if int(other) > int(level)]:
            del counts[deeper]
        return counts[level]


def _value(element, path: str) -> str | None:
    found = element.find(path, NS)
    return None if found is None else found.get(f"{{{W}}}val")


def _restore_list_starts(soup: BeautifulSoup) -> None:
    """Each ordered list starts at its first item's number; the bookmarks that carried the numbers go."""
    marks = re.compile(f"^{NUMBER_MARK}(\\d+)$")
    for ordered in soup.find_all("ol"):
        first = ordered.find("li")
        mark = first.find("a", id=marks) if first is not None else None
        if mark is not None and mark["id"] != f"{NUMBER_MARK}1":
            ordered["start"] = marks.match(mark["id"]).group(1)
    for mark in soup.find_all("a", id=marks):
        mark.decompose()
