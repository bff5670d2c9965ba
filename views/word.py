"""Word into the editor: a .docx imported as the person's draft of a section, then opened in the editor; and rich
text pasted from Word, LibreOffice or Google Docs, converted to Markdown for the editor's script (without the
script, plain text pastes as ever)."""
import re

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _, lazy_gettext as _l
from flask_login import current_user, login_required

from coalition import word_import
from coalition.revisions import MAX_BODY_CHARS
from models import Draft
from readers import clipboard
from views import get_section
from web.forms import WordImportForm
from web.uploads import accepts

bp = Blueprint("word", __name__, url_prefix="/sections")
FILE_MB = 10  # a report's Word file with its charts
PASTE_MB = 3  # Word's HTML of a section as long as may be saved (~200,000 characters) is ~2 MB; ~10 s to convert
UNREADABLE = {
    "not_docx": _l("This is not a Word file (.docx). Open it in Word or LibreOffice, save it as a Word document "
                   "(.docx) and import that file."),
    "doc": _l("This is an old Word file (.doc). Open it in Word, save it as a Word document (.docx) and import "
              "that file."),
    "encrypted": _l("The file is protected by a password. Open it, remove the password (File → Info → Protect "
                    "Document), save it and import it again."),
    "corrupt": _l("The file is damaged and cannot be opened. Open it in Word, save it again and import the new "
                  "file."),
    "macros": _l("The file contains macros, which are never imported. Save it as a Word document without macros "
                 "(.docx) and import that file."),
    "too_large": _l("The file unpacks to more than %(limit)s MB, more than a report's text and pictures need. "
                    "Make its pictures smaller or split the file."),
    "packed": _l("The file holds parts packed far more tightly than a document's: it is refused as a possible "
                 "“zip bomb”. Save it again in Word and import the new file."),
    "empty": _l("The file has no text to import."),
    "too_long": _l("The file's text is longer than a section may be (%(limit)s characters). Import its parts into "
                   "their sections one by one."),
    "control": _l("The file's text holds control characters, which cannot be saved. Save it again in Word and "
                  "import the new file."),
}


@bp.route("/<int:section_id>/import", methods=["GET", "POST"])
@login_required
@accepts(FILE_MB * 1024 * 1024)
def upload(section_id: int):
    """Choose a Word file; its text becomes one's draft, opened in the editor to check and save."""
    section = get_section(section_id, check_edit=True)
    form = WordImportForm()
    if form.validate_on_submit():
        name = re.split(r"[/\\]", form.file.data.filename or "")[-1]  # a path, as some browsers send
        try:
            word_import.import_file(current_user, section, form.file.data.read(),
                                    _("Imported from %(name)s", name=name),
                                    word_import.storing_images(current_user, section,
                                                               _("A picture from %(name)s", name=name)))
        except word_import.Unreadable as error:
            form.file.errors.append(UNREADABLE[error.reason] % error.params)
        except word_import.ImageRefused as error:
            form.file.errors.append(str(error))
        else:
            return redirect(url_for("sections.edit", section_id=section.id, draft=1))
    return render_template("word/import.html", section=section, form=form, limit=FILE_MB,
                           draft=Draft.of(current_user, section)), 400 if form.errors else 200


@bp.route("/<int:section_id>/paste", methods=["POST"])
@login_required
@accepts(PASTE_MB * 1024 * 1024)
def paste(section_id: int):
    """The clipboard's HTML (form field `html`) as Markdown, in plain text for the editor's script: for anyone who
    reads the section, since a suggested edit is written in the same editor; nothing is kept."""
    get_section(section_id)
    markdown = clipboard.to_markdown(request.form.get("html", ""))
    if not markdown.strip():
        return _plain(_("There is no text in what you pasted."), 400)
    if len(markdown) > MAX_BODY_CHARS:
        return _too_large_paste()
    return _plain(markdown, 200)


@bp.errorhandler(413)
def too_large(error):
    """Refused before the view ran (the request is over its limit): the paste's script gets words, a person a page."""
    if request.endpoint == "word.paste":
        return _too_large_paste()
    message = _("The file is larger than %(limit)s MB. Make its pictures smaller or split the file, then import "
                "it again. Nothing was changed.", limit=FILE_MB)
    return render_template("errors/error.html", code=413, message=message), 413


def _too_large_paste():
    return _plain(_("What you pasted is too long for a section (%(limit)s characters). Nothing was pasted; paste a "
                    "part of it.", limit=MAX_BODY_CHARS), 413)


def _plain(text: str, status: int):
    return text, status, {"Content-Type": "text/plain; charset=utf-8"}
