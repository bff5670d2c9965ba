"""Word-level diffs built on diff-match-patch."""

import re

from diff_match_patch import diff_match_patch

from text import wordcount

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
_OPS = {
    diff_match_patch.DIFF_EQUAL: "equal",
    diff_match_patch.DIFF_INSERT: "insert",
    diff_match_patch.DIFF_DELETE: "delete",
}

_dmp = diff_match_patch()
_dmp.Diff_Timeout = 2.0  # seconds; past it the diff is valid but less minimal

# Tokens are encoded as code points from 0x100 up, skipping surrogates.
# Staying above ASCII keeps them off space/newline, which the semantic
# cleanup scores specially when placing chunk boundaries.
_FIRST_CODE_POINT = 0x100
_SURROGATES = range(0xD800, 0xE000)


def tokenize(text: str) -> list[str]:
    """Split into words, whitespace runs and single punctuation characters."""
    return _TOKEN.findall(text)


def _code_point(index: int) -> str:
    cp = _FIRST_CODE_POINT + index
    if cp >= _SURROGATES.start:
        cp += len(_SURROGATES)
    return chr(cp)


def _encode(tokens: list[str], codes: dict[str, str]) -> str:
    """Map each token to one character, adding unseen tokens to codes; a whitespace run with a line break
    stays as it is, so that the diff can find the paragraphs (unless it holds a character that could be
    taken for a code)."""
    for token in tokens:
        if token not in codes and not ("\n" in token and max(token) < chr(_FIRST_CODE_POINT)):
            codes[token] = _code_point(len(codes))
    return "".join(codes.get(token, token) for token in tokens)


def diff_words(old: str, new: str) -> list[tuple[str, str]]:
    """Diff two texts token by token; returns (op, text) chunks.

    Diffing one character per token (the "lines to chars" trick applied to
    words) keeps chunk boundaries on token boundaries, but for line breaks:
    line mode matches whole paragraphs first and diffs word by word only
    the paragraphs that changed (ten times faster on a long, reworked text).
    """
    codes: dict[str, str] = {}
    diffs = _dmp.diff_main(_encode(tokenize(old), codes), _encode(tokenize(new), codes), True)
    _dmp.diff_cleanupSemantic(diffs)
    tokens = {code: token for token, code in codes.items()}
    return [(_OPS[op], "".join(tokens.get(c, c) for c in chars)) for op, chars in diffs]


def change_stats(old: str, new: str) -> tuple[int, int]:
    """Return (words added, words removed)."""
    added = removed = 0
    for op, text in diff_words(old, new):
        if op == "insert":
            added += wordcount.count_words(text)
        elif op == "delete":
            removed += wordcount.count_words(text)
    return added, removed


def condense(chunks: list[tuple[str, str]], context: int = 80) -> list[tuple[str, str]]:
    """The same diff with long unchanged stretches cut to `context` characters around each change."""
    condensed = []
    for index, (op, text) in enumerate(chunks):
        if op == "equal" and len(text) > 2 * context + 20:
            head = text[:context] if index > 0 else ""
            tail = text[-context:] if index < len(chunks) - 1 else ""
            text = f"{head} … {tail}".strip(" ")
        condensed.append((op, text))
    return condensed
