"""Issue 8's web benchmarks in one run, on one coalition ×10 per database: page cost and flat history,
saves under contention (SQLite, then PostgreSQL), live load. Appends one dated section to results.md.

    .venv/bin/python -m bench.run            # about 5 minutes
    BENCH_QUICK=1 .venv/bin/python -m bench.run
"""
import sys

from bench import figures, live_bench, pages_bench, saves_bench
from bench.big_coalition import temporary
from bench.server import app_server, bare_server


def step(what: str) -> None:
    print(f"… {what}", file=sys.stderr, flush=True)


def main() -> None:
    step("building the coalition ×10 on SQLite")
    with temporary() as (url, coalition), app_server(url) as app, bare_server() as bare:
        step("page cost and flat history")
        pages = pages_bench.run(app, bare, coalition)
        step("saves under contention, SQLite")
        saves = saves_bench.run(app, coalition, "sqlite")
        step(f"live load, {live_bench.PEOPLE} people for {live_bench.SECONDS:g} s")
        live = live_bench.run(app, coalition)
    step("building the coalition ×10 on PostgreSQL")
    with temporary("postgresql") as (url, coalition), app_server(url) as app:
        step("saves under contention, PostgreSQL")
        saves += saves_bench.run(app, coalition, "postgresql")
    figures.publish("Pages, saves and live load", [
        *pages, "### Saves under contention", *saves_bench.parts(saves), "### Live load", *live])


if __name__ == "__main__":
    main()
