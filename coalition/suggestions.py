"""Suggested edits: someone outside a section's group proposes a whole new text, kept against the revision it
started from; the group accepts it (a revision, by the saves' three-way merge), accepts some of its changed
paragraphs, or declines it with a reason; its author may withdraw it while it is open. Each step is in the
feed, in the same transaction. A suggestion is never deleted, and one made on an older text is shown merged
onto the current one, or as outdated when it overlaps what changed since."""
from dataclasses import dataclass
from difflib import SequenceMatcher

from flask_babel import gettext as _
from peewee import JOIN

from coalition import activity, revisions
from models import Activity, Suggestion, User, db, section_write_lock, utcnow
from text.merge import merge, paragraphs


class UnknownBase(Exception):
    """The revision the suggestion says it started from is not one of the section's."""


class NotOpen(Exception):
    """The suggestion was accepted, declined or withdrawn already: nothing is done."""


@dataclass(frozen=True)
class Change:
    """One changed paragraph (or run of paragraphs) of a suggestion against the text it started from."""

    index: int
    old: str  # "" for a paragraph the suggestion adds
    new: str  # "" for one it removes


def propose(section, author, body: str, note: str, base_number: int) -> Suggestion:
    """Keep the proposed text; raises revisions.NothingChanged if it is the text it started from."""
    body = revisions.normalise(body)
    base = section.revision(base_number) if base_number else None
    if base_number and base is None:
        raise UnknownBase()
    if base and base.body == body:
        raise revisions.NothingChanged()
    with db.atomic():
        suggestion = Suggestion.create(section=section, author=author, base_number=base.number if base else 0,
                                       body=body, note=note.strip())
        activity.record(Activity.SUGGEST, author, section.report_id, section, detail=str(suggestion.id))
    return suggestion


def base_text(suggestion) -> str:
    base = suggestion.section.revision(suggestion.base_number) if suggestion.base_number else None
    return base.body if base else ""


def on_current(suggestion, head) -> str | None:
    """The suggestion applied to the current text: as written when made on it, else merged three-way with what
    changed since; None when it overlaps those changes (outdated: it is still shown against its own base)."""
    if (head.number if head else 0) == suggestion.base_number:
        return suggestion.body
    result = merge(base_text(suggestion), head.body if head else "", suggestion.body)
    return revisions.normalise(result.text()) if result.clean else None


def changes(suggestion) -> list[Change]:
    """The suggestion's changes against its base, numbered for the choice of a partial acceptance."""
    return [part for part in _parts(suggestion) if isinstance(part, Change)]


def with_changes(suggestion, chosen: set[int]) -> str:
    """The suggestion's base with only the chosen changes made."""
    kept = []
    for part in _parts(suggestion):
        if isinstance(part, Change):
            kept.append(part.new if part.index in chosen else part.old)
        else:
            kept += part
    return revisions.normalise("\n\n".join(p for p in kept if p))


def _parts(suggestion) -> list:
    """The suggestion against its base, paragraph by paragraph: runs of paragraphs both have (lists) and Changes
    (a run of paragraphs replaced by as many is a change for each, so that each can be chosen alone)."""
    old, new = paragraphs(base_text(suggestion)), paragraphs(suggestion.body)
    parts, count = [], 0
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            parts.append(old[i1:i2])
            continue
        pairs = (zip(old[i1:i2], new[j1:j2]) if tag == "replace" and i2 - i1 == j2 - j1
                 else [("\n\n".join(old[i1:i2]), "\n\n".join(new[j1:j2]))])
        for a, b in pairs:
            parts.append(Change(count, a, b))
            count += 1
    return parts


def accept(suggestion, person, chosen: set[int] | None = None, reason: str = ""):
    """Save the suggestion (or only its chosen changes, the rest declined for the optional reason) as a revision by
    `person`, crediting its author, merged with whatever was saved since it was made. Raises revisions.Conflicted
    (the conflict screen's texts) when it overlaps those saves, NotOpen when someone decided it first. Returns the
    revision, or None when the current text already says what it suggests."""
    _check_open(suggestion)
    partly = chosen is not None and set(chosen) != set(range(len(changes(suggestion))))
    body = with_changes(suggestion, chosen) if partly else suggestion.body
    return _accepted(suggestion, person, body, suggestion.base_number, None, partly, suggestion.note, reason)


def accept_resolved(suggestion, person, body: str, theirs_number: int, origin: int | None, partly: bool,
                    note: str, reason: str = ""):
    """Save the text the acceptor made on the conflict screen of an overlapping suggestion (started from revision
    origin), on revision theirs_number (merged again if someone saved since), with the note they wrote there."""
    _check_open(suggestion)
    return _accepted(suggestion, person, body, theirs_number, origin or None, partly, note, reason)


def _accepted(suggestion, person, body: str, base_number: int, merge_base: int | None, partly: bool, note: str,
              reason: str):
    status, kind = ((Suggestion.PARTLY_ACCEPTED, Activity.ACCEPT_PART) if partly
                    else (Suggestion.ACCEPTED, Activity.ACCEPT))
    section = suggestion.section

    def mark(revision) -> None:
        # The reason column says why the rest of a partly accepted suggestion was declined.
        _close(suggestion, person, status, kind, revision_number=revision.number if revision else None,
               reason=(reason.strip() if partly else "")[:Suggestion.reason.max_length])

    try:
        return revisions.save(section, person, body, credit(suggestion, person, note), base_number,
                              merge_base=merge_base, then=mark)
    except revisions.NothingChanged:
        with section_write_lock(section.id):
            mark(None)
        return None


def credit(suggestion, person, note: str) -> str:
    """The revision's note: who suggested it, who accepted it, then the note (the suggestion's own, or the one the
    acceptor wrote on the conflict screen)."""
    names = _("Suggested by %(author)s, accepted by %(person)s", author=suggestion.author.display_name,
              person=person.display_name)
    note = note.strip()
    return f"{names}: {note}"[:300] if note else names[:300]


def decline(suggestion, person, reason: str) -> None:
    if not reason.strip():
        raise ValueError("a suggestion is declined with a reason")
    with section_write_lock(suggestion.section_id):
        _close(suggestion, person, Suggestion.DECLINED, Activity.DECLINE, reason=reason.strip())


def withdraw(suggestion, person) -> None:
    with section_write_lock(suggestion.section_id):
        _close(suggestion, person, Suggestion.WITHDRAWN, Activity.WITHDRAW)


def _check_open(suggestion) -> None:
    if suggestion.status != Suggestion.OPEN:
        raise NotOpen()


def _close(suggestion, person, status: str, kind: str, **fields) -> None:
    """Inside the caller's transaction: mark it decided, if still open (else NotOpen rolls the transaction back),
    and say so in the feed."""
    now = utcnow()
    changed = (Suggestion.update(status=status, decided_by=person.id, decided_at=now, **fields)
               .where(Suggestion.id == suggestion.id, Suggestion.status == Suggestion.OPEN).execute())
    if not changed:
        raise NotOpen()
    section = suggestion.section
    activity.record(kind, person, section.report_id, section, fields.get("revision_number"),
                    detail=str(suggestion.id), at=now)
    suggestion.status, suggestion.decided_by, suggestion.decided_at = status, person, now
    for name, value in fields.items():
        setattr(suggestion, name, value)


def of(section) -> tuple[list, list]:
    """The section's open suggestions (oldest first, as they came) and the decided ones (newest first), with the
    names of who made and who decided them (one query)."""
    decider = User.alias()
    rows = list(Suggestion.select(Suggestion, User.id, User.display_name, decider.id, decider.display_name)
                .join(User, on=(Suggestion.author == User.id), attr="author")
                .join_from(Suggestion, decider, JOIN.LEFT_OUTER, on=(Suggestion.decided_by == decider.id),
                           attr="decided_by")
                .where(Suggestion.section == section.id).order_by(Suggestion.id))
    for row in rows:
        row.section = section  # their bases are read from it
    return ([s for s in rows if s.status == Suggestion.OPEN],
            sorted((s for s in rows if s.status != Suggestion.OPEN), key=lambda s: s.decided_at, reverse=True))


def steps(section) -> list[tuple]:
    """Every step of the section's suggestions for its history, newest first: (when, what, suggestion), what being
    "proposed" or the status it was decided to."""
    open_ones, decided = of(section)
    made = [(s.created_at, "proposed", s) for s in open_ones + decided]
    return sorted(made + [(s.decided_at, s.status, s) for s in decided], key=lambda step: step[0], reverse=True)
