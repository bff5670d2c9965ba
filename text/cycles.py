"""UPR cycles as people write them, and how alike two recommendations' texts are.

A cycle is free text ("4th cycle", "4-й цикл", "4"): it is compared by its ordinal number. Recommendations
are often repeated from one cycle to the next in slightly different words, so likeness is measured on word
stems (the first letters of each longer word), which tolerates Russian and Kazakh endings.
"""
import re

STEM = 5  # letters kept of a word: "ratify"/"ratification", "жалобы"/"жалоб" share theirs
SHORT = 3  # words this short ("to", "the", "и", "по") say nothing of the subject
SUGGESTED = 0.3  # the likeness from which an earlier recommendation is worth suggesting


def cycle_number(value: str) -> int | None:
    """The ordinal number a cycle is written with ("4th cycle", "4-й цикл", "4"), or None."""
    found = re.search(r"\d+", value or "")
    return int(found.group()) if found else None


def stems(text: str) -> frozenset[str]:
    """The text's words, case-folded and cut to their stems."""
    return frozenset(word[:STEM] for word in re.findall(r"\w+", text.casefold()) if len(word) > SHORT)


def likeness(first: frozenset[str], second: frozenset[str]) -> float:
    """The share of stems the two have in common (Jaccard's index), 0 to 1."""
    union = len(first | second)
    return len(first & second) / union if union else 0.0


def most_alike(own: frozenset[str], candidates: list[tuple[int, frozenset[str]]], limit: int = 5,
               threshold: float = SUGGESTED) -> list[tuple[int, float]]:
    """(id, likeness) of the candidates (id, stems) most like the stems `own`, best first, at most `limit` of
    them. The candidates' stems are made once by the caller: comparing 500 with 500 then takes about a second."""
    scored = [(key, likeness(own, other)) for key, other in candidates if own & other]
    return sorted([pair for pair in scored if pair[1] >= threshold], key=lambda pair: -pair[1])[:limit]
