"""text/cycles: a cycle by its number however it is written, and how alike two recommendations' texts are."""
import time

import pytest

from text.cycles import cycle_number, likeness, most_alike, stems


@pytest.mark.parametrize("written, number", [
    ("4", 4), ("4th cycle", 4), ("4-й цикл", 4), ("Third cycle (3)", 3), ("  12 ", 12), ("", None),
    ("третий цикл", None)])
def test_a_cycle_is_compared_by_its_number(written, number):
    assert cycle_number(written) == number


def test_stems_leave_out_short_words_and_cut_endings():
    assert stems("Ratify the Optional Protocol to the Convention") == {"ratif", "optio", "proto", "conve"}
    assert stems("Расследовать жалобы на пытки") == {"рассл", "жалоб", "пытки"}
    assert stems("РасследованиЕ жалоб и пыток") == {"рассл", "жалоб", "пыток"}


def test_likeness_is_the_share_of_stems_in_common():
    assert likeness(frozenset("ab"), frozenset("bc")) == pytest.approx(1 / 3)
    assert likeness(frozenset(), frozenset()) == 0.0


# Written by hand: the 4th cycle's rewording of a 3rd-cycle recommendation, an unrelated one, and a half-alike one.
NEW = "Ratify the Optional Protocol to the Convention against Torture and establish a national preventive mechanism"
EARLIER = [
    (1, stems("Consider ratifying the Optional Protocol to the Convention against Torture")),
    (2, stems("Adopt a comprehensive law on domestic violence")),
    (3, stems("Establish an independent national preventive mechanism")),
]


def test_the_most_alike_come_first_and_the_unrelated_is_left_out():
    ranked = most_alike(stems(NEW), EARLIER)
    assert [key for key, _ in ranked] == [1, 3]
    # 1 shares ratif, optio, proto, conve, again(st), tortu of NEW's ten stems and its own "consi": 6 of 11.
    assert ranked[0][1] == pytest.approx(6 / 11)


def test_at_most_the_limit_and_nothing_under_the_threshold():
    assert [key for key, _ in most_alike(stems(NEW), EARLIER, limit=1)] == [1]
    assert most_alike(stems(NEW), EARLIER, threshold=0.9) == []
    assert most_alike(stems(""), EARLIER) == []


def test_five_hundred_against_five_hundred_in_a_few_seconds():
    texts = [stems(" ".join(f"w{(n * 7 + k * 13) % 900:03}" for k in range(25))) for n in range(500)]
    candidates = list(enumerate(texts))
    started = time.perf_counter()
    assert all(most_alike(own, candidates)[0][0] == n for n, own in candidates)  # each is most like itself
    assert time.perf_counter() - started < 10  # about one second; generous on a shared machine
