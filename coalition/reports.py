"""Reports over time: the coalition sets up its first report, then starts each next one (a mid-term report,
the next cycle's) from an earlier one, with its sections, their texts if wished, and the recommendations it
goes on tracking. An earlier report is only read here, never changed: its sections, revisions, reviews and
submitted versions stay as they were.
"""
from dataclasses import dataclass

from flask_babel import gettext as _
from peewee import fn

from coalition import activity, audit, revisions
from models import Activity, Assessment, AuditEvent, Organisation, Recommendation, Report, Revision, Section, db

NO_TEXT, APPROVED_TEXT, CURRENT_TEXT = "none", "approved", "current"
# What a report is made of, as the settings form gives it (the coordinating organisation is the coalition's).
FIELDS = ("title", "short_title", "country", "mechanism", "cycle", "session", "deadline", "language", "word_limit",
          "count_rule", "contact", "coalition_description", "notes_style", "keywords", "layout", "tracked_cycle",
          "accent")


@dataclass(frozen=True)
class Carried:
    """What a new report takes from the one it starts from."""

    texts: str = APPROVED_TEXT  # each section's first revision: NO_TEXT, APPROVED_TEXT or CURRENT_TEXT
    documents: tuple[str, ...] = ()  # the recommendations of these document symbols are tracked again
    assessments: bool = True  # with their current assessment, to go on from


@dataclass(frozen=True)
class RecommendationSet:
    document: str
    cycle: str
    count: int


def create(user, values: dict, coordinating_organisation: int | None = None) -> Report:
    """A new report with no sections yet (the coordinator adds them on its outline page)."""
    with db.atomic():
        report = _new_report(user, values, coordinating_organisation)
    return report


def start_from(user, source: Report, values: dict, carried: Carried,
               coordinating_organisation: int | None = None) -> Report:
    """A new report with the sections of `source` (each remembering its counterpart there), in one transaction."""
    with db.atomic():
        report = _new_report(user, {**values, "origin": source.id}, coordinating_organisation)
        sections = list(Section.live(source.id))
        texts = _texts(sections, carried.texts)
        label = (source.short_title or source.title)[:200]
        for old in sections:
            new = Section.create(report=report.id, group=old.group_id, title=old.title, position=old.position,
                                 word_budget=old.word_budget, origin=old.id)
            if old.id in texts:
                number, body = texts[old.id]
                note = _("From “%(report)s”, revision %(number)s", report=label, number=number)
                revisions.save(new, user, body, note[:300], 0)
        _carry_recommendations(user, source, report, carried)
    return report


def save_settings(report: Report, values: dict, coordinating_organisation: int | None) -> Report:
    """The report's particulars (`values`, by the names in FIELDS), and the coalition's coordinating organisation
    (None or 0: none coordinates)."""
    with db.atomic():
        for name, value in values.items():
            setattr(report, name, value)
        report.save()
        Organisation.update(coordinates=Organisation.id == coordinating_organisation).execute()
    return report


def recommendation_sets(report: Report) -> list[RecommendationSet]:
    """The report's recommendations by document symbol, for choosing which a new report goes on tracking."""
    rows = (Recommendation.select(Recommendation.document, fn.MAX(Recommendation.cycle).alias("cycle"),
                                  fn.COUNT(Recommendation.id).alias("count"))
            .where(Recommendation.report == report.id).group_by(Recommendation.document)
            .order_by(Recommendation.document).tuples())
    return [RecommendationSet(document, cycle or "", count) for document, cycle, count in rows]


def _new_report(user, values: dict, coordinating_organisation: int | None) -> Report:
    report = Report.create(**values)
    if coordinating_organisation is not None:
        Organisation.update(coordinates=Organisation.id == coordinating_organisation).execute()
    activity.record(Activity.OUTLINE, user, report.id, detail="report_created")
    audit.record(AuditEvent.REPORT_CREATED, actor=user, detail=report.title)
    return report


def _texts(sections: list[Section], which: str) -> dict[int, tuple[int, str]]:
    """Section id -> (revision number, text) of the revision each new section starts with."""
    ids = [s.id for s in sections]
    if which == APPROVED_TEXT:
        on = (Revision.section == Section.id) & (Revision.number == Section.approved_number)
        rows = Revision.select(Revision.section, Revision.number, Revision.body).join(Section, on=on).where(
            Section.id.in_(ids))
    elif which == CURRENT_TEXT:
        heads = Revision.heads(ids)
        rows = Revision.select(Revision.section, Revision.number, Revision.body).where(
            Revision.id.in_([head.id for head in heads.values()]))
    else:
        return {}
    return {row.section_id: (row.number, row.body) for row in rows}


def _carry_recommendations(user, source: Report, report: Report, carried: Carried) -> None:
    """Copies of the chosen recommendations, each with its current assessment (its author and time kept) if asked."""
    chosen = list(Recommendation.select().where(Recommendation.report == source.id,
                                                Recommendation.document.in_(list(carried.documents))))
    if not chosen:
        return
    newest = {}
    if carried.assessments:
        for entry in (Assessment.select().where(Assessment.recommendation.in_([r.id for r in chosen]))
                      .order_by(Assessment.id)):
            newest[entry.recommendation_id] = entry
    for old in chosen:
        current = newest.get(old.id)
        new = Recommendation.create(
            report=report.id, number=old.number, document=old.document, cycle=old.cycle, text=old.text,
            states=old.states, response=old.response, themes=old.themes, affected_groups=old.affected_groups,
            sdgs=old.sdgs, group=old.group_id, status=current.status if current else "not_assessed")
        if current:
            Assessment.create(recommendation=new.id, status=current.status, justification=current.justification,
                              sources=current.sources, author=current.author_id, created_at=current.created_at)
    activity.record(Activity.IMPORT, user, report.id, detail=str(len(chosen)))
