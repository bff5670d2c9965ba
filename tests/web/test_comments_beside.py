"""Comments beside the paragraph (issue 21): a link per numbered paragraph, with the PDF's numbers; the
reviewer's request for changes on the Text and Edit tabs until the section moves on."""
import lxml.html

from models import Thread
from tests.helpers import edit, step

TEXT = ("## Context\n\nFirst paragraph.\nSecond paragraph.\n\n- a list\n\n| x |\n|---|\n| 1 |\n\n"
        "Third[^1].\n\n[^1]: A note.")
NOTE = "Cite the 2023 law on NGOs."


def page(client, url):
    answer = client.get(url)
    assert answer.status_code == 200
    return lxml.html.fromstring(answer.text)


def test_each_numbered_paragraph_has_a_comment_link_and_nothing_else_has(client, login, world, own):
    login("member")
    assert edit(client, own, TEXT, base=2).status_code == 302
    html = page(client, f"/sections/{own}")
    links = html.findall(".//a[@class='comment-on']")
    # The section's paragraphs are numbered after those of the sections before it in the report's PDF.
    first = int(links[0].text_content().rsplit(" ", 1)[1])
    assert [a.text_content() for a in links] == [f"Comment on ¶ {first + i}" for i in range(3)]
    blocks = [b.text_content().strip() for b in html.findall(".//article[@id='section-text']/div")]
    assert blocks[:3] == ["Context", "First paragraph.", "Second paragraph."]
    beside = html.findall(".//article[@id='section-text']/*")
    assert [e.tag for e in beside[:5]] == ["div", "div", "aside", "div", "aside"]  # no link beside the heading
    form = page(client, links[1].get("href"))
    assert form.find(".//select[@id='paragraph']/option[@selected]").text_content().startswith(
        f"¶ {first + 1}: Second paragraph.")


def test_a_member_of_another_group_comments_and_the_thread_sits_beside_its_paragraph(client, login, world, own):
    login("other")
    answer = client.post(f"/sections/{own}/threads", data={"paragraph": 0, "body": "Which article?"})
    thread = Thread.select().order_by(Thread.id.desc()).first()
    assert answer.status_code == 302 and answer.headers["Location"].endswith(f"#thread-{thread.id}")
    html = page(client, f"/sections/{own}")
    aside = html.get_element_by_id(f"thread-{thread.id}").getparent()
    assert aside.tag == "aside" and thread.paragraph in aside.getprevious().text_content()


def test_the_change_request_is_on_the_text_and_edit_tabs_until_submitted_again(person, own):
    member, reviewer = person("member"), person("reviewer")
    step(member, own, "submit")
    step(reviewer, own, "request_changes", NOTE)
    for url in (f"/sections/{own}", f"/sections/{own}/edit"):
        assert NOTE in member.get(url).text
    assert edit(member, own, "Rewritten with the law cited.", base=2).status_code == 302
    assert NOTE in member.get(f"/sections/{own}").text  # edited, not yet sent back: still asked
    step(member, own, "submit")
    for url in (f"/sections/{own}", f"/sections/{own}/edit"):
        assert NOTE not in member.get(url).text
