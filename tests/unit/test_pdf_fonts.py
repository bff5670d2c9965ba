"""Every character the report quotes prints with a real glyph once the fallback fonts are installed (the Makefile's
fonts): checked in the PDF alone, by the glyph ids each embedded font draws (tests.helpers.notdef_characters), and by
WeasyPrint's own warning for a .notdef glyph."""
import io
import logging
from dataclasses import replace

from pypdf import PdfReader

from export import pdf
from export.document import DocGroup, DocSection
from tests.helpers import embedded_fonts, notdef_characters, pdf_text
from tests.unit.test_pdf import make_document

QUOTED = {
    "Kazakh": "ә ғ қ ң ө ұ ү һ і Ә Ғ Қ Ң Ө Ұ Ү Һ І",
    "Greek": "Ελληνική Δημοκρατία",
    "Chinese": "人权理事会",
    "Japanese and Korean": "人権 인권",
    "symbols": "✓ ∑ ≠ → ★",
    "emoji": "😀 👍",
}


def quoting(body: str, title: str = "Цитаты"):
    return replace(make_document(), groups=(DocGroup(title, (DocSection(title, body, "section-1"),)),))


def render(doc, caplog) -> bytes:
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        return pdf.render_pdf(doc)


def font_names(data: bytes) -> set[str]:
    return {font["/BaseFont"].split("+")[-1] for page in PdfReader(io.BytesIO(data)).pages
            for font in embedded_fonts(page["/Resources"])}


def test_every_script_prints_with_a_glyph_of_some_font(caplog):
    body = "\n\n".join(f"{script}: {text} **{text}** *{text}*" for script, text in QUOTED.items())
    data = render(quoting(f"{body}\n\n`{QUOTED['Chinese']}`", title=f"{QUOTED['Chinese']} 😀"), caplog)
    assert notdef_characters(data) == set() and ".notdef" not in caplog.text
    text = pdf_text(data)
    assert all(word in text for quote in QUOTED.values() for word in quote.split())
    names = font_names(data)
    # The shipped fonts come first (Latin, Cyrillic, Kazakh and Greek stay in DejaVu); serif text falls back on
    # serif faces, headings and code on sans ones; emoji come from Symbola.
    assert {"Report-Serif", "Report-Serif-Bold", "Noto-Serif-CJK-SC", "Noto-Sans-CJK-SC-Bold"} <= names
    assert any(name.startswith("Symbola") for name in names)
    assert not {"Noto-Serif", "Noto-Sans"} & names


def test_a_character_no_font_has_is_seen_as_a_box(caplog):
    data = render(quoting("Private \ue000 use."), caplog)
    assert notdef_characters(data) == {"\ue000"}
    assert "U+E000" in caplog.text


def test_line_and_paragraph_separators_break_rather_than_print(caplog):
    data = render(quoting("First line\u2028second line\u2029Next paragraph."), caplog)
    assert notdef_characters(data) == set() and ".notdef" not in caplog.text
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "First line\nsecond line" in text and "\u2028" not in text and "\u2029" not in text
    assert "2. Next paragraph." in text  # a paragraph of its own, numbered
