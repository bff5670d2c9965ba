"""The recommendations tracker: finding recommendations, assessing them, importing them, and the
sections that cite them. Every assessment is kept; the newest is the recommendation's status."""
import re
from dataclasses import dataclass
from datetime import timedelta

from flask_babel import gettext as _
from peewee import JOIN, fn

from coalition import activity
from coalition.recommendations import csv_files, cycles, tallies
from models import (
    Activity,
    Assessment,
    PendingImport,
    Recommendation,
    Revision,
    Section,
    User,
    WorkingGroup,
    db,
    utcnow,
)

PAGE_SIZE = 50
KEEP_PENDING = timedelta(days=1)  # an upload not imported within a day is let go
# A recommendation as the UN wrote it (its working group apart: the coalition's choice).
FIELDS = ("number", "document", "cycle", "text", "states", "response", "themes", "affected_groups", "sdgs")


class NumberTaken(Exception):
    """The document already has a recommendation with this number."""


@dataclass(frozen=True)
class Search:
    text: str = ""  # in the number, the text or the recommending states
    group_id: int | None = None  # 0: not assigned to a group
    status: str = ""
    response: str = ""
    theme: str = ""
    cycle: int | None = None  # None: every cycle

    @property
    def any(self) -> bool:
        return bool(self.text or self.group_id is not None or self.status or self.response or self.theme
                    or self.cycle is not None)


def search(report_id: int, wanted: Search):
    """The report's recommendations that match, in the UN's order (by document, then number)."""
    query = (Recommendation.select(Recommendation, WorkingGroup.id, WorkingGroup.name)
             .join(WorkingGroup, JOIN.LEFT_OUTER).where(Recommendation.report == report_id))
    if wanted.text:
        query = query.where(Recommendation.search_text.contains(wanted.text.casefold()))
    if wanted.group_id == 0:
        query = query.where(Recommendation.group.is_null())
    elif wanted.group_id:
        query = query.where(Recommendation.group == wanted.group_id)
    if wanted.status in tallies.STATUSES:
        query = query.where(Recommendation.status == wanted.status)
    if wanted.response in tallies.RESPONSES:
        query = query.where(Recommendation.response == wanted.response)
    if wanted.theme:
        # Themes are stored one per line: match a whole line.
        query = query.where(("\n" + Recommendation.themes + "\n").contains(f"\n{wanted.theme}\n"))
    query = _of_cycle(query, report_id, wanted.cycle)
    return query.order_by(Recommendation.document, Recommendation.sort_key, Recommendation.id)


def themes(report_id: int) -> list[str]:
    """Every theme used in the report's recommendations, sorted."""
    found = set()
    for row in Recommendation.select(Recommendation.themes).where(Recommendation.report == report_id):
        found.update(Recommendation.lines(row.themes))
    return sorted(found, key=str.casefold)


def assess(recommendation: Recommendation, user, status: str, justification: str, sources: str) -> Assessment:
    """A new assessment, which becomes the recommendation's status (the earlier ones stay in its history)."""
    with db.atomic():
        entry = Assessment.create(recommendation=recommendation.id, status=status, justification=justification.strip(),
                                  sources=sources.strip(), author=user.id, created_at=utcnow())
        Recommendation.update(status=status).where(Recommendation.id == recommendation.id).execute()
        activity.record(Activity.ASSESS, user, recommendation.report_id, detail=status,
                        recommendation=recommendation)
    return entry


def history(recommendation: Recommendation) -> list[Assessment]:
    return list(Assessment.select(Assessment, User.id, User.display_name).join(User)
                .where(Assessment.recommendation == recommendation.id)
                .order_by(Assessment.created_at.desc(), Assessment.id.desc()))


def existing_keys(report_id: int) -> set[tuple[str, str]]:
    rows = Recommendation.select(Recommendation.document, Recommendation.number).where(
        Recommendation.report == report_id)
    return {(row.document, row.number) for row in rows}


def import_new(report, user, candidates: list[csv_files.Candidate]) -> int:
    """Add the checked rows in one transaction (all or none); returns how many were added."""
    groups = {group.name: group.id for group in WorkingGroup.ordered()}
    with db.atomic():
        for candidate in candidates:
            Recommendation.create(
                report=report.id, number=candidate.number, document=candidate.document, cycle=candidate.cycle,
                text=candidate.text, states="\n".join(candidate.states), response=candidate.response,
                themes="\n".join(candidate.themes), affected_groups="\n".join(candidate.affected_groups),
                sdgs=candidate.sdgs, group=groups.get(candidate.group))
        if candidates:
            activity.record(Activity.IMPORT, user, report.id, detail=str(len(candidates)))
    return len(candidates)


def save(recommendation: Recommendation, values: dict, group_id: int | None) -> Recommendation:
    """Add or correct a recommendation from `values` (by the names in FIELDS), tidied: trimmed, and the lists one
    item per line (given one per line or ";"-separated: a theme may hold a comma)."""
    tidy = {name: (value or "").strip() if name in ("number", "document", "cycle", "text", "sdgs") else value
            for name, value in values.items()}
    for name in csv_files.LIST_FIELDS:
        items = re.split(r"[;\n]", tidy.get(name) or "")
        tidy[name] = "\n".join(item.strip() for item in items if item.strip())
    with db.atomic():
        clash = Recommendation.select().where(
            Recommendation.report == recommendation.report_id, Recommendation.number == tidy["number"],
            Recommendation.document == tidy["document"], Recommendation.id != recommendation.id)
        if clash.exists():
            raise NumberTaken()
        for name, value in tidy.items():
            setattr(recommendation, name, value)
        recommendation.group = group_id
        recommendation.save()
    return recommendation


def keep_upload(user, report, data: bytes, filename: str) -> PendingImport:
    """An uploaded file kept for its preview (in the database, so any worker can finish it); uploads older
    than KEEP_PENDING are let go."""
    with db.atomic():
        PendingImport.delete().where(PendingImport.created_at < utcnow() - KEEP_PENDING).execute()
        return PendingImport.create(report=report.id, user=user.id, data=data, filename=filename[:200])


def import_upload(report, user, pending: PendingImport, candidates: list[csv_files.Candidate]) -> int:
    """import_new, and the upload let go in the same transaction; returns how many were added."""
    with db.atomic():
        added = import_new(report, user, candidates)
        PendingImport.delete().where(PendingImport.id == pending.id).execute()
    return added


def by_number(report_id: int, numbers) -> dict[str, list[Recommendation]]:
    """Number -> the report's recommendations with it (more than one when two documents share it)."""
    found = {}
    if numbers:
        for rec in Recommendation.select(Recommendation.id, Recommendation.number, Recommendation.status).where(
                Recommendation.report == report_id, Recommendation.number.in_(list(numbers))):
            found.setdefault(rec.number, []).append(rec)
    return found


def cited_by(recommendation: Recommendation) -> list[Section]:
    """The sections whose current text cites the recommendation as [rec:NUMBER]."""
    sections = list(Section.live(recommendation.report_id))
    heads = Revision.heads([s.id for s in sections])
    citing = set(Revision.select(Revision.section).where(
        Revision.id.in_([head.id for head in heads.values()]),
        Revision.body.contains(f"[rec:{recommendation.number}]")).scalars())
    return [s for s in sections if s.id in citing]


def summary_sentence(stats: tallies.Statistics) -> str:
    """What the report says of the implementation, computed (in the current language), never typed."""
    if not stats.overall.assessed:
        return _("No recommendation is assessed yet.")
    return _("%(share)s%% of the %(count)s assessed recommendations are not implemented; a further %(stalled)s%% "
             "are implemented only partly or formally, or show no progress.",
             share=stats.not_implemented, count=stats.overall.assessed, stalled=stats.stalled)


def _of_cycle(query, report_id: int, cycle: int | None):
    """The query, kept to the recommendations of `cycle` (None: of every cycle)."""
    return query if cycle is None else query.where(Recommendation.cycle.in_(cycles.values_of(report_id, cycle)))


def statistics(report_id: int, cycle: int | None = None) -> tallies.Statistics:
    rows = _of_cycle(Recommendation.select(Recommendation.status, Recommendation.response, WorkingGroup.name)
                     .join(WorkingGroup, JOIN.LEFT_OUTER).where(Recommendation.report == report_id),
                     report_id, cycle).tuples()
    return tallies.compute([(status, response, group or "") for status, response, group in rows],
                             [group.name for group in WorkingGroup.ordered()])


def with_assessments(report_id: int, cycle: int | None = None) -> list[Recommendation]:
    """The report's recommendations (of `cycle`, or of all) in the UN's order, each with its working group's name
    (`name`, or None) and its current assessment's justification, sources, author (`display_name`) and time
    (`assessed_at`)."""
    newest = (Assessment.select(Assessment.recommendation, fn.MAX(Assessment.id).alias("newest"))
              .group_by(Assessment.recommendation).alias("newest"))
    query = (Recommendation.select(Recommendation, WorkingGroup.name, Assessment.justification, Assessment.sources,
                                   Assessment.created_at.alias("assessed_at"), User.display_name)
             .join(WorkingGroup, JOIN.LEFT_OUTER).switch(Recommendation)
             .join(newest, JOIN.LEFT_OUTER, on=(newest.c.recommendation_id == Recommendation.id))
             .join(Assessment, JOIN.LEFT_OUTER, on=(Assessment.id == newest.c.newest))
             .join(User, JOIN.LEFT_OUTER, on=(Assessment.author == User.id))
             .where(Recommendation.report == report_id))
    return list(_of_cycle(query, report_id, cycle)
                .order_by(Recommendation.document, Recommendation.sort_key, Recommendation.id).objects())


def assessment_table(report_id: int, status_label, response_label) -> tuple[list[str], list[list]]:
    """Every recommendation with its current assessment, for the CSV export."""
    headers = ["number", "document", "cycle", "text", "states", "response", "themes", "affected_groups", "sdgs",
               "group", "status", "justification", "sources", "assessed_by", "assessed_at"]
    rows = []
    for rec in with_assessments(report_id):
        rows.append([rec.number, rec.document, rec.cycle, rec.text, "; ".join(Recommendation.lines(rec.states)),
                     response_label(rec.response), "; ".join(Recommendation.lines(rec.themes)),
                     "; ".join(Recommendation.lines(rec.affected_groups)), rec.sdgs, rec.name or "",
                     status_label(rec.status), rec.justification or "", rec.sources or "", rec.display_name or "",
                     rec.assessed_at.isoformat(timespec="minutes") if rec.assessed_at else ""])
    return headers, rows
