"""The PDF builder reads nothing but static/: no network, no local files, whatever the text says."""
import io

import pytest
import weasyprint
from pypdf import PdfReader
from weasyprint.text.fonts import FontConfiguration

from export import pdf
from export.document import DocGroup, DocOrganisation, DocSection, Document


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:1/x",
    "https://example.org/x.png",
    "file:///etc/passwd",
    f"file://{pdf.STATIC_DIR}/fonts/DejaVuSerif.ttf",
    "data:text/css,p{color:red}",
    "app-static:/../pdf.py",
    "app-static:/fonts/../../pdf.py",
    "app-static:/%2e%2e/%2e%2e/etc/passwd",
    "app-static://example.org/fonts/DejaVuSerif.ttf",
    "app-static:/fonts/",
    "app-static:/fonts/missing.ttf",
])
def test_fetcher_refuses(url):
    with pytest.raises(ValueError):
        pdf.safe_url_fetcher(url)


def test_fetcher_serves_a_static_font():
    response = pdf.safe_url_fetcher("app-static:/fonts/DejaVuSerif.ttf")
    assert response.read() == (pdf.STATIC_DIR / "fonts" / "DejaVuSerif.ttf").read_bytes()


def test_the_stylesheet_loads_every_font_through_the_fetcher(caplog):
    fetched = []

    class Recording(pdf.StaticFetcher):
        def fetch(self, url, headers=None):
            fetched.append(url)
            return super().fetch(url, headers)

    weasyprint.CSS(filename=pdf.STYLESHEET, url_fetcher=Recording(),
                   font_config=FontConfiguration())
    assert len(fetched) == 6 and all(url.startswith("app-static:/fonts/") for url in fetched)
    assert "cannot be loaded" not in caplog.text


def hostile_document(base: str) -> Document:
    body = (f"Текст ![img]({base}/image.png) и [ссылка]({base}/link) и ![p](file:///etc/passwd) "
            f"и [файл](file:///etc/passwd) и <img src=\"{base}/raw.png\">.\n\n"
            f"![alone]({base}/alone.png)\n\n[^1]: ![n]({base}/note.png)")
    return Document(
        title="T", short_title="T", country="KZ", mechanism="UPR", cycle="", session="", language="en",
        date="2024", coordinator="C", contact="", coalition=f"![c]({base}/coalition.png)",
        organisations=(DocOrganisation("O"),),
        groups=(DocGroup("G", (DocSection("S", body + " note[^1]", "section-1"),)),),
    )


def test_section_text_causes_no_fetch(server):
    base, requests = server
    data = pdf.render_pdf(hostile_document(base))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert requests == []
    assert "root:" not in text


def test_html_that_would_fetch_is_refused_by_the_fetcher(server):
    """Even markup the sanitiser would never let through fetches nothing."""
    base, requests = server
    html = (f'<link rel="stylesheet" href="{base}/style.css"><style>@import url("{base}/import.css");'
            f'p {{ background: url("{base}/bg.png") }}</style><p><img src="{base}/img.png">'
            f'<img src="file:///etc/passwd"><a rel="attachment" href="{base}/file">a</a></p>')
    weasyprint.HTML(string=html, base_url=pdf.STATIC_URL, url_fetcher=pdf.FETCHER).write_pdf()
    assert requests == []
    # The same page with WeasyPrint's own fetcher does reach the server: the test can see a fetch.
    weasyprint.HTML(string=html).write_pdf()
    assert requests
