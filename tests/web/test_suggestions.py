"""Suggested edits over HTTP: proposed in their editor, shown to the group as formatted diffs, accepted (merged,
in part, or through the conflict screen), declined with a reason and still readable, withdrawn; in the feed."""
import re

from coalition import revisions
from models import Revision, Section, Suggestion, User
from tests.web import suggesting
from tests.web.suggesting import BASE, suggest

section, made = suggesting.section, suggesting.made  # fixtures

def test_the_editor_previews_without_javascript_and_refuses_an_unchanged_text(person, section):
    client = person("other")
    page = client.get(f"/sections/{section}/suggest")
    assert page.status_code == 200 and "Second paragraph." in page.text
    preview = client.post(f"/sections/{section}/suggest", data={"body": "**Bold** text", "base": 3,
                                                                "action": "preview"})
    assert preview.status_code == 200 and "<strong>Bold</strong>" in preview.text
    assert suggest(client, section, BASE).status_code == 400
    assert Suggestion.select().count() == 0


def test_the_editor_has_the_toolbar_without_the_image_upload_of_the_sections_writers(person, section):
    page = person("other").get(f"/sections/{section}/suggest").text
    assert "<markdown-toolbar" in page and f'data-paste-url="/sections/{section}/paste"' in page
    assert "upload-image" not in page and 'id="image-dialog"' not in page
    assert "upload-image" in person("member").get(f"/sections/{section}/edit").text


def test_the_group_sees_it_as_a_formatted_diff_with_its_forms(person, section, made):
    page = person("lead").get(f"/sections/{section}/suggestions")
    assert "Plainer numbers" in page.text and "<ins" in page.text and "<del" in page.text
    for action in ("accept", "accept-part", "decline"):
        assert f"/suggestions/{made}/{action}" in page.text
    assert f"/suggestions/{made}/withdraw" not in page.text
    theirs = person("other").get(f"/sections/{section}/suggestions").text
    assert f"/suggestions/{made}/withdraw" in theirs and f"/suggestions/{made}/accept" not in theirs


def test_the_section_and_the_overview_count_it(person, world, section, made):
    tab = f'href="/sections/{section}/suggestions">Suggestions (1)</a>'
    assert tab in person("member").get(f"/sections/{section}").text
    assert "Suggest an edit" not in person("member").get(f"/sections/{section}").text
    assert "Suggest an edit" in person("reviewer").get(f"/sections/{section}").text
    overview = person("member").get(f"/reports/{world['report']}").text
    assert re.search(r'class="open-suggestions" [^>]*>1<span class="visually-hidden"> open suggestion</span>', overview)
    dashboard = person("coordinator").get(f"/reports/{world['report']}/dashboard").text
    assert "Open suggestions</th>" in dashboard and "<td>1</td>" in dashboard.split("Women's rights")[0]


def test_accepting_one_made_on_an_older_revision_merges_and_credits_both(person, section, made):
    lead = person("lead")
    with lead.application.app_context():
        revisions.save(Section.get_by_id(section), User.get(login="lead"), BASE + "\nThird paragraph.\n", "", 3)
    response = lead.post(f"/suggestions/{made}/accept")
    assert response.status_code == 302
    head = Revision.select().where(Revision.section == section).order_by(Revision.number.desc()).get()
    assert head.body == "1st paragraph.\n\n2nd paragraph.\n\nThird paragraph.\n"
    assert "Suggested by Other" in head.note and "accepted by Lead" in head.note
    history = lead.get(f"/sections/{section}/history").text
    assert "Suggested by Other" in history and "Lead" in history


def test_an_overlapping_one_opens_the_conflict_screen_with_both_texts(person, section, made):
    lead = person("lead")
    with lead.application.app_context():
        revisions.save(Section.get_by_id(section), User.get(login="member"), "Opening paragraph.\n\n"
                       "Second paragraph.\n", "", 3)
    response = lead.post(f"/suggestions/{made}/accept")
    assert response.status_code == 409
    assert "Opening" in response.text and "1st" in response.text  # theirs and the suggestion, word by word
    assert Suggestion.get_by_id(made).status == Suggestion.OPEN
    assert "Outdated" in lead.get(f"/sections/{section}/suggestions").text
    assert f'action="/suggestions/{made}/resolve"' in response.text
    chosen = lead.post(f"/suggestions/{made}/resolve", data={"origin": 3, "theirs": 4, "mine": "1st paragraph.\n\n"
                       "2nd paragraph.\n", "choice-0": "edit",
                       "edited-0": "Opening (1st) paragraph.\n\n2nd paragraph."})  # one passage: both paragraphs
    assert chosen.status_code == 302
    head = Revision.select().where(Revision.section == section).order_by(Revision.number.desc()).get()
    assert head.body == "Opening (1st) paragraph.\n\n2nd paragraph.\n" and "Suggested by Other" in head.note
    stored = Suggestion.get_by_id(made)
    assert (stored.status, stored.revision_number) == (Suggestion.ACCEPTED, 5)


def test_accepting_the_ticked_changes_only(person, section, made):
    response = person("lead").post(f"/suggestions/{made}/accept-part", data={"change": "1"})
    assert response.status_code == 302
    head = Revision.select().where(Revision.section == section).order_by(Revision.number.desc()).get()
    assert head.body == "First paragraph.\n\n2nd paragraph.\n"
    assert Suggestion.get_by_id(made).status == Suggestion.PARTLY_ACCEPTED


def test_declining_needs_a_reason_and_leaves_it_readable(person, section, made, revision_count):
    lead = person("lead")
    lead.post(f"/suggestions/{made}/decline", data={"reason": " "})
    assert Suggestion.get_by_id(made).status == Suggestion.OPEN
    lead.post(f"/suggestions/{made}/decline", data={"reason": "We keep the ordinal words."})
    page = person("other").get(f"/sections/{section}/suggestions").text
    assert "We keep the ordinal words." in page and "declined by Lead" in page and "1st paragraph." in page
    assert revision_count(section) == 3
    again = lead.post(f"/suggestions/{made}/accept", follow_redirects=True)
    assert "already accepted, declined or withdrawn" in again.text and revision_count(section) == 3


def test_its_author_withdraws_it(person, section, made):
    assert person("other").post(f"/suggestions/{made}/withdraw").status_code == 302
    assert Suggestion.get_by_id(made).status == Suggestion.WITHDRAWN
    assert "withdrawn" in person("lead").get(f"/sections/{section}/suggestions").text


def test_every_step_is_in_the_feed(person, world, section, made):
    person("lead").post(f"/suggestions/{made}/decline", data={"reason": "No."})
    feed = person("member").get(f"/reports/{world['report']}/activity").text
    assert "suggested" in feed and "declined" in feed and f"#suggestion-{made}" in feed


def test_an_unknown_suggestion_is_404(person):
    assert person("lead").post("/suggestions/999/accept").status_code == 404
