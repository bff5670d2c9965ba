"""Autosaved drafts: kept on the server, private to their author, offered back, ended by a save."""
import re

import pytest

from coalition.revisions import MAX_BODY_CHARS
from models import Draft
from tests.helpers import field_text, hidden, sign_in
from tests.web.coedit import HX

pytestmark = pytest.mark.both_databases  # drafts are kept by an upsert

CURRENT = "Второй вариант текста, қазақша."  # revision 2 of the own section
DRAFT = "Второй вариант отчёта, қазақша."


@pytest.fixture
def own(world, login):
    login("member")
    return world["sections"]["own"]


def keep(client, section_id, body, base=2, note="", headers=HX):
    return client.post(f"/sections/{section_id}/draft", data={"body": body, "base": base, "note": note},
                       headers=headers)


def drafts(section_id):
    """The open drafts of a section (a save leaves a closed one behind)."""
    return list(Draft.select().where(Draft.section == section_id, Draft.closed == False))


def test_autosave_keeps_a_draft(client, own, revision_count):
    response = keep(client, own, DRAFT, base=1, note="wip")
    assert response.status_code == 200 and "Draft kept on the server" in response.text
    assert "<html" not in response.text and revision_count(own) == 2
    [draft] = drafts(own)
    # Kept normalised, like a revision.
    assert (draft.user.login, draft.body, draft.note, draft.base_number) == ("member", DRAFT + "\n", "wip", 1)


@pytest.mark.parametrize(("body", "status", "message"), [
    (" \r\n ", 204, ""),
    ("x" * (MAX_BODY_CHARS + 1), 400, "The draft could not be kept"),
], ids=["empty", "too long"])
def test_nothing_is_kept_for_an_empty_or_too_long_text(client, own, body, status, message):
    response = keep(client, own, body)
    assert response.status_code == status and message in response.text and drafts(own) == []


@pytest.mark.parametrize("path", ["", "/edit", "/edit?draft=1", "/history"])
def test_a_draft_is_private(app, client, own, path):
    assert keep(client, own, "Private unfinished sentence.").status_code == 200
    lead = app.test_client()
    sign_in(lead, "lead")
    page = lead.get(f"/sections/{own}{path}")
    assert page.status_code == 200 and "unfinished" not in page.text


def test_no_draft_of_a_section_one_cannot_edit(client, world, login):
    login("other")
    assert keep(client, world["sections"]["own"], DRAFT).status_code == 403
    assert drafts(world["sections"]["own"]) == []


def test_coming_back_offers_the_draft(client, own):
    keep(client, own, DRAFT, base=1)
    page = client.get(f"/sections/{own}/edit").text
    assert "You have an unsaved draft" in page and "Continue with my draft" in page
    assert re.search(r"<del>.*текста.*</del><ins>.*отчёта.*</ins>", page)
    assert (field_text(page, "body"), hidden(page, "base")) == (CURRENT, "2")
    resumed = client.get(f"/sections/{own}/edit?draft=1").text
    assert (field_text(resumed, "body"), hidden(resumed, "base")) == (DRAFT, "1")
    assert "You have an unsaved draft" not in resumed


def test_discarding_deletes_the_draft(client, own):
    keep(client, own, DRAFT)
    response = client.post(f"/sections/{own}/draft/discard")
    assert response.status_code == 302 and drafts(own) == []
    assert "You have an unsaved draft" not in client.get(response.headers["Location"]).text


def test_saving_ends_the_draft(client, own, revision_count):
    keep(client, own, DRAFT)
    assert client.post(f"/sections/{own}/edit", data={"body": DRAFT, "base": 2}).status_code == 302
    assert drafts(own) == [] and revision_count(own) == 3


# An untouched editor autosaved on focusout sends the current text back as the browser has it: CRLF.
@pytest.mark.parametrize("body", [CURRENT + "\n", CURRENT + "\r\n", CURRENT],
                         ids=["as stored", "as a browser sends it", "without the final newline"])
def test_a_draft_equal_to_the_current_text_is_not_offered(client, own, body):
    keep(client, own, body)
    assert "You have an unsaved draft" not in client.get(f"/sections/{own}/edit").text
