"""A section's history: every revision, any revision, any two compared, an old one restored."""
import math

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup

from coalition import revisions, suggestions
from models import Report, Revision, Section, StatusChange
from text.formatted_diff import Labels, formatted_diff
from text.worddiff import diff_words
from views import get_section, render_page
from views.tracker import links_for
from web.forms import RestoreForm

bp = Blueprint("history", __name__, url_prefix="/sections")


def get_revision(section, number: int) -> Revision:
    return section.revision(number) or abort(404)


@bp.route("/<int:section_id>/history")
@login_required
def index(section_id: int):
    """Revisions newest first, a page at a time, without loading their bodies. Revisions are numbered 1..n
    without gaps, so a page is a range of numbers: an index range, as quick on page 200 as on page 1
    (an OFFSET would read every row before it, and a COUNT every row)."""
    section = get_section(section_id)
    size = current_app.config["HISTORY_PAGE_SIZE"]
    newest = Revision.newest_number(section.id)
    page_count = max(1, math.ceil(newest / size))
    page = min(max(request.args.get("page", 1, type=int), 1), page_count)
    top = newest - (page - 1) * size
    return render_page("history/index.html", "history/_list.html", section=section,
                       revisions=Revision.between(section.id, top - size, top),
                       page=page, page_count=page_count, steps=StatusChange.of(section),
                       suggested=suggestions.steps(section))


@bp.route("/<int:section_id>/revisions/<int:number>")
@login_required
def revision(section_id: int, number: int):
    """One revision as it was."""
    section = get_section(section_id)
    return _revision_page(section, get_revision(section, number), RestoreForm())


def _revision_page(section, shown: Revision, form: RestoreForm, status: int = 200):
    return render_template("history/revision.html", section=section, revision=shown,
                           head=section.head_revision(), form=form), status


@bp.route("/<int:section_id>/compare")
@login_required
def compare(section_id: int):
    """Two revisions word by word; by default the newest against the one before it."""
    section = get_section(section_id)
    head = section.head_revision() or abort(404)
    new_number = request.args.get("new", head.number, type=int)
    old_number = request.args.get("old", max(new_number - 1, 1), type=int)
    old = get_revision(section, old_number)
    new = head if new_number == head.number else get_revision(section, new_number)
    return render_page("history/compare.html", "history/_diff.html", section=section, old=old, new=new,
                       head=head, **changes(section, old.body, new.body))


def changes(section, old: str, new: str) -> dict:
    """The change from old to new as the page asks: as it prints (the default), or in the source, word by word
    (?view=source); with the address of the other view."""
    shown = asked_view()
    if shown["view"] == "source":
        return {**shown, "chunks": diff_words(old, new)}
    labels = Labels(_("inserted:"), _("deleted:"))
    links = links_for(section.report_id, old + "\n" + new)
    return {**shown, "formatted": Markup(formatted_diff(old, new, labels, recommendations=links))}


def asked_view() -> dict:
    """Which view of a change this request asks for, and this same page's address in the other view."""
    view = "source" if request.args.get("view") == "source" else "formatted"
    args = {key: value for key, value in request.args.items() if key != "view"}
    other = url_for(request.endpoint, **request.view_args, **args, **({} if view == "source" else {"view": "source"}))
    return {"view": view, "other_view_url": other}


@bp.route("/<int:section_id>/previous")
@login_required
def previous(section_id: int):
    """The section's current text against its counterpart's in the report it was started from."""
    section = get_section(section_id)
    counterpart = _counterpart(section)
    old, new = counterpart.head_revision(), section.head_revision()
    return render_template("history/previous.html", section=section, counterpart=counterpart, old=old, new=new,
                           chunks=diff_words(old.body if old else "", new.body if new else ""))


def _counterpart(section) -> Section:
    """The same section in the earlier report (read even if removed there since), or 404."""
    if not section.origin_id:
        abort(404)
    return (Section.select(Section, Report).join(Report).where(Section.id == section.origin_id).first()
            or abort(404))


@bp.route("/<int:section_id>/revisions/<int:number>/restore", methods=["POST"])
@login_required
def restore(section_id: int, number: int):
    """Bring an old text back as a new revision; nothing in between is lost."""
    section = get_section(section_id, check_edit=True)
    old = get_revision(section, number)
    form = RestoreForm()
    if not form.validate():
        return _revision_page(section, old, form, 400)
    try:
        restored = revisions.restore(section, current_user, old, form.note.data or "")
    except revisions.NothingChanged:
        flash(_("Revision %(number)s is already the current text.", number=number), "info")
        return redirect(url_for("sections.show", section_id=section.id))
    except revisions.Busy:
        flash(_("The server is busy and could not restore. Nothing changed; try again in a moment."), "error")
        return _revision_page(section, old, form, 503)
    flash(_("Revision %(old)s restored as revision %(new)s.", old=number, new=restored.number), "success")
    return redirect(url_for("sections.show", section_id=section.id))
