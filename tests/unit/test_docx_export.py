import io
import re
import zipfile
from dataclasses import replace

import docx
import pytest
from docx.oxml.ns import qn

from export.document import ENDNOTES, FOOTNOTES, DocGroup, DocOrganisation, DocSection, Document, Labels
from export.word import PARAGRAPH_NUMBERING, render_docx

KAZAKH = "Әйелдер құқығы: ә ғ қ ң ө ұ ү һ і, Ә Ғ Қ Ң Ө Ұ Ү Һ І"
URL = "https://uprinfo.org/kz"
LABELS = Labels(organisations="Организации", coalition="О коалиции", notes="Примечания", draft="ПРОЕКТ",
                joint_submission="Совместный доклад {count} организаций")
FIRST = (f"Свобода собраний ограничена[^a], см. [доклад]({URL}).\n\n"
         "- пункт один\n- пункт два\n\n"
         "Второй абзац[^b].\n\n"
         "[^a]: Закон о мирных собраниях, 2020.\n[^b]: A/HRC/43/10, рек. 118.12.")
SECOND = f"### Подзаголовок\n\n{KAZAKH}\n\n| Рекомендация | Статус |\n|---|---|\n| 118.12 | не выполнена |"
THIRD = ("1. первый\n2. второй\n\nАбзац[^x] и снова[^x].\n\n3. три\n4. четыре\n\n"
         "[^x]: Третья [сноска](https://ohchr.org).")
FOURTH = "> цитата\n\nПоследний абзац, [выше](#section-1)."


def make_document(**changes) -> Document:
    doc = Document(
        title="Альтернативный доклад", short_title="Доклад УПО", country="Казахстан",
        mechanism="Универсальный периодический обзор", cycle="4-й цикл", session="48-я сессия",
        language="ru", date="1 июля 2024 г.", coordinator="Бюро по правам человека",
        contact="Алматы\ninfo@example.kz", coalition="Коалиция НКО с **2009** года.",
        organisations=(DocOrganisation("Бюро по правам человека", "Алматы"), DocOrganisation("Ана үйі")),
        groups=(DocGroup("Гражданские права", (DocSection("Собрания", FIRST, "section-1"),
                                               DocSection("Слово", SECOND, "section-2"))),
                DocGroup("Права женщин", (DocSection("Насилие", THIRD, "section-3"),
                                          DocSection("Труд", FOURTH, "section-4")))),
        notes=ENDNOTES, labels=LABELS)
    return replace(doc, **changes)


def read(doc: Document) -> docx.document.Document:
    return docx.Document(io.BytesIO(render_docx(doc)))


def xml_part(doc: Document, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(render_docx(doc))) as package:
        return package.read(name).decode()


def paragraph_num_id(word: docx.document.Document) -> int:
    """The numbering instance of the report's paragraphs (there must be one only)."""
    numbering = word.part.numbering_part.element
    abstract_id, = numbering.xpath(f'./w:abstractNum[w:name/@w:val="{PARAGRAPH_NUMBERING}"]/@w:abstractNumId')
    num_id, = [num.numId for num in numbering.num_lst if num.abstractNumId.val == int(abstract_id)]
    return num_id


def numbered(word: docx.document.Document) -> list[tuple[int, docx.text.paragraph.Paragraph]]:
    """The report's numbered paragraphs with the numbers Word gives them: one instance counting on from 1
    (the numbers are Word's numbering, no longer typed in the text)."""
    num_id = paragraph_num_id(word)
    paragraphs = [p for p in word.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None
                  and p._p.pPr.numPr.numId.val == num_id]
    return list(enumerate(paragraphs, 1))


def shown(word: docx.document.Document) -> list[str]:
    """The body's paragraphs as a reader sees them: a numbered one with its number, "1. Text"; without the
    contents, whose entries repeat the headings."""
    numbers = {p._p: n for n, p in numbered(word)}  # lxml gives one element the same proxy while it is held
    return [f"{numbers[p._p]}. {p.text}" if p._p in numbers else p.text
            for p in word.paragraphs if not p.style.name.startswith("toc ")]


def test_headings_numbered_with_their_styles():
    paragraphs = read(make_document()).paragraphs
    headings = [(p.style.name, p.text) for p in paragraphs if p.style.name.startswith("Heading")]
    assert headings == [
        ("Heading 1", "Организации"), ("Heading 1", "О коалиции"),
        ("Heading 1", "1. Гражданские права"), ("Heading 2", "1.1 Собрания"),
        ("Heading 2", "1.2 Слово"), ("Heading 3", "Подзаголовок"),
        ("Heading 1", "2. Права женщин"), ("Heading 2", "2.1 Насилие"), ("Heading 2", "2.2 Труд")]


def test_top_level_paragraphs_numbered_across_sections():
    word = read(make_document())
    paragraphs = word.paragraphs
    texts = [f"{n}. {p.text}" for n, p in numbered(word)]
    assert len(texts) == 5 and {p.style.name for _, p in numbered(word)} == {"Normal"}
    assert texts[2] == "3. " + KAZAKH  # Kazakh letters round-trip exactly
    assert texts[4].startswith("5. Последний абзац")
    assert not [p.text for p in paragraphs if re.match(r"\d+\. [^\d]", p.text) and p.style.name == "Normal"]
    assert "Коалиция НКО с 2009 года." in shown(word)  # the coalition text is not numbered
    items = [p.text for p in paragraphs if p.style.name.startswith("List")]
    assert "пункт один" in items and "первый" in items and "три" in items
    assert "цитата" in [p.text for p in paragraphs if p.style.name == "Quote"]


def test_endnotes_numbered_continuously():
    doc = make_document()
    body, notes = xml_part(doc, "word/document.xml"), xml_part(doc, "word/endnotes.xml")
    assert re.findall(r'<w:endnoteReference w:id="(\d+)"/>', body) == ["1", "2", "3"]
    assert re.findall(r'<w:endnote w:id="(\d+)">', notes) == ["1", "2", "3"]
    assert re.findall(r"<w:t>([^<]*)</w:t></w:r></w:p></w:endnote>", notes) == [
        "Закон о мирных собраниях, 2020.", "A/HRC/43/10, рек. 118.12.", "."]  # the third ends with a link
    # A repeated reference keeps its number, as in the PDF's list: a cross-reference to the first.
    assert re.findall(r"NOTEREF (\S+) ", body) == ["_Ref3"] and 'w:name="_Ref3"' in body
    assert "Примечания" not in [p.text for p in read(doc).paragraphs]  # Word prints its endnotes itself


def test_real_footnotes_one_per_citation_in_footnotes_mode():
    doc = make_document(notes=FOOTNOTES)
    body, notes = xml_part(doc, "word/document.xml"), xml_part(doc, "word/footnotes.xml")
    # Like the PDF's page footnotes, a note cited twice is printed twice; Word numbers them.
    assert re.findall(r'<w:footnoteReference w:id="(\d+)"/>', body) == ["1", "2", "3", "4"]
    assert re.findall(r'<w:footnote w:id="(\d+)">', notes) == ["1", "2", "3", "4"]
    assert notes.count("<w:footnoteRef/>") == 4 and "Закон о мирных собраниях, 2020." in notes
    assert "Примечания" not in [p.text for p in read(doc).paragraphs]
    assert 'Target="https://ohchr.org"' in xml_part(doc, "word/_rels/footnotes.xml.rels")
    assert "endnote" not in xml_part(doc, "[Content_Types].xml")


def test_table_read_back_with_header_in_bold():
    table = read(make_document()).tables[0]
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["Рекомендация", "Статус"], ["118.12", "не выполнена"]]
    assert table.style.name == "Table Grid" and table.rows[0].cells[0].paragraphs[0].runs[0].bold


def test_ordered_lists_restart_and_keep_their_start():
    numbering = read(make_document()).part.numbering_part.element
    starts = numbering.xpath("./w:num/w:lvlOverride/w:startOverride/@w:val")
    assert starts == ["1", "3"]


def test_links():
    word = read(make_document())
    links = [(link.address, link.fragment) for p in word.paragraphs for link in p.hyperlinks
             if not p.style.name.startswith("toc ")]
    assert links == [(URL, ""), ("", "s_section_1")]
    assert 'Target="https://ohchr.org"' in xml_part(make_document(), "word/_rels/endnotes.xml.rels")
    body = xml_part(make_document(), "word/document.xml")
    assert '<w:hyperlink w:anchor="s_section_1">' in body and 'w:name="s_section_1"' in body
    rels = xml_part(make_document(), "word/_rels/document.xml.rels")
    assert f'Target="{URL}" TargetMode="External"' in rels


def test_cover_properties_and_language():
    word = read(make_document(language="kk"))
    texts = [p.text for p in word.paragraphs]
    assert texts[0] == "Альтернативный доклад" and word.paragraphs[0].style.name == "Title"
    assert "Совместный доклад 2 организаций" in texts
    organisations = [p.text for p in word.paragraphs if p.style.name == "List Bullet"][:2]
    assert organisations == ["Бюро по правам человека, Алматы", "Ана үйі"]
    props = word.core_properties
    assert (props.title, props.author) == ("Альтернативный доклад", "Бюро по правам человека")
    assert props.language == "kk"
    assert "Казахстан" in props.keywords
    normal = word.styles["Normal"].element.rPr
    assert normal.find(qn("w:lang")).get(qn("w:val")) == "kk-KZ"
    assert normal.rFonts.get(qn("w:cs")) == "Times New Roman"
    assert round(word.sections[0].page_width.mm) == 210


@pytest.mark.parametrize("draft", [True, False])
def test_header_footer_and_draft_label(draft):
    section = read(make_document(draft=draft)).sections[0]
    assert section.header.paragraphs[0].text.startswith("Доклад УПО")
    assert ("ПРОЕКТ" in section.header.paragraphs[0].text) is draft
    assert 'w:instr=" PAGE "' in xml_part(make_document(), "word/footer1.xml")


def test_references_inside_notes_are_dropped_as_in_the_pdf():
    section = DocSection("Раздел", "Текст[^a].\n\n[^a]: См. также[^b].\n[^b]: Вложенная сноска.", "s")
    doc = make_document(groups=(DocGroup("Группа", (section,)),))
    # A note cited only in another note has no place for its reference in Word (the PDF lists it).
    for mode in (ENDNOTES, FOOTNOTES):
        notes = xml_part(replace(doc, notes=mode), f"word/{mode}.xml")
        assert re.findall(rf'<w:{mode[:-1]} w:id="(\d+)">', notes) == ["1"]
        assert "См. также" in notes and "Вложенная" not in notes


def test_an_image_from_elsewhere_is_a_note_in_a_paragraph_without_a_number():
    section = DocSection("Раздел", "![схема](https://x.kz/a.png)\n\nТекст.", "s")
    texts = shown(read(make_document(groups=(DocGroup("Группа", (section,)),))))
    start = texts.index("1.1 Раздел")
    assert texts[start + 1:start + 3] == [f"[{LABELS.image_missing}: схема]", "1. Текст."]


def test_each_typed_line_is_a_numbered_paragraph_and_a_line_in_a_list_item_stays_in_it():
    body = "Первая строка.\nВторая строка.\n\n- пункт\n  продолжение"
    lines = shown(read(make_document(groups=(DocGroup("Группа", (DocSection("Раздел", body, "section-1"),)),))))
    first = next(i for i, line in enumerate(lines) if line.endswith("Первая строка."))
    assert re.fullmatch(r"\d+\. Первая строка\.", lines[first])
    assert re.fullmatch(r"\d+\. Вторая строка\.", lines[first + 1])
    assert lines[first + 2] == "пункт\nпродолжение"
