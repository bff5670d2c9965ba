"""Comment threads on a section: raise a point (about one paragraph, if need be), reply, resolve, reopen."""
from collections import defaultdict

from flask import Blueprint, abort, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from coalition import exports, threads
from coalition.permissions import can_comment
from models import Comment, Thread, User
from text.lengths import shorten
from text.markup import numbered_paragraphs
from views import get_section, render_page
from web.forms import CommentForm, ThreadForm

bp = Blueprint("comments", __name__)
WHOLE_SECTION = -1


def threads_context(section, head, form: ThreadForm | None = None, reply: tuple[int, CommentForm] | None = None,
                    focus: int | None = None):
    """Everything the text with its threads shows: each numbered paragraph (by its source line) with the threads
    about it, set beside it; the others (the whole section, or a paragraph the text no longer has) below it, open
    ones first, each with its comments (two queries). `focus` is the thread just acted on: htmx replaces the
    whole block, and the keyboard's focus must not fall back to the top of the page, so that thread takes it (a
    field refused takes it instead)."""
    listed = list(Thread.select(Thread, User.id, User.display_name).join(User)
                  .where(Thread.section == section.id).order_by(Thread.resolved, Thread.created_at.desc()))
    comments = defaultdict(list)
    for comment in (Comment.select(Comment, User.id, User.display_name).join(User)
                    .where(Comment.thread.in_([t.id for t in listed])).order_by(Comment.created_at, Comment.id)):
        comments[comment.thread_id].append(comment)
    first = exports.first_paragraph_number(section) if head else 1
    paragraphs = {}  # source line -> {index, number, threads}
    by_text = {}
    for index, paragraph in enumerate(numbered_paragraphs(head.body) if head else ()):
        paragraphs[paragraph.line] = {"index": index, "number": first + index, "threads": []}
        by_text.setdefault(paragraph.text, paragraphs[paragraph.line])
    whole = []
    for thread in listed:
        beside = by_text.get(thread.paragraph) if thread.paragraph else None
        (beside["threads"] if beside else whole).append((thread, comments[thread.id]))
    return {"threads": whole, "paragraphs": paragraphs, "head": head, "any": bool(listed),
            "thread_form": form or _thread_form(head, first), "reply": reply, "section": section,
            "may_comment": can_comment(current_user, section), "focus": focus}


def _thread_form(shown, first: int, posted: bool = False, paragraph: int = WHOLE_SECTION) -> ThreadForm:
    """The new-thread form over the numbered paragraphs of the revision shown, numbered as the PDF numbers them
    (from `first`); filled from the request only when it is being checked (or shown again with its errors)."""
    form = ThreadForm() if posted else ThreadForm(formdata=None, revision=shown.number if shown else None,
                                                  paragraph=paragraph)
    choices = [SelectChoice(WHOLE_SECTION, _("The whole section"))]
    for index, paragraph_shown in enumerate(numbered_paragraphs(shown.body) if shown else ()):
        choices.append(SelectChoice(index, f"¶ {first + index}: {shorten(paragraph_shown.text, 71)}"))
    form.paragraph.choices = choices
    return form


def _answer(section, head, status: int = 200, **context):
    """The thread list for htmx, the section page otherwise (or the list with its errors, refilled)."""
    if status == 200 and not g.htmx:
        focus = context.get("focus")
        return redirect(url_for("sections.show", section_id=section.id,
                                _anchor=f"thread-{focus}" if focus else "comments"))
    return render_page("comments/page.html", "comments/_threads.html",
                       comments=threads_context(section, head, **context), section=section), status


def _commentable_section(section_id: int):
    section = get_section(section_id)
    if not can_comment(current_user, section):
        abort(403)
    return section


def _commentable_thread(thread_id: int) -> Thread:
    thread = Thread.get_or_none(Thread.id == thread_id) or abort(404)
    _commentable_section(thread.section_id)
    return thread


@bp.route("/sections/<int:section_id>/threads/new")
@login_required
def new(section_id: int):
    """The new-thread form about the paragraph chosen in the text (a link beside it: no JavaScript needed)."""
    section = _commentable_section(section_id)
    head = section.head_revision()
    form = _thread_form(head, exports.first_paragraph_number(section),
                        paragraph=request.args.get("paragraph", WHOLE_SECTION, type=int))
    return render_template("comments/new.html", section=section, form=form)


@bp.route("/sections/<int:section_id>/threads", methods=["POST"])
@login_required
def create(section_id: int):
    """Start a thread, about the whole section or one paragraph of its current text."""
    section = _commentable_section(section_id)
    head = section.head_revision()
    # The paragraph is the one the person picked in the text they saw, even if someone saved since.
    posted = request.form.get("revision", type=int)
    shown = section.revision(posted) if posted else head
    form = _thread_form(shown, exports.first_paragraph_number(section), posted=True)
    if not form.validate():
        return _answer(section, head, 400, form=form)
    index = form.paragraph.data
    thread = threads.start(current_user, section, shown, index if index != WHOLE_SECTION else None, form.body.data)
    return _answer(section, head, focus=thread.id)


@bp.route("/threads/<int:thread_id>/comments", methods=["POST"])
@login_required
def reply(thread_id: int):
    """Answer in a thread."""
    thread = _commentable_thread(thread_id)
    section = get_section(thread.section_id)
    form = CommentForm()
    if not form.validate():
        return _answer(section, section.head_revision(), 400, reply=(thread.id, form))
    threads.reply(current_user, section, thread, form.body.data)
    return _answer(section, section.head_revision(), focus=thread.id)


@bp.route("/threads/<int:thread_id>/resolve", methods=["POST"])
@login_required
def resolve(thread_id: int):
    """Mark a point as dealt with; it stays readable, below the open ones."""
    return _set_resolved(thread_id, True)


@bp.route("/threads/<int:thread_id>/reopen", methods=["POST"])
@login_required
def reopen(thread_id: int):
    """Open a resolved point again."""
    return _set_resolved(thread_id, False)


def _set_resolved(thread_id: int, resolved: bool):
    thread = _commentable_thread(thread_id)
    section = get_section(thread.section_id)
    threads.set_resolved(current_user, section, thread, resolved)
    return _answer(section, section.head_revision(), focus=thread.id)
