"""Merge and diff benchmark: our word diff and three-way merge of a 10,000-word section, next to difflib.

Two co-authors edit the same base: each rewords some paragraphs and deletes, adds and moves a few, and both
edit a few of the same paragraphs (some in different words, which merge; some in the same word, which
conflict). The baseline is difflib.SequenceMatcher without autojunk on the tokens our diff uses.
Prints a table; asserts nothing. Run: .venv/bin/python -m bench.merge_bench
"""
import random
import re
from difflib import SequenceMatcher
from itertools import count

from bench import figures
from bench.pdf_bench import SECTIONS, timed
from ops import demo
from text import (
    merge,
    worddiff,
)
from text.wordcount import count_words

WORDS = 10_000
RUNS = 3  # the baseline takes some 20 s a run on 10,000 words
OWN_EDITS = 40  # paragraphs each co-author edits alone: a tenth deleted, a tenth moved, a tenth added after
SHARED_EDITS = 3  # paragraphs both edit in different words, and as many in the same word
# The report quotes a few recommendations in the UN's English (the demo's, translated).
QUOTES = (
    "> “Adopt comprehensive anti-discrimination legislation that defines direct and indirect discrimination” "
    "(A/HRC/43/10, recommendation 118.20).",
    "> “Ensure independent, prompt and effective investigations into all complaints of torture” (118.33).",
    "> “Bring the legislation on peaceful assemblies into line with article 21 of the Covenant, replacing the "
    "authorisation regime with notification” (118.41).",
    "> “Criminalise domestic violence as a separate offence” (118.88).",
)
# What a co-author adds: the organisations' and groups' own descriptions.
CONTENT = demo.load()
NEW_PARAGRAPHS = ([o["description"] for o in CONTENT["organisations"]]
                  + [g["theme"] for g in CONTENT["groups"]] + [CONTENT["coalition"]["description"]])
_SENTENCE_END = re.compile(r"(?<=[.!?»])\s+")
_NUMBER = re.compile(r"\d+")


def base_paragraphs(words: int) -> list[str]:
    """The demo sections' paragraphs, the recommendations with their assessment and the English quotes,
    over and over until `words`; each pass puts a paragraph's sentences in another order and moves its figures
    on, so that few paragraphs repeat word for word (headings do, as in a long section)."""
    source = ([p for _title, body in SECTIONS for p in merge.paragraphs(body)]
              + [f"Рекомендация {row['number']} ({row['states']}): «{row['text']}». {row['justification']}"
                 for row in demo.recommendation_rows()]
              + list(QUOTES))
    paragraphs, total = [], 0
    for turn in count():
        for paragraph in source:
            if total >= words:
                return paragraphs
            paragraphs.append(_rotate(paragraph, turn))
            total += count_words(paragraphs[-1])


def _rotate(paragraph: str, turn: int) -> str:
    paragraph = _NUMBER.sub(lambda number: str(int(number[0]) + turn), paragraph)
    if "\n" in paragraph:  # a table, a list or notes: its lines stay in order
        return paragraph
    sentences = _SENTENCE_END.split(paragraph)
    turn %= len(sentences)
    return " ".join(sentences[turn:] + sentences[:turn])


def co_authors(base: list[str]) -> tuple[str, str]:
    """Theirs (saved first) and mine, both edited from base."""
    # Headings and short lines are left alone; both edit only long paragraphs, so each has words to spare.
    prose = [i for i in random.Random(2026).sample(range(len(base)), len(base)) if count_words(base[i]) >= 10]
    shared = [i for i in prose if count_words(base[i]) >= 30][:2 * SHARED_EDITS]
    apart, alike = shared[:SHARED_EDITS], shared[SHARED_EDITS:]
    alone = [i for i in prose if i not in shared]
    # Both change a word in the middle of `alike`; in `apart`, one near the start and the other near the end.
    theirs = edit(base, random.Random(1), alone[:OWN_EDITS],
                  {**dict.fromkeys(apart, 0.1), **dict.fromkeys(alike, 0.5)})
    mine = edit(base, random.Random(2), alone[OWN_EDITS:2 * OWN_EDITS],
                {**dict.fromkeys(apart, 0.9), **dict.fromkeys(alike, 0.5)})
    return theirs, mine


def edit(base: list[str], rng: random.Random, own: list[int], reword_at: dict[int, float]) -> str:
    """One co-author's edit: of the paragraphs `own`, a tenth deleted, a tenth moved elsewhere, a tenth followed
    by a new paragraph, the rest reworded in one to three places; the paragraphs of reword_at each have the
    word at that fraction of their length changed."""
    tenth = len(own) // 10
    deleted, moved, extended = own[:tenth], own[tenth:2 * tenth], own[2 * tenth:3 * tenth]
    texts = {i: _reword(base[i], rng, [rng.random() for _ in range(rng.randint(1, 3))]) for i in own[3 * tenth:]}
    texts.update({i: _reword(base[i], rng, [where]) for i, where in reword_at.items()})
    after = {}  # base index -> the paragraphs that now follow it
    for i in moved:
        after.setdefault(rng.randrange(len(base)), []).append(base[i])
    for i in extended:
        after.setdefault(i, []).append(rng.choice(NEW_PARAGRAPHS))
    paragraphs = []
    for i, paragraph in enumerate(base):
        if i not in deleted and i not in moved:
            paragraphs.append(texts.get(i, paragraph))
        paragraphs += after.get(i, [])
    return "\n\n".join(paragraphs) + "\n"


def _reword(paragraph: str, rng: random.Random, places: list[float]) -> str:
    """The paragraph with the word at each place (a fraction of its length) swapped for another of its words."""
    tokens = worddiff.tokenize(paragraph)
    words = [k for k, token in enumerate(tokens) if len(token) > 3 and token.isalpha()]
    for place in places:
        at = words[round(place * (len(words) - 1))]
        tokens[at] = rng.choice([tokens[k] for k in words if tokens[k] != tokens[at]])
    return "".join(tokens)


def token_opcodes(old: str, new: str) -> list:
    return SequenceMatcher(None, worddiff.tokenize(old), worddiff.tokenize(new), autojunk=False).get_opcodes()


def best_times(runs: int, works: dict) -> dict[str, float]:
    """Every work timed once a round, so a load on the machine weighs on all alike; the best of each."""
    times = {name: [] for name in works}
    for _ in range(runs):
        for name, work in works.items():
            times[name].append(timed(work))
    return {name: min(seconds) for name, seconds in times.items()}


def main() -> None:
    paragraphs = base_paragraphs(WORDS)
    base = "\n\n".join(paragraphs) + "\n"
    theirs, mine = co_authors(paragraphs)
    conflicts = merge.merge(base, theirs, mine).conflicts
    sides = [(c.base, side) for c in conflicts for side in (c.theirs, c.mine)]
    measures = {  # name: (ours, the baseline's name)
        "word diff (history, review pages)": (lambda: worddiff.diff_words(base, mine), "diff"),
        "word diff + condense (edit page's draft)": (
            lambda: worddiff.condense(worddiff.diff_words(base, mine)), "diff"),
        "change_stats (every save)": (lambda: worddiff.change_stats(base, mine), "diff"),
        "three-way merge (a stale save)": (lambda: merge.merge(base, theirs, mine), "merge"),
        f"conflict screen's {len(sides)} diffs": (lambda: [worddiff.diff_words(*pair) for pair in sides], "conflicts"),
    }
    baselines = {
        "diff": lambda: token_opcodes(base, mine),
        "merge": lambda: (token_opcodes(base, theirs), token_opcodes(base, mine)),
        "conflicts": lambda: [token_opcodes(*pair) for pair in sides],
    }
    best = best_times(RUNS, {**{name: ours for name, (ours, _) in measures.items()}, **baselines})
    rows = [(name, f"{1000 * best[name]:.1f} ms", f"{1000 * best[baseline]:.1f} ms",
             f"{best[name] / best[baseline]:.3f}×") for name, (_, baseline) in measures.items()]
    figures.publish("Merge and diff", [
        f"Base {count_words(base):,} words ({len(worddiff.tokenize(base)):,} tokens, {len(paragraphs)} paragraphs); "
        f"theirs {count_words(theirs):,} words, mine {count_words(mine):,}; best of {RUNS}. The merge found "
        f"{len(conflicts)} conflicts (expected: {SHARED_EDITS} same-word edits, plus any where both sides' edits "
        "touch).",
        figures.table(("measure", "ours", "difflib, same tokens (autojunk=False)", "ratio"), rows)])


if __name__ == "__main__":
    main()
