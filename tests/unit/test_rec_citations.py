from html.parser import HTMLParser

import pytest

from tests.helpers import without_source_lines
from text.markup import REC_CITATION, RecLink, cited_numbers, render, render_for_print

LINKS = {
    "118.12": RecLink("/recommendations/5", "118.12: Not implemented", "not_implemented"),
    "1.2.3": RecLink("/recommendations/7", "1.2.3: Implemented", "implemented"),
}
LINK = ('<a class="rec rec-not_implemented" href="/recommendations/5" title="118.12: Not implemented" '
        'rel="noopener noreferrer">118.12</a>')
UNKNOWN = '<span class="rec-unknown" title="">[rec:9.9]</span>'


class _Elements(HTMLParser):
    """(tag, attrs, depth of open <a>) of real elements, ignoring escaped text; and the text inside each link."""

    def __init__(self, html):
        super().__init__()
        self.found, self.links, self.open = [], [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs), len(self.open)))
        if tag == "a":
            self.open.append([dict(attrs).get("href"), ""])
            self.links.append(self.open[-1])

    def handle_endtag(self, tag):
        if tag == "a" and self.open:
            self.open.pop()

    def handle_data(self, data):
        for link in self.open:
            link[1] += data


def test_cited_numbers():
    source = "[rec:118.12], [rec:1.2.3] and [rec:118.12] again; [rec:abc] [rec:1] [rec:1234.5] [rec: 1.1] rec:2.2"
    assert cited_numbers(source) == {"118.12", "1.2.3"}
    assert cited_numbers("") == set()
    assert REC_CITATION.fullmatch("[rec:142.150]") and not REC_CITATION.fullmatch("[rec:142.1.2.3]")


def test_known_linked_unknown_flagged():
    html = without_source_lines(render("See [rec:118.12] and [rec:9.9].", recommendations=LINKS))
    assert html == f"<p>See {LINK} and {UNKNOWN}.</p>\n"
    span = [attrs for tag, attrs, _ in _Elements(html).found if tag == "span"]
    assert span == [{"class": "rec-unknown", "title": ""}]


def test_three_part_number_and_adjacent_citations():
    html = without_source_lines(render("x[rec:1.2.3][rec:118.12]y", recommendations=LINKS))
    assert [(a.get("href"), a.get("class")) for tag, a, _ in _Elements(html).found if tag == "a"] == [
        ("/recommendations/7", "rec rec-implemented"), ("/recommendations/5", "rec rec-not_implemented")]
    assert "[rec:" not in html and html.startswith("<p>x<a") and html.endswith("</a>y</p>\n")


def test_without_links_dict_text_stays_literal():
    assert without_source_lines(render("See [rec:118.12].")) == "<p>See [rec:118.12].</p>\n"


@pytest.mark.parametrize("source", ["`[rec:118.12]`", "```\n[rec:118.12]\n```", "    [rec:118.12]",
                                    "~~~md\nSee [rec:118.12]\n~~~"])
def test_code_is_left_alone(source):
    html = render(source, recommendations=LINKS)
    assert "[rec:118.12]" in html and "<a" not in html and "rec-unknown" not in html


@pytest.mark.parametrize("source", ["[rec:abc]", "[rec:1]", "[rec:1234.1]", "[rec:1.2.3.4]", "[rec: 1.1]"])
def test_invalid_numbers_stay_text(source):
    html = without_source_lines(render(source, recommendations=LINKS))
    assert html == f"<p>{source}</p>\n"


@pytest.mark.parametrize(("source", "wrapper"), [
    ("*[rec:118.12]*", "<em>{}</em>"),
    ("**bold [rec:118.12]**", "<strong>bold {}</strong>"),
    ("| a |\n|-|\n| [rec:118.12] |", "<td>{}</td>"),
])
def test_inside_inline_and_table_markup(source, wrapper):
    assert wrapper.format(LINK) in render(source, recommendations=LINKS)


def test_inside_footnote():
    html = render("Text[^1]\n\n[^1]: As in [rec:118.12] and [rec:9.9].", recommendations=LINKS)
    note = html[html.index('<li id="fn1"'):]
    assert f"As in {LINK} and {UNKNOWN}." in note


def test_inside_a_link_is_rendered():
    html = render("[see [rec:118.12] here](https://x.kz)", recommendations=LINKS)
    assert "[rec:" not in html and "118.12" in html


def test_inside_a_link_keeps_the_link_whole():
    elements = _Elements(render("[see [rec:118.12] here](https://x.kz)", recommendations=LINKS))
    assert all(depth == 0 for tag, _, depth in elements.found if tag == "a")  # no nested links
    outer = [text for href, text in elements.links if href == "https://x.kz"]
    assert len(outer) == 1 and outer[0].startswith("see ") and outer[0].endswith(" here")


MALICIOUS = {
    "1.1": RecLink("javascript:alert(1)", '"><script>alert(1)</script>', 'x" onclick="alert(1)'),
    "1.2": RecLink('/ok" onmouseover="alert(1)', "<img src=x onerror=alert(1)>", "s"),
    "1.3": RecLink("", '"><script>alert(2)</script><b onclick=x>', "unknown"),
}


def test_malicious_link_fields_are_escaped():
    """Only a path of this site is linked; every field is escaped."""
    html = render("[rec:1.1] [rec:1.2] [rec:1.3] [rec:118.12]",
                  recommendations={**MALICIOUS, "118.12": RecLink("/r/5", '"><b onclick=x>', 'x" onclick="y')})
    found = _Elements(html).found
    assert [tag for tag, _, _ in found] == ["p", "span", "span", "span", "a"]
    for _, attrs, _ in found:
        assert not [name for name in attrs if name.startswith("on") or name == "style"]
    first, second, third, link = (attrs for _, attrs, _ in found[1:])
    assert first["title"] == '"><script>alert(1)</script>' and second["title"] == "<img src=x onerror=alert(1)>"
    assert third["title"] == '"><script>alert(2)</script><b onclick=x>'
    assert link["href"] == "/r/5" and link["title"] == '"><b onclick=x>'
    assert "<script" not in html and "<img" not in html


@pytest.mark.parametrize("href", ["javascript:alert(1)", "\ufeffjavascript:x", "//evil.example/r/1",
                                  "https://evil.example/", "/r/1?x=1", "/r/1\u200b"])
def test_only_a_path_of_this_site_is_linked(href):
    html = render("[rec:1.1]", recommendations={"1.1": RecLink(href, "t", "supported")})
    assert "<a " not in html and "[rec:1.1]" in html


def test_render_for_print_bare_numbers():
    printed = render_for_print("See [rec:118.12], [rec:1.2.3] and `[rec:5.5]`; [rec:abc].", notes_inline=True)
    assert printed.html == "<p>See 118.12, 1.2.3 and <code>[rec:5.5]</code>; [rec:abc].</p>\n"


@pytest.mark.parametrize("notes_inline", [True, False])
def test_render_for_print_in_footnotes(notes_inline):
    printed = render_for_print("Text[^1]\n\n[^1]: As in [rec:118.12].", notes_inline=notes_inline)
    notes = printed.html if notes_inline else printed.notes[0].html
    assert "As in 118.12." in notes and "[rec:" not in printed.html + "".join(n.html for n in printed.notes)


def test_a_kept_rendering_follows_the_citations_status():
    """Renderings are cached per text: a recommendation's new assessment must still show at once."""
    source = "Не выполнено: [rec:118.12]."
    before = render(source, recommendations=LINKS)
    assert render(source, recommendations=LINKS) is before  # kept
    assessed = {**LINKS, "118.12": RecLink("/recommendations/5", "118.12: Implemented", "implemented")}
    after = render(source, recommendations=assessed)
    assert 'title="118.12: Implemented"' in after and "rec-implemented" in after
    assert render(source) != before
    noted = "Текст.[^1]\n\n[^1]: Источник."
    assert 'id="p-fn1"' in render(noted, "p-") and 'id="p-fn1"' not in render(noted, "q-")
