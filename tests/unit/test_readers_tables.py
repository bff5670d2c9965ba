"""readers/tables.py: tables from CSV in the encodings spreadsheets save, and from Excel workbooks, with fixtures
in the layouts UPR Info, Excel and our own template write; and the sentences-to-be (reasons) for what cannot be
read."""
import datetime
import io
import re
import zipfile

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from coalition.recommendations import csv_files
from readers import tables
from readers.tables import Unreadable, kind, read

HEADER = "number,document,cycle,text,states,response,themes,affected_groups,sdgs,group"


def reason(data: bytes) -> tuple[str, dict]:
    with pytest.raises(Unreadable) as raised:
        csv_files.read(data)
    return raised.value.reason, raised.value.params


def xlsx(*sheets: tuple[str, list[list]]) -> bytes:
    """A workbook with these sheets and rows (None for a blank cell), as Excel would save it."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# UPR Info's database export, as Uwazi's CSV exporter writes it: the common columns around the template's
# properties, commas and quotes only where needed, "\n" line ends, no BOM; multi-select values joined by "|", a
# thesaurus group and its value by "::", "Published" or "Unpublished".
UWAZI = (
    b"Title,Date added,Template,State under Review,Recommending State,Response,Theme,Affected persons,Cycle,"
    b"Session,Document,Geolocation,Documents,Attachments,Published\n"
    b'"118.12 Ratify the Optional Protocol to the Convention against Torture, as recommended",2020-03-12,'
    b"Recommendation,Kazakhstan,Hungary|Spain,Supported,"
    b"International instruments::Torture and other CID treatment|Detention::Conditions of detention,"
    b"Persons deprived of their liberty,3rd Cycle,UPR 34,A/HRC/43/10,,,,Published\n"
    b"118.13 Decriminalize defamation,2020-03-12,Recommendation,Kazakhstan,Czechia,Noted,"
    b"Civil and political rights::Freedom of opinion and expression,Journalists|Human rights defenders,3rd Cycle,"
    b"UPR 34,A/HRC/43/10,,/files/1583999999abc.pdf,https://upr-info-database.uwazi.io/api/files/1583a.pdf,"
    b"Published\n"
    b"118.14 Adopt a comprehensive anti-discrimination law,2020-03-12,Recommendation,Kazakhstan,"
    b'"Korea (Republic of)|Bolivia (Plurinational State of)|Holy See",Supported,Equality & non-discrimination,'
    b"Women|Persons with disabilities,3rd Cycle,UPR 34,A/HRC/43/10,,,,Unpublished\n"
)


def test_uwazi_export_reads_with_its_lists_and_thesaurus_values():
    table = csv_files.read(UWAZI)
    assert (len(table.headers), len(table.rows), table.encoding) == (15, 3, "utf-8")
    mapping = csv_files.guess_mapping(table.headers)
    assert mapping == ["text", "", "", "", "states", "response", "themes", "affected_groups", "cycle", "", "document",
                       "", "", "", ""]
    checked = csv_files.check(table, mapping, set(), set())
    assert checked.problems == []
    assert [c.number for c in checked.new] == ["118.12", "118.13", "118.14"]
    assert [c.states for c in checked.new] == [["Hungary", "Spain"], ["Czechia"],
                                               ["Korea (Republic of)", "Bolivia (Plurinational State of)", "Holy See"]]
    assert [c.response for c in checked.new] == ["supported", "noted", "supported"]
    assert [c.themes for c in checked.new] == [["Torture and other CID treatment", "Conditions of detention"],
                                               ["Freedom of opinion and expression"],
                                               ["Equality & non-discrimination"]]
    assert checked.new[1].affected_groups == ["Journalists", "Human rights defenders"]
    assert {(c.document, c.cycle) for c in checked.new} == {("A/HRC/43/10", "3rd Cycle")}
    assert checked.new[0].text == "Ratify the Optional Protocol to the Convention against Torture, as recommended"


def test_a_title_is_the_text_only_when_no_column_says_text():
    assert csv_files.guess_mapping(["Title", "Recommendation", "Response"]) == ["", "text", "response"]
    assert csv_files.guess_mapping(["Title", "Response"]) == ["text", "response"]


# Excel's "CSV (Comma delimited)" on a Western Windows: Windows-1252, typographic quotes and dashes, one row per
# recommending State as research datasets have it.
ONE_ROW_PER_STATE = (
    "Recommendation number,Recommending State,Recommendation,Response,Document\r\n"
    "118.12,Hungary,“Ratify the Optional Protocol” – to the Convention against Torture,Supported,A/HRC/43/10\r\n"
    "118.12,Spain,“Ratify the Optional Protocol” – to the Convention against Torture,Supported,A/HRC/43/10\r\n"
    "118.40,Côte d’Ivoire,Guarantee the right to peaceful assembly,Noted,A/HRC/43/10\r\n"
    "118.41,France,Renforcer l’accès à l’éducation des filles,Supported,A/HRC/43/10\r\n"
).encode("cp1252")


def test_windows_1252_one_row_per_state():
    table = csv_files.read(ONE_ROW_PER_STATE)
    assert table.encoding == "windows-1252"
    assert table.headers == ["Recommendation number", "Recommending State", "Recommendation", "Response", "Document"]
    assert len(table.rows) == 4 and table.lines == [2, 3, 4, 5]
    assert [row[0] for row in table.rows] == ["118.12", "118.12", "118.40", "118.41"]
    assert [row[1] for row in table.rows] == ["Hungary", "Spain", "Côte d’Ivoire", "France"]
    assert table.rows[0][2] == "“Ratify the Optional Protocol” – to the Convention against Torture"
    assert table.rows[3][2] == "Renforcer l’accès à l’éducation des filles"


RUSSIAN = "Номер;Текст рекомендации;Государство\n142.88;Усилить меры по предотвращению пыток;Дания, Чехия\n"


@pytest.mark.parametrize(("data", "encoding"), [
    (RUSSIAN.encode("cp1251"), "windows-1251"),
    (RUSSIAN.encode("koi8_r"), "koi8-r"),
    (RUSSIAN.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + RUSSIAN.encode("utf-8"), "utf-8"),
    (RUSSIAN.encode("utf-16"), "utf-16"),  # with its BOM, in the machine's order
    (b"\xff\xfe" + RUSSIAN.encode("utf-16-le"), "utf-16"),
    (b"\xfe\xff" + RUSSIAN.encode("utf-16-be"), "utf-16"),
])
def test_encodings(data, encoding):
    table = read(data)
    assert table.encoding == encoding
    assert table.headers == ["Номер", "Текст рекомендации", "Государство"]
    assert table.rows == [["142.88", "Усилить меры по предотвращению пыток", "Дания, Чехия"]]


def test_excel_unicode_text_is_utf16_with_tabs():
    """Excel's "Unicode Text (*.txt)": UTF-16 LE with its BOM, cells between tabs."""
    data = "\ufeffnumber\ttext\n118.12\tRatify; then report\n".encode("utf-16-le")
    table = read(data)
    assert (table.headers, table.rows, table.encoding) == (["number", "text"], [["118.12", "Ratify; then report"]],
                                                           "utf-16")


def test_utf16_without_bom():
    table = read("number,text\n118.12,Ratify\n".encode("utf-16-le"))
    assert table.rows == [["118.12", "Ratify"]] and table.encoding == "utf-16-le"


def test_undecodable_says_so_without_naming_one_encoding():
    assert reason(bytes(range(128, 256)) * 3) == ("encoding", {})
    assert reason(b"\xef\xbb\xbfnumber,text\n\xff\xfe\n") == ("encoding", {})


# The header under title rows

def test_csv_header_under_title_rows():
    data = (b"Recommendations to Kazakhstan (A/HRC/43/10);;;\n;;;\n"
            b"Number;Text;State;Response\n118.1;Ratify;France;Supported\n118.2;Protect;Chile;Noted\n")
    table = csv_files.read(data)
    assert table.header_line == 3 and table.headers == ["Number", "Text", "State", "Response"]
    assert table.rows == [["118.1", "Ratify", "France", "Supported"], ["118.2", "Protect", "Chile", "Noted"]]
    assert table.lines == [4, 5]


@pytest.mark.parametrize("title", [b"UPR recommendations\n", b"sep=;\n"])  # sep= is Excel's hint
def test_a_title_line_without_delimiters_does_not_hide_the_delimiter(title):
    table = csv_files.read(title + b"Number;Text\n118.1;Ratify, now\n118.2;Protect\n")
    assert table.headers == ["Number", "Text"] and table.rows[0] == ["118.1", "Ratify, now"]


def test_unrecognised_headers_are_the_first_row_of_several_cells():
    table = read(b"A title\nColumn A,Column B\n1,2\n")
    assert table.header_line == 2 and table.headers == ["Column A", "Column B"] and table.rows == [["1", "2"]]


# Rows whose cells moved

def test_a_stray_semicolon_names_the_row():
    data = (HEADER.replace(",", ";") + "\n"
            "118.1;A/HRC/43/10;3;Ratify the Convention; now;France;supported;Torture;;16;\n"
            "118.2;A/HRC/43/10;3;Protect journalists;Chile;noted;Media;;;\n").encode()
    assert reason(data) == ("ragged", {"line": 2, "fields": 11, "expected": 10, "delimiter": ";"})


def test_a_header_written_short_and_short_rows_pass():
    table = read(b"Number,Text\n118.1,Ratify,,\n118.2,,\n118.3,Protect,\n")
    assert table.rows == [["118.1", "Ratify", "", ""], ["118.2", "", ""], ["118.3", "Protect", ""]]
    assert read(b"Number,Text\n118.1,Ratify\n118.2\n").rows == [["118.1", "Ratify"], ["118.2"]]


def test_the_row_counts_as_a_spreadsheet_shows_it():
    data = b'Number\tText\n118.1\t"two\nlines"\n\n118.2\tx\ty\n'
    assert reason(data) == ("ragged", {"line": 4, "fields": 3, "expected": 2, "delimiter": "Tab"})


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b" \n\n", b"Number,Text\n", b"Number,Text\n,\n , \n"])
def test_empty(data):
    assert reason(data)[0] == "empty"


def test_too_many_rows(monkeypatch):
    monkeypatch.setattr(tables, "MAX_ROWS", 3)
    assert len(read(b"Number,Text\n1.1,a\n1.2,b\n1.3,c\n").rows) == 3
    assert reason(b"Number,Text\n1.1,a\n1.2,b\n1.3,c\n1.4,d\n") == ("too_many_rows", {"limit": 3})
    workbook = xlsx(("Sheet", [["Number", "Text"]] + [[f"1.{n}", "x"] for n in range(20)]))
    assert reason(workbook) == ("too_many_rows", {"limit": 3})


# Excel workbooks

def test_xlsx_with_a_title_row_and_a_notes_sheet_first():
    about = ("About", [["Exported for the coalition's report"]])
    recommendations = ("Recommendations", [
        ["Recommendations to Kazakhstan, 3rd cycle (A/HRC/43/10)"],
        [],
        ["Recommendation number", "Recommendation", "Recommending State", "Response", "Cycle", "Date"],
        [124.1, "Ratify the Optional Protocol", "Hungary; Spain", "Supported", 3, datetime.date(2020, 3, 12)],
        [None],
        ["124.10", "Protect journalists", "Chile", "Noted", 3, datetime.datetime(2020, 3, 12, 14, 30)],
        [118.2, "-2 is text here", None, None, None, None, "an unnamed column"],
    ])
    table = csv_files.read(xlsx(about, recommendations))
    assert (table.sheet, table.header_line, table.encoding) == ("Recommendations", 3, "")
    assert table.headers == ["Recommendation number", "Recommendation", "Recommending State", "Response", "Cycle",
                             "Date", ""]
    assert table.lines == [4, 6, 7]
    assert table.rows == [
        ["124.1", "Ratify the Optional Protocol", "Hungary; Spain", "Supported", "3", "2020-03-12"],
        ["124.10", "Protect journalists", "Chile", "Noted", "3", "2020-03-12 14:30"],
        ["118.2", "-2 is text here", "", "", "", "", "an unnamed column"],
    ]
    assert csv_files.guess_mapping(table.headers)[:4] == ["number", "text", "states", "response"]


def test_xlsx_numbers_as_the_cell_shows_them():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["number", "text"])
    sheet.append([118.1, "Two decimals shown"])
    sheet["A2"].number_format = "0.00"
    sheet.append([0.1 + 0.2, "Excel shows 15 digits"])
    sheet.append([7.0, "A whole number"])
    out = io.BytesIO()
    workbook.save(out)
    assert [row[0] for row in read(out.getvalue()).rows] == ["118.10", "0.3", "7"]


def test_xlsx_sheets_after_the_table_are_not_read(monkeypatch):
    monkeypatch.setattr(tables, "MAX_ROWS", 3)
    big = ("Dump", [[f"{n}", "x"] for n in range(50)])
    assert read(xlsx(("Table", [["number", "text"], ["1.1", "x"]]), big)).sheet == "Table"


def test_xlsx_first_non_empty_sheet_without_a_recognised_header():
    table = read(xlsx(("Empty", []), ("Data", [["Column A", "Column B"], ["1", "2"]])))
    assert (table.sheet, table.headers, table.rows) == ("Data", ["Column A", "Column B"], [["1", "2"]])


def test_xlsx_empty():
    assert reason(xlsx(("Sheet1", []), ("Sheet2", [[None, None]]))) == ("empty", {})
    assert reason(xlsx(("Sheet1", [["number", "text"]]))) == ("empty", {})


# Kinds of file, by their first bytes

def ole(*streams: str) -> bytes:
    """An OLE compound file's header and a directory naming these streams (UTF-16 LE), as Office writes them."""
    header = tables.OLE + bytes(504)
    return header + b"".join(name.encode("utf-16-le").ljust(128, b"\x00") for name in ("Root Entry", *streams))


def zipped(*names: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return out.getvalue()


@pytest.mark.parametrize(("data", "expected"), [
    (ole("\x06DataSpaces", "EncryptionInfo", "EncryptedPackage"), "encrypted"),
    (ole("Workbook", "\x05SummaryInformation"), "xls"),
    (ole("WordDocument", "1Table"), "doc"),
    (zipped("[Content_Types].xml", "xl/workbook.xml"), "xlsx"),
    (zipped("[Content_Types].xml", "word/document.xml"), "docx"),
    (zipped("readme.txt"), "binary"),
    (b"PK\x03\x04\x14\x00\x06\x00" + bytes(100), "corrupt"),
    (b"%PDF-1.7\n\x00\x01binary", "binary"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary"),
    (b"number,text\n", "text"),
])
def test_kind(data, expected):
    assert kind(data) == expected


@pytest.mark.parametrize(("data", "expected"), [
    (ole("EncryptionInfo", "EncryptedPackage"), "encrypted"),
    (ole("Workbook"), "xls"),
    (ole("WordDocument"), "doc"),
    (b"PK\x03\x04\x14\x00\x06\x00" + bytes(100), "corrupt"),
    (zipped("[Content_Types].xml", "xl/workbook.xml"), "corrupt"),  # the parts are there, but not a workbook
    (xlsx(("Sheet", [["number", "text"], ["1.1", "x"]]))[:-200], "corrupt"),  # cut short
    (zipped("readme.txt"), "not_a_table"),
    (b"%PDF-1.7\n\x00\x01binary", "not_a_table"),
])
def test_unreadable_kinds(data, expected):
    assert reason(data)[0] == expected


def test_the_dispatch_takes_a_new_reader(monkeypatch):
    """Another kind of file (the OHCHR matrix's .docx) is read by adding its reader."""
    found = tables.Table(headers=["number", "text"], rows=[["1.1", "x"]], encoding="")
    monkeypatch.setitem(tables.READERS, "docx", lambda data, is_header: found)
    assert read(zipped("word/document.xml")) is found


# Any valid recommendation written by the template writer reads back unchanged, from CSV and from Excel.

_TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\ufeff"),
                min_size=1, max_size=40).map(str.strip).filter(lambda s: s and not s.startswith(("=", "+", "-", "@")))
_NUMBER = st.builds(lambda a, b: f"{a}.{b}", st.integers(1, 999), st.integers(1, 999))
_ROW = st.tuples(_NUMBER, st.sampled_from(["A/HRC/43/10", ""]), st.sampled_from(["3", "4", ""]), _TEXT,
                 st.lists(_TEXT.filter(lambda s: not set(s) & set(";\n|,:")), max_size=3).map("; ".join),
                 st.sampled_from(["supported", "noted", ""]), _TEXT, st.just(""), st.sampled_from(["5; 16", ""]),
                 st.just("")).map(list)


def _as_excel_saves(rows: list[list[str]]) -> bytes:
    """The CSV opened in Excel and saved as .xlsx: digits become numbers, the rest stays text."""
    def cell(value: str):
        if re.fullmatch(r"0|[1-9][0-9]{0,14}", value):
            return int(value)
        if re.fullmatch(r"[1-9][0-9]{0,5}\.[0-9]{0,7}[1-9]", value):  # as typed: 15 digits at most, no last 0
            return float(value)
        return value or None
    return xlsx(("Sheet1", [HEADER.split(",")] + [[cell(value) for value in row] for row in rows]))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ROW, min_size=1, max_size=6))
def test_written_rows_read_back_unchanged(rows):
    written = csv_files.write(HEADER.split(","), rows).encode("utf-8")
    for data in (written, _as_excel_saves(rows)):
        table = csv_files.read(data)
        assert table.headers == HEADER.split(",")
        assert [row + [""] * (10 - len(row)) for row in table.rows] == rows


@settings(max_examples=60, deadline=None)
@given(st.sampled_from([b"", b"PK\x03\x04", tables.OLE, b"\xff\xfe", b"\xef\xbb\xbf", b"%PDF"]),
       st.binary(max_size=300))
def test_any_bytes_give_a_table_or_a_reason(prefix, data):
    try:
        table = csv_files.read(prefix + data)
    except Unreadable as error:
        assert error.reason in {"empty", "encoding", "format", "too_many_rows", "ragged", "encrypted", "xls", "doc",
                                "corrupt", "not_a_table"}
    else:
        assert table.headers and table.rows


def test_a_zip_with_a_broken_workbook_inside_is_corrupt():
    workbook = xlsx(("Sheet", [["number", "text"], ["1.1", "x"]]))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as original, zipfile.ZipFile(out, "w") as broken:
        for item in original.infolist():
            content = original.read(item)
            broken.writestr(item, content[: len(content) // 2] if item.filename.endswith("sheet1.xml") else content)
    assert reason(out.getvalue())[0] == "corrupt"
