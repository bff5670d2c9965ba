"""The Kazakh and Russian catalogues cover every English source string, and nothing else; and no template
shows text that does not go through them.

After changing strings, `make translations-update` (babel.cfg says which files hold them), then fill the
empty msgstrs in translations/{kk,ru}/LC_MESSAGES/messages.po (kk's glossary is in its header) and check with
`.venv/bin/pybabel compile -d translations --statistics`.
"""
import functools
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = ["kk", "ru"]
PLACEHOLDER = re.compile(r"%\(\w+\)\w")
JINJA = re.compile(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", re.S)
WORD = re.compile(r"[^\W\d_]{2,}")  # two letters in a row, in any script
SHOWN_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label", "label"}
SAME_IN_EVERY_LANGUAGE = {"PDF", "DOCX", "SHA-256"}
WHOLE_LANGUAGE_FILES = re.compile(r"help/_(kk|ru|en)\.html")  # each written whole in its language


@functools.cache
def source_messages():
    """{msgid: message} where message is a str, or a tuple for ngettext."""
    with open(ROOT / "babel.cfg") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found = extract_from_dir(ROOT, method_map, options_map, keywords={**DEFAULT_KEYWORDS, "_l": None})
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


class _ShownText(HTMLParser):
    """What a reader sees or hears of a template once its Jinja is taken out: text and labelling attributes."""

    HIDDEN = {"script", "style", "code", "pre"}

    def __init__(self):
        super().__init__()
        self.found, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in self.HIDDEN
        self.found += [value for name, value in attrs if name in SHOWN_ATTRIBUTES and value]

    def handle_endtag(self, tag):
        self.hidden -= tag in self.HIDDEN

    def handle_data(self, data):
        if not self.hidden:
            self.found.append(data.strip())


def untranslated(template: str) -> list[str]:
    parser = _ShownText()
    parser.feed(JINJA.sub(" ", template))
    return [text for text in parser.found if WORD.search(text) and text not in SAME_IN_EVERY_LANGUAGE]


def test_the_template_check_finds_literal_text():
    assert untranslated('<p title="Close">{{ _("Save") }}</p><b>Draft</b>{# a comment #}') == ["Close", "Draft"]


def test_templates_show_no_untranslated_text():
    found = {str(path.relative_to(ROOT / "templates")): untranslated(path.read_text())
             for path in (ROOT / "templates").rglob("*.html")}
    found = {name: texts for name, texts in found.items() if texts and not WHOLE_LANGUAGE_FILES.fullmatch(name)}
    assert not found, f"wrap these in _() in the templates: {found}"
