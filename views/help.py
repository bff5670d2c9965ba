"""Help: the UN's rules for the submission and how the editor applies them, in the interface language."""
from datetime import timedelta

from babel.dates import format_timedelta
from flask import Blueprint, current_app, render_template
from flask_babel import get_locale
from flask_login import login_required

bp = Blueprint("help", __name__)

# Whole texts per language rather than hundreds of gettext strings: long prose is kept right as prose.
PAGES = {"kk": "help/_kk.html", "ru": "help/_ru.html", "en": "help/_en.html"}
FALLBACK = "en"


@bp.route("/help")
@login_required
def index():
    """The help in the interface language (English for any other)."""
    language = get_locale().language if get_locale() else FALLBACK
    language = language if language in PAGES else FALLBACK
    return render_template("help/index.html", prose=PAGES[language], language=language,
                           idle_timeout=idle_time(current_app.config["IDLE_TIMEOUT_MINUTES"], language))


def idle_time(minutes: int, language: str) -> str:
    """"4 hours", "4 часа", "4 сағат": in the largest unit that divides it exactly, never rounded."""
    unit = "day" if minutes % 1440 == 0 else "hour" if minutes % 60 == 0 else "minute"
    # An unreachable threshold keeps babel from rounding up to a larger unit (90 minutes is not "2 hours").
    return format_timedelta(timedelta(minutes=minutes), granularity=unit, threshold=float("inf"), locale=language)
