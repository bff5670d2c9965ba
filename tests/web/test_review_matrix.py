"""Who may take which review step from which status (403, 'does not apply', or one recorded step), and
what each person sees: the review page, the overview's status labels, 404, 400 and the sign-in redirect."""
import html
import re

import pytest

from coalition import review
from models import Section, StatusChange, User
from tests import helpers

ROLES = ("coordinator", "reviewer", "lead", "member", "other")
ACTIONS = ("submit", "approve", "request_changes")
STATUSES = ("draft", "in_review", "changes_requested", "approved")
# Written out by hand (not read from review.TRANSITIONS), so a wrong table there fails here.
LEADS_TO = {("submit", "draft"): "in_review", ("submit", "changes_requested"): "in_review",
            ("approve", "in_review"): "approved", ("request_changes", "in_review"): "changes_requested"}
EDITORS = {"own": {"coordinator", "lead", "member"}, "theirs": {"coordinator", "other"}}
DOES_NOT_APPLY = "This step does not apply to the section as it is now"
NOTE = "Please check the figures in paragraph 2."

CASES = [(role, action, status, "own") for role in ROLES for action in ACTIONS for status in STATUSES]
CASES += [("other", "submit", status, "theirs") for status in STATUSES]


def may(role, action, key):
    return role in EDITORS[key] if action == "submit" else role in {"reviewer", "coordinator"}


def test_the_hand_written_table_is_the_apps():
    assert {(action, start): target for action, (starts, target) in review.TRANSITIONS.items()
            for start in starts} == LEADS_TO


@pytest.mark.parametrize("role, action, status, key", CASES, ids=["-".join(case) for case in CASES])
def test_step(client, login, world, role, action, status, key):
    section_id = world["sections"][key]
    approved_before = 1 if status == "approved" else None
    Section.update(status=status, approved_number=approved_before).where(Section.id == section_id).execute()
    login(role)

    response = client.post(f"/sections/{section_id}/status", data={"action": action, "note": NOTE})

    section = Section.get_by_id(section_id)
    steps = list(StatusChange.select().where(StatusChange.section == section_id))
    if not may(role, action, key):
        assert response.status_code == 403
        assert (section.status, section.approved_number, steps) == (status, approved_before, [])
        return
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/sections/{section_id}/review")
    page = client.get(response.headers["Location"]).text
    if (action, status) not in LEADS_TO:
        assert DOES_NOT_APPLY in page
        assert (section.status, section.approved_number, steps) == (status, approved_before, [])
        return
    assert "Review step recorded." in page and DOES_NOT_APPLY not in page
    assert section.status == LEADS_TO[action, status]
    assert section.approved_number == (2 if action == "approve" else approved_before)
    [change] = steps
    assert (change.old_status, change.new_status, change.user_id, change.revision_number, change.note) == (
        status, LEADS_TO[action, status], User.get(User.login == role).id, 2, NOTE)


def set_status(section_id, status):
    Section.update(status=status).where(Section.id == section_id).execute()


def unmoved(section_id):
    section = Section.get_by_id(section_id)
    return (section.status, section.approved_number, section.status_changes.count()) == ("draft", None, 0)


def step(client, section_id, action):
    return helpers.step(client, section_id, action, NOTE)


def test_unknown_section_and_unknown_action(client, login, world):
    own = world["sections"]["own"]
    login("coordinator")
    assert client.get("/sections/9999/review").status_code == 404
    assert step(client, 9999, "submit").status_code == 404
    assert step(client, own, "publish").status_code == 400
    assert client.post(f"/sections/{own}/status", data={}).status_code == 400
    assert unmoved(own)


def test_anonymous_is_sent_to_sign_in(client, world):
    own = world["sections"]["own"]
    for response in (client.get(f"/sections/{own}/review"), step(client, own, "submit")):
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert unmoved(own)


@pytest.mark.parametrize("role", ROLES)
def test_review_page_for_every_role(client, login, world, role):
    own = world["sections"]["own"]
    login(role)
    draft = client.get(f"/sections/{own}/review")
    assert draft.status_code == 200 and "New text: revision 2; nothing approved yet" in draft.text
    assert ('value="submit"' in draft.text) == may(role, "submit", "own")
    set_status(own, "in_review")
    in_review = client.get(f"/sections/{own}/review").text
    assert ("Approve revision 2" in in_review) == may(role, "approve", "own")


@pytest.mark.parametrize("status, label", [("draft", "Draft"), ("in_review", "In review"),
                                           ("approved", "Approved"), ("changes_requested", "Changes requested")])
def test_overview_shows_each_sections_status(client, login, world, status, label):
    set_status(world["sections"]["own"], status)
    login("other")
    page = client.get(f"/reports/{world['report']}").text
    row = r'<tr>\s*<th scope="row"><a [^>]*>([^<]+)</a>.*?<span class="status status-\w+">(?:[^ <]+ )?([^<]+)</span>'
    rows = {html.unescape(title): badge for title, badge in re.findall(row, page, re.S)}
    assert rows == {"Civil and political rights section": label, "Women's rights section": "Draft"}
