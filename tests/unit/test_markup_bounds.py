"""Texts past the rendering bounds are shown as written, every word kept, in the page, the PDF and the DOCX."""
import html

import pytest

from export.word import _split_notes
from tests.helpers import without_source_lines
from text import markup
from text.wordcount import count_markdown, count_words


def table(columns, rows, cell="слово"):
    line = "|" + "|".join(f"{cell}{n}" for n in range(columns)) + "|\n"
    return line + "|" + "-|" * columns + "\n" + line * rows


CRAFTED_TABLE = table(3000, 30, cell="a")  # the 3,000 columns × 31 rows that took 10 s to render


def shown(source):
    """The text of what render() shows as written, unescaped."""
    rendered = without_source_lines(markup.render(source))
    start = rendered.index(f'<pre class="{markup.AS_WRITTEN}"><code>') + len(markup.AS_WRITTEN) + 20
    return html.unescape(rendered[start:rendered.index("</code></pre>", start)])


def test_a_table_within_the_bounds_is_a_table():
    rendered = markup.render(table(20, 300))
    assert rendered.count("<td>") == 20 * 300
    assert not markup.shown_as_written(rendered)


@pytest.mark.parametrize("wide", [CRAFTED_TABLE, table(markup.MAX_TABLE_COLUMNS + 1, 3)], ids=["crafted", "51"])
def test_a_table_too_wide_is_shown_as_written_between_formatted_text(wide):
    rendered = without_source_lines(markup.render(f"Before *it*.\n\n{wide}\nAfter *it*."))
    assert "<table>" not in rendered
    assert rendered.startswith("<p>Before <em>it</em>.</p>") and "<p>After <em>it</em>.</p>" in rendered
    assert shown(f"Before.\n\n{wide}\nAfter.") == wide


def test_tables_past_the_cells_of_one_text_are_shown_as_written():
    first, second = table(20, markup.MAX_TABLE_CELLS // 40), table(20, markup.MAX_TABLE_CELLS // 20)
    rendered = markup.render(f"{first}\n{second}")
    assert rendered.count("<table>") == 1
    assert shown(f"{first}\n{second}") == second


def test_a_text_past_the_render_budget_is_shown_whole_as_written():
    source = "Intro *x*.\n\n" + "[" * 100_000
    assert shown(source) == source
    assert count_markdown(source).body == count_words(source)


def test_ordinary_markup_stays_well_within_the_budget():
    note = "A paragraph with **bold**, a [link](https://example.org) and a note.[^{n}]\n\n[^{n}]: Its note.\n\n"
    source = "".join(note.format(n=n) for n in range(150)) + table(20, 100)
    assert not markup.shown_as_written(markup.render(source))


def test_print_and_docx_get_the_same_bounded_text():
    source = f"Before.\n\n{CRAFTED_TABLE}\nAfter."
    printed = markup.render_for_print(source, notes_inline=True).html
    assert "<table>" not in printed and markup.shown_as_written(printed)
    # Print wraps the long lines (WeasyPrint is slow on them), keeping every character.
    assert html.unescape(printed).replace("\n", "").count("|a2999|") == 31
    body, _ = _split_notes(markup.parse(source))
    assert [t.type for t in body if t.type in ("table_open", "code_block")] == ["code_block"]


def test_word_counts_keep_every_word_of_a_text_shown_as_written():
    # Each row, printed as written without a space, is one word in Word's count of the file, and in the app's.
    assert count_markdown(table(markup.MAX_TABLE_COLUMNS + 1, 3)).body == 4
    assert count_markdown(table(markup.MAX_TABLE_COLUMNS + 1, 3).replace("|", " | ")).body == 4 * (
        markup.MAX_TABLE_COLUMNS + 1)
