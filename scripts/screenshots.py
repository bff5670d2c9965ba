"""The README's screenshots: the demo coalition on a throwaway database, photographed by Debian's Chromium.

Run by `make screenshots` (after the screenshot tests' references); writes docs/screenshots/*.png. Nothing
leaves 127.0.0.1: htmx and the toolbar are served from the npm copies in vendor/, as the browser tests do.
"""
import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

import config
from tests.chromium import launch, local_pages
from tests.shots import demo_site, picture, settle, sign_in

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs/screenshots"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}
# A sentence typed into the editor, so that the live preview shows it.
TYPED = "\n\n### Что изменилось в 2025 году\n\nНовый абзац: **предварительный просмотр** обновляется по мере ввода."


def shoot(page, name, written, address=None):
    """Save the visible part of `address` once loaded, or of the page as it is now."""
    if address is not None:
        page.goto(address)
        settle(page)
    path = OUT / f"{name}.png"
    picture(page, path, full=False)
    written.append(path)


def signed_in(pages, passwords, login, viewport=DESKTOP):
    page = pages.new()
    page.set_viewport_size(viewport)
    sign_in(page, login, passwords[login])
    return page


def take(browser, base_url, passwords, places) -> list[Path]:
    """Photograph every page: the lead's at 1280 × 800, a member's overview at 360 px; returns the files."""
    written = []
    section = places["section"]
    addresses = {"overview": f"/reports/{places['report']}", "section": f"/sections/{section}",
                 "compare": f"/sections/{section}/compare", "review": f"/sections/{section}/review",
                 "recommendations": f"/reports/{places['report']}/recommendations",
                 "export": f"/reports/{places['report']}/export"}
    with local_pages(browser, base_url) as pages:
        # The coordinator reads the section first, so the lead's editor shows someone else here.
        signed_in(pages, passwords, "coordinator").goto(addresses["section"])
        lead = signed_in(pages, passwords, "lead")
        for name, address in addresses.items():
            shoot(lead, name, written, address)
        lead.goto(f"/sections/{section}/edit")
        lead.locator("#body").focus()
        lead.keyboard.press("Control+End")
        lead.keyboard.insert_text(TYPED)
        typed = lead.locator("#preview").get_by_text("предварительный просмотр")
        typed.wait_for()
        typed.scroll_into_view_if_needed()  # the preview scrolls inside its box, to the new paragraph
        shoot(lead, "editor", written)
        phone = signed_in(pages, passwords, "member", viewport=PHONE)
        shoot(phone, "overview-phone", written, addresses["overview"])
    return written


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", choices=list(config.LANGUAGES), default="en",
                        help="the interface's language (the demo's texts are Russian whatever it is)")
    language = parser.parse_args().language
    OUT.mkdir(parents=True, exist_ok=True)
    with demo_site(language) as (base_url, passwords, places), sync_playwright() as playwright:
        browser = launch(playwright)
        written = take(browser, base_url, passwords, places)
        browser.close()
    for path in written:
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
