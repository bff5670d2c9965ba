"""UN recommendations in CSV: reading an upload (UPR Info's export or our template) and writing the
coalition's assessments. Knows nothing of Flask or the database: the caller says which recommendations
exist already and which working groups there are, and translates the problems it gets back."""
import csv
import io
import re
from dataclasses import dataclass, field

from readers import tables
from readers.tables import MAX_ROWS, Table, Unreadable  # noqa: F401 - the import's names, as callers know them

FIELDS = ("number", "document", "cycle", "text", "states", "response", "themes", "affected_groups", "sdgs", "group")
LIST_FIELDS = ("states", "themes", "affected_groups")
MAX_CELL = 5000  # characters: a recommendation is a paragraph, never pages
# Cells that hold less, as the recommendation's form takes them (PostgreSQL would refuse more). The number has
# its own pattern, and a group's name must be one of the groups'.
SHORT_CELLS = {"document": 60, "cycle": 60, "sdgs": 100}

# A header, lower-cased and stripped of spaces and punctuation -> the field it holds.
_ALIASES = {
    "number": "number", "no": "number", "nr": "number", "paragraph": "number", "recno": "number",
    "recommendationnumber": "number", "номер": "number", "нөмірі": "number",
    "document": "document", "documentsymbol": "document", "symbol": "document", "source": "document",
    "документ": "document", "символдокумента": "document",
    "cycle": "cycle", "uprcycle": "cycle", "цикл": "cycle",
    "text": "text", "recommendation": "text", "recommendationtext": "text", "текст": "text",
    "рекомендация": "text", "текстрекомендации": "text", "ұсыныс": "text",
    "states": "states", "state": "states", "recommendingstate": "states",
    "recommendingstates": "states", "recommendingcountry": "states", "государство": "states", "государства": "states",
    "рекомендующеегосударство": "states", "мемлекет": "states",
    "response": "response", "position": "response", "ssrresponse": "response",
    "responsebystateunderreview": "response", "ответ": "response", "позиция": "response",
    "позициягосударства": "response", "жауап": "response",
    "themes": "themes", "theme": "themes", "issues": "themes", "issue": "themes", "темы": "themes", "тема": "themes",
    "тақырыптар": "themes",
    "affectedgroups": "affected_groups", "affectedpersons": "affected_groups", "affectedgroup": "affected_groups",
    "затронутыегруппы": "affected_groups", "группынаселения": "affected_groups",
    "sdgs": "sdgs", "sdg": "sdgs", "sdggoals": "sdgs", "цур": "sdgs",
    "group": "group", "workinggroup": "group", "рабочаягруппа": "group", "группа": "group", "жұмыстобы": "group",
}
# Uwazi (UPR Info's database) calls every entity's name "Title": the recommendation's text, unless a column says so.
_WEAK_ALIASES = {"title": "text"}
_RESPONSES = {
    "supported": "supported", "support": "supported", "accepted": "supported", "accept": "supported",
    "поддержана": "supported", "поддержано": "supported", "принята": "supported", "принято": "supported",
    "қолдау": "supported", "қолдады": "supported",
    "noted": "noted", "takennote": "noted", "notsupported": "noted", "принятаксведению": "noted",
    "принятоксведению": "noted", "ксведению": "noted", "назарғаалынды": "noted",
}
_NUMBER = re.compile(r"^\d{1,3}(\.\d{1,3}){1,2}$")
_NUMBER_IN_TEXT = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3}){1,2})\.?\s+(\S.*)$", re.S)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Problem:
    line: int  # the file's line as a spreadsheet shows it (the header is line 1)
    code: str  # "no_text", "bad_number", "no_number", "bad_response", "duplicate", "unknown_group", "too_long"
    value: str = ""  # what was wrong (for "too_long": the field)


@dataclass
class Candidate:
    line: int
    number: str
    document: str
    cycle: str
    text: str
    states: list[str] = field(default_factory=list)
    response: str = ""
    themes: list[str] = field(default_factory=list)
    affected_groups: list[str] = field(default_factory=list)
    sdgs: str = ""
    group: str = ""  # a working group's name, or ""

    @property
    def key(self) -> tuple[str, str]:
        return self.document, self.number


@dataclass
class Checked:
    new: list[Candidate]  # to be imported
    existing: list[Candidate]  # already in the report (same document and number): skipped
    problems: list[Problem]  # nothing is imported while there is one


def read(data: bytes) -> Table:
    """The table in an upload (CSV in any common encoding, or .xlsx), its header found by its columns' names."""
    return tables.read(data, is_header=_is_header)


def _is_header(cells: list[str]) -> bool:
    fields = [name for name in guess_mapping(cells) if name]
    return "text" in fields or len(fields) > 1


def guess_mapping(headers: list[str]) -> list[str]:
    """The field each column holds ("" to ignore it), from its header; each field taken once. A weaker name
    (Uwazi's "Title") holds its field only when no column has a stronger one."""
    keys = [re.sub(r"[\W_]+", "", header.lower()) for header in headers]
    mapping, taken = [], set()
    for key in keys:
        name = _ALIASES.get(key, "")
        mapping.append(name if name not in taken else "")
        taken.add(name)
    for i, key in enumerate(keys):
        if _WEAK_ALIASES.get(key) and _WEAK_ALIASES[key] not in mapping:
            mapping[i] = _WEAK_ALIASES[key]
    return mapping


def check(table: Table, mapping: list[str], existing: set[tuple[str, str]], groups: set[str]) -> Checked:
    """Every row checked against the mapping: what is new, what exists already, and every problem."""
    result, seen = Checked([], [], []), {}
    for line, row in zip(table.lines or range(2, len(table.rows) + 2), table.rows):
        values = {name: (row[i].strip() if i < len(row) else "") for i, name in enumerate(mapping) if name}
        candidate, problems = _candidate(line, values, groups)
        result.problems.extend(problems)
        if candidate is None:
            continue
        if candidate.key in seen:
            result.problems.append(Problem(line, "duplicate", str(seen[candidate.key])))
        elif candidate.key in existing:
            result.existing.append(candidate)
        else:
            result.new.append(candidate)
        seen.setdefault(candidate.key, line)
    return result


def _candidate(line: int, values: dict[str, str], groups: set[str]) -> tuple[Candidate | None, list[Problem]]:
    problems = [Problem(line, "too_long", name) for name, value in values.items() if len(value) > cell_limit(name)]
    text, number = values.get("text", ""), values.get("number", "")
    if not number:
        found = _NUMBER_IN_TEXT.match(text)  # UPR Info writes "118.12 Ratify the Convention…"
        if found:
            number, text = found.group(1), found.group(2).strip()
    if not text:
        problems.append(Problem(line, "no_text"))
    if not number:
        problems.append(Problem(line, "no_number"))
    elif not _NUMBER.match(number):
        problems.append(Problem(line, "bad_number", number))
    response = values.get("response", "")
    normalised = _RESPONSES.get(re.sub(r"[\W_]+", "", response.lower()), "") if response else ""
    if response and not normalised:
        problems.append(Problem(line, "bad_response", response))
    group = values.get("group", "")
    if group and group not in groups:
        problems.append(Problem(line, "unknown_group", group))
    if problems:
        return None, problems
    return Candidate(line=line, number=number, document=values.get("document", ""), cycle=values.get("cycle", ""),
                     text=text, response=normalised, sdgs=values.get("sdgs", ""), group=group,
                     **{name: split_list(values.get(name, "")) for name in LIST_FIELDS}), []


def cell_limit(name: str) -> int:
    """The most characters a cell of this field may have."""
    return SHORT_CELLS.get(name, MAX_CELL)


def split_list(value: str) -> list[str]:
    """"Germany; France", one per line, or "Hungary|Spain" (UPR Info's Uwazi export); commas only when nothing else
    separates the items. A thesaurus value "Group::Theme" (Uwazi's) gives the theme: the group is only the
    thesaurus' heading over it."""
    separator = re.compile(r"[;\n|]") if re.search(r"[;\n|]", value) else re.compile(",")
    items = (item.split("::")[-1].strip() for item in separator.split(value))
    return [item for item in items if item]


def safe_cell(value) -> str:
    """A cell a spreadsheet will show as text: a leading =, +, -, @ would make it a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def write(headers: list[str], rows: list[list]) -> str:
    """A CSV for spreadsheets (UTF-8 with BOM, so Excel reads Cyrillic), every cell made safe."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in headers])
    writer.writerows([[safe_cell(cell) for cell in row] for row in rows])
    return out.getvalue()
