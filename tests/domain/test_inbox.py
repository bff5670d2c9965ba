"""Who an entry of the feed concerns, without HTTP: the section's group of its review steps, comments and
suggestions; the others in a thread; a suggestion's author of its fate; a mentioned account; followers. Never the
person who did it, never a switched-off account, never an @word that is nobody's login."""
import pytest

from coalition import inbox, review, revisions, suggestions, threads
from models import Membership, Notification, Section, User

pytestmark = pytest.mark.both_databases  # an entry's detail (text) compared with a suggestion's id (integer)


@pytest.fixture
def section(app, blank_section):
    with app.test_request_context():  # an accepted suggestion's note is written in the acceptor's language
        yield blank_section


@pytest.fixture
def people(section):
    def person(name, role=None, **flags):
        user = User.create(login=name, display_name=name.title(), password_hash="-", **flags)
        if role:
            Membership.create(user=user, group=section.group_id, role=role)
        return user

    return {"lead": person("lead", Membership.LEAD), "member": person("member", Membership.MEMBER),
            "gone": person("gone", Membership.MEMBER, active=False), "reviewer": person("reviewer", is_reviewer=True),
            "outsider": person("outsider"), "follower": person("follower")}


@pytest.fixture
def written(section, people):
    revisions.save(section, people["lead"], "First paragraph.\n\nSecond paragraph.\n", "", 0)
    return section


def told(people) -> dict[str, str]:
    """login -> the reason of each unread notification, for the newest entry that told anyone."""
    newest = Notification.select(Notification.activity).order_by(Notification.activity.desc()).limit(1)
    rows = Notification.select().where(Notification.activity.in_(newest))
    logins = {user.id: login for login, user in people.items()}
    return {logins[row.recipient_id]: row.reason for row in rows}


def test_an_edit_tells_nobody_but_followers(written, people):
    assert Notification.select().count() == 0
    inbox.follow(people["follower"], written, True)
    inbox.follow(people["follower"], written, True)  # twice is once
    revisions.save(written, people["member"], "Changed.\n", "", 1)
    assert told(people) == {"follower": Notification.FOLLOWED}
    inbox.follow(people["follower"], written, False)
    revisions.save(written, people["member"], "Changed again.\n", "", 2)
    assert Notification.select().count() == 1


@pytest.mark.parametrize("action, by", [(review.SUBMIT, "member"), (review.APPROVE, "reviewer"),
                                        (review.REQUEST_CHANGES, "reviewer")])
def test_a_review_step_tells_the_group_but_not_whoever_took_it(written, people, action, by):
    if action != review.SUBMIT:
        review.move(written, people["member"], review.SUBMIT)
    review.move(written, people[by], action)
    expected = {"lead": Notification.GROUP, "member": Notification.GROUP}
    expected.pop(by, None)
    assert told(people) == expected


def test_an_edit_that_reopens_a_section_tells_nobody(written, people):
    review.move(written, people["member"], review.SUBMIT)
    before = Notification.select().count()
    revisions.save(written, people["member"], "Changed.\n", "", 1)
    assert Section.get_by_id(written.id).status == Section.DRAFT
    assert Notification.select().count() == before


def test_a_comment_tells_the_group_a_reply_the_thread_a_mention_its_person(written, people):
    thread = threads.start(people["outsider"], written, None, None, "A point, @reviewer and @nobody.")
    assert told(people) == {"lead": Notification.GROUP, "member": Notification.GROUP,
                            "reviewer": Notification.MENTION}
    threads.reply(people["reviewer"], written, thread, "Agreed.")
    assert told(people) == {"lead": Notification.GROUP, "member": Notification.GROUP,
                            "outsider": Notification.THREAD}
    threads.reply(people["lead"], written, thread, "Fixed, thanks @gone @lead.")  # not a switched-off account, nor me
    assert told(people) == {"member": Notification.GROUP, "outsider": Notification.THREAD,
                            "reviewer": Notification.THREAD}


def test_a_suggestion_tells_the_group_and_its_fate_tells_its_author(written, people):
    proposed = suggestions.propose(written, people["outsider"], "First paragraph.\n\nBetter.\n", "See @follower", 1)
    assert told(people) == {"lead": Notification.GROUP, "member": Notification.GROUP,
                            "follower": Notification.MENTION}
    suggestions.decline(proposed, people["lead"], "Not now")
    assert told(people) == {"outsider": Notification.SUGGESTION}


def test_reading_marks_one_or_all(written, people):
    for body in ("One @member", "Two @member"):
        threads.start(people["outsider"], written, None, None, body)
    member = people["member"]
    assert inbox.unread_count(member) == 2
    newest, oldest = inbox.page(member)[0]
    assert newest.activity.id > oldest.activity.id and newest.activity.section.title == "Section"
    assert inbox.mark_read(people["lead"], newest.id) == 0  # someone else's is not theirs to mark
    assert inbox.mark_read(member, newest.id) == 1 and inbox.unread_count(member) == 1
    assert inbox.mark_read(member) == 1 and inbox.unread_count(member) == 0
