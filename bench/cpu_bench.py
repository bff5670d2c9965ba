"""CPU per page (issue 23): what the gunicorn workers spend on one request for the overview, a section, its editor
and its history, on the coalition ×10, next to bare Flask + Jinja rendering a page of the same size (bare_app.py);
target ≤ 8× bare Flask's CPU per page.

The workers' own CPU time (user + system, from /proc) over a run of requests one after another, divided by the
requests: unlike throughput, it leaves out the client, which shares this machine's cores. The two sides of a ratio
are measured in turn, ROUNDS times, and each keeps its lowest round, so that a noisy neighbour weighs on both alike.

    .venv/bin/python -m bench.cpu_bench
"""
import os
from pathlib import Path

from bench import figures
from bench.big_coalition import temporary
from bench.http_load import TIMEOUT, copy, sign_in
from bench.server import WORKERS, Server, app_server, bare_server, page_urls

ROUNDS = 3
REQUESTS = 60 if figures.quick() else 300
WARMUP = 20
TICK = os.sysconf("SC_CLK_TCK")
TARGET = 8


def cpu_seconds(server: Server) -> float:
    """The CPU time gunicorn's master and its workers have used so far."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # a process that ended meanwhile
            continue
        pid, parent = int(entry.name), int(fields[1])
        if server.proc.pid in (pid, parent):
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICK


def per_request(server: Server, signed, url: str) -> float:
    """Milliseconds of the server's CPU per GET of url, over REQUESTS in a row."""
    client = copy(signed)
    for _ in range(WARMUP):
        client.get(url, timeout=TIMEOUT)
    before = cpu_seconds(server)
    for _ in range(REQUESTS):
        if client.get(url, timeout=TIMEOUT).status_code != 200:
            raise RuntimeError(f"{url} did not answer 200")
    return 1000 * (cpu_seconds(server) - before) / REQUESTS


def run(app, bare, coalition) -> list[str]:
    """The table, measured as the lead of the section's group (who sees its editor)."""
    signed = sign_in(app.base, coalition.members[2][0])
    urls = page_urls(app, coalition)
    pages = ("report overview", "section page", "editor", "history page")
    rows = []
    for name in pages:
        url = urls[name]
        size = len(signed.get(url, timeout=TIMEOUT).content)
        baseline_url = f"{bare.base}/page/{size}"
        rounds = [(per_request(app, signed, url), per_request(bare, signed, baseline_url)) for _ in range(ROUNDS)]
        ours, baseline = (min(side) for side in zip(*rounds, strict=True))
        rows.append((name, f"{size:,}", f"{ours:.1f} ms", f"{baseline:.2f} ms", f"{ours / baseline:.1f}×"))
    note = (f"The gunicorn workers' CPU time ({WORKERS} workers each side) per request, over {REQUESTS} requests in a "
            f"row after {WARMUP} of warm-up, the lowest of {ROUNDS} rounds taken in turn with the baseline; SQLite.")
    return [figures.table(("page", "bytes", "CPU per request", "bare Flask + Jinja, same bytes",
                           f"ratio (target ≤ {TARGET}×)"), rows), note]


def main() -> None:
    with temporary() as (url, coalition), app_server(url) as app, bare_server() as bare:
        figures.publish("CPU per page", run(app, bare, coalition))


if __name__ == "__main__":
    main()
