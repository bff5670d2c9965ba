"""Helpers for the co-editing tests: texts built of paragraphs, form values read back from a page."""
import html
import re

import pytest

from coalition import revisions
from models import Section, User

HX = {"HX-Request": "true"}


def doc(*paragraphs: str) -> str:
    """A section text as history stores it: paragraphs one blank line apart, one final newline."""
    return "\n\n".join(paragraphs) + "\n"


def field_text(page: str, name: str) -> str | None:
    """The text of the textarea with this name (unescaped and stripped), or None if there is none."""
    match = re.search(rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', page, re.S)
    return html.unescape(match.group(1)).strip() if match else None


def hidden(page: str, name: str) -> str:
    """The value of the input with this name."""
    return re.search(rf'name="{name}"[^>]*value="([^"]*)"', page).group(1)


# A section of five paragraphs; the lead and the member both edit it from revision 3.
A, X, B, C, D = ("Introduction about the coalition.", "First spacer stays.", "The law was adopted in 2020.",
                 "Second spacer stays.", "Closing with recommendations.")
A2, B2 = "Introduction about the whole coalition.", "The law was adopted in 2021."  # the lead's, revision 4
B3, D3 = "The law was adopted in 2019.", "Closing with five recommendations."  # the member's, from 3
MINE = doc(A, X, B3, C, D3)


@pytest.fixture
def sec(app, world, login):
    """Revision 3 has five paragraphs; the lead edits A and B as revision 4; the member is signed in."""
    with app.app_context():
        section = Section.get_by_id(world["sections"]["own"])
        revisions.save(section, User.get(login="member"), doc(A, X, B, C, D), "", 2)
        revisions.save(section, User.get(login="lead"), doc(A2, X, B2, C, D), "lead's edit", 3)
    login("member")
    return section.id


@pytest.fixture
def conflict(client, sec):
    """The member saves MINE, an edit of revision 3 that overlaps the lead's in B (409)."""
    form = {"body": MINE.replace("\n", "\r\n"), "base": 3, "note": "n"}
    return client.post(f"/sections/{sec}/edit", data=form)


def head(section_id: int):
    return Section.get_by_id(section_id).head_revision()
