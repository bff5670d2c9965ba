"""OHCHR's thematic list of recommendations (.docx): both cycles' layouts read into the importer's fields, with the
number, States and source taken out of the text, theme rows spread to the rows below, and lists split."""
import io
import zipfile

import docx
import pytest

from coalition.recommendations import csv_files
from readers.ohchr_matrix import NotAMatrix, read_matrix
from tests.unit import ohchr_docs


def records(data: bytes) -> list[dict[str, str]]:
    matrix = read_matrix(data)
    return [dict(zip(matrix.headers, row)) for row in matrix.rows]


def checked(data: bytes) -> csv_files.Checked:
    """The rows as the import's check takes them (guessed columns), nothing in the report yet. The responses are
    left out: the matrix's spellings ("Partially supported") are the check's to map, and tested there."""
    table = csv_files.read(data)
    mapping = [name if name != "response" else "" for name in csv_files.guess_mapping(table.headers)]
    result = csv_files.check(table, mapping, set(), set())
    assert not result.problems
    return result


def test_third_cycle_layout():
    matrix = read_matrix(ohchr_docs.third_cycle())
    assert matrix.headers == ["number", "document", "cycle", "text", "states", "response", "themes",
                              "affected_groups"]
    assert matrix.lines == [3, 4, 5, 7, 8]  # the header is row 1, the theme rows 2 and 6
    rows = records(ohchr_docs.third_cycle())
    assert [r["number"] for r in rows] == ["142.1", "142.2", "142.3", "142.45", "142.46"]
    assert {r["document"] for r in rows} == {"A/HRC/43/10"}  # the addendum's position, the report's number
    assert {r["cycle"] for r in rows} == {"3"}
    assert [r["response"] for r in rows] == ["Noted", "Supported", "Partially supported", "Supported/Noted",
                                             "Supported"]
    assert rows[1]["text"] == ("Ratify the Domestic Workers Convention, 2011 (No. 189) of the International "
                               "Labour Organization")
    assert rows[2]["text"].endswith("against Women (OP-CEDAW)")  # an acronym is the text's, not a State
    assert rows[4]["text"] == ("Adopt a comprehensive anti-discrimination law that:\n(a) covers all grounds; "
                               "and\n(b) provides effective remedies")


def test_third_cycle_as_the_import_checks_it():
    result = checked(ohchr_docs.third_cycle())
    assert [c.line for c in result.new] == [3, 4, 5, 7, 8]
    by_number = {c.number: c for c in result.new}
    assert [len(by_number[n].states) for n in ("142.1", "142.2", "142.3", "142.45", "142.46")] == [2, 1, 1, 3, 2]
    assert by_number["142.45"].states == ["Holy See", "Korea, Republic of", "Bolivia (Plurinational State of)"]
    assert by_number["142.46"].states == ["Canada", "Iceland"]
    assert by_number["142.1"].themes == ["A12 Acceptance of international norms"]
    assert by_number["142.1"].affected_groups == ["general"]
    assert by_number["142.2"].themes == ["A12 Acceptance of international norms",
                                         "B32 Equality & non-discrimination"]
    # the theme row's theme first, then the cell's own; a theme's own ";" and "," kept
    assert by_number["142.45"].themes == ["D8 Rights related to name, identity, nationality",
                                          "F13 Children: definition; general principles; protection"]
    assert by_number["142.46"].themes == ["D8 Rights related to name, identity, nationality",
                                          "B31 Equality & non-discrimination"]
    assert by_number["142.46"].affected_groups == [
        "minorities/ racial, ethnic, linguistic, religious or descent-based groups", "women"]


def test_fourth_cycle_layout_under_a_title_row():
    matrix = read_matrix(ohchr_docs.fourth_cycle())
    assert matrix.lines == [4, 5, 7]
    result = checked(ohchr_docs.fourth_cycle())
    assert [(c.number, c.document, c.cycle) for c in result.new] == [
        ("38.1", "A/HRC/58/12", "4"), ("38.2", "A/HRC/58/12", "4"), ("38.3", "A/HRC/58/12", "4")]
    first, second, third = result.new
    assert first.text == "Ratify the Optional Protocol to the Convention against Torture"
    assert first.states == ["France", "Lithuania"]
    assert second.states == ["Türkiye", "Côte d'Ivoire"]
    assert third.states == ["United Kingdom of Great Britain and Northern Ireland"]
    assert first.themes == ["A41 Constitutional and legislative framework",
                            "D25 Prohibition of torture and cruel, inhuman or degrading treatment"]
    assert first.affected_groups == ["persons deprived of their liberty"]
    assert second.themes == ["A41 Constitutional and legislative framework", "B31 Equality & non-discrimination"]
    assert second.affected_groups == ["women", "girls"]
    assert third.themes == ["B51 Right to an effective remedy"] and third.affected_groups == []
    assert [c.sdgs for c in result.new] == ["16", "5, 10", ""]
    assert [r["response"] for r in records(ohchr_docs.fourth_cycle())] == ["Supported", "Noted",
                                                                          "Partially supported"]


@pytest.mark.parametrize("headers, states, sdgs", [
    (["No.", "Recommendations", "Recommending States", "Response", "Theme(s)", "Affected groups"],
     ["Chile", "Korea, Republic of"], ""),
    (["Recommandation", "Position", "Liste complète des thèmes", "Personnes concernées", "ODD"], ["Chile"], "5"),
])
def test_similar_layouts_are_found_by_their_words(headers, states, sdgs):
    cells = {"No.": "12.4", "Recommending States": "Chile; Korea, Republic of", "Response": "Supported",
             "Recommendations": "Ratify the Convention", "Recommandation": "12.4 Ratify the Convention (Chile)",
             "Position": "Supported", "Theme(s)": "A12 Acceptance of international norms",
             "Liste complète des thèmes": "A12 Acceptance of international norms", "Affected groups": "women",
             "Personnes concernées": "women", "ODD": "ODD 5"}
    matrix = read_matrix(ohchr_docs.matrix(headers, [[cells[h] for h in headers]]))
    row = dict(zip(matrix.headers, matrix.rows[0]))
    assert (row["number"], row["text"], row["response"]) == ("12.4", "Ratify the Convention", "Supported")
    assert row["states"].splitlines() == states and row["themes"] == "A12 Acceptance of international norms"
    assert row["affected_groups"] == "women" and row.get("sdgs", "") == sdgs


@pytest.mark.parametrize("cell, number, text, states", [
    ("121.1 Ratify the OP-CAT (France) (Lithuania);", "121.1", "Ratify the OP-CAT", ["France", "Lithuania"]),
    ("121.1. Ratify the OP-CAT (France), (Lithuania)", "121.1", "Ratify the OP-CAT", ["France", "Lithuania"]),
    ("Para 121.1 Ratify the OP-CAT (Korea, Republic of);", "121.1", "Ratify the OP-CAT", ["Korea, Republic of"]),
    ("121.10 Consider it (Venezuela (Bolivarian Republic of)); (Holy See)", "121.10", "Consider it",
     ["Venezuela (Bolivarian Republic of)", "Holy See"]),
    ("Ratify the OP-CAT (France)", "", "Ratify the OP-CAT", ["France"]),
    ("121.2 Ratify ILO Convention (No. 189)", "121.2", "Ratify ILO Convention (No. 189)", []),
    ("121.3 Teach human rights (in schools) (Peru)", "121.3", "Teach human rights (in schools)", ["Peru"]),
    ("121.4 Teach human rights (in schools)", "121.4", "Teach human rights (in schools)", []),
])
def test_the_recommendation_cell(cell, number, text, states):
    row = records(ohchr_docs.matrix(["Recommendation", "Position"], [[cell + "\nSource of position: A/HRC/1/2",
                                                                      "Noted"]]))[0]
    assert (row["number"], row["text"], row["document"]) == (number, text, "A/HRC/1/2")
    assert row["states"].splitlines() == states


def test_rows_laid_out_without_merged_cells_and_a_position_merged_down():
    """A title and a theme in the first cell alone, the header repeated on a new page, one position for two rows."""
    document = docx.Document()
    table = document.add_table(rows=0, cols=3)
    for values in (["UPR of Kazakhstan", "", ""], ["Recommendation", "Position", "Themes"],
                   ["Theme: A12 Acceptance of international norms", "", ""],
                   ["1.1 Ratify it (Chile)", "Supported", ""],
                   ["1.2 Ratify that (Peru)", "", "A12 Acceptance of international norms"],
                   ["Recommendation", "Position", "Themes"], ["1.3 Ratify all (Cuba)", "Noted", ""]):
        for cell, value in zip(table.add_row().cells, values):
            cell.text = value
    table.cell(3, 1).merge(table.cell(4, 1))
    out = io.BytesIO()
    document.save(out)
    matrix = read_matrix(out.getvalue())
    assert matrix.lines == [4, 5, 7]
    assert [row[matrix.headers.index("response")] for row in matrix.rows] == ["Supported", "Supported", "Noted"]
    assert {row[matrix.headers.index("themes")] for row in matrix.rows} == {"A12 Acceptance of international norms"}


def test_a_word_file_that_is_not_a_matrix():
    document = docx.Document()
    document.add_paragraph("Recommendation: read the report")
    document.add_table(rows=2, cols=2).cell(0, 0).text = "Name"
    out = io.BytesIO()
    document.save(out)
    with pytest.raises(NotAMatrix) as error:
        read_matrix(out.getvalue())
    assert error.value.reason == "no_matrix"
    with pytest.raises(csv_files.Unreadable) as unreadable:
        csv_files.read(out.getvalue())
    assert unreadable.value.reason == "no_matrix"


def test_a_damaged_word_file():
    data = ohchr_docs.third_cycle()
    broken = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            target.writestr(item, content[:100] if item.filename == "word/document.xml" else content)
    with pytest.raises(csv_files.Unreadable) as error:
        csv_files.read(broken.getvalue())
    assert error.value.reason == "corrupt"
