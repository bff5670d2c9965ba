"""UN recommendations in CSV: reading an upload (UPR Info's export or our template) and writing the
coalition's assessments. Knows nothing of Flask or the database: the caller says which recommendations
exist already and which working groups there are, and translates the problems it gets back."""
import csv
import io
import re
from dataclasses import dataclass, field

from readers import tables, values as reading
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
_NUMBER_IN_TEXT = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3}){1,2})\.?\s+(\S.*)$", re.S)
_INVERTED_NAME = re.compile(r",(?!\s*[^,]*\bof(?:\s+the)?\s*(?:,|$))", re.I)  # a comma not before "… of (the)"
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
    number_as_written: str = ""  # when the file wrote the number otherwise ("Para 124.1")
    response_as_written: str = ""  # when the file wrote the response otherwise ("Rejected", "Поддержано")
    also: list[int] = field(default_factory=list)  # the lines of the rows merged into this one (one per State)

    @property
    def key(self) -> tuple[str, str]:
        return self.document, self.number


@dataclass
class Checked:
    new: list[Candidate]  # to be imported
    existing: list[Candidate]  # already in the report (same document and number): skipped
    problems: list[Problem]  # nothing is imported while there is one
    # Each response the file writes that the table of spellings does not know, once, in the file's order (whether
    # the coordinator has said what it means yet or not): its meaning is chosen once for the whole file.
    unknown_responses: list[str] = field(default_factory=list)


def read(data: bytes) -> Table:
    """The table in an upload (CSV in any common encoding, .xlsx, or OHCHR's matrix as .docx), its header found by
    its columns' names."""
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


def check(table: Table, mapping: list[str], existing: set[tuple[str, str]], groups: set[str],
          responses: dict[str, str] | None = None) -> Checked:
    """Every row checked against the mapping: what is new, what exists already, and every problem. `responses`
    gives the coordinator's meaning of spellings the table of responses does not know ("" for unknown).

    Rows with the same document, number, text and response are one recommendation, written once per recommending
    State (as research datasets do): they become one, with all their States. Otherwise the same document and number
    twice is a problem."""
    result, seen = Checked([], [], []), {}
    for line, row in zip(table.lines or range(2, len(table.rows) + 2), table.rows):
        values = {name: (row[i].strip() if i < len(row) else "") for i, name in enumerate(mapping) if name}
        cell = values.get("response", "")
        if reading.response(cell) is None and cell not in result.unknown_responses:
            result.unknown_responses.append(cell)
        candidate, problems = _candidate(line, values, groups, responses or {}, table.list_separator)
        result.problems.extend(problems)
        if candidate is None:
            continue
        first = seen.get(candidate.key)
        if first is None:
            seen[candidate.key] = candidate
            (result.existing if candidate.key in existing else result.new).append(candidate)
        elif _same(first, candidate):
            _merge(first, candidate)
        else:
            result.problems.append(Problem(line, "duplicate", str(first.line)))
    return result


def _same(first: Candidate, other: Candidate) -> bool:
    """Whether two rows are the same recommendation (the States, themes and groups apart)."""
    return (" ".join(first.text.split()), first.response) == (" ".join(other.text.split()), other.response)


def _merge(first: Candidate, other: Candidate) -> None:
    """The other row's States (and themes and groups) added to the first's, in order, each once."""
    for name in LIST_FIELDS:
        getattr(first, name).extend(item for item in getattr(other, name) if item not in getattr(first, name))
    first.also.append(other.line)


def _candidate(line: int, values: dict[str, str], groups: set[str], responses: dict[str, str],
               separator: str = "") -> tuple[Candidate | None, list[Problem]]:
    problems = [Problem(line, "too_long", name) for name, value in values.items() if len(value) > cell_limit(name)]
    text, written = values.get("text", ""), values.get("number", "")
    number = reading.number(written) if written else None
    if not written:
        found = _NUMBER_IN_TEXT.match(text)  # UPR Info writes "118.12 Ratify the Convention…"
        if found:
            number = written = found.group(1)
            text = found.group(2).strip()
    if not text:
        problems.append(Problem(line, "no_text"))
    if not written:
        problems.append(Problem(line, "no_number"))
    elif number is None:
        problems.append(Problem(line, "bad_number", written))
    cell = values.get("response", "")
    response = reading.response(cell) if cell not in responses else responses[cell]
    if response is None:
        problems.append(Problem(line, "bad_response", cell))
    group = values.get("group", "")
    if group and group not in groups:
        problems.append(Problem(line, "unknown_group", group))
    if problems:
        return None, problems
    return Candidate(line=line, number=number, document=values.get("document", ""), cycle=values.get("cycle", ""),
                     text=text, response=response, sdgs=values.get("sdgs", ""), group=group,
                     number_as_written="" if written == number else written,
                     response_as_written="" if reading.is_canonical(cell, response) else cell,
                     **{name: split_list(values.get(name, ""), separator) for name in LIST_FIELDS}), []


def cell_limit(name: str) -> int:
    """The most characters a cell of this field may have."""
    return SHORT_CELLS.get(name, MAX_CELL)


def split_list(value: str, separator: str = "") -> list[str]:
    """"Germany; France", one per line, or "Hungary|Spain" (UPR Info's Uwazi export); commas only when nothing else
    separates the items, and never inside a name the UN writes inverted ("Korea, Republic of"). A reader that knows
    its separator gives it: OHCHR's "F13 Children: definition; general principles" is one item. A thesaurus value
    "Group::Theme" (Uwazi's) gives the theme: the group is only the thesaurus' heading over it."""
    if separator:
        parts = value.split(separator)
    elif re.search(r"[;\n|]", value):
        parts = re.split(r"[;\n|]", value)
    else:
        parts = _INVERTED_NAME.split(value)
    items = (item.split("::")[-1].strip() for item in parts)
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
