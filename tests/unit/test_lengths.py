"""Cutting long values where a whole one cannot go (lengths.py): on one line, at a word's end when one is near,
never inside a character, within a file name's limits in characters and in UTF-8 bytes."""
import unicodedata

from hypothesis import given, strategies as st

from models import Export, Submission
from text.lengths import ELLIPSIS, FILE_NAME_BYTES, FILE_NAME_CHARS, file_name, one_line, shorten

KAZAKH = "Қазақстандағы адам құқықтары: әғқңөұүһі ӘҒҚҢӨҰҮҺІ "


def test_a_short_value_is_kept_whole_on_one_line():
    assert shorten("Права женщин", 120) == "Права женщин"
    assert shorten("Права\r\nженщин\t и детей ", 120) == "Права женщин и детей"
    assert one_line(" a \n\n b ") == "a b"


def test_a_long_value_is_cut_at_a_word_end_with_an_ellipsis():
    source = KAZAKH * 10
    cut = shorten(source, 120)
    assert 100 < len(cut) <= 120 and cut.endswith(ELLIPSIS) and source.startswith(cut[:-1])
    assert source[len(cut) - 1] in " :"  # what follows the kept words: a space, or the colon dropped


def test_an_unbroken_word_is_cut_inside_it():
    assert shorten("Құқыққорғаушылардың" * 20, 30) == ("Құқыққорғаушылардың" * 2)[:29] + ELLIPSIS


def test_punctuation_before_the_cut_is_dropped():
    assert shorten("Права женщин, детей и мигрантов", 16) == "Права женщин" + ELLIPSIS


def test_an_accent_stays_with_its_letter():
    decomposed = unicodedata.normalize("NFD", "й") * 20  # и followed by a combining breve
    assert shorten(decomposed, 10) == decomposed[:8] + ELLIPSIS  # not и without its breve at 9


def test_file_names_fit_the_columns_and_the_file_systems():
    assert min(Export.filename.max_length, Submission.filename.max_length) >= FILE_NAME_CHARS
    kazakh = file_name(KAZAKH * 10, "docx")
    assert kazakh.endswith(ELLIPSIS + ".docx") and len(kazakh.encode()) <= FILE_NAME_BYTES
    assert len(kazakh.encode()) > FILE_NAME_BYTES - 10  # the bytes, not the characters, were the limit
    latin = file_name("Joint submission of the coalition " * 10, "pdf")
    assert len(latin) <= FILE_NAME_CHARS and len(latin) > FILE_NAME_CHARS - 15 and latin.endswith(".pdf")


def test_file_names_keep_only_safe_characters():
    assert file_name('Доклад: "УПО" / 2024 <b>\\ ?*|', "pdf") == "Доклад УПО 2024 b.pdf"
    assert file_name("../../etc/passwd", "pdf") == "etcpasswd.pdf"
    assert file_name("«»!?", "pdf") == "report.pdf"
    assert file_name("", "", default="section") == "section"


@given(st.text(), st.integers(min_value=1, max_value=500))
def test_any_value_fits_its_limit(text, limit):
    cut = shorten(text, limit)
    assert len(cut) <= limit and "\n" not in cut
    assert cut == one_line(text) or one_line(text).startswith(cut.removesuffix(ELLIPSIS))


@given(st.text(), st.sampled_from(["pdf", "docx", ""]))
def test_any_file_name_fits(stem, extension):
    name = file_name(stem, extension)
    assert len(name) <= FILE_NAME_CHARS and len(name.encode()) <= FILE_NAME_BYTES
    assert name.endswith(f".{extension}") if extension else not name.endswith(".")
    assert "/" not in name and "\n" not in name and name.strip() == name


def test_file_names_are_one_line_whatever_the_title_holds():
    assert file_name("Joint\r\nsubmission\t2024\x0b\x85\u2028end\x07\x1b", "pdf") == "Joint submission 2024 end.pdf"
    cut = file_name("Доклад " * 40, "pdf")
    assert cut.endswith(f"{ELLIPSIS}.pdf") and file_name(cut.removesuffix(".pdf"), "pdf") == cut  # made again
