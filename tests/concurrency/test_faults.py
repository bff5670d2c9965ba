"""Faults: gunicorn killed in the middle of saves, and the database gone for a moment.

Whatever a person was told was saved must still be there, word for word, and the app must carry on
afterwards without anyone restarting anything but the part that failed.
"""
import os
import signal
import sqlite3
import threading
import time
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

from models import Revision, db
from tests.concurrency.test_gunicorn import REQUEST_TIMEOUT, Log, Server, own_text, sign_in
from tests.helpers import hidden

pytestmark = pytest.mark.both_databases  # saves through a kill and an outage: durability, reconnection

CLIENTS = 6
KILL_AFTER = 1.5  # seconds of saving before the kill, at the least
SAVES_BEFORE_KILL = 3  # ...and until every client has had this many saves acknowledged


class GroupServer(Server):
    """gunicorn that can be killed like a power cut would: master and every worker at once."""

    def kill(self) -> None:
        """SIGKILL to the master and every worker at once, as a power cut or the OOM killer would."""
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)
        deadline = time.monotonic() + 30
        while _live_members(self.proc.pid):
            assert time.monotonic() < deadline, f"gunicorn processes outlived SIGKILL: {_live_members(self.proc.pid)}"
            time.sleep(0.05)

    def stop(self) -> None:
        super().stop()
        if self.proc is not None and _live_members(self.proc.pid):
            os.killpg(self.proc.pid, signal.SIGKILL)  # never leave a worker behind for the next test


def _live_members(group: int) -> list[int]:
    """The processes of a process group that are not yet dead (zombies count as dead)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            state, _ppid, pgrp = stat.rsplit(")", 1)[1].split()[:3]
            if int(pgrp) == group and state != "Z":
                found.append(int(entry))
    return found


@pytest.fixture
def servers(tmp_path, database_url):
    """start(name) runs gunicorn on the test's database; every one started is gone when the test ends."""
    started = []

    def start(name: str) -> GroupServer:
        server = GroupServer(tmp_path, database_url, name)
        started.append(server)
        server.start()
        return server

    yield start
    for server in started:
        server.stop()


def signed_in(base: str, client: int, log: Log) -> requests.Session:
    session = requests.Session()
    session.trust_env = False  # never through a proxy from the environment
    session.headers["Accept-Language"] = "en"
    sign_in(session, base, client, log)
    return session


def post_save(session: requests.Session, base: str, section_id: int, text: str, note: str) -> requests.Response:
    url = f"{base}/sections/{section_id}/edit"
    page = session.get(url, timeout=REQUEST_TIMEOUT)
    assert page.status_code == 200, f"edit page of section {section_id} answered {page.status_code}"
    return session.post(url, allow_redirects=False, timeout=REQUEST_TIMEOUT, data={
        "csrf_token": hidden(page.text, "csrf_token"), "base": hidden(page.text, "base"), "body": text,
        "note": note, "action": "save"})


def saved(response: requests.Response, section_id: int) -> bool:
    """A 302 to the section itself; a 302 back to the editor means 'busy, kept as a draft'."""
    return response.status_code == 302 and urlsplit(response.headers["Location"]).path == f"/sections/{section_id}"


# --- gunicorn killed --------------------------------------------------------------------------------


@dataclass
class Sent:
    client: int
    text: str
    outcome: str  # "saved", "unanswered" (the kill came first), or what else the server answered


def write_stream(base: str, ids: dict, client: int, log: Log, sent: list[Sent], acked: list[int]) -> None:
    """Save one revision after another of the client's own section, until the server is gone."""
    try:
        session = signed_in(base, client, log)
    except BaseException as error:
        log.errors.append(f"client {client} could not sign in: {type(error).__name__}: {error}")
        return
    section_id = ids["own"][client]
    url = f"{base}/sections/{section_id}/edit"
    deadline = time.monotonic() + 60
    for n in range(1, 10_000):
        if time.monotonic() > deadline:
            log.errors.append(f"client {client} was never cut off")
            return
        try:
            page = session.get(url, timeout=REQUEST_TIMEOUT)
        except requests.RequestException:
            return  # the server is gone; nothing was being sent
        if page.status_code != 200:
            log.errors.append(f"client {client}: edit page answered {page.status_code}")
            return
        text = f"Раздел клиента {client}: правка {n}, «{'слово ' * (n % 7)}».\n"
        record = Sent(client, text, "unanswered")
        sent.append(record)
        try:
            response = session.post(url, allow_redirects=False, timeout=REQUEST_TIMEOUT, data={
                "csrf_token": hidden(page.text, "csrf_token"), "base": hidden(page.text, "base"), "body": text,
                "note": f"клиент {client}, правка {n}", "action": "save"})
        except requests.RequestException:
            return
        if saved(response, section_id):
            record.outcome = "saved"
            acked[client] += 1
        else:
            record.outcome = f"{response.status_code} {response.headers.get('Location', '')}"
            return


def test_sigkill_in_the_middle_of_saves(seeded, servers, database_url):
    first = servers("before-kill")
    log, sent, acked = Log(), [], [0] * (CLIENTS + 1)
    threads = [threading.Thread(target=write_stream, args=(first.base, seeded, c, log, sent, acked), daemon=True)
               for c in range(1, CLIENTS + 1)]
    for thread in threads:
        thread.start()
    started = time.monotonic()
    while time.monotonic() - started < KILL_AFTER or min(acked[1:]) < SAVES_BEFORE_KILL:
        assert time.monotonic() - started < 30, f"too slow: {acked[1:]} saves, {log.errors}\n{first.stderr()[-8000:]}"
        assert not log.errors, log.errors
        time.sleep(0.02)
    first.kill()
    for thread in threads:
        thread.join(timeout=REQUEST_TIMEOUT + 10)
    assert not [t.name for t in threads if t.is_alive()], "clients still running after the kill"
    assert not log.errors, "\n".join(log.errors)
    refused = [(s.client, s.outcome) for s in sent if s.outcome not in ("saved", "unanswered")]
    assert not refused, f"saves not saved before the kill: {refused}\n{first.stderr()[-8000:]}"

    second = servers("after-kill")
    if database_url.startswith("sqlite"):
        with closing(sqlite3.connect(database_url.removeprefix("sqlite:///"))) as check:
            assert check.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert check.execute("PRAGMA foreign_key_check").fetchall() == []

    db.connect(reuse_if_open=True)
    try:
        heads = {c: check_history(seeded["own"][c], c, [s for s in sent if s.client == c])
                 for c in range(1, CLIENTS + 1)}
    finally:
        db.close()

    # The app works after the restart: sign in, the overview, a new save on top of the history.
    session = signed_in(second.base, 1, Log())
    assert session.get(f"{second.base}/", timeout=REQUEST_TIMEOUT).status_code == 200
    after = "Раздел клиента 1: после перезапуска.\n"
    response = post_save(session, second.base, seeded["own"][1], after, "после перезапуска")
    assert saved(response, seeded["own"][1]), f"{response.status_code} {response.headers.get('Location')}"
    db.connect(reuse_if_open=True)
    try:
        newest = Revision.select().where(Revision.section == seeded["own"][1]).order_by(Revision.number.desc()).get()
        assert (newest.number, newest.body) == (heads[1] + 1, after)
    finally:
        db.close()
    second.stop()
    assert "Traceback" not in second.stderr(), second.stderr()[-8000:]

    unanswered = sum(s.outcome == "unanswered" for s in sent)
    print(f"\nkilled gunicorn after {sum(acked)} acknowledged saves ({acked[1:]} per client), "
          f"{unanswered} in flight; all acknowledged saves survived")


def check_history(section_id: int, client: int, mine: list[Sent]) -> int:
    """Every acknowledged save is there with its exact text, in order, numbered without gaps; the only other
    revision there may be is the save that was in flight when the server died. Returns the head's number."""
    rows = list(Revision.select().where(Revision.section == section_id).order_by(Revision.number))
    assert [r.number for r in rows] == list(range(1, len(rows) + 1)), f"client {client}: numbers with gaps"
    for previous, row in zip(rows, rows[1:]):
        assert row.parent_id == previous.id, f"client {client}: revision {row.number}'s parent is not the one before"
    assert rows[0].body == own_text(client, None)
    acknowledged = [s.text for s in mine if s.outcome == "saved"]
    in_flight = [s.text for s in mine if s.outcome == "unanswered"]
    bodies = [r.body for r in rows[1:]]
    assert bodies in (acknowledged, acknowledged + in_flight), (
        f"client {client}: history {bodies!r}\nacknowledged {acknowledged!r}\nin flight {in_flight!r}")
    return rows[-1].number


# --- PostgreSQL gone for a moment -------------------------------------------------------------------

BUSY = "The server is busy. Nothing was lost"


@contextmanager
def postgres_down(server):
    """The database server stopped for the block; started again however the block ends, since the server
    is the session's (pg_ctl restart on a stopped server starts it with its last options, postmaster.opts)."""
    server._run("pg_ctl", "-D", server.data, "-m", "fast", "-w", "stop")
    try:
        yield
    finally:
        server._run("pg_ctl", "-D", server.data, "-l", os.path.join(server.home, "log"), "-w", "restart")


@pytest.fixture
def outage(request, database_url, servers):
    """gunicorn on a seeded PostgreSQL database, the database server, and client 1 signed in."""
    if database_url.startswith("sqlite"):
        pytest.skip("SQLite is a file: there is no database server to lose")
    ids = request.getfixturevalue("seeded")
    app = servers("gunicorn")
    return {"ids": ids, "app": app, "postgres": request.getfixturevalue("postgres_server"),
            "session": signed_in(app.base, 1, Log())}


def assert_busy_page(response: requests.Response, what: str) -> None:
    shown = f"{what}: {response.status_code}\n{response.text[:3000]}"
    assert response.status_code == 503, shown
    assert BUSY in response.text, shown
    for leak in ("Traceback", "psycopg2", "OperationalError", "SELECT", "connection to server", "127.0.0.1"):
        assert leak not in response.text, f"{leak!r} in {shown}"


def test_database_briefly_unavailable_on_postgres(outage):
    app, session, section_id = outage["app"], outage["session"], outage["ids"]["own"][1]
    anonymous = requests.Session()
    anonymous.trust_env = False
    anonymous.headers["Accept-Language"] = "en"
    with postgres_down(outage["postgres"]):
        assert_busy_page(anonymous.get(f"{app.base}/login", timeout=REQUEST_TIMEOUT), "sign-in page")

    # The same gunicorn, not restarted: the signed-in person carries on, and someone else signs in.
    assert session.get(f"{app.base}/", timeout=REQUEST_TIMEOUT).status_code == 200
    text = "Написано, когда база вернулась.\n"
    response = post_save(session, app.base, section_id, text, "снова")
    assert saved(response, section_id), f"{response.status_code} {response.headers.get('Location')}"
    other = signed_in(app.base, 2, Log())
    assert other.get(f"{app.base}/", timeout=REQUEST_TIMEOUT).status_code == 200
    db.connect(reuse_if_open=True)
    try:
        newest = Revision.select().where(Revision.section == section_id).order_by(Revision.number.desc()).get()
        assert (newest.number, newest.body) == (2, text)
    finally:
        db.close()
    app.stop()
    assert "Traceback" not in app.stderr(), app.stderr()[-8000:]


def test_signed_in_pages_while_postgres_is_down_get_the_busy_page(outage):
    app, session, section_id = outage["app"], outage["session"], outage["ids"]["own"][1]
    form = session.get(f"{app.base}/sections/{section_id}/edit", timeout=REQUEST_TIMEOUT)
    assert form.status_code == 200
    data = {"csrf_token": hidden(form.text, "csrf_token"), "base": hidden(form.text, "base"),
            "body": "Написано, пока базы не было.\n", "note": "", "action": "save"}
    with postgres_down(outage["postgres"]):
        answers = {
            "overview": session.get(f"{app.base}/", timeout=REQUEST_TIMEOUT),
            "htmx fragment": session.get(f"{app.base}/", headers={"HX-Request": "true"}, timeout=REQUEST_TIMEOUT),
            "save": session.post(f"{app.base}/sections/{section_id}/edit", data=data, allow_redirects=False,
                                 timeout=REQUEST_TIMEOUT),
        }
    for what, response in answers.items():
        assert_busy_page(response, what)
