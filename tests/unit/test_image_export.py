"""Uploaded images in the files: the PDF draws the ones its Document carries (its fetcher serves nothing else, and
nothing from a network), the DOCX has each as a picture no wider than the text with its description, and an image
the Document lacks is a note in both."""
import hashlib
import io
import zipfile
from dataclasses import replace

import docx
import pytest
from docx.shared import Emu
from pypdf import PdfReader

from export import pdf
from export.document import DocGroup, DocImage, DocSection
from export.word import DENSITIES, EMU_PER_PIXEL, render_docx
from tests import images
from tests.unit.test_docx_export import LABELS, make_document, shown

WIDE, SMALL = images.png(3000, 1000), images.png(200, 100, colour=(0, 90, 200))
BODY = ("Text before.\n\n![A wide chart](/images/7)\n\nA small one ![A small chart](/images/8) inline, and one of "
        "a removed section ![Gone](/images/9).")


def image(image_id: int, data: bytes, width: int, height: int) -> DocImage:
    return DocImage(image_id, "image/png", data, width, height, hashlib.sha256(data).hexdigest())


def document(body: str = BODY):
    return make_document(groups=(DocGroup("Группа", (DocSection("Раздел", body, "section-1"),)),),
                         images=(image(7, WIDE, 3000, 1000), image(8, SMALL, 200, 100)))


@pytest.fixture(scope="module")
def pdf_pages():
    return PdfReader(io.BytesIO(pdf.render_pdf(document()))).pages


def test_the_pdf_draws_the_documents_images(pdf_pages):
    # WeasyPrint's pages share one resource dictionary: each image once, by its pixels.
    drawn = {picture.image.tobytes(): picture.image.size for page in pdf_pages for picture in page.images}
    assert sorted(drawn.values()) == [(200, 100), (3000, 1000)]


def walk(box):
    yield box
    for child in getattr(box, "children", []):
        yield from walk(child)


def test_the_pdf_keeps_the_wide_image_within_the_text():
    """The 3000-pixel chart is scaled to the text's width; the 200-pixel one keeps its size (96 pixels an inch)."""
    for page in pdf.layout(document()).pages:
        frame = page._page_box
        shown = sorted(box.width for box in walk(frame) if type(box).__name__.endswith("ReplacedBox"))
        if shown:
            assert shown[0] == pytest.approx(200)
            # The paragraphs' width: the page's text less the 1 cm (37.8 px) that the paragraphs' numbers hang in.
            assert shown[-1] == pytest.approx(frame.width - 37.8, abs=1)
            return
    pytest.fail("no image laid out")


def test_an_image_the_document_lacks_is_a_note_in_the_pdf(pdf_pages):
    text = " ".join(page.extract_text() for page in pdf_pages)
    assert "Text before." in text and f"[{LABELS.image_missing}: Gone]" in text


def test_the_fetcher_serves_only_the_documents_images():
    fetcher = pdf.DocumentFetcher(document())
    assert fetcher.fetch("/images/7").read() == WIDE
    assert fetcher.fetch("app-static:/images/8").read() == SMALL
    for url in ("/images/9", "/images/7?x", "//host/images/7", "app-static://host/images/7",
                "http://127.0.0.1/images/7", "file:///images/7", "images/7"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def pictures(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return [name for name in package.namelist() if name.startswith("word/media/")]


def test_the_docx_has_each_image_as_a_picture_no_wider_than_the_text():
    data = render_docx(document())
    assert len(pictures(data)) == 2
    word = docx.Document(io.BytesIO(data))
    widths = sorted(shape.width for shape in word.inline_shapes)
    assert widths == [Emu(200 * EMU_PER_PIXEL), DENSITIES["standard"].text_width]
    descriptions = word.element.body.xpath(".//wp:docPr/@descr")
    assert sorted(descriptions) == ["A small chart", "A wide chart"]


def test_in_a_docx_table_an_image_takes_at_most_its_columns_share():
    table = "| Chart | Note |\n|---|---|\n| ![A wide chart](/images/7) | x |"
    word = docx.Document(io.BytesIO(render_docx(document(table))))
    [shape] = word.inline_shapes
    assert shape.width == DENSITIES["standard"].text_width // 2


def test_in_the_docx_a_figure_takes_no_number_and_a_missing_image_is_a_note():
    texts = shown(docx.Document(io.BytesIO(render_docx(document()))))
    start = texts.index("1.1 Раздел")
    assert texts[start + 1:start + 4] == [
        "1. Text before.", "",
        f"2. A small one  inline, and one of a removed section [{LABELS.image_missing}: Gone]."]


def test_the_cache_key_follows_the_images_bytes():
    from coalition.exports import cache_key
    doc = document()
    changed = replace(doc, images=(image(7, WIDE, 3000, 1000), image(8, images.png(200, 100), 200, 100)))
    assert cache_key(doc, "pdf") == cache_key(replace(doc), "pdf")
    assert cache_key(doc, "pdf") != cache_key(changed, "pdf")
