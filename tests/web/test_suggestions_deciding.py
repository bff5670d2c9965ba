"""Deciding a suggestion where the group reads it: its own tab, beside the current text; the reason the rest of a
partly accepted one is declined; the conflict screen naming the suggested text; every step in the history."""
from coalition import revisions
from models import Revision, Section, Suggestion, User
from tests.web import suggesting

section, made = suggesting.section, suggesting.made  # fixtures


def head(section_id):
    return Revision.select().where(Revision.section == section_id).order_by(Revision.number.desc()).get()


def overlap(client, section_id):
    """The member rewrites the first paragraph after the suggestion was made (revision 4)."""
    with client.application.app_context():
        revisions.save(Section.get_by_id(section_id), User.get(login="member"),
                       "Opening paragraph.\n\nSecond paragraph.\n", "", 3)


def test_the_suggestions_tab_shows_each_beside_the_current_text(person, section, made):
    page = person("lead").get(f"/sections/{section}/suggestions").text
    assert f'href="/sections/{section}/suggestions" aria-current="page">Suggestions (1)</a>' in page
    sides = page.split('class="sides suggestion-sides"')[1].split("</section>")[0]
    current, suggested = sides.split("The suggested changes")
    assert "The current text (revision 3)" in current and "<p" in current and "Second paragraph.</p>" in current
    assert "<ins" not in current and "<ins" in suggested
    assert f"/suggestions/{made}/accept" in suggested and f"/suggestions/{made}/decline" in suggested
    assert f'href="/sections/{section}/suggestions">Suggestions (1)</a>' in person("lead").get(
        f"/sections/{section}/history").text


def test_an_outdated_one_is_shown_beside_the_revision_it_started_from(person, section, made):
    overlap(person("lead"), section)
    page = person("lead").get(f"/sections/{section}/suggestions").text
    assert "Revision 3, where it started" in page and "The current text (revision" not in page


def test_the_rest_of_a_partly_accepted_one_is_declined_with_a_reason(person, world, section, made):
    reason = "We keep the opening as it is."
    assert person("lead").post(f"/suggestions/{made}/accept-part",
                               data={"change": "1", "reason": f" {reason} "}).status_code == 302
    stored = Suggestion.get_by_id(made)
    assert (stored.status, stored.reason) == (Suggestion.PARTLY_ACCEPTED, reason)
    page = person("other").get(f"/sections/{section}/suggestions").text
    assert f"Why the rest is declined:</strong> {reason}" in page
    feed = person("member").get(f"/reports/{world['report']}/activity").text
    assert "accepted part of" in feed and f"Why the rest is declined: {reason}" in feed


def test_a_whole_acceptance_keeps_no_reason(person, section, made):
    person("lead").post(f"/suggestions/{made}/accept-part", data={"change": ["0", "1"], "reason": "Unused"})
    stored = Suggestion.get_by_id(made)
    assert (stored.status, stored.reason) == (Suggestion.ACCEPTED, "")


def test_the_decline_reason_is_in_the_feed(person, world, section, made):
    person("lead").post(f"/suggestions/{made}/decline", data={"reason": "Too informal."})
    assert "Reason: Too informal." in person("member").get(f"/reports/{world['report']}/activity").text


def test_the_conflict_screen_names_the_suggested_and_the_current_text(person, section, made):
    lead = person("lead")
    overlap(lead, section)
    page = lead.post(f"/suggestions/{made}/accept").text
    assert "The suggested text by Other" in page and "The current text (revision 4)" in page
    assert "Your version" not in page and "Keep mine" not in page and "Keep the suggested text" in page
    assert 'value="Plainer numbers"' in page  # the note starts as the suggestion's own


def test_the_note_written_on_the_conflict_screen_is_kept_after_the_credit(person, section, made):
    lead = person("lead")
    overlap(lead, section)
    lead.post(f"/suggestions/{made}/resolve", data={"origin": 3, "theirs": 4, "choice-0": "edit",
                                                    "edited-0": "Opening (1st) paragraph.\n\n2nd paragraph.",
                                                    "mine": "1st paragraph.\n\n2nd paragraph.\n",
                                                    "note": "Kept Opening, as the member wrote"})
    assert head(section).note == "Suggested by Other, accepted by Lead: Kept Opening, as the member wrote"


def test_a_partial_acceptance_through_the_conflict_screen_keeps_its_reason(person, section, made):
    lead = person("lead")
    overlap(lead, section)
    screen = lead.post(f"/suggestions/{made}/accept-part", data={"change": "0", "reason": "Second stays."})
    assert screen.status_code == 409 and 'name="reason" value="Second stays."' in screen.text
    assert lead.post(f"/suggestions/{made}/resolve", data={
        "origin": 3, "theirs": 4, "mine": "1st paragraph.\n\nSecond paragraph.\n", "choice-0": "mine",
        "reason": "Second stays."}).status_code == 302
    stored = Suggestion.get_by_id(made)
    assert (stored.status, stored.reason) == (Suggestion.PARTLY_ACCEPTED, "Second stays.")
    assert head(section).body == "1st paragraph.\n\nSecond paragraph.\n"


def test_the_history_lists_every_step_of_the_suggestions(person, section, made):
    withdrawn = suggesting.suggest(person("reviewer"), section, "First paragraph.\n\nLast paragraph.\n")
    assert withdrawn.status_code == 302
    later = Suggestion.select().order_by(Suggestion.id.desc()).get().id
    person("reviewer").post(f"/suggestions/{later}/withdraw")
    person("lead").post(f"/suggestions/{made}/decline", data={"reason": "Too informal."})
    page = person("member").get(f"/sections/{section}/history").text
    steps = page.split("<h2>Suggested edits</h2>")[1]
    assert steps.index("Lead declined") < steps.index("Reviewer withdrew") < steps.index("Other suggested")
    assert "Reason: Too informal." in steps and f"#suggestion-{made}" in steps and f"#suggestion-{later}" in steps
    assert steps.count("suggested <a") == 2  # both proposals


def test_the_history_credits_an_accepted_one_with_its_revision(person, section, made):
    person("lead").post(f"/suggestions/{made}/accept")
    steps = person("member").get(f"/sections/{section}/history").text.split("<h2>Suggested edits</h2>")[1]
    assert "Lead accepted" in steps and "suggested by Other, as" in steps
    assert f'href="/sections/{section}/revisions/4">revision 4</a>' in steps
