"""What a cell means, whatever the source wrote: the State's response in English, Russian, Kazakh or French, and a
recommendation's number however it was written ("Para 124.1", "124,1", "124.1.").

Pure: a spelling in, the canonical value out (or None when the spelling is not known)."""
import re
import unicodedata

SUPPORTED, NOTED, PARTIALLY = "supported", "noted", "partially"

# The spellings OHCHR's matrices, UPR Info and researchers use, as they write them; `_key` makes the lookup ignore
# case, spaces, punctuation, accents, French "(e)" and Russian gender endings.
_SPELLINGS = {
    SUPPORTED: [
        "Supported", "Support", "Accepted", "Accept", "Enjoys support", "Supported and implemented",
        "Поддержано", "Поддержана", "Принята", "Принято", "Поддерживает",
        "Қолдау тапты", "Қолдау", "Қолдады", "Қолдау көрсетілді",
        "Accepté(e)", "Acceptée", "Soutenu(e)", "Appuyé(e)",
    ],
    NOTED: [
        "Noted", "Taken note", "Take note", "Not supported", "Rejected", "Not accepted", "Does not enjoy support",
        "Принята к сведению", "К сведению", "Отклонена", "Не поддержана", "Не принята",
        "Назарға алынды", "Қолдау таппады", "Қабылданбады",
        "Pris(e) note", "Prise note", "Pris note", "Il en est pris note", "Noté(e)", "Rejeté(e)",
        "Non accepté(e)", "Non soutenu(e)",
    ],
    PARTIALLY: [
        "Partially supported", "Supported in part", "Partly supported", "Supported partially", "Partially accepted",
        "Accepted in part", "Supported/Noted", "Noted/Supported",
        "Поддержано частично", "Частично поддержана", "Принята частично", "Частично принята",
        "Ішінара қолдау тапты", "Ішінара қолдау",
        "Partiellement acceptée", "Acceptée en partie", "Partiellement soutenue", "Accepté(e) partiellement",
    ],
}

# Endings that say only the grammatical gender or number: Russian поддержана, поддержано, поддержаны, поддержан;
# French acceptée, acceptées, acceptés, accepté (accents off: acceptee, accepte), soutenue, soutenu.
_RUSSIAN_ENDING = re.compile(r"(?<=[нт])[аоы](?= |$)")
_FRENCH_ENDING = re.compile(r"(?<=[eu])e?s?(?= |$)")


def _key(spelling: str) -> str:
    """A spelling reduced to what tells responses apart."""
    text = spelling.casefold().replace("(e)", "").replace("(s)", "").replace("ё", "е")
    # Accents off (French é, a stress mark); the Kazakh letters (қ, ғ, ұ…) have no decomposition and stay.
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = re.sub(r"[\W_]+", " ", text).strip()
    return _FRENCH_ENDING.sub("", _RUSSIAN_ENDING.sub("", text)).replace(" ", "")


_RESPONSES = {_key(spelling): value for value, spellings in _SPELLINGS.items() for spelling in spellings}
_RESPONSES.update({_key(value): value for value in _SPELLINGS})  # our own values, as the template writes them


def response(spelling: str) -> str | None:
    """"supported", "noted" or "partially" for a known spelling, "" for an empty cell, None for anything else."""
    if not spelling.strip():
        return ""
    return _RESPONSES.get(_key(spelling))


# How our own files write each response: a cell written so needs no "taken as" in a preview.
_CANONICAL = {SUPPORTED: {"supported"}, NOTED: {"noted"}, PARTIALLY: {"partially", "partially supported"}, "": {""}}


def is_canonical(spelling: str, value: str) -> bool:
    return spelling.strip().casefold() in _CANONICAL.get(value, ())


NUMBER = re.compile(r"^\d{1,3}(\.\d{1,3}){1,2}$")  # 118.12, or 118.12.3 (a sub-paragraph)
# What may stand before a number: "Para", "para.", "Paragraph", "§", "п.", "пункт", "No."
_NUMBER_PREFIX = re.compile(r"^(?:para(?:graph)?\.?|§|п\.|пункт|no\.?|№)\s*", re.I)


def number(written: str) -> str | None:
    """The number as the UN writes it (124.1), from "124.1", "124.1.", "Para 124.1", "para. 124.1", "124,1" or
    "§ 124.1"; None when it is not one. Digits are never changed: 124.10 stays 124.10 (another paragraph than 124.1)."""
    text = _NUMBER_PREFIX.sub("", written.strip()).strip()
    text = text[:-1] if text.endswith(".") else text
    text = text.replace(",", ".") if "." not in text else text  # a decimal comma, as a spreadsheet may write it
    return text if NUMBER.match(text) else None
