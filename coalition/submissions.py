"""Freezing the report for submission: the approved revisions, recorded as an immutable version with its
PDF and its Word file (the one OHCHR asks for), each with its SHA-256. Later edits never touch it; its files
can be downloaded, as they were frozen, and compared with the current text (the next cycle starts from it)."""
import hashlib
from dataclasses import replace

from peewee import IntegrityError, fn

from coalition import activity, audit, exports
from export.counts import count_file
from models import Activity, AuditEvent, Export, Revision, Section, Submission, SubmittedSection, WorkingGroup, db

# Each format's columns: its bytes and its SHA-256 (the PDF's hash column predates the Word file's).
FILES = {"pdf": (Submission.pdf, Submission.sha256), "docx": (Submission.docx, Submission.docx_sha256)}


class Taken(Exception):
    """Someone froze a version at the same moment; nothing was recorded, the person may try again."""


class Corrupt(Exception):
    """A stored file no longer matches the SHA-256 recorded when it was frozen: it must not be sent as the version."""


def plan(report):
    """(sections that will be frozen with their approved revision numbers, sections left out: no approval)."""
    sections = [s for s in _in_report_order(report.id) if not s.removal_id]
    approved = exports.approved_revisions(sections)
    return [(s, approved[s.id]) for s in sections if s.id in approved], [s for s in sections if s.id not in approved]


def freeze(report, user, note: str = "", annex_by: str | None = None, over_limit_confirmed: bool = False) -> Submission:
    """Record the approved revisions as the next submitted version, with its final PDF and Word file (and annex),
    both made from the same document; over the word limit only when the coordinator confirms (exports.OverLimit);
    if either file cannot be built (bounded.Failed), nothing is recorded."""
    included, _ = plan(report)
    sections = [section for section, _ in included]
    doc = exports.compose(report, sections, {s.id: revision.body for s, revision in included}, draft=False)
    if annex_by:
        doc = replace(doc, annex=exports.annex_for(report, annex_by))
    doc = exports.with_images(doc, report)
    exports.check_limit(report, doc, user, over_limit_confirmed)
    files = {fmt: _file(doc, fmt) for fmt in FILES}
    digests = {fmt: hashlib.sha256(data).hexdigest() for fmt, data in files.items()}
    try:
        with db.atomic():
            number = (Submission.select(fn.MAX(Submission.number)).where(Submission.report == report).scalar()
                      or 0) + 1
            submission = Submission.create(
                report=report, number=number, created_by=user.id, note=note.strip(), filename=exports.filename(
                    doc, "pdf", None), words=exports.counted(report, count_file(doc)),
                pdf=files["pdf"], sha256=digests["pdf"], docx=files["docx"], docx_sha256=digests["docx"])
            if included:
                SubmittedSection.insert_many([{"submission": submission.id, "section": section.id,
                                               "revision_number": revision.number}
                                              for section, revision in included]).execute()
            activity.record(Activity.FREEZE, user, report.id, detail=str(number))
            audit.record(AuditEvent.FREEZE, actor=user,
                         detail=f"version {number}, sha256 {digests['pdf']}, docx sha256 {digests['docx']}")
    except IntegrityError as error:  # the (report, number) pair is unique
        raise Taken() from error
    return submission


def _file(doc, fmt: str) -> bytes:
    """The file for these inputs: the one already exported (the coordinator often checks it first), or new."""
    cached = Export.get_or_none(Export.key == exports.cache_key(doc, fmt), Export.status == Export.READY)
    return bytes(cached.data) if cached else exports.render(doc, fmt)


def stored_file(submission_id: int, fmt: str) -> tuple[bytes, str] | None:
    """(the version's file in this format exactly as frozen, its name), only that file loaded; None if there is
    no such version, or it was frozen before versions kept a Word file. Corrupt if the bytes no longer match the
    SHA-256 recorded with them."""
    column, recorded = FILES[fmt]
    row = Submission.select(Submission.filename, column, recorded).where(Submission.id == submission_id).first()
    if row is None:
        return None
    data, digest = getattr(row, column.name), getattr(row, recorded.name)
    if data is None and not digest:  # frozen before versions kept a Word file
        return None
    if data is None or hashlib.sha256(data).hexdigest() != digest:  # changed, or a hash whose file is gone
        raise Corrupt(f"version id {submission_id}: its {fmt} does not match its recorded SHA-256")
    return bytes(data), row.named(fmt)


def contents(submission):
    """[(group, [(section, frozen revision number, current head without body)])] of a submitted version
    (removed sections too: they were sent), and the report's sections it does not hold (added or
    unapproved then)."""
    frozen = {row.section_id: row.revision_number
              for row in SubmittedSection.select().where(SubmittedSection.submission == submission.id)}
    sections = _in_report_order(submission.report_id)
    heads = Revision.heads([s.id for s in sections])
    groups = []
    for group in WorkingGroup.select().order_by(WorkingGroup.position, WorkingGroup.id):
        own = [(s, frozen[s.id], heads.get(s.id)) for s in sections if s.group_id == group.id and s.id in frozen]
        if own:
            groups.append((group, own))
    return groups, [s for s in sections if s.id not in frozen and not s.removal_id]


def _in_report_order(report_id: int) -> list[Section]:
    """The report's sections group by group, as the document has them, removed ones included."""
    return list(Section.select().join(WorkingGroup).where(Section.report == report_id)
                .order_by(WorkingGroup.position, WorkingGroup.id, Section.position, Section.id))
