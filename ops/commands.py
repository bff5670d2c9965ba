"""The command line: flask --app app init-db | create-user | set-password | seed-demo | export | backup |
restore | export-archive."""
from pathlib import Path
from urllib.parse import urlsplit

import click
from flask import current_app
from flask.cli import ScriptInfo
from flask_babel import force_locale
from peewee import OperationalError, ProgrammingError

from coalition import audit, exports, login_sessions
from coalition.passwords import hash_password
from coalition.vocabulary import password_error
from config import LANGUAGES
from export.counts import count_file
from models import AuditEvent, Membership, Report, User, WorkingGroup, db
from ops import backup, demo, migrations

INIT_DB = ".venv/bin/flask --app app init-db"


class ProjectCommand(click.Command):
    """A command of this project, run inside the app's context. What can go wrong around its work (a database that
    cannot be opened or has no tables yet, a file that cannot be written, a backup refused) ends it with one line
    saying so, not a traceback.

    needs: "schema" (this version's tables), "tables" (any version's, e.g. a backup before an upgrade) or ""."""

    def __init__(self, *args, needs: str = "schema", **kwargs):
        super().__init__(*args, **kwargs)
        self.needs = needs

    def invoke(self, ctx):
        if not current_app:  # `flask` has pushed one already; a test's runner has not
            ctx.with_resource(ctx.ensure_object(ScriptInfo).load_app().app_context())
        try:
            self._check_database()
            return super().invoke(ctx)
        except (OperationalError, ProgrammingError) as error:
            raise click.ClickException(_database_trouble(error)) from None
        except backup.BackupError as error:
            raise click.ClickException(_one_line(str(error))) from None
        except OSError as error:
            where = f"{error.filename}: " if error.filename else ""
            raise click.ClickException(f"{where}{error.strerror or error}") from None

    def _check_database(self) -> None:
        if self.needs == "schema" and not migrations.is_current(db.obj):
            has = "an older schema" if db.table_exists(User._meta.table_name) else "no tables yet"
            raise click.ClickException(f"The database has {has}: run {INIT_DB} first.")
        if self.needs == "tables" and not db.table_exists(User._meta.table_name):
            raise click.ClickException(f"The database has no tables yet: run {INIT_DB} first.")


def command(name: str, needs: str = "schema"):
    return click.command(name, cls=ProjectCommand, needs=needs)


def _database_trouble(error: Exception) -> str:
    """What the database said (SQLite and libpq name files, hosts and tables, never values), on one line, with
    where the database is but not its password."""
    url = current_app.config["DATABASE_URL"]
    password = urlsplit(url).password
    if password:
        url = url.replace(f":{password}@", ":***@", 1)
    return f"The database at {url} (DATABASE_URL) cannot be used: {_one_line(str(error))}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


@command("init-db", needs="")
def init_db():
    """Create the tables, or bring an existing database up to the current schema."""
    applied = migrations.upgrade(db.obj)
    click.echo(f"Schema steps applied: {applied}" if applied else "Schema is up to date.")


@command("create-user", needs="")
@click.argument("login")
@click.option("--name", "display_name", help="Display name (defaults to the login).")
@click.option("--role", type=click.Choice(["coordinator", "reviewer", "lead", "member"]), default="member")
@click.option("--group", "groups", multiple=True, help="Working group name or id; repeat for several.")
@click.option("--language", type=click.Choice(list(LANGUAGES)), default="ru")
@click.option("--email", default="", help="Address for notices (used only when SMTP is configured).")
@click.password_option()
def create_user(login, display_name, role, groups, language, email, password):
    """Add a person; the password is asked for, never given on the command line."""
    migrations.upgrade(db.obj)
    if User.get_or_none(User.login == login):
        raise click.ClickException(f"A user with login {login!r} exists already.")
    found = [_find_group(g) for g in groups]
    if role in ("lead", "member") and not found:
        raise click.ClickException("A lead or member needs at least one --group.")
    _check_password(password, login)
    with db.atomic():
        user = User.create(login=login, display_name=display_name or login, language=language, email=email.strip(),
                           password_hash=hash_password(password), is_coordinator=role == "coordinator",
                           is_reviewer=role == "reviewer")
        for group in found:
            Membership.create(user=user, group=group, role=Membership.LEAD if role == "lead" else Membership.MEMBER)
        # From the command line: no actor, whoever runs it has the server already.
        audit.record(AuditEvent.USER_CREATED, subject=user,
                     detail=", ".join([role] + [group.name for group in found]))
    click.echo(f"Created {login} ({role}).")


@command("set-password")
@click.argument("login")
@click.password_option()
def set_password(login, password):
    """Give a person a new password; every session they have open ends."""
    user = User.get_or_none(User.login == login)
    if user is None:
        raise click.ClickException(f"No user with login {login!r}.")
    _check_password(password, login)
    with db.atomic():
        User.update(password_hash=hash_password(password)).where(User.id == user.id).execute()
        login_sessions.end_all(user.id)
        audit.record(AuditEvent.PASSWORD_CHANGED, subject=user)
    click.echo(f"New password set for {login}; their open sessions are ended.")


def _check_password(password: str, login: str) -> None:
    with force_locale("en"):  # the server's command line speaks English
        problem = password_error(password, login)
    if problem:
        raise click.ClickException(problem)


def _find_group(name_or_id: str) -> WorkingGroup:
    query = WorkingGroup.id == int(name_or_id) if name_or_id.isdigit() else WorkingGroup.name == name_or_id
    group = WorkingGroup.get_or_none(query)
    if group is None:
        raise click.ClickException(f"No working group {name_or_id!r}.")
    return group


@command("seed-demo", needs="")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has a report.")
def seed_demo(if_empty):
    """Fill the database with the demo coalition, its report and one account per role."""
    migrations.upgrade(db.obj)
    # The table is kept (readable by this machine's owner only) so that every `make run` can show it.
    saved = Path(current_app.instance_path) / "demo-accounts.txt"
    if if_empty and not demo.is_empty():
        click.echo(saved.read_text() if saved.exists() else "The database has data already; no demo seeded.")
        return
    rows = [("role", "login", "password", "groups")] + demo.seed()
    widths = [max(len(str(r[i])) for r in rows) for i in range(4)]
    table = "\n".join("  ".join(str(v).ljust(w) for v, w in zip(row, widths)).rstrip() for row in rows)
    text = f"Demo accounts (for trying the app only):\n\n{table}\n"
    saved.write_text(text)
    saved.chmod(0o600)
    click.echo(text)


def _report(report_id: int | None) -> Report:
    """The report asked for, or the newest one."""
    if report_id:
        report = Report.get_or_none(Report.id == report_id)
        if report is None:
            raise click.ClickException(f"No such report: {report_id}.")
        return report
    report = Report.newest_first().first()
    if report is None:
        raise click.ClickException("No report yet: the database holds none to export.")
    return report


@command("export")
@click.option("--format", "fmt", type=click.Choice(sorted(exports.FORMATS)), default="pdf")
@click.option("--out", type=click.Path(dir_okay=False, writable=True), required=True, help="File to write.")
@click.option("--report", "report_id", type=int, help="Report id (default: the newest report).")
@click.option("--final", is_flag=True, help="Leave out the DRAFT mark (the version to submit).")
@click.option("--annex", type=click.Choice([exports.ANNEX_BY_THEME, exports.ANNEX_BY_GROUP]),
              help="Add the recommendations' annex, grouped by theme or working group.")
@click.option("--over-limit", is_flag=True, help="Make a final file even over the word limit (as the coordinator "
                                                 "can confirm on the export page).")
def export(fmt, out, report_id, final, annex, over_limit):
    """Write the report as a PDF or DOCX file."""
    report = _report(report_id)
    doc = exports.document_for(report, draft=not final, annex_by=annex)
    words = exports.counted(report, count_file(doc))
    if final and words > report.word_limit and not over_limit:
        raise click.ClickException(f"By the report's count rule the file has {words:,} words, over the limit of "
                                   f"{report.word_limit:,}: shorten it, or add --over-limit to make it anyway.")
    data = exports.render(doc, fmt)
    Path(out).write_bytes(data)
    click.echo(f"Wrote {out} ({len(data):,} bytes).")


@command("backup", needs="tables")
@click.option("--out", type=click.Path(dir_okay=False, writable=True, path_type=Path), required=True,
              help="File to write (SQLite: a database file; PostgreSQL: a pg_dump archive).")
def backup_command(out):
    """Copy the whole database, safely while the app is running."""
    backup.backup(current_app.config["DATABASE_URL"], out)
    audit.record(AuditEvent.BACKUP, detail=out.name)
    click.echo(f"Backed up to {out} ({out.stat().st_size:,} bytes). Keep it encrypted and off this server.")


@command("restore", needs="")
@click.option("--from", "source", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True)
@click.confirmation_option(prompt="This replaces everything in the database with the backup. Is the app stopped?")
def restore_command(source):
    """Replace the database's contents with a backup (stop the app first)."""
    backup.restore(current_app.config["DATABASE_URL"], source)
    click.echo(f"Restored from {source}.")


@command("export-archive")
@click.option("--out", type=click.Path(dir_okay=False, writable=True, path_type=Path), required=True)
@click.option("--report", "report_id", type=int, help="Report id (default: the newest report).")
def export_archive(out, report_id):
    """The report with its whole history as a zip: Markdown per revision, JSON for the rest."""
    report = _report(report_id)
    count = backup.export_archive(report, out)
    click.echo(f"Wrote {out}: {count} revisions.")


ALL = [init_db, create_user, set_password, seed_demo, export, backup_command, restore_command, export_archive]
