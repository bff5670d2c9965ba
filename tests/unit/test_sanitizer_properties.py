"""Whatever text a section holds, markdown mixed with HTML and script in every disguise, what render() and
render_for_print() give back runs no script: no dangerous element, no event handler or style attribute,
and no link or source whose scheme (as a browser reads it) is javascript:, vbscript: or data:."""
import re
from html.parser import HTMLParser

from hypothesis import given, settings, strategies as st

from text.markup import RecLink, render, render_for_print

ATTACKS = [
    "<script>alert(1)</script>", "<SCRIPT SRC=//evil.kz/x.js></SCRIPT>", "<scr<script>ipt>", "</script>",
    "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>", "<svg><script>alert(1)</script></svg>",
    "<iframe src=javascript:alert(1)></iframe>", "<object data=x.swf>", "<embed src=x.swf>",
    "<style>body{display:none}</style>", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>', '<p style="background:url(javascript:alert(1))">', "<base href=//evil.kz>",
    "<form action=javascript:alert(1)><button>x</button></form>", "<!--", "-->", "<![CDATA[", "<?php ?>",
    " onerror=alert(1)", '" onmouseover="alert(1)', "' onfocus='alert(1)' autofocus '", " style=color:red",
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "vbscript:msgbox(1)", "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "&#106;avascript:alert(1)",
    "&#x6A;&#x61;vascript:alert(1)", "javascript&colon;alert(1)", "jav&#x09;ascript:alert(1)", "java\tscript:",
    "java\nscript:", "java\x00script:", " \x01javascript:", "&Tab;", "&NewLine;", "&#0;", "\ufeffjavascript:",
    "[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](<javascript:alert(1)>)", "[x]( javascript:alert(1) )",
    "[x](&#106;avascript:alert(1))", "[x](jav&#x09;ascript:alert(1))", "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)", "![x](data:image/svg+xml;base64,PHN2Zz4=)", "![x](javascript:alert(1))",
    '![x](x" onerror="alert(1))', '[x](https://ok.kz "t\\" onmouseover=\\"alert(1)")', "<javascript:alert(1)>",
    "<vbscript:msgbox(1)>", "<data:text/html,x>", "[r]: javascript:alert(1)\n", "[x][r]", "[r]",
    "[^1]", "[^1]: <script>alert(1)</script>\n", "[^j]: [x](javascript:alert(1))\n", "[rec:118.12]", "[rec:1.1]",
    "[rec:142.45]", "[[rec:1.1]](javascript:alert(1))",
]
MARKDOWN = ["# ", "## ", "**", "*", "_", "`", "```\n", "    ", "\n", "\n\n", "> ", "- ", "1. ", "~~", "---\n",
            "| a | b |\n|:-|-:|\n| ", " | ", "[", "](", ")", "<", ">", "![", "&", ";", '"', "'", " ", "\t", "\\",
            "http://ok.kz", "mailto:a@ok.kz", "Қазақстан", "\u202e", "\u200b"]

source = st.lists(st.sampled_from(ATTACKS) | st.sampled_from(MARKDOWN) | st.text(max_size=4), max_size=25).map(
    "".join)
hostile = st.sampled_from(ATTACKS) | st.text(max_size=20)
link = st.builds(RecLink, href=st.sampled_from(["/recommendations/1", "/reports/1/recommendations?q=1.1", ""])
                 | hostile, title=hostile, status=st.sampled_from(["supported", "unknown", "several"]) | hostile)
links = st.dictionaries(st.sampled_from(["118.12", "1.1", "142.45"]), link)

DANGEROUS_TAGS = {"script", "iframe", "frame", "frameset", "svg", "math", "object", "embed", "applet", "style",
                  "link", "meta", "base", "form", "input", "button", "textarea", "template"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "background", "poster", "data", "srcset"}
# What a browser ignores in a URL's scheme: whitespace and control characters, anywhere in it.
IGNORED = re.compile(r"[\x00-\x20\x7f-\x9f\u200b\ufeff]+")


class Elements(HTMLParser):
    """(tag, attributes) of every element; the parser has unescaped the attributes' entities."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


def assert_safe(html: str):
    assert not re.search(r"<\s*/?\s*(script|iframe|svg|object|embed|style)\b", html, re.I), html
    for tag, attributes in Elements(html).found:
        assert tag not in DANGEROUS_TAGS, html
        for name, value in attributes:
            assert not re.fullmatch(r"on\w+", name) and name != "style", html
            if name in URL_ATTRIBUTES:
                scheme = IGNORED.sub("", value or "").lower()
                assert not scheme.startswith(("javascript:", "vbscript:", "data:")), html


@settings(max_examples=300)
@given(source)
def test_render_is_safe(text):
    assert_safe(render(text))
    assert_safe(render(text, id_prefix="preview-"))


@settings(max_examples=300)
@given(source, links)
def test_render_with_recommendation_links_is_safe(text, recommendations):
    assert_safe(render(text, recommendations=recommendations))


@settings(max_examples=300)
@given(source, st.booleans(), st.integers(1, 500))
def test_render_for_print_is_safe(text, notes_inline, first_note):
    printed = render_for_print(text, notes_inline, first_note)
    assert_safe(printed.html)
    for note in printed.notes:
        assert_safe(note.html)


def test_the_check_catches_what_it_is_for():
    """The property is only as good as assert_safe: each of these must fail it."""
    for html in ['<a href="jav&#x09;ascript:alert(1)">x</a>', '<a href=" &#x6A;avascript:x">x</a>',
                 '<a href="DATA:text/html,x">x</a>', '<span onclick="x">x</span>', '<p style="x">x</p>',
                 "<svg/onload=alert(1)>", "<img src=x onerror=alert(1)>", '<a href="vb\nscript:x">x</a>']:
        try:
            assert_safe(html)
        except AssertionError:
            continue
        raise AssertionError(f"assert_safe let {html!r} through")
