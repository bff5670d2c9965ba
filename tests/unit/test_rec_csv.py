import csv
import io
import zipfile
from pathlib import Path

import pytest

from coalition.recommendations import csv_files
from coalition.recommendations.csv_files import (
    FIELDS,
    Problem,
    Table,
    Unreadable,
    check,
    guess_mapping,
    read,
    safe_cell,
    split_list,
    write,
)
from readers import tables

SAMPLE = (Path(__file__).parent.parent / "data" / "upr_info_sample.csv").read_bytes()
UPR_HEADERS = ["State under Review", "Recommendation", "Recommending State", "Response", "Action Category",
               "Issues", "Session", "Cycle", "Document"]


def sample_rows():
    return list(csv.reader(io.StringIO(SAMPLE.decode("utf-8"), newline="")))


def reason(data):
    with pytest.raises(Unreadable) as raised:
        read(data)
    return raised.value.reason


# read()

def test_read_upr_info_sample():
    table = read(SAMPLE)
    assert table.headers == UPR_HEADERS
    assert len(table.rows) == 12 and all(len(row) == 9 for row in table.rows)
    assert table.encoding == "utf-8"
    assert table.rows[0][1].startswith("142.1 Ratify the Optional Protocol") and table.rows[0][1].endswith("Rights")
    assert table.rows[5][2] == "Канада"


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_read_same_content_in_other_dialects(delimiter, bom, newline):
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=newline).writerows(sample_rows())
    table = read(bom + out.getvalue().encode("utf-8"))
    expected = read(SAMPLE)
    assert table.headers == expected.headers and table.rows == expected.rows
    assert table.encoding == "utf-8"
    assert not table.headers[0].startswith("\ufeff")


def test_read_quoted_cells_with_delimiters_and_newlines():
    data = (b'Number;Text;States\r\n'
            b'1.1;"Ratify; then, report\r\nin writing";"Germany\r\nFrance"\r\n'
            b'1.2;Plain;Spain\r\n')
    table = read(data)
    assert table.rows == [["1.1", "Ratify; then, report\r\nin writing", "Germany\r\nFrance"],
                          ["1.2", "Plain", "Spain"]]


def test_read_doubled_quotes_inside_a_quoted_cell():
    text = 'Repeal the "false information" article, as recommended'
    table = read(write(["number", "text", "states"], [["1.1", text, "Germany"]]).encode("utf-8"))
    assert table.rows == [["1.1", text, "Germany"]]


def test_read_windows_1251():
    data = "Номер;Текст;Государство\n142.60;Принять закон о запрете дискриминации;Канада\n".encode("cp1251")
    table = read(data)
    assert table.encoding == "windows-1251"
    assert table.headers == ["Номер", "Текст", "Государство"]
    assert table.rows == [["142.60", "Принять закон о запрете дискриминации", "Канада"]]


def test_read_utf16_and_not_a_table():
    assert read("Number,Text\n1.1,Ratify\n".encode("utf-16")).rows == [["1.1", "Ratify"]]
    assert read("Номер,Текст\n1.1,Ратифицировать\n".encode("utf-16-le")).rows == [["1.1", "Ратифицировать"]]
    office = io.BytesIO()
    with zipfile.ZipFile(office, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    assert reason(office.getvalue()) == "not_a_table"


def test_read_latin1_symbols_keep_their_meaning():
    assert read("Country,Text\nA,© 2019 « Rapport » 25°\n".encode("latin-1")).rows == [["A", "© 2019 « Rapport » 25°"]]


def test_read_latin1_accented_text_is_windows_1252_not_1251():
    table = read("Country,Text\nCôte d'Ivoire,Société générale à Genève\n".encode("latin-1"))
    assert table.encoding == "windows-1252" and table.rows == [["Côte d'Ivoire", "Société générale à Genève"]]


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b" \n\n", b"Number,Text\n", b"Number,Text\n,\n , \n"])
def test_read_empty(data):
    assert reason(data) == "empty"


def test_read_too_many_rows(monkeypatch):
    monkeypatch.setattr(tables, "MAX_ROWS", 3)
    assert len(read(b"Number,Text\n1.1,a\n1.2,b\n1.3,c\n").rows) == 3
    assert reason(b"Number,Text\n1.1,a\n1.2,b\n1.3,c\n1.4,d\n") == "too_many_rows"


@pytest.mark.parametrize("data", [
    b'Number,Text\n1.1,"unterminated\n',
    b'Number,Text\n1.1,"x"y,z\n',
    b'"\n"",;\t\'\r\n\x96\xe9',
    b"a" * 200_000,
    b'Number,Text\n1.1,"' + b"x" * 200_000 + b'"\n',
])
def test_read_malformed_raises_only_unreadable(data):
    try:
        read(data)
    except Unreadable as error:
        assert error.reason in {"not_a_table", "encoding", "empty", "format", "too_many_rows", "ragged"}


def test_unterminated_quote_is_reported():
    data = b'Number,Text,Response\n1.1,Ratify,Supported\n1.2,"Unterminated text,Supported\n1.3,Other,Noted\n'
    try:
        table = read(data)
    except Unreadable as error:
        assert error.reason == "format"
        return
    checked = check(table, guess_mapping(table.headers), set(), set())
    assert checked.problems


# guess_mapping()

def test_guess_mapping_upr_info():
    assert guess_mapping(UPR_HEADERS) == ["", "text", "states", "response", "", "themes", "", "cycle", "document"]


def test_guess_mapping_template_and_russian():
    assert guess_mapping(list(FIELDS)) == list(FIELDS)
    assert guess_mapping(["Номер", "Текст", "Государство", "Позиция", "Темы"]) == [
        "number", "text", "states", "response", "themes"]


def test_guess_mapping_ignores_case_spacing_and_punctuation():
    headers = ["  RECOMMENDATION ", "Recommending-State", "response:", "Working_Group", "Affected groups",
               "SDG(s)", "Rec. No.", "ТЕМЫ", "Something else"]
    assert guess_mapping(headers) == ["text", "states", "response", "group", "affected_groups", "sdgs",
                                      "number", "themes", ""]


def test_guess_mapping_takes_each_field_once():
    assert guess_mapping(["Recommendation", "Text", "State", "Recommending State", "Номер", "No."]) == [
        "text", "", "states", "", "number", ""]


# split_list()

@pytest.mark.parametrize(("value", "expected"), [
    ("Argentina; France", ["Argentina", "France"]),
    ("Argentina\nFrance", ["Argentina", "France"]),
    ("Argentina\r\nFrance\r\n", ["Argentina", "France"]),
    ("Argentina, France", ["Argentina", "France"]),
    ("Korea, Republic of; France", ["Korea, Republic of", "France"]),
    ("Korea, Republic of", ["Korea, Republic of"]),
    ("France, Congo, Democratic Republic of the, Iran (Islamic Republic of), Chile",
     ["France", "Congo, Democratic Republic of the", "Iran (Islamic Republic of)", "Chile"]),
    ("Rights of the child, Women", ["Rights of the child", "Women"]),
    ("Korea, Republic of\nFrance", ["Korea, Republic of", "France"]),
    ("Hungary|Spain", ["Hungary", "Spain"]),
    ("Korea, Republic of|France", ["Korea, Republic of", "France"]),
    ("Women's rights::Gender-based violence|Migrants", ["Gender-based violence", "Migrants"]),
    (" ; ;", []),
    ("", []),
])
def test_split_list(value, expected):
    assert split_list(value) == expected


# safe_cell() and write()

@pytest.mark.parametrize("value", ["=cmd|' /C calc'!A0", "+1+1", "-2", "@SUM(A1)", "\t=1", "\r=1", "=HYPERLINK(\"x\")"])
def test_safe_cell_neutralises_formulas(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize(("value", "expected"), [
    ("142.12", "142.12"), ("a=b", "a=b"), ("Ратифицировать", "Ратифицировать"), (None, ""), (7, "7"), (-2, "'-2"),
])
def test_safe_cell_leaves_text_alone(value, expected):
    assert safe_cell(value) == expected


def test_write_bom_crlf_and_round_trip():
    headers = ["number", "text", "states"]
    rows = [["142.60", "Принять закон, «о равенстве»", "Канада; Дания"],
            ["142.1", "=cmd|' /C calc'!A0", "-2"],
            ["142.2", None, "@SUM(A1)"]]
    out = write(headers, rows)
    assert out.startswith("\ufeff") and out.count("\ufeff") == 1
    assert out.endswith("\r\n") and out.count("\r\n") == 4 and out.count("\n") == 4
    parsed = list(csv.reader(io.StringIO(out[1:], newline="")))
    assert parsed == [headers,
                      ["142.60", "Принять закон, «о равенстве»", "Канада; Дания"],
                      ["142.1", "'=cmd|' /C calc'!A0", "'-2"],
                      ["142.2", "", "'@SUM(A1)"]]
    table = read(out.encode("utf-8"))
    assert table.headers == headers and table.rows == parsed[1:] and table.encoding == "utf-8"


def test_write_multiline_cell_round_trips():
    out = write(["text"], [["Line one\nline two, with comma"]])
    assert list(csv.reader(io.StringIO(out[1:], newline=""))) == [["text"], ["Line one\nline two, with comma"]]


# check()

def table(headers, *rows):
    return Table(headers=list(headers), rows=[list(row) for row in rows], encoding="utf-8")


def test_check_upr_info_sample():
    sample = read(SAMPLE)
    checked = check(sample, guess_mapping(sample.headers), set(), set())
    assert checked.problems == [] and checked.existing == [] and len(checked.new) == 12
    first = checked.new[1]
    assert (first.line, first.number, first.document, first.cycle) == (3, "142.12", "A/HRC/43/10", "3")
    assert first.text == ("Consider ratifying the International Convention for the Protection of All Persons "
                          "from Enforced Disappearance")
    assert first.states == ["Argentina", "France"]
    assert first.response == "noted"
    assert first.themes == ["International instruments", "Enforced disappearances"]
    assert checked.new[5].number == "142.60" and checked.new[5].text.startswith("Принять")
    assert checked.new[5].response == "supported"
    assert [c.number for c in checked.new].count("142.1") == 1


def test_check_number_from_text_only_when_no_number_column_value():
    checked = check(table(["Number", "Text"], ["", "142.12. Consider ratifying"], ["9.9", "142.13 Keep me"]),
                    ["number", "text"], set(), set())
    assert [(c.number, c.text) for c in checked.new] == [("142.12", "Consider ratifying"), ("9.9", "142.13 Keep me")]


def test_check_problems_with_line_numbers(monkeypatch):
    monkeypatch.setattr(csv_files, "MAX_CELL", 20)
    rows = [
        ["1.1", "Fine", "Supported", "Civil rights"],  # line 2
        ["1.2", "", "", ""],  # 3
        ["142", "Bad number", "", ""],  # 4
        ["", "No number here", "", ""],  # 5
        ["1.5", "Bad response", "Maybe", ""],  # 6
        ["1.6", "Unknown group", "", "Women"],  # 7
        ["1.7", "x" * 21, "", ""],  # 8
        ["1.1", "Same again", "", ""],  # 9
        ["abc", "", "", ""],  # 10
    ]
    checked = check(table(["Number", "Text", "Response", "Group"], *rows), ["number", "text", "response", "group"],
                    set(), {"Civil rights"})
    assert checked.problems == [
        Problem(3, "no_text"),
        Problem(4, "bad_number", "142"),
        Problem(5, "no_number"),
        Problem(6, "bad_response", "Maybe"),
        Problem(7, "unknown_group", "Women"),
        Problem(8, "too_long", "text"),
        Problem(9, "duplicate", "2"),
        Problem(10, "no_text"),
        Problem(10, "bad_number", "abc"),
    ]
    assert [c.line for c in checked.new] == [2]
    assert checked.new[0].group == "Civil rights"


def test_check_short_cells_against_their_own_limits():
    """The document symbol, the cycle and the SDGs hold less than a text (as the database's columns do)."""
    headers = ["Number", "Text", "Document", "Cycle", "SDG"]
    rows = [["1.1", "Fits", "D" * 60, "C" * 60, "5" * 100],  # line 2
            ["1.2", "Too long", "D" * 61, "C" * 61, "5" * 101]]  # 3
    checked = check(table(headers, *rows), ["number", "text", "document", "cycle", "sdgs"], set(), set())
    assert checked.problems == [Problem(3, "too_long", "document"), Problem(3, "too_long", "cycle"),
                                Problem(3, "too_long", "sdgs")]
    assert [c.line for c in checked.new] == [2]
    assert [csv_files.cell_limit(name) for name in ("document", "cycle", "sdgs", "text")] == [60, 60, 100, 5000]


def test_check_line_numbers_count_multiline_cells_as_one_row():
    data = b'Number,Text\n1.1,"two\nlines"\n1.2,\n'
    sample = read(data)
    assert check(sample, ["number", "text"], set(), set()).problems == [Problem(3, "no_text")]


def test_check_line_numbers_after_a_blank_row():
    sample = read(b"Number,Text\n1.1,Fine\n,\n1.2,\n")
    assert check(sample, ["number", "text"], set(), set()).problems == [Problem(4, "no_text")]


def test_check_duplicates_and_existing():
    rows = [["A/1", "1.1", "One"], ["A/1", "1.2", "Two"], ["A/2", "1.1", "Other document"],
            ["A/1", "1.2", "Two again"], ["A/1", "1.2", "Three times"]]
    checked = check(table(["Document", "Number", "Text"], *rows), ["document", "number", "text"],
                    {("A/1", "1.1"), ("A/9", "1.2")}, set())
    assert [c.key for c in checked.existing] == [("A/1", "1.1")]
    assert [c.key for c in checked.new] == [("A/1", "1.2"), ("A/2", "1.1")]
    assert checked.problems == [Problem(5, "duplicate", "3"), Problem(6, "duplicate", "3")]


@pytest.mark.parametrize(("response", "expected"), [
    ("Supported", "supported"), ("Accepted", "supported"), (" SUPPORTED ", "supported"), ("Noted", "noted"),
    ("Taken note", "noted"), ("Принята к сведению", "noted"), ("поддержана", "supported"), ("Поддержано", "supported"),
    ("", ""),
])
def test_check_normalises_responses(response, expected):
    checked = check(table(["Number", "Text", "Response"], ["1.1", "Text", response]),
                    ["number", "text", "response"], set(), set())
    assert checked.problems == [] and checked.new[0].response == expected


def test_check_splits_lists():
    row = ["1.1", "Text", "Korea, Republic of; France", "Women\nChildren", "Roma, Migrants", "5; 16"]
    checked = check(table(["n", "t", "s", "th", "a", "sdg"], row),
                    ["number", "text", "states", "themes", "affected_groups", "sdgs"], set(), set())
    candidate = checked.new[0]
    assert candidate.states == ["Korea, Republic of", "France"]
    assert candidate.themes == ["Women", "Children"]
    assert candidate.affected_groups == ["Roma", "Migrants"]
    assert candidate.sdgs == "5; 16"


def test_the_delimiter_is_guessed_from_the_first_rows_alone(monkeypatch):
    monkeypatch.setattr(csv, "Sniffer", None)  # its regular expressions took seconds on a crafted file
    head = "number;text;states\n118.1;Ratify, now;France\n118.2;Protect;Chile\n"
    assert tables._delimiter(head + "x\n" * 10 + ',"' * 20_000) == ";"
    assert tables._delimiter(head.replace(";", "\t")) == "\t"
    assert tables._delimiter('number,text\n1.1,"A; b; c"\n') == ","
    assert tables._delimiter(',"' * 10_000) == ","  # no delimiter fits: a comma, at once
    assert csv_files.read(head.encode()).headers == ["number", "text", "states"]
