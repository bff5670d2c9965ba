"""A person's own account: signing in and out, their name, language and address for notices, and their password.
What the person does to it is audited in the same transaction (signing in and out, a new password)."""
from dataclasses import dataclass

from coalition import audit, login_sessions
from coalition.passwords import hash_password, needs_rehash
from models import AuditEvent, MailChoice, User, db


@dataclass(frozen=True)
class Settings:
    display_name: str
    language: str
    email: str = ""
    email_choice: str = MailChoice.USUAL


def sign_in(user: User, password: str | None = None, detail: str = "") -> str:
    """A new session of the person; the token for their cookie. The password they typed, if given, is hashed
    again when its hash was made with older parameters."""
    with db.atomic():
        if password is not None and needs_rehash(user.password_hash):
            User.update(password_hash=hash_password(password)).where(User.id == user.id).execute()
        token = login_sessions.begin(user)
        audit.record(AuditEvent.LOGIN, actor=user, detail=detail)
    return token


def sign_in_failed(login: str, user: User | None, inactive: bool, count) -> None:
    """A sign-in refused: counted against the login as typed by `count(login)` (the limiter is the web layer's:
    web/rate_limits.account_failed), and audited naming the account only if it exists: a password typed into the
    login field is not kept."""
    with db.atomic():
        count(login)
        audit.record(AuditEvent.LOGIN_FAILED, subject=user, detail="inactive" if inactive else "")


def sign_out(user: User, token: str) -> None:
    """The session ends on the server too, so a copy of the cookie signs no one in."""
    with db.atomic():
        audit.record(AuditEvent.LOGOUT, actor=user)
        login_sessions.end(token)


def save_settings(user: User, settings: Settings) -> None:
    User.update(display_name=settings.display_name.strip(), language=settings.language,
                email=(settings.email or "").strip()).where(User.id == user.id).execute()
    if settings.email_choice == MailChoice.USUAL:  # the usual is no row
        MailChoice.delete().where(MailChoice.user == user.id).execute()
    else:
        (MailChoice.insert(user=user.id, choice=settings.email_choice)
         .on_conflict(conflict_target=[MailChoice.user], update={MailChoice.choice: settings.email_choice}).execute())


def choose_language(user: User, language: str) -> None:
    User.update(language=language).where(User.id == user.id).execute()


def change_password(user: User, password_hash: str, keeping: str) -> None:
    """A new password ends every session of the person but the one whose token is `keeping`."""
    with db.atomic():
        User.update(password_hash=password_hash).where(User.id == user.id).execute()
        login_sessions.end_all(user.id, keeping=keeping)
        audit.record(AuditEvent.PASSWORD_CHANGED, actor=user, subject=user)
