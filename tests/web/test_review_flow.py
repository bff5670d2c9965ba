"""A section through its review over HTTP: the note that asks for changes, approval pinning a revision,
edits and restores reopening it, and what the section and review pages then say."""
import re

import pytest

from models import Section, StatusChange
from tests import helpers
from tests.helpers import step

SAY_WHAT = "Say what should change: the group reads this note."
CHANGED_SINCE = "The coalition approved revision 2; the text has changed since."
EDITED = "Второй вариант текста, қазақша, с поправкой коалиции."


def set_status(section_id, status, approved_number=None):
    Section.update(status=status, approved_number=approved_number).where(Section.id == section_id).execute()


def steps(section_id):
    """(old, new, revision number, who, note) of each step, oldest first."""
    rows = StatusChange.select().where(StatusChange.section == section_id).order_by(StatusChange.id)
    return [(s.old_status, s.new_status, s.revision_number, s.user.login, s.note) for s in rows]


def state(section_id):
    section = Section.get_by_id(section_id)
    return section.status, section.approved_number


def edit(client, section_id, body=EDITED, base=2):
    return helpers.edit(client, section_id, body, base)


@pytest.mark.parametrize("note", ["", "   \r\n "])
def test_request_changes_needs_a_note(client, login, own, note):
    set_status(own, "in_review")
    login("reviewer")
    response = step(client, own, "request_changes", note)
    assert response.status_code == 400
    assert SAY_WHAT in response.text and 'aria-invalid="true"' in response.text
    assert 'value="request_changes"' in response.text  # the form is shown again, to try once more
    assert state(own) == ("in_review", None) and steps(own) == []


def test_the_note_of_requested_changes_is_in_the_review_history(client, login, own):
    set_status(own, "in_review")
    login("reviewer")
    assert step(client, own, "request_changes", "  Cite the 2023 law on NGOs.\n").status_code == 302
    assert steps(own) == [("in_review", "changes_requested", 2, "reviewer", "Cite the 2023 law on NGOs.")]
    history = client.get(f"/sections/{own}/review").text.split("Review history", 1)[1]
    assert re.search(r'<p class="step-note">Cite the 2023 law on NGOs\.</p>', history)
    assert "In review → Changes requested" in history


def test_approval_pins_the_head_and_an_edit_reopens_the_section(person, own):
    member, reviewer = person("member"), person("reviewer")
    step(member, own, "submit")
    step(reviewer, own, "approve")
    assert state(own) == ("approved", 2)
    assert CHANGED_SINCE not in member.get(f"/sections/{own}").text

    assert edit(member, own).status_code == 302
    assert state(own) == ("draft", 2)
    assert steps(own)[-1] == ("approved", "draft", 3, "member", "")
    assert CHANGED_SINCE in member.get(f"/sections/{own}").text
    page = reviewer.get(f"/sections/{own}/review").text
    assert "Changes since the approved revision 2 (now revision 3)" in page
    inserted = " ".join(re.findall(r"<ins>(.*?)</ins>", page, re.S))
    assert "поправкой" in inserted and "коалиции" in inserted and "Второй" not in inserted
    assert "Edited after being sent for review or approved." in page


def test_a_restore_reopens_an_approved_section(client, login, own):
    set_status(own, "approved", 2)
    login("lead")
    assert client.post(f"/sections/{own}/revisions/1/restore").status_code == 302
    assert state(own) == ("draft", 2)
    assert steps(own) == [("approved", "draft", 3, "lead", "")]


def test_a_save_in_review_reopens_it_to_draft(client, login, own):
    set_status(own, "in_review")
    login("member")
    assert edit(client, own).status_code == 302
    assert state(own) == ("draft", None)
    assert steps(own) == [("in_review", "draft", 3, "member", "")]


def test_a_save_of_a_draft_or_of_the_same_text_records_no_step(client, login, own):
    login("member")
    edit(client, own)
    assert steps(own) == []
    set_status(own, "approved", 3)
    edit(client, own, base=3)  # nothing changed: no revision, so nothing reopens
    assert state(own) == ("approved", 3) and steps(own) == []


def review_form(html):
    """The fields the review page's form would send (hidden ones included), without a button's action."""
    form = re.search(r'<form [^>]*class="review-form".*?</form>', html, re.S).group(0)
    return dict(re.findall(r'<input [^>]*name="([^"]+)"[^>]*value="([^"]*)"', form))


def test_approve_applies_to_the_revision_the_reviewer_read(person, own):
    set_status(own, "in_review")
    member, reviewer = person("member"), person("reviewer")
    form = review_form(reviewer.get(f"/sections/{own}/review").text)  # the reviewer reads revision 2
    edit(member, own)
    step(member, own, "submit")  # revision 3, sent for review again
    reviewer.post(f"/sections/{own}/status", data={**form, "action": "approve", "note": ""})
    assert state(own) == ("in_review", None)
