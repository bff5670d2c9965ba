"""PDF export benchmark: our export next to bare WeasyPrint on the same HTML, a cached repeat, peak memory.

Run by `make bench`. Prints a table and appends it to bench/results.md; asserts nothing (targets are
read by people: export ≤ 1.15× bare WeasyPrint, cached repeat < 50 ms, peak memory < 400 MB at 4×).
"""
import pickle
import platform
import re
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from flask_babel import force_locale
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from app import create_app
from bench import figures
from coalition import exports
from coalition.recommendations import tallies
from export import pdf
from export.document import Annex, DocGroup, DocOrganisation, DocSection, Document
from models import Recommendation
from ops import demo
from text import merge
from text.wordcount import count_markdown

ROOT = Path(__file__).resolve().parent.parent

ANNEX_ROWS = 250
LANGUAGE = "ru"
# Each demo section's title and current text.
GROUPS = demo.load()["groups"]
SECTIONS = [(s["title"], s["revisions"][-1]["body"]) for g in GROUPS for s in g["sections"]]
RECOMMENDATIONS = demo.recommendation_rows()
_PARAGRAPHS = [p for _title, body in SECTIONS for p in merge.paragraphs(body)]
# Plain prose (its note marks dropped with its notes) and the first source of each notes block: what a
# group adds to a justification.
_PROSE = [re.sub(r"\[\^\d+\]", "", p) for p in _PARAGRAPHS if "\n" not in p and p[0] not in "#|>-[0123456789"]
_SOURCES = [p.split("\n")[0].removeprefix("[^1]: ") for p in _PARAGRAPHS if p.startswith("[^1]: ")]


def bench_app(database_url: str = "sqlite:///:memory:"):
    """The app on a database of its own, for its translations or for requests."""
    return create_app({"SECRET_KEY": "bench", "DATABASE_URL": database_url, "EXPORTS_IN_BACKGROUND": False,
                       "TESTING": True})


def scaled_document(scale: float) -> Document:
    """The demo report repeated until it has scale × 5,600 words, in Russian, with a 250-row annex."""
    target, words, sections = 5600 * scale, 0, []
    while words < target:
        title, body = SECTIONS[len(sections) % len(SECTIONS)]
        sections.append(DocSection(f"{title} ({len(sections) + 1})", body, f"s{len(sections)}"))
        words += count_markdown(body).body
    with bench_app().app_context(), force_locale(LANGUAGE):
        labels, annex = exports.labels(LANGUAGE), recommendations_annex(ANNEX_ROWS)
    return Document(title="Доклад коалиции", short_title="Доклад", country="Казахстан", mechanism="УПО",
                    cycle="5", session="2029", language=LANGUAGE, date="25 ноября 2026 г.", coordinator="Бюро",
                    contact="", coalition="", organisations=(DocOrganisation("НПО", "Алматы"),),
                    groups=tuple(DocGroup(f"Группа {i + 1}", tuple(sections[i::7])) for i in range(7)),
                    labels=labels, annex=annex)


def recommendations_annex(count: int) -> Annex:
    """The annex by theme as exports builds it, without a database: the demo's recommendations numbered on
    to `count`, a few without a theme. Call it in the report's locale."""
    rows = []
    for i in range(count):
        row = RECOMMENDATIONS[i % len(RECOMMENDATIONS)]
        rec = Recommendation(number=f"118.{i + 1}", text=row["text"], states=row["states"].replace("; ", "\n"),
                             response=row["response"], status=row["status"],
                             themes="" if i % 25 == 24 else row["themes"].replace("; ", "\n"))
        rec.justification = _justification(i, row["justification"])  # as with_assessments joins it in
        rows.append(rec)
    stats = tallies.compute([(rec.status, rec.response, "") for rec in rows], [])
    return exports.annex_from(rows, stats, exports.ANNEX_BY_THEME, [])


def _justification(i: int, short: str) -> str:
    """The demo's one-line justification, for every fourth row with a paragraph of evidence, every tenth with
    a source note, every twentieth with three paragraphs (past pdf.LONG_ANNEX_ROW, so it may break)."""
    if not short:  # not assessed
        return ""
    noted = i % 10 == 7
    paragraphs = [short + ("[^1]" if noted else "")]
    if i % 4 == 1:
        paragraphs.append(_PROSE[i % len(_PROSE)])
    if i % 20 == 3:
        paragraphs += [_PROSE[(i + k) % len(_PROSE)] for k in range(3)]
    if noted:
        paragraphs.append(f"[^1]: {_SOURCES[i % len(_SOURCES)]}")
    return "\n\n".join(paragraphs)


def best_of(runs: int, work) -> float:
    return min(timed(work) for _ in range(runs))


def best_of_pair(runs: int, first, second) -> tuple[float, float]:
    """Both timed in turn, so a load on the machine weighs on both alike; the best of each."""
    pairs = [(timed(first), timed(second)) for _ in range(runs)]
    return min(a for a, _ in pairs), min(b for _, b in pairs)


def timed(work) -> float:
    """Seconds one call of work takes."""
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def bare_weasyprint(html: str) -> bytes:
    """What a project without our setup would do: default fetcher, fonts configured per render."""
    fonts = FontConfiguration()
    css = CSS(filename=pdf.STYLESHEET, base_url=pdf.STATIC_URL, url_fetcher=pdf.FETCHER, font_config=fonts)
    return HTML(string=html, base_url=pdf.STATIC_URL, url_fetcher=pdf.FETCHER).write_pdf(
        stylesheets=[css], font_config=fonts)


def cached_repeat_ms() -> float:
    """A second request for the same export: a lookup by hash, not a render."""
    from coalition import revisions
    from models import Membership, Report, Section, User, WorkingGroup, db
    from ops import migrations

    with tempfile.TemporaryDirectory() as tmp, bench_app(f"sqlite:///{tmp}/b.sqlite3").test_request_context():
        migrations.upgrade(db.obj)
        user = User.create(login="c", display_name="C", password_hash="x", is_coordinator=True)
        report = Report.create(title="R", country="KZ", mechanism="UPR")
        for g, group in enumerate(GROUPS):
            wg = WorkingGroup.create(name=group["name"], position=g)
            Membership.create(user=user, group=wg)
            for s, spec in enumerate(group["sections"]):
                section = Section.create(report=report, group=wg, title=spec["title"], position=s)
                revisions.save(section, user, spec["revisions"][-1]["body"], "", 0)
        exports.request_export(report, user, "pdf")
        return 1000 * best_of(5, lambda: exports.request_export(report, user, "pdf"))


def peak_rss_mb(doc: Document) -> float:
    """Peak memory of one export in a fresh process (WeasyPrint's memory is mostly outside Python).

    The document comes pickled on stdin, so the process loads only what an export needs, not the app. Its
    peak is read as VmHWM (Linux), not ru_maxrss: Linux carries a parent's peak over exec into ru_maxrss, so
    that would report this benchmark's own memory whenever it is the larger.
    """
    code = ("import pickle, sys; from export import pdf; pdf.render_pdf(pickle.load(sys.stdin.buffer));"
            "print(open('/proc/self/status').read().split('VmHWM:')[1].split()[0])")
    out = subprocess.run([sys.executable, "-c", code], input=pickle.dumps(doc), capture_output=True, check=True,
                         cwd=ROOT)
    return int(out.stdout.strip().splitlines()[-1]) / 1024


def main() -> None:
    rows = []
    for scale in (1, 4):
        doc = scaled_document(scale)
        html = pdf.build_html(doc)
        ours, bare = best_of_pair(3, partial(pdf.render_pdf, doc), partial(bare_weasyprint, html))
        words = sum(count_markdown(s.body).body for s in doc.sections)
        rows.append((f"PDF, {words:,} words + {ANNEX_ROWS}-row annex", f"{ours:.2f} s", f"{bare:.2f} s",
                     f"{ours / bare:.2f}× (target ≤ 1.15×)"))
        rows.append((f"peak memory at {scale}×", f"{peak_rss_mb(doc):.0f} MB", "", "target < 400 MB at 4×"))
    rows.append(("cached repeat (lookup by hash)", f"{cached_repeat_ms():.1f} ms", "", "target < 50 ms"))
    table = figures.table(("measure", "ours", "bare WeasyPrint", "ratio / target"), rows)
    stamp = (f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.node()}, "
             f"{platform.processor() or platform.machine()}")
    print(table)
    with open(ROOT / "bench" / "results.md", "a") as results:
        results.write(f"\n## PDF export — {stamp}\n\n{table}\n")


if __name__ == "__main__":
    main()
