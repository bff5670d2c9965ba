"""The audit log: security-relevant events (sign-ins, failed sign-ins, roles and memberships, freezes,
exports), kept for the coordinator. Like the rest of the app it records who and what, never the text;
a failed sign-in names the account only if one exists (a mistyped password in the login field is not
kept), and the client's address only as a keyed hash."""
import hashlib
import hmac
from datetime import timedelta

from flask import current_app, has_request_context, request
from peewee import JOIN

from models import AuditEvent, User, utcnow

PAGE_SIZE = 100


def record(kind: str, actor=None, subject=None, detail: str = "") -> AuditEvent:
    return AuditEvent.create(kind=kind, actor=actor.id if actor else None, subject=subject.id if subject else None,
                             detail=detail[:300], source=_source(), created_at=utcnow())


def record_once(kind: str, subject=None, within: timedelta = timedelta(minutes=15)) -> None:
    """Record the event unless the same one (kind, account, source) is recorded already within the time
    given: a script hammering a locked form must not fill the log, one line per burst says enough."""
    source = _source()
    recent = AuditEvent.select().where(AuditEvent.kind == kind, AuditEvent.source == source,
                                       AuditEvent.subject == (subject.id if subject else None),
                                       AuditEvent.created_at > utcnow() - within)
    if not recent.exists():
        record(kind, subject=subject)


def _source() -> str:
    """A short keyed hash of the client's address: equal for equal addresses, useless without the key."""
    if not has_request_context() or not request.remote_addr:
        return ""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, request.remote_addr.encode(), hashlib.sha256).hexdigest()[:12]


def page(kind: str | None = None, before: int | None = None, size: int | None = None):
    """Up to `size` events older than the event `before` (newest first), and whether there are more."""
    size = size or PAGE_SIZE
    actor, subject = User.alias(), User.alias()
    query = (AuditEvent.select(AuditEvent, actor.id, actor.display_name, actor.login,
                               subject.id, subject.display_name, subject.login)
             .join_from(AuditEvent, actor, on=(AuditEvent.actor == actor.id), join_type=JOIN.LEFT_OUTER,
                        attr="actor")
             .join_from(AuditEvent, subject, on=(AuditEvent.subject == subject.id), join_type=JOIN.LEFT_OUTER,
                        attr="subject")
             .order_by(AuditEvent.id.desc()).limit(size + 1))
    if kind:
        query = query.where(AuditEvent.kind == kind)
    if before:
        query = query.where(AuditEvent.id < before)
    rows = list(query)
    return rows[:size], len(rows) > size
