"""Passwords: hashing with argon2 (argon2-cffi's current recommended parameters), and the rules a new
one must meet."""
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from zxcvbn.frequency_lists import FREQUENCY_LISTS

_hasher = PasswordHasher()

# Verifying against this when the login is unknown keeps both failures equally slow.
_DUMMY_HASH = _hasher.hash("not a real password")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


MIN_LENGTH = 12
# The 30,000 commonest passwords of leaked lists, as the zxcvbn package ships them.
_COMMON = frozenset(FREQUENCY_LISTS["passwords"])


def password_problem(password: str, login: str) -> str | None:
    """Why a new password is refused ("short", "login" or "common"), or None."""
    if len(password) < MIN_LENGTH:
        return "short"
    folded, name = password.casefold(), login.casefold().strip()
    if name and (name in folded or folded in name):
        return "login"
    # The lists hold lower-case words; a common word with digits or symbols around it is still common.
    symbols = "!@#$%^&*.?-_ "
    candidates = {folded, folded.strip(symbols), folded.strip("0123456789" + symbols)} - {""}
    if candidates & _COMMON:
        return "common"
    return None
