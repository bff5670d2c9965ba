"""Writing history: every save, merge and restore becomes a new, numbered, immutable revision.

A save names the revision its text started from. If someone saved in between, the two edits are
merged three-way; edits that overlap raise Conflicted, carrying everything the conflict screen needs.
Writers of one section are serialised (BEGIN IMMEDIATE on SQLite, a row lock on PostgreSQL). The merge,
diff and word counts are computed before taking that lock (on SQLite it stops every writer of the database);
under it the revision is appended only if the head is still the one they were computed against, so a save
never takes a taken number nor lands on a head it did not see.
"""
import random
import re
import time
from datetime import datetime
from functools import partial

from peewee import OperationalError

from coalition import activity, review
from models import Activity, Revision, section_write_lock, utcnow
from text.markup import numbered_paragraphs
from text.merge import MergeResult, merge
from text.wordcount import count_markdown
from text.worddiff import change_stats

MAX_BODY_CHARS = 200_000
# Control characters other than tab and newlines are never meant; refuse them instead of dropping them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LOCK_RETRIES = 4
# Times a save is computed again because someone else saved meanwhile (with the back-off in _append, about
# 10 s at most), before giving up as Busy; eight people saving one section at once need a dozen or so.
_HEAD_RETRIES = 25


class NothingChanged(Exception):
    """The text is the same as the newest revision's; no revision is made."""


class Conflicted(Exception):
    """The edit overlaps someone else's: the author chooses, paragraph by paragraph."""

    def __init__(self, result: MergeResult, head, base_number: int, mine: str):
        super().__init__(f"{len(result.conflicts)} conflicting passages")
        self.result, self.head, self.base_number, self.mine = result, head, base_number, mine


class Busy(Exception):
    """The database stayed locked through every retry; nothing was saved."""


def normalise(body: str) -> str:
    """Browsers send CRLF from textareas; history stores LF and no trailing blank lines."""
    return body.replace("\r\n", "\n").replace("\r", "\n").rstrip() + "\n"


def body_problem(body: str) -> str | None:
    """Why this text cannot be saved, as a key for the form to translate, or None."""
    if not body.strip():
        return "empty"
    if len(body) > MAX_BODY_CHARS:
        return "too_long"
    if _CONTROL.search(body):
        return "control"
    return None


def save(section, author, body: str, note: str, base_number: int | None, at: datetime | None = None,
         merge_base: int | None = None, then=None) -> Revision:
    """Append the author's text, edited from revision base_number, merging in whatever came since.

    merge_base marks the text as already merged (a resolved conflict): the revision its author began from.
    then(revision), if given, runs in the revision's transaction (an accepted suggestion marks itself there).
    """
    mine, base_number = normalise(body), base_number or 0

    def on(head) -> tuple[str, dict]:
        if (head.number if head else 0) == base_number:
            return mine, {"merge_base": merge_base}
        start = section.revision(base_number) if base_number else None
        result = merge(start.body if start else "", head.body, mine)
        if not result.clean:
            raise Conflicted(result, head, base_number, mine)
        return normalise(result.text()), {"merge_base": merge_base or base_number}

    return _append(section, author, note, at or utcnow(), on, then)


def restore(section, author, old: Revision, note: str = "") -> Revision:
    """Bring back an old text as a new revision on top of the current head (never merged)."""
    return _append(section, author, note, utcnow(), lambda head: (old.body, {"restored_number": old.number}))


def _append(section, author, note, at, on, then=None) -> Revision:
    """Add the text on(head) gives (with its marks) on top of the head, computing it and its counts outside the
    write lock; if someone saved meanwhile, compute again against their revision."""
    for attempt in range(_HEAD_RETRIES):
        if attempt:
            # Back off a random while, longer each time, so that writers racing on one section spread out.
            time.sleep(random.uniform(0, min(0.5, 0.01 * 2 ** attempt)))
        head = section.head_revision()
        body, marks = on(head)
        if head and head.body == body:
            raise NothingChanged()
        counts = count_markdown(body)
        added, removed = change_stats(head.body if head else "", body)
        fields = dict(section=section, number=(head.number if head else 0) + 1, author=author, body=body,
                      note=note.strip(), parent=head, words=counts.body, footnote_words=counts.notes,
                      words_added=added, words_removed=removed, paragraphs=len(numbered_paragraphs(body)),
                      created_at=at, **marks)
        revision = _locked(section, partial(_create_on, head, fields, then))
        if revision:
            return revision
    raise Busy()


def _create_on(head, fields: dict, then=None) -> Revision | None:
    """Under the write lock: the revision, if the section's head is still `head`; else None."""
    section = fields["section"]
    now = section.head_revision()
    if (now.id if now else None) != (head.id if head else None):
        return None
    review.reopen_after_edit(section, fields["author"], fields["number"], fields["created_at"])
    revision = Revision.create(**fields)
    kind = (Activity.RESTORE if fields.get("restored_number") else
            Activity.MERGE if fields.get("merge_base") else Activity.EDIT)
    activity.record(kind, fields["author"], section.report_id, section, fields["number"], at=fields["created_at"])
    if then:
        then(revision)
    return revision


def _locked(section, write):
    """Run write() in a transaction no other writer of the section can interleave with, retrying a lock."""
    for attempt in range(_LOCK_RETRIES):
        try:
            with section_write_lock(section.id):
                return write()
        except OperationalError as error:
            if "locked" not in str(error):
                raise
            time.sleep(0.05 * 2 ** attempt)
    raise Busy()
