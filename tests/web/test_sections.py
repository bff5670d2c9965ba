import re

import pytest

from coalition import revisions
from models import Section
from tests.helpers import field_text, hidden

XSS = "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[go](javascript:alert(1))"
HX = {"HX-Request": "true"}


@pytest.fixture
def own(world, login):
    login("member")
    return world["sections"]["own"]


def textarea(html):
    return re.search(r"<textarea[^>]*>(.*?)</textarea>", html, re.S).group(1).strip()


def save(client, section_id, body, base=2, **form):
    return client.post(f"/sections/{section_id}/edit", data={"body": body, "base": base, **form})


def test_save_makes_one_revision(client, own, revision_count):
    response = save(client, own, "Line one\r\nline two.\r\n", note=" typo ", action="save")
    assert response.status_code == 302 and revision_count(own) == 3
    head = Section.get_by_id(own).head_revision()
    assert (head.number, head.body, head.note, head.words) == (3, "Line one\nline two.\n", "typo", 4)


def test_unchanged_text_makes_no_revision(client, own, revision_count):
    response = save(client, own, "Второй вариант текста, қазақша.\r\n", action="save")
    assert response.status_code == 302 and revision_count(own) == 2
    assert "Nothing changed" in client.get(response.headers["Location"]).text


def test_stale_base_with_a_separate_edit_is_merged(client, own, revision_count):
    # Revision 2 rewrote the first paragraph; this edit of revision 1 adds a second one.
    response = save(client, own, "Первый вариант текста.\r\n\r\nНовый абзац.", base=1)
    assert response.status_code == 302 and revision_count(own) == 3
    head = Section.get_by_id(own).head_revision()
    assert head.body == "Второй вариант текста, қазақша.\n\nНовый абзац.\n" and head.merge_base == 1


def test_stale_base_with_an_overlapping_edit_is_a_conflict(client, own, revision_count):
    response = save(client, own, "My late edit.", base=1)
    assert response.status_code == 409 and revision_count(own) == 2
    assert field_text(response.text, "mine") == "My late edit."
    assert "Coordinator saved revision 2" in response.text


def test_saving_again_after_a_conflict_works(client, own, revision_count):
    conflict = save(client, own, "My late edit.", base=1).text
    fields = {name: hidden(conflict, name) for name in ("origin", "theirs")}
    response = client.post(f"/sections/{own}/resolve", data={**fields, "mine": "My late edit."})
    assert response.status_code == 302 and revision_count(own) == 3
    assert Section.get_by_id(own).head_revision().body == "My late edit.\n"


@pytest.mark.parametrize(("body", "note", "message"), [
    ("   \r\n ", "why", "The text is empty."),
    ("Bell\x07 text", "why", "invisible control characters"),
    ("Kept text", "n" * 301, "Field cannot be longer than 300 characters."),
])
def test_invalid_input_is_refused_and_kept(client, own, revision_count, body, note, message):
    response = save(client, own, body, note=note)
    assert response.status_code == 400 and revision_count(own) == 2
    assert message in response.text
    assert f'value="{note}"' in response.text
    assert textarea(response.text) == body.strip()


def test_too_large_is_a_friendly_413(client, own, revision_count):
    response = save(client, own, "x" * (3 * 1024 * 1024))
    assert response.status_code == 413 and revision_count(own) == 2
    assert "too large" in response.text and "Traceback" not in response.text


@pytest.mark.parametrize("path", ["", "/edit", "/history", "/revisions/999", "/compare?old=999"])
def test_unknown_section_or_revision_is_404(client, own, path):
    section_id = 999 if "999" not in path else own
    assert client.get(f"/sections/{section_id}{path}").status_code == 404


def test_preview_button_renders_without_saving(client, own, revision_count):
    response = save(client, own, "Some **bold** text", action="preview")
    assert response.status_code == 200 and revision_count(own) == 2
    assert "<strong>bold</strong>" in response.text


@pytest.mark.parametrize(("headers", "whole_page"), [(HX, False), ({}, True)])
def test_preview_fragment_or_page(client, own, headers, whole_page):
    response = client.post(f"/sections/{own}/preview", data={"body": "*hi*"}, headers=headers)
    assert "<em>hi</em>" in response.text and 'id="preview"' in response.text
    assert ("<html" in response.text) == whole_page


def test_preview_refuses_a_text_longer_than_a_save(client, own):
    too_long = "слово " * (revisions.MAX_BODY_CHARS // 6 + 1)
    response = client.post(f"/sections/{own}/preview", data={"body": too_long}, headers=HX)
    assert response.status_code == 413 and "Split it into several sections" in response.text
    assert "слово слово" not in response.text
    no_script = save(client, own, too_long, action="preview")  # the editor without JavaScript says so too
    assert no_script.status_code == 200 and "Split it into several sections" in no_script.text


def test_preview_says_when_part_is_shown_as_written(client, own):
    wide = "|" + "a|" * 60 + "\n|" + "-|" * 60 + "\n"
    response = client.post(f"/sections/{own}/preview", data={"body": f"Before.\n\n{wide}"}, headers=HX)
    assert 'class="as-written"' in response.text and "shown as written" in response.text
    ordinary = client.post(f"/sections/{own}/preview", data={"body": "Before."}, headers=HX)
    assert "shown as written" not in ordinary.text


def assert_harmless(html):
    assert not re.search(r"<script>|<img|<[^>]*\bon\w+=|href=\"javascript", html, re.I)
    assert "&lt;script&gt;" in html


def test_markdown_is_sanitized(client, own):
    assert save(client, own, XSS, action="save").status_code == 302
    page = client.get(f"/sections/{own}").text
    assert_harmless(page.split('<article', 1)[1])
    assert_harmless(client.post(f"/sections/{own}/preview", data={"body": XSS}, headers=HX).text)
