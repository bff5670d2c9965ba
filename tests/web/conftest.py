"""Fixtures for the web tests: signed-in clients, recommendations, the co-editing
section and its conflict, and a real SMTP server on localhost for the notices. (Helpers: tests/helpers.py.)"""
from datetime import timedelta
from email import message_from_bytes
from email.policy import default

import pytest
from aiosmtpd.controller import Controller

from coalition import access_links, exports, revisions, submissions, suggestions
from models import Image, Organisation, PendingImport, Report, Revision, Section, User, db
from tests.helpers import free_port, signed_in
from tests.web.coedit import A2, B2, MINE, A, B, C, D, X, doc
from tests.web.recs import add


@pytest.fixture
def revision_count():
    def count(section_id: int) -> int:
        return Revision.select().where(Revision.section == section_id).count()

    return count


@pytest.fixture
def person(app, world):
    """person("member"): a client of its own, signed in as that person."""
    return lambda name: signed_in(app, name)


@pytest.fixture
def own(world):
    """The id of the section of the group that lead and member belong to."""
    return world["sections"]["own"]


@pytest.fixture
def things(app, world, monkeypatch):
    """An export, a submitted version and a pending import, so that their routes have something to show in the
    route matrix (the files are stand-ins: it is about who may, and a real PDF takes a second to make)."""
    monkeypatch.setattr(exports, "render", lambda doc, fmt: b"%PDF-1.7 stand-in")
    with app.test_request_context():
        report = Report.get_by_id(world["report"])
        coordinator = User.get(User.login == "coordinator")
        section = Section.get_by_id(world["sections"]["own"])
        export = exports.request_export(report, coordinator, "docx", section=section)
        version = submissions.freeze(report, coordinator)
        pending = PendingImport.create(report=report, user=coordinator, filename="r.csv",
                                       data=b"number,text\n1.1,Text\n")
        link, _ = access_links.invite(coordinator, "Invited", False, {}, timedelta(days=1))
        organisation = Organisation.create(name="Bir Duniye")
        image = Image.create(section=section, uploaded_by=coordinator, content_type="image/png", data=b"png",
                             width=1, height=1, alt="A chart", sha256="0" * 64, size=3)
        suggestion = suggestions.propose(section, User.get(User.login == "other"), "A suggested text.", "", 2)
        # As if the section had been carried over from an earlier report: its comparison has something to show.
        Section.update(origin=world["sections"]["theirs"]).where(Section.id == section.id).execute()
    return {"export_token": export.token, "submission_id": version.id, "import_id": pending.id, "link_id": link.id,
            "organisation_id": organisation.id, "image_id": image.id, "suggestion_id": suggestion.id}


@pytest.fixture
def count_queries(app, monkeypatch):
    """The SQL statements executed from now on, in order (clear the list to start counting afresh)."""
    executed = []
    original = db.obj.execute_sql

    def counting(sql, *args, **kwargs):
        executed.append(sql)
        return original(sql, *args, **kwargs)

    monkeypatch.setattr(db.obj, "execute_sql", counting)
    return executed


@pytest.fixture
def recs(world):
    """The world's 142.45 (alpha's), one of beta's and one nobody's yet."""
    return {"alpha": world["recommendation"], "beta": add(world, "142.9", group_key="beta"),
            "none": add(world, "142.10")}


@pytest.fixture
def sec(app, world, login):
    """Revision 3 has five paragraphs; the lead edits A and B as revision 4; the member is signed in."""
    with app.app_context():
        section = Section.get_by_id(world["sections"]["own"])
        revisions.save(section, User.get(login="member"), doc(A, X, B, C, D), "", 2)
        revisions.save(section, User.get(login="lead"), doc(A2, X, B2, C, D), "lead's edit", 3)
    login("member")
    return section.id


@pytest.fixture
def conflict(client, sec):
    """The member saves MINE, an edit of revision 3 that overlaps the lead's in B (409)."""
    form = {"body": MINE.replace("\n", "\r\n"), "base": 3, "note": "n"}
    return client.post(f"/sections/{sec}/edit", data=form)


@pytest.fixture
def runner(app, tmp_path):
    """The app's command line; its instance folder a temp dir (seed-demo keeps its accounts table there)."""
    app.instance_path = str(tmp_path)
    return app.test_cli_runner()


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content, policy=default)))
        return "250 OK"

    def to(self, address):
        return [message for recipients, message in self.messages if address in recipients]


@pytest.fixture
def inbox():
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield handler, controller.port
    controller.stop()


@pytest.fixture
def mail_app(make_app, inbox):
    """The app with mail on, sending in the request (no thread), and everyone given an address."""
    _, port = inbox
    app = make_app(SMTP_HOST="127.0.0.1", SMTP_PORT=port, SMTP_SECURITY="none", MAIL_IN_BACKGROUND=False,
                   MAIL_FROM="editor@coalition.test", PUBLIC_URL="https://upr.coalition.test")
    return app


@pytest.fixture
def mailed_world(mail_app, world):
    with mail_app.app_context():
        for user in User.select():
            User.update(email=f"{user.login}@coalition.test").where(User.id == user.id).execute()
    return world
