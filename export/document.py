"""The report as a document to export: plain data, built by the app, read by pdf.py and docx_export.py."""
from dataclasses import dataclass, field

from text.lengths import RUNNING_TITLE, shorten

FOOTNOTES, ENDNOTES = "footnotes", "endnotes"


@dataclass(frozen=True)
class Labels:
    """The document's fixed words, in the report's language (the app translates them)."""

    contents: str = "Contents"
    organisations: str = "Submitting organisations"
    coalition: str = "About the coalition"
    contact: str = "Contact"
    joint_submission: str = "Joint submission of {count} organisations"
    notes: str = "Notes"
    draft: str = "DRAFT"
    page: str = "Page"  # as in "Page 3 of 12"
    of: str = "of"


@dataclass(frozen=True)
class DocOrganisation:
    name: str
    city: str = ""


@dataclass(frozen=True)
class DocSection:
    title: str
    body: str  # Markdown, as saved in the revision
    anchor: str  # unique within the document, e.g. "section-12"


@dataclass(frozen=True)
class DocGroup:
    name: str
    sections: tuple[DocSection, ...]


@dataclass(frozen=True)
class AnnexRow:
    """One recommendation in the annex, with the coalition's assessment."""

    number: str
    text: str
    states: str  # joined, e.g. "Germany, France"
    response: str  # in words, in the report's language
    status: str  # the assessment in words
    status_key: str  # "implemented", "partially", "formally", "not_implemented", "no_progress" or "not_assessed"
    justification: str  # Markdown


@dataclass(frozen=True)
class AnnexPart:
    heading: str  # a theme or a working group
    rows: tuple[AnnexRow, ...]


@dataclass(frozen=True)
class Annex:
    """The assessment of the last cycle's recommendations: a summary, then one table per theme or group."""

    title: str
    summary: str  # the computed sentence, e.g. "34% of the 120 assessed recommendations are not implemented; …"
    totals: tuple[tuple[str, int, int], ...]  # (assessment in words, count, percentage), every assessment
    columns: tuple[str, ...]  # headings: number, recommendation, states, response, assessment, justification
    parts: tuple[AnnexPart, ...]


@dataclass(frozen=True)
class Document:
    title: str
    short_title: str
    country: str
    mechanism: str
    cycle: str
    session: str
    language: str  # the report's language, e.g. "ru"
    date: str  # already formatted in the report's language
    coordinator: str  # the coordinating organisation's name
    contact: str  # plain text, may span lines
    coalition: str  # Markdown: a short description of the coalition
    organisations: tuple[DocOrganisation, ...]
    groups: tuple[DocGroup, ...]  # in report order; numbering follows this order
    notes: str = FOOTNOTES  # FOOTNOTES (at the page bottom) or ENDNOTES (collected at the end)
    draft: bool = True  # a DRAFT watermark on every page
    labels: Labels = field(default_factory=Labels)
    annex: Annex | None = None  # the recommendations' assessment, after the sections

    @property
    def running_title(self) -> str:
        """The title at the top of every page (PDF and DOCX alike): the short title, else the title, cut so that
        a long one cannot fill the page's head."""
        return shorten(self.short_title or self.title, RUNNING_TITLE)

    @property
    def sections(self) -> list[DocSection]:
        return [s for g in self.groups for s in g.sections]
