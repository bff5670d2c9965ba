"""Settings from the environment and the instance folder's settings.env, with safe defaults for a
single-host coalition."""
import os
import re
import secrets
from pathlib import Path
from urllib.parse import urlsplit

from babel.dates import get_timezone
from dotenv import dotenv_values
from limits import parse_many

# htmx 2.0 is the maintained stable line; 4.0 (Sept 2026) is a rewrite we have not yet vetted.
HTMX_VERSION = "2.0.11"
HTMX_CDN_URL = f"https://cdn.jsdelivr.net/npm/htmx.org@{HTMX_VERSION}/dist/htmx.min.js"
HTMX_CDN_INTEGRITY = "sha384-2OatzQy1H+Zd/IIrjr1TcuDGqLXeHhbooAyJY1KdQMKnr4LZ22k31GBLdYKHmVjg"
# GitHub's formatting toolbar (an ES module), the editor's only other script from outside: pinned the same way.
TOOLBAR_VERSION = "2.2.3"
TOOLBAR_CDN_URL = f"https://cdn.jsdelivr.net/npm/@github/markdown-toolbar-element@{TOOLBAR_VERSION}/dist/index.js"
TOOLBAR_CDN_INTEGRITY = "sha384-B/dO3OeAwy/aOfHELhBEfgCy8hgQYMHO5LTBqU1pwH7y3SPrF3y65SWUj7fXspD9"

LANGUAGES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
SETTINGS_FILE = "settings.env"  # in the instance folder, unless UPR_SETTINGS names another file
_MAIL_SETTINGS = ("SMTP_HOST", "SMTP_SECURITY", "SMTP_USER", "SMTP_PASSWORD", "MAIL_FROM")
# Whole-number settings: the least and the most each may be.
_NUMBERS = {"PROXY_COUNT": (0, None), "IDLE_TIMEOUT_MINUTES": (1, None), "SESSION_MAX_HOURS": (1, None),
            "HISTORY_PAGE_SIZE": (1, None), "INVITATION_DAYS": (1, None), "RESET_LINK_HOURS": (1, None),
            "SMTP_PORT": (1, 65535), "EXPORT_TIMEOUT": (1, None), "EXPORT_MEMORY_MB": (64, None),
            "IMAGE_MAX_MB": (1, None)}


class ConfigError(RuntimeError):
    """The settings are missing, wrong or unsafe; the message is one line that says which and what to set."""


def settings_path(instance_path: str) -> Path:
    """The settings file: the one UPR_SETTINGS names, else settings.env in the instance folder."""
    return Path(os.environ.get("UPR_SETTINGS") or Path(instance_path) / SETTINGS_FILE)


def read_settings(path: Path) -> dict:
    """The file's KEY=value lines (taken as written, without ${…} expansion) with the environment over them."""
    if os.environ.get("UPR_SETTINGS") and not path.exists():
        raise ConfigError(f"UPR_SETTINGS names {path}, which does not exist.")
    try:
        in_file = dotenv_values(path, interpolate=False)  # an empty dict when there is no such file
    except OSError as error:
        raise ConfigError(f"{path} cannot be read ({error.strerror}): run this as the user the app runs as.") from error
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path} is not UTF-8 text.") from error
    # A bare KEY line has no value (None): it sets nothing.
    return {**{key: value for key, value in in_file.items() if value is not None}, **os.environ}


def secret_key(instance_path: str, production: bool, env: dict, settings_file: Path) -> str:
    """SECRET_KEY from the settings; outside production, one generated once and kept."""
    key = env.get("SECRET_KEY")
    if key:
        return key
    if production:
        raise ConfigError(f"SECRET_KEY is not set and UPR_ENV is production. On a server, put SECRET_KEY=… in "
                          f"{settings_file} (deploy/settings.env.example shows how); to try the app on this "
                          "computer, run make run, or put UPR_ENV=development there.")
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def public_url(production: bool, env: dict, settings_file: Path) -> str:
    """PUBLIC_URL, the only source of the links the app sends out; required in production, where a link built
    from a request's Host header would follow whatever the request claimed."""
    url = env.get("PUBLIC_URL")
    if url:
        return url.rstrip("/")
    if production:
        raise ConfigError(f"PUBLIC_URL is not set and UPR_ENV is production. Put PUBLIC_URL=https://… (the address "
                          f"people open) in {settings_file}; deploy/settings.env.example shows how.")
    return DEFAULTS["PUBLIC_URL"]


def trusted_hosts(production: bool, env: dict, url: str) -> list[str] | None:
    """The host names requests may name (others get 400): TRUSTED_HOSTS, else in production PUBLIC_URL's own."""
    if env.get("TRUSTED_HOSTS"):
        return env["TRUSTED_HOSTS"].replace(",", " ").split()
    return [urlsplit(url).hostname] if production else None


def from_environment(instance_path: str) -> dict:
    """What the environment and the settings file set, over DEFAULTS."""
    path = settings_path(instance_path)
    env = read_settings(path)
    _check(env, lambda name: "the environment" if name in os.environ else str(path))
    production = env.get("UPR_ENV", "production") == "production"
    key = secret_key(instance_path, production, env, path)
    url = public_url(production, env, path)
    settings = {
        "PRODUCTION": production,
        "SECRET_KEY": key,
        "PUBLIC_URL": url,
        "TRUSTED_HOSTS": trusted_hosts(production, env, url),
        "DATABASE_URL": env.get("DATABASE_URL", f"sqlite:///{instance_path}/upr.sqlite3"),
        "SESSION_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_SECURE": production,
    }
    for script in ("HTMX", "TOOLBAR"):
        if f"{script}_URL" in env:
            # A self-hosted copy may come with its own hash, or none.
            settings[f"{script}_URL"] = env[f"{script}_URL"]
            settings[f"{script}_INTEGRITY"] = env.get(f"{script}_INTEGRITY", "")
    for name, key in (("DEFAULT_LANGUAGE", "BABEL_DEFAULT_LOCALE"), ("TIMEZONE", "BABEL_DEFAULT_TIMEZONE"),
                      *((n, n) for n in ("RATELIMIT_STORAGE_URI", "LOGIN_RATE_LIMIT", "LOGIN_ACCOUNT_RATE_LIMIT",
                                           "SIGN_IN_NAME")),
                      *((n, n) for n in _MAIL_SETTINGS)):
        if name in env:
            settings[key] = env[name]
    for name in _NUMBERS:
        if name in env:
            settings[name] = int(env[name])
    return settings


def _check(env: dict, where) -> None:
    """Refuse a value the app could not work with, naming the setting and where it was set."""
    for name, valid, what in _RULES:
        if name in env and not valid(env[name]):
            shown = "" if name == "DATABASE_URL" else f", not {env[name]!r}"  # a URL may hold a password
            raise ConfigError(f"{name} in {where(name)} must {what}{shown}.")


def _parses(parse, text: str) -> bool:
    try:
        parse(text)
    except (ValueError, LookupError):
        return False
    return True


def _web_address(text: str) -> None:
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(text)


def _number_rule(name: str, least: int, most: int | None) -> tuple:
    def valid(text: str) -> bool:
        if re.fullmatch(r"[0-9]{1,9}", text) is None:
            return False
        return least <= int(text) and (most is None or int(text) <= most)

    return name, valid, f"be a whole number from {least}" + (f" to {most}" if most else " up")


# Each setting that is not free text: what a value must be for the app to work with it.
_RULES = [
    ("UPR_ENV", lambda v: v in ("production", "development"), "be production or development"),
    ("DATABASE_URL", lambda v: v.startswith(("sqlite:///", "postgresql://", "postgres://")),
     "start with sqlite:/// or postgresql://"),
    ("DEFAULT_LANGUAGE", lambda v: v in LANGUAGES, "be one of " + ", ".join(LANGUAGES)),
    ("TIMEZONE", lambda v: _parses(get_timezone, v), "be a time zone such as Asia/Almaty"),
    ("LOGIN_RATE_LIMIT", lambda v: _parses(parse_many, v), "be a limit such as 10 per minute"),
    ("LOGIN_ACCOUNT_RATE_LIMIT", lambda v: _parses(parse_many, v), "be a limit such as 20 per hour"),
    ("SMTP_SECURITY", lambda v: v in ("starttls", "ssl", "none"), "be starttls, ssl or none"),
    ("PUBLIC_URL", lambda v: _parses(_web_address, v), "be an address such as https://upr.example.org"),
    *(_number_rule(name, least, most) for name, (least, most) in _NUMBERS.items()),
]


DEFAULTS = {
    "PRODUCTION": True,
    "HTMX_URL": HTMX_CDN_URL,
    "HTMX_INTEGRITY": HTMX_CDN_INTEGRITY,
    "TOOLBAR_URL": TOOLBAR_CDN_URL,
    "TOOLBAR_INTEGRITY": TOOLBAR_CDN_INTEGRITY,
    "BABEL_DEFAULT_LOCALE": "ru",
    "BABEL_DEFAULT_TIMEZONE": "Asia/Almaty",
    # Counted in the app's database, which every worker and host shares (rate_limits.py); or e.g. redis://.
    "RATELIMIT_STORAGE_URI": "database://",
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
    # One build of a PDF or DOCX, in a process of its own: at most this long and this much memory (exports.py).
    "EXPORT_TIMEOUT": 45,  # under gunicorn's --timeout (60 s): freezing a version builds its PDF in the request
    "EXPORT_MEMORY_MB": 1024,
    # An image for a section's text: at most this large (its route alone takes more than MAX_CONTENT_LENGTH).
    "IMAGE_MAX_MB": 5,
    # E-mail notices: off unless SMTP_HOST is set.
    "SMTP_HOST": "",
    "SMTP_PORT": 587,
    "SMTP_SECURITY": "starttls",  # or "ssl" (port 465), or "none" (a relay on this host)
    "SMTP_USER": "",
    "SMTP_PASSWORD": "",
    "MAIL_FROM": "upr-editor@localhost",
    "MAIL_IN_BACKGROUND": True,
    # The address people open: every link the app sends out (notices, invitations, resets) starts with it.
    "PUBLIC_URL": "http://127.0.0.1:5000",
    "TRUSTED_HOSTS": None,  # Flask's: the host names a request may name (production: PUBLIC_URL's)
    # A session ends after this long without a request (an open page's presence check counts as one).
    "IDLE_TIMEOUT_MINUTES": 240,
    # And whatever happens, it ends this long after signing in: a working day, so a cookie copied from a
    # browser signs no one in the next morning.
    "SESSION_MAX_HOURS": 12,
    # The cookie is renewed only when the session changes (see app.keep_session_alive): re-sent on every
    # answer, a late answer to a request sent earlier would put back an older cookie and lose a message.
    "SESSION_REFRESH_EACH_REQUEST": False,
    # The name the sign-in page shows, which anyone who finds the address reads: empty, the app's own name, so
    # that a stranger does not learn whose server this is; the coalition may set its name here if it wishes.
    "SIGN_IN_NAME": "",
    # How long the one-time links the coordinator hands out keep working (if nobody uses them first).
    "INVITATION_DAYS": 7,
    "RESET_LINK_HOURS": 24,
    "PROXY_COUNT": 0,  # reverse proxies in front that set X-Forwarded-For/-Proto/-Host (trusted, so exact)
}
