"""coalition.word_import without HTTP: a Word file becomes the person's draft with its note and its pictures'
addresses, and is no revision; a bad file, or a picture the store refuses, changes nothing."""
import docx
import pytest

from coalition import revisions, word_import
from models import Draft, Revision, User
from tests.word_files import MARKDOWN, png, report_docx, saved

NOTE = "Imported from report.docx"


@pytest.fixture
def writer(blank_section):
    user = User.create(login="writer", display_name="Writer", password_hash="-")
    revisions.save(blank_section, user, "The text as saved.", "", 0)
    return user


def stored():
    """A fake image store that numbers what it keeps."""
    pictures = []

    def store(data: bytes, alt: str) -> str:
        pictures.append((data, alt))
        return f"/images/{len(pictures) + 40}"

    store.pictures = pictures
    return store


def test_the_file_becomes_the_persons_draft_with_its_pictures_addresses(blank_section, writer):
    store = stored()
    draft = word_import.import_file(writer, blank_section, report_docx(), NOTE, store)
    assert draft.body == MARKDOWN.replace("(word-image:0)", "(/images/41)") + "\n"
    assert (draft.note, draft.base_number, draft.closed) == (NOTE, 1, False)
    assert store.pictures == [(png(), "Chart of cases by year")]
    assert Revision.select().count() == 1  # nothing is a revision until the person saves


def test_an_import_replaces_a_discarded_or_earlier_draft(blank_section, writer):
    Draft.keep(writer, blank_section, "An earlier draft.\n", "", 1, "page")
    Draft.close(writer, blank_section, editor="")  # discarded: closed for no page
    word_import.import_file(writer, blank_section, report_docx(), NOTE, stored())
    assert Draft.of(writer, blank_section).body.startswith("### Freedom of expression")


def test_a_long_file_name_is_cut_to_a_notes_length(blank_section, writer):
    draft = word_import.import_file(writer, blank_section, report_docx(), "x" * 400, stored())
    assert draft.note == "x" * word_import.NOTE_CHARS


def test_a_bad_file_changes_nothing(blank_section, writer):
    Draft.keep(writer, blank_section, "My unsaved words.\n", "mine", 1, "page")
    with pytest.raises(word_import.Unreadable):
        word_import.import_file(writer, blank_section, b"not a word file", NOTE, stored())
    kept = Draft.of(writer, blank_section)
    assert (kept.body, kept.note) == ("My unsaved words.\n", "mine")


def test_a_text_too_long_for_a_section_is_refused(blank_section, writer):
    document = docx.Document()
    document.add_paragraph("word " * (revisions.MAX_BODY_CHARS // 5 + 1))
    with pytest.raises(word_import.Unreadable) as refused:
        word_import.import_file(writer, blank_section, saved(document), NOTE, stored())
    assert (refused.value.reason, refused.value.params) == ("too_long", {"limit": revisions.MAX_BODY_CHARS})
    assert Draft.of(writer, blank_section) is None


def test_a_refused_picture_changes_nothing(blank_section, writer):
    def refuse(data, alt):
        raise word_import.ImageRefused("no pictures here")

    with pytest.raises(word_import.ImageRefused):
        word_import.import_file(writer, blank_section, report_docx(), NOTE, refuse)
    assert Draft.of(writer, blank_section) is None
