"""Which characters no font of the PDF has (export/glyphs.py), with the fonts given explicitly so that the answer does
not depend on what this machine has installed, and the fonts the PDF itself is found to use."""
from pathlib import Path

import pytest

from export import glyphs, pdf

STYLESHEET = pdf.STYLESHEET.read_text()
SHIPPED = glyphs.shipped_fonts(STYLESHEET)
SERIF = [glyphs.Face(pdf.STATIC_DIR / "fonts" / "DejaVuSerif.ttf")]
KAZAKH = "Қазақстан Республикасы: ә ғ қ ң ө ұ ү һ і, Ә Ғ Қ Ң Ө Ұ Ү Һ І; «право» — №5"


def symbola() -> list[glyphs.Face]:
    faces = glyphs.installed("Symbola")
    assert faces, "Symbola is not installed: `make test` installs it (the Makefile's fonts)"
    return faces


def test_cyrillic_and_kazakh_need_nothing_but_the_shipped_fonts():
    assert glyphs.unprintable(KAZAKH, SERIF) == []


def test_an_emoji_is_flagged_until_a_font_has_it():
    assert glyphs.unprintable("Yes 😀", SERIF) == ["😀"]
    assert glyphs.unprintable("Yes 😀", SERIF + symbola()) == []


def test_a_private_use_character_is_flagged_by_every_font():
    assert glyphs.unprintable("a\ue000b", glyphs.pdf_fonts()) == ["\ue000"]


def test_each_character_once_in_order_and_what_is_not_drawn_never():
    text = "人权 人\u2028\u2029\t\u00a0\u00ad\u200d\ufe0f\U000e0100 \ue001 权"
    assert glyphs.unprintable(text, SERIF) == ["人", "权", "\ue001"]


def test_a_character_described_by_code_point_and_name():
    assert glyphs.describe("😀") == "U+1F600 GRINNING FACE"
    assert glyphs.describe("人") == "U+4EBA CJK UNIFIED IDEOGRAPH-4EBA"
    assert glyphs.describe("\ue000") == "U+E000"


def test_the_pdf_fonts_are_the_shipped_files_then_the_stacks_fallbacks():
    assert {face.path for face in SHIPPED} == set(pdf.STATIC_DIR.glob("fonts/*.ttf"))
    families = glyphs.fallback_families(STYLESHEET)
    assert families[:3] == ["Noto Serif", "Noto Serif CJK SC", "Noto Sans Symbols"] and "Report Sans" not in families
    fonts = glyphs.pdf_fonts()
    assert fonts[:len(SHIPPED)] == tuple(SHIPPED)
    assert {face.path.name for face in fonts} >= {"NotoSerif-Regular.ttf", "NotoSansCJK-Regular.ttc"}


def test_the_fallbacks_cover_the_scripts_a_report_may_quote():
    assert glyphs.unprintable(f"{KAZAKH} Ελληνικά 人权 인권 人権 ✓ → ∑ 😀", glyphs.pdf_fonts()) == []


def test_a_family_not_installed_has_no_files():
    assert glyphs.installed("No Such Family Anywhere") == []


@pytest.mark.parametrize("stack", ['"Report Serif", "Noto Serif"', '"Noto Serif",\n "Symbola"'])
def test_stacks_are_read_from_the_custom_properties(stack):
    css = f'@font-face {{ font-family: "Report Serif"; src: url("x") }}\n:root {{ --serif: {stack}; }}'
    assert glyphs.fallback_families(css) == [name for name in ("Noto Serif", "Symbola") if name in stack]


def test_a_font_file_missing_is_an_error_not_a_silent_pass(tmp_path):
    with pytest.raises(FileNotFoundError):
        glyphs.unprintable("a", [glyphs.Face(Path(tmp_path / "gone.ttf"))])
