"""Real concurrency: eight people save one section at once through gunicorn with four worker processes.

Every client edits only its own paragraph, some from a stale form, so the server has to merge. Afterwards
the database must hold exactly one numbered revision per accepted save, with no gaps and no lost edit, and
every refused save must have been a 409 that gave the author back their whole text.
"""
import html
import os
import random
import re
import secrets
import subprocess
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from argon2 import PasswordHasher

from app import create_app
from coalition import passwords, revisions
from models import Draft, Membership, Report, Revision, Section, User, WorkingGroup, db
from ops import migrations
from tests.helpers import free_port, hidden

pytestmark = pytest.mark.both_databases  # writers at once: each database's locking

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
PASSWORD = "correct horse battery staple"
CLIENTS = 8
ROUNDS = 6
WORKERS = 4
REQUEST_TIMEOUT = 30
STARTUP_TIMEOUT = 60  # four workers importing the app at once, on a busy 2-core machine (as tests/deploy/stack.py)


def paragraph(client: int, round_: int | None) -> str:
    if round_ is None:
        return f"Абзац {client}: исходный текст."
    return f"Абзац {client}: клиент {client}, правка {round_}."


def body_of(rounds: dict[int, int | None]) -> str:
    return "\n\n".join(paragraph(c, rounds.get(c)) for c in range(1, CLIENTS + 1)) + "\n"


def own_text(client: int, round_: int | None) -> str:
    return f"Раздел клиента {client}: {'исходный текст' if round_ is None else f'правка {round_}'}.\n"


# --- the server -------------------------------------------------------------------------------------


def _seed(url: str) -> dict:
    """Schema and a coalition: 8 members of one group, one shared section, and one section per client."""
    create_app({"TESTING": True, "SECRET_KEY": "seed", "DATABASE_URL": url, "RATELIMIT_ENABLED": False})
    db.connect(reuse_if_open=True)
    try:
        migrations.upgrade(db.obj)
        group = WorkingGroup.create(name="Гражданские и политические права", position=1)
        report = Report.create(title="Совместное представление", country="Казахстан", mechanism="УПО")
        users = {}
        for c in range(1, CLIENTS + 1):
            users[c] = User.create(login=f"activist{c}", display_name=f"Активист {c}",
                                   password_hash=passwords.hash_password(PASSWORD))
            Membership.create(user=users[c], group=group)
        shared = Section.create(report=report, group=group, title="Свобода мирных собраний", position=0)
        revisions.save(shared, users[1], body_of({}), "исходный текст", 0)
        own = {}
        for c in range(1, CLIENTS + 1):
            section = Section.create(report=report, group=group, title=f"Раздел {c}", position=c)
            revisions.save(section, users[c], own_text(c, None), "исходный текст", 0)
            own[c] = section.id
        return {"shared": shared.id, "own": own, "users": {c: u.id for c, u in users.items()}}
    finally:
        db.close()


class Server:
    def __init__(self, tmp_path: Path, database_url: str, name: str = "gunicorn", settings: dict | None = None):
        self.url = database_url
        self.settings = settings or {}  # over the environment below
        self.stderr_path = tmp_path / f"{name}.stderr"
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc = None

    def start(self) -> None:
        env = {**os.environ, "DATABASE_URL": self.url, "SECRET_KEY": secrets.token_hex(32),
               "UPR_ENV": "development", "RATELIMIT_STORAGE_URI": "memory://", "PYTHONUNBUFFERED": "1",
               **self.settings}
        self._stderr = open(self.stderr_path, "wb")  # noqa: SIM115 (gunicorn's, closed when it stops)
        self.proc = subprocess.Popen(
            # No control socket: its default is one path for every gunicorn of the user (~/.gunicorn/gunicorn.ctl),
            # which servers running at once (pytest-xdist's workers, the faults test's second server) would share.
            [str(GUNICORN), "--workers", str(WORKERS), "--bind", f"127.0.0.1:{self.port}", "--no-control-socket",
             "app:create_app()"],
            # A session of its own, so that one killpg can reach the master and every worker at once.
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=self._stderr, start_new_session=True)
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while True:
            if self.proc.poll() is not None:
                pytest.fail(f"gunicorn exited with {self.proc.returncode}:\n{self.stderr()}")
            try:  # the first answer waits for a worker to finish importing the app
                if requests.get(f"{self.base}/login", timeout=5).status_code == 200:
                    return
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"gunicorn did not answer /login within {STARTUP_TIMEOUT} s:\n{self.stderr()}")
            time.sleep(0.1)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc is not None and not self._stderr.closed:
            self._stderr.close()

    def stderr(self) -> str:
        return self.stderr_path.read_text(errors="replace")


@pytest.fixture
def server(tmp_path, monkeypatch, database_url):
    """gunicorn on SQLite (one writer, BEGIN IMMEDIATE) and on PostgreSQL (row locks), seeded."""
    # argon2 at its cheapest for seeding; the server rehashes at sign-in with its own parameters.
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    running = Server(tmp_path, database_url)
    running.ids = _seed(running.url)
    try:
        running.start()
        yield running
    finally:
        running.stop()


# --- the clients ------------------------------------------------------------------------------------


@dataclass
class Answer:
    client: int
    round: int
    section: str  # "shared" or "own"
    status: int
    location: str
    sent: str
    problem: str = ""  # what was wrong with a 409 page, if anything


@dataclass
class Log:
    answers: list = field(default_factory=list)
    other_statuses: Counter = field(default_factory=Counter)  # every GET and the logins
    errors: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, answer: Answer) -> None:
        with self.lock:
            self.answers.append(answer)

    def count(self, what: str, status: int) -> None:
        with self.lock:
            self.other_statuses[(what, status)] += 1


def textarea(page: str, name: str) -> str:
    match = re.search(rf'<textarea\b[^>]*\bname="{name}"[^>]*>(.*?)</textarea>', page, re.S)
    assert match, f"no textarea {name!r} on the page"
    text = html.unescape(match.group(1))
    # WTForms starts the content with a newline that browsers drop, as the HTML parsing rules say.
    return text[2:] if text.startswith("\r\n") else text[1:] if text.startswith("\n") else text


def replace_paragraph(body: str, client: int, new: str) -> str:
    paras = re.split(r"\n\s*\n", body.replace("\r\n", "\n").strip())
    mine = [i for i, p in enumerate(paras) if p.startswith(f"Абзац {client}:")]
    assert len(mine) == 1, f"client {client} finds {len(mine)} paragraphs of its own in {body!r}"
    paras[mine[0]] = new
    return "\n\n".join(paras) + "\n"


def sign_in(session: requests.Session, base: str, client: int, log: Log) -> None:
    page = session.get(f"{base}/login", timeout=REQUEST_TIMEOUT)
    log.count("GET /login", page.status_code)
    response = session.post(f"{base}/login", allow_redirects=False, timeout=REQUEST_TIMEOUT, data={
        "login": f"activist{client}", "password": PASSWORD, "csrf_token": hidden(page.text, "csrf_token")})
    log.count("POST /login", response.status_code)
    assert response.status_code == 302, f"client {client} could not sign in: {response.status_code}"


def save_once(session, base, section_id, client, round_, kind, log: Log, stale: bool) -> None:
    url = f"{base}/sections/{section_id}/edit"
    page = session.get(url, timeout=REQUEST_TIMEOUT)
    log.count(f"GET edit ({kind})", page.status_code)
    assert page.status_code == 200, f"client {client}: edit page answered {page.status_code}"
    body = textarea(page.text, "body")
    sent = replace_paragraph(body, client, paragraph(client, round_)) if kind == "shared" else own_text(client, round_)
    if stale:
        time.sleep(random.uniform(0, 0.05))  # someone may save meanwhile: this form is then stale
    response = session.post(url, allow_redirects=False, timeout=REQUEST_TIMEOUT, data={
        "csrf_token": hidden(page.text, "csrf_token"), "base": hidden(page.text, "base"), "body": sent,
        "note": f"клиент {client}, правка {round_}", "action": "save"})
    answer = Answer(client, round_, kind, response.status_code, response.headers.get("Location", ""), sent)
    if response.status_code == 409:
        try:
            returned = textarea(response.text, "mine")
            if returned.strip() != sent.strip():
                answer.problem = f"the conflict page's 'mine' is {returned!r}, not what was sent"
        except AssertionError as error:
            answer.problem = str(error)
    log.add(answer)


def run_client(base, ids, client, barrier: threading.Barrier, log: Log) -> None:
    try:
        session = requests.Session()
        session.trust_env = False  # never through a proxy from the environment
        sign_in(session, base, client, log)
        barrier.wait(timeout=60)  # everyone signed in: now all save together
        for round_ in range(1, ROUNDS + 1):
            save_once(session, base, ids["shared"], client, round_, "shared", log, stale=True)
            save_once(session, base, ids["own"][client], client, round_, "own", log, stale=False)
    except BaseException as error:
        barrier.abort()
        with log.lock:
            log.errors.append(f"client {client}: {type(error).__name__}: {error}")


# --- the test ---------------------------------------------------------------------------------------


def test_simultaneous_saves_through_gunicorn(server):
    log = Log()
    barrier = threading.Barrier(CLIENTS)
    threads = [threading.Thread(target=run_client, args=(server.base, server.ids, c, barrier, log), daemon=True)
               for c in range(1, CLIENTS + 1)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    elapsed = time.monotonic() - started
    hung = [t.name for t in threads if t.is_alive()]
    server.stop()
    stderr = server.stderr()

    assert not hung, f"clients still running after 120 s: {hung}\n{stderr[-8000:]}"
    assert not log.errors, "\n".join(log.errors) + f"\n--- gunicorn stderr ---\n{stderr[-8000:]}"

    # No answer of any kind was a server error, and nothing went wrong on the server's side either.
    server_errors = [(a.client, a.round, a.section, a.status) for a in log.answers if a.status >= 500]
    server_errors += [k for k in log.other_statuses if k[1] >= 500]
    assert not server_errors, f"5xx answers: {server_errors}\n--- gunicorn stderr ---\n{stderr[-8000:]}"
    for marker in ("Traceback", "database is locked", "WORKER TIMEOUT"):
        assert marker not in stderr, f"{marker!r} in gunicorn's stderr:\n{stderr[-8000:]}"

    db.connect(reuse_if_open=True)
    try:
        shared = check_shared_section(server.ids, log)
        check_own_sections(server.ids, log)
    finally:
        db.close()

    statuses = Counter(a.status for a in log.answers if a.section == "shared")
    print(f"\n{CLIENTS} clients x {ROUNDS} rounds through gunicorn ({WORKERS} workers) in {elapsed:.1f} s: "
          f"shared section {statuses[302]} saved ({shared['merged']} merged by the server), "
          f"{statuses[409]} conflicts; {CLIENTS * ROUNDS} saves of separate sections; "
          f"final revision {shared['head']}")


def check_shared_section(ids, log: Log) -> dict:
    answers = [a for a in log.answers if a.section == "shared"]
    assert len(answers) == CLIENTS * ROUNDS
    show = f"/sections/{ids['shared']}"
    accepted = [a for a in answers if a.status == 302]
    # A 302 elsewhere than the section (the edit page with ?draft=1) means "busy, kept as a draft".
    busy = [a for a in accepted if urlsplit(a.location).path != show]
    busy_saves = [(a.client, a.round, a.location) for a in busy]
    assert not busy, f"saves answered 'server busy' instead of being saved: {busy_saves}"
    refused = [a for a in answers if a.status != 302]
    odd = [(a.client, a.round, a.status) for a in refused if a.status != 409]
    assert not odd, f"refusals that are not 409: {odd}"
    bad_pages = [(a.client, a.round, a.problem) for a in refused if a.problem]
    assert not bad_pages, f"conflict pages without the author's text: {bad_pages}"

    rows = list(Revision.select().where(Revision.section == ids["shared"]).order_by(Revision.number))
    numbers = [r.number for r in rows]
    assert numbers == list(range(1, len(rows) + 1)), f"revision numbers with gaps or repeats: {numbers}"
    assert rows[0].body == body_of({})
    # Exactly one revision per accepted save, and none for a refused one.
    made = Counter((r.author_id, r.note) for r in rows[1:])
    expected = Counter((ids["users"][a.client], f"клиент {a.client}, правка {a.round}") for a in accepted)
    assert made == expected, f"revisions {dict(made)} != accepted saves {dict(expected)}"
    for previous, row in zip(rows, rows[1:]):
        assert row.parent_id == previous.id, f"revision {row.number}'s parent is not revision {previous.number}"
        assert row.merge_base is None or row.merge_base < previous.number

    # Replaying history: every revision holds every client's latest accepted edit, so nothing was overwritten.
    by_id = {u: c for c, u in ids["users"].items()}
    latest: dict[int, int | None] = {}
    for row in rows[1:]:
        client = by_id[row.author_id]
        latest[client] = int(row.note.rsplit(" ", 1)[1])
        assert row.body == body_of(latest), (
            f"revision {row.number} (client {client}, merge_base {row.merge_base}) lost an edit:\n"
            f"{row.body!r}\nexpected\n{body_of(latest)!r}")
    last_accepted = {}
    for a in sorted(accepted, key=lambda a: a.round):
        last_accepted[a.client] = a.round
    assert rows[-1].body == body_of(last_accepted)

    # A refused save is kept as the author's draft until their next save succeeds.
    for client in range(1, CLIENTS + 1):
        last = max((a for a in answers if a.client == client), key=lambda a: a.round)
        draft = Draft.get_or_none(Draft.user == ids["users"][client], Draft.section == ids["shared"],
                                  Draft.closed == False)
        if last.status == 409:
            assert draft is not None and draft.body.strip() == last.sent.strip(), f"client {client}'s draft"
        else:
            assert draft is None, f"client {client} saved last, yet still has a draft"

    merged = sum(1 for r in rows if r.merge_base is not None)
    assert merged >= 1, "no save was ever merged: the clients did not overlap, raise the contention"
    return {"merged": merged, "head": rows[-1].number}


def check_own_sections(ids, log: Log) -> None:
    """Saves of different sections at the same time never wait on each other into failure."""
    answers = [a for a in log.answers if a.section == "own"]
    assert len(answers) == CLIENTS * ROUNDS
    wrong = [(a.client, a.round, a.status, a.location) for a in answers
             if a.status != 302 or urlsplit(a.location).path != f"/sections/{ids['own'][a.client]}"]
    assert not wrong, f"saves of a person's own section not saved: {wrong}"
    for client, section_id in ids["own"].items():
        rows = list(Revision.select().where(Revision.section == section_id).order_by(Revision.number))
        assert [r.number for r in rows] == list(range(1, ROUNDS + 2))
        assert [r.body for r in rows] == [own_text(client, r) for r in [None, *range(1, ROUNDS + 1)]]
        assert all(r.merge_base is None for r in rows)
