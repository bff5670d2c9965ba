"""The merge's work budget: texts too costly to match become a conflict that keeps every word."""
from text import merge
from text.merge import Conflict

CRAFTED_BASE = "x\n\n" * 5000
CRAFTED_THEIRS = "Theirs.\n\n" + CRAFTED_BASE
CRAFTED_MINE = "mine\n\n" + "x\n\n" * 5000


def whole(text):
    return "\n\n".join(merge.paragraphs(text))


def test_thousands_of_equal_paragraphs_become_one_conflict_of_the_whole_texts():
    result = merge.merge(CRAFTED_BASE, CRAFTED_THEIRS, CRAFTED_MINE)
    assert result.chunks == (Conflict(whole(CRAFTED_BASE), whole(CRAFTED_THEIRS), whole(CRAFTED_MINE)),)
    assert result.text([result.conflicts[0].mine]) == CRAFTED_MINE.rstrip() + "\n"  # the author's text, intact


def test_the_same_texts_always_merge_the_same_way():
    # The conflict screen merges again on resolving, and the choices must line up with the same conflicts.
    assert merge.merge(CRAFTED_BASE, CRAFTED_THEIRS, CRAFTED_MINE) == merge.merge(CRAFTED_BASE, CRAFTED_THEIRS,
                                                                                  CRAFTED_MINE)


def test_a_passage_past_the_budget_is_a_conflict_keeping_both_texts(monkeypatch):
    base = "Intro.\n\nОдин два три.\n\nEnd.\n"
    theirs = "Intro.\n\nОдин два три четыре.\n\nEnd.\n"
    mine = "Intro.\n\nНоль один два три.\n\nEnd.\n"
    assert merge.merge(base, theirs, mine).clean  # within the budget, the words merge
    spent = []
    monkeypatch.setattr(merge._Work, "spend", lambda self, steps: spent.append(steps))
    merge.merge(base, theirs, mine)
    monkeypatch.undo()
    monkeypatch.setattr(merge, "MATCH_BUDGET", sum(spent) - 1)
    result = merge.merge(base, theirs, mine)
    assert result.chunks == ("Intro.", Conflict("Один два три.", "Один два три четыре.", "Ноль один два три."), "End.")


def test_ordinary_edits_stay_well_within_the_budget(monkeypatch):
    paragraphs = [f"Paragraph {n}: the State reported on recommendation 118.{n}." for n in range(300)]
    theirs, mine = paragraphs.copy(), paragraphs.copy()
    theirs[10] += " Their addition."
    mine[200] += " My addition."
    spent = []
    monkeypatch.setattr(merge._Work, "spend", lambda self, steps: spent.append(steps))
    result = merge.merge("\n\n".join(paragraphs), "\n\n".join(theirs), "\n\n".join(mine))
    assert result.clean
    assert sum(spent) < merge.MATCH_BUDGET / 100
