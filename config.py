"""Settings read from the environment, with safe defaults for a single-host coalition."""
import os
import secrets
from pathlib import Path

# htmx 2.0 is the maintained stable line; 4.0 (Sept 2026) is a rewrite we have not yet vetted.
HTMX_VERSION = "2.0.11"
HTMX_CDN_URL = f"https://cdn.jsdelivr.net/npm/htmx.org@{HTMX_VERSION}/dist/htmx.min.js"
HTMX_CDN_INTEGRITY = "sha384-2OatzQy1H+Zd/IIrjr1TcuDGqLXeHhbooAyJY1KdQMKnr4LZ22k31GBLdYKHmVjg"

LANGUAGES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
_MAIL_SETTINGS = ("SMTP_HOST", "SMTP_SECURITY", "SMTP_USER", "SMTP_PASSWORD", "MAIL_FROM", "PUBLIC_URL")


class ConfigError(RuntimeError):
    """The app was asked to start with settings that would be unsafe."""


def secret_key(instance_path: str, production: bool) -> str:
    """SECRET_KEY from the environment; outside production, one generated once and kept."""
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    if production:
        raise ConfigError("SECRET_KEY must be set when UPR_ENV=production.")
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def from_environment(instance_path: str) -> dict:
    """What the environment sets, over DEFAULTS."""
    env = os.environ
    production = env.get("UPR_ENV", "production") != "development"
    settings = {
        "PRODUCTION": production,
        "SECRET_KEY": secret_key(instance_path, production),
        "DATABASE_URL": env.get("DATABASE_URL", f"sqlite:///{instance_path}/upr.sqlite3"),
        "SESSION_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_SECURE": production,
    }
    if "HTMX_URL" in env:
        # A self-hosted copy may come with its own hash, or none.
        settings["HTMX_URL"] = env["HTMX_URL"]
        settings["HTMX_INTEGRITY"] = env.get("HTMX_INTEGRITY", "")
    for name, key in (("DEFAULT_LANGUAGE", "BABEL_DEFAULT_LOCALE"), ("TIMEZONE", "BABEL_DEFAULT_TIMEZONE"),
                      *((n, n) for n in ("RATELIMIT_STORAGE_URI", "LOGIN_RATE_LIMIT", "LOGIN_ACCOUNT_RATE_LIMIT")),
                      *((n, n) for n in _MAIL_SETTINGS)):
        if name in env:
            settings[key] = env[name]
    for name in ("PROXY_COUNT", "IDLE_TIMEOUT_MINUTES", "HISTORY_PAGE_SIZE", "INVITATION_DAYS", "RESET_LINK_HOURS"):
        if name in env:
            settings[name] = int(env[name])
    if "SMTP_PORT" in env:
        settings["SMTP_PORT"] = int(env["SMTP_PORT"])
    if settings.get("SMTP_SECURITY", "starttls") not in ("starttls", "ssl", "none"):
        raise ConfigError("SMTP_SECURITY must be starttls, ssl or none.")
    return settings


DEFAULTS = {
    "PRODUCTION": True,
    "HTMX_URL": HTMX_CDN_URL,
    "HTMX_INTEGRITY": HTMX_CDN_INTEGRITY,
    "BABEL_DEFAULT_LOCALE": "ru",
    "BABEL_DEFAULT_TIMEZONE": "Asia/Almaty",
    "RATELIMIT_STORAGE_URI": "memory://",
    "SESSION_COOKIE_SECURE": True,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_SECURE": True,
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
    "WTF_CSRF_TIME_LIMIT": None,  # a token lives as long as the session: long edits must not fail
    "RATELIMIT_HEADERS_ENABLED": False,
    "LOGIN_RATE_LIMIT": "10 per minute",  # per address
    "LOGIN_ACCOUNT_RATE_LIMIT": "20 per hour",  # failed sign-ins per account
    "HISTORY_PAGE_SIZE": 50,
    "EXPORTS_IN_BACKGROUND": True,
    # E-mail notices: off unless SMTP_HOST is set.
    "SMTP_HOST": "",
    "SMTP_PORT": 587,
    "SMTP_SECURITY": "starttls",  # or "ssl" (port 465), or "none" (a relay on this host)
    "SMTP_USER": "",
    "SMTP_PASSWORD": "",
    "MAIL_FROM": "upr-editor@localhost",
    "MAIL_IN_BACKGROUND": True,
    "PUBLIC_URL": "",  # the address people use, for links in notices (else the request's own)
    # A session ends after this long without a request (an open page's presence check counts as one).
    "IDLE_TIMEOUT_MINUTES": 240,
    # The cookie is renewed only when the session changes (see app.keep_session_alive): re-sent on every
    # answer, a late answer to a request sent earlier would put back an older cookie and lose a message.
    "SESSION_REFRESH_EACH_REQUEST": False,
    # How long the one-time links the coordinator hands out keep working (if nobody uses them first).
    "INVITATION_DAYS": 7,
    "RESET_LINK_HOURS": 24,
    "PROXY_COUNT": 0,  # reverse proxies in front that set X-Forwarded-For/-Proto/-Host (trusted, so exact)
}
