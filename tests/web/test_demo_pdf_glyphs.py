"""No glyph of the demo's PDF prints as .notdef (an empty box), and the editor's preview names a character no font
of the PDF has before it gets that far."""
import logging

from coalition import exports
from export import glyphs, pdf
from models import Report
from tests.helpers import notdef_characters, pdf_text

HX = {"HX-Request": "true"}


def test_no_glyph_of_the_demo_prints_as_notdef(app, runner, caplog):
    """Checked in the PDF: every glyph id each embedded font draws is a glyph of its embedded program (WeasyPrint
    gives a character no font has one past the end), WeasyPrint warned of no .notdef glyph, and every character of
    the text is in the character maps of the PDF's fonts, so the preview would have flagged none."""
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    with app.app_context():
        doc = exports.document_for(Report.get())
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        data = pdf.render_pdf(doc)
    assert notdef_characters(data) == set() and ".notdef" not in caplog.text
    text = pdf_text(data)
    assert "Қазақстан" in text and glyphs.unprintable(text, glyphs.pdf_fonts()) == []


def test_the_preview_names_a_character_no_font_has(client, world, login):
    login("member")
    own = world["sections"]["own"]
    response = client.post(f"/sections/{own}/preview", data={"body": "Logo: \ue000, then 人权 and 😀."}, headers=HX)
    assert response.status_code == 200
    assert "no font for these characters" in response.text and "U+E000" in response.text
    assert "U+4EBA" not in response.text and "GRINNING FACE" not in response.text  # the fallbacks print these
    no_script = client.post(f"/sections/{own}/edit", data={"body": "\ue000", "base": 2, "action": "preview"})
    assert no_script.status_code == 200 and "U+E000" in no_script.text
    ordinary = client.post(f"/sections/{own}/preview", data={"body": "Қазақстан, «право»."}, headers=HX)
    assert "no font for these characters" not in ordinary.text


def test_without_the_fallback_fonts_the_preview_names_what_only_they_print(client, world, login, monkeypatch):
    monkeypatch.setattr(glyphs, "pdf_fonts", lambda: tuple(glyphs.shipped_fonts(pdf.STYLESHEET.read_text())))
    login("member")
    response = client.post(f"/sections/{world['sections']['own']}/preview", data={"body": "人权, ✓"}, headers=HX)
    assert "U+4EBA CJK UNIFIED IDEOGRAPH-4EBA, U+6743 CJK UNIFIED IDEOGRAPH-6743" in response.text
    assert "U+2713" not in response.text  # DejaVu has the check mark


def test_a_long_list_of_unprintable_characters_is_cut(client, world, login):
    login("member")
    body = "".join(chr(0xE000 + n) for n in range(30))
    text = client.post(f"/sections/{world['sections']['own']}/preview", data={"body": body}, headers=HX).text
    assert "U+E00B" in text and "U+E00C" not in text and "…" in text
