"""The report as a document to export: plain data, built by the app, read by pdf.py and docx_export.py."""
from dataclasses import dataclass, field

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

    @property
    def sections(self) -> list[DocSection]:
        return [s for g in self.groups for s in g.sections]
