"""Fixtures of the suggested edits' tests: the lead's group's section, and a suggestion made on it."""
import pytest

from coalition import revisions
from models import Section, Suggestion, User

BASE = "First paragraph.\n\nSecond paragraph.\n"


@pytest.fixture
def section(app, world):
    """The lead's group's section, at revision 3 with two paragraphs."""
    with app.app_context():
        section = Section.get_by_id(world["sections"]["own"])
        revisions.save(section, User.get(login="lead"), BASE, "", 2)
    return section.id


def suggest(client, section, body, note="", base=3):
    return client.post(f"/sections/{section}/suggest", data={"body": body, "note": note, "base": base,
                                                             "action": "suggest"})


@pytest.fixture
def made(person, section):
    """Other (of another group) suggests changing both paragraphs; returns the suggestion's id."""
    response = suggest(person("other"), section, "1st paragraph.\n\n2nd paragraph.\n", "Plainer numbers")
    assert response.status_code == 302 and "/suggestions#suggestion-" in response.headers["Location"]
    return Suggestion.select().order_by(Suggestion.id.desc()).get().id
