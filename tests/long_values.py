"""Values as long as the forms accept, for the tests of every output: Kazakh letters (two bytes each in UTF-8),
spaces, and a word too long for any line."""
import re

WORDS = "Қазақстандағы адам құқықтары: әділ сот, ғұмыр, қоғам, өңір, ұлттық үкімет, һәм ілім. "
UNBROKEN = "Құқыққорғаушылардыңқауіпсіздігін" * 3  # 96 letters without a space
_SOURCE = WORDS * 2 + UNBROKEN + " "


def long_text(length: int) -> str:
    """Exactly `length` characters of words and an unbroken one, ending in a letter (a form may strip spaces)."""
    text = (_SOURCE * (length // len(_SOURCE) + 1))[:length - 1]
    return text + "і"


def squeezed(text: str) -> str:
    """The text without any whitespace: a PDF's text comes back with line breaks where the lines broke."""
    return re.sub(r"\s+", "", text)
