"""Page cost and flat history (issue 8, parts 1 and 2), on the coalition ×10 under gunicorn.

Page cost: requests per second for the overview, a section, its history and its compare page, each next to
bare Flask + Jinja rendering a page of the same size (bare_app.py) with the same workers and client; target ≥
0.5× the bare throughput. Flat history: the history and compare pages of a section with 10 revisions and of
one with 10,000, pages of 10 rows so that both show as many; target: the long one costs ≤ 1.5× the short one.
Measurements alternate between the two sides of each ratio, and each side keeps its best round, so that a
noisy neighbour weighs on both alike.
"""
from bench import figures
from bench.big_coalition import LONG_REVISIONS, REVISIONS, temporary
from bench.http_load import TIMEOUT, sign_in, throughput
from bench.server import HISTORY_PAGE_SIZE, WORKERS, app_server, bare_server, page_urls

ROUNDS = 3
SECONDS = 1 if figures.quick() else 3
WARMUP = 0.5


def best_pair(first: str, second: str, signed) -> tuple[dict, dict]:
    """Both URLs measured in turn, ROUNDS times; the best round of each."""
    runs = [tuple(throughput(signed, url, WORKERS, SECONDS, WARMUP) for url in (first, second))
            for _ in range(ROUNDS)]
    return tuple(max((run[side] for run in runs), key=lambda r: r["rps"]) for side in (0, 1))


def page_cost(app, bare, coalition, signed) -> str:
    urls = page_urls(app, coalition)
    rows = []
    for name in ("report overview", "section page", "history page", "compare page"):
        url = urls[name]
        size = len(signed.get(url, timeout=TIMEOUT).content)
        ours, baseline = best_pair(url, f"{bare.base}/page/{size}", signed)
        rows.append((name, f"{size:,}", _rate(ours), _rate(baseline), f"{ours['rps'] / baseline['rps']:.2f}×"))
    return figures.table(("page", "bytes", "req/s", "bare Flask + Jinja, same bytes", "ratio (target ≥ 0.5×)"),
                         rows)


def flat_history(app, coalition, signed) -> str:
    oldest = -(-LONG_REVISIONS // HISTORY_PAGE_SIZE)
    rows = []
    for name, path, deep in (("history page (newest)", "history", ""),
                             (f"history page (oldest: page 1, page {oldest})", "history", f"?page={oldest}"),
                             ("compare page (newest two)", "compare", "")):
        short, long = (f"{app.base}/sections/{section}/{path}" for section in (coalition.short, coalition.long))
        few, many = best_pair(short, long + deep, signed)
        rows.append((name, _rate(few), _rate(many), f"{few['rps'] / many['rps']:.2f}"))
    return figures.table(("page", f"{REVISIONS} revisions", f"{LONG_REVISIONS:,} revisions",
                          "cost ratio (target ≤ 1.5)"), rows)


def _rate(result: dict) -> str:
    errors = f", {result['errors']} not 200" if result["errors"] else ""
    return f"{result['rps']:.0f}/s (p50 {1000 * result['p50']:.0f} ms{errors})"


def run(app, bare, coalition) -> list[str]:
    """The two tables, measured as a member of the section's group (who sees its editing links)."""
    signed = sign_in(app.base, coalition.members[2][0])
    note = (f"{WORKERS} gunicorn workers each, {WORKERS} client threads, best of {ROUNDS} × {SECONDS:g} s (each after "
            f"{WARMUP:g} s of warm-up) for each side of a ratio, in turn; SQLite.")
    return ["### Page cost", page_cost(app, bare, coalition, signed),
            "### Flat history", flat_history(app, coalition, signed), note]


def main() -> None:
    with temporary() as (url, coalition), app_server(url) as app, bare_server() as bare:
        figures.publish("Pages", run(app, bare, coalition))


if __name__ == "__main__":
    main()
