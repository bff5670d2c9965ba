"""Statistics of the coalition's assessments: counts and percentages by status, group and response.

Pure: it is given (status, response, group name) triples and computes; the sentence the report
quotes ("N% of the assessed recommendations are not implemented") comes from here, never typed.
"""
from collections import Counter
from dataclasses import dataclass

IMPLEMENTED, PARTIALLY, FORMALLY, NOT_IMPLEMENTED, NO_PROGRESS, NOT_ASSESSED = (
    "implemented", "partially", "formally", "not_implemented", "no_progress", "not_assessed")
STATUSES = (IMPLEMENTED, PARTIALLY, FORMALLY, NOT_IMPLEMENTED, NO_PROGRESS, NOT_ASSESSED)
RESPONSES = ("supported", "partially", "noted", "")  # the State's, in the vocabulary's order


def percent(part: int, whole: int) -> int:
    """A whole percentage, rounded half up (so 1 of 8 is 13%, as people round)."""
    return (200 * part + whole) // (2 * whole) if whole else 0


@dataclass(frozen=True)
class Breakdown:
    """How many of a set of recommendations have each status."""

    counts: Counter

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def assessed(self) -> int:
        return self.total - self.counts[NOT_ASSESSED]

    def share(self, status: str) -> int:
        """The status's percentage of the assessed recommendations (not-assessed: of all of them)."""
        whole = self.total if status == NOT_ASSESSED else self.assessed
        return percent(self.counts[status], whole)

    def shares_of_all(self) -> list[tuple[str, int, int]]:
        """(status, count, percentage of all of them) for every status, in order: one denominator for a whole
        table or chart, so that its shares add up to about 100."""
        return [(status, self.counts[status], percent(self.counts[status], self.total)) for status in STATUSES]


@dataclass(frozen=True)
class Statistics:
    overall: Breakdown
    by_group: list[tuple[str, Breakdown]]  # in the order the groups were given
    by_response: list[tuple[str, Breakdown]]  # supported, partially, noted, unknown (those present)

    @property
    def not_implemented(self) -> int:
        """The percentage of assessed recommendations not implemented at all."""
        return self.overall.share(NOT_IMPLEMENTED)

    @property
    def stalled(self) -> int:
        """The percentage only partly or formally implemented, or without progress."""
        counts = self.overall.counts
        return percent(counts[PARTIALLY] + counts[FORMALLY] + counts[NO_PROGRESS], self.overall.assessed)


def compute(rows, group_order: list[str]) -> Statistics:
    """rows: (status, response, group name or "") for each recommendation."""
    overall, groups, responses = Counter(), {name: Counter() for name in group_order}, {}
    for status, response, group in rows:
        overall[status] += 1
        groups.setdefault(group, Counter())[status] += 1
        responses.setdefault(response, Counter())[status] += 1
    return Statistics(
        overall=Breakdown(overall),
        by_group=[(name, Breakdown(counts)) for name, counts in groups.items()],
        by_response=[(response, Breakdown(responses[response])) for response in RESPONSES if response in responses])
