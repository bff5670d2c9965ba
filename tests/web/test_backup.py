"""backup, restore and export-archive: a consistent copy taken while people write, restored into a fresh
database; a damaged backup refused without touching the live data; the audit trail; the archive that
must stay readable without this app."""
import hashlib
import json
import os
import threading
import time
import zipfile

import psycopg2
import pytest

from app import create_app
from coalition import images, recommendations, review, revisions
from models import AuditEvent, Image, Recommendation, Report, Revision, Section, User, WorkingGroup, db
from ops import backup
from tests import images as samples, postgres
from tests.helpers import sign_in

pytestmark = pytest.mark.both_databases  # each database has its own way to copy and restore

SAVES_BEFORE, SAVES_AFTER = 3, 2  # per writer, before the backup starts and after it ends
PATIENCE = 60  # seconds, for the writers to get that far


def _admin(server, statement: str) -> None:
    connection = psycopg2.connect(host="127.0.0.1", port=server.port, user=postgres.USER, dbname="postgres")
    connection.autocommit = True
    try:
        connection.cursor().execute(statement)
    finally:
        connection.close()


@pytest.fixture
def fresh_url(database_url, tmp_path, request):
    """An empty database beside the test's own: a new SQLite path, or a new database on the same server."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path}/restored.sqlite3"
        return
    server = request.getfixturevalue("postgres_server")
    _admin(server, "DROP DATABASE IF EXISTS upr_restore WITH (FORCE)")
    _admin(server, "CREATE DATABASE upr_restore")
    yield database_url.rsplit("/", 1)[0] + "/upr_restore"
    db.close()
    _admin(server, "DROP DATABASE upr_restore WITH (FORCE)")


def _app_on(url: str):
    """An app on that database as it is: no schema step, so a restore starts from nothing."""
    return create_app({"TESTING": True, "SECRET_KEY": "test", "DATABASE_URL": url, "WTF_CSRF_ENABLED": False,
                       "RATELIMIT_ENABLED": False, "SESSION_COOKIE_SECURE": False, "BABEL_DEFAULT_LOCALE": "en"})


def body_hashes() -> dict[tuple[int, int], str]:
    """(section id, revision number) -> sha256 of the body, for the database the models are bound to."""
    return {(r.section_id, r.number): hashlib.sha256(r.body.encode()).hexdigest()
            for r in Revision.select(Revision.section, Revision.number, Revision.body)}


def _body(writer: int, number: int) -> str:
    return f"Раздел {writer}, редакция {number}.\n\n" + f"Свобода мирных собраний, абзац {number}. " * 60 + "\n"


class Writer(threading.Thread):
    """One person saving revision after revision of their own section through the app, until told to stop."""

    def __init__(self, app, login: str, section_id: int, index: int):
        super().__init__(daemon=True)
        self.client, self.section_id, self.index = app.test_client(), section_id, index
        assert sign_in(self.client, login).status_code == 302
        self.number = Revision.select().where(Revision.section == section_id).count()
        self.saved, self.error, self.stop = 0, None, threading.Event()

    def run(self):
        try:
            while not self.stop.is_set():
                response = self.client.post(f"/sections/{self.section_id}/edit", data={
                    "body": _body(self.index, self.number + 1), "base": self.number, "action": "save"})
                # A busy database sends the author back to the editor (…/edit?draft=1): not a save.
                assert response.status_code == 302, response.status_code
                assert response.headers["Location"].endswith(f"/sections/{self.section_id}"), response.headers
                self.number += 1
                self.saved += 1
                with self.client.session_transaction() as session:
                    session.pop("_flashes", None)  # never shown here; they would only grow the cookie
        except Exception as error:  # reported by the test's thread
            self.error = error


def _wait_for(writers, at_least):
    deadline = time.monotonic() + PATIENCE
    while any(w.saved < n for w, n in zip(writers, at_least)):
        assert time.monotonic() < deadline and not any(w.error for w in writers), [w.error for w in writers]
        time.sleep(0.01)


def test_backup_under_writes_restores_into_fresh_database(app, world, runner, fresh_url, tmp_path):
    with app.app_context():
        group = WorkingGroup.get(WorkingGroup.name == "Civil and political rights")
        extra = [Section.create(report=world["report"], group=group, title=f"Раздел {n}").id for n in (1, 2)]
    people = [("lead", world["sections"]["own"]), ("other", world["sections"]["theirs"]),
              ("member", extra[0]), ("coordinator", extra[1])]
    writers = [Writer(app, login, section_id, i) for i, (login, section_id) in enumerate(people)]
    for writer in writers:
        writer.start()
    out = tmp_path / "during-writes.backup"
    try:
        _wait_for(writers, [SAVES_BEFORE] * len(writers))
        before = body_hashes()
        result = runner.invoke(args=["backup", "--out", str(out)])
        _wait_for(writers, [w.saved + SAVES_AFTER for w in writers])
    finally:
        for writer in writers:
            writer.stop.set()
        for writer in writers:
            writer.join(PATIENCE)
    assert result.exit_code == 0, result.output
    assert not any(w.error for w in writers), [w.error for w in writers]
    source = body_hashes()
    db.close()

    restored_app = _app_on(fresh_url)
    result = restored_app.test_cli_runner().invoke(args=["restore", "--from", str(out), "--yes"])
    assert result.exit_code == 0, result.output
    restored = body_hashes()
    assert before.items() <= restored.items() <= source.items()
    assert len(restored) < len(source)  # the writers went on after the backup: it really ran under writes
    for section_id in {s for s, _ in restored}:
        numbers = sorted(n for s, n in restored if s == section_id)
        assert numbers == list(range(1, len(numbers) + 1)), (section_id, numbers)

    # The restored database is a working one: people sign in and their next save takes the next number.
    client = restored_app.test_client()
    assert sign_in(client, "lead").status_code == 302
    own = world["sections"]["own"]
    head = max(n for s, n in restored if s == own)
    response = client.post(f"/sections/{own}/edit", data={"body": "После восстановления.\n", "base": head,
                                                         "action": "save"})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/sections/{own}")
    assert Section.get_by_id(own).head_revision().number == head + 1


def _damaged(kind: str, runner, tmp_path):
    path = tmp_path / f"{kind}.backup"
    if kind == "random":
        path.write_bytes(os.urandom(64 * 1024))
    elif kind == "empty":
        path.write_bytes(b"")
    else:
        good = tmp_path / "good.backup"
        assert runner.invoke(args=["backup", "--out", str(good)]).exit_code == 0
        data = good.read_bytes()
        path.write_bytes(data[:len(data) // 2])
    return path


def _live_state():
    return body_hashes(), sorted(User.select(User.login).scalars()), Report.select().count()


DAMAGED = ["random", "truncated", "empty"]


@pytest.mark.parametrize("kind", DAMAGED)
def test_damaged_backup_leaves_database_unchanged(world, runner, tmp_path, kind):
    source = _damaged(kind, runner, tmp_path)
    state = _live_state()
    result = runner.invoke(args=["restore", "--from", str(source), "--yes"])
    db.close()  # read the database afresh, as the next request would
    assert result.exit_code != 0
    assert _live_state() == state


@pytest.mark.parametrize("kind", DAMAGED)
def test_damaged_backup_refused_with_clear_message(world, runner, tmp_path, kind):
    source = _damaged(kind, runner, tmp_path)
    result = runner.invoke(args=["restore", "--from", str(source), "--yes"])
    assert isinstance(result.exception, SystemExit) and result.exit_code == 1, result.exception  # not a crash
    assert result.output.startswith("Error: ") and "Restored" not in result.output


def test_restore_asks_before_replacing(world, runner, tmp_path):
    out = tmp_path / "db.backup"
    assert runner.invoke(args=["backup", "--out", str(out)]).exit_code == 0
    section = Section.get_by_id(world["sections"]["own"])
    revisions.save(section, User.get(User.login == "lead"), "Written after the backup.", "", 2)  # a restore loses it
    state = _live_state()
    result = runner.invoke(args=["restore", "--from", str(out)], input="n\n")
    assert result.exit_code != 0 and "Is the app stopped?" in result.output and "Restored" not in result.output
    assert _live_state() == state


def test_backup_is_audited_and_says_keep_it_encrypted(world, runner, tmp_path):
    out = tmp_path / "coalition-2024-05-01.backup"
    result = runner.invoke(args=["backup", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"Backed up to {out} ({out.stat().st_size:,} bytes)" in result.output and out.stat().st_size > 0
    assert "Keep it encrypted" in result.output
    events = list(AuditEvent.select().where(AuditEvent.kind == AuditEvent.BACKUP))
    assert [(e.detail, e.actor_id, e.subject_id) for e in events] == [(out.name, None, None)]


def test_backup_to_missing_folder_is_a_clear_error_and_not_audited(world, runner, tmp_path):
    out = tmp_path / "no such folder" / "x.backup"
    result = runner.invoke(args=["backup", "--out", str(out)])
    assert AuditEvent.select().where(AuditEvent.kind == AuditEvent.BACKUP).count() == 0
    assert isinstance(result.exception, SystemExit) and result.exit_code == 1, result.exception
    assert result.output.startswith("Error: ") and not out.exists()


@pytest.mark.parametrize("url", ["mysql://upr@localhost/upr", "oracle://x", "sqlite://relative.db"])
def test_backup_of_unknown_database_kind_is_refused(tmp_path, url):
    out = tmp_path / "x.backup"
    with pytest.raises(backup.BackupError, match="neither SQLite nor PostgreSQL"):
        backup.backup(url, out)
    with pytest.raises(backup.BackupError, match="neither SQLite nor PostgreSQL"):
        backup.restore(url, out)
    assert not out.exists()


# --- export-archive -----------------------------------------------------------------------------------


@pytest.fixture
def reviewed(app, world):
    """The world's report with a Cyrillic section, its first section submitted and approved, 142.45 assessed."""
    with app.app_context():
        lead, reviewer = User.get(User.login == "lead"), User.get(User.login == "reviewer")
        own = Section.get_by_id(world["sections"]["own"])
        cyrillic = Section.create(report=world["report"], group=own.group, title="Право на собрания / митинги: 2024",
                                  position=5)
        revisions.save(cyrillic, lead, "Текст о «митингах».\n\nВторой абзац.", "начало", 0)
        with app.test_request_context():
            images.store(cyrillic, lead, samples.png(), "Митинг на площади")
        review.move(own, lead, review.SUBMIT)
        review.move(own, reviewer, review.APPROVE, note="Хорошо.")
        recommendations.assess(Recommendation.get_by_id(world["recommendation"]), lead, "not_implemented",
                               "Закон не изменён.", "https://example.org/law")
        return cyrillic.id


def test_export_archive(world, reviewed, runner, tmp_path):
    out = tmp_path / "archive.zip"
    result = runner.invoke(args=["export-archive", "--out", str(out), "--report", str(world["report"])])
    assert result.exit_code == 0, result.output
    assert f"Wrote {out}: 6 revisions." in result.output  # the removed section's too: an archive keeps all
    with zipfile.ZipFile(out) as archive:
        meta = json.loads(archive.read("report.json"))
        files = {info.filename: info for info in archive.infolist() if info.filename.endswith(".md")}
        bodies = {name: archive.read(name).decode() for name in files}
        archive.extractall(tmp_path / "unpacked")
    assert meta["report"]["title"] == "Joint submission"
    sections = {s["title"]: s for s in meta["sections"]}
    assert list(sections) == ["Civil and political rights section", "Women's rights section",
                              "Право на собрания / митинги: 2024", "Withdrawn section"]
    assert [s["removed"] for s in sections.values()] == [False, False, False, True]

    listed = {}
    for section in meta["sections"]:
        for entry in section["revisions"]:
            listed[entry["file"]] = entry
            stored = Revision.get(Revision.section == Section.get(Section.title == section["title"]),
                                  Revision.number == entry["number"])
            assert bodies[entry["file"]] == stored.body
            assert entry["sha256"] == hashlib.sha256(bodies[entry["file"]].encode()).hexdigest()
            assert (tmp_path / "unpacked" / entry["file"]).read_text() == stored.body
    assert set(listed) == set(files)  # one file per revision, no other Markdown
    own = sections["Civil and political rights section"]
    assert [(r["number"], r["author"], r["note"]) for r in own["revisions"]] == [
        (1, "Lead", "first"), (2, "Coordinator", "second")]
    assert [(s["from"], s["to"], s["revision"], s["by"], s["note"]) for s in own["review"]] == [
        ("draft", "in_review", 2, "Lead", ""), ("in_review", "approved", 2, "Reviewer", "Хорошо.")]
    assert (own["status"], own["approved_revision"]) == ("approved", 2)

    folder = sections["Право на собрания / митинги: 2024"]["folder"]
    assert folder == "sections/03-Право-на-собрания-митинги-2024"
    name = f"{folder}/revision-0001.md"
    assert files[name].flag_bits & 0x800  # the name is marked UTF-8, so unzip tools show Cyrillic
    assert (tmp_path / "unpacked" / name).is_file()
    [picture] = sections["Право на собрания / митинги: 2024"]["images"]
    stored = Image.get()
    assert picture == {"id": stored.id, "file": f"{folder}/images/{stored.id}.png", "alt": "Митинг на площади",
                       "sha256": stored.sha256}
    assert (tmp_path / "unpacked" / picture["file"]).read_bytes() == bytes(stored.data)

    [rec] = meta["recommendations"]
    assert (rec["number"], rec["status"], rec["group"]) == ("142.45", "not_implemented", "Civil and political rights")
    assert [(a["status"], a["justification"], a["sources"], a["by"]) for a in rec["assessments"]] == [
        ("not_implemented", "Закон не изменён.", "https://example.org/law", "Lead")]


def test_export_archive_of_missing_report(world, runner, tmp_path):
    out = tmp_path / "archive.zip"
    result = runner.invoke(args=["export-archive", "--out", str(out), "--report", "999"])
    assert result.exit_code == 1 and "No such report" in result.output
    assert not out.exists()
