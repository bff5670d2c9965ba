"""OHCHR's "Thematic list of recommendations": the Word table it publishes for every State and cycle.

One row per recommendation, in layouts that vary by cycle (3rd: `Recommendation | Position | Full list of themes |
Assessment/comments…`; 4th: `Recommendation and recommending State | Position of the State under review | Human
rights themes and groups of persons | Relevant SDGs`), so columns are found by the words in their headers. Rows
spanning the table ("Theme: A41 Constitutional and legislative framework") give the theme of the rows below them.
The recommendation's cell holds its number, text, recommending States and the source of the State's position:

    121.1 Ratify the Optional Protocol … (France) (Bolivia (Plurinational State of));
    Source of Position: A/HRC/43/15 - Para 121

Each of those is taken out into a column of its own, under the app's field names, as text cells.
"""
import io
import re
import zipfile
from dataclasses import dataclass

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml.etree import XMLSyntaxError

_GROUPS = re.compile(r"affected|persons|groups|personnes|personas|групп", re.I)
# What a header means, by the words in it (English, French, Spanish, Russian), tried in this order: "Recommendation
# and recommending State" is the text's column, "Human rights themes and groups of persons" the themes'.
_COLUMNS = (
    ("text", re.compile(r"recommendation|recommandation|recomendaci|рекомендаци", re.I)),
    ("response", re.compile(r"position|response|posici|позици|ответ", re.I)),
    ("sdgs", re.compile(r"\bsdgs?\b|\bodds?\b|sustainable development|\bцур\b", re.I)),
    ("themes", re.compile(r"theme|thème|tema|тем[аы]", re.I)),
    ("affected_groups", _GROUPS),
    ("states", re.compile(r"recommending|state|états?|estados?|государств", re.I)),
    ("number", re.compile(r"^\s*(no\.?|number|para(graph)?\.?|№)\s*$", re.I)),
)
_THEME_LABEL = re.compile(r"^\s*(theme|thème|tema|тема)\s*:\s*", re.I)
# "Source of Position: A/HRC/43/15 - Para 121" (also "Source:", French "Source de la position :"): a line of the
# text's cell, the whole of it taken out; the document is kept.
_SOURCE = re.compile(r"^\s*source(?:\s+(?:of|de\s+la)\s+position)?\s*:\s*(?P<document>[A-Z][\w.]*(?:/[\w.]+)+)",
                     re.I)
_ADDENDUM = re.compile(r"/Add\.\d+$", re.I)
_NUMBER = re.compile(r"^\s*(?:para(?:graph)?\.?\s*)?(\d{1,3}(?:[.,]\d{1,3}){1,2})\.?(?=\s)", re.I)
_LIST_LABEL = re.compile(r"^\s*([^:]{3,60}):\s*$")  # "Affected persons:" heading the lines under it in a cell
_BULLET = re.compile(r"^\s*[-–—•·*]\s*")
# OHCHR's themes start with a code ("A41 …") and may hold ";" and "," ("F13 Children: definition; general
# principles; protection"): a line of them splits only before the next code.
_THEME_CODE = re.compile(r"^[A-Z]\d{1,2}\s")
_BEFORE_THEME_CODE = re.compile(r"[;,]\s*(?=[A-Z]\d{1,2}\s)")
_SDG = re.compile(r"^(?:sdgs?|goal|цур|odd|ods)?\s*(\d{1,2}(?:\.[\da-z]{1,2})?)\b", re.I)
_CYCLE = re.compile(r"\b(?:(first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th)\s+cycle|cycle\s+([1-5]))\b", re.I)
_CYCLE_WORDS = {"first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5"}


FIELDS = ("number", "document", "cycle", "text", "states", "response", "themes", "affected_groups", "sdgs")


class NotAMatrix(ValueError):
    """Not OHCHR's matrix: `reason` is "damaged" (Word cannot open it either) or "no_matrix" (no recommendations)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Matrix:
    headers: list[str]  # the app's field names
    rows: list[list[str]]  # one per recommendation, a text cell per header; lists one item a line
    lines: list[int]  # each row's place in the Word table, its header row counted (row 1 is the table's first)


def read_matrix(data: bytes) -> Matrix:
    """The recommendations of every table in the document that has a recommendation column."""
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, XMLSyntaxError, ValueError) as error:
        raise NotAMatrix("damaged") from error
    found, offset = [], 0
    for table in document.tables:
        rows = [_cells(row) for row in table.rows]
        found.extend((offset + line, row) for line, row in _recommendations(rows))
        offset += len(rows)
    if not found:
        raise NotAMatrix("no_matrix")
    cycle = _cycle("\n".join(paragraph.text for paragraph in document.paragraphs[:20]))
    for _, row in found:
        row["cycle"] = cycle
    present = {name for _, row in found for name, value in row.items() if value}
    headers = [name for name in FIELDS if name in present or name in ("number", "document", "text", "states")]
    rows = [[_cell(row.get(name, "")) for name in headers] for _, row in found]
    return Matrix(headers=headers, rows=rows, lines=[line for line, _ in found])


def _cells(row) -> tuple[list[list[str]], bool]:
    """The row's cells as lines (one per paragraph or line break), one per column of the table's grid (a merged
    cell's lines in its first column), and whether one cell spans the whole row."""
    cells, spans, previous = [[] for _ in range(row.grid_cols_before)], True, None
    for cell in row.cells:  # python-docx repeats a merged cell for every column it spans
        if cell._tc is previous:
            cells.append([])
            continue
        spans = previous is None and not cells
        cells.append([line.strip() for p in cell.paragraphs for line in p.text.split("\n") if line.strip()])
        previous = cell._tc
    return cells, spans and len(cells) > 1


def _recommendations(rows: list[tuple[list[list[str]], bool]]):
    """(row number, fields) of each recommendation under the first header row with a recommendation column."""
    columns, theme = None, ""
    for line, (cells, spans) in enumerate(rows, start=1):
        if not any(cells):
            continue
        if columns is None:
            columns = _columns([" ".join(cell) for cell in cells])
            continue
        if spans or (_THEME_LABEL.match(" ".join(cells[0])) and not any(cells[1:])):
            theme = _THEME_LABEL.sub("", " ".join(cells[0])).strip()  # the theme of the rows below
            continue
        fields = _fields(cells, columns)
        if fields is not None:
            yield line, _with_theme(fields, theme)


def _columns(headers: list[str]) -> list[str] | None:
    """Each column's field ("" for one to ignore) if these headers name a recommendation column and another (a
    title row above the headers may name recommendations too), else None."""
    columns, taken = [], set()
    for header in headers:
        name = next((name for name, words in _COLUMNS if words.search(header) and name not in taken), "")
        columns.append(name)
        taken.add(name)
    return columns if "text" in columns and len(taken - {""}) > 1 else None


def _fields(cells: list[list[str]], columns: list[str]) -> dict[str, list[str] | str] | None:
    """A recommendation's fields from its row; None for a header row repeated on a later page."""
    by_name = {name: cells[i] for i, name in enumerate(columns) if name and i < len(cells)}
    if _columns([" ".join(cell) for cell in cells]) == columns:
        return None
    fields = _text_cell(by_name.get("text", []))
    if by_name.get("number"):
        written = " ".join(by_name["number"])
        number = _NUMBER.match(written + " ")
        fields["number"] = number.group(1) if number else written
    fields["states"] = fields["states"] + _items(by_name.get("states", []))
    fields["response"] = " ".join(by_name.get("response", []))
    themes, groups = _themes(by_name.get("themes", []))
    fields["themes"] = themes
    fields["affected_groups"] = groups + _items(by_name.get("affected_groups", []))
    fields["sdgs"] = ", ".join(_sdg(item) for item in _items(by_name.get("sdgs", [])))
    return fields


def _text_cell(lines: list[str]) -> dict[str, list[str] | str]:
    """Number, text, recommending States and source document out of the recommendation's cell."""
    document, rest = "", []
    for line in lines:
        source = _SOURCE.match(line)
        if source:
            # The position may be in the report's addendum; the recommendation's number belongs to the report.
            document = document or _ADDENDUM.sub("", source.group("document"))
        else:
            rest.append(line)
    text = "\n".join(rest)
    number = _NUMBER.match(text + " ")
    if number:
        text = text[number.end():]
    text, states = _take_states(text)
    return {"number": number.group(1) if number else "", "document": document, "text": text, "states": states}


def _take_states(text: str) -> tuple[str, list[str]]:
    """The text without the parenthesised States at its end, and those States in their order.

    A parenthesis that does not start with a capital, or has a digit, or is all capitals ("(e.g. schools)",
    "(No. 189)", "(CEDAW)") is the text's own, and ends the search."""
    states = []
    text = text.strip().rstrip(";,").rstrip()
    while text.endswith(")"):
        start = _opening(text)
        inside = text[start + 1:-1].strip() if start is not None else ""
        if not inside[:1].isupper() or re.search(r"\d", inside) or inside.isupper() or not text[:start].strip():
            break
        states.insert(0, inside)
        text = text[:start].rstrip().rstrip(";,").rstrip()
    return text.rstrip(";").rstrip(), states


def _opening(text: str) -> int | None:
    """Where the parenthesis closing the text opens: "(Bolivia (Plurinational State of))" is one."""
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[i], 0)
        if depth == 0:
            return i
    return None


def _themes(lines: list[str]) -> tuple[list[str], list[str]]:
    """Themes and groups of persons from one cell, where "Affected persons:" heads the lines of groups."""
    themes, groups = [], []
    current = themes
    for line in lines:
        label = _LIST_LABEL.match(line)
        if label:
            current = groups if _GROUPS.search(label.group(1)) else themes
        else:
            current.extend(_items([line]))
    return themes, groups


def _items(lines: list[str]) -> list[str]:
    """A list cell's items: one a line, or several in a line separated by ";" (themes: before each code)."""
    items = []
    for line in lines:
        line = _BULLET.sub("", line)
        parts = _BEFORE_THEME_CODE.split(line) if _THEME_CODE.match(line) else line.split(";")
        items.extend(part.strip() for part in parts if part.strip())
    return items


def _sdg(item: str) -> str:
    """"Goal 16 - peace, justice …" or "SDG 16.3" -> "16" / "16.3": the column holds 100 characters."""
    found = _SDG.match(item)
    return found.group(1) if found else item


def _with_theme(fields: dict, theme: str) -> dict:
    if theme and theme not in fields["themes"]:
        fields["themes"] = [theme] + fields["themes"]
    return fields


def _cycle(text: str) -> str:
    """The UPR cycle the document's title names ("Third cycle", "4th cycle"), or ""."""
    found = _CYCLE.search(text)
    if not found:
        return ""
    word = (found.group(1) or found.group(2)).lower()
    return _CYCLE_WORDS.get(word, word[0])


def _cell(value: list[str] | str) -> str:
    """A list one item a line: a State or theme may hold "," or ";" ("Korea, Republic of")."""
    return "\n".join(value) if isinstance(value, list) else value
