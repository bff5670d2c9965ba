"""Pages on a slow link (issue 15): 400 kbit/s each way and 400 ms of latency, as Chromium emulates them
(DevTools' Network.emulateNetworkConditions), through the deployment of deploy/ (nginx compressing and letting
browsers keep static files; gunicorn in production on PostgreSQL: tests/deploy/stack.py), next to the same pages
straight from gunicorn (uncompressed; the stylesheet asked for again on every page). The demo coalition, signed
in as a group's lead: its overview, a section and the section's editor, each on a first visit (an empty cache)
and as the next page of a visit (the cache holds what an earlier page brought). Target: each under 1.5 s.

htmx comes from its pinned jsDelivr URL, answered by a stand-in on this machine that serves it as jsDelivr does
(compressed, kept for a year), so that it weighs what it weighs for a real visitor.

    .venv/bin/python -m bench.slow_links        # about 3 minutes; BENCH_QUICK=1: one round instead of three
"""
import base64
import hashlib
import secrets
import statistics
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

import config
from app import create_app
from bench import figures
from bench.http_load import TIMEOUT, session, sign_in
from bench.server import app_server
from models import Report, Section, WorkingGroup, db
from ops import demo
from tests import postgres
from tests.chromium import HTMX_FILE, launch
from tests.deploy.stack import OPENSSL, Deployment, free_port

ROOT = Path(__file__).resolve().parent.parent

KBIT = 1000 / 8  # bytes per second
LINK = {"offline": False, "latency": 400, "downloadThroughput": 400 * KBIT, "uploadThroughput": 400 * KBIT}
TARGET = 1.5  # seconds
ROUNDS = 1 if figures.quick() else 3
CDN = urlsplit(config.HTMX_CDN_URL)
LEAD = "lead"  # the demo's lead of the first group

# The page's own count, up to its load event (htmx has run: the live parts work): every answer's bytes on the wire
# (headers included; 0 for what came from the cache) by what it was, and when the event came (from the start of the
# navigation).
MEASURE = """() => {
    const page = performance.getEntriesByType('navigation')[0];
    const parts = {html: page.transferSize, css: 0, htmx: 0, other: 0};
    for (const e of performance.getEntriesByType('resource')) {
        if (e.startTime >= page.loadEventStart) continue;
        const part = e.name.includes('htmx') ? 'htmx' : e.initiatorType === 'link' ? 'css' : 'other';
        parts[part] += e.transferSize;
    }
    return {seconds: page.loadEventStart / 1000, parts};
}"""


def cdn_stand_in(deployment: Deployment, port: int) -> str:
    """An nginx server answering the pinned htmx URL as jsDelivr does: compressed, kept for a year, readable from
    another origin (CORS for the SRI check, Timing-Allow-Origin so that the page may count its bytes)."""
    return f"""    server {{
        listen 127.0.0.1:{port} ssl;
        ssl_certificate {deployment.certificate};
        ssl_certificate_key {deployment.key};
        access_log off;
        gzip on;
        gzip_comp_level 9;
        gzip_types application/javascript;
        location = {CDN.path} {{
            alias {HTMX_FILE};
            add_header Cache-Control "public, max-age=31536000, immutable";
            add_header Access-Control-Allow-Origin "*";
            add_header Timing-Allow-Origin "*";
        }}
    }}"""


def trusted_key(certificate: Path) -> str:
    """The base64 SHA-256 of the certificate's public key, for Chromium to trust: with a certificate error
    (ignore_https_errors) it would keep nothing in its cache, and the second visits would measure nothing."""
    public = subprocess.run([OPENSSL, "x509", "-in", str(certificate), "-pubkey", "-noout"], check=True,
                            capture_output=True).stdout
    der = subprocess.run([OPENSSL, "pkey", "-pubin", "-outform", "der"], input=public, check=True,
                         capture_output=True).stdout
    return base64.b64encode(hashlib.sha256(der).digest()).decode()


def seed_demo(url: str) -> dict:
    """The demo coalition in the (migrated) database; the lead's password and the pages' paths."""
    app = create_app({"TESTING": True, "SECRET_KEY": "bench", "DATABASE_URL": url, "RATELIMIT_ENABLED": False})
    with app.app_context():
        db.connect(reuse_if_open=True)
        try:
            password = next(password for _, login, password, _ in demo.seed() if login == LEAD)
            report = Report.select().get()
            section = (Section.select().join(WorkingGroup).where(WorkingGroup.position == 1)
                       .order_by(Section.position).first())
        finally:
            db.close()
    return {"password": password, "pages": {"overview": f"/reports/{report.id}", "section": f"/sections/{section.id}",
                                            "editor": f"/sections/{section.id}/edit"}}


class Visitor:
    """Chromium contexts signed in as the lead on one server (each context with its own cache)."""

    def __init__(self, browser, base: str, client, coalition: dict):
        self.browser, self.base = browser, base
        signed = sign_in(base, LEAD, coalition["password"], signed=client)
        self.cookies = [{"name": c.name, "value": c.value, "url": base} for c in signed.cookies]
        for path in coalition["pages"].values():  # each worker's first answer is slower: not the link's doing
            signed.get(base + path, timeout=TIMEOUT)

    def load(self, path: str, after: str | None = None) -> dict:
        """The page at path on the slow link, in a new context: a first visit, or after the page `after`."""
        context = self.browser.new_context(locale="ru-RU")
        context.add_cookies(self.cookies)
        try:
            if after:
                context.new_page().goto(self.base + after)
            page = context.new_page()
            devtools = context.new_cdp_session(page)
            devtools.send("Network.enable")
            devtools.send("Network.emulateNetworkConditions", LINK)
            page.goto(self.base + path, wait_until="load", timeout=60_000)
            return page.evaluate(MEASURE)
        finally:
            context.close()

    def measure(self, path: str, after: str | None = None) -> dict:
        """The median times of ROUNDS loads, with the bytes of the last."""
        loads = [self.load(path, after) for _ in range(ROUNDS)]
        return {"seconds": statistics.median(load["seconds"] for load in loads), "parts": loads[-1]["parts"]}


def cell(result: dict) -> str:
    parts = result["parts"]
    total = sum(parts.values())
    shown = " + ".join(f"{parts[part] / 1000:.1f}" for part in ("html", "css", "htmx"))
    return f"{total / 1000:.1f} KB ({shown}), {result['seconds']:.2f} s"


def run(pages: dict, ours: Visitor, bare: Visitor) -> list[str]:
    # The next page of a visit: the overview after the section, the others after the overview.
    before = {"overview": pages["section"], "section": pages["overview"], "editor": pages["overview"]}
    rows, held = [], True
    for name, path in pages.items():
        for visit, after in (("first visit", None), ("next page", before[name])):
            deployed, straight = ours.measure(path, after), bare.measure(path, after)
            held = held and deployed["seconds"] < TARGET
            rows.append((name, visit, cell(deployed), cell(straight),
                         "yes" if deployed["seconds"] < TARGET else "**no**"))
    table = figures.table(("page", "visit", "through nginx: KB (HTML + CSS + htmx), load time",
                           "straight from gunicorn", f"under {TARGET:g} s?"), rows)
    note = (f"400 kbit/s down and up, 400 ms latency (Chromium's emulation), median of {ROUNDS} loads each, in a "
            "fresh browser context (its own cache); time from the start of the navigation to the load event (htmx "
            "has run); bytes "
            "as the page counts them up to that event (headers included, 0 for what came from the cache). The "
            "demo coalition in Russian on PostgreSQL, signed in as a group's lead; both servers run the same "
            "code on the same database, and both get htmx from the jsDelivr stand-in (gzip at its best; jsDelivr "
            "sends Brotli, a little smaller still). The emulation adds its "
            "latency once per request: a real 400 ms link also spends about two round trips (0.8 s) opening each "
            "new connection (TCP, then TLS 1.3), to us and to jsDelivr, on a first visit; later pages reuse them.")
    return [table, note, f"Every page under {TARGET:g} s through nginx: {'yes' if held else '**no**'}."]


def main() -> None:
    database = postgres.Server()
    database.start()
    try:
        with tempfile.TemporaryDirectory(prefix="upr-slow-") as home:
            settings = {"SECRET_KEY": secrets.token_hex(32), "DATABASE_URL": database.url, "PROXY_COUNT": "1"}
            deployment, cdn_port = Deployment(Path(home), settings), free_port()
            deployment.extra = cdn_stand_in(deployment, cdn_port)
            with deployment, app_server(database.url) as bare, sync_playwright() as playwright:
                coalition = seed_demo(database.url)
                trusted = trusted_key(deployment.certificate)
                browser = launch(playwright, f"--ignore-certificate-errors-spki-list={trusted}",
                                 # jsDelivr is the stand-in; any other name outside is not found.
                                 f"--host-resolver-rules=MAP {CDN.hostname} 127.0.0.1:{cdn_port}, MAP * ~NOTFOUND, "
                                 "EXCLUDE 127.0.0.1")
                try:
                    parts = run(coalition["pages"], Visitor(browser, deployment.base, deployment.session(), coalition),
                                Visitor(browser, bare.base, session(), coalition))
                finally:
                    browser.close()
    finally:
        database.stop()
    figures.publish("Pages on a slow link", parts)


if __name__ == "__main__":
    main()
