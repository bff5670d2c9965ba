"""What the app writes holds drafts, password hashes and addresses: the SQLite database with its -wal and -shm,
backups, archives and exported files are the app's user's alone (0600), whatever umask it was started with."""
import os
import stat

import pytest

from models import User, db


@pytest.fixture
def loose_umask():
    """A shell's usual umask (files 0644) when the app starts, as a command run by hand would have."""
    before = os.umask(0o022)
    yield
    os.umask(before)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.sqlite_only
def test_the_database_and_its_wal_are_private(loose_umask, make_app, database_url):
    app = make_app()
    path = database_url.removeprefix("sqlite:///")
    with app.app_context():
        db.connect(reuse_if_open=True)
        User.create(login="someone", display_name="Someone", password_hash="x")  # the write-ahead log is in use
        for name in (path, f"{path}-wal", f"{path}-shm"):
            assert mode(name) == 0o600, name


def test_backups_archives_and_exports_are_private(loose_umask, make_app, world, tmp_path):
    runner = make_app().test_cli_runner()
    for args in (["backup", "--out", str(tmp_path / "copy.backup")],
                 ["export-archive", "--out", str(tmp_path / "archive.zip")],
                 ["export", "--format", "docx", "--out", str(tmp_path / "report.docx")]):
        result = runner.invoke(args=args)
        assert result.exit_code == 0, result.output
        assert mode(args[-1]) == 0o600, args[0]
