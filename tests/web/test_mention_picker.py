"""The "Mention someone" picker's options: a few active accounts by the first letters of a login or a name, only to
someone signed in; and the picker beside each text box a mention can be written in."""
import re

from models import User
from tests.conftest import _user

HTMX = {"HX-Request": "true"}


def options(client, typed: str) -> list[tuple[str, str]]:
    """(shown, login) of each option offered for `typed`."""
    response = client.get("/people/mentionable", query_string={"q": typed}, headers=HTMX)
    assert response.status_code == 200
    return re.findall(r'<option value="([^"]*)" data-login="([^"]*)">', response.text)


def test_offers_name_and_login_by_their_first_letters(person, world):
    User.update(display_name="Айгерім Сейітқызы").where(User.login == "lead").execute()
    member = person("member")
    assert options(member, "le") == [("Айгерім Сейітқызы (@lead)", "lead")]
    assert options(member, "@LE") == options(member, "сейіт") == options(member, "АЙГ") == [
        ("Айгерім Сейітқызы (@lead)", "lead")]
    assert options(member, "ead") == []  # the first letters, not any letters
    assert [login for _, login in options(member, "o")] == ["other"]


def test_never_a_switched_off_account_nor_ones_own(person, world):
    assert options(person("member"), "inactive") == []
    assert options(person("member"), "member") == []
    assert options(person("lead"), "member") == [("Member (@member)", "member")]


def test_nothing_typed_lists_nobody(person, world):
    assert options(person("member"), "") == options(person("member"), " @ ") == []


def test_at_most_ten(app, person, world):
    with app.app_context():
        for number in range(12):
            _user(f"aktivist{number:02}")
    shown = [login for _, login in options(person("member"), "akt")]
    assert shown == [f"aktivist{number:02}" for number in range(10)]


def test_signed_out_is_sent_to_sign_in(client, world):
    response = client.get("/people/mentionable?q=le")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_a_picker_beside_each_text_box_a_mention_goes_in(person, world, own):
    """The reply, the new thread (on the section's page and its own page) and the suggestion's note: each text box
    followed by its picker, hidden until the script shows it, which the page loads."""
    member = person("member")
    pages = [(member.get(f"/sections/{own}").text, f"reply-{world['thread']}"),
             (member.get(f"/sections/{own}").text, "body"),
             (member.get(f"/sections/{own}/threads/new").text, "body"),
             (person("other").get(f"/sections/{own}/suggest").text, "note")]
    for page, box in pages:
        picker = page.index(f'<input type="text" id="{box}-mention" list="{box}-people"')
        assert page.index(f'id="{box}"') < picker
        assert page.rindex('<div class="mention-picker" hidden>', 0, picker) > page.index(f'id="{box}"')
        assert f'data-mention-for="{box}"' in page and f'<datalist id="{box}-people">' in page
        assert re.search(r'<script src="/static/js/mentions\.js\?v=\w+" defer>', page)
