"""The demo coalition as `make run` seeds it: every review status, comment threads, suggestions of every fate, a
frozen version and assessed recommendations, all in a history spread over weeks; and nothing new to anyone at their
first sign-in."""
from datetime import timedelta

import pytest

from coalition import activity
from models import (
    Activity,
    Assessment,
    Comment,
    Membership,
    Notification,
    Recommendation,
    Report,
    Section,
    StatusChange,
    Submission,
    SubmittedSection,
    Suggestion,
    Thread,
    User,
    utcnow,
)
from ops import demo
from tests.helpers import parse, sign_in


@pytest.fixture
def accounts(runner):
    """login -> password of the accounts the demo prints."""
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    rows = [line.split() for line in lines[lines.index(next(x for x in lines if x.startswith("role"))) + 1:]]
    found = {row[1]: row[2] for row in rows if len(row) >= 3}
    assert len(found) == len(demo.LOGIN_ACCOUNTS)
    return found


def test_the_demo_shows_every_step_of_the_workflow(accounts):
    """Seeding takes seconds (it builds the frozen version's files): one seed, every check."""
    for shows in (every_review_status_changes_asked_for_in_words, threads_open_and_resolved_with_replies_and_a_mention,
                  suggestions_from_other_groups_meet_every_fate, a_version_frozen_from_the_approved_sections,
                  recommendations_assessed_over_the_weeks, history_backdated_and_the_feed_in_time_order):
        shows()


def every_review_status_changes_asked_for_in_words():
    assert {s.status for s in Section.select()} == {Section.DRAFT, Section.IN_REVIEW, Section.CHANGES_REQUESTED,
                                                     Section.APPROVED}
    for section in Section.select().where(Section.status == Section.CHANGES_REQUESTED):
        request = StatusChange.get(StatusChange.section == section, StatusChange.new_status == section.status)
        assert request.note and request.user.is_reviewer
    approved = Section.select().where(Section.status == Section.APPROVED)
    assert all(section.approved_number for section in approved)


def threads_open_and_resolved_with_replies_and_a_mention():
    threads = list(Thread.select())
    assert {thread.resolved for thread in threads} == {True, False}
    assert all(thread.paragraph for thread in threads)  # each about a paragraph of the text
    assert any(Comment.select().where(Comment.thread == thread).count() > 1 for thread in threads)
    assert Notification.select().where(Notification.reason == Notification.MENTION).exists()


def suggestions_from_other_groups_meet_every_fate():
    found = list(Suggestion.select())
    assert {s.status for s in found} == {Suggestion.OPEN, Suggestion.ACCEPTED, Suggestion.PARTLY_ACCEPTED,
                                         Suggestion.DECLINED}
    for suggestion in found:
        groups = {m.group_id for m in Membership.select().where(Membership.user == suggestion.author)}
        assert suggestion.section.group_id not in groups
        assert bool(suggestion.reason) == (suggestion.status in (Suggestion.PARTLY_ACCEPTED, Suggestion.DECLINED))


def a_version_frozen_from_the_approved_sections():
    submission = Submission.get()
    assert submission.pdf.startswith(b"%PDF") and submission.docx
    frozen = {row.section_id for row in SubmittedSection.select().where(SubmittedSection.submission == submission)}
    approved_then = {s.id for s in Section.select().where(Section.approved_number.is_null(False))}
    assert frozen == approved_then


def recommendations_assessed_over_the_weeks():
    assessed = Recommendation.select().where(Recommendation.status != "not_assessed")
    assert assessed.count() >= Recommendation.select().count() - 1
    times = [a.created_at for a in Assessment.select()]
    assert max(times) - min(times) > timedelta(days=14)


def history_backdated_and_the_feed_in_time_order():
    report = Report.get()
    times = [a.created_at for a in Activity.select()]
    assert min(times) < utcnow() - timedelta(weeks=4) and max(times) < utcnow() - timedelta(hours=12)
    entries, _ = activity.page(report.id, activity.Filters(), size=1000)
    assert [e.created_at for e in entries] == sorted(times, reverse=True)


def test_nothing_is_new_at_the_first_sign_in(app, accounts):
    report = Report.get()
    for login, password in accounts.items():
        client, person = app.test_client(), User.get(User.login == login)
        assert sign_in(client, login, password).status_code == 302
        assert activity.unseen_count(person, report.id) == 0
        overview = parse(client.get(f"/reports/{report.id}").text)
        assert not [span for span in overview.iter("span") if span.get("class") == "badge new"]
        feed = parse(client.get(f"/reports/{report.id}/activity").text)
        assert not [li for li in feed.iter("li") if "new" in (li.get("class") or "").split()]
        # The inbox is read but for the open suggestion that the civil rights group is asked to decide.
        unread = Notification.select().where(Notification.recipient == person.id, Notification.read_at.is_null())
        assert [n.activity.kind for n in unread] == ([Activity.SUGGEST] if login in ("lead", "member") else []), login
