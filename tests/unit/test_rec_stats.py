from collections import Counter

import pytest

from coalition.recommendations.tallies import STATUSES, Breakdown, compute, percent

GROUPS = ["Civil rights", "Women", "Children"]  # Children has no recommendation
ROWS = [
    ("implemented", "supported", "Civil rights"),
    ("partially", "supported", "Civil rights"),
    ("formally", "noted", "Civil rights"),
    ("not_implemented", "noted", "Civil rights"),
    ("not_implemented", "supported", "Civil rights"),
    ("no_progress", "noted", "Civil rights"),
    ("not_assessed", "supported", "Civil rights"),
    ("not_implemented", "", "Civil rights"),
    ("implemented", "supported", "Women"),
    ("implemented", "supported", "Women"),
    ("partially", "noted", "Women"),
    ("not_implemented", "supported", "Women"),
    ("not_assessed", "noted", "Women"),
    ("not_assessed", "", "Women"),
    ("no_progress", "supported", "Women"),
    ("formally", "supported", ""),
    ("not_implemented", "noted", ""),
    ("implemented", "", ""),
    ("not_assessed", "supported", ""),
    ("partially", "supported", ""),
]


def counts(breakdown):
    return [breakdown.counts[status] for status in STATUSES]


@pytest.mark.parametrize(("part", "whole", "expected"), [
    (1, 8, 13), (1, 3, 33), (2, 3, 67), (1, 200, 1), (1, 400, 0), (3, 16, 19), (5, 16, 31), (0, 5, 0),
    (5, 5, 100), (0, 0, 0), (3, 0, 0),
])
def test_percent_rounds_half_up(part, whole, expected):
    assert percent(part, whole) == expected


def test_overall_shares_of_the_assessed():
    stats = compute(ROWS, GROUPS)
    assert stats.overall.total == 20 and stats.overall.assessed == 16
    # Shares of the 16 assessed; not assessed: of all 20.
    assert [stats.overall.share(status) for status in STATUSES] == [25, 19, 13, 31, 13, 20]


def test_shares_of_all_have_one_denominator():
    stats = compute(ROWS, GROUPS)
    assert stats.overall.shares_of_all() == [  # each of all 20, so that they add up to about 100
        ("implemented", 4, 20), ("partially", 3, 15), ("formally", 2, 10),
        ("not_implemented", 5, 25), ("no_progress", 2, 10), ("not_assessed", 4, 20),
    ]
    empty = dict(stats.by_group)["Children"]
    assert empty.shares_of_all() == [(status, 0, 0) for status in STATUSES]


def test_headline_percentages():
    stats = compute(ROWS, GROUPS)
    assert stats.not_implemented == 31  # 5 of 16
    assert stats.stalled == 44  # 3 + 2 + 2 of 16 = 43.75


def test_by_group_in_given_order_with_empty_and_unassigned():
    stats = compute(ROWS, GROUPS)
    assert [name for name, _ in stats.by_group] == ["Civil rights", "Women", "Children", ""]
    civil, women, children, unassigned = (breakdown for _, breakdown in stats.by_group)
    assert counts(civil) == [1, 1, 1, 3, 1, 1]
    assert (civil.total, civil.assessed, civil.share("not_implemented")) == (8, 7, 43)
    assert counts(women) == [2, 1, 0, 1, 1, 2]
    assert (women.total, women.assessed, women.share("implemented"), women.share("not_assessed")) == (7, 5, 40, 29)
    assert (children.total, children.assessed) == (0, 0)
    assert children.shares_of_all() == [(status, 0, 0) for status in STATUSES]
    assert counts(unassigned) == [1, 1, 1, 1, 0, 1]
    assert (unassigned.total, unassigned.assessed) == (5, 4)


def test_group_not_in_order_comes_after_the_given_ones():
    stats = compute([("implemented", "supported", "Old group"), ("implemented", "supported", "Women")], GROUPS)
    assert [name for name, _ in stats.by_group] == ["Civil rights", "Women", "Children", "Old group"]


def test_by_response_order():
    for rows in (ROWS, list(reversed(ROWS))):
        stats = compute(rows, GROUPS)
        assert [name for name, _ in stats.by_response] == ["supported", "noted", ""]
        supported, noted, unknown = (breakdown for _, breakdown in stats.by_response)
        assert counts(supported) == [3, 2, 1, 2, 1, 2]
        assert counts(noted) == [0, 1, 1, 2, 1, 1]
        assert counts(unknown) == [1, 0, 0, 1, 0, 1]


def test_by_response_only_those_present():
    stats = compute([("implemented", "noted", "")], [])
    assert [name for name, _ in stats.by_response] == ["noted"]
    assert [name for name, _ in stats.by_group] == [""]


def test_nothing_assessed():
    stats = compute([("not_assessed", "supported", "Women")] * 3, GROUPS)
    assert stats.overall.assessed == 0
    assert stats.not_implemented == 0 and stats.stalled == 0
    assert stats.overall.share("not_assessed") == 100


def test_no_rows():
    stats = compute([], GROUPS)
    assert stats.overall.total == 0 and stats.by_response == []
    assert [(name, b.total) for name, b in stats.by_group] == [("Civil rights", 0), ("Women", 0), ("Children", 0)]
    assert Breakdown(Counter()).shares_of_all() == [(status, 0, 0) for status in STATUSES]
