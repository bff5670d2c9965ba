"""The report as a document to export: plain data, built by the app, read by pdf.py and docx_export.py."""
from dataclasses import dataclass, field

from text.lengths import RUNNING_TITLE, shorten
from text.markup import IMAGE_NOTE

FOOTNOTES, ENDNOTES = "footnotes", "endnotes"
# The files' density: STANDARD, airy for reading on screen and commenting; COMPACT, close to the UN's own
# submissions (10 pt, narrow margins), for a file whose page count reads like theirs.
STANDARD, COMPACT = "standard", "compact"
LAYOUTS = (STANDARD, COMPACT)


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
    keywords: str = "Keywords"
    # For a cycle or a session typed as a bare number ("48"), which alone would not say what it counts.
    cycle: str = "Cycle {number}"
    session: str = "Session {number}"
    image_missing: str = IMAGE_NOTE  # in the text, for an image that is not shown (not uploaded to the editor)


def numbered(value: str, label: str) -> str:
    """A bare number as the label says it ("Session 48"); anything else as it was written ("48th session")."""
    return label.format(number=value) if value.isdigit() else value


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
    source: str = ""  # the sentence naming the UN document(s) the recommendations come from; "" when none is known
    denominator: str = ""  # the sentence saying what the totals' percentages are of


@dataclass(frozen=True)
class DocImage:
    """An uploaded image that a text shows as /images/<id>: the files embed it."""

    id: int
    content_type: str  # image/png or image/jpeg
    data: bytes
    width: int  # pixels
    height: int
    sha256: str  # the data's: the export cache's key names it instead of the bytes


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
    keywords: str = ""  # comma-separated, as the coordinator typed them
    layout: str = STANDARD  # STANDARD or COMPACT
    images: tuple[DocImage, ...] = ()  # the uploaded images the texts show

    def image(self, image_id: int) -> DocImage | None:
        return next((image for image in self.images if image.id == image_id), None)

    @property
    def running_title(self) -> str:
        """The title at the top of every page (PDF and DOCX alike): the short title, else the title, cut so that
        a long one cannot fill the page's head."""
        return shorten(self.short_title or self.title, RUNNING_TITLE)

    @property
    def keyword_list(self) -> list[str]:
        return [keyword.strip() for keyword in self.keywords.split(",") if keyword.strip()]

    @property
    def cycle_and_session(self) -> str:
        """The cover's line under the mechanism, e.g. "4th cycle · Session 48"."""
        return " · ".join(filter(None, (numbered(self.cycle, self.labels.cycle),
                                        numbered(self.session, self.labels.session))))

    @property
    def sections(self) -> list[DocSection]:
        return [s for g in self.groups for s in g.sections]
