"""Helpers for the export tests: make a file through the web, read back a PDF's or a DOCX's text."""
import io
import re

import docx
from pypdf import PdfReader

from tests.web.conftest import sign_in


def pdf_text(data: bytes) -> str:
    """All pages' text, whitespace runs made single spaces."""
    assert data.startswith(b"%PDF")
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))


def docx_paragraphs(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def export_id(response) -> int:
    """The id from the redirect to the export's status page."""
    assert response.status_code == 302, response.status_code
    match = re.fullmatch(r"/exports/(\d+)", response.headers["Location"])
    assert match, response.headers["Location"]
    return int(match.group(1))


def make_file(client, url: str, fmt: str = "pdf", **form) -> int:
    return export_id(client.post(url, data={"format": fmt, **form}))


def signed_in(app, name: str):
    client = app.test_client()
    assert sign_in(client, name).status_code == 302
    return client
