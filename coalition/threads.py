"""Comment threads on a section: a point raised (about the whole section or one paragraph of the text the
person saw), answered, resolved and reopened. Each step is an entry in the report's feed, in its transaction."""
from coalition import activity
from models import Activity, Comment, Thread, db
from text.markup import numbered_paragraphs


def start(user, section, shown, paragraph: int | None, body: str) -> Thread:
    """A thread about numbered paragraph `paragraph` (0 for the section's first) of the revision `shown`, or the
    whole section (None). The thread keeps the paragraph's text, which stays readable when the text moves on, and its
    index, which tells two paragraphs that read the same apart."""
    about = numbered_paragraphs(shown.body)[paragraph].text if paragraph is not None else ""
    with db.atomic():
        thread = Thread.create(section=section, revision_number=shown.number if shown else None, paragraph=about,
                               paragraph_index=paragraph, created_by=user.id)
        Comment.create(thread=thread, author=user.id, body=body.strip())
        activity.record(Activity.COMMENT, user, section.report_id, section, thread.revision_number, thread)
    return thread


def reply(user, section, thread: Thread, body: str) -> Comment:
    with db.atomic():
        comment = Comment.create(thread=thread, author=user.id, body=body.strip())
        activity.record(Activity.COMMENT, user, section.report_id, section, thread.revision_number, thread)
    return comment


def set_resolved(user, section, thread: Thread, resolved: bool) -> bool:
    """Resolve or reopen the thread; False if it already was (a second click, or a colleague's at the same
    moment), which changes nothing and is not recorded."""
    with db.atomic():
        changed = Thread.update(resolved=resolved).where(Thread.id == thread.id, Thread.resolved != resolved).execute()
        if changed:
            activity.record(Activity.RESOLVE if resolved else Activity.REOPEN, user, section.report_id,
                            section, thread.revision_number, thread)
    return bool(changed)
