"""The design system: the tokens, type, buttons, badges, icons and form controls that pages reuse, shown on one page."""
from flask import Blueprint, render_template
from flask_login import login_required

from views import manager_only

bp = Blueprint("design", __name__)

# The :root custom properties in static/style.css that a page may use, by kind.
COLOURS = ("text", "muted", "line", "line-strong", "surface", "surface-2", "accent", "accent-text", "ok", "warn",
           "danger")
STEPS = ("3", "2", "1", "0", "-1")
SPACES = range(1, 7)
SAMPLE = "Қазақстан · Казахстан · Kazakhstan"  # the same in every language: the letters the face must have


@bp.route("/design")
@login_required
def index():
    """The coordinator's reference for whoever builds the next page."""
    manager_only()
    return render_template("design/index.html", colours=COLOURS, steps=STEPS, spaces=SPACES,
                           sample=SAMPLE)
