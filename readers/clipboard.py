"""Rich text as the clipboard carries it from Word, LibreOffice or Google Docs (and as mammoth makes it from a .docx),
to the project's Markdown: headings from ###, **bold**, *italic*, lists keeping their first number, links, pipe
tables and footnotes ([^1] with their definitions at the end).

Each program writes its own dialect; `clean` turns all three into plain HTML (Word's paragraphs that only look like
list items become lists, Google Docs' styled spans become <strong> and <em>, footnotes are taken out), and one
markdownify converter writes the Markdown. Pure: a string in, a string out."""
import re

from bs4 import BeautifulSoup, Comment, Tag
from markdownify import ATX, BACKSLASH, MarkdownConverter

TOP_HEADING = 3  # a section's own headings start at ###: the report's groups and sections are levels 1 and 2
# A footnote reference's target, as each program names it: Word (_ftn1, endnotes _edn1), LibreOffice
# (sdfootnote1sym) and mammoth (footnote-1).
NOTE_TARGET = re.compile(r"#((?:_ftn|_edn)\d+|sd(?:foot|end)note\d+sym|(?:foot|end)note-\d+)$")
# An image's source worth keeping: a web address (shown as a link by the renderer), the app's own image, or a
# picture of a Word file that the import stores (word_file.PLACEHOLDER).
KEPT_IMAGE = re.compile(r"^(?:https?://\S+|/images/\d+|word-image:\d+)$")
BOLD = re.compile(r"(?:^|;)\s*font-weight\s*:\s*(?:bold|[6-9]00)\b")
NOT_BOLD = re.compile(r"(?:^|;)\s*font-weight\s*:\s*(?:normal|[1-4]00)\b")
ITALIC = re.compile(r"(?:^|;)\s*font-style\s*:\s*italic\b")
HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]
TEXT_BLOCKS = ["p", "li", "td", "th", *HEADINGS]
WORD_LIST = re.compile(r"mso-list\s*:\s*l(\d+)\s+level(\d+)")
NUMBER = re.compile(r"^\(?(?:\d{1,9}\.)*(\d{1,9})[.)]?$")  # 5. 5) (5) and a multilevel 5.2.: the item's own 2
# Never text; a table's <col>s would hide its first row from markdownify (which then writes no header line).
DROPPED = ("head", "style", "script", "title", "meta", "link", "xml", "template", "colgroup", "col")
# Text that would start a Markdown block at the beginning of a line: a heading, quote, list item, thematic
# break or setext underline (a code fence cannot: its ` and ~~ are always escaped).
LINE_START = re.compile(r"^([ \t]*)(#{1,6}(?=[ \t]|$)|>|[-+](?=[ \t]|$)|\d{1,9}(?=[.)](?:[ \t]|$))|[-=]+[ \t]*$)",
                        re.MULTILINE)
ENTITY = re.compile(r"&(?=#?\w+;)")  # "&copy;" typed as such, which Markdown would turn into ©
EDGE_UNDERSCORE = re.compile(r"(?<!\w)_|_(?!\w)")  # inside a word (snake_case) it emphasises nothing


def to_markdown(html: str) -> str:
    """The clipboard's HTML as the project's Markdown ("" when it holds no text)."""
    return convert(BeautifulSoup(html, "lxml"))


def convert(soup: BeautifulSoup) -> str:
    """The Markdown of a parsed page in any of the dialects: its text, then its footnotes' definitions."""
    root = soup.body or soup
    clean(root)
    notes = take_footnotes(root)
    make_word_lists(root)
    _shift_headings(root)
    converter = Converter()
    text = _paragraphs(converter.convert_soup(root))
    definitions = [f"[^{n}]: {' '.join(converter.convert_soup(note).split())}" for n, note in enumerate(notes, 1)]
    return "\n\n".join(part for part in (text, "\n".join(definitions)) if part)


class Converter(MarkdownConverter):
    """markdownify with the project's choices: ATX headings, "-" bullets, * for emphasis, a header row for every
    table, footnote references, and only the escapes a reader would otherwise misread."""

    class Options(MarkdownConverter.DefaultOptions):
        heading_style = ATX
        bullets = "-"
        newline_style = BACKSLASH
        table_infer_header = True
        wrap, wrap_width = True, None  # a line break in the HTML source is a space: only <br> breaks a line
        escape_asterisks = False  # done by `escape`, as needed
        escape_underscores = False

    def escape(self, text, parent_tags):
        text = text.replace("\\", "\\\\").replace("*", "\\*").replace("`", "\\`")
        text = EDGE_UNDERSCORE.sub(r"\\_", text)
        text = ENTITY.sub(r"\\&", text)
        text = text.replace("[", "\\[").replace("]", "\\]").replace("~~", "\\~\\~")
        if parent_tags & {"td", "th"}:
            text = text.replace("|", "\\|")
        return text

    def convert_p(self, el, text, parent_tags):
        if not el.get_text().strip() and el.find(["img", "footnote-ref"]) is None:
            return ""  # empty paragraphs (Word's &nbsp; in <o:p>, LibreOffice's <br>) space the page, not the text
        if "_inline" not in parent_tags:
            text = LINE_START.sub(_escape_line_start, text.strip())
        return super().convert_p(el, text, parent_tags)

    def convert_img(self, el, text, parent_tags):
        return super().convert_img(el, text, parent_tags) if KEPT_IMAGE.match(el.get("src", "")) else ""

    def convert_a(self, el, text, parent_tags):
        href = el.get("href", "")
        if not re.match(r"(?:https?|mailto):", href):
            return text  # Word's bookmarks (#_Toc…), local files: the words stay, the link cannot work here
        return super().convert_a(el, text, parent_tags)

    def convert_footnote_ref(self, el, text, parent_tags):
        return f"[^{el['n']}]"


def _escape_line_start(match: re.Match) -> str:
    indent, marker = match.groups()
    if marker[0].isdigit():
        return f"{indent}{marker}\\"  # "2019. " stays a number: the dot after it is escaped
    return f"{indent}\\{marker}"


def _paragraphs(text: str) -> str:
    """One blank line between blocks, none at the ends, no spaces left at line ends."""
    text = re.sub(r"[ \t]+$", "", text, flags=re.MULTILINE)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def clean(root: Tag) -> None:
    """Plain HTML from each program's dialect (comments, which Word's <![if …]> parts become, are skipped by the
    converter): no styles or head, bold and italic as tags,
    Google Docs' wrapper gone, line breaks only inside paragraphs, and nested lists inside their items."""
    for tag in root.find_all(DROPPED):
        tag.decompose()
    for tag in root.find_all(["b", "strong"], style=NOT_BOLD):
        tag.unwrap()  # Google Docs' wrapper <b style="font-weight:normal" id="docs-internal-guid-…">
    for span in root.find_all("span", style=True):
        _styled(span)
    for span in root.find_all("span", style=re.compile(r"mso-spacerun")):
        span.replace_with(" ")
    for br in root.find_all("br"):
        if not _within(br, TEXT_BLOCKS) or _last_in_block(br):
            br.decompose()  # between blocks (Google Docs) or ending one: the blocks are apart already
    for wrapper in root.find_all("div", class_="ListContainerWrapper"):
        wrapper.unwrap()  # Word Online: each item in a list of its own, in a <div> of its own
    for later in root.find_all(["ul", "ol"]):
        before = later.find_previous_sibling()
        if before is not None and before.name == later.name and later.parent.name not in ("ul", "ol"):
            before.extend(later.find_all("li", recursive=False))  # one list again, numbered from the first
            later.decompose()
    for inner in root.find_all(["ul", "ol"]):
        before = inner.find_previous_sibling()
        if inner.parent.name in ("ul", "ol") and before is not None and before.name == "li":
            before.append(inner.extract())  # Google Docs puts a nested list beside its item
    for item in root.find_all("li"):
        paragraphs = item.find_all("p", recursive=False)
        if len(paragraphs) == 1:
            paragraphs[0].unwrap()  # Google Docs and LibreOffice: an item's one paragraph keeps the list tight
    for table in root.find_all("table"):
        _plain_header(table)


def _last_in_block(node: Tag) -> bool:
    """Whether nothing but white space follows the node in its paragraph, item, cell or heading."""
    while node.name not in TEXT_BLOCKS:
        if any(isinstance(after, Tag) or (after.strip() and not isinstance(after, Comment))
               for after in node.next_siblings):
            return False
        node = node.parent
    return True


def _styled(span: Tag) -> None:
    """Google Docs' bold and italic are styles on spans: made tags, which the converter knows."""
    style = span["style"]
    for pattern, name in ((ITALIC, "em"), (BOLD, "strong")):
        if name == "strong" and _within(span, HEADINGS):
            continue  # a heading is bold already (Google Docs' themes say so on its spans)
        if pattern.search(style) and span.get_text().strip():
            span.wrap(_soup_of(span).new_tag(name))


def _within(tag: Tag, names: list[str]) -> bool:
    """Whether the tag is inside one of these elements (bs4's find_parent builds a filter per call: slow)."""
    return any(parent.name in names for parent in tag.parents)


def _soup_of(tag: Tag) -> BeautifulSoup:
    while tag.parent is not None:
        tag = tag.parent
    return tag


def _plain_header(table: Tag) -> None:
    """The header row is bold as a header already: its own bold would print as ** in the cells."""
    first = table.find("tr")
    if first is not None:
        for tag in first.find_all(["b", "strong"]):
            tag.unwrap()


def take_footnotes(root: Tag) -> list[Tag]:
    """Each footnote's text in the order the text refers to them; the references become <footnote-ref n=…>,
    the notes and the lists or dividers holding them leave the text."""
    places = {}  # what an anchor may point to, by its id or name (found once: a long paste has many notes)
    for tag in root.find_all(lambda t: t.has_attr("id") or t.has_attr("name")):
        for key in (tag.get("id"), tag.get("name")):
            places.setdefault(key, tag)
    notes, numbers = [], {}
    for ref in root.find_all("a", href=NOTE_TARGET):
        target = places.get(NOTE_TARGET.search(ref["href"]).group(1))
        note = target if target is not None and target.name == "li" else target and target.find_parent(["div", "li"])
        if note is None:
            continue
        if id(note) not in numbers:
            for back in note.find_all("a", href=re.compile("^#")):
                back.decompose()  # the note's link back to its reference: [1], 1 or ↑
            notes.append(note.extract())
            note.name = "div"  # mammoth's note is a list item: its text is no list
            numbers[id(note)] = len(notes)
        marker = _soup_of(ref).new_tag("footnote-ref")
        marker["n"] = str(numbers[id(note)])
        ref.replace_with(marker)
    for holder in root.find_all("div", style=re.compile(r"mso-element\s*:\s*(?:foot|end)note-list")):
        holder.decompose()  # Word's list of notes with its separator line
    for holder in root.find_all(["ol", "ul"]):
        if holder.find("li") is None:
            holder.decompose()  # mammoth's list of notes, now empty
    return notes


def make_word_lists(root: Tag) -> None:
    """Word (desktop) writes a list as paragraphs with `mso-list:l0 level1` styles and the number or bullet as text
    in a span marked `mso-list:Ignore`: each run of them becomes nested <ol>/<ul> lists, the first number kept."""
    for paragraph in root.find_all("p", style=WORD_LIST):
        if _within(paragraph, ["li"]):
            continue  # already moved into a list built from an earlier paragraph of its run
        _build_list(_run_from(paragraph))
    for marker in root.find_all("span", style=re.compile(r"mso-list\s*:\s*Ignore")):
        marker.decompose()  # a numbered heading's number: Word numbers it, the report numbers its own


def _run_from(first: Tag) -> list[Tag]:
    """The list paragraphs that follow each other from this one."""
    run, node = [first], first.find_next_sibling()
    while node is not None and node.name == "p" and WORD_LIST.search(node.get("style", "")):
        run.append(node)
        node = node.find_next_sibling()
    return run


def _build_list(run: list[Tag]) -> None:
    stack: list[tuple[int, Tag]] = []  # (level, list) from the outermost
    soup = _soup_of(run[0])
    anchor = run[0]
    for paragraph in run:
        level = int(WORD_LIST.search(paragraph["style"]).group(2))
        number = _marker_number(paragraph)
        kind = "ol" if number is not None else "ul"
        while stack and (stack[-1][0] > level or (stack[-1][0] == level and stack[-1][1].name != kind)):
            stack.pop()
        if not stack or stack[-1][0] < level:
            new = soup.new_tag(kind)
            if number is not None and number != 1:
                new["start"] = str(number)
            if stack:
                stack[-1][1].find_all("li", recursive=False)[-1].append(new)
            else:
                anchor.insert_before(new)
            stack.append((level, new))
        item = soup.new_tag("li")
        stack[-1][1].append(item)
        item.append(paragraph.extract())
        paragraph.name = "span"  # the item's text, without a paragraph's blank lines around it
        del paragraph["style"]


def _marker_number(paragraph: Tag) -> int | None:
    """The number Word wrote for the item ("5." → 5, "5.2." → 2), or None for a bullet (·, o, §, -) or a letter."""
    marker = paragraph.find("span", style=re.compile(r"mso-list\s*:\s*Ignore"))
    if marker is None:
        return None
    found = NUMBER.match(marker.get_text().strip())
    marker.decompose()
    return int(found.group(1)) if found else None


def _shift_headings(root: Tag) -> None:
    """The text's highest heading becomes ###, the others follow it (down to ######)."""
    headings = root.find_all(re.compile(r"^h[1-6]$"))
    if not headings:
        return
    top = min(int(h.name[1]) for h in headings)
    for heading in headings:
        heading.name = f"h{min(6, int(heading.name[1]) - top + TOP_HEADING)}"
