"""The app as deploy/ runs it, on this machine and without its root services: gunicorn started by the commands of
deploy/upr-editor.service, behind Debian's nginx with deploy/nginx/upr-editor.conf, over TLS with a throwaway
self-signed certificate. The files' installed paths (/srv/upr-editor, /run/upr-editor, …) move to the repository
and a temp dir, and their ports to free loopback ports; nothing else of them changes. Shared by tests/deploy and
bench/slow_links.py.
"""
import os
import re
import shlex
import shutil
import subprocess
import time
from collections import defaultdict
from pathlib import Path

import requests

from tests.helpers import free_port

ROOT = Path(__file__).resolve().parents[2]
UNIT = ROOT / "deploy" / "upr-editor.service"
SITE = ROOT / "deploy" / "nginx" / "upr-editor.conf"
NGINX = "/usr/sbin/nginx"
OPENSSL = "/usr/bin/openssl"
HTMX_FILE = ROOT / "vendor/node_modules/htmx.org/dist/htmx.min.js"
STARTUP_TIMEOUT = 60


def service_settings(unit: str) -> dict[str, list[str]]:
    """The [Service] section of a systemd unit: each key's values, in order."""
    values, section = defaultdict(list), None
    for line in unit.replace("\\\n", " ").splitlines():
        line = line.strip()
        if line.startswith("["):
            section = line
        elif line and not line.startswith(("#", ";")) and section == "[Service]":
            key, _, value = line.partition("=")
            values[key.strip()].append(value.strip())
    return values


def substitute(text: str, pattern: str, replacement: str, count: int = 1) -> str:
    """re.subn that insists on finding the pattern `count` times: a changed file must not slip through unmoved."""
    changed, found = re.subn(pattern, replacement, text, flags=re.M)
    if found != count:
        raise RuntimeError(f"{pattern!r} found {found} times in the deployment files, expected {count}")
    return changed


class Deployment:
    """start() … stop(): the app at `base` (https://127.0.0.1:port), its settings given as environment variables
    (as instance/settings.env would give them; PUBLIC_URL is `base`). The temp dir `home` holds the socket, the
    certificate, nginx's files and both servers' logs; its static/ is a copy of the repository's, with htmx.min.js
    beside it for a coalition that serves htmx itself (HTMX_URL=/static/htmx.min.js). `extra`, set before start(),
    is more of nginx's http block, beside the site (another server, with the same `certificate` and `key`)."""

    def __init__(self, home: Path, settings: dict[str, str], workers: int = 3):
        self.home, self.settings, self.workers, self.extra = home, settings, workers, ""
        self.port, self.http_port = free_port(), free_port()
        self.base = f"https://127.0.0.1:{self.port}"
        self.certificate, self.key = home / "certificate.pem", home / "key.pem"
        self.unit = service_settings(UNIT.read_text())
        self.gunicorn = self.nginx = None
        # Installed paths -> here; the longest first, so that /srv/upr-editor/static/ is not taken as /srv/upr-editor.
        self.paths = {"/srv/upr-editor/static/": f"{home}/static/", "/srv/upr-editor": str(ROOT),
                      "/run/upr-editor": str(home), "/var/cache/upr-editor": f"{home}/cache"}

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    def moved(self, text: str) -> str:
        for installed, here in self.paths.items():
            text = text.replace(installed, here)
        return text

    def command(self, line: str) -> list[str]:
        """One of the unit's commands as it would run here, with `self.workers` gunicorn workers."""
        argv = [self.moved(arg) for arg in shlex.split(line)]
        if "--workers" in argv:
            argv[argv.index("--workers") + 1] = str(self.workers)
        return argv

    def environment(self) -> dict[str, str]:
        """What systemd gives the service: its Environment= lines, over the settings (which the app reads from
        instance/settings.env, where the service's own environment wins), and little else."""
        unit = dict(pair.split("=", 1) for line in self.unit["Environment"] for pair in shlex.split(line))
        return {"PATH": os.environ["PATH"], "LANG": "C.UTF-8", "PUBLIC_URL": self.base, **self.settings,
                **{name: self.moved(value) for name, value in unit.items()}}

    def start(self) -> None:
        (self.home / "cache").mkdir()
        shutil.copytree(ROOT / "static", self.home / "static")
        shutil.copy(HTMX_FILE, self.home / "static" / "htmx.min.js")
        self._make_certificate()
        cwd = self.moved(self.unit["WorkingDirectory"][-1])
        for line in self.unit["ExecStartPre"]:  # init-db
            done = subprocess.run(self.command(line), cwd=cwd, env=self.environment(), capture_output=True, timeout=120)
            if done.returncode:
                raise RuntimeError(f"{line} failed:\n{done.stderr.decode(errors='replace')}")
        self._gunicorn_log = open(self.home / "gunicorn.log", "wb")  # noqa: SIM115 (closed when gunicorn stops)
        # Sessions of their own, so that stopping them reaches every worker.
        self.gunicorn = subprocess.Popen(self.command(self.unit["ExecStart"][-1]), cwd=cwd, env=self.environment(),
                                         stdout=subprocess.DEVNULL, stderr=self._gunicorn_log, start_new_session=True)
        conf = self._write_nginx_conf()
        nginx = [NGINX, "-e", str(self.home / "nginx-error.log"), "-p", str(self.home), "-c", str(conf)]
        subprocess.run([*nginx, "-t", "-q"], check=True, capture_output=True, timeout=30)
        self.nginx = subprocess.Popen([*nginx, "-g", "daemon off;"], stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL, start_new_session=True)
        self._wait_for("/login")

    def stop(self) -> None:
        for process in (self.nginx, self.gunicorn):
            if process is not None and process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        if self.gunicorn is not None:
            self._gunicorn_log.close()

    def logs(self) -> str:
        """gunicorn's and nginx's error logs, to explain a failure."""
        return "\n".join(f"--- {name} ---\n{(self.home / name).read_text(errors='replace')[-6000:]}"
                         for name in ("gunicorn.log", "nginx-error.log") if (self.home / name).exists())

    def session(self, source: str = "127.0.0.1") -> requests.Session:
        """A client that trusts the throwaway certificate, connecting from the loopback address `source`."""
        client = requests.Session()
        client.trust_env = False  # never through a proxy from the environment
        client.verify = str(self.certificate)
        client.mount("https://", FromAddress(source))
        client.mount("http://", FromAddress(source))
        return client

    def _make_certificate(self) -> None:
        subprocess.run([OPENSSL, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                        "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                        "-keyout", str(self.key), "-out", str(self.certificate)], check=True, capture_output=True,
                       timeout=30)

    def _site(self) -> str:
        """The repository's site file with its ports, certificate, socket and folders moved here."""
        site = SITE.read_text()
        site = substitute(site, r"^\s*listen \[::\]:\d+.*\n", "", count=4)  # IPv6 may be off here
        site = substitute(site, r"listen 443 ", f"listen 127.0.0.1:{self.port} ", count=2)
        site = substitute(site, r"listen 80\b", f"listen 127.0.0.1:{self.http_port}", count=2)
        site = substitute(site, r"ssl_certificate +\S+;", f"ssl_certificate {self.certificate};", count=2)
        site = substitute(site, r"ssl_certificate_key +\S+;", f"ssl_certificate_key {self.key};", count=2)
        site = substitute(site, r"server_name upr\.example\.org;", "server_name 127.0.0.1;", count=2)
        return self.moved(site)

    def _write_nginx_conf(self) -> Path:
        site = self.home / "upr-editor.conf"
        site.write_text(self._site())
        temp = "\n".join(f"    {kind}_temp_path {self.home}/nginx-{kind};"
                         for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        # As root, nginx's workers would run as nobody, who may not open the repository's folders or the socket.
        user = "user root;\n" if os.geteuid() == 0 else ""
        conf = self.home / "nginx.conf"
        conf.write_text(f"""{user}worker_processes 2;
pid {self.home}/nginx.pid;
error_log {self.home}/nginx-error.log warn;
events {{ worker_connections 512; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
{temp}
    include {site};
{self.extra}
}}
""")
        return conf

    def _wait_for(self, path: str) -> None:
        client, deadline = self.session(), time.monotonic() + STARTUP_TIMEOUT
        while True:
            for name, process in (("gunicorn", self.gunicorn), ("nginx", self.nginx)):
                if process.poll() is not None:
                    raise RuntimeError(f"{name} exited with {process.returncode}:\n{self.logs()}")
            try:  # the first answer waits for a worker to import the app
                if client.get(self.base + path, timeout=5).status_code == 200:
                    return
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{self.base}{path} did not answer within {STARTUP_TIMEOUT} s:\n{self.logs()}")
            time.sleep(0.2)


class FromAddress(requests.adapters.HTTPAdapter):
    """Connections from a chosen loopback address (127.0.0.2 is as local as 127.0.0.1, but another client)."""

    def __init__(self, source: str):
        self.source = source
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, source_address=(self.source, 0), **kwargs)
