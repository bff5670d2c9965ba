"""The app's "whole file" figure is the DOCX's own word count by Word's rule (body, tables, footnotes, endnotes;
not headers or footers, as Word's status bar counts), within 1%, for the demo, a report at OHCHR's limit with 120
notes, and one with a 300-row annex."""
import io
import random
from dataclasses import replace

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from coalition import exports, recommendations
from export.counts import count_file
from export.document import (
    ENDNOTES,
    FOOTNOTES,
    Annex,
    AnnexPart,
    AnnexRow,
    DocGroup,
    DocOrganisation,
    DocSection,
    Document,
)
from export.word import render_docx
from models import Recommendation, Report, User, WorkingGroup
from ops import demo
from text.wordcount import count_words

WORDS = ("право", "закон", "A/HRC/43/10", "118.41", "2,815", "https://adilet.zan.kz/rus/docs/K950001000_",
         "Қазақстан", "әйелдер", "—", "(2019–2023)", "«Мемлекеттік»", "don't", "§ 5", "50%")


def docx_words(data: bytes) -> int:
    """Word's count of the file: every paragraph of the body (tables, nested ones too) and of the footnotes and
    endnotes parts, by Word's rule; field codes are not text, a tab or a line break separates words."""
    document = docx.Document(io.BytesIO(data))
    roots = [document.element.body] + [etree.fromstring(part.blob) for part in document.part.package.iter_parts()
                                       if str(part.partname).endswith(("/footnotes.xml", "/endnotes.xml"))]
    return sum(count_words(_paragraph_text(p)) for root in roots for p in root.iter(qn("w:p")))


def _paragraph_text(paragraph) -> str:
    pieces = {qn("w:t"): None, qn("w:tab"): " ", qn("w:br"): " ", qn("w:cr"): " "}
    return "".join(element.text or "" if pieces[element.tag] is None else pieces[element.tag]
                   for element in paragraph.iter(*pieces))


def assert_close(doc: Document) -> None:
    counted, in_word = count_file(doc).whole, docx_words(render_docx(doc))
    assert abs(counted - in_word) <= in_word / 100, (counted, in_word)


def prose(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def at_the_limit(notes: str) -> Document:
    """About 5,630 words in 7 groups of 3 sections, 120 notes, lists, a table and a quote among the paragraphs."""
    rng = random.Random(18)
    groups, note = [], 0
    for g in range(7):
        sections = []
        for s in range(3):
            paragraphs = []
            for p in range(6):
                cited, note = note < 120, note + 1
                paragraphs.append(f"{prose(rng, 38)}{f'[^{p}]' if cited else ''} **{prose(rng, 4)}** "
                                  f"[{prose(rng, 2)}](https://un.org).")
                paragraphs.append(f"[^{p}]: {prose(rng, 4)}, p. {p}." if cited else "")
            paragraphs.append(f"1. {prose(rng, 5)}\n2. {prose(rng, 5)}\n\n> {prose(rng, 6)}\n\n"
                              f"| a | b |\n|---|---|\n| {prose(rng, 3)} | {prose(rng, 2)} |")
            sections.append(DocSection(f"Раздел {g}.{s}: {prose(rng, 3)}", "\n\n".join(paragraphs), f"s{g}-{s}"))
        groups.append(DocGroup(f"Группа {g} — {prose(rng, 2)}", tuple(sections)))
    return Document(title="Совместный доклад", short_title="", country="Казахстан", mechanism="УПО", cycle="IV",
                    session="48", language="ru", date="1 декабря 2026 г.", coordinator="Коалиция",
                    contact="Алматы\ninfo@example.org", coalition=f"{prose(rng, 40)}[^1]\n\n[^1]: Устав.",
                    organisations=tuple(DocOrganisation(f"НПО {n}", "Алматы") for n in range(12)),
                    groups=tuple(groups), notes=notes)


@pytest.mark.parametrize("notes", [FOOTNOTES, ENDNOTES])
def test_a_report_at_the_limit_with_120_notes(notes):
    doc = at_the_limit(notes)
    counted = count_file(doc)
    assert 5_500 < counted.parts["body"] < 5_800 and counted.parts["notes"] > 120 * 4
    assert_close(doc)


def test_the_demo(app):
    with app.app_context():
        demo.seed()
        report = Report.get()
        assert_close(exports.document_for(report, annex_by=exports.ANNEX_BY_THEME))
        assert_close(exports.document_for(report, draft=False, annex_by=exports.ANNEX_BY_GROUP))


def test_a_300_row_annex(app, world):
    with app.app_context():
        report, coordinator = Report.get_by_id(world["report"]), User.get(User.login == "coordinator")
        group, rng = WorkingGroup.get_by_id(world["group"]), random.Random(300)
        for n in range(300):
            recommendation = Recommendation.create(
                report=report, number=f"118.{n + 1}", document="A/HRC/43/10", text=prose(rng, 25),
                states="Germany\nFrance", response="supported", themes=f"Тема {n % 9}", group=group)
            recommendations.assess(recommendation, coordinator, "partially",
                                   f"{prose(rng, 20)}[^1]\n\n[^1]: {prose(rng, 5)}" if n % 10 == 0 else
                                   prose(rng, 15), "")
        doc = exports.document_for(report, annex_by=exports.ANNEX_BY_THEME)
        assert count_file(doc).annex > 300 * 40
        assert_close(doc)


def test_the_covers_keywords_and_session_and_the_annexs_source_count_word_for_word():
    """What the cover and the annex (its source, what its percentages are of) gain over a plain file is counted as
    the DOCX writes it."""
    short = replace(at_the_limit(FOOTNOTES), groups=at_the_limit(FOOTNOTES).groups[:1])
    annex = Annex(title="Приложение", summary="Итог.", totals=(("Не выполнена", 1, 100),),
                  columns=("№", "Рекомендация", "Государства", "Позиция", "Оценка", "Обоснование"),
                  parts=(AnnexPart("Пытки", (AnnexRow("118.41", "Предотвращать пытки.", "Норвегия", "Поддержана",
                                                      "Не выполнена", "not_implemented", "Нет закона."),)),))
    plain = replace(short, session="", keywords="", annex=annex)
    full = replace(short, session="48", keywords="свобода собраний, пытки, A/HRC/43/10",
                   annex=replace(annex, source="Рекомендации из доклада Рабочей группы, A/HRC/43/10 (3-й цикл).",
                                 denominator="Проценты — от всех учтённых рекомендаций: 1."))
    gained = count_file(full).whole - count_file(plain).whole
    assert gained == docx_words(render_docx(full)) - docx_words(render_docx(plain)) > 10
