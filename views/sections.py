"""A section: reading it, editing it with a live preview, saving a revision."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

import revisions
from forms import EditForm
from markup import render
from views import get_section, render_page
from wordcount import count_markdown

bp = Blueprint("sections", __name__, url_prefix="/sections")


@bp.route("/<int:section_id>")
@login_required
def show(section_id: int):
    """The section's current text."""
    section = get_section(section_id)
    return render_template("sections/show.html", section=section, head=section.head_revision())


@bp.route("/<int:section_id>/edit", methods=["GET", "POST"])
@login_required
def edit(section_id: int):
    """The editor; 'Preview' re-renders it without saving (the no-JavaScript path), 'Save' saves."""
    section = get_section(section_id, check_edit=True)
    head = section.head_revision()
    form = EditForm()
    status = 200
    if request.method == "GET":
        form.body.data = head.body if head else ""
        form.base.data = head.number if head else 0
    elif request.form.get("action") != "preview":
        if not form.validate():
            status = 400
        else:
            try:
                revision = revisions.save(section, current_user, form.body.data, form.note.data or "",
                                          form.base.data)
            except revisions.NothingChanged:
                flash(_("Nothing changed, so no new revision was made."), "info")
                return redirect(url_for("sections.show", section_id=section.id))
            except revisions.StaleBase as stale:
                # Never overwrite: keep the text, say what moved, and let the author decide.
                flash(_("Someone saved this section (revision %(number)s) after you opened it. "
                        "Your text is kept below; compare their change, then save again.",
                        number=stale.head.number), "warning")
                form.base.raw_data = None  # render the new base, not the one that was posted
                form.base.data = stale.head.number
                status = 409
            else:
                flash(_("Saved as revision %(number)s.", number=revision.number), "success")
                return redirect(url_for("sections.show", section_id=section.id))
    return render_template("sections/edit.html", section=section, head=head, form=form,
                           preview=_preview(form.body.data or "")), status


@bp.route("/<int:section_id>/preview", methods=["POST"])
@login_required
def preview(section_id: int):
    """The live preview fragment: rendered text and word counts, nothing saved."""
    section = get_section(section_id, check_edit=True)
    return render_page("sections/preview.html", "sections/_preview.html", section=section,
                       preview=_preview(request.form.get("body", "")))


def _preview(body: str) -> dict:
    return {"html": render(body, id_prefix="preview-"), "counts": count_markdown(body)}
