"""The Russian catalogue covers every English source string, and nothing else.

After changing strings, from the repo root (templates go file by file: babel.cfg's
`templates/**.html` only matches paths relative to the root, not to `templates`):

    .venv/bin/pybabel extract -F babel.cfg -k _l --no-location --sort-output \
        --project="UPR Coalition Editor" -o translations/messages.pot \
        *.py views $(find templates -name '*.html')
    .venv/bin/pybabel update -i translations/messages.pot -d translations \
        --no-fuzzy-matching --ignore-obsolete

then fill the empty msgstrs in translations/ru/LC_MESSAGES/messages.po and check with
`.venv/bin/pybabel compile -d translations --statistics`.
"""
import functools
import re
from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
SOURCE_DIRS = {"views", "templates"}  # plus the top-level *.py, as in the command above
PO = ROOT / "translations/ru/LC_MESSAGES/messages.po"
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


def catalog():
    with open(PO, "rb") as f:
        return read_po(f, locale="ru")


def as_tuple(value):
    return value if isinstance(value, tuple) else (value,)


def listing(msgids):
    return "".join(f"\n  {m!r}" for m in sorted(msgids))


def test_sources_have_strings():
    assert "Sign in" in source_messages() and "%(num)s word" in source_messages()


def test_every_source_string_has_a_russian_translation():
    ru = catalog()
    missing = [msgid for msgid, message in source_messages().items()
               if (entry := ru.get(msgid)) is None or entry.fuzzy
               or entry.pluralizable != isinstance(message, tuple)
               or not all(as_tuple(entry.string))]
    assert not missing, "Missing, empty, fuzzy or wrongly plural in ru/messages.po:" + listing(missing)


def test_translations_keep_placeholders():
    wrong = []
    for entry in catalog():
        expected = {p for msgid in as_tuple(entry.id) for p in PLACEHOLDER.findall(msgid)}
        if entry.id and any(set(PLACEHOLDER.findall(s)) != expected for s in as_tuple(entry.string)):
            wrong.append(as_tuple(entry.id)[0])
    assert not wrong, "Placeholders differ from the msgid:" + listing(wrong)


def test_no_obsolete_translations():
    ru = catalog()
    stale = {as_tuple(m.id)[0] for m in ru if m.id} - source_messages().keys()
    stale |= {as_tuple(m.id)[0] for m in ru.obsolete.values()}
    assert not stale, "In ru/messages.po but no longer in the sources:" + listing(stale)
