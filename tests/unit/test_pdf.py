"""The report PDF: contents, numbering, notes, fonts, metadata and the DRAFT mark, read back with pypdf."""
import io
import re

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from export import pdf
from export.document import ENDNOTES, FOOTNOTES, DocGroup, DocOrganisation, DocSection, Document
from tests.helpers import embedded_fonts
from text.markup import render_for_print

KAZAKH_WORDS = ["Қазақстан", "әділ", "құқығы", "Ұлттық", "Үкімет", "Һ", "І", "ӘәҒғҚқҢңӨөҰұҮүҺһІі"]
TITLES = [["Свобода мирных собраний", "Право на справедливый суд"],
          ["Права женщин в сельской местности", "Права детей с инвалидностью"]]
PARAGRAPHS_PER_SECTION = 3


def section_body(n: int) -> str:
    """Three top-level paragraphs ("Абзац k" for the k-th of the report), a list, a table, a quote, notes."""
    first = (n - 1) * PARAGRAPHS_PER_SECTION
    return f"""Абзац {first + 1}: право на мирные собрания ограничено[^a].

Абзац {first + 2}: Қазақстан Республикасында әділ сот төрелігіне құқығы қамтамасыз етілмеген[^b].

### Рекомендации

- {KAZAKH_WORDS[0]}
- {" ".join(KAZAKH_WORDS[1:])}

| Рекомендация | Государство | Статус |
|---|---|---|
| 118.{n} | Норвегия | Не выполнена[^c] |

> Цитата, которая не нумеруется.

Абзац {first + 3}: **Ұлттық** алдын алу *тетігі* мен Үкімет, [закон](https://adilet.zan.kz/rus/docs/Z2000000333).

[^a]: Сноска {n}a о законе.
[^b]: Сноска {n}b о Конституции.
[^c]: Сноска {n}c о рекомендации.
"""


def note_texts() -> list[str]:
    return [f"Сноска {n}{x} о {topic}" for n in range(1, 5)
            for x, topic in (("a", "законе"), ("b", "Конституции"), ("c", "рекомендации"))]


def make_document(notes: str = FOOTNOTES, draft: bool = True) -> Document:
    sections = iter(range(1, 5))
    groups = tuple(
        DocGroup(name, tuple(DocSection(title, section_body(n), f"section-{n}") for title, n in zip(titles, sections)))
        for name, titles in zip(["Гражданские и политические права", "Права уязвимых групп"], TITLES)
    )
    return Document(
        title="Совместный доклад коалиции НПО Казахстана", short_title="Коалиция НПО — УПО",
        country="Казахстан", mechanism="Универсальный периодический обзор", cycle="4-й цикл",
        session="48-я сессия", language="ru", date="15 июля 2024 г.",
        coordinator="Казахстанское международное бюро по правам человека", contact="info@bureau.kz",
        coalition="Коалиция основана в 2009 году.",
        organisations=(DocOrganisation("Бюро", "Алматы"), DocOrganisation("Центр", "Атырау")),
        groups=groups, notes=notes, draft=draft,
    )


def pages_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


@pytest.fixture(scope="module")
def footnoted() -> bytes:
    return pdf.render_pdf(make_document(FOOTNOTES))


@pytest.fixture(scope="module")
def endnoted() -> bytes:
    return pdf.render_pdf(make_document(ENDNOTES, draft=False))


NOTED = ("One[^x] two^[*Inline* note] three[^x].\n\n| a |\n|---|\n| cell[^y] |\n\n"
         "[^x]: First <b>note</b>.\n\n    More.\n[^y]: Cell note.")


def test_print_markup_puts_notes_inline():
    printed = render_for_print(NOTED, notes_inline=True)
    assert printed.notes == [] and "footnotes" not in printed.html
    assert printed.html.count('<span class="footnote">First &lt;b&gt;note&lt;/b&gt;.<br>More.</span>') == 2
    assert '<span class="footnote"><em>Inline</em> note</span>' in printed.html
    assert '<td>cell<span class="footnote">Cell note.</span></td>' in printed.html


def test_print_markup_numbers_endnotes_from_first_note():
    printed = render_for_print(NOTED, notes_inline=False, first_note=5)
    assert [(n.number, n.anchor) for n in printed.notes] == [(5, "note-5"), (6, "note-6"), (7, "note-7")]
    assert printed.notes[1].html == "<em>Inline</em> note"
    assert '<a href="#note-5" id="ref-note-5"' in printed.html and 'id="ref-note-5-1"' in printed.html
    assert "<span" not in printed.html and "footnotes" not in printed.html


def test_print_markup_says_where_an_image_from_elsewhere_stood_in_an_unnumbered_paragraph():
    assert render_for_print("![x](http://127.0.0.1/x.png)\n\nText", True, image_note="not shown").html == (
        '<p class="figure"><span class="image-missing" title="http://127.0.0.1/x.png">[not shown: x]</span></p>\n'
        "<p>Text</p>\n")


def test_html_carries_language_and_metadata():
    html = pdf.build_html(make_document())
    assert '<html lang="ru">' in html
    assert "<title>Совместный доклад коалиции НПО Казахстана</title>" in html
    assert '<meta name="keywords" content="Казахстан, Универсальный периодический обзор">' in html


def test_pdf_metadata(footnoted):
    metadata = PdfReader(io.BytesIO(footnoted)).metadata
    assert metadata.title == "Совместный доклад коалиции НПО Казахстана"
    assert metadata.author == "Казахстанское международное бюро по правам человека"


def test_toc_page_numbers_match_the_headings(footnoted):
    pages = pages_text(footnoted)
    toc_page = next(i for i, text in enumerate(pages) if "Contents" in text)
    toc_lines = pages[toc_page].splitlines()
    for title in [t for titles in TITLES for t in titles]:
        line = next(line for line in toc_lines if title in line)
        listed = int(re.search(r"(\d+)\s*$", line).group(1))
        actual = next(i for i, text in enumerate(pages) if i > toc_page and title in text) + 1
        assert listed == actual, title


def test_outline_has_groups_with_their_sections(footnoted):
    outline = PdfReader(io.BytesIO(footnoted)).outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    assert "1. Гражданские и политические права" in titles and "2. Права уязвимых групп" in titles
    children = outline[titles.index("1. Гражданские и политические права") + 1]
    assert [c.title for c in children if not isinstance(c, list)] == [
        "1.1 Свобода мирных собраний", "1.2 Право на справедливый суд"]


@pytest.mark.parametrize("fixture", ["footnoted", "endnoted"])
def test_paragraphs_numbered_across_the_report(fixture, request):
    text = "\n".join(pages_text(request.getfixturevalue(fixture)))
    numbered = re.findall(r"^(\d+)\.\s*Абзац (\d+):", text, re.MULTILINE)
    assert [int(n) for n, _ in numbered] == list(range(1, 4 * PARAGRAPHS_PER_SECTION + 1))
    assert all(n == k for n, k in numbered)
    assert not re.search(r"^\d+\.\s*(Цитата|Рекомендация|Рекомендации)", text, re.MULTILINE)


def test_footnotes_at_the_page_bottom(footnoted):
    pages = pages_text(footnoted)
    text = "\n".join(pages)
    for number, note in enumerate(note_texts(), start=1):
        assert re.search(rf"^{number}\.\s*{note}", text, re.MULTILINE), note
    assert "Notes" not in text


def test_each_footnote_on_the_page_of_its_call(footnoted):
    pages = pages_text(footnoted)
    for n in range(1, 5):
        call = next(i for i, text in enumerate(pages) if f"Абзац {(n - 1) * PARAGRAPHS_PER_SECTION + 1}:" in text)
        assert f"Сноска {n}a" in pages[call]


def test_endnotes_after_the_last_section(endnoted):
    text = "\n".join(pages_text(endnoted))
    notes_start = text.rindex("Notes")
    assert notes_start > text.index(f"Абзац {4 * PARAGRAPHS_PER_SECTION}:")
    endnotes = text[notes_start:]
    for number, note in enumerate(note_texts(), start=1):
        assert re.search(rf"^{number}\.\s*{note}", endnotes, re.MULTILINE), note


def test_links_stay_clickable(endnoted):
    uris, internal = set(), 0
    for page in PdfReader(io.BytesIO(endnoted)).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A", {})
            uris.add(action.get("/URI"))
            internal += "/Dest" in annotation.get_object()
    assert "https://adilet.zan.kz/rus/docs/Z2000000333" in uris
    assert internal >= 12  # the note references and the contents


def test_kazakh_letters_round_trip(footnoted):
    text = "\n".join(pages_text(footnoted))
    for word in KAZAKH_WORDS:
        assert word in text


def test_fonts_are_ours_and_embedded(footnoted):
    fonts = [font for page in PdfReader(io.BytesIO(footnoted)).pages for font in embedded_fonts(page["/Resources"])]
    names = {font["/BaseFont"].split("+")[-1] for font in fonts}
    # The family names pdf.css gives the @font-face files: a system font would not carry them.
    assert {"Report-Serif", "Report-Serif-Bold", "Report-Serif-Italic", "Report-Sans-Bold"} <= names
    assert not any(base in name for name in names for base in ("Helvetica", "Times", "Courier"))
    for font in fonts:
        described = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = described["/FontDescriptor"]
        file = descriptor.get("/FontFile2") or descriptor.get("/FontFile3")
        assert file is not None, font["/BaseFont"]
        program = TTFont(io.BytesIO(file.get_object().get_data()))
        assert "DejaVu" in program["name"].getDebugName(1)


def test_draft_mark_on_every_page_or_none(footnoted, endnoted):
    assert all("DRAFT" in text for text in pages_text(footnoted))
    assert not any("DRAFT" in text for text in pages_text(endnoted))
