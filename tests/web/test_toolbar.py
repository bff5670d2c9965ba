"""The editor's toolbar (issue 20): the page carries it hidden (shown by its script), and the citation picker finds
recommendations by number or words for everyone who may read the report."""
import re

import pytest

from config import TOOLBAR_CDN_URL
from models import Recommendation

HTMX = {"HX-Request": "true"}


def pick(client, world, **args):
    return client.get(f"/reports/{world['report']}/recommendations/pick", query_string=args,
                      headers=HTMX if args.pop("htmx", False) else {})


def test_the_editor_carries_the_toolbar_hidden_outside_its_form(world, client, login):
    login("member")
    page = client.get(f"/sections/{world['sections']['own']}/edit").text
    toolbar = re.search(r"<markdown-toolbar [^>]*>", page).group(0)
    assert 'for="body"' in toolbar and 'role="toolbar"' in toolbar and " hidden" in toolbar
    assert f'data-paste-url="/sections/{world["sections"]["own"]}/paste"' in toolbar
    assert page.index("</markdown-toolbar>") < page.index('class="editor"')  # its dialogs' forms are not nested
    assert page.index('<dialog id="cite-dialog"') < page.index('class="editor"')
    assert re.search(r'<textarea [^>]*data-max-chars="200000"', page)
    assert '<script src="/static/js/toolbar.js?v=' in page and f'src="{TOOLBAR_CDN_URL}"' in page
    for shortcut in ("Ctrl+B", "Ctrl+I", "Ctrl+K", "Ctrl+Shift+7", "Ctrl+Shift+8", "Ctrl+Alt+F"):
        assert f"({shortcut})" in page


@pytest.mark.parametrize("role", ["coordinator", "reviewer", "lead", "member", "other"])
def test_everyone_who_reads_the_report_may_pick(world, client, login, role):
    login(role)
    response = pick(client, world, q="142.45")
    assert response.status_code == 200 and "<code>[rec:142.45]</code>" in response.text


def test_signed_out_people_are_sent_to_sign_in(world, client):
    response = pick(client, world)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_an_unknown_report_is_not_found(world, client, login):
    login("member")
    assert client.get("/reports/999/recommendations/pick").status_code == 404


@pytest.mark.parametrize(("words", "found"), [("142.45", True), ("peaceful ASSEMBLIES", True), ("142.46", False)])
def test_found_by_number_or_words(world, client, login, words, found):
    login("member")
    text = pick(client, world, q=words, cite="1", htmx=True).text
    assert ('data-cite="142.45"' in text) is found
    assert ("No recommendation matches." in text) is not found
    assert "<html" not in text  # the fragment only


def test_without_javascript_a_page_lists_the_citations_to_copy(world, client, login):
    login("member")
    text = pick(client, world).text
    assert "<html" in text and "<code>[rec:142.45]</code>" in text and "data-cite" not in text
    assert 'name="q"' in text


def test_a_few_at_a_time(app, world, client, login):
    with app.app_context():
        for n in range(1, 30):
            Recommendation.create(report=world["report"], number=f"150.{n}", document="A/HRC/43/10",
                                  text=f"Recommendation number {n}.")
    login("member")
    text = pick(client, world, q="150.", htmx=True).text
    assert text.count("<li>") == 20 and "The first 20 of 29" in text
