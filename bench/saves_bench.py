"""Saves under contention (issue 8, part 3): 8 people saving at once, into one section and into 8 sections,
through gunicorn, on SQLite and on PostgreSQL.

Each writer opens the editor, changes its own paragraph (and now and then the section's last paragraph, which
anyone may touch: the source of real conflicts), waits up to 50 ms as a person would, and saves. Afterwards
the database is read: every save answered with a redirect to the section must be exactly one revision (none
lost), and no refused save may have made one. The figures: saves per second, latency of the save request,
merges, conflicts (409), saves refused as busy, lost saves; the ratio is one section against 8 sections.
"""
import random
import threading
import time
from functools import partial
from urllib.parse import urlsplit

from bench import figures
from bench.big_coalition import temporary
from bench.http_load import TIMEOUT, Recorder, hidden, percentile, sign_in, textarea
from bench.server import WORKERS, app_server
from models import Revision, db
from text.merge import paragraphs

WRITERS = 8
SAVES = 5 if figures.quick() else 12  # per writer and case
SHARED_EVERY = 6  # one save in this many also edits the last paragraph
THINK = 0.05


def writer(base: str, signed, number: int, section_id: int, case: str, recorder: Recorder, accepted: list,
           barrier: threading.Barrier) -> None:
    """One person saving SAVES times; the notes of the saves the server accepted go to `accepted`."""
    dice = random.Random(number)
    url = f"{base}/sections/{section_id}/edit"
    barrier.wait()
    original = None
    for round_ in range(1, SAVES + 1):
        page = recorder.timed("editor", lambda: signed.get(url, timeout=TIMEOUT))
        if page is None or page.status_code != 200:
            continue
        parts = paragraphs(textarea(page.text, "body"))
        original = original or list(parts)
        mine = number % (len(parts) - 1)  # the last paragraph is everyone's
        parts[mine] = f"{original[mine]} Правка {number}.{round_}."
        if round_ % SHARED_EVERY == number % SHARED_EVERY:
            parts[-1] = f"{original[-1]} Общая правка {number}.{round_}."
        note = f"bench {case} {number}.{round_}"
        time.sleep(dice.uniform(0, THINK))  # meanwhile someone may save: this form is then stale
        form = {"csrf_token": hidden(page.text, "csrf_token"), "base": hidden(page.text, "base"),
                "editor": hidden(page.text, "editor"), "body": "\n\n".join(parts) + "\n", "note": note,
                "action": "save"}
        answer = recorder.timed("save", partial(signed.post, url, allow_redirects=False, timeout=TIMEOUT, data=form))
        if answer is not None and answer.status_code == 302 and \
                urlsplit(answer.headers["Location"]).path == f"/sections/{section_id}":
            accepted.append(note)  # list.append is atomic: no lock needed


def contend(server, sessions: list, sections: list[int], case: str) -> dict:
    """All writers at once, writer i on sections[i % len(sections)]; what happened, checked in the database."""
    recorder, accepted, logged = Recorder(), [], server.troubles()
    barrier = threading.Barrier(WRITERS + 1)
    threads = [threading.Thread(target=writer, args=(server.base, signed, i, sections[i % len(sections)], case,
                                                     recorder, accepted, barrier))
               for i, signed in enumerate(sessions)]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    with db.connection_context():
        made = {r.note: r.merge_base for r in Revision.select(Revision.note, Revision.merge_base).where(
            Revision.section.in_(sections), Revision.note.startswith(f"bench {case} "))}
    times = recorder.seconds["save"]
    statuses = recorder.statuses["save"]
    return {"saves": len(accepted), "rate": len(accepted) / elapsed, "p50": percentile(times, 0.5),
            "p95": percentile(times, 0.95), "merges": sum(1 for note in accepted if made.get(note)),
            "conflicts": statuses[409], "busy": statuses[302] - len(accepted),
            "errors": sum(n for status, n in statuses.items() if status not in (302, 409))
            + len(recorder.seconds["editor"]) - recorder.count("editor", 200),
            "lost": len(set(accepted) - set(made)), "unasked": len(set(made) - set(accepted)),
            "logged": server.troubles() - logged}


def run(server, coalition, database: str) -> list[tuple]:
    """Rows for one database: one shared section, then 8 sections of the same group."""
    sessions = [sign_in(server.base, login) for login in coalition.members[1][:WRITERS]]
    sections = coalition.sections[1]
    shared = contend(server, sessions, sections[:1], "shared")
    apart = contend(server, sessions, sections[1:WRITERS + 1], "apart")
    rows = []
    for case, result in (("1 section", shared), (f"{WRITERS} sections", apart)):
        ratio = f"{shared['rate'] / apart['rate']:.2f}×" if result is shared else "1×"
        rows.append((database, case, result["saves"], f"{result['rate']:.1f}/s", ratio,
                     f"{1000 * result['p50']:.0f} / {1000 * result['p95']:.0f} ms", result["merges"],
                     result["conflicts"], result["busy"], f"{result['errors']} ({result['logged']})",
                     result["lost"] + result["unasked"]))
    return rows


def parts(rows: list[tuple]) -> list[str]:
    """The table of both databases' rows, and how it was measured."""
    header = ("database", "writers on", "saves", "saves/s", f"vs {WRITERS} sections", "save p50 / p95", "merged",
              "conflicts (409)", "busy", "errors (in log)", "lost (target 0)")
    return [figures.table(header, rows),
            f"{WRITERS} writers × {SAVES} saves per case, each opening the editor first; {WORKERS} gunicorn workers. "
            "Errors: answers other than 302 and 409 (the editor: other than 200), and in brackets the server log's "
            "tracebacks and worker timeouts. Lost: a save answered as saved with no revision, or a revision of a "
            "refused save."]


def main() -> None:
    rows = []
    for database in ("sqlite", "postgresql"):
        with temporary(database) as (url, coalition), app_server(url) as server:
            rows += run(server, coalition, database)
    figures.publish("Saves under contention", parts(rows))


if __name__ == "__main__":
    main()
