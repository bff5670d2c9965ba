"""Long values cut where a whole one cannot go: page headers, document properties, e-mail subjects, file names.

The forms accept long values (a coalition's real title has 339 characters), and every page and the body of
every file shows them whole; only these few places have limits of their own, and they all cut here, the same
way: on one line, at a word's end when one is near, never inside a character, with an ellipsis. Knows nothing
of Flask or the database.
"""
import re
import unicodedata
from collections.abc import Callable

ELLIPSIS = "…"
RUNNING_TITLE = 120  # characters: the short title's own limit, at most two lines of a page header
FILE_NAME_CHARS = 150  # within the 200 characters Export.filename and Submission.filename hold
FILE_NAME_BYTES = 255  # most file systems' limit for a name, in UTF-8 (a Cyrillic letter takes two bytes)
_UNSAFE_IN_FILE_NAME = re.compile(r"[^\w\s.,()—…-]+")  # the ellipsis of a name cut here stays when it is cut again


def one_line(text: str) -> str:
    """The text with every run of spaces and line breaks made one space (a header holds no line break)."""
    return " ".join(text.split())


def shorten(text: str, limit: int) -> str:
    """The text on one line, of at most `limit` characters: cut with an ellipsis when it is longer."""
    return _cut(one_line(text), lambda candidate: len(candidate) <= limit)


def file_name(stem: str, extension: str, limit: int = FILE_NAME_CHARS, default: str = "report") -> str:
    """A name for a file made from a title: on one line (every run of white space and control characters one
    space), only letters, digits, spaces and plain punctuation, cut so that the whole name, extension included,
    has at most `limit` characters and FILE_NAME_BYTES bytes in UTF-8. A name it made comes out of it unchanged."""
    suffix = f".{extension}" if extension else ""
    safe = one_line(_UNSAFE_IN_FILE_NAME.sub("", stem)).strip(" .") or default

    def fits(candidate: str) -> bool:
        return len(candidate + suffix) <= limit and len((candidate + suffix).encode()) <= FILE_NAME_BYTES

    return _cut(safe, fits) + suffix


def _cut(text: str, fits: Callable[[str], bool]) -> str:
    """The text if it fits, else its longest start that fits with the ellipsis after it: at the last space when
    that keeps two thirds of what fits (a title of long words is cut inside one), and never between a letter
    and the accent that follows it."""
    if fits(text):
        return text
    low, high = 0, len(text)  # fits() only grows false as the start grows: search the longest start
    while low < high:
        middle = (low + high + 1) // 2
        if fits(text[:middle] + ELLIPSIS):
            low = middle
        else:
            high = middle - 1
    end = low
    while 0 < end < len(text) and unicodedata.combining(text[end]):
        end -= 1
    space = text.rfind(" ", 0, end + 1)
    if space >= end * 2 // 3:
        end = space
    return text[:end].rstrip(" ,.;:—-") + ELLIPSIS
