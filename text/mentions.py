"""Mentions in a comment or a suggestion's note: `@login`, as a colleague types it in a sentence."""
import re

# A login's characters (web/forms.py), after a space or the start, not inside an address like aigerim@example.org;
# it ends on a letter or digit, so the full stop or dash that ends a sentence is not part of it.
MENTION = re.compile(r"(?<![\w.@-])@([\w.@-]*\w)")
MOST = 20  # logins looked up from one text: a list of the whole coalition is not what a mention is for


def mentions(text: str) -> set[str]:
    """The logins mentioned in the text (whether they are accounts is for the caller to ask)."""
    found = set()
    for match in MENTION.finditer(text):
        found.add(match.group(1))
        if len(found) == MOST:
            break
    return found
