"""Markdown to sanitized HTML, plus plain-text extraction for word counts."""

from collections.abc import Callable

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

_md = (
    MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    .enable("table")
    .enable("strikethrough")
    .use(footnote_plugin)
)

_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
    "strong", "em", "s", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td",
    "sup", "section",
}
# No "style" anywhere: table alignment (style="text-align:...") is dropped.
_ATTRIBUTES = {
    "a": {"href", "title", "id", "class"},
    "li": {"id", "class"},
    "sup": {"id", "class"},
    "section": {"class"},
    "ol": {"start", "class"},
    "hr": {"class"},
}
_URL_SCHEMES = {"http", "https", "mailto"}


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


def parse(source: str) -> list[Token]:
    return _md.parse(source)


def render(source: str, id_prefix: str = "") -> str:
    """Render markdown to HTML that is safe to insert into a page.

    id_prefix keeps footnote ids unique when one page shows several renderings.
    """
    html = _md.render(source, {"id_prefix": id_prefix})
    return nh3.clean(html, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=_URL_SCHEMES)


def plain_text(source: str) -> tuple[str, str]:
    """Return (body text, footnote text) with all markdown syntax removed."""
    body: list[str] = []
    notes: list[str] = []
    target = body
    for token in parse(source):
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
    # Joined without separators: "foo**bar**" is the single word "foobar".
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)
