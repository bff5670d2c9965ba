"""readers/values.py: the State's response however the source spells it, and the number however it is written."""
import pytest

from readers.values import NOTED, PARTIALLY, SUPPORTED, is_canonical, number, response

SPELLINGS = [
    # English: OHCHR's matrices, UPR Info, researchers' datasets
    ("Supported", SUPPORTED), ("Accepted", SUPPORTED), ("Noted", NOTED), ("Rejected", NOTED),
    ("Not supported", NOTED), ("Taken note", NOTED), ("Partially supported", PARTIALLY),
    ("Supported in part", PARTIALLY), ("Supported/Noted", PARTIALLY), ("Noted/Supported", PARTIALLY),
    ("Partially accepted", PARTIALLY),
    # Russian, in each gender and number
    ("Поддержано", SUPPORTED), ("Поддержана", SUPPORTED), ("Поддержаны", SUPPORTED), ("Принята", SUPPORTED),
    ("Поддержано частично", PARTIALLY), ("Частично поддержана", PARTIALLY), ("Принята к сведению", NOTED),
    ("Принято к сведению", NOTED), ("Отклонена", NOTED), ("Отклонено", NOTED), ("Не поддержана", NOTED),
    # Kazakh
    ("Қолдау тапты", SUPPORTED), ("Назарға алынды", NOTED), ("Ішінара қолдау тапты", PARTIALLY),
    # French, with the feminine written "(e)", in full, or not at all
    ("Accepté(e)", SUPPORTED), ("Acceptée", SUPPORTED), ("Accepté", SUPPORTED), ("Acceptées", SUPPORTED),
    ("Pris(e) note", NOTED), ("Prise note", NOTED), ("Rejetée", NOTED), ("Partiellement acceptée", PARTIALLY),
    ("Soutenue", SUPPORTED),
    # our own values, as the template and the export write them
    ("supported", SUPPORTED), ("noted", NOTED), ("partially", PARTIALLY),
]


@pytest.mark.parametrize(("spelling", "expected"), SPELLINGS)
def test_every_known_spelling(spelling, expected):
    assert response(spelling) == expected


@pytest.mark.parametrize(("spelling", "expected"), [
    ("  SUPPORTED ", SUPPORTED), ("partially-supported", PARTIALLY), ("Supported / Noted", PARTIALLY),
    ("принята к сведению.", NOTED), ("ПОДДЕРЖАНО ЧАСТИЧНО", PARTIALLY), ("Not  supported", NOTED),
    ("acceptee", SUPPORTED), ("Приня́та", SUPPORTED), ("Supported?!", SUPPORTED), ("Partially", PARTIALLY),
])
def test_case_spaces_punctuation_and_accents_do_not_matter(spelling, expected):
    assert response(spelling) == expected


@pytest.mark.parametrize("spelling", ["Maybe", "Pending", "Deferred", "Noted later", "Поддержка", "Yes", "Not"])
def test_unknown_spellings_are_not_guessed(spelling):
    assert response(spelling) is None


def test_an_empty_cell_is_an_unknown_response_not_a_problem():
    assert response("") == "" and response("  ") == ""


@pytest.mark.parametrize(("spelling", "value", "canonical"), [
    ("Supported", SUPPORTED, True), (" noted ", NOTED, True), ("Partially supported", PARTIALLY, True),
    ("partially", PARTIALLY, True), ("Accepted", SUPPORTED, False), ("Поддержано", SUPPORTED, False),
    ("Supported in part", PARTIALLY, False), ("", "", True),
])
def test_which_spellings_need_no_taken_as(spelling, value, canonical):
    assert is_canonical(spelling, value) is canonical


@pytest.mark.parametrize(("written", "expected"), [
    ("124.1", "124.1"), ("124.1.", "124.1"), ("Para 124.1", "124.1"), ("para. 124.1", "124.1"),
    ("124,1", "124.1"), ("§ 124.1", "124.1"), ("Paragraph 124.1", "124.1"), ("п. 124.1", "124.1"),
    (" 124.1 ", "124.1"), ("118.12.3", "118.12.3"),
    # never moved: a trailing zero is another paragraph, and a stray comma is not a decimal one
    ("124.10", "124.10"), ("124.100", "124.100"), ("Para 124.10.", "124.10"), ("124,10", "124.10"),
])
def test_numbers_however_written(written, expected):
    assert number(written) == expected


@pytest.mark.parametrize("written", ["124", "124.", "124.1.2.3", "124.1,2", "1241.1", "Para", "15O.2", "124..1",
                                     "124.1 a", "abc"])
def test_what_is_not_a_number(written):
    assert number(written) is None
