"""Presence: that a person is on a page of a report now, recorded by the page's poll (views/presence.py), never
by showing the page, so that reading takes no write lock."""
from contextlib import suppress

from peewee import OperationalError

from models import Presence, utcnow


def here(user, report_id: int, section_id: int | None = None, editing: bool = False) -> None:
    """One row per person and page, its time renewed by each poll (Presence.others reads the fresh ones)."""
    values = {"report": report_id, "section": section_id, "editing": editing, "seen_at": utcnow()}
    place = f"section:{section_id}" if section_id else "report"
    with suppress(OperationalError):  # presence is a courtesy: a busy database must not cost anyone the poll
        (Presence.insert(user=user.id, place=place, **values)
         .on_conflict(conflict_target=[Presence.user, Presence.place], update=values).execute())
