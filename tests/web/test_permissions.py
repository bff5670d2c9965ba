"""Who may do what on their own group's section ("own") and on another group's ("theirs")."""
import pytest

from models import User
from tests.helpers import sign_in

EDITORS = {"own": {"coordinator", "lead", "member"}, "theirs": {"coordinator", "other"}}
CASES = [(role, key) for role in ("coordinator", "reviewer", "lead", "member", "other") for key in EDITORS]


@pytest.fixture
def section(world, login, request):
    """Sign in as the case's role; yield (section url, whether that role may edit it)."""
    role, key = request.param
    login(role)
    return f"/sections/{world['sections'][key]}", role in EDITORS[key]


def cases(test):
    return pytest.mark.parametrize("section", CASES, indirect=True, ids=[f"{r}-{k}" for r, k in CASES])(test)


@cases
def test_everyone_signed_in_reads_everything(client, section):
    url, _ = section
    for path in ("", "/history", "/revisions/1", "/compare?old=1&new=2"):
        assert client.get(url + path).status_code == 200, path


@cases
def test_edit_page_and_edit_link(client, section):
    url, allowed = section
    assert client.get(url + "/edit").status_code == (200 if allowed else 403)
    assert ("Edit this section" in client.get(url).text) == allowed


@cases
def test_save(client, section, revision_count):
    url, allowed = section
    section_id = int(url.rsplit("/", 1)[1])
    response = client.post(url + "/edit", data={"body": "A new text.", "base": 2, "action": "save"})
    assert response.status_code == (302 if allowed else 403)
    assert revision_count(section_id) == 2 + allowed


@cases
def test_preview(client, section):
    url, allowed = section
    assert client.post(url + "/preview", data={"body": "*x*"}).status_code == (200 if allowed else 403)


@cases
def test_restore(client, section, revision_count):
    url, allowed = section
    section_id = int(url.rsplit("/", 1)[1])
    assert client.post(url + "/revisions/1/restore").status_code == (302 if allowed else 403)
    assert revision_count(section_id) == 2 + allowed
    assert ("Restore this revision" in client.get(url + "/revisions/1").text) == allowed


def test_deactivated_user_loses_the_old_session(app, world):
    client = app.test_client()
    sign_in(client, "member")
    overview = f"/reports/{world['report']}"
    assert client.get(overview).status_code == 200
    with app.app_context():
        User.update(active=False).where(User.login == "member").execute()
    response = client.get(overview)
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
