"""PDF export benchmark: our export next to bare WeasyPrint on the same HTML, a cached repeat, peak memory.

Run by `make bench`. Prints a table and appends it to bench/results.md; asserts nothing (targets are
read by people: export ≤ 1.15× bare WeasyPrint, cached repeat < 50 ms, peak memory < 400 MB at 4×).
"""
import platform
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from weasyprint import CSS, HTML  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402

import demo_content  # noqa: E402
import pdf  # noqa: E402
from document import DocGroup, DocOrganisation, DocSection, Document  # noqa: E402
from wordcount import count_markdown  # noqa: E402

ANNEX_ROWS = 250


def scaled_document(scale: float) -> Document:
    """The demo report repeated until it has scale × 5,600 words, plus a 250-row annex table."""
    bodies = [(s["title"], s["revisions"][-1]["body"]) for g in demo_content.GROUPS for s in g["sections"]]
    target, words, sections = 5600 * scale, 0, []
    while words < target:
        title, body = bodies[len(sections) % len(bodies)]
        sections.append(DocSection(f"{title} ({len(sections) + 1})", body, f"s{len(sections)}"))
        words += count_markdown(body).body
    rows = "\n".join(f"| 118.{i} | Рекомендация {i} о правах человека | Германия | не выполнена |"
                     for i in range(1, ANNEX_ROWS + 1))
    annex = DocSection("Приложение", "| № | Текст | Государство | Оценка |\n|---|---|---|---|\n" + rows, "annex")
    groups = tuple(DocGroup(f"Группа {i + 1}", tuple(sections[i::7])) for i in range(7))
    return Document(title="Доклад коалиции", short_title="Доклад", country="Казахстан", mechanism="УПО",
                    cycle="5", session="2029", language="ru", date="25 ноября 2026 г.", coordinator="Бюро",
                    contact="", coalition="", organisations=(DocOrganisation("НПО", "Алматы"),),
                    groups=groups + (DocGroup("Приложения", (annex,)),))


def best_of(runs: int, work) -> float:
    return min(_timed(work) for _ in range(runs))


def best_of_pair(runs: int, first, second) -> tuple[float, float]:
    """Both timed in turn, so a load on the machine weighs on both alike; the best of each."""
    pairs = [(_timed(first), _timed(second)) for _ in range(runs)]
    return min(a for a, _ in pairs), min(b for _, b in pairs)


def _timed(work) -> float:
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
    import migrations
    import revisions
    from app import create_app
    from models import Membership, Report, Section, User, WorkingGroup, db

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"SECRET_KEY": "bench", "DATABASE_URL": f"sqlite:///{tmp}/b.sqlite3",
                          "EXPORTS_IN_BACKGROUND": False, "TESTING": True})
        with app.test_request_context():
            migrations.upgrade(db.obj)
            user = User.create(login="c", display_name="C", password_hash="x", is_coordinator=True)
            report = Report.create(title="R", country="KZ", mechanism="UPR")
            for g, group in enumerate(demo_content.GROUPS):
                wg = WorkingGroup.create(name=group["name"], position=g)
                Membership.create(user=user, group=wg)
                for s, spec in enumerate(group["sections"]):
                    section = Section.create(report=report, group=wg, title=spec["title"], position=s)
                    revisions.save(section, user, spec["revisions"][-1]["body"], "", 0)
            import exports

            exports.request_export(report, user, "pdf")
            return 1000 * best_of(5, lambda: exports.request_export(report, user, "pdf"))


def peak_rss_mb(scale: float) -> float:
    """Peak memory of one export in a fresh process (WeasyPrint's memory is mostly outside Python)."""
    code = (f"import sys; sys.path.insert(0, {str(ROOT)!r}); sys.path.insert(0, {str(ROOT / 'bench')!r});"
            f"import pdf_bench, pdf, resource; pdf.render_pdf(pdf_bench.scaled_document({scale}));"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(out.stdout.strip().splitlines()[-1]) / 1024


def main() -> None:
    rows = []
    for scale in (1, 4):
        doc = scaled_document(scale)
        html = pdf.build_html(doc)
        ours, bare = best_of_pair(3, lambda: pdf.render_pdf(doc), lambda: bare_weasyprint(html))
        words = sum(count_markdown(s.body).body for s in doc.sections if s.anchor != "annex")
        rows.append((f"PDF, {words:,} words + {ANNEX_ROWS}-row annex", f"{ours:.2f} s", f"{bare:.2f} s",
                     f"{ours / bare:.2f}× (target ≤ 1.15×)"))
        rows.append((f"peak memory at {scale}×", f"{peak_rss_mb(scale):.0f} MB", "", "target < 400 MB at 4×"))
    rows.append(("cached repeat (lookup by hash)", f"{cached_repeat_ms():.1f} ms", "", "target < 50 ms"))
    header = ("measure", "ours", "bare WeasyPrint", "ratio / target")
    table = "\n".join("| " + " | ".join(r) + " |" for r in [header, ("---",) * 4] + rows)
    stamp = f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, {platform.node()}, {platform.processor() or platform.machine()}"
    print(table)
    with open(ROOT / "bench" / "results.md", "a") as results:
        results.write(f"\n## PDF export — {stamp}\n\n{table}\n")


if __name__ == "__main__":
    main()
