"""Blueprints, one per area, and what they share."""
import io
from urllib.parse import quote, urlsplit

from flask import Response, abort, g, render_template, request, send_file, url_for
from flask_login import current_user

from coalition.permissions import can_edit, can_manage, can_read
from models import Prepared, Report, Section, WorkingGroup
from text.colours import DEFAULT_ACCENT
from text.lengths import file_name


def render_page(template: str, fragment: str, **context):
    """The whole page, or only its fragment when htmx asks (the page includes the fragment)."""
    return render_template(fragment if g.get("htmx") else template, **context)


def manager_only() -> None:
    """403 unless the current person is the coordinator (who manages the report, its groups and people)."""
    if not can_manage(current_user):
        abort(403)


# Every report and section page reads its report or section so (prepared: see models.Prepared).
_REPORT = Prepared(lambda report_id: Report.select(Report, Report.newest_id()).where(Report.id == report_id).limit(1))
_SECTION = Prepared(lambda section_id: (
    Section.select(Section, WorkingGroup, Report, Report.newest_id()).join(WorkingGroup).switch(Section).join(Report)
    .where(Section.id == section_id).limit(1)))


def get_report(report_id: int) -> Report:
    """The report, or 404 (everyone signed in may read every report); the page then names it in its header."""
    g.report = _REPORT.first(report_id) or abort(404)
    return g.report


def newest_report() -> Report | None:
    """The report the coalition writes now, for the header of an earlier one's pages (no query on its own)."""
    here = g.report
    if here.newest_id == here.id:
        return here
    return Report.get_or_none(Report.id == here.newest_id)


# The navigation bar's place of an endpoint's or a blueprint's pages; the rest of a report's pages (its sections, their
# history, comments and suggestions, its outline and files) are the report's.
AREAS = {"report.index": "reports", "recommendations": "recommendations", "imports": "recommendations",
         "activity": "activity", "inbox": "inbox", "people": "people", "help": "help", "account": "account"}


def nav_area() -> str | None:
    """Which place of the navigation bar the current page belongs to, if any."""
    return AREAS.get(request.endpoint) or AREAS.get(request.blueprint, "report" if g.get("report") else None)


def coalition_report() -> Report | None:
    """The report the page is about, else the one the coalition writes now (the navigation bar's and the colour's),
    asked once per request."""
    if "coalition_report" not in g:
        g.coalition_report = g.get("report") or Report.newest_first().first()
    return g.coalition_report


def accent_stylesheet() -> str | None:
    """The address of the coalition's accent colour (coalition_report's), or None for the app's own: served as a
    stylesheet because the CSP allows no inline style; its colour in the URL makes a new colour a new address."""
    report = coalition_report()
    if report is None or report.accent == DEFAULT_ACCENT:
        return None
    return url_for("report.accent_css", report_id=report.id, v=report.accent.removeprefix("#"))


def get_section(section_id: int, check_edit: bool = False, removed_ok: bool = False) -> Section:
    """The section, or 404; 403 if the current user may not read it (or edit it, when asked); 410 if the
    coordinator removed it (unless the caller keeps what was sent first: removed_ok)."""
    # With its group and report, which every section page names.
    section = _SECTION.first(section_id)
    if section is None:
        abort(404)
    allowed = can_edit if check_edit else can_read
    if not allowed(current_user, section):
        abort(403)
    if section.removal_id and not removed_ok:
        abort(410)
    g.report = section.report
    g.report.newest_id = section.newest_id  # peewee puts a joined query's extra column on the first model
    return section


def safe_next(target: str | None, default: str) -> str:
    """Only same-site paths: an open redirect would let a phishing link borrow our login page."""
    if not target or not target.isprintable():  # a line break would end up in the Location header
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    return target


def attachment(data: bytes, filename: str, mimetype: str) -> Response:
    """A file download under its name made safe again (one stored before names were checked may hold a line
    break), in RFC 6266's filename* (UTF-8), with an ASCII filename too for old browsers. Werkzeug writes the
    header; the ASCII name is ours, since Werkzeug's would be ".pdf" for a Russian one."""
    stem, _, extension = filename.rpartition(".")
    name = file_name(stem, extension)
    ascii_name = file_name(stem.encode("ascii", "ignore").decode(), extension)
    response = send_file(io.BytesIO(data), mimetype=mimetype)
    response.headers.set("Content-Disposition", "attachment", filename=ascii_name,
                         **{"filename*": f"UTF-8''{quote(name)}"})
    return response
