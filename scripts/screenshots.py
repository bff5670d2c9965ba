"""The README's screenshots: the demo coalition on a throwaway database, photographed by Debian's Chromium.

Run by `make screenshots`; writes docs/screenshots/*.png. Nothing leaves 127.0.0.1: htmx and the toolbar are
served from the npm copies in vendor/, as the browser tests do.
"""
import argparse
import logging
import secrets
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

import config
from app import create_app
from models import Report, Section, User, WorkingGroup, db
from ops import (
    demo,
    migrations,
)

ROOT = Path(__file__).resolve().parent.parent

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
HTMX_FILE = ROOT / "vendor/node_modules/htmx.org/dist/htmx.min.js"
TOOLBAR_FILE = ROOT / "vendor/node_modules/@github/markdown-toolbar-element/dist/index.js"
OUT = ROOT / "docs/screenshots"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}
# A sentence typed into the editor, so that the live preview shows it.
TYPED = "\n\n### Что изменилось в 2025 году\n\nНовый абзац: **предварительный просмотр** обновляется по мере ввода."


def demo_app(folder: Path, language: str):
    """The app on a new SQLite database in `folder`, holding the demo coalition; returns it and the passwords."""
    app = create_app({"SECRET_KEY": secrets.token_hex(32), "DATABASE_URL": f"sqlite:///{folder}/demo.sqlite3",
                      "SESSION_COOKIE_SECURE": False, "REMEMBER_COOKIE_SECURE": False,
                      "RATELIMIT_ENABLED": False, "EXPORTS_IN_BACKGROUND": False})
    with app.app_context():
        migrations.upgrade(db.obj)
        passwords = {login: password for _role, login, password, _groups in demo.seed()}
        # The demo's people read Russian; the README's readers may not. Their texts stay Russian.
        User.update(language=language).execute()
    return app, passwords


def addresses(app) -> dict[str, str]:
    """The pages to photograph, by file name: the first group's first section, which the lead edits."""
    with app.app_context():
        report = Report.select().get()
        section = (Section.select().join(WorkingGroup).where(Section.report == report)
                   .order_by(WorkingGroup.position, Section.position).get())
    return {"overview": f"/reports/{report.id}", "section": f"/sections/{section.id}",
            "editor": f"/sections/{section.id}/edit", "compare": f"/sections/{section.id}/compare",
            "review": f"/sections/{section.id}/review",
            "recommendations": f"/reports/{report.id}/recommendations", "export": f"/reports/{report.id}/export"}


def served(path: Path):
    """Answers a pinned CDN script's URL with its vendor/ copy, as the CDN would (CORS, for the SRI check)."""
    return lambda route: route.fulfill(path=path, content_type="application/javascript",
                                       headers={"Access-Control-Allow-Origin": "*"})


def local_only(route):
    if urlsplit(route.request.url).hostname == "127.0.0.1":
        route.continue_()
    else:
        route.abort()


def signed_in(browser, base_url, login, password, viewport=DESKTOP):
    """A page in a fresh context, signed in as `login`."""
    context = browser.new_context(base_url=base_url, viewport=viewport, locale="en-US")
    context.route("**/*", local_only)
    # Registered later, so they win for these URLs.
    context.route(config.HTMX_CDN_URL, served(HTMX_FILE))
    context.route(config.TOOLBAR_CDN_URL, served(TOOLBAR_FILE))
    page = context.new_page()
    page.goto("/login")
    page.fill("#login", login)
    page.fill("#password", password)
    page.click("button[type=submit].primary")
    page.wait_for_url(lambda url: "/login" not in url)
    return page


def shoot(page, name, written, address=None):
    """Save the visible part of `address` once loaded, or of the page as it is now."""
    if address is not None:
        page.goto(address)
        page.wait_for_load_state("networkidle")
    path = OUT / f"{name}.png"
    page.screenshot(path=path, full_page=False)
    written.append(path)


def take(base_url, pages, passwords) -> list[Path]:
    """Photograph every page: the lead's at 1280 × 800, a member's overview at 360 px; returns the files."""
    written = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        # The coordinator reads the section first, so the lead's editor shows someone else here.
        coordinator = signed_in(browser, base_url, "coordinator", passwords["coordinator"])
        coordinator.goto(pages["section"])
        lead = signed_in(browser, base_url, "lead", passwords["lead"])
        for name in ("overview", "section", "compare", "review", "recommendations", "export"):
            shoot(lead, name, written, pages[name])
        lead.goto(pages["editor"])
        text = lead.locator("#body")
        text.focus()
        lead.keyboard.press("Control+End")
        lead.keyboard.insert_text(TYPED)
        typed = lead.locator("#preview").get_by_text("предварительный просмотр")
        typed.wait_for()
        typed.scroll_into_view_if_needed()  # the preview scrolls inside its box, to the new paragraph
        shoot(lead, "editor", written)
        phone = signed_in(browser, base_url, "member", passwords["member"], viewport=PHONE)
        shoot(phone, "overview-phone", written, pages["overview"])
        browser.close()
    return written


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", choices=list(config.LANGUAGES), default="en",
                        help="the interface's language (the demo's texts are Russian whatever it is)")
    language = parser.parse_args().language
    for needed in (Path(CHROMIUM), HTMX_FILE, TOOLBAR_FILE):
        if not needed.exists():
            sys.exit(f"{needed} is missing: run `make screenshots`, which installs it")
    OUT.mkdir(parents=True, exist_ok=True)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # not a line per request
    with tempfile.TemporaryDirectory() as folder:
        app, passwords = demo_app(Path(folder), language)
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            written = take(f"http://127.0.0.1:{server.server_port}", addresses(app), passwords)
        finally:
            server.shutdown()
            thread.join()
            db.close()
    for path in written:
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
