"""Comment threads on a section: raise a point (about one paragraph, if need be), reply, resolve, reopen."""
from collections import defaultdict

from flask import Blueprint, abort, g, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from coalition import exports, threads
from coalition.permissions import can_comment
from models import Comment, Prepared, Thread, User
from text.lengths import shorten
from text.markup import numbered_paragraphs
from views import get_section, render_page
from web.forms import CommentForm, ThreadForm

bp = Blueprint("comments", __name__)
WHOLE_SECTION = -1
LIST_ONLY = "list_only"  # sent by htmx from a page that shows the text itself: answer with the threads alone
IN_MARGIN = "in_margin"  # sent by the form opened beside a paragraph: show it there again if refused


# Every section page shows its threads (prepared: see models.Prepared).
_THREADS = Prepared(lambda section_id: Thread.select(Thread, User.id, User.display_name).join(User)
                    .where(Thread.section == section_id).order_by(Thread.resolved, Thread.created_at.desc()))
_COMMENTS = Prepared(lambda section_id: Comment.select(Comment, User.id, User.display_name, Thread.id)
                     .join(User, on=(Comment.author == User.id)).join_from(Comment, Thread)
                     .where(Thread.section == section_id).order_by(Comment.created_at, Comment.id))


def threads_context(section, head, form: ThreadForm | None = None, reply: tuple[int, CommentForm] | None = None,
                    focus: int | None = None, beside: bool = True,
                    in_margin: tuple[int, ThreadForm] | None = None):
    """Everything the threads show: with `beside`, each numbered paragraph of the text (by its source line) with
    the threads about it set beside it, and the others (the whole section, or a paragraph the text no longer has)
    below it; without (the review page, which shows the text its own way), every thread below, quoting its
    paragraph. Open ones first, each with its comments (two queries). `focus` is the thread just acted on: htmx
    replaces the whole block, and the keyboard's focus must not fall back to the top of the page, so that thread
    takes it (a field refused takes it instead). `in_margin`: a new-thread form refused, to show again beside
    paragraph (index) it was opened by."""
    listed = _THREADS.rows(section.id)
    comments = defaultdict(list)
    for comment in _COMMENTS.rows(section.id):
        comments[comment.thread_id].append(comment)
    first = exports.first_paragraph_number(section) if head else 1
    paragraphs = [{"line": paragraph.line, "text": paragraph.text, "index": index, "number": first + index,
                   "threads": []}
                  for index, paragraph in enumerate(numbered_paragraphs(head.body) if head and beside else ())]
    whole = []
    for thread in listed:
        anchor = _anchor(thread, paragraphs)
        (anchor["threads"] if anchor else whole).append((thread, comments[thread.id]))
    if in_margin and in_margin[0] in range(len(paragraphs)):
        in_margin = (in_margin[0], _margin_ids(in_margin[1], in_margin[0]))
    elif in_margin:
        form, in_margin = in_margin[1], None  # its paragraph is gone since: the form below shows it instead
    return {"threads": whole, "paragraphs": {p["line"]: p for p in paragraphs}, "head": head, "any": bool(listed),
            "thread_form": form or _thread_form(head, first), "reply": reply, "section": section,
            "may_comment": can_comment(current_user, section), "focus": focus, "beside": beside,
            "in_margin": in_margin}


def _anchor(thread: Thread, paragraphs: list[dict]) -> dict | None:
    """The paragraph a thread sits beside: the one it was started on while it still reads the same there (two
    paragraphs may read the same), else the first that reads so (the text moved), else none."""
    if not thread.paragraph:
        return None
    at = thread.paragraph_index
    if at is not None and at < len(paragraphs) and paragraphs[at]["text"] == thread.paragraph:
        return paragraphs[at]
    return next((p for p in paragraphs if p["text"] == thread.paragraph), None)


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


def _margin_ids(form: ThreadForm, index: int) -> ThreadForm:
    """The form opened beside paragraph `index` names its field apart from the form below the text (and from
    those opened beside other paragraphs)."""
    form.body.id = form.body.label.field_id = f"comment-{index}"
    return form


def _answer(section, head, status: int = 200, **context):
    """The threads for htmx (the list alone if the page shows the text its own way, as the review page does and
    says with LIST_ONLY), the section page otherwise (or the threads with their errors, refilled)."""
    if status == 200 and not g.htmx:
        focus = context.get("focus")
        return redirect(url_for("sections.show", section_id=section.id,
                                _anchor=f"thread-{focus}" if focus else "comments"))
    beside = not request.values.get(LIST_ONLY)
    return render_page("comments/page.html", "comments/_threads.html",
                       comments=threads_context(section, head, beside=beside, **context), section=section), status


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
    """The new-thread form about the paragraph chosen in the text, by the link beside it: a page of its own
    (no JavaScript needed), or for htmx the form alone, opened in that paragraph's margin."""
    section = _commentable_section(section_id)
    head = section.head_revision()
    index = request.args.get("paragraph", WHOLE_SECTION, type=int)
    form = _thread_form(head, exports.first_paragraph_number(section), paragraph=index)
    margin = index if g.htmx and index in range(len(form.paragraph.choices) - 1) else None
    return render_page("comments/new.html", "comments/_new_form.html", section=section, margin=margin,
                       form=form if margin is None else _margin_ids(form, margin))


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
        if request.form.get(IN_MARGIN):
            return _answer(section, head, 400, in_margin=(form.paragraph.data, form))
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
