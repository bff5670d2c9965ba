"""Three-way merge of Markdown sections: by paragraph first, then by word.

A save based on an outdated revision is merged with the newest one. Edits to
different paragraphs, or to different words of one paragraph, merge cleanly;
overlapping edits become Conflicts for the person to resolve, so no one's
words are ever dropped silently.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import partial
from itertools import groupby

from merge3 import Merge3

from worddiff import tokenize

_LINE_END = re.compile(r"\r\n?|\n")
# difflib's autojunk stops using frequent items (spaces, commas, repeated paragraphs) as anchors in
# sequences of 200+ items, which turns disjoint edits of long sections into false conflicts. Without
# it matching is quadratic, so a passage longer than this (about 1,500 words; 0.3 s) keeps autojunk:
# at worst a false conflict, never a lost word.
_EXACT_LIMIT = 3000
_EXACT = partial(SequenceMatcher, autojunk=False)


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

    chunks: list[str | Conflict] = []
    for group in Merge3(base_ps, their_ps, my_ps, sequence_matcher=_EXACT).merge_groups():
        if group[0] != "conflict":  # unchanged, same, or changed on one side only
            chunks.extend(group[1])
            continue
        versions = ["\n\n".join(ps) for ps in group[1:]]  # base, theirs, mine
        words = _merge_words(*versions)
        if words is None:
            chunks.append(Conflict(*versions))
        else:
            chunks.extend(paragraphs(words))
    return MergeResult(tuple(chunks))


def _merge_words(base: str, theirs: str, mine: str) -> str | None:
    """The token-level merge of one region, or None if the edits overlap."""
    merged: list[str] = []
    tokens = tokenize(base), tokenize(theirs), tokenize(mine)
    matcher = _EXACT if max(map(len, tokens)) <= _EXACT_LIMIT else None
    for group in Merge3(*tokens, sequence_matcher=matcher).merge_groups():
        if group[0] == "conflict":
            return None
        merged.extend(group[1])
    return "".join(merged)


def _join(paras: list[str]) -> str:
    return "\n\n".join(paras) + "\n" if paras else ""
