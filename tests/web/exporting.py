"""Helpers for the export tests: make a file through the web, read back a DOCX's text (a PDF's: tests/helpers.py)."""
import io
import re

import docx

from models import Export, ExportRequest


def docx_paragraphs(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def export_token(response) -> str:
    """The person's token from the redirect to the export's status page."""
    assert response.status_code == 302, response.status_code
    match = re.fullmatch(r"/exports/([\w-]{40,})", response.headers["Location"])
    assert match, response.headers["Location"]
    return match.group(1)


def make_file(client, url: str, fmt: str = "pdf", **form) -> str:
    return export_token(client.post(url, data={"format": fmt, **form}))


def export_of(token: str) -> Export:
    """The file a person's link is to."""
    return ExportRequest.get(ExportRequest.token == token).export


