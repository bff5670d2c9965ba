"""A table of text cells from an upload: CSV in any common encoding or an Excel workbook (.xlsx), told apart by the
file's first bytes. The header row is found under any title rows; a file that cannot be read raises Unreadable
with a reason and its values, which the caller turns into a sentence in the reader's language."""
import csv
import dataclasses
import datetime
import io
import itertools
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import openpyxl
from charset_normalizer import from_bytes

from readers import ohchr_matrix

MAX_ROWS = 5000
HEADER_SEARCH = 10  # the header is looked for in the first rows: title rows may stand above it
DELIMITERS = ",;\t"
SNIFF_ROWS, SNIFF_CHARS = 8, 8192  # the delimiter is guessed from the first rows, in the first 8 kB
# The single-byte encodings spreadsheets save CSV in here: Cyrillic Windows (Russian, Kazakh), Western Windows
# (Excel's "CSV" on an English or French system), and KOI8-R from older Unix tools. Offering the detector only
# these keeps it from a near-miss (Central European cp1250 for French, say) on a short file.
SINGLE_BYTE = {"cp1251": "windows-1251", "cp1252": "windows-1252", "koi8_r": "koi8-r"}
BOMS = ((b"\xef\xbb\xbf", "utf-8-sig", "utf-8"), (b"\xff\xfe", "utf-16", "utf-16"),
        (b"\xfe\xff", "utf-16", "utf-16"))
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old Office files, and new ones saved with a password
# The part that tells what an Office (zip) file is.
ZIP_PARTS = {"xl/workbook.xml": "xlsx", "word/document.xml": "docx"}

HeaderTest = Callable[[list[str]], bool]


class Unreadable(Exception):
    """Why the file cannot be read as a table, as a key and its values (a pure module has no language):
    "empty", "encoding", "format" (a quote left open), "too_many_rows" (limit), "ragged" (line, fields, expected,
    delimiter), "encrypted", "xls", "doc", "corrupt", "not_a_table", "no_matrix" (a Word file without OHCHR's table)."""

    def __init__(self, reason: str, **params):
        super().__init__(reason)
        self.reason = reason
        self.params = params


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[str]]  # without the header row and blank rows
    encoding: str  # a CSV file's; "" for a workbook
    lines: list[int] | None = None  # each row's number as a spreadsheet shows it (blank rows count)
    header_line: int = 1  # the header's, below any title rows
    sheet: str = ""  # a workbook's sheet the table was read from
    list_separator: str = ""  # what separates a list cell's items, when the reader knows ("": see split_list)


def kind(data: bytes) -> str:
    """What the file is by its first bytes (and an Office file's parts): "text", "xlsx", "docx", "encrypted",
    "xls", "doc", "corrupt" or "binary"."""
    if data.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except (zipfile.BadZipFile, ValueError):
            return "corrupt"
        return next((found for part, found in ZIP_PARTS.items() if part in names), "binary")
    if data.startswith(b"%PDF"):
        return "binary"  # the UN's report itself, say: a PDF may have no zero byte near its start
    if data.startswith(OLE):
        # An encrypted Office file is an OLE container with these streams; an old one names its own.
        if "EncryptedPackage".encode("utf-16-le") in data:
            return "encrypted"
        return "doc" if "WordDocument".encode("utf-16-le") in data else "xls"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(data) or b"\x00" not in data[:4096]:
        return "text"
    return "binary"


def read(data: bytes, is_header: HeaderTest | None = None) -> Table:
    """The table in the file, whatever its kind; `is_header` tells a header row (else the first row with two
    cells or more is taken)."""
    found = kind(data)
    if found in READERS:
        return READERS[found](data, is_header or _wide)
    raise Unreadable(found if found in ("corrupt", "encrypted", "xls", "doc") else "not_a_table")


# CSV

def read_csv(data: bytes, is_header: HeaderTest) -> Table:
    text, encoding = decode(data)
    if not text.strip():
        raise Unreadable("empty")
    delimiter = _delimiter(text)
    # Only the delimiter is guessed: quotes are always doubled inside quoted cells, as spreadsheets write
    # them, and an unterminated quote is an error rather than the rest of the file swallowed into one cell.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, doublequote=True, strict=True)
    try:
        records = list(enumerate(reader, start=1))
    except csv.Error as error:
        raise Unreadable("format") from error
    table = _table(records, is_header, encoding=encoding)
    _check_widths(table, records, delimiter)
    return table


def decode(data: bytes) -> tuple[str, str]:
    """The text and its encoding's name: by its byte order mark, as UTF-8, else as the single-byte encoding
    charset-normalizer finds the most plausible."""
    for bom, codec, name in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), name
            except UnicodeDecodeError as error:
                raise Unreadable("encoding") from error
    utf16 = _utf16_without_bom(data)
    try:
        return data.decode(utf16 or "utf-8"), utf16 or "utf-8"
    except UnicodeDecodeError:
        if utf16:
            raise Unreadable("encoding") from None
    best = from_bytes(data, cp_isolation=list(SINGLE_BYTE)).best()
    if best is None:
        raise Unreadable("encoding")
    return str(best), SINGLE_BYTE[best.encoding]


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "-be" when the first bytes read as text in it: Latin, Cyrillic and punctuation, which any
    other binary file almost never makes (its 16-bit pairs fall anywhere, mostly among CJK characters)."""
    head = data[:4096]
    if b"\x00" not in head:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = head[:len(head) // 2 * 2].decode(codec)
        except UnicodeDecodeError:
            continue
        if all(c.isprintable() or c in "\t\r\n" for c in text) and sum(ord(c) < 0x2100 for c in text) > 0.9 * len(text):
            return codec
    return None


def _delimiter(text: str) -> str:
    """The delimiter (, ; or tab) that gives the most of the first rows one same width (then the widest). Each is
    tried on the file's first records alone, in time linear in them: csv.Sniffer's regular expressions took seconds
    on 20 kB of a crafted file, at every upload and preview."""
    head = text[:SNIFF_CHARS]

    def fit(delimiter: str) -> tuple[int, int]:
        rows = list(itertools.islice(csv.reader(io.StringIO(head, newline=""), delimiter=delimiter), SNIFF_ROWS))
        if len(text) > SNIFF_CHARS:
            rows = rows[:-1] or rows  # the sample may cut the last row short
        widths = Counter(len(row) for row in rows if len(row) > 1)  # a title row has no delimiter
        return max(((count, width) for width, count in widths.items()), default=(0, 0))

    return max(DELIMITERS, key=fit)  # the first of equals: a comma


def _check_widths(table: Table, records: list[tuple[int, list[str]]], delimiter: str) -> None:
    """A row with more cells than the header has them shifted (a stray delimiter, an unquoted line break): no cell
    could be trusted to be what its column says. Only when every row has empty cells past the header's end was the
    header written short."""
    width = len(table.headers)
    below = [(line, row) for line, row in records if line > table.header_line and any(c.strip() for c in row)]
    padded = all(len(row) > width for _, row in below)
    for line, row in below:
        if len(row) > width and (not padded or any(cell.strip() for cell in row[width:])):
            raise Unreadable("ragged", line=line, fields=len(row), expected=width,
                             delimiter="Tab" if delimiter == "\t" else delimiter)


# Excel

def read_xlsx(data: bytes, is_header: HeaderTest) -> Table:
    """The first sheet with a header row, else the first with anything in it."""
    # openpyxl raises whatever its parsers meet in a damaged file (zip, XML, key and value errors): all of them
    # mean the same to the person who uploaded it.
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        first = None
        for sheet in workbook.worksheets:  # read one by one: the sheets after the table's are never read
            records = _sheet_records(sheet)
            if any(is_header(cells) for _, cells in _non_blank(records)[:HEADER_SEARCH]):
                first = (sheet.title, records)
                break
            if first is None and _non_blank(records):
                first = (sheet.title, records)
    except Unreadable:
        raise
    except Exception as error:  # see above
        raise Unreadable("corrupt") from error
    if first is None:
        raise Unreadable("empty")
    table = _table(first[1], is_header, encoding="", sheet=first[0])
    width = max(map(len, table.rows))  # cells without a header are shown, for the person to name
    return dataclasses.replace(table, headers=table.headers + [""] * (width - len(table.headers)))


def _sheet_records(sheet) -> list[tuple[int, list[str]]]:
    sheet.reset_dimensions()  # some programs write a wrong size, which read-only mode would trust
    records, filled = [], 0
    for line, row in enumerate(sheet.iter_rows(), start=1):
        cells = [cell_text(cell) for cell in row]
        while cells and not cells[-1]:
            cells.pop()
        records.append((line, cells))
        filled += bool(cells)
        if filled > MAX_ROWS + HEADER_SEARCH:  # more than any table under title rows: stop reading
            raise Unreadable("too_many_rows", limit=MAX_ROWS)
    return records


_DECIMALS = re.compile(r"^0\.(0+)$")


def cell_text(cell) -> str:
    """A cell as the spreadsheet shows it: 124.1 (not 124.09999…), 118.10 where the cell shows two decimals, whole
    numbers without ".0", dates in ISO form."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(" ", "minutes")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, float):
        decimals = _DECIMALS.match(getattr(cell, "number_format", "") or "")
        if decimals:
            return f"{value:.{len(decimals.group(1))}f}"
        return str(int(value)) if value.is_integer() else format(value, ".15g")  # Excel shows 15 digits
    return str(value).strip()


# Both

def _non_blank(records: Iterable[tuple[int, list[str]]]) -> list[tuple[int, list[str]]]:
    return [(line, cells) for line, cells in records if any(cell.strip() for cell in cells)]


def _wide(cells: list[str]) -> bool:
    return sum(bool(cell.strip()) for cell in cells) > 1


def _table(records, is_header: HeaderTest, encoding: str, sheet: str = "") -> Table:
    """The header row (the first the caller recognises, else the first that is more than a title), and the
    non-blank rows under it."""
    rows = _non_blank(records)
    head = rows[:HEADER_SEARCH]
    start = next((i for i, (_, cells) in enumerate(head) if is_header(cells)),
                 next((i for i, (_, cells) in enumerate(head) if _wide(cells)), 0))
    if len(rows) - start < 2:
        raise Unreadable("empty")
    if len(rows) - start - 1 > MAX_ROWS:
        raise Unreadable("too_many_rows", limit=MAX_ROWS)
    (header_line, headers), rest = rows[start], rows[start + 1:]
    return Table(headers=[h.strip() for h in headers], rows=[cells for _, cells in rest], encoding=encoding,
                 lines=[line for line, _ in rest], header_line=header_line, sheet=sheet)


# Word

def read_docx(data: bytes, is_header: HeaderTest) -> Table:
    """OHCHR's thematic list of recommendations, a Word table: its own reader finds the columns by their meaning
    and takes the number, States and source out of each recommendation's cell (its lists come one item a line)."""
    try:
        matrix = ohchr_matrix.read_matrix(data)
    except ohchr_matrix.NotAMatrix as error:
        raise Unreadable("corrupt" if error.reason == "damaged" else "no_matrix") from error
    if len(matrix.rows) > MAX_ROWS:
        raise Unreadable("too_many_rows", limit=MAX_ROWS)
    return Table(headers=matrix.headers, rows=matrix.rows, encoding="", lines=matrix.lines, list_separator="\n")


READERS: dict[str, Callable[[bytes, HeaderTest], Table]] = {"text": read_csv, "xlsx": read_xlsx, "docx": read_docx}
