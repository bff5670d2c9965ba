"""Mentions: `@login` in a sentence, never an e-mail address or the punctuation after it."""
import pytest

from text.mentions import MOST, mentions


@pytest.mark.parametrize("text, logins", [
    ("@aigerim, please look", {"aigerim"}),
    ("Thanks @aigerim.", {"aigerim"}),
    ("(@a.nurlanova) and @ivan-p!", {"a.nurlanova", "ivan-p"}),
    ("cc @Айгерим and @aigerim again @aigerim", {"Айгерим", "aigerim"}),
    ("write to aigerim@example.org", set()),
    ("an @ alone, @. or @-", set()),
    ("", set()),
])
def test_mentions(text, logins):
    assert mentions(text) == logins


def test_a_long_list_is_cut():
    assert len(mentions(" ".join(f"@person{n}" for n in range(MOST + 5)))) == MOST
