"""The formatted diff: the new text as it prints, insertions and deletions marked and said in words."""
import re

import pytest

from text.formatted_diff import Labels, formatted_diff

LABELS = Labels("inserted:", "deleted:")
SAME = "A paragraph of words that stays the same in both revisions.\n\n"


def marked(html: str, kind: str) -> list[str]:
    """The words of each <ins> or <del>, without the hidden label."""
    return [re.sub(r'<span class="visually-hidden">[^<]*</span>|<[^>]+>', "", inside).strip()
            for inside in re.findall(rf"<{kind}>(.*?)</{kind}>", html, re.DOTALL)]


def diff(old: str, new: str) -> str:
    return formatted_diff(SAME + old + "\n\n" + SAME, SAME + new + "\n\n" + SAME, LABELS)


def test_identical_texts_print_without_marks():
    html = formatted_diff(SAME + "## Heading\n\n- a **list**", SAME + "## Heading\n\n- a **list**", LABELS)
    assert "<ins>" not in html and "<del>" not in html
    assert "<h2>Heading</h2>" in html and "<strong>list</strong>" in html


def test_a_changed_heading_stays_a_heading():
    html = diff("## Old heading of the part", "## New heading of the part")
    assert re.search(r"<h2>.*<ins>.*New.*</ins>.*<del>.*Old.*</del>.*heading of the part</h2>", html)


def test_a_list_item_added_is_inserted_inside_the_list():
    html = diff("- first item\n- third item", "- first item\n- second item\n- third item")
    assert "second" in " ".join(marked(html, "ins")) and not marked(html, "del")
    assert html.count("<li>") == 3


def test_a_list_item_removed_is_deleted_word_by_word():
    html = diff("- one item\n- two item\n- three item", "- one item\n- three item")
    assert "two" in " ".join(marked(html, "del"))


def test_a_table_cell_changed():
    html = diff("| a | b |\n|-|-|\n| one | two cell |", "| a | b |\n|-|-|\n| one | changed cell |")
    assert re.search(r"<td>\s*<ins>.*changed.*</ins>\s*<del>.*two.*</del> cell</td>", html)


def test_a_footnote_changed_keeps_one_footnote_list_and_unique_ids():
    html = formatted_diff("Text[^1] here.\n\n[^1]: Old note.", "Text[^1] here.\n\n[^1]: New note.", LABELS)
    assert marked(html, "ins") == ["New"] and marked(html, "del") == ["Old"]
    assert html.count('class="footnotes"') == 1 and html.count('class="footnotes-sep"') == 1
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids)) and "diff-fn1" in ids


def test_each_mark_is_said_in_words():
    html = diff("Bold **claim** here.", "Bold **statement** here.")
    assert '<ins><span class="visually-hidden">[inserted: </span>statement<span class="visually-hidden">]</span>' \
           '</ins>' in html
    assert '<del><span class="visually-hidden">[deleted: </span>claim' in html
    assert "<ins> </ins>" not in html and "<del> </del>" not in html


def test_the_screen_marks_of_source_lines_are_left_out():
    assert "data-line" not in diff("One", "Two")


@pytest.mark.parametrize("hostile", ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
                                     "[x](javascript:alert(1))", "<ins onclick=alert(1)>x</ins>"])
def test_hostile_text_stays_sanitised(hostile):
    html = formatted_diff("Harmless.", hostile, Labels("<b>inserted</b>", "deleted:"))
    assert not re.search(r'<(script|img|b)\b|href="javascript|<[^>]*\son\w+=', html)
