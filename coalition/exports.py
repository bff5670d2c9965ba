"""Exports: the report (or one section) as a PDF or DOCX, built once per set of inputs and kept.

The file's key is a hash of everything it is made from (the revisions' texts, the report's settings,
the organisations, the options and the export code's version), so a repeat download is a lookup.
A new file is built in a background thread, in a process of its own with a time and a memory limit (bounded.py),
and the page polls until it is ready. Each person who asks gets a link of their own (ExportRequest).
"""
import hashlib
import json
import threading
from dataclasses import asdict, replace
from datetime import timedelta

from flask import current_app
from flask_babel import force_locale, format_date, gettext as _, ngettext
from peewee import JOIN, fn

from coalition import activity, audit, bounded, recommendations
from coalition.permissions import can_manage
from coalition.recommendations import cycles
from coalition.vocabulary import ASSESSMENT_NAMES, IMAGE_MISSING, RESPONSE_NAMES, count_rule
from export import layout, pdf, word
from export.counts import FileWords, count_file
from export.document import (
    Annex,
    AnnexPart,
    AnnexRow,
    DocGroup,
    DocImage,
    DocOrganisation,
    DocSection,
    Document,
    Labels,
    numbered,
)
from models import (
    Activity,
    AuditEvent,
    Export,
    ExportRequest,
    Image,
    Organisation,
    Prepared,
    Recommendation,
    Report,
    Revision,
    Section,
    WorkingGroup,
    db,
    utcnow,
)
from text.lengths import file_name, shorten
from text.markup import image_ids, numbered_paragraphs

FORMATS = {"pdf": ("application/pdf", pdf.render_pdf), "docx": (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", word.render_docx)}
KEEP_PER_REPORT = 20  # older files are only a cache: they can always be built again
STALE_BUILD = timedelta(minutes=10)  # a build that never finished (its worker died) is started again
BUILDS_PER_PERSON = 1  # files one person may have being built at once
REPORT_IN_SECTION_FILE = 50  # characters of the report's title before a section's in that section's file name


ANNEX_BY_THEME, ANNEX_BY_GROUP = "theme", "group"
# The organisations the cover names, prepared (models.Prepared).
_MEMBERS = Prepared(Organisation.members)


def labels(language: str) -> Labels:
    """The document's fixed words in the report's language (not the interface's)."""
    with force_locale(language):
        return Labels(contents=_("Contents"), organisations=_("Submitting organisations"),
                      coalition=_("About the coalition"), contact=_("Contact"),
                      joint_submission=_("Joint submission of {count} organisations"), notes=_("Notes"),
                      draft=_("DRAFT"), page=_("Page"), of=_("of"), keywords=_("Keywords"),
                      cycle=_("Cycle {number}"), session=_("Session {number}"), image_missing=str(IMAGE_MISSING))


def document_for(report: Report, section: Section | None = None, draft: bool = True,
                 approved_only: bool = False, annex_by: str | None = None) -> Document:
    """The report's current text (or one section's, or only what the coalition approved) as export data,
    with the recommendations' annex grouped by theme or working group when annex_by says so."""
    sections = [s for s in Section.live_list(report.id) if section is None or s.id == section.id]
    if approved_only:
        approved = approved_revisions(sections)
        sections = [s for s in sections if s.id in approved]
        bodies = {section_id: revision.body for section_id, revision in approved.items()}
    elif section is None:
        bodies = Revision.report_bodies(report.id)
    else:
        bodies = _head_bodies([section.id])
    document = compose(report, sections, bodies, draft)
    return with_images(replace(document, annex=annex_for(report, annex_by)) if annex_by else document, report)


def _paragraph_counts(report_id):
    """The report's live sections in the order compose() lays them out, each with its head's id and paragraph count
    (one query, no texts)."""
    newest = Revision.alias()
    head = (Revision.section == Section.id) & (Revision.number == newest.select(fn.MAX(newest.number))
                                                .where(newest.section == Section.id))
    return (Section.select(Section.id, Revision.id, Revision.paragraphs)
            .join(WorkingGroup, on=(Section.group == WorkingGroup.id))
            .join_from(Section, Revision, JOIN.LEFT_OUTER, on=head)
            .where(Section.report == report_id, Section.removal.is_null(), WorkingGroup.removal.is_null())
            .order_by(WorkingGroup.position, WorkingGroup.id, Section.position, Section.id).tuples())


_PARAGRAPH_COUNTS = Prepared(_paragraph_counts)  # every section page asks


def first_paragraph_number(section: Section) -> int:
    """The number the report's PDF (the current texts) gives the section's first paragraph: paragraphs are
    numbered across the whole report, in the order the export lays the sections out."""
    before = 0
    for section_id, revision_id, paragraphs in _PARAGRAPH_COUNTS.rows(section.report_id):
        if section_id == section.id:
            break
        if paragraphs is None and revision_id is not None:  # stored before the count was kept: read its text
            paragraphs = len(numbered_paragraphs(Revision.select(Revision.body).where(Revision.id == revision_id)
                                                 .scalar()))
        before += paragraphs or 0
    return before + 1


def with_images(doc: Document, report: Report) -> Document:
    """The document with the uploaded images its texts show; those of a removed section, or of another report's
    (a text may name any address), are left out, and the text says so where each stood."""
    annex_texts = [row.justification for part in doc.annex.parts for row in part.rows] if doc.annex else []
    ids = set().union(*(image_ids(text) for text in [doc.coalition, *(s.body for s in doc.sections), *annex_texts]
                        if "/images/" in text))
    if not ids:
        return doc
    rows = (Image.select(Image.id, Image.content_type, Image.data, Image.width, Image.height, Image.sha256)
            .join(Section).where(Image.id.in_(ids), Section.report == report.id, Section.removal.is_null())
            .order_by(Image.id))
    return replace(doc, images=tuple(DocImage(row.id, row.content_type, bytes(row.data), row.width, row.height,
                                              row.sha256) for row in rows))


def annex_for(report: Report, by: str) -> Annex | None:
    """The assessment of the tracked cycle's recommendations (of all, when it has none), in the report's
    language: summary, totals, one table per part."""
    cycle = cycles.shown_by_default(report)
    rows = recommendations.with_assessments(report.id, cycle)
    if not rows:
        return None
    # A removed group's recommendations are still the coalition's: every group is in the order.
    groups = [group.name for group in WorkingGroup.select().order_by(WorkingGroup.position, WorkingGroup.id)]
    with force_locale(report.language):
        return annex_from(rows, recommendations.statistics(report.id, cycle), by, groups)


def annex_from(rows: list[Recommendation], stats, by: str, group_order: list[str]) -> Annex:
    """The annex from recommendations as with_assessments gives them (with `name`, their group's, and
    `justification`) and their statistics, in the current locale; parts by group in `group_order`, or by
    theme alphabetically, the recommendations without one last."""
    status_names = {value: str(name) for value, name in ASSESSMENT_NAMES.items()}
    response_names = {value: str(name) for value, name in RESPONSE_NAMES.items()}
    other = _("No group yet") if by == ANNEX_BY_GROUP else _("Other recommendations")
    parts = {}
    for rec in rows:
        heading = (rec.name if by == ANNEX_BY_GROUP else next(iter(Recommendation.lines(rec.themes)), None))
        parts.setdefault(heading or other, []).append(AnnexRow(
            number=rec.number, text=rec.text, states=", ".join(Recommendation.lines(rec.states)),
            response=response_names[rec.response], status=status_names[rec.status], status_key=rec.status,
            justification=rec.justification or ""))
    order = (group_order if by == ANNEX_BY_GROUP
             else sorted((heading for heading in parts if heading != other), key=str.casefold))
    headings = [heading for heading in dict.fromkeys(order + [other]) if heading in parts]
    return Annex(
        title=_("Annex. Implementation of the recommendations of the previous cycle"),
        summary=recommendations.summary_sentence(stats),
        # One denominator, as on the statistics page: the shares add up to about 100.
        totals=tuple((status_names[status], count, share) for status, count, share in stats.overall.shares_of_all()),
        denominator=ngettext("The percentages are of all the recommendations counted, assessed or not: %(num)s.",
                             "The percentages are of all the recommendations counted, assessed or not: %(num)s.",
                             stats.overall.total),
        columns=(_("No."), _("Recommendation"), _("Recommending states"), _("Response"), _("Assessment"),
                 _("Justification")),
        parts=tuple(AnnexPart(heading, tuple(parts[heading])) for heading in headings),
        source=annex_source(rows))


def annex_source(rows: list[Recommendation]) -> str:
    """The sentence naming the documents the recommendations come from, each with its cycle, in the current
    locale; "" when no recommendation has a document symbol."""
    cycles: dict[str, str] = {}
    for rec in rows:
        if rec.document and not cycles.get(rec.document):
            cycles[rec.document] = rec.cycle
    if not cycles:
        return ""
    documents = "; ".join(f"{document} ({numbered(cycle, _('Cycle {number}'))})" if cycle else document
                          for document, cycle in cycles.items())
    return ngettext("Recommendations from the report of the Working Group on the Universal Periodic Review, "
                    "%(documents)s.",
                    "Recommendations from the reports of the Working Group on the Universal Periodic Review: "
                    "%(documents)s.", len(cycles), documents=documents)


def compose(report: Report, sections: list[Section], bodies: dict[int, str], draft: bool) -> Document:
    """Export data for these sections with these texts, under the groups they belong to (the coalition's other
    groups have no part in this report)."""
    groups = []
    for group in WorkingGroup.in_order():
        own = tuple(DocSection(title=s.title, body=bodies.get(s.id, ""), anchor=f"section-{s.id}")
                    for s in sections if s.group_id == group.id)
        if own:
            groups.append(DocGroup(name=group.name, sections=own))
    coordinator = Organisation.coordinating()
    with force_locale(report.language):
        date = format_date(utcnow().date(), "long")
    return Document(
        title=report.title, short_title=report.short_title or report.title, country=report.country,
        mechanism=report.mechanism, cycle=report.cycle, session=report.session, language=report.language,
        date=date, coordinator=coordinator.name if coordinator else "", contact=report.contact,
        coalition=report.coalition_description,
        organisations=tuple(DocOrganisation(o.name, o.city) for o in _MEMBERS.rows()),
        groups=tuple(groups), notes=report.notes_style, draft=draft, labels=labels(report.language),
        keywords=report.keywords, layout=report.layout)


def _head_bodies(section_ids: list[int]) -> dict[int, str]:
    heads = Revision.heads(section_ids)
    rows = Revision.select(Revision.section, Revision.body).where(Revision.id.in_([h.id for h in heads.values()]))
    return {row.section_id: row.body for row in rows}


def approved_revisions(sections: list[Section]) -> dict[int, Revision]:
    """Section id -> its approved revision (number, words, body), for the sections that have one.

    One query, so the set is consistent even while reviewers approve: revisions never change.
    """
    rows = (Revision.select(Revision.section, Revision.number, Revision.words, Revision.body)
            .join(Section, on=((Revision.section == Section.id) & (Revision.number == Section.approved_number)))
            .where(Section.id.in_([s.id for s in sections])))
    return {row.section_id: row for row in rows}


def all_approved(report: Report) -> bool:
    """Every section of the report is approved as it stands (an edit since would have reopened it)."""
    sections = Section.live(report.id)
    return sections.exists() and not sections.where(Section.status != Section.APPROVED).exists()


def cache_key(doc: Document, fmt: str) -> str:
    # The images by their hashes: the same picture is the same file, and bytes are no JSON.
    payload = json.dumps({"doc": asdict(replace(doc, images=())), "format": fmt,
                          "images": [(image.id, image.sha256) for image in doc.images]},
                         sort_keys=True, ensure_ascii=False)
    digest = hashlib.sha256(payload.encode())
    digest.update(layout.digest().encode())  # a change of layout code makes a new file
    return digest.hexdigest()


def filename(doc: Document, fmt: str, section: Section | None) -> str:
    """The download's name: the running title, and a section's own title after a shortened one."""
    stem = f"{shorten(doc.running_title, REPORT_IN_SECTION_FILE)} — {section.title}" if section else doc.running_title
    return file_name(stem, fmt)


def file_words(report: Report, annex_by: str | None = None) -> FileWords:
    """The words of each part of the report's file with the current texts, as Word will count them."""
    return count_file(document_for(report, annex_by=annex_by))


def counted(report: Report, words: FileWords) -> int:
    """The words that count toward the report's limit by its count rule."""
    return words.of(count_rule(report).parts)


class OverLimit(Exception):
    """A file called final (or frozen) is over the report's word limit by its count rule, and the coordinator did not
    confirm that it should be."""

    def __init__(self, words: int, limit: int) -> None:
        super().__init__(words, limit)
        self.words, self.limit, self.over = words, limit, words - limit


def check_limit(report: Report, doc: Document, user, confirmed: bool) -> None:
    """OverLimit unless the file is within the limit or the coordinator confirmed it goes out over it."""
    words = counted(report, count_file(doc))
    if words > report.word_limit and not (confirmed and can_manage(user)):
        raise OverLimit(words, report.word_limit)


class Busy(Exception):
    """The person already has BUILDS_PER_PERSON files being built: one person cannot fill the queue."""


def request_export(report: Report, user, fmt: str, section: Section | None = None, draft: bool = True,
                   approved_only: bool = False, annex_by: str | None = None,
                   over_limit_confirmed: bool = False) -> ExportRequest:
    """The person's link to the existing file for these inputs, or to a new one being built in the background; a
    final file over the word limit needs the coordinator's confirmation (OverLimit)."""
    doc = document_for(report, section, draft, approved_only, annex_by)
    if not draft:
        check_limit(report, doc, user, over_limit_confirmed)
    key = cache_key(doc, fmt)
    with db.atomic():
        activity.record(Activity.EXPORT, user, report.id, section, detail=fmt)
        audit.record(AuditEvent.EXPORT, actor=user, detail=_export_detail(fmt, section, draft, approved_only))
        export = Export.get_or_none(Export.key == key)
        stale = export and export.status != Export.READY and export.created_at < utcnow() - STALE_BUILD
        start = export is None or export.status == Export.FAILED or stale
        if start:
            if _building(user) >= BUILDS_PER_PERSON:
                raise Busy()
            fields = {"filename": filename(doc, fmt, section), "requested_by": user.id, "status": Export.BUILDING,
                      "failure": None, "created_at": utcnow(), "finished_at": None}
            if export:  # built again in place: the links people already have to it keep working
                Export.update(**fields).where(Export.id == export.id).execute()
            else:
                export = Export.create(report=report, key=key, format=fmt, **fields)
        asked = ExportRequest.create(export=export, user=user.id)
    if start and current_app.config["EXPORTS_IN_BACKGROUND"]:
        app = current_app._get_current_object()
        threading.Thread(target=_build_in_app, args=(app, export.id, doc), daemon=True).start()
    elif start:
        build(export.id, doc)
    return asked


def _building(user) -> int:
    """How many files this person's requests are building now (a build whose worker died long ago not counted)."""
    return Export.select().where(Export.requested_by == user.id, Export.status == Export.BUILDING,
                                 Export.created_at >= utcnow() - STALE_BUILD).count()


def _export_detail(fmt: str, section: Section | None, draft: bool, approved_only: bool) -> str:
    """What was exported, in the log's terms: the format, the scope, and how final the file looks."""
    scope = f"section {section.id}" if section else "report"
    return " ".join([fmt, scope] + (["approved only"] if approved_only else []) + ([] if draft else ["final"]))


def _build_in_app(app, export_id: int, doc: Document) -> None:
    with app.app_context():
        db.connect(reuse_if_open=True)
        try:
            build(export_id, doc)
        finally:
            db.close()


def build(export_id: int, doc: Document) -> None:
    """Render the file within the time and memory limits and store it; a failure is recorded with its kind (but
    without the text) for the page to show."""
    export = Export.get_by_id(export_id)
    try:
        data = render(doc, export.format)
    except bounded.Failed as error:
        current_app.logger.error("export %s failed: %s", export_id, error)
        Export.update(status=Export.FAILED, failure=failure_kind(error), finished_at=utcnow()).where(
            Export.id == export_id).execute()
        return
    Export.update(status=Export.READY, data=data, finished_at=utcnow()).where(Export.id == export_id).execute()
    _prune(export.report_id)


def failure_kind(error: bounded.Failed) -> str:
    """Why a build failed, as Export records it: out of time, out of memory, or broken."""
    return {bounded.OutOfTime: Export.TOO_LONG, bounded.OutOfMemory: Export.TOO_LARGE}.get(type(error), Export.BROKEN)


def _prune(report_id: int) -> None:
    keep = (Export.select(Export.id).where(Export.report == report_id)
            .order_by(Export.created_at.desc()).limit(KEEP_PER_REPORT))
    Export.delete().where(Export.report == report_id, Export.id.not_in(keep)).execute()


def render(doc: Document, fmt: str) -> bytes:
    """The file, built in a child process within EXPORT_TIMEOUT and EXPORT_MEMORY_MB (bounded.run raises)."""
    config = current_app.config
    return bounded.run(FORMATS[fmt][1], (doc,), config["EXPORT_TIMEOUT"], config["EXPORT_MEMORY_MB"])


def mimetype(fmt: str) -> str:
    return FORMATS[fmt][0]
