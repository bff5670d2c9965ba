"""Response headers that keep drafts private: a strict CSP, no framing, no caching, no referrers to other sites,
and HTTPS only once a browser has seen it."""
from urllib.parse import urlsplit

from flask import current_app, request

HSTS_SECONDS = 365 * 24 * 3600


def content_security_policy(*script_urls: str) -> str:
    # Scripts only from this app and the pinned files (htmx, the toolbar), each a path-exact CSP source.
    script_src = " ".join(["'self'", *(url for url in script_urls if urlsplit(url).scheme in ("http", "https"))])
    return "; ".join([
        "default-src 'self'",
        f"script-src {script_src}",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def add_security_headers(response):
    headers = response.headers
    headers["Content-Security-Policy"] = content_security_policy(current_app.config["HTMX_URL"],
                                                                    current_app.config["TOOLBAR_URL"])
    headers["X-Content-Type-Options"] = "nosniff"
    headers["X-Frame-Options"] = "DENY"
    # Our own pages' addresses go to our own origin only: Flask-WTF's HTTPS check needs that Referer (it
    # refuses a POST from any other origin, or from an http page, to keep), and no other site learns them.
    headers["Referrer-Policy"] = "same-origin"
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    if current_app.config["PRODUCTION"] and request.is_secure:
        # Here rather than in nginx: served over TLS by gunicorn itself, or behind any other proxy, too.
        headers["Strict-Transport-Security"] = f"max-age={HSTS_SECONDS}"
    if request.endpoint != "static":
        # Drafts must not linger in shared or seized computers' caches.
        headers["Cache-Control"] = "no-store"
        headers.add("Vary", "HX-Request")
    return response
