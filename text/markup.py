"""Markdown to sanitized HTML, plus plain-text extraction for word counts."""

import functools
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from html import escape
from typing import NamedTuple

import nh3
from markdown_it import MarkdownIt
from markdown_it.rules_block.table import table as _table_rule
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

# What one text may cost to lay out (parse, HTML, PDF, DOCX all grow with these). Real reports have tables of up
# to about 20 columns and a few hundred rows, and a few thousand lines; past a bound, the table (or the whole
# text) is shown as written, in a <pre class="as-written">: slower than a second is never spent, no word dropped.
MAX_TABLE_COLUMNS = 50
MAX_TABLE_CELLS = 10_000  # in all the tables of one text
MAX_NESTING = 20  # blockquotes and lists inside one another
# Each line, block opened and character that starts inline markup costs parsing; weighted as measured (100,000
# "[" took 4.4 s). A 200,000-character report of hard-wrapped prose with notes, links and emphasis costs about 5,000.
RENDER_BUDGET = 10_000
_COSTS = (
    (re.compile(r"\n"), 1),
    (re.compile(r"^[ \t]*(?:[-+*>#]|\d{1,9}[.)])", re.MULTILINE), 3),  # a list item, quote or heading
    (re.compile(r"[\]*`<&\\~]"), 1),
    (re.compile(r"_"), 2),
    (re.compile(r"\["), 3),
    (re.compile(r"!"), 4),
)
AS_WRITTEN = "as-written"

_md = (
    MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False, "maxNesting": MAX_NESTING})
    .enable("table")
    .enable("strikethrough")
    .use(footnote_plugin)
)


def _as_written(content: str) -> Token:
    token = Token("code_block", "code", 0, content=content)
    token.attrSet("class", AS_WRITTEN)
    return token


def _bounded_table(state, start_line: int, end_line: int, silent: bool) -> bool:
    """The table rule, but a table too wide, or past the text's cells, is kept as its source lines.

    The header and delimiter rows tell whether it is a table and how wide, so they are checked first: a table past
    the bounds is never built (3,000 columns × 31 rows took 2 s)."""
    if not _table_rule(state, start_line, min(end_line, start_line + 2), True):
        return False
    if silent:
        return True
    delimiter = state.src[state.bMarks[start_line + 1] + state.tShift[start_line + 1]:state.eMarks[start_line + 1]]
    columns = len(delimiter.strip().strip("|").split("|"))
    rows = (MAX_TABLE_CELLS - state.env.get("table_cells", 0)) // columns - 1  # body rows the cells left allow
    if columns <= MAX_TABLE_COLUMNS and rows >= 0:
        first = len(state.tokens)
        # One row more than allowed, to see whether the table goes on past them.
        _table_rule(state, start_line, min(end_line, start_line + 3 + rows), False)
        body_rows = sum(t.type == "tr_open" for t in state.tokens[first:]) - 1
        if body_rows <= rows:
            state.env["table_cells"] = state.env.get("table_cells", 0) + columns * (1 + body_rows)
            return True
        del state.tokens[first:]
    # The table's lines, up to the next blank line: all of them shown, even if a line there began something else.
    line = start_line + 2
    while line < end_line and not state.isEmpty(line) and state.sCount[line] >= state.blkIndent:
        line += 1
    state.tokens.append(_as_written(state.getLines(start_line, line, state.blkIndent, True)))
    state.tokens[-1].map = [start_line, line]
    state.line = line
    return True


_md.block.ruler.at("table", _bounded_table, {"alt": ["paragraph", "reference"]})

_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
    "strong", "em", "s", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td",
    "sup", "section", "span", "div", "img",
}
# No "style" anywhere: table alignment (style="text-align:...") is dropped.
_ATTRIBUTES = {
    "a": {"href", "title", "id", "class"},
    "li": {"id", "class"},
    "sup": {"id", "class"},
    "section": {"class"},
    "ol": {"start", "class"},
    "hr": {"class"},
    "span": {"class", "title"},
    "div": {"class", "tabindex"},  # only the table box below: Markdown's HTML is off, so no author writes one
    "pre": {"class"},  # only AS_WRITTEN
    "img": {"src", "alt"},  # only an uploaded image's (_image_sources_only)
}
_URL_SCHEMES = {"http", "https", "mailto"}
_LINED = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "pre", "hr", "div")
# On screen, the top-level blocks also say which source line they start on (see _mark_source_lines).
_SCREEN_ATTRIBUTES = {**_ATTRIBUTES, **{tag: _ATTRIBUTES.get(tag, set()) | {"data-line"} for tag in _LINED}}


def _with_id_prefix(rule: Callable[..., str]) -> Callable[..., str]:
    """Prefix footnote ids/hrefs with env["id_prefix"].

    The plugin's footnote_anchor_name rule only controls what follows
    "fn"/"fnref", so the prefix is applied to the finished (fixed-template)
    markup of the three rules that emit footnote ids and links.
    """

    def render_rule(self, tokens, idx, options, env) -> str:
        html = rule(tokens, idx, options, env)
        prefix = env.get("id_prefix", "")
        return html.replace('"#fn', f'"#{prefix}fn').replace('id="fn', f'id="{prefix}fn')

    return render_rule


for _name in ("footnote_ref", "footnote_open", "footnote_anchor"):
    _md.add_render_rule(_name, _with_id_prefix(_md.renderer.rules[_name]))


# A table wider than the column (a phone's, say) scrolls inside its own box, which takes the keyboard's focus
# so that it can be scrolled without a mouse.
_md.add_render_rule("table_open", lambda self, tokens, idx, options, env: (
    f'<div class="table-scroll" tabindex="0"{_data_line(tokens[idx])}>' + self.renderToken(tokens, idx, options, env)))
_md.add_render_rule("table_close", lambda self, tokens, idx, options, env: (
    self.renderToken(tokens, idx, options, env) + "</div>"))


# The screen rendering marks each top-level block with its first source line (0-based), so that the editor's preview
# can show the block under the caret. A table's line goes on its scrolling box, a fence's on its <pre>.
_LINE_ON_PARENT = {"table_open", "fence"}


def _mark_source_lines(tokens: list[Token]) -> None:
    for token in tokens:
        if token.level == 0 and token.nesting != -1 and token.map and token.type != "footnote_block_open":
            if token.type in _LINE_ON_PARENT:
                token.meta["line"] = token.map[0]
            else:
                token.attrSet("data-line", str(token.map[0]))


def _data_line(token: Token) -> str:
    return f' data-line="{token.meta["line"]}"' if "line" in token.meta else ""


_fence = _md.renderer.rules["fence"]
_md.add_render_rule("fence", lambda self, tokens, idx, options, env: (
    _fence(tokens, idx, options, env).replace("<pre", "<pre" + _data_line(tokens[idx]), 1)))


# Images: only those uploaded to the editor are shown, by their address /images/<id> (which only readers of the
# section may open, and which the files carry). Any other source (a web address, data:, a file's path) would make
# readers' browsers fetch it, or vanish from the files: it is a note in the text instead, never silence. text/
# translates nothing: the app passes the note's words in the reader's (or the report's) language.
IMAGE_SOURCE = re.compile(r"/images/([0-9]{1,18})")
IMAGE_NOTE = "image not shown (upload it in the editor)"
_ALT_PUNCTUATION = re.compile(r"[\\`*_\[\]<>!&]")


def image_markdown(image_id: int, alt: str) -> str:
    """The line that shows an uploaded image in a text, its description escaped so that it reads as written."""
    escaped = _ALT_PUNCTUATION.sub(r"\\\g<0>", alt)
    return f"![{escaped}](/images/{image_id})"


def image_ids(source: str) -> set[int]:
    """The uploaded images a text shows."""
    return {int(token.attrGet("src").rsplit("/", 1)[1])
            for block in parse(source) for token in block.children or []
            if token.type == "image" and IMAGE_SOURCE.fullmatch(str(token.attrGet("src") or ""))}


def _image(self, tokens, idx, options, env) -> str:
    token = tokens[idx]
    alt = self.renderInlineAsText(token.children or [], options, env)
    source = str(token.attrGet("src") or "")
    found = IMAGE_SOURCE.fullmatch(source)
    if found and (env.get("images") is None or int(found.group(1)) in env["images"]):
        return f'<img src="{source}" alt="{escape(alt)}">'
    note = escape(env.get("image_note") or IMAGE_NOTE)
    return f'<span class="image-missing" title="{escape(source)}">[{note}{": " + escape(alt) if alt else ""}]</span>'


_md.add_render_rule("image", _image)


def _image_sources_only(element: str, attribute: str, value: str) -> str | None:
    """The sanitiser's last word on an <img>: its source is an uploaded image's, or it has none."""
    if element == "img" and attribute == "src" and not IMAGE_SOURCE.fullmatch(value):
        return None
    return value


# A citation of a UN recommendation in a section's text: [rec:118.12].
REC_CITATION = re.compile(r"\[rec:(\d{1,3}(?:\.\d{1,3}){1,2})\]")


@dataclass(frozen=True)
class RecLink:
    """Where a cited recommendation lives, and what to say on hover (its status); no href: unknown number."""

    href: str
    title: str
    status: str


def cited_numbers(source: str) -> set[str]:
    return set(REC_CITATION.findall(source))


# Unicode's own separators, pasted from some editors, have no glyph in any font: a paragraph separator
# ends a paragraph, a line separator breaks the line (a hard break, and a newline in code).
PARAGRAPH_SEPARATOR, LINE_SEPARATOR = "\u2029", "\u2028"


def _line_separators(state) -> None:
    for token in state.tokens:
        if token.type in ("code_block", "fence"):
            token.content = token.content.replace(LINE_SEPARATOR, "\n")
        elif token.type == "inline" and token.children:  # (its content may not hold all its lines: see below)
            token.children = [part for child in token.children for part in _broken_at_separators(child)]


def _broken_at_separators(child: Token) -> list[Token]:
    if child.type != "text" or LINE_SEPARATOR not in child.content:
        return [child]
    parts = []
    for i, piece in enumerate(child.content.split(LINE_SEPARATOR)):
        if i:
            parts.append(Token("hardbreak", "br", 0))
        parts.append(Token("text", "", 0, content=piece))
    return parts


_md.core.ruler.push("line_separators", _line_separators)


# A line break the writer types is a paragraph break, as in Word (issue 20). Inside a list item or a footnote a new
# paragraph would end the item or split the note, so there it is a line break (<br>), as Shift+Enter in Word.
_KEEPS_ITS_LINES = {"list_item_open": 1, "list_item_close": -1, "footnote_open": 1, "footnote_close": -1}


def _paragraphs_at_line_breaks(state) -> None:
    tokens, depth, i = [], 0, 0
    while i < len(state.tokens):
        token = state.tokens[i]
        depth += _KEEPS_ITS_LINES.get(token.type, 0)
        inline = state.tokens[i + 1] if token.type == "paragraph_open" else None
        if inline is None or not any(child.type == "softbreak" for child in inline.children or []):
            tokens.append(token)
            i += 1
        elif depth:
            inline.children = [Token("hardbreak", "br", 0) if child.type == "softbreak" else child
                               for child in inline.children]
            tokens.append(token)
            i += 1
        else:
            tokens += _split_paragraph(token, inline, state.tokens[i + 2])
            i += 3
    state.tokens = tokens


def _split_paragraph(opening: Token, inline: Token, closing: Token) -> list[Token]:
    """One paragraph per line; emphasis or a link running across lines is closed and opened again."""
    pieces: list[tuple[int, list[Token]]] = [(0, [])]  # (the line it starts on, in the paragraph; its children)
    opened: list[Token] = []
    line = 0
    for child in inline.children:
        if child.type == "softbreak":
            line += 1
            pieces[-1][1].extend(Token(t.type.replace("_open", "_close"), t.tag, -1, markup=t.markup)
                                 for t in reversed(opened))
            pieces.append((line, [t.copy() for t in opened]))
            continue
        line += child.type == "hardbreak"
        if child.nesting == 1:
            opened.append(child)
        elif child.nesting == -1 and opened:
            opened.pop()
        pieces[-1][1].append(child)
    # Each new paragraph's content is its source lines, as near as the tokens tell: a code span across lines
    # shows no break, so after one the lines (and the map) run early. Nothing relies on the content alone.
    first = opening.map[0] if opening.map else 0
    lines = inline.content.split("\n")
    ends = [start for start, _ in pieces[1:]] + [len(lines)]
    tokens = []
    for (start, children), end in zip(pieces, ends):
        where = [first + start, first + end]
        tokens += [opening.copy(map=where),
                   inline.copy(map=where, children=children, content="\n".join(lines[start:end])),
                   closing.copy()]
    return tokens


_md.core.ruler.before("line_separators", "paragraphs_at_line_breaks", _paragraphs_at_line_breaks)


# An asterisk between two digits is a multiplication (5*3*2), never emphasis.
_DIGITS = frozenset("0123456789")


def _asterisk_between_digits(state, silent: bool) -> bool:
    pos = state.pos
    if (state.src[pos] != "*" or pos == 0 or state.src[pos - 1] not in _DIGITS
            or state.src[pos + 1:pos + 2] not in _DIGITS or pos + 1 == state.posMax):
        return False
    if not silent:
        state.pending += "*"
    state.pos += 1
    return True


_md.inline.ruler.before("emphasis", "asterisk_between_digits", _asterisk_between_digits)


def parse(source: str, env: dict | None = None) -> list[Token]:
    """The text's tokens; a text past the render budget is one block shown as written."""
    source = source.replace(PARAGRAPH_SEPARATOR, "\n\n")
    if sum(len(pattern.findall(source)) * cost for pattern, cost in _COSTS) > RENDER_BUDGET:
        whole = _as_written(source.replace(LINE_SEPARATOR, "\n"))
        whole.map = [0, source.count("\n") + 1]
        return [whole]
    return _md.parse(source, env)


class Paragraph(NamedTuple):
    """A paragraph the PDF numbers: the source line it starts on (its screen block's data-line), its source text."""

    line: int
    text: str


@functools.lru_cache(maxsize=512)
def numbered_paragraphs(source: str) -> tuple[Paragraph, ...]:
    """The paragraphs that take a number in print, in order: those at the top level of the text (not in a list,
    a quote or a note's definition) that are not images alone (FIGURE) and that print something. Headings, tables,
    code and a text shown as written take none. Kept per worker: the section page counts every section's."""
    source = source.replace(PARAGRAPH_SEPARATOR, "\n\n")
    lines = source.split("\n")
    tokens = parse(source, {})
    return tuple(Paragraph(opening.map[0], "\n".join(lines[opening.map[0]:opening.map[1]]).strip())
                 for opening, inline in zip(tokens, tokens[1:])
                 if opening.type == "paragraph_open" and opening.level == 0 and opening.map
                 and not is_figure(inline) and _prints_something(inline))


def _prints_something(inline: Token) -> bool:
    """What render_for_print keeps of a paragraph (it drops those the sanitiser empties); a note's reference
    always prints its number."""
    children = inline.children or []
    return any(child.type == "footnote_ref" for child in children) or bool(
        _clean_for_print(_md.renderer.renderInline(children, _md.options, {})).strip())


_BLOCK_START = re.compile(r'<(?:p|h[1-6]|ul|ol|blockquote|pre|hr|div)\b[^>]*? data-line="(\d+)"')


def screen_blocks(html: str) -> list[tuple[int | None, str]]:
    """A screen rendering (render()'s) cut before each top-level block, each piece with the source line its block
    starts on (None before the first), so that a page can set something beside each. Only top-level blocks carry
    data-line, and a quote inside a text or an attribute is escaped: each piece is whole elements."""
    starts = list(_BLOCK_START.finditer(html))
    cuts = [0, *(found.start() for found in starts), len(html)]
    lines = [None, *(int(found.group(1)) for found in starts)]
    return [(line, html[start:end]) for line, start, end in zip(lines, cuts, cuts[1:]) if html[start:end].strip()]


def shown_as_written(html: str) -> bool:
    """Whether part of this rendering is shown as written, past a bound above."""
    return f'class="{AS_WRITTEN}"' in html


def render(source: str, id_prefix: str = "", recommendations: dict[str, RecLink] | None = None,
           image_note: str = IMAGE_NOTE) -> str:
    """Render markdown to HTML that is safe to insert into a page.

    id_prefix keeps footnote ids unique when one page shows several renderings. With `recommendations`
    (number -> link, for every number cited), each [rec:NUMBER] becomes a link to it, or is flagged.
    image_note: the words, translated, for an image that is not shown.
    """
    return _render(source, id_prefix, None if recommendations is None else tuple(sorted(recommendations.items())),
                   image_note)


@functools.lru_cache(maxsize=64)
def _render(source: str, id_prefix: str, links: tuple | None, image_note: str = IMAGE_NOTE) -> str:
    # Revisions never change and pages show the same few again and again: the HTML of a text with the same
    # links (whose statuses are part of the key) is kept, per worker, for the 64 texts last shown.
    recommendations = None if links is None else dict(links)
    env = {"id_prefix": id_prefix, "image_note": image_note}
    tokens = parse(source, env)
    _mark_source_lines(tokens)
    if recommendations is not None:
        _replace_citations(tokens, lambda number: _rec_link(number, recommendations.get(number, _UNKNOWN)))
    html = _md.renderer.render(tokens, _md.options, env)
    return nh3.clean(html, tags=_TAGS, attributes=_SCREEN_ATTRIBUTES, url_schemes=_URL_SCHEMES,
                     attribute_filter=_image_sources_only)


def sanitise(html: str, tags: frozenset[str] = frozenset()) -> str:
    """HTML made from screen renderings (two of them diffed, say) cleaned as render() cleans, plus `tags`."""
    return nh3.clean(html, tags=_TAGS | tags, attributes=_ATTRIBUTES, url_schemes=_URL_SCHEMES,
                     attribute_filter=_image_sources_only)


_UNKNOWN = RecLink("", "", "unknown")
# A recommendation's page is a path of this site: anything else (a scheme, a host, an invisible character
# a browser might skip) is not linked, whatever put it there.
_SITE_PATH = re.compile(r"/[\w/.-]*")


def _rec_link(number: str, link: RecLink) -> str:
    if not _SITE_PATH.fullmatch(link.href) or link.href.startswith("//"):
        return f'<span class="rec-unknown" title="{escape(link.title)}">[rec:{number}]</span>'
    return (f'<a class="rec rec-{escape(link.status)}" href="{escape(link.href)}" title="{escape(link.title)}">'
            f'{number}</a>')


def _replace_citations(tokens: list[Token], html_for: Callable[[str], str]) -> None:
    """Turn each [rec:NUMBER] in the text (not in code) into the HTML html_for(number) gives; inside
    a link, into the bare number (a link cannot hold another)."""
    for token in tokens:
        if token.type != "inline" or not token.children:
            continue
        children, in_link = [], 0
        for child in token.children:
            in_link += {"link_open": 1, "link_close": -1}.get(child.type, 0)
            if child.type != "text" or "[rec:" not in child.content:
                children.append(child)
                continue
            position = 0
            for found in REC_CITATION.finditer(child.content):
                children.append(Token("text", "", 0, content=child.content[position:found.start()]))
                number = found.group(1)
                children.append(Token("html_inline", "", 0, content=number if in_link else html_for(number)))
                position = found.end()
            children.append(Token("text", "", 0, content=child.content[position:]))
        token.children = children


def plain_text(source: str) -> tuple[str, str]:
    """Return (body text, footnote text) with all markdown syntax removed."""
    return plain_text_of(parse(source))


def plain_text_of(tokens: list[Token]) -> tuple[str, str]:
    """plain_text of a parsed text."""
    body: list[str] = []
    notes: list[str] = []
    target = body
    for token in tokens:
        if token.type == "footnote_block_open":
            target = notes
        elif token.type == "footnote_block_close":
            target = body
        elif token.type in ("fence", "code_block"):
            target.append(token.content)
        elif token.type == "inline":
            target.append(_inline_text(token.children or []))
    # Separate blocks (paragraphs, table cells) so their words never merge.
    return "\n".join(body), "\n".join(notes)


def _inline_text(children: list[Token]) -> str:
    # Joined without separators: "foo**bar**" is the single word "foobar". A citation counts as what the
    # files print: the bare number.
    parts = []
    for child in children:
        if child.type == "text":
            parts.append(REC_CITATION.sub(r"\1", child.content))
        elif child.type == "code_inline":
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


# Print rendering (pdf.py): the footnote plugin's list at the end of each rendering suits a
# web page; a printed report wants its notes at the page bottom or collected at the very end.
_PRINT_TAGS = _TAGS - {"div"}  # paper does not scroll: no table box
_PRINT_ATTRIBUTES = {**_ATTRIBUTES, "span": {"class"}, "p": {"class"}}  # p: only FIGURE
_EMPTY_PARAGRAPH = re.compile(r"<p>\s*</p>\n?")
# WeasyPrint breaks a line quickly only at a space: a run of characters wider than the line makes it lay out the
# whole rest of the block for each line (20,000 "[" shown as written: 17 s). In a preformatted block (code, a text
# shown as written) a line break after every 80 characters without a space keeps it linear.
_LONG_RUN = re.compile(r"\S{80}(?=\S)")


def _wrap_preformatted(tokens: list[Token]) -> None:
    for token in tokens:
        if token.type in ("code_block", "fence"):
            token.content = _LONG_RUN.sub("\\g<0>\n", token.content)


@dataclass(frozen=True)
class PrintNote:
    number: int
    html: str  # sanitised inline HTML
    anchor: str  # the note's id; its first reference is "ref-" + anchor


@dataclass(frozen=True)
class PrintMarkup:
    html: str
    notes: list[PrintNote]  # empty when the notes are inline


FIGURE = "figure"  # a paragraph of images alone: not numbered, like a heading


def _mark_figures(tokens: list[Token]) -> None:
    for opening, inline in zip(tokens, tokens[1:]):
        if opening.type == "paragraph_open" and is_figure(inline):
            opening.attrSet("class", FIGURE)


def is_figure(inline: Token) -> bool:
    """Whether a paragraph's inline token holds images and nothing else (but spaces and line breaks)."""
    children = inline.children or []
    return any(child.type == "image" for child in children) and all(
        child.type in ("image", "softbreak", "hardbreak") or (child.type == "text" and not child.content.strip())
        for child in children)


def render_for_print(source: str, notes_inline: bool, first_note: int = 1, image_note: str = IMAGE_NOTE,
                     images: Collection[int] | None = None) -> PrintMarkup:
    """Render markdown for a printed document, sanitised like render().

    notes_inline: each footnote reference becomes <span class="footnote">its note</span>, for a
    CSS page footnote, and the footnote list is dropped. Otherwise a reference becomes a
    superscript link to "#note-<n>", numbered from first_note so that notes run on across
    several renderings, and the notes are returned for an endnote list.
    Paragraphs the sanitiser empties are dropped: they must not take a number; nor does a paragraph of images
    alone (class FIGURE). image_note: the words, in the report's language, for an image that is not shown;
    images: the uploaded images the document has (None: all), any other one is not shown.
    """
    env = {"image_note": image_note, "images": images}
    tokens = parse(source, env)
    _mark_figures(tokens)
    _replace_citations(tokens, lambda number: number)  # in print, a cited recommendation is its number
    _wrap_preformatted(tokens)
    end = next((i for i, t in enumerate(tokens) if t.type == "footnote_block_open"), len(tokens))
    body, contents = tokens[:end], _footnote_contents(tokens[end:], env)
    for token in body:
        for i, child in enumerate(token.children or []):
            if child.type == "footnote_ref":
                html = (f'<span class="footnote">{contents[child.meta["id"]]}</span>' if notes_inline
                        else _note_reference(child.meta, first_note))
                token.children[i] = Token("html_inline", "", 0, content=html)
    html = _clean_for_print(_md.renderer.render(body, _md.options, env))
    notes = [] if notes_inline else [
        PrintNote(first_note + i, _clean_for_print(contents[i]), f"note-{first_note + i}")
        for i in sorted(contents)
    ]
    return PrintMarkup(_EMPTY_PARAGRAPH.sub("", html), notes)


def _footnote_contents(block: list[Token], env: dict) -> dict[int, str]:
    """Footnote id -> its content as inline HTML, paragraphs separated by <br>."""
    contents: dict[int, list[str]] = {}
    for token in block:
        if token.type == "footnote_open":
            parts = contents.setdefault(token.meta["id"], [])
        elif token.type == "inline":
            # A reference inside a note has nowhere sensible to go in print.
            children = [c for c in token.children or [] if c.type != "footnote_ref"]
            parts.append(_md.renderer.renderInline(children, _md.options, env))
    return {i: "<br>".join(parts) for i, parts in contents.items()}


def _note_reference(meta: dict, first_note: int) -> str:
    anchor = f"note-{first_note + meta['id']}"
    # A note cited twice keeps its number; each citation needs its own id.
    ref_id = f"ref-{anchor}-{meta['subId']}" if meta.get("subId") else f"ref-{anchor}"
    return f'<sup class="noteref"><a href="#{anchor}" id="{ref_id}">{first_note + meta["id"]}</a></sup>'


def _clean_for_print(html: str) -> str:
    return nh3.clean(html, tags=_PRINT_TAGS, attributes=_PRINT_ATTRIBUTES, url_schemes=_URL_SCHEMES,
                     attribute_filter=_image_sources_only)
