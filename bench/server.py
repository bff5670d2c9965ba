"""gunicorn on a loopback port for the benchmarks: the app on a database, or the bare endpoint beside it,
each with the same worker count so that their throughputs compare."""
import os
import secrets
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
WORKERS = 4  # as `make serve`
HISTORY_PAGE_SIZE = 10  # a short section's whole history: history pages compared for flatness hold equal rows
STARTUP_TIMEOUT = 60


class Server:
    """gunicorn serving `target` ("module:callable") from `path`, with `env` over this process's environment."""

    def __init__(self, target: str, env: dict, probe: str, path: Path = ROOT):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.target, self.env, self.probe, self.path = target, env, probe, path
        self.proc = None
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 (gunicorn's stderr, closed with the server)

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()
        self.log.close()

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [str(GUNICORN), "--workers", str(WORKERS), "--bind", f"127.0.0.1:{self.port}",
             "--chdir", str(self.path), self.target],
            env={**os.environ, **self.env, "PYTHONUNBUFFERED": "1"}, stdout=subprocess.DEVNULL, stderr=self.log)
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.proc.returncode}:\n{self.errors()}")
            try:  # the first answer waits for a worker to import the app
                if requests.get(self.base + self.probe, timeout=5).status_code == 200:
                    return
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not answer within {STARTUP_TIMEOUT} s:\n{self.errors()}")
            time.sleep(0.2)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def errors(self) -> str:
        """What gunicorn and the app wrote to stderr (tracebacks, worker timeouts)."""
        fd = self.log.fileno()
        return os.pread(fd, os.fstat(fd).st_size, 0).decode(errors="replace")

    def troubles(self) -> int:
        """Lines of the log that tell of a failure: a traceback or a worker killed for taking too long."""
        return sum(1 for line in self.errors().splitlines() if "Traceback" in line or "WORKER TIMEOUT" in line)


def app_server(database_url: str) -> Server:
    """The coalition editor, set up as the concurrency test sets it up, with sign-in limits out of the way
    (the benchmarks sign many people in from one address)."""
    env = {"DATABASE_URL": database_url, "SECRET_KEY": secrets.token_hex(32), "UPR_ENV": "development",
           "RATELIMIT_STORAGE_URI": "memory://", "LOGIN_RATE_LIMIT": "10000 per minute",
           "LOGIN_ACCOUNT_RATE_LIMIT": "10000 per minute", "HISTORY_PAGE_SIZE": str(HISTORY_PAGE_SIZE)}
    return Server("app:create_app()", env, probe="/login")


def bare_server() -> Server:
    """bare_app.py: Flask and Jinja, no database, no extensions."""
    return Server("bare_app:app", {}, probe="/page/1000", path=ROOT / "bench")


def page_urls(server: Server, coalition) -> dict[str, str]:
    """The pages the benchmarks measure, by name, on the coalition's short section."""
    section = f"{server.base}/sections/{coalition.short}"
    return {"report overview": f"{server.base}/reports/{coalition.report}", "section page": section,
            "editor": f"{section}/edit", "history page": f"{section}/history", "compare page": f"{section}/compare"}
