from hypothesis import given, strategies as st

from text.merge import Conflict, merge


def doc(paras):
    return "\n\n".join(paras) + "\n" if paras else ""


# Base words are lower case and unique, inserted words upper case, so each
# edit is unambiguous to the differ (repeats can make difflib misalign).
word = st.text("абвгдеклмнорстуяәғқңөұүһіxyz", min_size=1, max_size=6)
new_word = st.text("АБВГДЕӘҒҚҢӨҰҮҺІXYZ", min_size=1, max_size=6)


@st.composite
def disjoint_edits(draw):
    words = draw(st.lists(word, min_size=2, max_size=30, unique=True))
    n = draw(st.integers(2, min(8, len(words))))
    cuts = sorted(draw(st.sets(st.integers(1, len(words) - 1), min_size=n - 1, max_size=n - 1)))
    base = [words[i:j] for i, j in zip([0, *cuts], [*cuts, len(words)])]
    owners = draw(st.lists(st.sampled_from(["theirs", "mine", None]), min_size=n, max_size=n))
    versions = {"theirs": [*base], "mine": [*base]}
    for i, owner in enumerate(owners):
        if owner:
            edited = [*base[i]]
            if draw(st.booleans()):
                edited[draw(st.integers(0, len(edited) - 1))] = draw(new_word)
            else:
                edited += draw(st.lists(new_word, min_size=1, max_size=3))
            versions[owner][i] = edited
    expected = [versions[owner or "theirs"][i] for i, owner in enumerate(owners)]
    return [[" ".join(p) for p in ps] for ps in (base, versions["theirs"], versions["mine"], expected)]


@given(disjoint_edits())
def test_disjoint_edits_merge_cleanly_keeping_every_word(case):
    base, theirs, mine, expected = case
    result = merge(doc(base), doc(theirs), doc(mine))
    assert result.clean
    # Exactly: each edited paragraph as its editor left it, untouched ones as in base.
    assert result.text() == doc(expected)


line = st.text("аәқxy *-|#.", min_size=1, max_size=8).filter(str.strip)
paragraph = st.lists(line, min_size=1, max_size=3).map("\n".join)
any_text = st.text("аә x\n\r-", max_size=30)


@given(any_text, st.lists(paragraph, max_size=5), st.booleans())
def test_theirs_unchanged_gives_mine_verbatim(base, mine_paras, crlf):
    mine = doc(mine_paras)
    result = merge(base, base, mine.replace("\n", "\r\n") if crlf else mine)
    assert result.clean
    assert result.text() == mine


versions = st.lists(st.sampled_from(["а б", "а ә б", "қ", "x y", "x ү y"]), max_size=5).map(doc)


def swapped(chunk):
    return Conflict(chunk.base, chunk.mine, chunk.theirs) if isinstance(chunk, Conflict) else chunk


@given(versions, versions, versions)
def test_merge_is_symmetric(base, theirs, mine):
    result, mirrored = merge(base, theirs, mine), merge(base, mine, theirs)
    assert result.clean == mirrored.clean
    assert mirrored.chunks == tuple(map(swapped, result.chunks))
