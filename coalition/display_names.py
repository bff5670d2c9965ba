"""Display names that cannot pass for someone else's: not another account's name or login, nor a role's name,
once letter case, Unicode compatibility forms, invisible characters and Cyrillic letters that print like Latin
ones are set aside ("Маllоry" with Cyrillic а and о reads as "Mallory")."""
import unicodedata

from flask_babel import force_locale, lazy_gettext as _l

from config import LANGUAGES
from models import User

ROLES = (_l("coordinator"), _l("reviewer"))
# Cyrillic letters (after casefolding) that print like a Latin one, and that Latin letter.
_LOOK_ALIKES = str.maketrans("аеорсухкмтнвіјѕԁһүӏ", "aeopcyxkmthbijsdhyl")


def fold(name: str) -> str:
    """The name as it reads: NFKC, casefolded, look-alike letters made Latin, without invisible characters (Cf),
    its spaces made single."""
    folded = unicodedata.normalize("NFKC", name).casefold().translate(_LOOK_ALIKES)
    return " ".join("".join(c for c in folded if unicodedata.category(c) != "Cf").split())


def role_names() -> set[str]:
    """The roles' names in every language of the interface, folded."""
    names = set()
    for code in LANGUAGES:
        with force_locale(code):
            names.update(fold(str(role)) for role in ROLES)
    return names


def impersonates(name: str, person: User | None = None) -> bool:
    """Whether the name reads as a role's or as another account's name or login. `person` is the account that
    would carry it: its own name, unchanged, is never refused."""
    folded = fold(name)
    if person is not None and folded == fold(person.display_name):
        return False
    if folded in role_names():
        return True
    others = User.select(User.display_name, User.login)
    if person is not None:
        others = others.where(User.id != person.id)
    return any(folded in (fold(other.display_name), fold(other.login)) for other in others)
