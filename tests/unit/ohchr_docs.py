"""OHCHR's "Thematic list of recommendations" as Word files, built as OHCHR lays them out (3rd and 4th cycles):
a title, then one table whose theme rows span every column and whose cells hold several paragraphs."""
import io

import docx

THIRD_HEADERS = ["Recommendation", "Position", "Full list of themes",
                 "Assessment/comments on level of implementation"]
FOURTH_HEADERS = ["Recommendation and recommending State", "Position of the State under review",
                  "Human rights themes and groups of persons", "Relevant SDGs"]

THIRD_CYCLE = [
    "Theme: A12 Acceptance of international norms",
    ["142.1 Ratify the Optional Protocol to the International Covenant on Economic, Social and Cultural Rights "
     "(Portugal) (Spain);\nSource of position: A/HRC/43/10/Add.1 - Para. 3",
     "Noted", "A12 Acceptance of international norms\nAffected persons:\n- general", ""],
    ["142.2. Ratify the Domestic Workers Convention, 2011 (No. 189) of the International Labour Organization "
     "(Philippines);\nSource of position: A/HRC/43/10 - Para 142",
     "Supported", "A12 Acceptance of international norms; B32 Equality & non-discrimination", ""],
    ["142.3 Ratify the Optional Protocol to the Convention on the Elimination of All Forms of Discrimination "
     "against Women (OP-CEDAW) (Iceland);\nSource of position: A/HRC/43/10 - Para 142",
     "Partially supported", "A12 Acceptance of international norms", "Not implemented"],
    "Theme: D8 Rights related to name, identity, nationality",
    ["Para 142.45 Ensure birth registration for every child born in the country (Holy See) (Korea, Republic of) "
     "(Bolivia (Plurinational State of));\nSource of position: A/HRC/43/10 - Para. 142",
     "Supported/Noted", "D8 Rights related to name, identity, nationality\nF13 Children: definition; general "
     "principles; protection", "Partially implemented"],
    ["142.46 Adopt a comprehensive anti-discrimination law that:\n(a) covers all grounds; and\n(b) provides "
     "effective remedies (Canada); (Iceland);\nSource of position: A/HRC/43/10 - Para 142",
     "Supported", "D8 Rights related to name, identity, nationality\nB31 Equality & non-discrimination\n"
     "Affected persons:\n- minorities/ racial, ethnic, linguistic, religious or descent-based groups\n- women", ""],
]

FOURTH_CYCLE = [
    "Theme: A41 Constitutional and legislative framework",
    ["38.1 Ratify the Optional Protocol to the Convention against Torture (France) (Lithuania);\n"
     "Source of Position: A/HRC/58/12 - Para 38",
     "Supported", "Human rights themes:\nA41 Constitutional and legislative framework\nD25 Prohibition of "
     "torture and cruel, inhuman or degrading treatment\nAffected persons:\n- persons deprived of their liberty",
     "SDG 16 - peace, justice and strong institutions"],
    ["38.2 Bring the definition of discrimination into line with international standards (Türkiye); "
     "(Côte d'Ivoire);\nSource of Position: A/HRC/58/12 - Para 38",
     "Noted", "Human rights themes:\nB31 Equality & non-discrimination\nAffected persons:\n- women\n- girls",
     "Goal 5 - gender equality\nGoal 10 - reduced inequalities"],
    "Theme: B51 Right to an effective remedy",
    ["38.3 Guarantee effective remedies to victims of human rights violations (United Kingdom of Great Britain and "
     "Northern Ireland);\nSource of Position: A/HRC/58/12/Add.1 - Para 5",
     "Partially supported", "", ""],
]


def matrix(headers: list[str], rows: list, title: str = "", title_row: str = "") -> bytes:
    """A .docx with `title` above one table: `title_row` (merged) over the headers, then the rows. A row given
    as a string spans the table; a cell's "\\n" starts a new paragraph."""
    document = docx.Document()
    if title:
        document.add_paragraph(title)
    table = document.add_table(rows=0, cols=len(headers))
    table.style = "Table Grid"
    for row in ([title_row] if title_row else []) + [headers] + rows:
        cells = table.add_row().cells
        if isinstance(row, str):
            merged = cells[0].merge(cells[-1])
            merged.text = row
            continue
        for cell, value in zip(cells, row):
            lines = value.split("\n")
            cell.text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def third_cycle() -> bytes:
    return matrix(THIRD_HEADERS, THIRD_CYCLE, title="Kazakhstan: Thematic list of recommendations, Third cycle")


def fourth_cycle() -> bytes:
    return matrix(FOURTH_HEADERS, FOURTH_CYCLE, title="Universal Periodic Review – 4th cycle",
                  title_row="Thematic list of recommendations")
