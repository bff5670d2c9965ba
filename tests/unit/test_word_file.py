"""Word files to Markdown: a .docx made with python-docx imports with its headings, lists (numbered from 5),
table, bold and italic, footnote and picture; anything but a plain .docx is refused before mammoth reads it."""
import io
import random
import zipfile

import docx
import pytest

from readers import tables, word_file
from readers.word_file import Unreadable
from tests.word_files import MARKDOWN, png, report_docx, saved, with_parts, zipped


def test_a_word_report_becomes_markdown_with_its_picture():
    result = word_file.read(report_docx())
    assert result.markdown == MARKDOWN
    assert result.images == [word_file.Picture(png(), "image/png", "Chart of cases by year")]


def test_numbering_goes_on_after_a_paragraph_as_word_counts_it():
    document = docx.Document()
    for text in ("First", "Second", None, "Third"):
        if text is None:
            document.add_paragraph("An explanation between the items.")
        else:
            document.add_paragraph(text, style="List Number")
    assert word_file.read(saved(document)).markdown == (
        "1. First\n2. Second\n\nAn explanation between the items.\n\n3. Third")


def test_a_document_without_lists_or_numbering_part_is_read_as_it_is():
    document = docx.Document()
    document.add_paragraph("Only a sentence, 5*3*2.")
    data = saved(document)
    source = zipfile.ZipFile(io.BytesIO(data))
    without = zipped({n: source.read(n) for n in source.namelist() if n != "word/numbering.xml"})
    assert word_file.read(without).markdown == r"Only a sentence, 5\*3\*2."


def bomb(size_mb: int) -> bytes:
    """A .docx whose one extra part unpacks to size_mb of zeros (about a thousandth of that packed)."""
    return with_parts(report_docx(), {"word/media/padding.bin": bytes(size_mb * 1024 * 1024)})


@pytest.mark.parametrize(("data", "reason", "params"), [
    (b"Plain text saved with a .docx name.\n", "not_docx", {}),
    (zipped({"xl/workbook.xml": b"<workbook/>"}), "not_docx", {}),
    (zipped({"[Content_Types].xml": b"<Types/>", "word/styles.xml": b"<styles/>"}), "not_docx", {}),
    (b"PK\x03\x04 not really a zip", "corrupt", {}),
    (tables.OLE + "WordDocument".encode("utf-16-le") + bytes(512), "doc", {}),
    (tables.OLE + "EncryptedPackage".encode("utf-16-le") + bytes(512), "encrypted", {}),
    (with_parts(report_docx(), {"word/vbaProject.bin": b"macro"}), "macros", {}),
    (with_parts(report_docx(), {"[Content_Types].xml": b'<Types><Override PartName="/word/document.xml" '
                                b'ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>'}),
     "macros", {}),
    (with_parts(report_docx(), {"word/document.xml": b"<w:document>broken"}), "corrupt", {}),
    (saved(docx.Document()), "empty", {}),
], ids=["text", "workbook", "no document.xml", "damaged zip", "old doc", "password", "vbaProject", "docm",
        "broken xml", "empty"])
def test_a_file_that_is_not_a_plain_word_document_is_refused(data, reason, params):
    with pytest.raises(Unreadable) as refused:
        word_file.read(data)
    assert (refused.value.reason, refused.value.params) == (reason, params)


@pytest.mark.parametrize(("size_mb", "reason", "params"), [(101, "too_large", {"limit": 100}), (3, "packed", {})])
def test_a_zip_bomb_is_refused_without_unpacking_it(monkeypatch, size_mb, reason, params):
    data = bomb(size_mb)

    def unpack(*args, **kwargs):
        raise AssertionError("a part was unpacked")

    monkeypatch.setattr(zipfile.ZipExtFile, "read", unpack)
    with pytest.raises(Unreadable) as refused:
        word_file.check(data)
    assert (refused.value.reason, refused.value.params) == (reason, params)


def test_a_large_picture_packed_as_pictures_pack_is_no_bomb():
    """A photo barely packs: several MB of it is a document, not a bomb."""
    noise = random.Random(1).randbytes(3 * 1024 * 1024)
    word_file.check(with_parts(report_docx(), {"word/media/photo.bin": noise}))
