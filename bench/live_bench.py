"""Live load (issue 8, part 6): 50 people using the coalition ×10 at once for 60 s against 4 gunicorn workers.

Each person, signed in beforehand, reads pages (the overview, a section, a history, a compare page) or edits a
section of their group: the editor, live previews and autosaved drafts as they type, and a save one time in
two. Every open overview, section or editor polls who is here every 10 s, as the page's htmx does. Between
actions people read or type for a few seconds. The figures: errors (target 0) and the p95 latency of each
request type, next to its median when one person does the same on the idle server (the baseline of the run).
BENCH_QUICK=1 (or LIVE_SECONDS) shortens the load.
"""
import os
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from bench import figures
from bench.big_coalition import temporary
from bench.http_load import TIMEOUT, Recorder, hidden, percentile, sign_in, textarea
from bench.server import WORKERS, app_server
from text.merge import paragraphs

PEOPLE = 50
SECONDS = float(os.environ.get("LIVE_SECONDS", 15 if figures.quick() else 60))
POLL = 10  # seconds between presence polls, as templates/presence/_panel.html
HTMX = {"HX-Request": "true"}
EXPECTED = {"save": (302, 409)}  # a conflict is an answer, not an error; everything else must be 200
READS = ("overview", "section", "history", "compare")


class Person:
    """One simulated person; pace scales their pauses (0: one after another, for the idle baseline)."""

    def __init__(self, server, coalition, login: str, group: int, recorder: Recorder, seed: int,
                 pace: float = 1.0):
        self.base, self.coalition, self.login, self.recorder, self.pace = server.base, coalition, login, recorder, pace
        self.own = coalition.sections[group]
        self.everything = [s for sections in coalition.sections.values() for s in sections]
        self.dice = random.Random(seed)
        self.signed = sign_in(self.base, login)
        self.token = hidden(self.signed.get(f"{self.base}/reports/{coalition.report}", timeout=TIMEOUT).text,
                            "csrf_token")
        self.poll_url, self.poll_form, self.next_poll = None, {}, 0.0
        self.saves, self.until = 0, float("inf")

    def get(self, kind: str, path: str):
        if time.monotonic() < self.until:  # nothing is sent once the clock has stopped
            return self.recorder.timed(kind, lambda: self.signed.get(self.base + path, timeout=TIMEOUT))

    def post(self, kind: str, path: str, data: dict, htmx: bool = True):
        """A form sent by htmx (with its headers and the CSRF token in one of them), or by the browser itself."""
        headers = {**HTMX, "X-CSRFToken": self.token} if htmx else {}
        if time.monotonic() < self.until:
            return self.recorder.timed(kind, lambda: self.signed.post(
                self.base + path, data=data, headers=headers, allow_redirects=False, timeout=TIMEOUT))

    def opened(self, poll_path: str | None, form: dict | None = None) -> None:
        """A page was loaded: its presence panel (if it has one) polls from now on."""
        self.poll_url, self.poll_form, self.next_poll = poll_path, form or {}, time.monotonic() + POLL

    def stay(self, low: float, high: float) -> None:
        """Read or type for a while; the open page polls every POLL seconds meanwhile."""
        leave = min(self.until, time.monotonic() + self.pace * self.dice.uniform(low, high))
        while (now := time.monotonic()) < leave:
            if self.poll_url and now >= self.next_poll:
                self.post("presence", self.poll_url, self.poll_form)
                self.next_poll = now + POLL
            wake = min(leave, self.next_poll) if self.poll_url else leave
            time.sleep(max(0.0, wake - time.monotonic()))

    def read(self, kind: str) -> None:
        section = self.dice.choice(self.everything)
        if kind == "overview":
            self.get(kind, f"/reports/{self.coalition.report}")
            self.opened(f"/presence/reports/{self.coalition.report}")
        elif kind == "section":
            self.get(kind, f"/sections/{section}")
            self.opened(f"/presence/sections/{section}")
        else:
            self.get(kind, f"/sections/{section}/{kind}")
            self.opened(None)  # history and compare pages show nobody
        self.stay(5, 20)

    def edit(self) -> None:
        section = self.dice.choice(self.own)
        page = self.get("editor", f"/sections/{section}/edit")
        if page is None or page.status_code != 200:
            return
        form = {name: hidden(page.text, name) for name in ("csrf_token", "base", "editor")}
        self.opened(f"/presence/sections/{section}", {"editing": "1", "base": form["base"]})
        parts = paragraphs(textarea(page.text, "body"))
        spot = self.dice.randrange(len(parts))
        for burst in range(self.dice.randint(1, 3)):
            self.stay(2, 6)  # typing, then the preview half a second after the last key
            parts[spot] += f" {self.login} {burst}."
            body = "\n\n".join(parts) + "\n"
            self.post("preview", f"/sections/{section}/preview", {**form, "body": body})
            self.stay(1.5, 2)  # the autosave two seconds after typing stops
            self.post("draft", f"/sections/{section}/draft", {**form, "body": body, "note": ""})
        if self.dice.random() < 0.5:
            self.saves += 1
            answer = self.post("save", f"/sections/{section}/edit", {
                **form, "body": body, "note": f"{self.login}, {self.saves}", "action": "save"}, htmx=False)
            if answer is not None and answer.status_code == 302:  # the browser follows to the section
                self.get("section", f"/sections/{section}")
                self.opened(f"/presence/sections/{section}")
        self.stay(3, 10)

    def live(self, until: float) -> None:
        self.until = until
        self.stay(0, 8)  # people do not all arrive in the same second
        while time.monotonic() < until:
            if self.dice.random() < 0.6:
                self.read(self.dice.choice(READS))
            else:
                self.edit()


def idle_medians(server, coalition) -> dict:
    """Each request type's median latency when one person works alone, one request after another."""
    recorder = Recorder()
    person = Person(server, coalition, coalition.members[7][0], 7, recorder, seed=0, pace=0)
    for _ in range(10):
        for kind in READS:
            person.read(kind)
        person.post("presence", f"/presence/reports/{coalition.report}", {})
        person.edit()
    return {kind: percentile(times, 0.5) for kind, times in recorder.seconds.items()}


def people(coalition) -> list[tuple[str, int]]:
    """PEOPLE (login, group) pairs, spread over the groups."""
    ranks = range(len(coalition.members[1]))
    return [(coalition.members[group][rank], group) for rank in ranks for group in coalition.members][:PEOPLE]


def run(server, coalition) -> list[str]:
    baseline = idle_medians(server, coalition)
    recorder = Recorder()
    with ThreadPoolExecutor(8) as pool:  # signing in is deliberately slow (argon2): before the clock starts
        crowd = list(pool.map(lambda p: Person(server, coalition, p[1][0], p[1][1], recorder, seed=p[0]),
                              enumerate(people(coalition))))
    until = time.monotonic() + SECONDS
    threads = [threading.Thread(target=person.live, args=(until,)) for person in crowd]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    rows, errors, total = [], 0, 0
    for kind in (*READS, "editor", "preview", "draft", "presence", "save"):
        times, statuses = recorder.seconds[kind], recorder.statuses[kind]
        wrong = len(times) - recorder.count(kind, *EXPECTED.get(kind, (200,)))
        errors, total = errors + wrong, total + len(times)
        p50, p95, idle = percentile(times, 0.5), percentile(times, 0.95), baseline.get(kind)
        ratio = f"{p95 / idle:.1f}×" if times and idle else ""
        conflicts = statuses[409] if kind == "save" else ""
        rows.append((kind, len(times), wrong, _ms(p50), _ms(p95), _ms(idle), ratio, conflicts))
    rows.append(("all", total, f"**{errors}** (target 0)", "", "", "", "", ""))
    header = ("request", "count", "errors", "p50", "p95", "idle p50", "p95 ÷ idle p50", "conflicts (409)")
    note = (f"{PEOPLE} people for {SECONDS:g} s ({total / SECONDS:.1f} requests/s), {WORKERS} gunicorn workers, "
            "SQLite; an error is any answer but "
            "200 (302 or 409 for a save) or no answer. Server log lines with a traceback or a worker timeout: "
            f"{server.troubles()}.")
    return [figures.table(header, rows), note]


def _ms(seconds: float | None) -> str:
    return f"{1000 * seconds:.0f} ms" if seconds else "—"


def main() -> None:
    with temporary() as (url, coalition), app_server(url) as server:
        figures.publish("Live load", run(server, coalition))


if __name__ == "__main__":
    main()
