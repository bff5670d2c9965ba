"""Writing history: every save and every restore becomes a new, numbered, immutable revision."""
import re
from datetime import datetime

from peewee import IntegrityError

from models import Revision, db, utcnow
from wordcount import count_markdown
from worddiff import change_stats

MAX_BODY_CHARS = 200_000
# Control characters other than tab and newlines are never meant; refuse them instead of dropping them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class StaleBase(Exception):
    """The section moved on after the editor opened it: saving as is would overwrite someone."""

    def __init__(self, head):
        super().__init__(f"section is at revision {head.number}")
        self.head = head


class NothingChanged(Exception):
    """The text is the same as the newest revision's; no revision is made."""


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


def save(section, author, body: str, note: str, base_number: int | None, restored_number: int | None = None,
         at: datetime | None = None) -> Revision:
    """Append a revision on top of base_number; StaleBase if someone saved in between."""
    body = normalise(body)
    try:
        return _append(section, author, body, note, base_number, restored_number, at or utcnow())
    except IntegrityError:
        # A concurrent writer took the same number: the head moved, so this save is stale.
        return _append(section, author, body, note, base_number, restored_number, at or utcnow())


def _append(section, author, body, note, base_number, restored_number, at) -> Revision:
    with db.atomic():
        head = section.head_revision()
        head_number = head.number if head else 0
        if head_number != (base_number or 0):
            raise StaleBase(head)
        if head and head.body == body:
            raise NothingChanged()
        counts = count_markdown(body)
        added, removed = change_stats(head.body if head else "", body)
        return Revision.create(
            section=section, number=head_number + 1, author=author, body=body, note=note.strip(),
            parent=head, restored_number=restored_number, words=counts.body, footnote_words=counts.notes,
            words_added=added, words_removed=removed, created_at=at)


def restore(section, author, old: Revision, note: str = "") -> Revision:
    """Bring back an old text as a new revision on top of the current head."""
    head = section.head_revision()
    return save(section, author, old.body, note, head.number if head else 0, restored_number=old.number)
