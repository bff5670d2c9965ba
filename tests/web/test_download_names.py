"""A download's name is one line with an ASCII fallback and RFC 6266's filename*, even for a file whose name was
stored with a line break before names were checked (a short title with one made both files undownloadable)."""
import hashlib
import re

import pytest

from models import Export, ExportRequest, Submission, User

STORED = "Joint\r\nsubmission\x0b2024.pdf"


def one_line_disposition(response) -> str:
    disposition = response.headers["Content-Disposition"]
    assert response.status_code == 200 and "\n" not in disposition and "\r" not in disposition
    return disposition


@pytest.fixture
def stored(app, world):
    """A file and a frozen version stored under a name with line breaks; the token of the member's link."""
    with app.app_context():
        member = User.get(User.login == "member")
        export = Export.create(report=world["report"], key="k" * 64, format="pdf", filename=STORED,
                               requested_by=member, status=Export.READY, data=b"%PDF-1.7")
        Submission.create(report=world["report"], number=1, created_by=member, filename=STORED, words=1,
                          pdf=b"%PDF-1.7", sha256=hashlib.sha256(b"%PDF-1.7").hexdigest())
        return ExportRequest.create(export=export, user=member).token


def test_a_stored_name_with_line_breaks_is_repaired(person, stored):
    client = person("member")
    for url in (f"/exports/{stored}/download", "/submissions/1/pdf"):
        disposition = one_line_disposition(client.get(url))
        assert disposition == ("attachment; filename=\"Joint submission 2024.pdf\"; "
                               "filename*=UTF-8''Joint%20submission%202024.pdf"), url


def test_a_russian_name_has_an_ascii_fallback(app, person, stored):
    with app.app_context():
        Export.update(filename="Доклад «УПО».pdf").execute()
    disposition = one_line_disposition(person("member").get(f"/exports/{stored}/download"))
    assert re.fullmatch(r"attachment; filename=report\.pdf; filename\*=UTF-8''(%[0-9A-F]{2}|[\w.-])+\.pdf",
                        disposition), disposition
