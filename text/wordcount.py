"""Word counts for plain text and markdown documents (Russian, Kazakh, English)."""

import re
from dataclasses import dataclass

from text import markup

# A letter or digit plus any combining accents (e.g. Russian stress marks, "о́").
_CHAR = r"[^\W_][\u0300-\u036f]*"
# Hyphens and apostrophes join words ("кое-что", "don't"); ".", "," and
# no-break/thin spaces join digit groups only ("118.12", "2 815" with U+00A0).
_JOINER = r"(?:[-'’]|(?<=\d)[.,\u00a0\u2009\u202f](?=\d))"
_WORD = re.compile(rf"(?:{_CHAR})+(?:{_JOINER}(?:{_CHAR})+)*")


def count_words(text: str) -> int:
    return sum(1 for _ in _WORD.finditer(text))


@dataclass(frozen=True)
class WordCount:
    body: int
    notes: int

    @property
    def total(self) -> int:
        return self.body + self.notes


def count_markdown(source: str) -> WordCount:
    body, notes = markup.plain_text(source)
    return WordCount(body=count_words(body), notes=count_words(notes))
