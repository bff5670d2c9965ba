import re

import pytest

from coalition import revisions
from models import Section, User
from tests.helpers import sign_in

HX = {"HX-Request": "true"}


@pytest.fixture
def url(world, login):
    login("lead")
    return f"/sections/{world['sections']['own']}"


def test_history_is_newest_first_with_authors_and_notes(client, url):
    page = client.get(url + "/history").text
    rows = re.findall(r"Revision (\d+)</a></td>\s*<td>(\w+)</td>.*?<td>(\w+)</td>", page, re.S)
    assert rows == [("2", "Coordinator", "second"), ("1", "Lead", "first")]


def test_history_pages(world, make_app):
    section = Section.get_by_id(world["sections"]["own"])
    for number in (3, 4, 5):
        revisions.save(section, User.get(User.login == "lead"), f"Text {number}", "", number - 1)
    client = make_app(HISTORY_PAGE_SIZE=2).test_client()
    sign_in(client, "lead")
    page = client.get(f"/sections/{section.id}/history?page=2")
    assert "Page 2 of 3" in page.text and "<html" in page.text
    assert re.findall(r"Revision (\d+)</a>", page.text) == ["3", "2"]
    fragment = client.get(f"/sections/{section.id}/history?page=2", headers=HX).text
    assert fragment.lstrip().startswith('<div id="history-list">') and "<html" not in fragment


def test_revision_page_shows_that_revision(client, url):
    page = client.get(url + "/revisions/1").text
    assert "Первый вариант текста." in page and "Второй вариант" not in page


def test_the_source_view_marks_words(client, url):
    page = client.get(url + "/compare?old=1&new=2&view=source").text
    inserted, deleted = (" ".join(re.findall(f"<{tag}>(.*?)</{tag}>", page, re.S)) for tag in ("ins", "del"))
    assert "Второй" in inserted and "қазақша" in inserted and "Первый" not in inserted
    assert "Первый" in deleted and "Второй" not in deleted
    assert "вариант" not in inserted + deleted


def test_compare_fragment(client, url):
    fragment = client.get(url + "/compare?old=1&new=2", headers=HX).text
    assert fragment.lstrip().startswith('<div id="diff">') and "<html" not in fragment


def test_restore_makes_a_new_revision(client, url):
    section_id = int(url.rsplit("/", 1)[1])
    assert client.post(url + "/revisions/1/restore").status_code == 302
    head = Section.get_by_id(section_id).head_revision()
    assert (head.number, head.body, head.restored_number) == (3, "Первый вариант текста.\n", 1)
    assert "Restored revision 1" in client.get(url + "/history").text


def test_restoring_the_head_changes_nothing(client, url, revision_count):
    response = client.post(url + "/revisions/2/restore")
    assert response.status_code == 302
    assert "already the current text" in client.get(response.headers["Location"]).text
    assert revision_count(int(url.rsplit("/", 1)[1])) == 2


@pytest.mark.parametrize("path", ["/history", "/compare", "/revisions/1"])
def test_vary_on_hx_request(client, url, path):
    assert "HX-Request" in client.get(url + path).headers.get("Vary", "")
