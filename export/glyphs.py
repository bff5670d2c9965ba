"""The characters the report's PDF has no font for, so that the editor can say so before they print as empty boxes.

The PDF's fonts are the files its @font-face rules name (static/fonts), then the families its font stacks fall back
on (static/pdf.css), found through fontconfig as WeasyPrint finds them. Their character maps are read with fontTools
once per process, each when first needed (all of them take about a second, most of it the Chinese, Japanese and
Korean fonts).
"""
import re
import subprocess
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import NamedTuple

from fontTools.ttLib import TTFont

from export.pdf import STATIC_DIR, STYLESHEET


class Face(NamedTuple):
    path: Path
    index: int = 0  # the font's number in a collection (.ttc)


_SHIPPED = re.compile(r'url\("app-static:/([^"]+)"\)')
_OWN_FAMILY = re.compile(r'@font-face\s*\{\s*font-family:\s*"([^"]+)"')
_STACK = re.compile(r"--(?:serif|sans)\s*:\s*([^;]+);")
_FAMILY = re.compile(r'"([^"]+)"')
# Never drawn, so never missing: spaces and separators, controls, format characters (the joiners inside an emoji
# sequence, a soft hyphen) and variation selectors.
_NOT_DRAWN = {"Zs", "Zl", "Zp", "Cc", "Cf"}
_VARIATION_SELECTORS = (range(0xFE00, 0xFE10), range(0xE0100, 0xE01F0))


def shipped_fonts(stylesheet: str) -> list[Face]:
    return [Face(STATIC_DIR / name) for name in _SHIPPED.findall(stylesheet)]


def fallback_families(stylesheet: str) -> list[str]:
    """The families the stacks name after the stylesheet's own (@font-face) ones, in order."""
    own = set(_OWN_FAMILY.findall(stylesheet))
    named = (family for stack in _STACK.findall(stylesheet) for family in _FAMILY.findall(stack))
    return [family for family in dict.fromkeys(named) if family not in own]


def installed(family: str) -> list[Face]:
    """The files fontconfig has for this family: none when it is not installed (fc-list names no substitute)."""
    try:
        listed = subprocess.run(["fc-list", "--format", r"%{file}|%{index}\n", family], capture_output=True,
                                text=True, check=True, timeout=30).stdout
    except FileNotFoundError:  # no fontconfig tools: no fallback is known, so more is flagged, never less
        return []
    return sorted(Face(Path(path), int(index)) for path, index in (line.rsplit("|", 1) for line in listed.splitlines()))


@cache  # fonts change only with a package install, after which the app is restarted
def fallback_fonts() -> tuple[Face, ...]:
    return tuple(face for family in fallback_families(STYLESHEET.read_text()) for face in installed(family))


@cache
def pdf_fonts() -> tuple[Face, ...]:
    return (*shipped_fonts(STYLESHEET.read_text()), *fallback_fonts())


@cache
def _characters(face: Face) -> frozenset[int]:
    with TTFont(face.path, fontNumber=face.index, lazy=True) as font:
        return frozenset(font.getBestCmap() or ())



def drawn(char: str) -> bool:
    return (unicodedata.category(char) not in _NOT_DRAWN
            and not any(ord(char) in selectors for selectors in _VARIATION_SELECTORS))


def unprintable(text: str, fonts: Iterable[Face]) -> list[str]:
    """The characters of the text that none of the fonts has, each once, in the order they first come.

    The fonts are read in order, and only while some character is left: a text the shipped fonts print never waits
    for the large fallback fonts to be read."""
    left = {ord(char) for char in set(text) if drawn(char)}  # each character checked once, not at each use
    for face in fonts:
        if not left:
            break
        left -= _characters(face)
    return [char for char in dict.fromkeys(text) if ord(char) in left]


def describe(char: str) -> str:
    """The character as "U+1F600 GRINNING FACE"; as its code point alone when Unicode gives it no name (private use)."""
    return f"U+{ord(char):04X} {unicodedata.name(char, '')}".rstrip()
