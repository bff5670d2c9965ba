"""Comment threads: who may write them (every signed-in member, on any section: a coalition reviews together),
who reads them, htmx fragments and redirects, invalid input."""
import re

import pytest

from models import Comment, Thread, User
from tests.helpers import edit

ROLES = ("coordinator", "reviewer", "lead", "member", "other")
ACTIONS = ("create", "reply", "resolve", "reopen")
BODY, HX = "Cite the 2023 law.", {"HX-Request": "true"}
REQUIRED, TOO_LONG = "This field is required.", "Field cannot be longer than 20000 characters."


def post(client, world, action, headers=None, **data):
    url = (f"/sections/{world['sections']['own']}/threads" if action == "create"
           else f"/threads/{world['thread']}/{'comments' if action == 'reply' else action}")
    return client.post(url, data={"paragraph": "-1", "body": BODY} | data, headers=headers or {})


def state():
    return ([(t.id, t.resolved, t.paragraph) for t in Thread.select().order_by(Thread.id)],
            [(c.thread_id, c.author_id, c.body) for c in Comment.select().order_by(Comment.id)])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ACTIONS)
def test_permission_matrix(client, login, world, role, action):
    Thread.update(resolved=action == "reopen").execute()
    before = state()
    login(role)
    answer = post(client, world, action)
    assert answer.status_code == 302
    threads, comments = state()
    me = User.get(User.login == role).id
    if action in ("create", "reply"):
        thread = threads[-1][0] if action == "create" else world["thread"]
        assert len(threads) == len(before[0]) + (action == "create")
        assert comments == before[1] + [(thread, me, BODY)]
    else:
        assert (threads, comments) == ([(world["thread"], action == "resolve", "")], before[1])


@pytest.mark.parametrize("role", ROLES)
def test_everyone_signed_in_reads_the_comments_and_may_start_one(client, login, world, role):
    login(role)
    page = client.get(f"/sections/{world['sections']['own']}")
    assert page.status_code == 200 and "Please cite the source." in page.text
    assert 'class="new-thread"' in page.text


def test_a_switched_off_account_may_not_comment(client, login, world):
    before = state()
    login("other")
    User.update(active=False).where(User.login == "other").execute()
    assert post(client, world, "create").status_code in (302, 403) and state() == before


@pytest.mark.parametrize("action", ACTIONS)
def test_anonymous_goes_to_login_and_unknown_ids_are_404(client, login, world, action):
    before = state()
    assert post(client, world, action).headers["Location"].startswith("/login")
    assert client.get(f"/sections/{world['sections']['own']}").headers["Location"].startswith("/login")
    login("coordinator")
    world = {"sections": {"own": 9999}, "thread": 9999}
    assert post(client, world, action).status_code == 404 and state() == before


@pytest.mark.parametrize("action", ("create", "reply"))
def test_htmx_gets_the_fragment_and_plain_posts_are_redirected(client, login, world, action):
    login("member")
    fragment = post(client, world, action, headers=HX)
    assert fragment.status_code == 200 and "<html" not in fragment.text
    assert fragment.text.strip().startswith('<div id="comments"') and BODY in fragment.text
    plain = post(client, world, action)
    assert plain.status_code == 302
    thread = Thread.select().order_by(Thread.id.desc()).first().id if action == "create" else world["thread"]
    assert plain.headers["Location"].endswith(f"/sections/{world['sections']['own']}#thread-{thread}")


@pytest.mark.parametrize("headers", ({}, HX), ids=("plain", "htmx"))
@pytest.mark.parametrize("action, data, error", [
    ("create", {"paragraph": "0", "body": " "}, REQUIRED), ("create", {"paragraph": "99"}, "Not a valid choice."),
    ("create", {"body": "x" * 30_000}, TOO_LONG), ("reply", {"body": ""}, REQUIRED),
    ("reply", {"body": "x" * 30_000}, TOO_LONG)])
def test_invalid_input_is_400_with_the_form_refilled(client, login, world, action, data, error, headers):
    before = state()
    login("reviewer")
    answer = post(client, world, action, headers=headers, **data)
    assert answer.status_code == 400 and state() == before
    field = "paragraph" if "99" in data.values() else "body" if action == "create" else f"reply-{world['thread']}"
    errors = answer.text.split(f'id="{field}-errors">', 1)[1].split("</ul>")[0]
    assert error in errors
    if data.get("paragraph") == "0":
        assert '<option selected value="0">' in answer.text
    if len(data.get("body", "")) == 30_000:
        assert "x" * 30_000 in answer.text  # refilled whole, not cut
    assert ("<html" in answer.text) == (not headers)


def test_a_thread_can_be_about_each_typed_line_and_keeps_that_line(client, login, world):
    """A line the writer typed prints as a paragraph of its own, so a comment can be about it alone."""
    login("member")
    section = world["sections"]["own"]
    assert edit(client, section, "First line.\nSecond line.\n\n- a\n- b", base=2).status_code == 302
    page = client.get(f"/sections/{section}").get_data(as_text=True)
    first = int(re.search(r"¶ (\d+): First line\.", page).group(1))  # the PDF's number, run across the report
    assert f"¶ {first + 1}: Second line." in page and ": - a" not in page  # a list is not a numbered paragraph
    assert post(client, world, "create", paragraph="1").status_code == 302
    assert Thread.select().order_by(Thread.id.desc()).first().paragraph == "Second line."
