"""Response headers that keep drafts private: a strict CSP, no framing, no caching, no referrers."""
from urllib.parse import urlsplit

from flask import current_app, request


def content_security_policy(htmx_url: str) -> str:
    # Scripts only from this app and the one pinned htmx file (a path-exact CSP source).
    script_src = "'self'" + (f" {htmx_url}" if urlsplit(htmx_url).scheme in ("http", "https") else "")
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
    headers["Content-Security-Policy"] = content_security_policy(current_app.config["HTMX_URL"])
    headers["X-Content-Type-Options"] = "nosniff"
    headers["X-Frame-Options"] = "DENY"
    headers["Referrer-Policy"] = "no-referrer"
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    if request.endpoint != "static":
        # Drafts must not linger in shared or seized computers' caches.
        headers["Cache-Control"] = "no-store"
        headers.add("Vary", "HX-Request")
    return response
