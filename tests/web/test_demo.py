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
from tests.helpers import parse, sign_in


@pytest.fixture
def accounts(runner):
    """login -> password of the accounts the demo prints."""
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    rows = [line.split() for line in lines[lines.index(next(x for x in lines if x.startswith("role"))) + 1:]]
    return {row[1]: row[2] for row in rows if len(row) >= 3}


def test_every_review_status_is_shown_changes_asked_for_in_words(accounts):
    assert {s.status for s in Section.select()} == {Section.DRAFT, Section.IN_REVIEW, Section.CHANGES_REQUESTED,
                                                     Section.APPROVED}
    for section in Section.select().where(Section.status == Section.CHANGES_REQUESTED):
        request = StatusChange.get(StatusChange.section == section, StatusChange.new_status == section.status)
        assert request.note and request.user.is_reviewer
    approved = Section.select().where(Section.status == Section.APPROVED)
    assert all(section.approved_number for section in approved)


def test_threads_open_and_resolved_with_replies_and_a_mention(accounts):
    threads = list(Thread.select())
    assert {thread.resolved for thread in threads} == {True, False}
    assert all(thread.paragraph for thread in threads)  # each about a paragraph of the text
    assert any(Comment.select().where(Comment.thread == thread).count() > 1 for thread in threads)
    assert Notification.select().where(Notification.reason == Notification.MENTION).exists()


def test_suggestions_from_other_groups_meet_every_fate(accounts):
    found = list(Suggestion.select())
    assert {s.status for s in found} == {Suggestion.OPEN, Suggestion.ACCEPTED, Suggestion.PARTLY_ACCEPTED,
                                         Suggestion.DECLINED}
    for suggestion in found:
        groups = {m.group_id for m in Membership.select().where(Membership.user == suggestion.author)}
        assert suggestion.section.group_id not in groups
        assert bool(suggestion.reason) == (suggestion.status in (Suggestion.PARTLY_ACCEPTED, Suggestion.DECLINED))


def test_a_version_is_frozen_from_the_approved_sections(accounts):
    submission = Submission.get()
    assert submission.pdf.startswith(b"%PDF") and submission.docx
    frozen = {row.section_id for row in SubmittedSection.select().where(SubmittedSection.submission == submission)}
    approved_then = {s.id for s in Section.select().where(Section.approved_number.is_null(False))}
    assert frozen == approved_then


def test_recommendations_are_assessed_over_the_weeks(accounts):
    assessed = Recommendation.select().where(Recommendation.status != "not_assessed")
    assert assessed.count() >= Recommendation.select().count() - 1
    times = [a.created_at for a in Assessment.select()]
    assert max(times) - min(times) > timedelta(days=14)


def test_the_history_is_backdated_and_the_feed_reads_in_time_order(accounts):
    report = Report.get()
    times = [a.created_at for a in Activity.select()]
    assert min(times) < utcnow() - timedelta(weeks=4) and max(times) < utcnow() - timedelta(hours=12)
    entries, _ = activity.page(report.id, activity.Filters(), size=1000)
    assert [e.created_at for e in entries] == sorted(times, reverse=True)


@pytest.mark.parametrize("login", ["coordinator", "reviewer", "lead", "member", "member3"])
def test_nothing_is_new_at_the_first_sign_in(app, accounts, login):
    client = app.test_client()
    assert sign_in(client, login, accounts[login]).status_code == 302
    report = Report.get()
    overview = parse(client.get(f"/reports/{report.id}").text)
    assert not [span for span in overview.iter("span") if span.get("class") == "badge new"]
    feed = parse(client.get(f"/reports/{report.id}/activity").text)
    assert not [li for li in feed.iter("li") if "new" in (li.get("class") or "").split()]
    # The inbox is read but for the open suggestion that the civil rights group is asked to decide.
    unread = Notification.select().where(Notification.recipient == User.get(User.login == login).id,
                                         Notification.read_at.is_null())
    assert [n.activity.kind for n in unread] == ([Activity.SUGGEST] if login in ("lead", "member") else [])
