"""A section: reading it, editing it with a live preview, saving (merged if need be), resolving conflicts."""
import secrets
from datetime import datetime, timedelta

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_number, gettext as _
from flask_login import current_user, login_required

from coalition import exports, inbox, revisions
from coalition.vocabulary import IMAGE_MISSING, body_error
from export import glyphs
from models import Draft, StatusChange
from text.markup import MAX_TABLE_CELLS, MAX_TABLE_COLUMNS, render, shown_as_written
from text.merge import merge
from text.wordcount import count_markdown
from text.worddiff import condense, diff_words
from views import get_section, render_page
from views.comments import threads_context
from views.presence import presence_context
from views.tracker import links_for
from web.forms import DraftForm, EditForm, ResolveForm

EPOCH = datetime(1970, 1, 1)  # the stored times are UTC without a zone; the browser counts from this
bp = Blueprint("sections", __name__, url_prefix="/sections")
UNPRINTABLE_SHOWN = 12  # characters named in the preview's warning; a whole passage in another script has dozens


@bp.route("/<int:section_id>")
@login_required
def show(section_id: int):
    """The section's current text, who else is looking at it, and the comments."""
    section = get_section(section_id)
    head = section.head_revision()
    return render_template("sections/show.html", section=section, head=head,
                           change_request=StatusChange.change_request(section),
                           presence=presence_context(section.report_id, section),
                           comments=threads_context(section, head), following=inbox.follows(current_user, section))


@bp.route("/<int:section_id>/edit", methods=["GET", "POST"])
@login_required
def edit(section_id: int):
    """The editor; 'Preview' re-renders it without saving (the no-JavaScript path), 'Save' saves."""
    section = get_section(section_id, check_edit=True, removed_ok=request.method == "POST")
    form = EditForm()
    if section.removal_id:
        return _removed_while_writing(section, form.body.data or "", form.note.data or "", form.base.data,
                                      form.editor.data or "")
    head = section.head_revision()
    draft = Draft.of(current_user, section)
    offline = _offline_context(draft, head)
    status = 200
    if request.method == "GET":
        start = draft if draft and request.args.get("draft") else None
        form.body.data = start.body if start else (head.body if head else "")
        form.note.data = start.note if start else ""
        form.base.data = start.base_number if start else (head.number if head else 0)
        form.editor.data = secrets.token_urlsafe(12)
        if start or (draft and draft.body == form.body.data):
            draft = None  # nothing left to offer
    elif request.form.get("action") != "preview":
        if not form.validate():
            status = 400
        else:
            return _save(section, form.body.data, form.note.data or "", form.base.data or 0, merge_base=None,
                         editor=form.editor.data or "")
    changes = condense(diff_words(head.body if head else "", draft.body)) if draft else None
    report_words = exports.counted(section.report, exports.file_words(section.report))
    return render_template("sections/edit.html", section=section, head=head, form=form, draft=draft,
                           change_request=StatusChange.change_request(section),
                           draft_changes=changes, report_words=report_words, offline=offline,
                           preview=_preview(form.body.data or "", section.report_id),
                           presence=presence_context(section.report_id, section, editing=True,
                                                     base=form.base.data)), status


@bp.route("/<int:section_id>/resolve", methods=["POST"])
@login_required
def resolve(section_id: int):
    """Save the author's choices on the conflict screen; a newer save in between is merged again."""
    section = get_section(section_id, check_edit=True, removed_ok=True)
    form = ResolveForm()
    if section.removal_id:
        return _removed_while_writing(section, form.mine.data or "", form.note.data or "", form.theirs.data,
                                      form.editor.data or "")
    theirs = section.revision(form.theirs.data or 0) or abort(404)
    start = section.revision(form.origin.data) if form.origin.data else None
    # The same three texts give the same conflicts, so the posted choices line up with them.
    result = merge(start.body if start else "", theirs.body, revisions.normalise(form.mine.data or ""))
    if form.validate():
        resolved = result.text([_resolution(i, c) for i, c in enumerate(result.conflicts)])
        error = body_error(resolved)
        if error is None:
            return _save(section, resolved, form.note.data or "", theirs.number, merge_base=form.origin.data or None,
                         editor=form.editor.data or "")
        form.form_errors.append(error)
    return _conflict_page(section, result, theirs, form, answers=request.form), 400


def _offline_context(draft, head) -> dict:
    """What static/js/offline.js needs: when the server last kept a text of the section for this person (the later
    of their open draft and the current revision; in ms since the epoch), since a copy kept in the browser is
    offered back only when newer, and the most characters a text may have, so that a longer paste is refused
    before it is sent."""
    times = [time for time in (draft and draft.updated_at, head and head.created_at) if time]  # naive, in UTC
    server_time = (max(times) - EPOCH) // timedelta(milliseconds=1) if times else 0
    return {"server_time": server_time, "max_chars": revisions.MAX_BODY_CHARS}


def _removed_while_writing(section, body: str, note: str, base_number: int | None, editor: str):
    """The coordinator removed the section while this person wrote: their text becomes their draft (it
    comes back with the section) and is shown to copy."""
    kept = DraftForm(formdata=None, meta={"csrf": False}, body=body, note=note, base=base_number, editor=editor)
    if body.strip() and kept.validate():
        Draft.keep(current_user, section, revisions.normalise(body), note, base_number or 0, editor)
    return render_template("sections/removed.html", section=section, body=body), 410


def _resolution(index: int, conflict) -> str:
    """What the author chose for one conflicting passage: theirs, an edited text, or (by default) their own."""
    choice = request.form.get(f"choice-{index}", "mine")
    if choice == "edit":
        return request.form.get(f"edited-{index}", conflict.mine)
    return conflict.theirs if choice == "theirs" else conflict.mine


def _save(section, body: str, note: str, base_number: int, merge_base: int | None, editor: str):
    try:
        revision = revisions.save(section, current_user, body, note, base_number, merge_base=merge_base)
    except revisions.NothingChanged:
        Draft.close(current_user, section, editor)
        flash(_("Nothing changed, so no new revision was made."), "info")
    except revisions.Conflicted as conflict:
        # Keep the author's text server-side too: a closed tab during the conflict loses nothing.
        Draft.keep(current_user, section, conflict.mine, note, conflict.base_number, editor)
        form = ResolveForm(formdata=None, origin=conflict.base_number, theirs=conflict.head.number,
                           mine=conflict.mine, note=note, editor=editor)
        return _conflict_page(section, conflict.result, conflict.head, form), 409
    except revisions.Busy:
        Draft.keep(current_user, section, revisions.normalise(body), note, base_number, editor)
        flash(_("The server is busy and could not save. Your text is kept as a draft; try again in a moment."),
              "error")
        return redirect(url_for("sections.edit", section_id=section.id, draft=1))
    else:
        Draft.close(current_user, section, editor)
        if revision.merge_base:
            flash(_("Saved as revision %(number)s. Someone else had saved in the meantime; "
                    "your edit and theirs were merged.", number=revision.number), "success")
        else:
            flash(_("Saved as revision %(number)s.", number=revision.number), "success")
    return redirect(url_for("sections.show", section_id=section.id))


def _conflict_page(section, result, theirs, form, answers=None, resolve_url=None, suggestion=None, reason=""):
    """The conflict screen; answers refill the author's choices only when these same conflicts come back. It is
    sent to resolve_url when not the editor's: an accepted suggestion's, whose text it names as the suggestion's
    and whose reason for declining the rest (of a partial acceptance) it carries along."""
    conflicts = [(c, diff_words(c.base, c.theirs), diff_words(c.base, c.mine)) for c in result.conflicts]
    return render_template("sections/conflict.html", section=section, result=result, theirs=theirs,
                           form=form, conflicts=conflicts, answers=answers or {}, suggestion=suggestion,
                           reason=reason,
                           resolve_url=resolve_url or url_for("sections.resolve", section_id=section.id))


@bp.route("/<int:section_id>/preview", methods=["POST"])
@login_required
def preview(section_id: int):
    """The live preview fragment: rendered text and word counts, nothing saved."""
    section = get_section(section_id, check_edit=True)
    preview = _preview(request.form.get("body", ""), section.report_id)
    return render_page("sections/preview.html", "sections/_preview.html", section=section,
                       preview=preview), 413 if preview["too_long"] else 200


def _preview(body: str, report_id: int) -> dict:
    """The rendered text with its cited recommendations linked, the numbers nobody knows, the characters no font of
    the PDF has, the word counts; a text longer than a save takes is not rendered (nothing else bounds what a preview
    is sent)."""
    if len(body) > revisions.MAX_BODY_CHARS:
        return {"too_long": body_error(body), "html": ""}
    links = links_for(report_id, body)
    html = render(body, id_prefix="preview-", recommendations=links, image_note=str(IMAGE_MISSING))
    as_written = _("Part of this text is shown as written, unformatted, and the PDF and Word files show it so too: "
                   "a table wider than %(columns)s columns or with more than %(cells)s cells in all, or more "
                   "formatting than a text can have.", columns=MAX_TABLE_COLUMNS, cells=format_number(MAX_TABLE_CELLS))
    unprintable = glyphs.unprintable(body, glyphs.pdf_fonts())
    return {"html": html, "counts": count_markdown(body), "too_long": None,
            "as_written": as_written if shown_as_written(html) else None,
            "unknown": sorted(number for number, link in links.items() if not link.href),
            "unprintable": [glyphs.describe(char) for char in unprintable[:UNPRINTABLE_SHOWN]]
            + (["…"] if len(unprintable) > UNPRINTABLE_SHOWN else [])}
