"""The inbox: the feed's entries that concern a person, each kept as a notification until they mark it read.

Notifications are written by activity.record, in the transaction of the change, so that any worker on any host
shows the same inbox and a rolled-back change tells nobody. Who is told: the section's group of its review steps,
comments and suggestions; the others in a thread of a reply; a suggestion's author of its fate; whoever a comment
or a suggestion's note mentions as @login; whoever follows the section. Never the person who did it, nor a
switched-off account. Each person gets one notification per entry, with the strongest reason.
"""
from models import (
    Activity,
    Comment,
    Follow,
    Membership,
    Notification,
    Prepared,
    Section,
    Suggestion,
    User,
    utcnow,
)
from text.mentions import mentions

A = Activity
# What followers of a section hear of: its texts, review, comments and suggestions (not downloads or pictures).
FOLLOWED_KINDS = (A.EDIT, A.MERGE, A.RESTORE, A.STATUS, A.COMMENT, A.RESOLVE, A.REOPEN, A.SUGGEST, A.ACCEPT,
                  A.ACCEPT_PART, A.DECLINE, A.WITHDRAW, A.REMOVE, A.BRING_BACK)
GROUP_KINDS = (A.STATUS, A.COMMENT, A.SUGGEST)
DECIDED_KINDS = (A.ACCEPT, A.ACCEPT_PART, A.DECLINE)
PAGE_SIZE = 50


def notify(entry: Activity) -> None:
    """Write the notifications of a new feed entry (inside the caller's transaction)."""
    if not entry.section_id:
        return
    reasons = {}  # person id -> reason; later (stronger) reasons replace earlier ones
    if entry.kind in FOLLOWED_KINDS:
        _add(reasons, Notification.FOLLOWED, Follow.select(Follow.user).where(Follow.section == entry.section_id))
    if entry.kind in GROUP_KINDS and entry.detail != Section.DRAFT:
        group = Section.select(Section.group).where(Section.id == entry.section_id)
        _add(reasons, Notification.GROUP, Membership.select(Membership.user).where(Membership.group.in_(group)))
    if entry.kind in DECIDED_KINDS:
        author = Suggestion.select(Suggestion.author).where(Suggestion.id == entry.detail)
        _add(reasons, Notification.SUGGESTION, author)
    if entry.kind == A.COMMENT:
        _add(reasons, Notification.THREAD, Comment.select(Comment.author).where(Comment.thread == entry.thread_id))
    logins = mentions(_mentioning_text(entry))
    if logins:
        _add(reasons, Notification.MENTION, User.select(User.id).where(User.login.in_(logins)))
    reasons.pop(entry.user_id, None)
    if not reasons:
        return
    active = User.select(User.id).where(User.id.in_(list(reasons)), User.active == True)
    Notification.insert_many([{"recipient": person.id, "activity": entry.id, "reason": reasons[person.id],
                               "created_at": entry.created_at} for person in active]).execute()


def _add(reasons: dict, reason: str, people) -> None:
    for row in people.tuples():
        reasons[row[0]] = reason


def _mentioning_text(entry: Activity) -> str:
    """The words of the comment or suggestion the entry records, where @login may tell someone."""
    if entry.kind == A.COMMENT:
        return (Comment.select(Comment.body).where(Comment.thread == entry.thread_id, Comment.author == entry.user_id)
                .order_by(Comment.id.desc()).scalar() or "")
    if entry.kind == A.SUGGEST:
        return Suggestion.select(Suggestion.note).where(Suggestion.id == entry.detail).scalar() or ""
    return ""


def page(user, before: int | None = None):
    """The person's notifications newest first, up to PAGE_SIZE older than `before`, each with its entry, the
    entry's author and section; and whether there are more."""
    query = (Notification.select(Notification, Activity, User.id, User.display_name, Section.id, Section.title,
                                 Section.removal)
             .join(Activity).join(User, on=(Activity.user == User.id)).switch(Activity).join(Section)
             .where(Notification.recipient == user.id).order_by(Notification.id.desc()).limit(PAGE_SIZE + 1))
    if before:
        query = query.where(Notification.id < before)
    rows = list(query)
    return rows[:PAGE_SIZE], len(rows) > PAGE_SIZE


def unread_count(user) -> int:
    return Notification.unread_count(user)


def mark_read(user, notification_id: int | None = None) -> int:
    """Mark one of the person's notifications read, or all of them; how many were unread."""
    query = Notification.update(read_at=utcnow()).where(Notification.recipient == user.id,
                                                        Notification.read_at.is_null())
    if notification_id is not None:
        query = query.where(Notification.id == notification_id)
    return query.execute()


def mentionable(user, typed: str, most: int) -> list:
    """Up to `most` active accounts, other than the person's own, whose login or a word of whose name begins with
    `typed` (case aside), by name: their login and name only. Compared here rather than in SQL, as SQLite's LIKE
    folds the case of Latin letters only and the coalition's names are in Cyrillic too; a coalition has dozens."""
    folded = typed.casefold()
    found = []
    for person in (User.select(User.login, User.display_name).where(User.active == True, User.id != user.id)
                   .order_by(User.display_name, User.login)):
        words = [person.login, *person.display_name.split()]
        if any(word.casefold().startswith(folded) for word in words):
            found.append(person)
            if len(found) == most:
                break
    return found


def follows(user, section) -> bool:
    return bool(_FOLLOWS.rows(user.id, section.id))


# Every section page asks (prepared: see models.Prepared).
_FOLLOWS = Prepared(lambda user_id, section_id: Follow.select(Follow.id).where(
    Follow.user == user_id, Follow.section == section_id).limit(1))


def follow(user, section, on: bool) -> None:
    """Follow the section, or stop (either twice changes nothing)."""
    if on:
        Follow.insert(user=user.id, section=section.id).on_conflict_ignore().execute()
    else:
        Follow.delete().where(Follow.user == user.id, Follow.section == section.id).execute()
