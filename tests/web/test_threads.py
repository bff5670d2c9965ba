"""coalition/threads.py: raising, answering, resolving and reopening a point, each with its feed entry."""
from coalition import threads
from models import Activity, Comment, Section, Thread, User


def test_a_thread_about_a_paragraph_keeps_it_and_is_in_the_feed(world):
    section, member = Section.get_by_id(world["sections"]["own"]), User.get(User.login == "member")
    head = section.head_revision()
    thread = threads.start(member, section, head, 0, "  Which source?  ")
    assert (thread.paragraph, thread.revision_number) == ("Второй вариант текста, қазақша.", head.number)
    assert Comment.get(Comment.thread == thread.id).body == "Which source?"
    entry = Activity.select().order_by(Activity.id.desc()).first()
    assert (entry.kind, entry.user_id, entry.thread_id) == (Activity.COMMENT, member.id, thread.id)


def test_a_thread_about_the_whole_section_has_no_paragraph(world):
    section, member = Section.get_by_id(world["sections"]["own"]), User.get(User.login == "member")
    assert threads.start(member, section, section.head_revision(), None, "General point").paragraph == ""


def test_a_reply_is_in_the_thread_and_the_feed(world):
    section, lead = Section.get_by_id(world["sections"]["own"]), User.get(User.login == "lead")
    thread = Thread.get_by_id(world["thread"])
    threads.reply(lead, section, thread, "Done. ")
    assert [c.body for c in Comment.select().where(Comment.thread == thread.id).order_by(Comment.id)][-1] == "Done."
    assert Activity.select().where(Activity.kind == Activity.COMMENT, Activity.user == lead.id).count() == 1


def test_resolving_twice_records_once_and_reopening_records_again(world):
    section, lead = Section.get_by_id(world["sections"]["own"]), User.get(User.login == "lead")
    thread = Thread.get_by_id(world["thread"])
    assert threads.set_resolved(lead, section, thread, True)
    assert not threads.set_resolved(lead, section, thread, True)
    assert threads.set_resolved(lead, section, thread, False)
    kinds = [a.kind for a in Activity.select().where(Activity.thread == thread.id).order_by(Activity.id)]
    assert kinds == [Activity.RESOLVE, Activity.REOPEN] and not Thread.get_by_id(thread.id).resolved
