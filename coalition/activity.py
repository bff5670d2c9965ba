"""The coalition's activity feed: what happened in a report, recorded as it happens, read newest first.

Entries are written in the same transaction as the change they describe, so the feed never shows a
save that did not happen, and so are the inbox's notifications of whom an entry concerns (coalition/inbox.py).
Whoever else wants to hear of new entries (the e-mail notices) adds a listener.
"""
from dataclasses import dataclass

from peewee import JOIN, SQL, Select, fn

from coalition import inbox
from models import Activity, FeedMark, Prepared, Recommendation, Section, Suggestion, User, WorkingGroup, utcnow

# The feed's filter types -> the kinds of entries they show.
TYPES = {
    "edits": (Activity.EDIT, Activity.MERGE, Activity.RESTORE, Activity.REMOVE, Activity.BRING_BACK, Activity.IMAGE),
    "review": (Activity.STATUS,),
    "comments": (Activity.COMMENT, Activity.RESOLVE, Activity.REOPEN),
    "suggestions": (Activity.SUGGEST, Activity.ACCEPT, Activity.ACCEPT_PART, Activity.DECLINE, Activity.WITHDRAW),
    "files": (Activity.EXPORT, Activity.FREEZE),
    "recommendations": (Activity.ASSESS, Activity.IMPORT),
    "outline": (Activity.OUTLINE,),
}
PAGE_SIZE = 50
listeners = []  # callables given each new entry


def record(kind: str, user, report_id: int, section=None, revision_number: int | None = None,
           thread=None, detail: str = "", at=None, recommendation=None, group_id: int | None = None) -> Activity:
    entry = Activity.create(report=report_id, kind=kind, user=user.id, section=section.id if section else None,
                            revision_number=revision_number, thread=thread.id if thread else None,
                            recommendation=recommendation.id if recommendation else None, group=group_id,
                            detail=detail, created_at=at or utcnow())
    inbox.notify(entry)
    for listener in listeners:
        listener(entry)
    return entry


@dataclass(frozen=True)
class Filters:
    group_id: int | None = None
    type: str | None = None
    person_id: int | None = None

    @property
    def any(self) -> bool:
        return bool(self.group_id or self.type or self.person_id)


# By when it happened, which is not always the order of insertion (the demo's history is backdated); the id breaks
# ties, and so the order is the same on every page.
NEWEST_FIRST = (Activity.created_at.desc(), Activity.id.desc())


def page(report_id: int, filters: Filters, before: int | None = None, size: int | None = None):
    """Up to `size` entries older than the entry `before` (newest first, by time), and whether there are more."""
    size = size or PAGE_SIZE
    group = WorkingGroup.alias()  # the group an outline entry is about (a section's is its own join)
    query = (Activity.select(Activity, User.id, User.display_name, Section.id, Section.title, Section.group,
                             Section.removal,
                             Recommendation.id, Recommendation.number, Recommendation.group, group.id, group.name)
             .join(User, on=(Activity.user == User.id)).switch(Activity)
             .join(Section, JOIN.LEFT_OUTER, on=(Activity.section == Section.id)).switch(Activity)
             .join(Recommendation, JOIN.LEFT_OUTER, on=(Activity.recommendation == Recommendation.id))
             .join_from(Activity, group, JOIN.LEFT_OUTER, on=(Activity.group == group.id), attr="group")
             .where(Activity.report == report_id).order_by(*NEWEST_FIRST).limit(size + 1))
    if before:
        query = query.where(_older_than(before))
    if filters.group_id:
        query = query.where((Section.group == filters.group_id) | (Recommendation.group == filters.group_id)
                            | (Activity.group == filters.group_id))
    if filters.type in TYPES:
        query = query.where(Activity.kind.in_(TYPES[filters.type]))
    if filters.person_id:
        query = query.where(Activity.user == filters.person_id)
    rows = list(query)
    return _with_reasons(rows[:size]), len(rows) > size


def _older_than(entry_id: int):
    """Entries after the entry `entry_id` in NEWEST_FIRST order (the next page begins there)."""
    when = Activity.select(Activity.created_at).where(Activity.id == entry_id)
    return (Activity.created_at < when) | ((Activity.created_at == when) & (Activity.id < entry_id))


def _with_reasons(entries: list) -> list:
    """Each entry of a declined (or partly accepted) suggestion with the reason given (one query for the page)."""
    closing = [e for e in entries if e.kind in (Activity.DECLINE, Activity.ACCEPT_PART) and e.detail.isdigit()]
    if closing:
        ids = {int(e.detail) for e in closing}
        reasons = dict(Suggestion.select(Suggestion.id, Suggestion.reason).where(Suggestion.id.in_(ids)).tuples())
        for entry in closing:
            entry.reason = reasons.get(int(entry.detail), "")
    return entries


def unseen_count(user, report_id: int) -> int:
    """Entries by other people since the person last marked the report's feed as seen, counted up to 100 (the
    badge says "99+" from there, and a long absence must not cost a count of the whole feed)."""
    return _UNSEEN.first(user.id, report_id)[0]


def newest_unseen(user, report_id: int) -> int | None:
    """The newest of those entries, which "Mark all as seen" moves the person's mark to; None when none is new."""
    return _unseen(user.id, report_id).select(fn.MAX(Activity.id)).scalar()


def _unseen(user_id, report_id):
    return Activity.select(Activity.id).where(Activity.report == report_id,
                                              Activity.id > FeedMark.subquery(user_id, report_id),
                                              Activity.user != user_id)


# Every page of a report shows the count (prepared: see models.Prepared).
_UNSEEN = Prepared(lambda user_id, report_id: Select(
    [_unseen(user_id, report_id).limit(100).alias("recent")], [fn.COUNT(SQL("1"))]).tuples())


def mark_seen(user, report_id: int, upto: int | None = None) -> None:
    """Nothing up to entry `upto` (the newest the person was shown; the report's newest when None) is new to them
    any more. Reading the feed marks nothing: its page would write on every view."""
    newest = Activity.select(Activity.id).where(Activity.report == report_id)
    if upto is not None:
        newest = newest.where(Activity.id <= upto)
    newest = newest.order_by(Activity.id.desc()).scalar()
    if newest:
        (FeedMark.insert(user=user.id, report=report_id, seen_id=newest)
         .on_conflict(conflict_target=[FeedMark.user, FeedMark.report],
                      update={FeedMark.seen_id: newest}, where=(FeedMark.seen_id < newest)).execute())


def last_by_group(report_id: int) -> dict:
    """Group id -> when anything last happened to one of its sections (an edit, a review step, a comment)."""
    rows = (Activity.select(Section.group, fn.MAX(Activity.created_at).alias("last"))
            .join(Section, on=(Activity.section == Section.id))
            .where(Activity.report == report_id).group_by(Section.group))
    return {row.section.group_id: row.last for row in rows}


def people(report_id: int):
    """Everyone who appears in the report's feed, for the person filter."""
    ids = Activity.select(Activity.user).where(Activity.report == report_id).distinct()
    return list(User.select(User.id, User.display_name).where(User.id.in_(ids)).order_by(User.display_name))
