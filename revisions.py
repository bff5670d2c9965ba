"""Writing history: every save, merge and restore becomes a new, numbered, immutable revision.

A save names the revision its text started from. If someone saved in between, the two edits are
merged three-way; edits that overlap raise Conflicted, carrying everything the conflict screen needs.
Writers of one section are serialised (BEGIN IMMEDIATE on SQLite, a row lock on PostgreSQL), so two
saves can never take the same number or both believe they are on top.
"""
import re
import time
from contextlib import contextmanager
from datetime import datetime

from peewee import OperationalError, SqliteDatabase

from merge import MergeResult, merge
from models import Draft, Revision, Section, db, utcnow
from wordcount import count_markdown
from worddiff import change_stats

MAX_BODY_CHARS = 200_000
# Control characters other than tab and newlines are never meant; refuse them instead of dropping them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LOCK_RETRIES = 4
_MERGE_ROUNDS = 5


class StaleBase(Exception):
    """The section moved on after the editor opened it: saving as is would overwrite someone."""

    def __init__(self, head):
        super().__init__(f"section is at revision {head.number}")
        self.head = head


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
    text, on_top_of = mine, base_number
    for _ in range(_MERGE_ROUNDS):
        try:
            merged = merge_base or (base_number if on_top_of != base_number else None)
            return _append(section, author, text, note, on_top_of, at or utcnow(), merge_base=merged)
        except StaleBase as stale:
            start = section.revision(on_top_of) if on_top_of else None
            result = merge(start.body if start else "", stale.head.body, text)
            if not result.clean:
                raise Conflicted(result, stale.head, on_top_of, mine) from None
            text, on_top_of = normalise(result.text()), stale.head.number
    raise Busy()


def restore(section, author, old: Revision, note: str = "") -> Revision:
    """Bring back an old text as a new revision on top of the current head (never merged)."""
    head = section.head_revision()
    return _append(section, author, old.body, note, head.number if head else 0, utcnow(),
                   restored_number=old.number)


def _append(section, author, body, note, base_number, at, **marks) -> Revision:
    for attempt in range(_LOCK_RETRIES):
        try:
            with _writing(section):
                return _append_locked(section, author, body, note, base_number, at, **marks)
        except OperationalError as error:
            if "locked" not in str(error):
                raise
            time.sleep(0.05 * 2 ** attempt)
    raise Busy()


def _append_locked(section, author, body, note, base_number, at, **marks) -> Revision:
    head = section.head_revision()
    head_number = head.number if head else 0
    if head_number != base_number:
        raise StaleBase(head)
    if head and head.body == body:
        raise NothingChanged()
    counts = count_markdown(body)
    added, removed = change_stats(head.body if head else "", body)
    revision = Revision.create(
        section=section, number=head_number + 1, author=author, body=body, note=note.strip(), parent=head,
        words=counts.body, footnote_words=counts.notes, words_added=added, words_removed=removed,
        created_at=at, **marks)
    Draft.end(author, section)  # a saved text needs no draft
    return revision


@contextmanager
def _writing(section):
    """A transaction that no other writer of this section can interleave with."""
    if isinstance(db.obj, SqliteDatabase):
        with db.obj.atomic("IMMEDIATE"):
            yield
    else:
        with db.atomic():
            Section.select(Section.id).where(Section.id == section.id).for_update().get()
            yield
