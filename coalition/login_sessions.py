"""Sign-in sessions kept on the server: the signed cookie only carries a random token, and a session signs its
person in while its row is open, active within the idle timeout, and younger than the absolute lifetime. So
signing out, a new password or switching an account off ends a session everywhere, a copied cookie included."""
import hashlib
import secrets
from datetime import timedelta

from peewee import JOIN

from models import LoginSession, Membership, Prepared, User, utcnow

# last_seen is written at most this often, like the cookie's renewal (app.keep_session_alive): a request
# does not write to the database just to say it happened.
RENEWAL = timedelta(minutes=5)
# The open session of a token, with its person and their memberships, a row for each (every request asks).
_OPEN = Prepared(lambda token_hash, user_id, born_after: (
    LoginSession.select(LoginSession, User, Membership).join(User)
    .join(Membership, JOIN.LEFT_OUTER, on=(Membership.user == User.id), attr="membership")
    .where(LoginSession.token_hash == token_hash, LoginSession.user == user_id, LoginSession.ended_at.is_null(),
           LoginSession.created_at > born_after, User.active == True)))


def begin(user: User) -> str:
    """A new session of the person; the token for their cookie (the database keeps only its hash)."""
    token = secrets.token_urlsafe(32)
    LoginSession.create(token_hash=_digest(token), user=user.id)
    return token


def person(user_id: int, token: str, idle: timedelta, lifetime: timedelta, cookie_age: timedelta | None = None,
           renew: bool = False) -> User | None:
    """Whom the session signs in, or None when it has ended, was idle too long, is too old, belongs to
    someone else, or its account is switched off.

    Idle means unused on both counts: its row's last_seen, which only a request that writes anyway renews
    (`renew`), and the signed cookie's own renewal time (`cookie_age`: how long ago), which every request
    renews. So reading pages keeps a session alive without writing to the database."""
    now = utcnow()
    rows = _OPEN.rows(_digest(token), user_id, now - lifetime)
    if not rows:
        return None
    found = rows[0]
    if found.last_seen <= now - idle and (cookie_age is None or cookie_age >= idle):
        return None
    if renew and found.last_seen < now - RENEWAL:
        LoginSession.update(last_seen=now).where(LoginSession.id == found.id).execute()
    memberships = [row.user.membership for row in rows if row.user.membership is not None]  # None: in no group
    found.user.roles_by_group = {m.group_id: m.role for m in memberships}  # the query's, not one more
    return found.user


def end(token: str) -> None:
    LoginSession.update(ended_at=utcnow()).where(LoginSession.token_hash == _digest(token),
                                                 LoginSession.ended_at.is_null()).execute()


def end_all(user_id: int, keeping: str | None = None) -> int:
    """End every open session of the person but the one whose token is `keeping`; how many ended."""
    query = LoginSession.update(ended_at=utcnow()).where(LoginSession.user == user_id, LoginSession.ended_at.is_null())
    if keeping:
        query = query.where(LoginSession.token_hash != _digest(keeping))
    return query.execute()


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
