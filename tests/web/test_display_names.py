"""A display name cannot pass for another person or a role: equal to another account's name or login, or to a
role's name in any language, once case, compatibility forms and Cyrillic look-alike letters are set aside."""
import pytest

from models import User

REFUSED = "This name is another person's or a role's, or reads like one."


@pytest.mark.parametrize("name", [
    "Lead",                # another account's display name
    "LEAD",                # in capitals
    "reviewer",            # a role (and an account's login)
    "Сооrdinаtоr",         # with Cyrillic С, о, а
    "Координатор",         # the role in Russian
    "үйлестіруші",         # and in Kazakh
    "Ｌｅａｄ",              # full-width letters (NFKC)
    "Le\u200bad",          # with an invisible zero-width space
    "other",               # another account's login
])
def test_a_name_that_passes_for_another_is_refused(person, name):
    client = person("member")
    page = client.post("/account", data={"display_name": name, "language": "en"})
    assert page.status_code == 400 and REFUSED in page.text
    assert User.get(User.login == "member").display_name == "Member"


def test_ones_own_name_and_a_new_one_are_kept(person):
    client = person("coordinator")  # named "Coordinator" before names were checked: kept as it is
    assert client.post("/account", data={"display_name": "Coordinator", "language": "en"}).status_code == 302
    assert client.post("/account", data={"display_name": "Айгерим", "language": "en"}).status_code == 302


def test_an_invitation_cannot_name_someone_else(person):
    coordinator = person("coordinator")
    page = coordinator.post("/people/invite", data={"display_name": "Ｒeviewer"})
    assert page.status_code == 400 and REFUSED in page.text
