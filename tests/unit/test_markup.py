import re
from html.parser import HTMLParser

import pytest

from tests.helpers import without_source_lines
from text import markup
from text.markup import plain_text


def render(source: str, id_prefix: str = "") -> str:
    """The screen rendering without its data-line marks (test_source_lines checks those)."""
    return without_source_lines(markup.render(source, id_prefix))


def test_block_elements():
    html = render("# Title\n\n## Sub\n\n- one\n- two\n\n1. first\n\n> quoted\n\n---")
    for fragment in ("<h1>Title</h1>", "<h2>Sub</h2>", "<li>one</li>", "<ol>",
                     "<blockquote>", "<p>quoted</p>", "<hr>"):
        assert fragment in html


def test_inline_elements_and_links():
    html = render("*em* **strong** ~~gone~~ `code` [rel](/page) [top](#sec) [ext](https://x.kz)")
    assert "<em>em</em>" in html and "<strong>strong</strong>" in html
    assert "<s>gone</s>" in html and "<code>code</code>" in html
    assert '<a href="/page" rel="noopener noreferrer">rel</a>' in html
    assert 'href="#sec"' in html and 'href="https://x.kz"' in html


def test_table_without_alignment_styles():
    html = render("| a | b |\n|:-|-:|\n| 1 | 2 |")
    assert "<th>a</th>" in html and "<td>2</td>" in html
    assert "style" not in html


def test_a_table_scrolls_in_a_box_the_keyboard_can_reach():
    html = render("| a | b |\n|-|-|\n| 1 | 2 |")
    assert html.startswith('<div class="table-scroll" tabindex="0"><table>') and html.endswith("</table>\n</div>")


def test_footnotes_default_and_prefixed_ids():
    source = "Text[^1].\n\n[^1]: The note."
    plain = render(source)
    assert 'href="#fn1"' in plain and 'id="fnref1"' in plain and 'id="fn1"' in plain
    prefixed = render(source, id_prefix="left-")
    assert 'href="#left-fn1"' in prefixed and 'id="left-fnref1"' in prefixed
    assert 'id="left-fn1"' in prefixed and 'href="#left-fnref1"' in prefixed
    assert '"fn1"' not in prefixed and '"#fn1"' not in prefixed
    assert '<section class="footnotes">' in prefixed


XSS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x](jav&#x09;ascript:alert(1))",
    "[x](javascript&colon;alert(1))",
    "[x]( javascript:alert(1) )",
    '<a href="javascript:alert(1)">x</a>',
    "<svg onload=alert(1)>",
    "<iframe src=https://evil.example></iframe>",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](vbscript:msgbox(1))",
    "<style>body{display:none}</style>",
    '<p onclick="alert(1)">x</p>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "![img](x\" onerror=\"alert(1))",
    "![x](javascript:alert(1))",
    "[x][r]\n\n[r]: javascript:alert(1)",
    "<javascript:alert(1)>",
    '[x](https://ok.kz "t\\" onmouseover=\\"alert(1)")',
]


class _Elements(HTMLParser):
    """Collects (tag, attrs) of real elements, ignoring escaped text."""

    def __init__(self, html):
        super().__init__()
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


@pytest.mark.parametrize("payload", XSS)
def test_xss_neutralised(payload):
    for tag, attrs in _Elements(render(payload)).found:
        assert tag not in {"script", "img", "svg", "iframe", "style", "math"}
        assert not [name for name in attrs if name.startswith("on") or name == "style"]
        scheme = re.match(r"\s*([a-z][a-z0-9+.-]*):", attrs.get("href", ""), re.I)
        assert scheme is None or scheme[1] in {"http", "https", "mailto"}, attrs


def test_raw_html_is_escaped():
    assert render("<b>hi</b>") == "<p>&lt;b&gt;hi&lt;/b&gt;</p>\n"


def test_plain_text_strips_syntax_and_splits_notes():
    source = "# Head\n\n**Bold** [label](https://u.kz)[^1]\n\n```\ncode\n```\n\n[^1]: Note."
    body, notes = plain_text(source)
    assert body.split() == ["Head", "Bold", "label", "code"]
    assert notes.strip() == "Note."


def test_unicode_separators_are_line_and_paragraph_breaks():
    """No font has a glyph for them: pasted from some editors, they would print as boxes."""
    html = render("One\u2028*two*\u2029Next\n\n    code\u2028more")
    assert html.startswith("<p>One<br>\n<em>two</em></p>\n<p>Next</p>")
    assert "<pre><code>code\nmore\n</code></pre>" in html and "\u2028" not in html
    assert plain_text("One\u2028two\u2029three") == ("One two\nthree", "")
