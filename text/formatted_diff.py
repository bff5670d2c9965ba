"""Two texts compared as they print: the new text's rendering, its insertions in <ins> and deletions in <del>.

lxml's htmldiff compares the words of two renderings and keeps the new one's markup, so headings, bold, lists,
tables and notes show as they print. Each mark carries a visually hidden word ("inserted:", "deleted:", given in
the reader's language by the caller) so that a screen reader announces it and no one depends on colour."""
import functools
import re
from dataclasses import dataclass

from lxml import html as lxml_html
from lxml.html.diff import htmldiff_tokens, tokenize

from text import markup
from text.markup import RecLink


@dataclass(frozen=True)
class Labels:
    inserted: str  # e.g. "inserted:"
    deleted: str


# htmldiff lets a mark run across tags (<del>item</li><li>two</del>); an HTML parser then drops the words after
# the first tag from the mark. So each mark is closed before every tag it spans and opened again after it.
# Renderings hold no <ins> or <del> of their own (raw HTML is off; strike-through is <s>).
_MARK = re.compile(r"<(ins|del)>(.*?)</\1>", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_FOOTNOTE_PARTS = {"footnotes", "footnotes-sep", "footnotes-list"}


def formatted_diff(old: str, new: str, labels: Labels, id_prefix: str = "diff-",
                   recommendations: dict[str, RecLink] | None = None) -> str:
    """Safe HTML of `new` with the changes from `old` marked; no mark when the texts print the same."""
    return _formatted_diff(old, new, labels, id_prefix,
                           None if recommendations is None else tuple(sorted(recommendations.items())))


@functools.lru_cache(maxsize=16)
def _formatted_diff(old: str, new: str, labels: Labels, id_prefix: str, links: tuple | None) -> str:
    # Revisions never change, and a reviewer goes back and forth between the same two (a long text takes ~2 s):
    # each worker keeps the last few comparisons.
    recommendations = None if links is None else dict(links)
    before, after = (markup.render(source, id_prefix, recommendations) for source in (old, new))
    # Without include_hrefs, a link's address is not written out as words ("Link: #fn2") beside it.
    chunks = htmldiff_tokens(tokenize(before, include_hrefs=False), tokenize(after, include_hrefs=False))
    diff = _MARK.sub(_within_tags, "".join(chunks).strip())
    return markup.sanitise(_announced(diff, labels) if diff else "", frozenset({"ins"}))


def _within_tags(found: re.Match) -> str:
    kind, inside = found.group(1), found.group(2)
    return f"<{kind}>" + _TAG.sub(lambda tag: f"</{kind}>{tag.group(0)}<{kind}>", inside) + f"</{kind}>"


def _announced(diff: str, labels: Labels) -> str:
    """Each mark said in words; marks of nothing but space dropped, as is the old text's copy of the structure
    around a deleted note (a second footnote list, a second element with the same id)."""
    root = lxml_html.fragment_fromstring(diff, create_parent="div")
    seen: set[str] = set()
    for element in list(root.iter()):
        if element.tag in ("ins", "del") and not element.text_content().strip():
            element.drop_tag()
        elif element.tag in ("ins", "del"):
            _say(element, labels.inserted if element.tag == "ins" else labels.deleted)
        elif element.get("id") in seen or _repeated_footnote_part(element):
            element.drop_tree() if element.tag == "hr" else element.drop_tag()
        elif element.get("id"):
            seen.add(element.get("id"))
    return (root.text or "") + "".join(lxml_html.tostring(child, encoding="unicode") for child in root)


def _repeated_footnote_part(element) -> bool:
    kind = element.get("class")
    return kind in _FOOTNOTE_PARTS and any(
        ancestor.get("class") in (kind, "footnotes") if kind == "footnotes-sep" else ancestor.get("class") == kind
        for ancestor in element.iterancestors())


def _say(mark, label: str) -> None:
    start = lxml_html.Element("span", {"class": "visually-hidden"})
    start.text, start.tail, mark.text = f"[{label} ", mark.text, None
    mark.insert(0, start)
    end = lxml_html.Element("span", {"class": "visually-hidden"})
    end.text = "]"
    mark.append(end)
