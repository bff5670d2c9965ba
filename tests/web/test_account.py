"""A person's own account: name, language and address for notices; a new password that ends every other
session but this one, refused when the current password is wrong or the new one is weak."""
import pytest

from models import AuditEvent, User
from tests.helpers import PASSWORD, sign_in

NEW = "seven quiet rivers of almaty"


def change_password(client, current=PASSWORD, new=NEW, repeat=None):
    return client.post("/account/password", data={"current": current, "new": new, "repeat": repeat or new})


def test_settings_are_saved_and_the_language_follows(person):
    client = person("member")
    page = client.get("/account")
    assert page.status_code == 200 and 'value="Member"' in page.text
    saved = client.post("/account", data={"display_name": "  Айгерим  ", "language": "kk",
                                          "email": "aigerim@example.org"})
    assert saved.status_code == 302
    member = User.get(User.login == "member")
    assert (member.display_name, member.language, member.email) == ("Айгерим", "kk", "aigerim@example.org")
    assert 'lang="kk"' in client.get("/account").text


@pytest.mark.parametrize("form, problem", [
    ({"display_name": "", "language": "en"}, "This field is required."),
    ({"display_name": "x" * 121, "language": "en"}, "Field cannot be longer than 120 characters."),
    ({"display_name": "Member", "language": "xx"}, "Not a valid choice."),
    ({"display_name": "Member", "language": "en", "email": "not an address"}, "This is not an e-mail address."),
])
def test_bad_settings_are_refused_with_the_form_refilled(person, form, problem):
    client = person("member")
    page = client.post("/account", data=form)
    assert page.status_code == 400 and problem in page.text
    assert User.get(User.login == "member").display_name == "Member"


def test_a_new_password_ends_every_other_session(app, person):
    here, elsewhere = person("member"), person("member")
    assert change_password(here).status_code == 302
    assert here.get("/account").status_code == 200  # this session goes on
    assert elsewhere.get("/account").status_code == 302  # the other one is signed out
    assert sign_in(app.test_client(), "member", PASSWORD).status_code == 200
    assert sign_in(app.test_client(), "member", NEW).status_code == 302
    event = AuditEvent.get(AuditEvent.kind == AuditEvent.PASSWORD_CHANGED)
    assert event.actor.login == event.subject.login == "member"


@pytest.mark.parametrize("current, new, repeat, problem", [
    ("wrong password", NEW, NEW, "This is not your current password."),
    (PASSWORD, "short one", "short one", "at least 12 characters"),
    (PASSWORD, "member-is-my-name", "member-is-my-name", "must not contain the login"),
    (PASSWORD, "password1234", "password1234", "common passwords"),
    (PASSWORD, NEW, NEW + "!", "The two new passwords differ."),
])
def test_a_wrong_or_weak_password_is_refused(person, current, new, repeat, problem):
    client = person("member")
    before = User.get(User.login == "member")
    page = change_password(client, current, new, repeat)
    assert page.status_code == 400 and problem in page.text
    after = User.get(User.login == "member")
    assert after.password_hash == before.password_hash
    assert client.get("/account").status_code == 200
    assert new not in page.text and current not in page.text  # passwords are never echoed back


def test_guessing_the_current_password_is_limited(make_app, world):
    client = make_app(RATELIMIT_ENABLED=True).test_client()
    assert sign_in(client, "member").status_code == 302
    answers = [change_password(client, current=f"guess {n}").status_code for n in range(11)]
    assert answers == [400] * 10 + [429]


def test_a_lead_sees_the_members_of_their_group_only(person):
    page = person("lead").get("/people")
    assert page.status_code == 200
    assert "<code>member</code>" in page.text and "<code>inactive</code>" in page.text
    assert "<code>other</code>" not in page.text and "<code>reviewer</code>" not in page.text
    assert "Switch off" not in page.text and "Switch on" not in page.text
    assert person("member").get("/people").status_code == 403
