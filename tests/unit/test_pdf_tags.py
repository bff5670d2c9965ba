"""The report PDF is tagged for screen readers: a structure tree, its language and its title (issue 18)."""
import dataclasses
import io
from collections import Counter

import pytest
from pypdf import PdfReader

from export import pdf
from export.document import ENDNOTES
from tests.unit.test_long_documents import maximal
from tests.unit.test_pdf import make_document


def structure_types(element) -> Counter:
    """How many structure elements of each type (/H1, /Table…) sit under element, walking /K."""
    found = Counter()
    stack = [element]
    while stack:
        item = stack.pop().get_object()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            if item.get("/Type") == "/StructElem":
                found[item["/S"]] += 1
            if "/K" in item:
                stack.append(item["/K"])
    return found


@pytest.mark.parametrize("doc", [
    make_document(),
    dataclasses.replace(make_document(ENDNOTES, draft=False), language="kk"),
    maximal(),  # Kazakh, a 400-character title, every annex column
], ids=["ru-footnotes", "kk-endnotes", "maximal"])
def test_pdf_is_tagged_with_language_and_title(doc):
    reader = PdfReader(io.BytesIO(pdf.render_pdf(doc)))
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert catalog["/Lang"] == doc.language
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert reader.metadata.title == doc.title
    root = catalog["/StructTreeRoot"]
    assert root["/K"]
    types = structure_types(root)
    assert types["/Document"] == 1
    assert types["/H1"] and types["/H2"] and types["/P"]
    if doc.annex:
        assert types["/Table"] and types["/TH"] and types["/TD"]
