"""Small helpers the test tiers share: read a page (its tree, its text, a form's values) or a PDF (its text, its
fonts), sign in, take a section through a step, and a free loopback port. Fixtures are not here: they live in the
conftest.py files."""
import html
import io
import re
import socket

import tinyhtml5  # WeasyPrint's HTML5 parser: reads a page as a browser does
from fontTools.ttLib import TTFont
from pypdf import PdfReader

PASSWORD = "correct horse battery staple"  # every account of the tests' coalitions


def without_source_lines(html: str) -> str:
    """A screen rendering without the data-line marks the editor's preview follows (tested on their own)."""
    return re.sub(r' data-line="\d+"', "", html)


def free_port() -> int:
    """A loopback port nothing listens on now (each pytest-xdist worker asks for its own)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def parse(page: str):
    """A page as an element tree, without namespaces (so that `.//tr[@class='more']` finds rows)."""
    return tinyhtml5.parse(page, namespace_html_elements=False)


def text(element) -> str:
    """An element's text, whitespace runs made single spaces."""
    return " ".join("".join(element.itertext()).split())


def hidden(page: str, name: str) -> str:
    """The value of the input with this name, unescaped."""
    match = re.search(rf'<input\b[^>]*\bname="{name}"[^>]*\bvalue="([^"]*)"', page)
    assert match, f"no input {name!r} on the page"
    return html.unescape(match.group(1))


def field_text(page: str, name: str) -> str | None:
    """The text of the textarea with this name (unescaped and stripped), or None if there is none."""
    match = re.search(rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', page, re.S)
    return html.unescape(match.group(1)).strip() if match else None


def report_words(page: str) -> int:
    """The report's words against the demo limit of 5,630, as a page shows them ("Words: 8 of 5,630" in a sentence,
    "8 of 5,630" beside a bar under the heading Words)."""
    found = re.search(r"(?:Words: |class=\"figure\">)([\d,]+) of 5,630", re.sub(r"\s+", " ", page))
    return int(found.group(1).replace(",", ""))


def csrf_token(page: str) -> str:
    """The token of the first hidden csrf_token input on a page."""
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def sign_in(client, name, password=PASSWORD, **form):
    """Post the login form from any Flask test client (the `login` fixture only drives `client`)."""
    return client.post("/login", data={"login": name, "password": password, **form})


def signed_in(app, name: str):
    """A test client of its own, signed in as that person (a signed-in client cannot sign in again)."""
    client = app.test_client()
    assert sign_in(client, name).status_code == 302
    return client


def sent_to_login(response) -> bool:
    return response.status_code == 302 and response.headers["Location"].startswith("/login")


def edit(client, section_id, body, base=2):
    """Save a section's text from revision `base` (the world's sections have two)."""
    return client.post(f"/sections/{section_id}/edit", data={"body": body, "base": base, "action": "save"})


def step(client, section_id, action, note=""):
    """A review step (submit, approve, request_changes, reopen…)."""
    return client.post(f"/sections/{section_id}/status", data={"action": action, "note": note})


def pdf_text(data: bytes) -> str:
    """All of a PDF's pages' text, whitespace runs made single spaces."""
    assert data.startswith(b"%PDF")
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))


def embedded_fonts(resources) -> list:
    """The font dictionaries of a page's (or a form's) resources, those of the forms it draws included."""
    fonts = [font.get_object() for font in (resources.get("/Font") or {}).values()]
    for xobject in (resources.get("/XObject") or {}).values():
        fonts += embedded_fonts(xobject.get_object().get("/Resources") or {})
    return fonts


_TO_UNICODE = re.compile(rb"<([0-9a-f]+)> <([0-9a-f]+)>")


def notdef_characters(data: bytes) -> set[str]:
    """The characters a WeasyPrint PDF draws as .notdef, an empty box, found in the PDF alone: WeasyPrint gives each
    such character a glyph id past the end of the font it falls in (and an encoding that sends it to .notdef), so a
    glyph id that a font's /W widths list and its embedded program (read by fontTools) has no glyph for is one."""
    found = set()
    for font in {id(f): f for page in PdfReader(io.BytesIO(data)).pages
                 for f in embedded_fonts(page["/Resources"])}.values():
        described = font["/DescendantFonts"][0].get_object()
        descriptor = described["/FontDescriptor"]
        program = TTFont(io.BytesIO((descriptor.get("/FontFile2") or descriptor["/FontFile3"]).get_object().get_data()))
        widths, drawn = list(described["/W"]), set()
        for start, run in zip(widths[::2], widths[1::2]):
            drawn |= set(range(start, start + len(run)))
        missing = {gid for gid in drawn if gid >= program["maxp"].numGlyphs}
        mapped = {int(gid, 16): bytes.fromhex(text.decode()).decode("utf-16-be")
                  for gid, text in _TO_UNICODE.findall(font["/ToUnicode"].get_object().get_data())}
        found |= {mapped.get(gid, f"glyph {gid}") for gid in missing}
    return found
