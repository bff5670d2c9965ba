"""One-time links the coordinator hands to a person by any channel (a messenger, a call, a note): an invitation
to make an account, or a password reset. No e-mail server is needed, and none is trusted with them.

The link carries a random token; the database keeps only its SHA-256, so a copy of the database holds no
working link. A link works once: using it and checking it happen in one conditional update, so two tabs
(or an attacker racing the person) cannot both use it. It stops working when it expires or is withdrawn.
"""
import hashlib
import json
import secrets
from datetime import timedelta

from peewee import IntegrityError

from coalition import audit, login_sessions
from models import AccessLink, AuditEvent, Membership, User, WorkingGroup, db, utcnow


class LinkUnusable(Exception):
    """Unknown, used, withdrawn or expired: one answer for all, so a guess learns nothing."""


class LoginTaken(Exception):
    """Someone has this login already."""


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _issue(kind: str, created_by, lifetime: timedelta, **fields) -> tuple[AccessLink, str]:
    token = secrets.token_urlsafe(32)
    now = utcnow()
    link = AccessLink.create(kind=kind, token_hash=_digest(token), created_by=created_by.id, created_at=now,
                             expires_at=now + lifetime, **fields)
    return link, token


def invite(created_by, display_name: str, reviewer: bool, groups: dict[int, str],
           lifetime: timedelta) -> tuple[AccessLink, str]:
    """An invitation for one person, with the roles their account will get: reviewer, and a role per group.
    Coordinators are not made by invitation: a leaked link must not hand anyone the whole coalition."""
    grants = json.dumps({"reviewer": reviewer, "groups": {str(group): role for group, role in groups.items()}})
    return _issue(AccessLink.INVITE, created_by, lifetime, display_name=display_name, grants=grants)


def reset(created_by, user: User, lifetime: timedelta) -> tuple[AccessLink, str]:
    """A password reset for the account; earlier reset links for it stop working."""
    with db.atomic():
        _withdraw(_pending().where(AccessLink.kind == AccessLink.RESET, AccessLink.user == user.id))
        return _issue(AccessLink.RESET, created_by, lifetime, user=user.id)


def find(token: str, kind: str) -> AccessLink:
    """The usable link the token opens, or LinkUnusable."""
    link = _pending().where(AccessLink.token_hash == _digest(token), AccessLink.kind == kind).first()
    if link is None:
        raise LinkUnusable()
    return link


def grants(link: AccessLink) -> tuple[bool, list[tuple[WorkingGroup, str]]]:
    """An invitation's reviewer role, and (group, role) for each group that still exists, in report order."""
    granted = json.loads(link.grants)
    roles = {int(group): role for group, role in granted.get("groups", {}).items()}
    groups = WorkingGroup.ordered().where(WorkingGroup.id.in_(list(roles))) if roles else []
    return bool(granted.get("reviewer")), [(group, roles[group.id]) for group in groups]


def accept(token: str, login: str, display_name: str, password_hash: str, language: str) -> User:
    """Make the invited person's account, with the roles the invitation grants."""
    with db.atomic():
        link = _claim(token, AccessLink.INVITE)
        reviewer, groups = grants(link)
        if User.select().where(User.login == login).exists():
            raise LoginTaken()  # and the claim goes back with the transaction: the link still works
        try:
            with db.atomic():
                user = User.create(login=login, display_name=display_name, password_hash=password_hash,
                                   language=language, is_reviewer=reviewer)
        except IntegrityError:
            raise LoginTaken() from None  # taken a moment ago
        for group, role in groups:
            Membership.create(user=user, group=group, role=role)
        AccessLink.update(user=user.id).where(AccessLink.id == link.id).execute()
        audit.record(AuditEvent.USER_CREATED, actor=link.created_by, subject=user, detail="invitation")
    return user


def set_password(token: str, password_hash: str) -> User:
    """The reset: a new password, and every open session of the account ends."""
    with db.atomic():
        link = _claim(token, AccessLink.RESET)
        User.update(password_hash=password_hash).where(User.id == link.user_id).execute()
        login_sessions.end_all(link.user_id)
        user = User.get_by_id(link.user_id)
        audit.record(AuditEvent.PASSWORD_CHANGED, actor=link.created_by, subject=user, detail="reset link")
    return user


def withdraw(link_id: int) -> bool:
    """Stop a link from working; False when it was used, withdrawn or expired already."""
    return _withdraw(_pending().where(AccessLink.id == link_id))


def pending():
    """Links not yet used, withdrawn or expired, newest first."""
    return _pending().order_by(AccessLink.created_at.desc(), AccessLink.id.desc())


def _pending():
    return AccessLink.select().where(AccessLink.used_at.is_null(), AccessLink.withdrawn_at.is_null(),
                                     AccessLink.expires_at > utcnow())


def _withdraw(links) -> bool:
    return bool(AccessLink.update(withdrawn_at=utcnow()).where(
        AccessLink.id.in_(links.select(AccessLink.id))).execute())


def _claim(token: str, kind: str) -> AccessLink:
    """Mark the link used, in the caller's transaction; only one request can (a conditional update). The update
    comes first, so that SQLite takes the write lock before reading anything that a rival could change."""
    claimed = AccessLink.update(used_at=utcnow()).where(
        AccessLink.token_hash == _digest(token), AccessLink.kind == kind, AccessLink.used_at.is_null(),
        AccessLink.withdrawn_at.is_null(), AccessLink.expires_at > utcnow()).execute()
    if not claimed:
        raise LinkUnusable()
    return AccessLink.get(AccessLink.token_hash == _digest(token))
