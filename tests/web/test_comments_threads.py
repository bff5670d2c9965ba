"""Comment threads as shown: the paragraph as it was, sanitised Markdown, resolving, the overview's counts."""
import pytest
import tinyhtml5  # WeasyPrint's HTML5 parser: reads <title> and friends as a browser does

from coalition import revisions
from models import Section, Thread, User
from tests.helpers import text

PAYLOADS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
            "<svg onload=alert(1)>", '<a href="javascript:alert(1)">x</a>', "<javascript:alert(1)>",
            "![x](javascript:alert(1))", '[x](https://example.org "\\" onmouseover=alert(1) \\"")',
            "</title><script>alert(1)</script>", "</textarea><svg onload=alert(1)>"]


def parse(client, url):
    return tinyhtml5.parse(client.get(url).text, namespace_html_elements=False)


def page(client, world):
    return parse(client, f"/sections/{world['sections']['own']}")


def edit(world, body, base):
    section = Section.get_by_id(world["sections"]["own"])
    return revisions.save(section, User.get(User.login == "lead"), body, "edit", base)


def comment(client, world, body, paragraph=-1):
    answer = client.post(f"/sections/{world['sections']['own']}/threads", data={"paragraph": paragraph, "body": body})
    assert answer.status_code == 302
    return Thread.select().order_by(Thread.id.desc()).first()


def test_a_thread_keeps_the_paragraph_as_it_was(client, login, world):
    edit(world, "Первый абзац.\n\nВторой абзац.", 2)
    login("reviewer")
    thread = comment(client, world, "Which article?", paragraph=0)
    assert (thread.revision_number, thread.paragraph) == (3, "Первый абзац.")
    edit(world, "Первый абзац, исправленный.\n\nВторой абзац.", 3)
    article = page(client, world).find(f".//article[@id='thread-{thread.id}']")
    assert text(article.find(".//blockquote")) == "Первый абзац."
    assert "About a paragraph of revision 3:" in text(article) and "Which article?" in text(article)


def test_markdown_is_rendered(client, login, world):
    login("member")
    thread = comment(client, world, "This is *important*.")
    assert page(client, world).find(f".//article[@id='thread-{thread.id}']//em").text == "important"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_comments_never_carry_live_markup(client, login, world, payload):
    login("reviewer")
    thread = comment(client, world, payload)
    root = page(client, world)
    assert root.find(f".//article[@id='thread-{thread.id}']//div[@class='prose']") is not None
    for element in root.iter():
        assert not [name for name in element.attrib if name.lower().startswith("on")], element.attrib
        assert not [v for v in element.attrib.values() if v.strip().lower().startswith("javascript:")]
        assert element.tag != "script" or (element.get("src") and not (element.text or "").strip())
    assert not root.findall(".//section[@id='comments']//*[@src]") and not root.findall(".//svg")


def order(root):
    return [(a.get("id"), text(a.find("p")).split()[1]) for a in root.iter("article") if a.get("class") != "prose"]


def overview(client, world):
    return {text(r.find("th/a")): [text(a) for a in r.iter("a") if a.get("class") == "open-comments"]
            for r in parse(client, f"/reports/{world['report']}").iter("tr") if r.find("th/a") is not None}


def test_resolve_moves_the_thread_down_and_reopen_brings_it_back(client, login, world):
    login("lead")
    own, theirs, old = "Civil and political rights section", "Women's rights section", world["thread"]
    assert overview(client, world) == {own: ["1 open comment"], theirs: []}
    new = comment(client, world, "Shorten this.").id
    assert overview(client, world)[own] == ["2 open comments"]
    assert order(page(client, world)) == [(f"thread-{new}", "Open"), (f"thread-{old}", "Open")]
    client.post(f"/threads/{new}/resolve")
    assert order(page(client, world)) == [(f"thread-{old}", "Open"), (f"thread-{new}", "Resolved")]
    client.post(f"/threads/{old}/resolve")
    assert overview(client, world) == {own: [], theirs: []}
    client.post(f"/threads/{new}/reopen")
    assert order(page(client, world)) == [(f"thread-{new}", "Open"), (f"thread-{old}", "Resolved")]
    assert overview(client, world)[own] == ["1 open comment"]


# Once bugs, now guarded.

def test_the_section_page_title_is_the_section_title(client, login, world):
    login("reviewer")
    assert page(client, world).find(".//title").text == "Civil and political rights section · UPR Coalition Editor"


def test_footnotes_in_comments_do_not_repeat_the_sections_ids(client, login, world):
    edit(world, "Текст со сноской.[^1]\n\n[^1]: Источник.", 2)
    login("reviewer")
    comment(client, world, "Source?[^1]\n\n[^1]: Which one?")
    ids = [element.get("id") for element in page(client, world).iter() if element.get("id")]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


def test_a_paragraph_chosen_before_someone_saves_is_the_one_chosen(client, login, world):
    login("reviewer")
    html = page(client, world)
    shown = text(html.find(".//select[@id='paragraph']/option[@value='0']"))
    revision = html.find(".//form[@class='new-thread']//input[@name='revision']").get("value")
    edit(world, "Новый первый абзац.\n\nВторой вариант текста, қазақша.", 2)
    answer = client.post(f"/sections/{world['sections']['own']}/threads",
                         data={"revision": revision, "paragraph": 0, "body": "Why?"})
    paragraph = Thread.select().order_by(Thread.id.desc()).first().paragraph
    assert answer.status_code in (400, 409) or shown.endswith(paragraph), (shown, paragraph)  # or ask again


def test_the_thread_just_started_takes_the_focus_after_the_swap(world, person):
    """htmx replaces the whole list: the new thread is marked to take the keyboard's focus, and no other."""
    client = person("member")
    answer = client.post(f"/sections/{world['sections']['own']}/threads", headers={"HX-Request": "true"},
                         data={"paragraph": -1, "body": "Which article of the Covenant?", "revision": 2})
    tree = tinyhtml5.parse(answer.text, namespace_html_elements=False)
    focused = [e for e in tree.iter() if "autofocus" in e.attrib]
    new = Thread.select().order_by(Thread.id.desc()).first()
    assert [(e.tag, e.get("id"), e.get("tabindex")) for e in focused] == [("article", f"thread-{new.id}", "-1")]
    assert "autofocus" not in client.get(f"/sections/{world['sections']['own']}").text  # not on a plain visit
