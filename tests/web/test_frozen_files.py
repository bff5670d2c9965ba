"""A submitted version keeps both files, the Word file OHCHR asks for and the PDF, each with its SHA-256: who may
download them, that a download is the frozen bytes or nothing, and the versions frozen before with only a PDF."""
import hashlib
import io
import re
import time

import docx
import pytest

from coalition import exports
from models import AuditEvent, History, Report, Submission, SubmittedSection, User
from tests.helpers import pdf_text, signed_in
from tests.web.test_freeze import APPROVED_2, approve, freeze, frozen_id

MIMETYPES = {"pdf": "application/pdf", "docx": exports.mimetype("docx")}
CORRUPT = "no longer matches the fingerprint"
ONLY_PDF = "this version has only its PDF"
ROLES = ["coordinator", "reviewer", "lead", "member", "other"]


@pytest.fixture
def version(person, world, own) -> int:
    approve(person, own, "member")
    return frozen_id(freeze(person("coordinator"), world["report"], note="Sent to OHCHR", leave_out="y"))


def download(client, submission_id: int, fmt: str) -> bytes:
    response = client.get(f"/submissions/{submission_id}/{fmt}")
    assert response.status_code == 200, response.status_code
    assert response.mimetype == MIMETYPES[fmt]
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert f".{fmt}" in response.headers["Content-Disposition"]
    return response.data


def hashes_on(page: str) -> list[str]:
    return re.findall(r'<code class="hash">([0-9a-f]{64})</code>', page)


def tamper(submission_id: int, **columns) -> None:
    """Change a frozen row behind the app's back (History refuses to), as a disk fault or a hand edit would."""
    super(History, Submission).update(**columns).where(Submission.id == submission_id).execute()


def test_a_frozen_version_keeps_both_files_with_their_hashes(person, world, version):
    member = person("member")
    row = Submission.get_by_id(version)
    files = {fmt: download(member, version, fmt) for fmt in MIMETYPES}
    assert files == {"pdf": bytes(row.pdf), "docx": bytes(row.docx)}
    assert row.sha256 == hashlib.sha256(files["pdf"]).hexdigest()
    assert row.docx_sha256 == hashlib.sha256(files["docx"]).hexdigest()
    # Both files hold the same frozen text; python-docx opens the Word file.
    text = "\n".join(paragraph.text for paragraph in docx.Document(io.BytesIO(files["docx"])).paragraphs)
    assert "Joint submission" in text and APPROVED_2 in text
    assert APPROVED_2 in pdf_text(files["pdf"])
    # The Word file comes first, as the one to send; each page shows both fingerprints.
    expected = [row.docx_sha256, row.sha256]
    assert hashes_on(member.get(f"/submissions/{version}").text) == expected
    listing = member.get(f"/reports/{world['report']}/submissions").text
    assert hashes_on(listing) == expected and ONLY_PDF not in listing
    assert f'href="/submissions/{version}/docx"' in listing and f'href="/submissions/{version}/pdf"' in listing
    assert row.docx_sha256 in AuditEvent.get(AuditEvent.kind == AuditEvent.FREEZE).detail


def test_the_listing_loads_neither_file(world, version):
    row, = Submission.listing(Report.get_by_id(world["report"]))
    assert row.docx_sha256 and not {"pdf", "docx"} & row.__data__.keys()


@pytest.mark.parametrize("who", ROLES)
def test_everyone_signed_in_downloads_both_files(person, version, who):
    for fmt in MIMETYPES:
        download(person(who), version, fmt)


@pytest.mark.parametrize("fmt", MIMETYPES)
def test_signed_out_downloads_go_to_login(client, version, fmt):
    response = client.get(f"/submissions/{version}/{fmt}")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


@pytest.mark.parametrize("fmt", MIMETYPES)
def test_unknown_version_is_404(person, fmt):
    assert person("member").get(f"/submissions/999/{fmt}").status_code == 404


@pytest.mark.parametrize("column, other", [("pdf", "docx"), ("docx", "pdf")])
def test_a_file_that_no_longer_matches_its_hash_is_refused(person, version, caplog, column, other):
    frozen = bytes(getattr(Submission.get_by_id(version), column))
    tamper(version, **{column: frozen[:-1] + bytes([frozen[-1] ^ 1])})
    response = person("member").get(f"/submissions/{version}/{column}")
    assert response.status_code == 500 and response.mimetype == "text/html"
    assert CORRUPT in response.text and "Content-Disposition" not in response.headers
    assert f"its {column} does not match its recorded SHA-256" in caplog.text
    download(person("member"), version, other)  # the other file is still intact, and sent


def test_a_hash_whose_file_is_gone_is_refused(person, version):
    tamper(version, docx=None)
    response = person("member").get(f"/submissions/{version}/docx")
    assert response.status_code == 500 and CORRUPT in response.text


def test_a_version_frozen_before_has_only_its_pdf(person, world, own):
    old = Submission.create(report=world["report"], number=1, created_by=User.get(User.login == "coordinator"),
                            filename="Old.pdf",
                            pdf=b"%PDF-1.7 old", sha256=hashlib.sha256(b"%PDF-1.7 old").hexdigest())
    SubmittedSection.create(submission=old, section=own, revision_number=2)
    member = person("member")
    for page in (member.get(f"/submissions/{old.id}").text, member.get(f"/reports/{world['report']}/submissions").text):
        assert ONLY_PDF in page and "/docx" not in page and hashes_on(page) == [old.sha256]
    assert download(member, old.id, "pdf") == b"%PDF-1.7 old"
    assert member.get(f"/submissions/{old.id}/docx").status_code == 404


def broken(doc):
    raise ValueError("no Word file today")


def slow(doc):
    time.sleep(30)


@pytest.mark.parametrize("renderer, limits, told", [
    (broken, {}, "The file could not be made"),
    (slow, {"EXPORT_TIMEOUT": 1}, "The file took too long to build"),
])
def test_no_word_file_no_version(make_app, person, world, own, monkeypatch, renderer, limits, told):
    approve(person, own, "member")
    monkeypatch.setitem(exports.FORMATS, "docx", (MIMETYPES["docx"], renderer))
    response = freeze(signed_in(make_app(**limits), "coordinator"), world["report"], leave_out="y")
    assert response.status_code == 422 and told in response.text
    assert not Submission.select().exists() and not SubmittedSection.select().exists()
    assert not AuditEvent.select().where(AuditEvent.kind == AuditEvent.FREEZE).exists()
