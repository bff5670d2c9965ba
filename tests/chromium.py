"""Debian's Chromium as the tests and benchmarks drive it: its flags, the pinned htmx and toolbar files served from
vendor/ in place of the CDN (so the page's real SRI checks run offline), and pages that never leave 127.0.0.1."""
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import expect

import config

CHROMIUM = "/usr/bin/chromium"
# A slow or busy machine (CI, a laptop) must not fail a flow that only took longer: wait up to 15 s.
expect.set_options(timeout=15_000)
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
HTMX_FILE = Path(__file__).parents[1] / "vendor/node_modules/htmx.org/dist/htmx.min.js"
TOOLBAR_FILE = Path(__file__).parents[1] / "vendor/node_modules/@github/markdown-toolbar-element/dist/index.js"


def launch(playwright, *more_args: str):
    # `make test` installs Chromium, so a missing one is an error, never a skip.
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: run `make test` to install it"
    for needed in (HTMX_FILE, TOOLBAR_FILE):
        assert needed.exists(), f"{needed} is missing: run `make test` to install it"
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=[*CHROMIUM_ARGS, *more_args])


def served(path: Path):
    """A route handler answering with the vendor/ file at `path`, as the CDN would (CORS, for the SRI check)."""
    return lambda route: route.fulfill(path=path, content_type="application/javascript",
                                       headers={"Access-Control-Allow-Origin": "*"})


class Pages:
    """new(): a page in a fresh English context; `outside` lists every request aimed off this machine.
    `options` go to every context (ignore_https_errors=True for a self-signed certificate)."""

    def __init__(self, browser, base_url, **options):
        self.browser, self.base_url, self.options = browser, base_url, options
        self.contexts, self.outside = [], []

    def new(self, javascript=True):
        context = self.browser.new_context(base_url=self.base_url, java_script_enabled=javascript,
                                           locale="en-US", **self.options)
        context.route("**/*", self._local_only)
        # Registered later, so they win for these URLs.
        context.route(config.HTMX_CDN_URL, served(HTMX_FILE))
        context.route(config.TOOLBAR_CDN_URL, served(TOOLBAR_FILE))
        self.contexts.append(context)
        return context.new_page()

    def _local_only(self, route):
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def close(self):
        for context in self.contexts:
            context.close()


@contextmanager
def local_pages(browser, base_url, **options):
    """Pages for one test, closed after it; the test fails if any of them asked for something off this machine."""
    pages = Pages(browser, base_url, **options)
    try:
        yield pages
    finally:
        pages.close()
    assert pages.outside == [], f"requests left the machine: {pages.outside}"
