"""The report as the PDF that goes to OHCHR: a Jinja template laid out by WeasyPrint.

Nothing outside static/ is ever read: the url_fetcher serves only the app's own files and the uploaded images
the Document carries (at /images/<id>), so a link or image in a section cannot make the server fetch a URL or
read a local file.
"""
import mimetypes
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jinja2
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from export.document import FOOTNOTES, Annex, AnnexRow, Document
from text import markup

PROJECT = Path(__file__).resolve().parent.parent  # static/ and templates/ sit beside app.py
STATIC_DIR = PROJECT / "static"
STYLESHEET = STATIC_DIR / "pdf.css"
TEMPLATES = PROJECT / "templates"
TEMPLATE = "pdf/document.html"
# The one base URL the fetcher answers: a made-up scheme, so no real location is ever named.
STATIC_SCHEME = "app-static"
STATIC_URL = f"{STATIC_SCHEME}:/"


def safe_url_fetcher(url: str, timeout: float = 10, ssl_context=None) -> URLFetcherResponse:
    """Serve app-static:/<path> from static/; refuse everything else with ValueError.

    timeout and ssl_context are WeasyPrint's fetcher arguments; nothing here goes to a network.
    """
    parts = urlsplit(url)
    if parts.scheme != STATIC_SCHEME or parts.netloc:
        raise ValueError(f"Only {STATIC_URL} URLs are served, not {url[:100]!r}")
    path = (STATIC_DIR / unquote(parts.path).lstrip("/")).resolve()
    if not path.is_relative_to(STATIC_DIR) or not path.is_file():
        raise ValueError(f"No such static file: {url[:100]!r}")
    content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})


class StaticFetcher(URLFetcher):
    """safe_url_fetcher in the shape WeasyPrint 70 requires.

    WeasyPrint 70 calls fetcher.fetch() and reads fetcher._fail_on_errors when a fetch fails,
    so a bare function no longer works as url_fetcher.
    """

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        return safe_url_fetcher(url)


class DocumentFetcher(StaticFetcher):
    """The static files, and the uploaded images the document carries at /images/<id> (which WeasyPrint passes as
    it is: a made-up scheme's base URL resolves nothing)."""

    def __init__(self, doc: Document) -> None:
        super().__init__()
        self.doc = doc

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        parts = urlsplit(url)
        found = (markup.IMAGE_SOURCE.fullmatch(parts.path)
                 if parts.scheme in ("", STATIC_SCHEME) and not parts.netloc and not parts.query else None)
        image = self.doc.image(int(found.group(1))) if found else None
        if image is None:
            return super().fetch(url, headers)
        return URLFetcherResponse(url, image.data, {"Content-Type": image.content_type})


FETCHER = StaticFetcher()
# Long-lived: @font-face files are loaded into it once, with the stylesheet.
FONT_CONFIG = FontConfiguration()
_CSS = CSS(filename=STYLESHEET, base_url=STATIC_URL, url_fetcher=FETCHER, font_config=FONT_CONFIG)
# FONT_CONFIG holds Pango/Fontconfig state and caches that are not safe to share between
# threads, so renders take turns.
_RENDER_LOCK = threading.Lock()
_templates = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)


@dataclass(frozen=True)
class _Section:
    number: str  # "1.2"
    title: str
    anchor: str
    html: str


@dataclass(frozen=True)
class _Group:
    number: str  # "1."
    title: str
    anchor: str
    sections: list[_Section]


# Annex rows are kept whole on a page, except those with a text of more characters than this (some
# two thirds of a page in the annex's columns): WeasyPrint would move such a row on, leaving a gap,
# and when it must split it after all, it drops the table's repeated header row where the row runs on.
LONG_ANNEX_ROW = 1000


@dataclass(frozen=True)
class _AnnexRow:
    row: AnnexRow
    justification: str  # HTML
    long: bool  # allowed to break across pages (see LONG_ANNEX_ROW)


@dataclass(frozen=True)
class _AnnexPart:
    heading: str
    anchor: str
    rows: list[_AnnexRow]


def build_html(doc: Document) -> str:
    """The complete HTML document that render_pdf lays out."""
    inline = doc.notes == FOOTNOTES
    shown = {"image_note": doc.labels.image_missing, "images": {image.id for image in doc.images}}
    coalition = markup.render_for_print(doc.coalition, inline, **shown)
    notes = list(coalition.notes)
    groups = []
    for g, group in enumerate(doc.groups, start=1):
        sections = []
        for s, section in enumerate(group.sections, start=1):
            # Endnotes run on across the whole report, so each section starts after the last.
            body = markup.render_for_print(section.body, inline, first_note=len(notes) + 1, **shown)
            notes += body.notes
            sections.append(_Section(f"{g}.{s}", section.title, section.anchor, body.html))
        groups.append(_Group(f"{g}.", group.name, f"report-group-{g}", sections))
    return _templates.get_template(TEMPLATE).render(
        doc=doc,
        labels=doc.labels,
        joint_submission=doc.labels.joint_submission.format(count=len(doc.organisations)),
        title_class=cover_title_class(doc.title),
        coalition_html=coalition.html,
        groups=groups,
        notes=notes,
        annex=doc.annex,
        annex_parts=_annex_parts(doc.annex, shown) if doc.annex else [],
    )


def cover_title_class(title: str) -> str:
    """The cover's title is set smaller as it grows (static/pdf.css), so that even one of 400 characters leaves
    the cover room for its other lines."""
    return "longer" if len(title) > 250 else "long" if len(title) > 120 else ""


def _annex_parts(annex: Annex, shown: dict) -> list[_AnnexPart]:
    """The annex's tables, each justification rendered like a section body.

    Its notes go to the page bottom whatever doc.notes says: the annex comes after the report's
    endnotes (see the template), so its own notes could not join that list in reading order.
    """
    return [_AnnexPart(part.heading, f"report-annex-{p}", [
        _AnnexRow(row, markup.render_for_print(row.justification, notes_inline=True, **shown).html,
                  max(len(row.text), len(row.justification)) > LONG_ANNEX_ROW)
        for row in part.rows]) for p, part in enumerate(annex.parts, start=1)]


def layout(doc: Document):
    """The report laid out in pages (a WeasyPrint document, whose boxes tests can measure)."""
    html = HTML(string=build_html(doc), base_url=STATIC_URL, url_fetcher=DocumentFetcher(doc))
    with _RENDER_LOCK:
        # Presentational hints are what makes <ol start="16"> count from 16. The sanitiser keeps no other
        # attribute a hint reads (no type, reversed, align, border, width…), so they change nothing else.
        return html.render(stylesheets=[_CSS], font_config=FONT_CONFIG, presentational_hints=True)


def render_pdf(doc: Document) -> bytes:
    """The report as PDF bytes."""
    laid_out = layout(doc)
    with _RENDER_LOCK:
        # Tagged for screen readers: a structure tree (headings, lists, tables), the <html lang> as /Lang
        # and the <title> shown as the window's title. Not pdf_variant="pdf/ua-1": it tags the same way
        # and only adds a claim of PDF/UA conformance that no validator has checked here.
        return laid_out.write_pdf(pdf_tags=True)
