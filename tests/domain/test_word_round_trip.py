"""A Word file imported into a section, saved, and exported again in the report's DOCX keeps its structure: the
heading, the numbered list from 5, the bulleted list, the table, the footnote and the picture."""
import io
import re
import zipfile

import docx

from coalition import exports, revisions, word_import
from export.word import render_docx
from models import Image, User
from tests.word_files import NOTE, report_docx


def test_a_word_file_imported_and_saved_exports_back_with_its_structure(app, blank_section):
    with app.test_request_context():
        user = User.create(login="writer", display_name="Writer", password_hash="-")
        draft = word_import.import_file(user, blank_section, report_docx(), "Imported from report.docx",
                                        word_import.storing_images(user, blank_section, "A picture"))
        revisions.save(blank_section, user, draft.body, draft.note, 0)
        data = render_docx(exports.document_for(blank_section.report, blank_section))
    word = docx.Document(io.BytesIO(data))
    texts = [(p.style.name, p.text) for p in word.paragraphs]
    assert any(style.startswith("Heading") and text.endswith("Freedom of expression") for style, text in texts)
    items = ("Decriminalise defamation.", "publish the list of blocked sites;")
    listed = [p for p in word.paragraphs if p.text in items]
    assert [p.style.name for p in listed] == ["List Number", "List Bullet"]
    files = zipfile.ZipFile(io.BytesIO(data))
    assert re.search(r'<w:startOverride w:val="5"/>', files.read("word/numbering.xml").decode())
    assert [[cell.text for cell in row.cells] for row in word.tables[-1].rows] == [
        ["Year", "Cases"], ["2022", "31"], ["2023", "44"]]
    notes = "".join(files.read(name).decode() for name in files.namelist() if name.endswith(("notes.xml",)))
    assert NOTE in notes
    media = [files.read(name) for name in files.namelist() if name.startswith("word/media/")]
    assert media == [bytes(Image.get().data)] and "<pic:pic" in files.read("word/document.xml").decode()
