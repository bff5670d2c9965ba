"""Writing history: every save, merge and restore becomes a new, numbered, immutable revision.

A save names the revision its text started from. If someone saved in between, the two edits are
merged three-way; edits that overlap raise Conflicted, carrying everything the conflict screen needs.
Writers of one section are serialised (BEGIN IMMEDIATE on SQLite, a row lock on PostgreSQL), and the
merge happens under that lock, so a save never takes a taken number nor lands on a head it did not see.
"""
import re
import time
from datetime import datetime

from peewee import OperationalError

import activity
import review
from merge import MergeResult, merge
from models import Activity, Revision, section_write_lock, utcnow
from wordcount import count_markdown
from worddiff import change_stats

MAX_BODY_CHARS = 200_000
# Control characters other than tab and newlines are never meant; refuse them instead of dropping them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LOCK_RETRIES = 4


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
         merge_base: int | None = None) -> Revision:
    """Append the author's text, edited from revision base_number, merging in whatever came since.

    merge_base marks the text as already merged (a resolved conflict): the revision its author began from.
    """
    mine, base_number = normalise(body), base_number or 0

    def write() -> Revision:
        # Merging under the write lock: the head cannot move again before this revision is on top.
        head = section.head_revision()
        text, merged_from = mine, merge_base
        if (head.number if head else 0) != base_number:
            start = section.revision(base_number) if base_number else None
            result = merge(start.body if start else "", head.body, mine)
            if not result.clean:
                raise Conflicted(result, head, base_number, mine)
            text, merged_from = normalise(result.text()), merge_base or base_number
        return _append(section, author, text, note, head, at or utcnow(), merge_base=merged_from)

    return _locked(section, write)


def restore(section, author, old: Revision, note: str = "") -> Revision:
    """Bring back an old text as a new revision on top of the current head (never merged)."""
    return _locked(section, lambda: _append(section, author, old.body, note, section.head_revision(), utcnow(),
                                            restored_number=old.number))


def _append(section, author, body, note, head, at, **marks) -> Revision:
    if head and head.body == body:
        raise NothingChanged()
    counts = count_markdown(body)
    added, removed = change_stats(head.body if head else "", body)
    number = (head.number if head else 0) + 1
    review.reopen_after_edit(section, author, number)
    revision = Revision.create(
        section=section, number=number, author=author, body=body, note=note.strip(),
        parent=head, words=counts.body, footnote_words=counts.notes, words_added=added, words_removed=removed,
        created_at=at, **marks)
    kind = (Activity.RESTORE if marks.get("restored_number") else
            Activity.MERGE if marks.get("merge_base") else Activity.EDIT)
    activity.record(kind, author, section.report_id, section, number, at=at)
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
