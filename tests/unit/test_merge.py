import pytest

from text.merge import Conflict, merge


def doc(*paras):
    return "\n\n".join(paras) + "\n"


A, B, C, D = "# Раздел", "Первый абзац текста.", "- пункт один\n- пункт два", "Қорытынды."
KK = "Қазақстан әр адамның құқығын қорғайды."
KK1, KK2 = KK.replace("әр", "әрбір"), KK.replace("әр", "ұлттық")
BT, BM = "Первый раздел текста.", "Первый пункт текста."

CASES = {
    "disjoint paragraphs": (doc(A, B, C), doc("# Бөлім", B, C), doc(A, B, C + "\n- три"),
                            ("# Бөлім", B, C + "\n- три")),
    # Merge3 sees edits of adjacent paragraphs as one conflict; words resolve it.
    "adjacent paragraphs": (doc(A, B), doc("# Бөлім", B), doc(A, "Первый абзац!"),
                            ("# Бөлім", "Первый абзац!")),
    "same paragraph, other words": (doc(B), doc("Второй абзац текста."), doc("Первый абзац отчёта."),
                                    ("Второй абзац отчёта.",)),
    "same word differently": (doc(A, B, D), doc(A, BT, D), doc(A, BM, D), (A, Conflict(B, BT, BM), D)),
    "deletion vs edit": (doc(A, B, D), doc(A, D), doc(A, B + " Ещё.", D),
                         (A, Conflict(B, "", B + " Ещё."), D)),
    # The move is a deletion plus an insertion; both combine with an edit elsewhere.
    "move vs other edit": (doc(A, B, C, D), doc(B, C, D, A), doc(A, B, "- бір", D),
                           (B, "- бір", D, A)),
    # Moving a paragraph the other side edited: the deletion half conflicts.
    "move vs edit of it": (doc(A, B, C), doc(B, C, A), doc("# Бөлім", B, C),
                           (Conflict(A, "", "# Бөлім"), B, C, A)),
    "kazakh, other words": (doc(KK), doc(KK1), doc(KK.replace("құқығын", "құқықтарын")),
                            ("Қазақстан әрбір адамның құқықтарын қорғайды.",)),
    "kazakh, same word": (doc(KK), doc(KK1), doc(KK2), (Conflict(KK, KK1, KK2),)),
    "empty base, both wrote": ("", doc("Мәтін."), doc("Текст."), (Conflict("", "Мәтін.", "Текст."),)),
    "empty base, same text": ("", doc(A, B), doc(A, B), (A, B)),
    "inserts at same place": (doc(A, D), doc(A, B, D), doc(A, C, D), (A, Conflict("", B, C), D)),
    "identical changes": (doc(A, B, D), doc(A, "Өзгерді.", D), doc(A, "Өзгерді.", D), (A, "Өзгерді.", D)),
    "theirs unchanged": (doc(A, B), doc(A, B), doc(A, C, "һ і ү"), (A, C, "һ і ү")),
    "mine unchanged": (doc(A, B), doc(B), doc(A, B), (B,)),
}


@pytest.mark.parametrize(("base", "theirs", "mine", "chunks"), CASES.values(), ids=CASES.keys())
def test_merge_chunks(base, theirs, mine, chunks):
    result = merge(base, theirs, mine)
    assert result.chunks == chunks
    assert result.clean == all(isinstance(c, str) for c in chunks)


CONFLICTED = merge(doc(A, B, C, D), doc(A, "B1", C, "D1"), doc(A, "B2", C, "D2"))


@pytest.mark.parametrize(("resolutions", "expected"), [
    (["B2", "D1"], doc(A, "B2", C, "D1")),
    (["B1 B2", "\n\nD1\n\nD2\n\n"], doc(A, "B1 B2", C, "D1", "D2")),
    (["", "D2"], doc(A, C, "D2")),
    (["B1", ""], doc(A, "B1", C)),
])
def test_text_with_resolutions(resolutions, expected):
    assert CONFLICTED.conflicts == (Conflict(B, "B1", "B2"), Conflict(D, "D1", "D2"))
    assert CONFLICTED.text(resolutions) == expected


@pytest.mark.parametrize("resolutions", [[], ["B1"], ["B1", "D1", "x"]])
def test_wrong_resolution_count(resolutions):
    with pytest.raises(ValueError):
        CONFLICTED.text(resolutions)


def test_clean_text_and_empty_document():
    assert merge(doc(A), doc(A), doc(A, B)).text() == doc(A, B)
    assert merge(doc(A), "", "").text() == ""


def test_crlf_and_missing_newline_are_normalised():
    result = merge("A\r\n\r\nB\r\n", "A\r\n\r\n\r\nB 2", "A 1\n\nB\n")
    assert result.chunks == ("A 1", "B 2")
    assert result.text() == "A 1\n\nB 2\n"
