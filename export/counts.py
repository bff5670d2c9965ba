"""The words of each part of the exported report, counted by Word's rule on the text word.py writes.

So that the figure the app shows for the whole file is what Word's status bar shows for the DOCX (with
"include textboxes, footnotes and endnotes"; headers and footers are never counted), each part below is the text
word.py puts in the file, the numbers it types included (a heading's "2.3"). Numbers Word makes itself (the
paragraphs' "12.", list items, note marks and the endnotes' numbers) are not words there, nor here.
"""
import functools
from dataclasses import dataclass, field

from markdown_it.token import Token

from export.document import FOOTNOTES, Annex, DocGroup, Document
from text.markup import parse, plain_text_of
from text.memo import by_digest
from text.wordcount import count_words

# The parts of the file, as a count rule names them (coalition.vocabulary.COUNT_RULES).
BODY, NOTES, HEADINGS, FRONT, CONTENTS, COVER, ANNEX = (
    "body", "notes", "headings", "front", "contents", "cover", "annex")


@dataclass(frozen=True)
class Words:
    """The words of a section, a group or the report's sections and notes."""

    body: int = 0
    notes: int = 0
    headings: int = 0  # with their numbers ("2.3")

    def __add__(self, other: "Words") -> "Words":
        return Words(self.body + other.body, self.notes + other.notes, self.headings + other.headings)


@dataclass(frozen=True)
class SectionWords:
    title: str
    anchor: str
    words: Words


@dataclass(frozen=True)
class GroupWords:
    name: str
    words: Words  # its heading and its sections
    sections: tuple[SectionWords, ...]


@dataclass(frozen=True)
class FileWords:
    groups: tuple[GroupWords, ...]
    report: Words  # the groups, and the coalition's notes when they are endnotes
    front: int = 0  # contact, organisations, about the coalition (their headings too)
    contents: int = 0
    cover: int = 0
    annex: int = 0
    parts: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "parts", {
            BODY: self.report.body, NOTES: self.report.notes, HEADINGS: self.report.headings, FRONT: self.front,
            CONTENTS: self.contents, COVER: self.cover, ANNEX: self.annex})

    @property
    def whole(self) -> int:
        return sum(self.parts.values())

    def of(self, parts: frozenset[str]) -> int:
        return sum(self.parts[part] for part in parts)


# The overview, the editor and the export page count the same texts again and again until someone saves.
@functools.lru_cache(maxsize=32)
def count_file(doc: Document) -> FileWords:
    footnotes = doc.notes == FOOTNOTES
    groups = tuple(_group(number, group, footnotes) for number, group in enumerate(doc.groups, 1))
    report = sum((group.words for group in groups), Words())
    coalition = _markdown(doc.coalition, footnotes)
    front = _front(doc) + coalition.body
    if footnotes:
        front += coalition.notes
    else:  # endnotes: the coalition's come first, then the sections', all at the end of the report's text
        report += Words(notes=coalition.notes)
    return FileWords(groups=groups, report=report, front=front, contents=_contents(doc), cover=_cover(doc),
                     annex=_annex(doc.annex) + _annex_contents(doc.annex) if doc.annex else 0)


def _group(number: int, group: DocGroup, footnotes: bool) -> GroupWords:
    sections = tuple(SectionWords(section.title, section.anchor, _markdown(section.body, footnotes)
                                  + Words(headings=count_words(f"{number}.{s} {section.title}")))
                     for s, section in enumerate(group.sections, 1))
    heading = Words(headings=count_words(f"{number}. {group.name}"))
    return GroupWords(group.name, sum((s.words for s in sections), heading), sections)


@by_digest(maxsize=512)  # the overview and the editor count the whole report's texts at each view
def _markdown(source: str, footnotes: bool) -> Words:
    """A text's words: its body and its notes (written once per citation when they are Word footnotes, as in
    word.py)."""
    tokens = parse(source)
    start = next((i for i, t in enumerate(tokens) if t.type == "footnote_block_open"), len(tokens))
    body, _ = plain_text_of(tokens[:start])
    notes = _notes(tokens[start:])
    citations = [child.meta["id"] for token in tokens[:start] if token.type == "inline"
                 for child in token.children or [] if child.type == "footnote_ref"]
    cited = citations if footnotes else set(citations)
    return Words(body=count_words(body), notes=sum(notes.get(note, 0) for note in cited))


def _notes(tokens: list[Token]) -> dict[int, int]:
    """Each note's words, by the footnote plugin's id."""
    texts: dict[int, list[Token]] = {}
    for token in tokens:
        if token.type == "footnote_open":
            note = texts.setdefault(token.meta["id"], [])
        elif texts:
            note.append(token)
    return {note: count_words(plain_text_of(tokens)[0]) for note, tokens in texts.items()}


def _front(doc: Document) -> int:
    """The contact (on the cover page, but part of what the report says), the organisations and the coalition's
    heading; the coalition's own text is counted with count_file's Markdown."""
    labels = doc.labels
    words = count_words(f"{labels.contact}: {doc.contact}") if doc.contact else 0
    words += count_words(labels.organisations) + sum(count_words(f"{o.name}, {o.city}") for o in doc.organisations)
    return words + (count_words(labels.coalition) if doc.coalition.strip() else 0)


def _contents(doc: Document) -> int:
    """The contents' title and the entries of the groups and the sections (the annex's are the annex's: a file
    with or without it has the same figure by a rule that leaves the annex out)."""
    entries = [doc.labels.contents]
    for g, group in enumerate(doc.groups, 1):
        entries += [f"{g}. {group.name}"] + [f"{g}.{s} {section.title}" for s, section in enumerate(group.sections, 1)]
    return sum(map(count_words, entries))


def _annex_contents(annex: Annex) -> int:
    """The contents' entries for the annex and its parts."""
    return sum(map(count_words, [annex.title] + [part.heading for part in annex.parts]))


def _cover(doc: Document) -> int:
    lines = [doc.title, doc.country, doc.mechanism, doc.cycle_and_session, doc.date, doc.coordinator]
    if doc.keyword_list:
        lines.append(f"{doc.labels.keywords}: {', '.join(doc.keyword_list)}")
    if doc.organisations:
        lines.append(doc.labels.joint_submission.format(count=len(doc.organisations)))
    return sum(map(count_words, lines))


def _annex(annex: Annex) -> int:
    """The annex as word.py writes it: title, source, summary, totals and what their percentages are of, then per
    part its heading and a table with the column headings; a justification's notes are footnotes there."""
    words = sum(map(count_words, (annex.title, annex.source, annex.summary, annex.denominator)))
    words += sum(count_words(f"{status} {count} {share}%") for status, count, share in annex.totals)
    header = count_words(" ".join(annex.columns))
    for part in annex.parts:
        words += count_words(part.heading) + header
        for row in part.rows:
            words += count_words(" ".join((row.number, row.text, row.states, row.response, row.status)))
            justification = _markdown(row.justification, footnotes=True)
            words += justification.body + justification.notes
    return words
