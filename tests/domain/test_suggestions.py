"""Suggested edits without HTTP: proposed against a revision, accepted through the saves' merge (whole or in
part), declined with a reason, withdrawn; shown on the current text or as outdated; each step in the feed."""
import pytest

from coalition import revisions, suggestions
from models import Activity, Suggestion, User

BASE = "First paragraph.\n\nSecond paragraph.\n\nThird paragraph.\n"


@pytest.fixture
def section(app, blank_section):
    with app.test_request_context():  # the revision's note is written in the acceptor's language
        yield blank_section


def person(name):
    return User.create(login=name, display_name=name.title(), password_hash="-")


@pytest.fixture
def people():
    return {"lead": person("lead"), "other": person("other")}


@pytest.fixture
def proposed(section, people):
    revisions.save(section, people["lead"], BASE, "", 0)
    return suggestions.propose(section, people["other"], BASE.replace("First", "1st").replace("Third", "3rd"),
                               " Plainer numbers ", 1)


def feed(section):
    return [(a.kind, a.detail) for a in Activity.select().where(Activity.section == section.id).order_by(Activity.id)]


def test_a_suggestion_is_kept_against_its_revision_and_in_the_feed(section, proposed):
    assert (proposed.base_number, proposed.note, proposed.status) == (1, "Plainer numbers", Suggestion.OPEN)
    assert feed(section)[-1] == (Activity.SUGGEST, str(proposed.id))
    with pytest.raises(revisions.NothingChanged):
        suggestions.propose(section, proposed.author, BASE, "", 1)


def test_accepting_saves_a_revision_crediting_both(section, proposed, people):
    revision = suggestions.accept(proposed, people["lead"])
    assert revision.body == proposed.body and revision.author_id == people["lead"].id
    assert revision.note == "Suggested by Other, accepted by Lead: Plainer numbers"
    stored = Suggestion.get_by_id(proposed.id)
    assert (stored.status, stored.revision_number, stored.decided_by_id) == (Suggestion.ACCEPTED, 2, people["lead"].id)
    assert feed(section)[-2:] == [(Activity.EDIT, ""), (Activity.ACCEPT, str(proposed.id))]
    with pytest.raises(suggestions.NotOpen):
        suggestions.accept(stored, people["lead"])


def test_a_suggestion_on_an_older_revision_merges_with_what_came_since(section, proposed, people):
    head = revisions.save(section, people["lead"], BASE.replace("Second", "Middle"), "", 1)
    assert suggestions.on_current(proposed, head) == "1st paragraph.\n\nMiddle paragraph.\n\n3rd paragraph.\n"
    revision = suggestions.accept(proposed, people["lead"])
    assert revision.body == "1st paragraph.\n\nMiddle paragraph.\n\n3rd paragraph.\n" and revision.merge_base == 1


def test_an_overlapping_one_is_outdated_and_its_acceptance_a_conflict(section, proposed, people):
    head = revisions.save(section, people["lead"], BASE.replace("First", "Opening"), "", 1)
    assert suggestions.on_current(proposed, head) is None
    with pytest.raises(revisions.Conflicted) as conflict:
        suggestions.accept(proposed, people["lead"])
    assert (conflict.value.mine, conflict.value.head.number, conflict.value.base_number) == (proposed.body, 2, 1)
    assert Suggestion.get_by_id(proposed.id).status == Suggestion.OPEN  # nothing decided, nothing lost


def test_accepting_part_applies_only_the_chosen_paragraphs(section, proposed, people):
    assert [(c.index, c.old, c.new) for c in suggestions.changes(proposed)] == [
        (0, "First paragraph.", "1st paragraph."), (1, "Third paragraph.", "3rd paragraph.")]
    revision = suggestions.accept(proposed, people["lead"], {1})
    assert revision.body == "First paragraph.\n\nSecond paragraph.\n\n3rd paragraph.\n"
    assert Suggestion.get_by_id(proposed.id).status == Suggestion.PARTLY_ACCEPTED
    assert feed(section)[-1] == (Activity.ACCEPT_PART, str(proposed.id))


def test_choosing_every_change_is_a_whole_acceptance(proposed, people):
    suggestions.accept(proposed, people["lead"], {0, 1})
    assert Suggestion.get_by_id(proposed.id).status == Suggestion.ACCEPTED


def test_added_and_removed_paragraphs_are_changes_of_their_own(section, people):
    revisions.save(section, people["lead"], BASE, "", 0)
    proposed = suggestions.propose(section, people["other"], "First paragraph.\n\nThird paragraph.\n\nAdded.", "", 1)
    assert [(c.old, c.new) for c in suggestions.changes(proposed)] == [("Second paragraph.", ""), ("", "Added.")]
    assert suggestions.with_changes(proposed, {1}) == BASE + "\nAdded.\n"


def test_declining_needs_a_reason_and_keeps_it_readable(section, proposed, people):
    with pytest.raises(ValueError):
        suggestions.decline(proposed, people["lead"], "  ")
    suggestions.decline(proposed, people["lead"], "We keep the words.")
    stored = Suggestion.get_by_id(proposed.id)
    assert (stored.status, stored.reason, stored.body) == (Suggestion.DECLINED, "We keep the words.", proposed.body)
    assert feed(section)[-1] == (Activity.DECLINE, str(proposed.id))
    assert section.revisions.count() == 1
    assert suggestions.of(section) == ([], [stored])


def test_withdrawing_closes_it_once(section, proposed):
    suggestions.withdraw(proposed, proposed.author)
    assert Suggestion.get_by_id(proposed.id).status == Suggestion.WITHDRAWN
    assert feed(section)[-1] == (Activity.WITHDRAW, str(proposed.id))
    with pytest.raises(suggestions.NotOpen):
        suggestions.withdraw(Suggestion.get_by_id(proposed.id), proposed.author)


def test_a_suggestion_decided_meanwhile_is_not_accepted_twice(section, proposed, people):
    stale = Suggestion.get_by_id(proposed.id)
    suggestions.decline(proposed, people["lead"], "No.")
    with pytest.raises(suggestions.NotOpen):
        suggestions.accept(stale, people["lead"])
    assert section.revisions.count() == 1  # the revision its acceptance began is rolled back
