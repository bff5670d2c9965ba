"""Backups and the coalition's archive.

backup/restore copy the whole database while the app runs: SQLite through its online backup API (a
consistent snapshot even under writes; the copy is integrity-checked), PostgreSQL through pg_dump and
pg_restore. The archive is the report with its whole history as plain files: a Markdown file per
revision and JSON for everything else, readable without this app.
"""
import hashlib
import json
import os
import re
import sqlite3
import subprocess
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

from models import Assessment, Image, Recommendation, Report, Revision, Section, StatusChange, User, WorkingGroup
from text.lengths import file_name

FOLDER_NAME = 60  # characters of a section's title in the name of its folder in the archive


class BackupError(Exception):
    """The backup or restore could not be made; the message says why, without any of the data."""


def _sqlite_path(url: str) -> str | None:
    return url[len("sqlite:///"):] if url.startswith("sqlite:///") else None


def _postgres_env(url: str) -> tuple[list[str], dict]:
    """pg_dump's connection arguments for a DATABASE_URL (the password goes in the environment)."""
    parts = urlsplit(url)
    args = ["--host", parts.hostname or "localhost", "--port", str(parts.port or 5432),
            "--username", unquote(parts.username or ""), "--dbname", parts.path.lstrip("/")]
    return args, ({"PGPASSWORD": unquote(parts.password)} if parts.password else {})


def backup(url: str, out: Path) -> None:
    """Write a consistent copy of the database to `out`, safe while the app is writing."""
    path = _sqlite_path(url)
    if path:
        if not _is_sqlite_file(Path(path)):
            raise BackupError(f"there is no SQLite database at {path}")
        try:
            with sqlite3.connect(path) as source, sqlite3.connect(out) as copy:
                source.backup(copy)
                _check(copy, "the copy")
        except sqlite3.Error as error:
            raise BackupError(f"the backup could not be written to {out}: {error}") from error
        return
    if url.startswith(("postgres://", "postgresql://")):
        args, env = _postgres_env(url)
        _run(["pg_dump", "--format=custom", "--file", str(out), *args], env)
        return
    raise BackupError("DATABASE_URL is neither SQLite nor PostgreSQL")


def restore(url: str, source: Path) -> None:
    """Replace the database's contents with a backup (stop the app first)."""
    path = _sqlite_path(url)
    if path:
        # An empty file would open as an empty database and wipe the live one: only a real backup goes.
        if not _is_sqlite_file(source):
            raise BackupError(f"{source} is not an SQLite database; nothing was changed")
        try:
            with sqlite3.connect(source) as backup_copy:
                _check(backup_copy, "the backup")
                with sqlite3.connect(path) as target:
                    backup_copy.backup(target)
        except sqlite3.Error as error:
            raise BackupError(f"the backup could not be restored ({error}); nothing was changed") from error
        return
    if url.startswith(("postgres://", "postgresql://")):
        args, env = _postgres_env(url)
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", *args, str(source)],
             env)
        return
    raise BackupError("DATABASE_URL is neither SQLite nor PostgreSQL")


def _is_sqlite_file(path: Path) -> bool:
    try:
        with open(path, "rb") as file:
            return file.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def _check(connection, what: str) -> None:
    if connection.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
        raise BackupError(f"{what} failed SQLite's integrity check; nothing was changed")


def _run(command: list[str], env: dict) -> None:
    try:
        subprocess.run(command, check=True, capture_output=True, env={**os.environ, **env}, timeout=3600)
    except FileNotFoundError as error:
        raise BackupError(f"{command[0]} is not installed (Debian: apt-get install postgresql-client)") from error
    except subprocess.CalledProcessError as error:
        raise BackupError(f"{command[0]} failed: {error.stderr.decode(errors='replace')[-500:]}") from error


def export_archive(report: Report, out: Path) -> int:
    """The report with its whole history (removed sections too, marked) as a zip; returns the number of
    revisions written."""
    groups = {group.id: group.name for group in WorkingGroup.select()}
    sections = list(Section.select().where(Section.report == report).order_by(Section.position, Section.id))
    meta = {"report": {"title": report.title, "country": report.country, "mechanism": report.mechanism,
                       "cycle": report.cycle, "session": report.session, "language": report.language},
            "sections": [], "recommendations": []}
    count = 0
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for index, section in enumerate(sections, start=1):
            folder = f"sections/{index:02d}-{_slug(section.title)}"
            revisions = []
            for revision in (Revision.select(Revision, User.display_name).join(User)
                             .where(Revision.section == section).order_by(Revision.number)):
                name = f"{folder}/revision-{revision.number:04d}.md"
                archive.writestr(name, revision.body)
                revisions.append({"number": revision.number, "file": name, "author": revision.author.display_name,
                                  "created_at": revision.created_at.isoformat(), "note": revision.note,
                                  "words": revision.words, "restored_number": revision.restored_number,
                                  "merge_base": revision.merge_base,
                                  "sha256": hashlib.sha256(revision.body.encode()).hexdigest()})
                count += 1
            # The images the texts show as /images/<id>: each under its id, so that a reader can match them.
            pictures = []
            for image in Image.select().where(Image.section == section).order_by(Image.id):
                name = f"{folder}/images/{image.id}.{'png' if image.content_type == 'image/png' else 'jpg'}"
                archive.writestr(name, bytes(image.data))
                pictures.append({"id": image.id, "file": name, "alt": image.alt, "sha256": image.sha256})
            steps = [{"from": step.old_status, "to": step.new_status, "revision": step.revision_number,
                      "by": step.user.display_name, "at": step.created_at.isoformat(), "note": step.note}
                     for step in reversed(StatusChange.of(section))]
            meta["sections"].append({"title": section.title, "group": groups.get(section.group_id, ""),
                                     "status": section.status, "approved_revision": section.approved_number,
                                     "word_budget": section.word_budget, "folder": folder,
                                     "removed": section.removal_id is not None,
                                     "revisions": revisions, "images": pictures, "review": steps})
        for rec in Recommendation.select().where(Recommendation.report == report):
            meta["recommendations"].append({
                "number": rec.number, "document": rec.document, "cycle": rec.cycle, "text": rec.text,
                "states": Recommendation.lines(rec.states), "response": rec.response,
                "themes": Recommendation.lines(rec.themes), "group": groups.get(rec.group_id, ""),
                "status": rec.status,
                "assessments": [{"status": a.status, "justification": a.justification, "sources": a.sources,
                                 "by": a.author.display_name, "at": a.created_at.isoformat()}
                                for a in rec.assessments.order_by(Assessment.id)]})
        archive.writestr("report.json", json.dumps(meta, ensure_ascii=False, indent=2))
    return count


def _slug(title: str) -> str:
    """A folder name from a title, in any script: letters, digits and dashes, cut like a download's name."""
    return file_name(re.sub(r"[^\w]+", "-", title).strip("-"), "", limit=FOLDER_NAME, default="section")
