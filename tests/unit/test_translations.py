"""The Kazakh and Russian catalogues cover every English source string, and nothing else.

After changing strings, from the repo root (templates go file by file: babel.cfg's
`templates/**.html` only matches paths relative to the root, not to `templates`):

    .venv/bin/pybabel extract -F babel.cfg -k _l --no-location --sort-output \
        --project="UPR Coalition Editor" -o translations/messages.pot \
        *.py views $(find templates -name '*.html')
    .venv/bin/pybabel update -i translations/messages.pot -d translations \
        --no-fuzzy-matching --ignore-obsolete

then fill the empty msgstrs in translations/{kk,ru}/LC_MESSAGES/messages.po (kk's glossary is in its
header) and check with
`.venv/bin/pybabel compile -d translations --statistics`.
"""
import functools
import re
from pathlib import Path

import pytest

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
SOURCE_DIRS = {"views", "templates"}  # plus the top-level *.py, as in the command above
CATALOGUES = ["kk", "ru"]
PLACEHOLDER = re.compile(r"%\(\w+\)\w")


@functools.cache
def source_messages():
    """{msgid: message} where message is a str, or a tuple for ngettext."""
    with open(ROOT / "babel.cfg") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found = extract_from_dir(
        ROOT, method_map, options_map, keywords={**DEFAULT_KEYWORDS, "_l": None},
        directory_filter=lambda d: Path(d).relative_to(ROOT).parts[0] in SOURCE_DIRS)
    return {m if isinstance(m, str) else m[0]: m for _, _, m, _, _ in found}


def catalog(language):
    with open(ROOT / f"translations/{language}/LC_MESSAGES/messages.po", "rb") as f:
        return read_po(f, locale=language)


def as_tuple(value):
    return value if isinstance(value, tuple) else (value,)


def listing(msgids):
    return "".join(f"\n  {m!r}" for m in sorted(msgids))


def test_sources_have_strings():
    assert "Sign in" in source_messages() and "%(num)s word" in source_messages()


@pytest.mark.parametrize("language", CATALOGUES)
def test_every_source_string_has_a_translation(language):
    translated = catalog(language)
    missing = [msgid for msgid, message in source_messages().items()
               if (entry := translated.get(msgid)) is None or entry.fuzzy
               or entry.pluralizable != isinstance(message, tuple)
               or not all(as_tuple(entry.string))]
    assert not missing, f"Missing, empty, fuzzy or wrongly plural in {language}/messages.po:" + listing(missing)


@pytest.mark.parametrize("language", CATALOGUES)
def test_translations_keep_placeholders(language):
    wrong = []
    for entry in catalog(language):
        expected = {p for msgid in as_tuple(entry.id) for p in PLACEHOLDER.findall(msgid)}
        if entry.id and any(set(PLACEHOLDER.findall(s)) != expected for s in as_tuple(entry.string)):
            wrong.append(as_tuple(entry.id)[0])
    assert not wrong, "Placeholders differ from the msgid:" + listing(wrong)


@pytest.mark.parametrize("language", CATALOGUES)
def test_no_obsolete_translations(language):
    translated = catalog(language)
    stale = {as_tuple(m.id)[0] for m in translated if m.id} - source_messages().keys()
    stale |= {as_tuple(m.id)[0] for m in translated.obsolete.values()}
    assert not stale, f"In {language}/messages.po but no longer in the sources:" + listing(stale)
