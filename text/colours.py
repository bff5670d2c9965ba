"""Colours a person chooses, held to WCAG's contrast: the accent carries white text and is itself text on white."""
import re

HEX = re.compile(r"#[0-9a-fA-F]{6}")
DEFAULT_ACCENT = "#0b5394"
MIN_CONTRAST = 4.5  # WCAG AA for body text, both ways: white on the accent, the accent on white


def luminance(colour: str) -> float:
    """WCAG's relative luminance of "#rrggbb"."""
    channels = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_with_white(colour: str) -> float:
    return 1.05 / (luminance(colour) + 0.05)


def darkened(colour: str) -> str:
    """The colour, darkened in steps of its own hue until white text on it reads (MIN_CONTRAST), to suggest."""
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    candidate = colour.lower()
    while contrast_with_white(candidate) < MIN_CONTRAST:
        rgb = [int(c * 0.95) for c in rgb]
        candidate = "#" + "".join(f"{c:02x}" for c in rgb)
    return candidate
