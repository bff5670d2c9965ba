"""E-mail notices of review steps and comments, sent only when SMTP_HOST is set.

Optional by design: without SMTP, or when the mail server does not answer, nothing else changes and
nothing is lost (the feed has it all). A notice names the section and what happened, with a link;
it never carries the text of a section or a comment, nor who did it: mail crosses servers the
coalition does not control. Notices go out after the request has committed, from a background thread.
"""
import smtplib
import threading
from email.header import Header
from email.mime.text import MIMEText
from email.utils import formataddr, make_msgid

from flask import current_app, g, has_request_context, url_for
from flask_babel import force_locale, gettext as _

from coalition import activity, failures
from coalition.vocabulary import STEP_NAMES
from models import Activity, Comment, MailChoice, Membership, Notification, Report, Section, User
from text.lengths import one_line, shorten

SEND_TIMEOUT = 15  # seconds per connection: a dead mail server must not pile up threads
# Characters of the section's and the report's titles in a subject, so that it stays within about 150 characters
# (what a mail client's list shows); the message's text names the section whole.
SUBJECT_SECTION, SUBJECT_REPORT = 70, 45


def init_app(app) -> None:
    """Collect the request's feed entries, and after a successful response mail whom they concern."""
    if _collect not in activity.listeners:
        activity.listeners.append(_collect)

    @app.after_request
    def send_notices(response):
        ids = g.pop("notice_entries", None)
        if ids and response.status_code < 400:
            # The change is committed: whatever goes wrong with its notices, the person sees it saved.
            try:
                messages = compose(ids)
                if messages:
                    dispatch(current_app._get_current_object(), messages)
            except Exception as error:
                current_app.logger.error("e-mail notices not composed: %s", failures.describe(error))
        return response


def _collect(entry: Activity) -> None:
    if has_request_context() and current_app.config.get("SMTP_HOST"):
        g.setdefault("notice_entries", []).append(entry.id)


def recipients(entry: Activity) -> list[User]:
    """Who is told: reviewers of a submission; the group of a decision; the group and the thread of a comment; and
    whoever chose to have their whole inbox by e-mail, of what is in it. Nobody who chose no e-mail."""
    inbox = (User.select().join(Notification, on=(Notification.recipient == User.id))
             .join_from(User, MailChoice, on=(MailChoice.user == User.id))
             .where(Notification.activity == entry.id, MailChoice.choice == MailChoice.INBOX))
    usual = _usual(entry)
    query = inbox if usual is None else usual | inbox
    silent = {row.user_id for row in MailChoice.select().where(MailChoice.choice == MailChoice.NO_MAIL)}
    return [user for user in query if user.active and user.email and user.id not in silent | {entry.user_id}]


def _usual(entry: Activity):
    """Whom the entry's e-mail concerns whatever their inbox holds (None: nobody)."""
    if entry.kind == Activity.STATUS and entry.detail == Section.IN_REVIEW:
        query = User.select().where(User.is_reviewer | User.is_coordinator)
    elif entry.kind == Activity.STATUS and entry.detail in (Section.APPROVED, Section.CHANGES_REQUESTED):
        query = _group_of(entry)
    elif entry.kind == Activity.COMMENT:
        writers = Comment.select(Comment.author).where(Comment.thread == entry.thread_id)
        query = _group_of(entry) | User.select().where(User.id.in_(writers))
    else:
        return None
    return query


def _group_of(entry: Activity):
    group = Section.select(Section.group).where(Section.id == entry.section_id)
    return User.select().join(Membership).where(Membership.group.in_(group))


def compose(entry_ids: list[int]) -> list[MIMEText]:
    """The messages for these entries (those still in the database: a rolled-back one sends nothing)."""
    messages = []
    for entry in Activity.select().where(Activity.id.in_(entry_ids)).order_by(Activity.id):
        people = recipients(entry)
        if not people:
            continue
        section = Section.get_by_id(entry.section_id)
        report = Report.get_by_id(entry.report_id)
        link = absolute_link("sections.show", section_id=section.id, _anchor=f"thread-{entry.thread_id}"
                     if entry.thread_id else None)
        for person in people:
            with force_locale(person.language or current_app.config["BABEL_DEFAULT_LOCALE"]):
                messages.append(_message(person, report, section, entry, link))
    return messages


def _message(person: User, report: Report, section: Section, entry: Activity, link: str) -> MIMEText:
    what = _subject(entry)
    # Built with the older MIMEText and Header: Python 3.11's newer EmailMessage folds a long non-ASCII header
    # so that the space between two of its encoded parts is lost (CPython gh-92081, fixed in 3.12.5): a Russian
    # subject came out as "собраний —Совместный доклад". Header encodes the spaces too.
    message = MIMEText("\n\n".join([
        f"{what}: «{section.title}»", link,
        _("This notice never contains the report's text or comments: open the link and sign in to read them.")]),
        "plain", "utf-8")
    message["Subject"] = Header(f"{what}: {shorten(section.title, SUBJECT_SECTION)} — "
                                f"{shorten(report.short_title or report.title, SUBJECT_REPORT)}", "utf-8")
    message["From"] = current_app.config["MAIL_FROM"]
    message["To"] = _recipient(person)
    message["Message-ID"] = make_msgid(domain=current_app.config["MAIL_FROM"].rpartition("@")[2] or None)
    return message


def _subject(entry: Activity) -> str:
    """What happened, in a few words (a whole inbox by e-mail brings more than review steps and comments)."""
    if entry.kind == Activity.STATUS and entry.detail in STEP_NAMES:
        return STEP_NAMES[entry.detail]
    if entry.kind == Activity.COMMENT:
        return _("New comment")
    if entry.kind in activity.TYPES["suggestions"]:
        return _("Suggested edit")
    return _("The section changed")


def _recipient(person: User) -> str:
    """The To header: a name in Latin letters as formataddr quotes it; any other as encoded words of the usual
    length (formataddr would make one word of any length), in ASCII, so smtplib finds the address in it."""
    name = one_line(person.display_name)
    if name.isascii():
        return formataddr((name, person.email))
    return " ".join(Header(name, "utf-8").encode().split() + [f"<{person.email}>"])


def absolute_link(endpoint: str, **values) -> str:
    """An absolute link, always to PUBLIC_URL: never to the address a request claimed in its Host header."""
    return current_app.config["PUBLIC_URL"].rstrip("/") + url_for(endpoint, **values)


def dispatch(app, messages: list[MIMEText]) -> None:
    if app.config["MAIL_IN_BACKGROUND"]:
        threading.Thread(target=send, args=(app, messages), daemon=True).start()
    else:
        send(app, messages)


def send(app, messages: list[MIMEText]) -> None:
    """Deliver over one connection; a failure is logged (without addresses or text) and dropped."""
    config = app.config
    security = config["SMTP_SECURITY"]
    connect = smtplib.SMTP_SSL if security == "ssl" else smtplib.SMTP
    try:
        with connect(config["SMTP_HOST"], config["SMTP_PORT"], timeout=SEND_TIMEOUT) as server:
            if security == "starttls":
                server.starttls()
            if config.get("SMTP_USER"):
                server.login(config["SMTP_USER"], config["SMTP_PASSWORD"])
            for message in messages:
                server.send_message(message)
    except Exception as error:  # in a thread of its own, or after the commit: logged, never raised
        app.logger.warning("e-mail notices not sent (%d messages): %s", len(messages), type(error).__name__)
