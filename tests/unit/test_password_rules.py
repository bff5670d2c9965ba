"""The rules a new password must meet: 12 characters or more, not the login (nor part of it, in any case or
alphabet), and not one of zxcvbn's 30,000 common passwords, even with digits or symbols around it."""
import pytest

from coalition.passwords import MIN_LENGTH, password_problem


def test_the_minimum_is_twelve_characters():
    assert MIN_LENGTH == 12
    assert password_problem("x7#kQ2!mZ9a", "member") == "short"  # 11
    assert password_problem("x7#kQ2!mZ9aP", "member") is None  # exactly 12
    assert password_problem("", "member") == "short"


def test_length_counts_letters_not_bytes():
    assert len("Жұлдызды түн".encode()) > MIN_LENGTH
    assert password_problem("Жұлдыз түні", "member") == "short"  # 11 letters, 21 bytes
    assert password_problem("Жұлдызды түн", "member") is None


@pytest.mark.parametrize(("password", "login"), [
    ("aigerim-secret-2024", "aigerim"),
    ("my AIGERIM password", "aigerim"),
    ("my password Aigerim", "AIGERIM"),
    ("пароль Айгерим 2024", "айгерим"),  # Cyrillic, any case
    ("ӘСЕМ пен құпия сөз", "Әсем"),  # Kazakh letters fold too
    ("almaty-office", "legal-aid-almaty-office-2024"),  # the password is part of the login
    ("member secret 1", " member "),  # the login as typed, spaces and all
])
def test_the_login_is_refused_inside_the_password(password, login):
    assert password_problem(password, login) == "login"


@pytest.mark.parametrize("password", [
    "password1234", "qwerty123456", "1qaz2wsx3edc", "q1w2e3r4t5y6", "123qweasdzxc",  # in the list as they are
    "PASSWORD1234", "QwErTy123456",  # in any case
    "!!sunshine2024", "football!!!!", "superman.1234", "iloveyou_123",  # a common word with digits or symbols
])
def test_common_passwords_are_refused(password):
    assert password_problem(password, "member") == "common"


@pytest.mark.parametrize("password", ["1234567890!!", "!!!123456789", "1234567890.?"])
def test_a_common_number_with_symbols_around_it_is_refused(password):
    assert password_problem(password, "member") == "common"


@pytest.mark.parametrize("password", [
    "correct horse battery staple",
    "1234567890ab",  # not in the list, nor is 1234567890 what is left once the digits are stripped
    "the river flows past the old mill",
    "Менің құпия сөзім ұзын",  # Kazakh
    "Қазақстан Республикасы 2024",
    "серая кошка спит на окне",  # Russian
    "x7#kQ2!mZ9aP",
])
def test_good_passwords_are_accepted(password):
    assert password_problem(password, "member") is None


def test_an_empty_login_does_not_refuse_everything():
    assert password_problem("correct horse battery staple", "") is None
    assert password_problem("correct horse battery staple", "   ") is None
