"""Recommendations of several cycles: the cycle a report tracks (by default the one before its own), the
cycles its recommendations come from, links from a newer cycle's recommendation to the earlier one it repeats
(suggested by likeness of text, confirmed by a person), and how each theme fared from cycle to cycle."""
from collections import Counter

from coalition import activity
from models import Activity, Recommendation, Report, db
from text.cycles import cycle_number, most_alike, stems

SUGGESTIONS = 5  # earlier recommendations suggested for one


class NotEarlier(Exception):
    """Only a recommendation of an earlier cycle of the same report can be repeated."""


def present(report_id: int) -> dict[int, list[str]]:
    """Cycle number -> the ways the report's recommendations write it ("3", "3-й цикл"), by number."""
    found = {}
    for value in (Recommendation.select(Recommendation.cycle).distinct()
                  .where(Recommendation.report == report_id).scalars()):
        number = cycle_number(value)
        if number is not None:
            found.setdefault(number, []).append(value)
    return dict(sorted(found.items()))


def tracked(report: Report) -> int | None:
    """The cycle the report tracks: the one chosen, else the one before the report's own (None: not known)."""
    if report.tracked_cycle:
        return cycle_number(report.tracked_cycle)
    own = cycle_number(report.cycle)
    return own - 1 if own and own > 1 else None


def shown_by_default(report: Report) -> int | None:
    """The cycle the tracker lists first: the tracked one when the report has recommendations of it, else all."""
    number = tracked(report)
    return number if number in present(report.id) else None


def values_of(report_id: int, number: int) -> list[str]:
    """The ways the report's recommendations write cycle `number`, for a query."""
    return present(report_id).get(number, [])


def suggestions(recommendation: Recommendation) -> list[tuple[Recommendation, int]]:
    """The earlier cycles' recommendations most like this one, with their likeness in percent, best first."""
    own = cycle_number(recommendation.cycle)
    if own is None:
        return []
    earlier = {rec.id: rec for rec in Recommendation.select(
        Recommendation.id, Recommendation.number, Recommendation.document, Recommendation.cycle,
        Recommendation.text).where(Recommendation.report == recommendation.report_id)
        if (cycle_number(rec.cycle) or own) < own}
    ranked = most_alike(stems(recommendation.text), [(key, stems(rec.text)) for key, rec in earlier.items()],
                        SUGGESTIONS)
    return [(earlier[key], round(100 * score)) for key, score in ranked if key != recommendation.repeats_id]


def link(recommendation: Recommendation, earlier: Recommendation | None, user) -> None:
    """Record that `recommendation` repeats `earlier` (an earlier cycle's, in the same report)."""
    own = cycle_number(recommendation.cycle)
    their = cycle_number(earlier.cycle) if earlier else None
    if not earlier or earlier.report_id != recommendation.report_id or own is None or their is None or their >= own:
        raise NotEarlier()
    with db.atomic():
        Recommendation.update(repeats=earlier.id).where(Recommendation.id == recommendation.id).execute()
        activity.record(Activity.LINK, user, recommendation.report_id, detail=earlier.number[:40],
                        recommendation=recommendation)


def unlink(recommendation: Recommendation, user) -> None:
    """Undo link(): the recommendation no longer says it repeats another."""
    with db.atomic():
        Recommendation.update(repeats=None).where(Recommendation.id == recommendation.id).execute()
        activity.record(Activity.UNLINK, user, recommendation.report_id, recommendation=recommendation)


def themes_across_cycles(report_id: int, key: str) -> tuple[list[int], list[tuple[str, dict[int, Counter]]]]:
    """How each theme fared in each cycle: the cycle numbers, and for each theme (sorted) cycle -> Counter of
    the recommendations' `key` ("status" or "response")."""
    table, cycles = {}, set()
    for rec in Recommendation.select(Recommendation.cycle, Recommendation.themes, getattr(Recommendation, key)).where(
            Recommendation.report == report_id):
        number = cycle_number(rec.cycle)
        if number is None:
            continue
        cycles.add(number)
        for theme in Recommendation.lines(rec.themes):
            table.setdefault(theme, {}).setdefault(number, Counter())[getattr(rec, key)] += 1
    return sorted(cycles), sorted(table.items(), key=lambda item: item[0].casefold())
