"""text/memo.py: a function of a text computed once per text (and further arguments), within a bounded memory."""
from text.memo import by_digest


def counting(maxsize: int):
    calls = []

    @by_digest(maxsize)
    def length(text: str, twice: bool = False) -> int:
        calls.append(text)
        return len(text) * (2 if twice else 1)

    return length, calls


def test_a_text_is_computed_once():
    length, calls = counting(4)
    assert [length("Свобода"), length("Свобода"), length("Свобода", True)] == [7, 7, 14]
    assert calls == ["Свобода", "Свобода"]  # once, and once more for the other argument


def test_the_least_recently_used_text_is_dropped_past_maxsize():
    length, calls = counting(2)
    for text in ["a", "b", "a", "c", "a", "b"]:
        length(text)
    assert calls == ["a", "b", "c", "b"]  # "b" was the oldest when "c" came; "a" stayed in use


def test_the_cache_keeps_no_text():
    length, _ = counting(2)
    length("a confidential draft")
    cells = [cell.cell_contents for cell in length.__closure__]  # the cache lives in the wrapper's closure
    results = next(cell for cell in cells if hasattr(cell, "move_to_end"))
    assert len(results) == 1
    assert all("confidential" not in str(key) for key in results)
