"""Importing OHCHR's thematic list of recommendations (its Word file) in Chromium, as the coordinator does: the
preview shows the States and themes taken out of the table, one response the import does not know is chosen once,
and the statistics count the responses as imported."""
import re

import pytest
from playwright.sync_api import expect

from tests.browser.steps import go_to, sign_in
from tests.unit.ohchr_docs import THIRD_CYCLE, THIRD_HEADERS, matrix

pytestmark = pytest.mark.browser


def matrix_file() -> dict:
    """The 3rd-cycle matrix, with 142.2's position written in a way no list of spellings knows."""
    rows = [[row[0], "Deferred", *row[2:]] if isinstance(row, list) and row[0].startswith("142.2.") else row
            for row in THIRD_CYCLE]
    data = matrix(THIRD_HEADERS, rows, title="Kazakhstan: Thematic list of recommendations, Third cycle")
    return {"name": "Kazakhstan_thematic_list.docx", "buffer": data,
            "mimeType": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def response_row(page, name):
    table = page.locator("table.stats").filter(has=page.get_by_role("columnheader", name="Response"))
    return table.locator("tbody tr").filter(has=page.get_by_role("rowheader", name=name, exact=True))


def test_the_coordinator_imports_the_matrix(page, world):
    sign_in(page, "coordinator")
    go_to(page, "Recommendations")
    page.get_by_role("link", name="Import from CSV").click()
    page.get_by_label("CSV or Excel file").set_input_files(matrix_file())
    page.get_by_role("button", name="Check the file").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check the import: Kazakhstan_thematic_list.docx")
    preview = page.locator("table.recommendations tbody tr")
    expect(page.locator("p.hint").first).to_have_text("5 rows")  # theme rows are not rows; no encoding
    new = page.get_by_role("heading", level=2, name=re.compile(r"new recommendation"))
    expect(new).to_have_text("3 new recommendations")  # 142.2 waits for its response to be chosen
    first = preview.filter(has_text="142.1")
    expect(first.locator("td").nth(4)).to_have_text("Portugal, Spain")
    expect(first.locator("td").nth(2)).to_have_text("A/HRC/43/10")  # the addendum's number is the report's
    expect(first.locator("td").nth(3)).to_have_text(re.compile(r"^Ratify the Optional Protocol .*Cultural Rights$"))
    expect(first.locator("td").nth(6)).to_contain_text("A12 Acceptance of international norms")
    expect(preview.filter(has_text="142.3").locator("td").nth(5)).to_have_text("Partially supported")
    expect(page.locator("ul.problems")).to_contain_text("“Deferred” is not a known response")

    page.get_by_label("“Deferred”").select_option(label="Noted")
    page.get_by_role("button", name="Check again with these columns").click()
    expect(page.locator("ul.problems")).to_have_count(0)
    expect(new).to_have_text("4 new recommendations")  # the world's 142.45 (A/HRC/43/10) is skipped
    page.get_by_role("button", name="Import 4 recommendations").click()
    expect(page.locator("#messages")).to_contain_text("4 recommendations imported.")

    page.get_by_role("link", name="Statistics").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Statistics of the recommendations")
    expect(response_row(page, "Noted").locator("td").first).to_have_text("2")  # 142.1, and 142.2 as chosen
    expect(response_row(page, "Partially supported").locator("td").first).to_have_text("1")  # 142.3
