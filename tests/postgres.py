"""A throwaway PostgreSQL server for a test run: a temporary data directory, a loopback port, trust
authentication for one local user, durability off (it is thrown away), stopped and deleted at the end.

Debian's server refuses to run as root, so as root it runs as the `postgres` system user. Under pytest-xdist each
worker starts a server of its own (the fixture is session-scoped, and a session is a worker's), so workers never
share a database; the worker's id in the directory's name tells them apart on disk.
"""
import glob
import os
import shutil
import subprocess
import tempfile

import psycopg2

from tests.helpers import free_port

USER, DATABASE = "upr", "upr_test"


def binaries() -> str | None:
    """The newest installed server's bin directory (Debian's postgresql package), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return os.path.dirname(found[-1]) if found else None


class Server:
    def __init__(self):
        self.bin = binaries()
        self.home = tempfile.mkdtemp(prefix=f"upr-postgres-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}-")
        self.data = os.path.join(self.home, "data")
        self.port = free_port()
        self.url = f"postgresql://{USER}@127.0.0.1:{self.port}/{DATABASE}"

    def _run(self, program: str, *args: str) -> None:
        command = [os.path.join(self.bin, program), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.home, "postgres", "postgres")
        self._run("initdb", "-D", self.data, "--auth=trust", f"--username={USER}", "--encoding=UTF8",
                  "--locale=C.UTF-8")
        options = (f"-p {self.port} -k {self.home} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        self._run("pg_ctl", "-D", self.data, "-o", options, "-l", os.path.join(self.home, "log"), "-w", "start")
        with self._admin() as admin:
            admin.execute(f"CREATE DATABASE {DATABASE}")

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.home, ignore_errors=True)

    def reset(self) -> None:
        """Empty tables for the next test: the last test's connections ended, every row gone (the schema
        stays, with its version, so the app's upgrade has nothing to do: much faster than a new database)."""
        with self._admin(DATABASE) as admin:
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          "WHERE datname = %s AND pid <> pg_backend_pid()", (DATABASE,))
            admin.execute("SELECT tablename FROM pg_tables "
                          "WHERE schemaname = 'public' AND tablename <> 'schemaversion'")
            tables = ", ".join(f'"{name}"' for (name,) in admin.fetchall())
            if tables:
                admin.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")

    def wipe(self) -> None:
        """No tables at all, for a test that builds an old schema itself (the next test's app makes a new one)."""
        with self._admin(DATABASE) as admin:
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          "WHERE datname = %s AND pid <> pg_backend_pid()", (DATABASE,))
            admin.execute("DROP SCHEMA public CASCADE")
            admin.execute("CREATE SCHEMA public")

    def _admin(self, database: str = "postgres"):
        connection = psycopg2.connect(host="127.0.0.1", port=self.port, user=USER, dbname=database)
        connection.autocommit = True
        return _Cursor(connection)


class _Cursor:
    """A cursor that closes its connection when the `with` block ends."""

    def __init__(self, connection):
        self.connection = connection

    def __enter__(self):
        self.cursor = self.connection.cursor()
        return self.cursor

    def __exit__(self, *exc):
        self.cursor.close()
        self.connection.close()
