"""Three-way merge of Markdown sections: by paragraph first, then by word.

A save based on an outdated revision is merged with the newest one. Edits to
different paragraphs, or to different words of one paragraph, merge cleanly;
overlapping edits become Conflicts for the person to resolve, so no one's
words are ever dropped silently. Matching is bounded by a work budget: texts too costly
to match (thousands of equal paragraphs, say) become one conflict of the whole texts.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import partial
from itertools import accumulate, groupby

from merge3 import Merge3

from text.worddiff import tokenize

_LINE_END = re.compile(r"\r\n?|\n")
# difflib's autojunk stops using frequent items (spaces, commas, repeated paragraphs) as anchors in
# sequences of 200+ items, which turns disjoint edits of long sections into false conflicts. Without
# it matching is quadratic, so a passage longer than this (about 1,500 words; 0.3 s) keeps autojunk:
# at worst a false conflict, never a lost word.
_EXACT_LIMIT = 3000
# Steps of SequenceMatcher's inner loop one merge may take. Equal paragraphs or words repeated thousands of times
# make matching quadratic (5,000 equal paragraphs: 50 million steps, 11 s). Both people editing one 1,000-word
# paragraph takes 2.4 million (0.35 s); the costliest text within the budget, about 3 s on a busy 2-core server.
MATCH_BUDGET = 4_000_000


class _TooCostly(Exception):
    """Matching these texts would pass the merge's work budget."""


class _Work:
    """What is left of one merge's budget, shared by all its matchers so that the whole merge is bounded."""

    def __init__(self):
        self.left = MATCH_BUDGET

    def spend(self, steps: int) -> None:
        self.left -= steps
        if self.left < 0:
            raise _TooCostly()


class _BoundedMatcher(SequenceMatcher):
    """A SequenceMatcher that counts, before each search, the most steps it can take, and gives up past the
    budget: counted, not timed, so the same texts always merge the same way (the conflict screen relies on it)."""

    def __init__(self, isjunk, a, b, *, work: _Work, autojunk: bool):
        self._work = work
        super().__init__(isjunk, a, b, autojunk=autojunk)

    def get_matching_blocks(self):
        if self.matching_blocks is None:
            # find_longest_match walks, for each item of a, every position of b holding it: prefix sums of those
            # counts give the cost of any search in O(1).
            self._steps = list(accumulate((len(self.b2j.get(item, ())) for item in self.a), initial=0))
        return super().get_matching_blocks()

    def find_longest_match(self, alo, ahi, blo, bhi):
        self._work.spend(self._steps[ahi] - self._steps[alo] + 1)
        return super().find_longest_match(alo, ahi, blo, bhi)


@dataclass(frozen=True)
class Conflict:
    base: str    # the paragraph(s) as they were in base ('' if none)
    theirs: str  # ... as in theirs
    mine: str    # ... as in mine


@dataclass(frozen=True)
class MergeResult:
    # Strings are single paragraphs, so the conflict screen and text() can
    # treat the document as a list of paragraphs.
    chunks: tuple[str | Conflict, ...]

    @property
    def clean(self) -> bool:
        return not self.conflicts

    @property
    def conflicts(self) -> tuple[Conflict, ...]:
        return tuple(chunk for chunk in self.chunks if isinstance(chunk, Conflict))

    def text(self, resolutions: Sequence[str] = ()) -> str:
        """The merged document; each Conflict replaced by the resolution at its index (in order).
        Raises ValueError if the number of resolutions differs from the number of conflicts."""
        if len(resolutions) != len(self.conflicts):
            raise ValueError(
                f"{len(resolutions)} resolutions given for {len(self.conflicts)} conflicts"
            )
        answers = iter(resolutions)
        pieces = (next(answers) if isinstance(c, Conflict) else c for c in self.chunks)
        # Re-splitting each piece absorbs whatever blank lines a resolution
        # brings (an empty one vanishes), so paragraphs are always one blank line apart.
        return _join([p for piece in pieces for p in paragraphs(piece)])


def paragraphs(text: str) -> list[str]:
    """Blocks of non-blank lines; any run of blank lines separates two blocks."""
    lines = _LINE_END.split(text)
    return ["\n".join(block) for filled, block in groupby(lines, key=_is_filled) if filled]


def _is_filled(line: str) -> bool:
    return bool(line.strip())


def merge(base: str, theirs: str, mine: str) -> MergeResult:
    """Merge mine (based on base) into theirs (the newest revision)."""
    base_ps, their_ps, my_ps = paragraphs(base), paragraphs(theirs), paragraphs(mine)
    if their_ps == my_ps or base_ps == my_ps:
        return MergeResult(tuple(their_ps))
    if base_ps == their_ps:
        return MergeResult(tuple(my_ps))

    work = _Work()
    chunks: list[str | Conflict] = []
    try:
        groups = list(Merge3(base_ps, their_ps, my_ps, sequence_matcher=_matcher(work, exact=True)).merge_groups())
    except _TooCostly:
        # Too costly to match paragraph by paragraph: the author compares the whole texts, nothing is lost.
        return MergeResult((Conflict(*("\n\n".join(ps) for ps in (base_ps, their_ps, my_ps))),))
    for group in groups:
        if group[0] != "conflict":  # unchanged, same, or changed on one side only
            chunks.extend(group[1])
            continue
        versions = ["\n\n".join(ps) for ps in group[1:]]  # base, theirs, mine
        words = _merge_words(*versions, work)
        if words is None:
            chunks.append(Conflict(*versions))
        else:
            chunks.extend(paragraphs(words))
    return MergeResult(tuple(chunks))


def _matcher(work: _Work, exact: bool):
    return partial(_BoundedMatcher, work=work, autojunk=not exact)


def _merge_words(base: str, theirs: str, mine: str, work: _Work) -> str | None:
    """The token-level merge of one region, or None if the edits overlap or are too costly to match."""
    merged: list[str] = []
    tokens = tokenize(base), tokenize(theirs), tokenize(mine)
    matcher = _matcher(work, exact=max(map(len, tokens)) <= _EXACT_LIMIT)
    try:
        for group in Merge3(*tokens, sequence_matcher=matcher).merge_groups():
            if group[0] == "conflict":
                return None
            merged.extend(group[1])
    except _TooCostly:
        return None
    return "".join(merged)


def _join(paras: list[str]) -> str:
    return "\n\n".join(paras) + "\n" if paras else ""
