"""Comments beside the paragraph, in place (issue 21): the link beside a paragraph answers htmx with the form alone,
a page otherwise; the form's answer puts the thread beside its paragraph, or the form back with its errors; a
thread sits beside the paragraph it was started on, even one that reads like another; the review page shows the
text once, the threads in a list under it."""
import lxml.html
import pytest

from coalition import revisions
from models import Section, Thread, User

HX = {"HX-Request": "true"}
FIRST, SECOND, SAME = "Первый абзац о свободе слова.", "Второй абзац о свободе собраний.", "Абзац, что повторён."


def edit(section_id, body, base=2):
    revisions.save(Section.get_by_id(section_id), User.get(User.login == "lead"), body, "edit", base)


def html(answer):
    return lxml.html.fromstring(answer.text)


def margin_of(page, thread_id):
    """The index of the paragraph a thread sits beside (the number its margin's slot carries), or None."""
    aside = page.get_element_by_id(f"thread-{thread_id}").getparent()
    if aside.tag != "aside":
        return None
    return int(aside.find(".//div[@class='comment-slot']").get("id").rsplit("-", 1)[1])


def start(client, section, paragraph, body="Which law?", headers=None, **data):
    return client.post(f"/sections/{section}/threads", headers=headers or {},
                       data={"paragraph": paragraph, "body": body} | data)


def test_the_link_answers_htmx_with_the_form_alone_and_a_page_otherwise(client, login, own):
    login("reviewer")
    edit(own, f"{FIRST}\n\n{SECOND}")
    link = html(client.get(f"/sections/{own}")).find_class("comment-on")[1]
    assert link.get("hx-get") == link.get("href") and link.get("hx-target") == "#comment-slot-1"
    page = client.get(link.get("href"))
    assert "<html" in page.text and "HX-Request" in page.headers["Vary"]
    assert html(page).find(".//select[@name='paragraph']/option[@selected]").get("value") == "1"
    fragment = client.get(link.get("href"), headers=HX)
    form = html(fragment)
    assert fragment.status_code == 200 and "<html" not in fragment.text and form.tag == "form"
    hidden = {i.get("name"): i.get("value") for i in form.findall(".//input[@type='hidden']")}
    assert hidden["paragraph"] == "1" and hidden["revision"] == "3" and hidden["csrf_token"]
    assert form.get("hx-post") == form.get("action") and form.get("hx-target") == "#comments"
    assert form.find(".//textarea").get("id") == "comment-1" and form.find(".//label").get("for") == "comment-1"
    cancel = form.xpath(".//button[.='Cancel']")[0]
    assert (cancel.get("hx-target"), cancel.get("hx-swap")) == ("closest form", "delete")


def test_the_form_in_the_margin_answers_with_the_thread_beside_its_paragraph(client, login, own):
    login("reviewer")
    edit(own, f"{FIRST}\n\n{SECOND}")
    answer = start(client, own, 1, headers=HX, in_margin="1", revision="3")
    thread = Thread.select().order_by(Thread.id.desc()).get()
    page = html(answer)
    assert answer.status_code == 200 and page.get("id") == "comments" and margin_of(page, thread.id) == 1
    assert page.get_element_by_id(f"thread-{thread.id}").get("autofocus") is not None


@pytest.mark.parametrize("language, body, error", [
    ("en", " ", "This field is required."), ("ru", " ", "Обязательное поле."),
    ("en", "x" * 20_001, "Field cannot be longer than 20000 characters.")])
def test_a_refused_comment_comes_back_in_its_margin_refilled(client, login, own, language, body, error):
    User.update(language=language).where(User.login == "reviewer").execute()
    login("reviewer")
    edit(own, f"{FIRST}\n\n{SECOND}")
    before = Thread.select().count()
    answer = start(client, own, 1, body, headers=HX, in_margin="1", revision="3")
    assert answer.status_code == 400 and Thread.select().count() == before and "<html" not in answer.text
    slot = html(answer).get_element_by_id("comment-slot-1")
    assert error in slot.get_element_by_id("comment-1-errors").text_content()
    assert slot.find(".//textarea").text_content().lstrip("\r\n") == body  # WTForms starts it with a new line
    assert slot.find(".//input[@name='csrf_token']").get("value")
    assert not html(answer).find_class("comments")[0].findall(".//ul[@class='errors']")  # not the form below


def test_a_thread_sits_beside_the_paragraph_it_was_started_on_among_identical_ones(client, login, own):
    login("reviewer")
    edit(own, f"{SAME}\n\n{FIRST}\n\n{SAME}")
    start(client, own, 2)
    second = Thread.select().order_by(Thread.id.desc()).get()
    start(client, own, 0)
    first = Thread.select().order_by(Thread.id.desc()).get()
    page = html(client.get(f"/sections/{own}"))
    assert (margin_of(page, first.id), margin_of(page, second.id)) == (0, 2)
    edit(own, f"{SAME}\n\n{SAME}", base=3)  # its paragraph moved: beside the first that reads the same
    page = html(client.get(f"/sections/{own}"))
    assert (margin_of(page, first.id), margin_of(page, second.id)) == (0, 0)
    Thread.update(paragraph_index=None).execute()  # begun before the index was kept: by its text
    assert margin_of(html(client.get(f"/sections/{own}")), second.id) == 0


@pytest.mark.parametrize("approved", [False, True], ids=["new text", "changes"])
def test_the_review_page_shows_each_paragraph_once_and_the_threads_under_it(client, login, own, approved):
    login("reviewer")
    edit(own, f"{FIRST}\n\n{SECOND}")
    if approved:
        Section.update(approved_number=3).where(Section.id == own).execute()
        edit(own, f"{FIRST}\n\n{SECOND}\n\n{SAME}", base=3)
    start(client, own, 1, "About the second.")
    page = html(client.get(f"/sections/{own}/review"))
    # A thread quotes its paragraph as it was, the new one's choices name each one's start: not the text.
    for quote in [*page.find_class("anchor"), *page.iter("select")]:
        quote.drop_tree()
    shown = page.text_content()
    assert [shown.count(p) for p in (FIRST, SECOND)] == [1, 1] and "About the second." in shown
    assert page.get_element_by_id("comments").get("hx-vals") == '{"list_only": "1"}'
    # Its htmx answers are the list alone, every thread quoting its paragraph.
    listed = html(start(client, own, 0, "About the first.", headers=HX, list_only="1"))
    assert [q.text_content() for q in listed.find_class("anchor")] == [FIRST, SECOND]
    assert listed.get("id") == "comments" and listed.get_element_by_id("section-text", None) is None
