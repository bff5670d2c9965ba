"""Screenshots of the demo coalition, for the README and for the screenshot tests (tests/browser/test_screenshots_*).

The demo is seeded, and every request served, under one fixed clock: "days left", "new" marks and printed dates
are the same whatever day the pictures are taken. Each role runs on a database of its own (what one role's visits
change, such as presence, never shows in another's pictures).
"""
import logging
import shutil
import tempfile
import threading
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from PIL import Image, ImageChops
from werkzeug.serving import make_server

from app import create_app
from models import Recommendation, Report, Section, Submission, User, clock_at, db
from ops import demo, migrations
from tests.chromium import local_pages

ROOT = Path(__file__).resolve().parents[1]
REFERENCES = ROOT / "tests/screenshots"
FAILED = ROOT / "test-results/screenshots"  # ignored by git: what a failing test saw, and where it differs
MOMENT = datetime(2026, 11, 20, 9, 0)
WIDTHS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
TALLEST = 2000  # px: a long page is cut there, which keeps the files small and still shows its layout
COLOURS = 64  # a palette PNG: the interface's flat colours and text's anti-aliasing need few, the files shrink 3×
# A pixel differs when one of its channels moved by more than this (anti-aliasing moves them a little), and a
# picture differs when more than SHARE of its pixels do.
CHANNEL = 48
SHARE = 0.003

EVERYONE = {"coordinator", "lead", "reviewer"}
WRITERS = {"coordinator", "lead"}  # the lead's group writes the sections photographed
# (file name, address with {placeholders} that sections() fills, who opens it: a page another role is refused
# is left out, as the permissions in coalition/permissions.py say).
PAGES = [
    ("overview", "/reports/{report}", EVERYONE),
    ("section", "/sections/{section}", EVERYONE),
    ("editor", "/sections/{section}/edit", WRITERS),
    ("history", "/sections/{section}/history", EVERYONE),
    ("compare", "/sections/{section}/compare", EVERYONE),
    ("review", "/sections/{section}/review", EVERYONE),
    ("suggestions", "/sections/{suggested}/suggestions", EVERYONE),
    ("recommendations", "/reports/{report}/recommendations", EVERYONE),
    ("recommendation", "/recommendations/{recommendation}", EVERYONE),
    ("statistics", "/reports/{report}/recommendations/statistics", EVERYONE),
    ("dashboard", "/reports/{report}/dashboard", {"coordinator", "reviewer"}),
    ("activity", "/reports/{report}/activity", EVERYONE),
    ("inbox", "/inbox", EVERYONE),
    ("people", "/people", WRITERS),
    ("invitation", "/people/invite", {"coordinator"}),
    ("organisations", "/organisations", EVERYONE),
    ("outline", "/reports/{report}/outline", {"coordinator"}),
    ("settings", "/reports/{report}/settings", {"coordinator"}),
    ("design", "/design", {"coordinator"}),
    ("export", "/reports/{report}/export", EVERYONE),
    ("submissions", "/reports/{report}/submissions", EVERYONE),
    ("submission", "/submissions/{submission}", EVERYONE),
    ("audit", "/audit", {"coordinator"}),
    ("help", "/help", EVERYONE),
]
SIGN_IN = "sign-in"  # photographed before the coordinator signs in
# The Word file's SHA-256 changes with each seeding (python-docx dates the file's zip entries by the wall clock),
# and in a proportional font the width of its column with it: every SHA-256 shown is written as zeros.
ZERO_HASHES = r"""() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode())
    node.data = node.data.replace(/\b[0-9a-f]{64}\b/g, '0'.repeat(64));
}"""
# The audit log shows each address as a code derived from the key: a fixed one keeps the code (the site is local).
SECRET_KEY = "the demo coalition's screenshots, served on 127.0.0.1 alone"


class FixedClock:
    """WSGI middleware: every request is answered as if at `moment` (the server's threads start without it)."""

    def __init__(self, app, moment):
        self.app, self.moment = app, moment

    def __call__(self, environ, start_response):
        with clock_at(self.moment):
            yield from self.app(environ, start_response)


@contextmanager
def demo_site(language="en"):
    """Serves the demo coalition, seeded at MOMENT on a throwaway SQLite database, on a local port;
    yields (base URL, passwords by login, the addresses' placeholders)."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # not a line per request
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"SECRET_KEY": SECRET_KEY, "DATABASE_URL": f"sqlite:///{folder}/demo.sqlite3",
                          "SESSION_COOKIE_SECURE": False, "REMEMBER_COOKIE_SECURE": False,
                          "RATELIMIT_ENABLED": False, "EXPORTS_IN_BACKGROUND": False})
        with app.app_context(), clock_at(MOMENT):
            migrations.upgrade(db.obj)
            passwords = {login: password for _role, login, password, _groups in demo.seed()}
            # The demo's people read Russian; the pictures' readers may not. Their texts stay Russian.
            User.update(language=language).execute()
            places = placeholders()
        server = make_server("127.0.0.1", 0, FixedClock(app, MOMENT), threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_port}", passwords, places
        finally:
            server.shutdown()
            thread.join()
            db.close()


def _section(key: str) -> int:
    """The id of the demo's section "group key/section key" (coalition.toml)."""
    group_key, section_key = key.split("/")
    group = next(g for g in demo.load()["groups"] if g["key"] == group_key)
    title = next(s["title"] for s in group["sections"] if s["key"] == section_key)
    return Section.get(Section.title == title).id


def placeholders() -> dict[str, int]:
    """The pages' ids: the lead's section with changes requested and comment threads, the lead's section with an
    open suggestion, a recommendation the lead's group assessed, the frozen version."""
    report = Report.select().get()
    section = Section.get_by_id(_section("civil/assembly"))
    recommendation = (Recommendation.select().where(Recommendation.group == section.group_id,
                                                    Recommendation.status.is_null(False))
                      .order_by(Recommendation.id).get())
    return {"report": report.id, "section": section.id, "suggested": _section("civil/torture-and-trials"),
            "recommendation": recommendation.id, "submission": Submission.select().order_by(Submission.id).get().id}


def pages_of(role: str, places: dict[str, int]) -> list[tuple[str, str]]:
    """(name, address) of each page `role` may open, in a fixed order."""
    return [(name, address.format(**places)) for name, address, roles in PAGES if role in roles]


def sign_in(page, login: str, password: str):
    page.goto("/login")
    page.fill("#login", login)
    page.fill("#password", password)
    page.click("button[type=submit].primary")
    page.wait_for_url(lambda url: "/login" not in url)


def settle(page):
    """Wait until nothing more loads and the fonts are in."""
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")


def picture(page, path: Path, full=True):
    """Save the page as shown now: its full length (up to TALLEST), or the window only; no caret, no animation."""
    page.evaluate(ZERO_HASHES)
    size = page.viewport_size
    height = min(page.evaluate("document.documentElement.scrollHeight"), TALLEST) if full else size["height"]
    page.screenshot(path=path, full_page=full, animations="disabled", caret="hide",
                    clip={"x": 0, "y": 0, "width": size["width"], "height": height})


def shots(page, role: str, password: str, places: dict[str, int], folder: Path):
    """Photograph each page `role` opens at each width into `folder`, named page-width.png; yields each file's
    name as it is written. The coordinator's set starts with the sign-in page."""
    folder.mkdir(parents=True, exist_ok=True)
    addresses = pages_of(role, places)
    if role == "coordinator":
        addresses.insert(0, (SIGN_IN, "/login"))
    signed_in = False
    for name, address in addresses:
        if name != SIGN_IN and not signed_in:
            sign_in(page, role, password)
            signed_in = True
        for width, viewport in WIDTHS.items():
            page.set_viewport_size(viewport)
            response = page.goto(address)
            assert response.ok, f"{role}: {name} ({address}) answered {response.status}"
            settle(page)
            picture(page, folder / f"{name}-{width}.png")
            yield f"{name}-{width}.png"


def differences(browser, site, role: str, update=False) -> list[str]:
    """What differs between each picture of `role`'s pages and its reference in REFERENCES, one line each; with
    `update`, the pictures replace the references instead. A failing picture stays in FAILED beside its diff."""
    base_url, passwords, places = site
    taken, references = FAILED / role, REFERENCES / role
    shutil.rmtree(taken, ignore_errors=True)
    found = []
    with local_pages(browser, base_url) as pages:
        for name in shots(pages.new(), role, passwords[role], places, taken):
            compact(taken / name)
            if update:
                references.mkdir(parents=True, exist_ok=True)
                (taken / name).replace(references / name)
            elif not (references / name).exists():
                found.append(f"{name}: no reference (run `make screenshots`); taken: {taken / name}")
            elif problem := difference(references / name, taken / name, taken / f"diff-{name}"):
                found.append(f"{name}: {problem}; taken: {taken / name}, diff: {taken / f'diff-{name}'}")
            else:
                (taken / name).unlink()
    return found


def compact(path: Path):
    """Rewrite the PNG with a palette of COLOURS: a reference and the picture compared with it go through the
    same, so the comparison still sees every shift of a box or a line of text."""
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(path, optimize=True)


def difference(reference: Path, actual: Path, diff: Path) -> str | None:
    """Why `actual` does not look like `reference` (None when it does); the differing pixels go to `diff`, red."""
    with Image.open(reference) as ref, Image.open(actual) as act:
        ref, act = ref.convert("RGB"), act.convert("RGB")
    if ref.size != act.size:
        return f"size {act.size}, the reference's {ref.size}"
    channels = ImageChops.difference(ref, act).split()
    moved = ImageChops.lighter(ImageChops.lighter(channels[0], channels[1]), channels[2])
    mask = moved.point(lambda value: 255 if value > CHANNEL else 0)
    share = mask.histogram()[255] / (ref.width * ref.height)
    if share <= SHARE:
        return None
    Image.composite(Image.new("RGB", ref.size, (255, 0, 0)), ref.convert("L").convert("RGB"), mask).save(diff)
    return f"{share:.2%} of the pixels differ (at most {SHARE:.2%} may)"
