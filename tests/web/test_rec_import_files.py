"""Importing recommendations from the files people have: an Excel workbook with a title row, CSV in UTF-16 or
Windows-1252, and one clear sentence for each file that cannot be read."""
import html
import io

import openpyxl
import pytest

from models import Recommendation
from tests.helpers import parse
from tests.unit.test_readers_tables import ole, zipped
from tests.web.test_rec_import import confirm, mapping, numbers, preview_url, refused, upload

pytestmark = pytest.mark.both_databases


@pytest.fixture
def report(world):
    return world["report"]


def workbook() -> bytes:
    """A sheet as a coalition would keep it: a title row, a blank row, then the table."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Recommendations"
    sheet.append(["Recommendations to Kazakhstan, 3rd cycle"])
    sheet.append([])
    sheet.append(["Recommendation number", "Document", "Recommendation", "Recommending State", "Response"])
    sheet.append([150.1, "A/HRC/43/10", "Ratify the Optional Protocol", "Hungary; Spain", "Supported"])
    sheet.append(["150.10", "A/HRC/43/10", "Protect journalists", "Chile", "Noted"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_form_accepts_xlsx(client, login, report):
    login("coordinator")
    page = parse(client.get(f"/reports/{report}/recommendations/import").text)
    assert ".xlsx" in page.find(".//input[@type='file']").get("accept").split(",")


def test_an_xlsx_with_a_title_row_is_imported(client, login, report):
    login("coordinator")
    url = preview_url(upload(client, report, workbook(), "recommendations.xlsx"))
    page = client.get(url).text
    assert "sheet “Recommendations”" in html.unescape(page) and "header in row 3" in page
    assert mapping(page) == {"column-0": "number", "column-1": "document", "column-2": "text", "column-3": "states",
                             "column-4": "response"}
    assert confirm(client, url).status_code == 302
    assert {"150.1", "150.10"} <= set(numbers(report))
    first = Recommendation.get(Recommendation.report == report, Recommendation.number == "150.1")
    assert Recommendation.lines(first.states) == ["Hungary", "Spain"] and first.response == "supported"


def test_utf16_and_windows_1252_are_accepted(client, login, report):
    login("coordinator")
    for data, encoding in [("number\ttext\n150.3\tRatify\n".encode("utf-16"), "utf-16"),
                           ("number,text,states\n150.4,Garantir l’accès à la santé,Côte d’Ivoire\n".encode("cp1252"),
                            "windows-1252")]:
        url = preview_url(upload(client, report, data))
        page = html.unescape(client.get(url).text)
        assert f"encoding: {encoding}" in page
        assert confirm(client, url).status_code == 302
    rec = Recommendation.get(Recommendation.report == report, Recommendation.number == "150.4")
    assert (rec.text, Recommendation.lines(rec.states)) == ("Garantir l’accès à la santé", ["Côte d’Ivoire"])


@pytest.mark.parametrize(("data", "message"), [
    (b"number;document;text;states\n150.1;A/HRC/43/10;Ratify; now;France\n150.2;A/HRC/43/10;Protect;Chile\n",
     "Row 2 has 5 cells, but the header row has 4: a cell may hold a stray “;” or a line break outside quotes. "
     "Correct that row and upload the file again."),
    (bytes(range(128, 256)) * 3,
     "The file's characters cannot be read in any common encoding (UTF-8, UTF-16, Windows-1251 or Windows-1252). "
     "In the spreadsheet, choose “Save as” → “CSV UTF-8” and upload that file."),
    (ole("EncryptionInfo", "EncryptedPackage"),
     "The file is protected by a password. Open it, remove the password (File → Info → Protect), save it and "
     "upload it again."),
    (ole("Workbook"), "This is an old Excel file (.xls). Open it in Excel and save it as an Excel workbook (.xlsx) "
                      "or as “CSV UTF-8”."),
    (ole("WordDocument"), "This is an old Word file (.doc). Open it in Word and save it as a Word document (.docx)."),
    (b"PK\x03\x04\x14\x00\x06\x00" + bytes(100),
     "The file is damaged and cannot be opened. Open it in its program, save it again, and upload the new file."),
    (zipped("readme.txt"),
     "This file is not a table the import reads: choose a CSV file, an Excel workbook (.xlsx) or OHCHR's thematic "
     "list of recommendations (.docx)."),
])
def test_each_unreadable_file_has_its_sentence(client, login, report, data, message):
    login("coordinator")
    refused(client, report, data, message)


def test_an_empty_workbook(client, login, report):
    login("coordinator")
    out = io.BytesIO()
    openpyxl.Workbook().save(out)
    refused(client, report, out.getvalue(), "The file has no rows under its header row.")
