"""Suggested edits: proposing one in the editor, the section's open ones as formatted diffs against its current
text, and the group's acceptance (whole or by paragraph), decline, or the author's withdrawal."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup

from coalition import revisions, suggestions
from coalition.permissions import can_decide_suggestion, can_suggest, can_withdraw_suggestion
from coalition.vocabulary import IMAGE_MISSING, body_error
from models import Suggestion
from text.formatted_diff import Labels, formatted_diff
from text.markup import render
from text.merge import merge
from views import get_section, render_page
from views.sections import _conflict_page, _preview, _resolution
from views.tracker import links_for
from web.forms import DeclineForm, ResolveForm, SuggestForm

bp = Blueprint("suggestions", __name__)


def get_suggestion(suggestion_id: int):
    """The suggestion and its section (read as get_section reads it), or 404."""
    suggestion = Suggestion.get_or_none(Suggestion.id == suggestion_id) or abort(404)
    suggestion.section = get_section(suggestion.section_id)
    return suggestion, suggestion.section


def deciding(suggestion_id: int):
    """The suggestion and its section, for the section's group or the coordinator; 403 for anyone else."""
    suggestion, section = get_suggestion(suggestion_id)
    if not can_decide_suggestion(current_user, section):
        abort(403)
    return suggestion, section


def suggesting_section(section_id: int):
    section = get_section(section_id)
    if not can_suggest(current_user, section):
        abort(403)
    return section


@bp.route("/sections/<int:section_id>/suggest", methods=["GET", "POST"])
@login_required
def new(section_id: int):
    """The editor for a suggestion; 'Preview' re-renders it (the no-JavaScript path), 'Suggest' keeps it."""
    section = suggesting_section(section_id)
    head = section.head_revision()
    form, status = SuggestForm(), 200
    if request.method == "GET":
        form.body.data = head.body if head else ""
        form.base.data = head.number if head else 0
    elif request.form.get("action") != "preview":
        if form.validate():
            try:
                made = suggestions.propose(section, current_user, form.body.data, form.note.data or "",
                                           form.base.data or 0)
            except revisions.NothingChanged:
                form.body.errors.append(_("This is the text as it stands: change something to suggest it."))
            except suggestions.UnknownBase:
                abort(400)
            else:
                flash(_("Your suggestion is sent to the section's group."), "success")
                return redirect(url_for("suggestions.index", section_id=section.id, _anchor=f"suggestion-{made.id}"))
        status = 400
    return render_template("suggestions/new.html", section=section, head=head, form=form,
                           max_chars=revisions.MAX_BODY_CHARS,
                           preview=_preview(form.body.data or "", section.report_id)), status


@bp.route("/sections/<int:section_id>/suggest/preview", methods=["POST"])
@login_required
def preview(section_id: int):
    """The suggestion editor's live preview: rendered text and word counts, nothing kept."""
    section = suggesting_section(section_id)
    shown = _preview(request.form.get("body", ""), section.report_id)
    return render_page("sections/preview.html", "sections/_preview.html", section=section,
                       preview=shown), 413 if shown["too_long"] else 200


@bp.route("/sections/<int:section_id>/suggestions")
@login_required
def index(section_id: int):
    """The open suggestions, each as it would change the current text, then the decided ones."""
    section = get_section(section_id)
    head = section.head_revision()
    open_ones, decided = suggestions.of(section)
    return render_template("suggestions/index.html", section=section, head=head,
                           open=[_shown(section, s, head) for s in open_ones],
                           decided=[_shown(section, s, head) for s in decided], form=DeclineForm(),
                           can_decide=can_decide_suggestion(current_user, section))


def _shown(section, suggestion, head) -> dict:
    """An open suggestion on the current text, or as outdated on its own base, beside that text as it prints, with
    its changes each as it prints (for a partial acceptance); a decided one against its base."""
    labels = Labels(_("inserted:"), _("deleted:"))
    is_open = suggestion.status == Suggestion.OPEN
    current = suggestions.on_current(suggestion, head) if is_open else None
    if current is not None:
        old, new = head.body if head else "", current
    else:
        old, new = suggestions.base_text(suggestion), suggestion.body
    prefix = f"s{suggestion.id}-"
    beside = Markup(render(old, id_prefix=prefix + "text-", recommendations=links_for(section.report_id, old),
                           image_note=str(IMAGE_MISSING))) if is_open else None

    def diff(a: str, b: str, part: str) -> Markup:
        links = links_for(section.report_id, a + "\n" + b)
        return Markup(formatted_diff(a, b, labels, id_prefix=prefix + part, recommendations=links))

    changes = [(c, diff(c.old, c.new, f"{c.index}-")) for c in suggestions.changes(suggestion)] if is_open else []
    return {"suggestion": suggestion, "outdated": is_open and current is None, "beside": beside,
            "diff": diff(old, new, ""), "changes": changes}


@bp.route("/suggestions/<int:suggestion_id>/accept", methods=["POST"])
@login_required
def accept(suggestion_id: int):
    """The whole suggestion becomes a revision, merged with what was saved since it was made."""
    suggestion, section = deciding(suggestion_id)
    return _accept(suggestion, section, lambda: suggestions.accept(suggestion, current_user))


@bp.route("/suggestions/<int:suggestion_id>/accept-part", methods=["POST"])
@login_required
def accept_part(suggestion_id: int):
    """Only the ticked changes become a revision."""
    suggestion, section = deciding(suggestion_id)
    chosen = {int(value) for value in request.form.getlist("change") if value.isdigit()}
    if not chosen:
        flash(_("Tick the changes to accept, or decline the suggestion."), "error")
        return _back(section, suggestion)
    reason = request.form.get("reason", "")
    return _accept(suggestion, section, lambda: suggestions.accept(suggestion, current_user, chosen, reason),
                   reason)


@bp.route("/suggestions/<int:suggestion_id>/resolve", methods=["POST"])
@login_required
def resolve(suggestion_id: int):
    """The acceptor's choices on the conflict screen of an overlapping suggestion: saved, and it is accepted."""
    suggestion, section = deciding(suggestion_id)
    form = ResolveForm()
    theirs = section.revision(form.theirs.data or 0) or abort(404)
    mine = revisions.normalise(form.mine.data or "")
    start = section.revision(form.origin.data) if form.origin.data else None
    # The same three texts give the same conflicts, so the posted choices line up with them.
    result = merge(start.body if start else "", theirs.body, mine)
    reason = request.form.get("reason", "")
    if form.validate():
        resolved = result.text([_resolution(i, c) for i, c in enumerate(result.conflicts)])
        error = body_error(resolved)
        if error is None:
            return _accept(suggestion, section, lambda: suggestions.accept_resolved(
                suggestion, current_user, resolved, theirs.number, form.origin.data, mine != suggestion.body,
                form.note.data or "", reason), reason)
        form.form_errors.append(error)
    return _conflict(suggestion, result, theirs, form, reason, answers=request.form), 400


def _accept(suggestion, section, accepting, reason: str = ""):
    try:
        revision = accepting()
    except suggestions.NotOpen:
        return _already_decided(section, suggestion)
    except revisions.Conflicted as conflict:
        # The usual conflict screen, the suggested text against the current one; what is chosen there is saved as
        # accepting it, with the note written there (the suggestion's own to start with) after the credit.
        form = ResolveForm(formdata=None, origin=conflict.base_number, theirs=conflict.head.number,
                           mine=conflict.mine, note=suggestion.note, editor="")
        return _conflict(suggestion, conflict.result, conflict.head, form, reason), 409
    except revisions.Busy:
        flash(_("The server is busy and could not save. Nothing changed; try again in a moment."), "error")
        return _back(section, suggestion)
    if revision is None:
        flash(_("The text already says what was suggested: the suggestion is marked accepted."), "info")
    else:
        flash(_("Accepted as revision %(number)s.", number=revision.number), "success")
    return redirect(url_for("sections.show", section_id=section.id))


def _conflict(suggestion, result, theirs, form, reason: str, answers=None):
    """The conflict screen of an overlapping suggestion, its text named as the suggestion's, not the acceptor's."""
    form.mine.label.text = _("The suggested text, as proposed")
    return _conflict_page(suggestion.section, result, theirs, form, answers=answers, suggestion=suggestion,
                          reason=reason, resolve_url=url_for("suggestions.resolve", suggestion_id=suggestion.id))


@bp.route("/suggestions/<int:suggestion_id>/decline", methods=["POST"])
@login_required
def decline(suggestion_id: int):
    """Declined with a reason; it stays readable below the open ones."""
    suggestion, section = deciding(suggestion_id)
    form = DeclineForm()
    if not form.validate():
        flash(_("Say why the suggestion is declined."), "error")
        return _back(section, suggestion)
    try:
        suggestions.decline(suggestion, current_user, form.reason.data)
    except suggestions.NotOpen:
        return _already_decided(section, suggestion)
    flash(_("The suggestion is declined."), "success")
    return _back(section, suggestion)


@bp.route("/suggestions/<int:suggestion_id>/withdraw", methods=["POST"])
@login_required
def withdraw(suggestion_id: int):
    """Its author takes it back while it is open."""
    suggestion, section = get_suggestion(suggestion_id)
    if not can_withdraw_suggestion(current_user, suggestion):
        abort(403)
    try:
        suggestions.withdraw(suggestion, current_user)
    except suggestions.NotOpen:
        return _already_decided(section, suggestion)
    flash(_("Your suggestion is withdrawn."), "success")
    return _back(section, suggestion)


def _already_decided(section, suggestion):
    flash(_("This suggestion was already accepted, declined or withdrawn: nothing changed."), "info")
    return _back(section, suggestion)


def _back(section, suggestion):
    return redirect(url_for("suggestions.index", section_id=section.id, _anchor=f"suggestion-{suggestion.id}"))
