import pytest

from text.worddiff import _code_point, change_stats, condense, diff_words, tokenize

PAIRS = [
    ("", ""),
    ("", "Новый текст."),
    ("Старый текст.", ""),
    ("The quick brown fox.", "The quick red fox jumps."),
    ("Каждый имеет право на жизнь.", "Каждый человек имеет право на жизнь и свободу."),
    ("Қазақстан Республикасы әр адамның құқығын қорғайды.",
     "Қазақстан Республикасы әрбір азаматтың құқығын қорғайды!"),
    ("Статья 1.\n\nНарод един.\n", "Статья 2.\n\nНарод — един.\n\nНовый абзац.\n"),
    ("a a a a", "a b a b a"),
]


def test_tokenize_round_trips_and_splits_words():
    text = "Әр  адам, — 118.12\nқұқық!"
    tokens = tokenize(text)
    assert "".join(tokens) == text
    assert tokens[:4] == ["Әр", "  ", "адам", ","]


@pytest.mark.parametrize(("old", "new"), PAIRS)
def test_diff_invariants(old, new):
    diff = diff_words(old, new)
    assert "".join(text for op, text in diff if op != "insert") == old
    assert "".join(text for op, text in diff if op != "delete") == new
    assert all(op in {"equal", "insert", "delete"} and text for op, text in diff)
    assert all(a[0] != b[0] for a, b in zip(diff, diff[1:])), "chunks not merged"


def test_paragraph_breaks_never_pass_for_words():
    """Line breaks go to the diff as they are; one holding a character in the codes' range must not."""
    words = [f"w{i}" for i in range(13000)]  # codes up to U+3300 and beyond
    old = " ".join(words) + "\n\u3000\n" + "конец."
    new = "начало.\n\n" + " ".join(reversed(words[:50])) + "\n\u3000\n" + "конец!"
    test_diff_invariants(old, new)
    test_diff_invariants(new, old)


def test_moved_and_reworded_paragraphs():
    paragraphs = [f"Абзац {i}: свобода собраний и право {i} на мирный протест." for i in range(40)]
    old = "\n\n".join(paragraphs) + "\n"
    edited = paragraphs[5:] + paragraphs[:5]
    edited[10] = edited[10].replace("мирный", "любой мирный")
    new = "\n\n".join(edited[:-3]) + "\n"
    test_diff_invariants(old, new)
    assert change_stats(old, new)[0] >= 1


def test_identical_and_empty():
    assert diff_words("", "") == []
    assert diff_words("Тот же текст", "Тот же текст") == [("equal", "Тот же текст")]


def test_insertion_and_deletion():
    assert diff_words("право на жизнь", "право на жизнь и свободу") == [
        ("equal", "право на жизнь"),
        ("insert", " и свободу"),
    ]
    assert diff_words("право на свободную жизнь", "право на жизнь") == [
        ("equal", "право на "),
        ("delete", "свободную "),
        ("equal", "жизнь"),
    ]


def test_replacement_keeps_whole_words():
    diff = diff_words("Народ един.", "Нация едина.")
    assert ("delete", "Народ един") in diff and ("insert", "Нация едина") in diff
    assert ("equal", ".") in diff


def test_change_stats():
    assert change_stats("", "") == (0, 0)
    assert change_stats("", "три новых слова") == (3, 0)
    assert change_stats("раз два три", "") == (0, 3)
    assert change_stats("Каждый имеет право.", "Каждый гражданин имеет право!") == (1, 0)
    assert change_stats("Қазақ тілі — мемлекеттік тіл.", "Қазақ тілі — ресми тіл.") == (1, 1)
    assert change_stats("бюджет 118.12 млрд", "бюджет 120.5 млрд") == (1, 1)


def test_code_points_skip_surrogates():
    points = [ord(_code_point(i)) for i in (0, 0xD7FF - 0x100, 0xD800 - 0x100)]
    assert points == [0x100, 0xD7FF, 0xE000]


def test_condense_keeps_changes_and_cuts_long_unchanged_stretches():
    old = "Начало. " + "Неизменный текст. " * 40 + "Старое слово. " + "Ещё текст. " * 40
    chunks = condense(diff_words(old, old.replace("Старое", "Новое")), context=30)
    assert ("insert", "Новое") in chunks and ("delete", "Старое") in chunks
    first, last = chunks[0][1], chunks[-1][1]
    assert first.startswith("… ") and len(first) <= 32
    assert last.endswith(" …") and len(last) <= 32
    assert sum(len(text) for _, text in chunks) < len(old) / 4
