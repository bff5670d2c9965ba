"""Helpers for the co-editing tests: texts built of paragraphs (the `sec` and `conflict` fixtures, in
tests/web/conftest.py, edit one of them)."""
from models import Section

HX = {"HX-Request": "true"}


def doc(*paragraphs: str) -> str:
    """A section text as history stores it: paragraphs one blank line apart, one final newline."""
    return "\n\n".join(paragraphs) + "\n"


# A section of five paragraphs; the lead and the member both edit it from revision 3.
A, X, B, C, D = ("Introduction about the coalition.", "First spacer stays.", "The law was adopted in 2020.",
                 "Second spacer stays.", "Closing with recommendations.")
A2, B2 = "Introduction about the whole coalition.", "The law was adopted in 2021."  # the lead's, revision 4
B3, D3 = "The law was adopted in 2019.", "Closing with five recommendations."  # the member's, from 3
MINE = doc(A, X, B3, C, D3)


def head(section_id: int):
    return Section.get_by_id(section_id).head_revision()
