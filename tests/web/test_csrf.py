"""With CSRF on, every POST route needs the token: a form field, or the X-CSRFToken header."""
import pytest

from coalition import suggestions
from models import Section, User
from tests import images
from tests.helpers import PASSWORD, csrf_token
from tests.web.routes import endpoints, example_url
from tests.word_files import report_docx

FORMS = {
    "auth.login": {"login": "member", "password": PASSWORD},
    "auth.language": {"language": "ru"},
    "sections.edit": {"body": "A text sent with its token.", "base": 2, "action": "save"},
    "sections.preview": {"body": "*preview*"},
    "drafts.keep": {"body": "A draft sent with its token.", "base": 2},
    # Revision 1 to 2 rewrote the only paragraph: this edit of 1 overlaps it, and "mine" is kept.
    "sections.resolve": {"origin": 1, "theirs": 2, "mine": "A resolution sent with its token."},
    "exports.report": {"format": "docx"},
    "exports.section": {"format": "docx"},
    "review.move": {"action": "submit"},
    "comments.create": {"paragraph": -1, "body": "A comment sent with its token."},
    "comments.reply": {"body": "A reply sent with its token."},
    "recommendations.assess": {"status": "not_implemented", "justification": "A reason sent with its token."},
    "account.settings": {"display_name": "Member", "language": "en"},
    "account.password": {"current": PASSWORD, "new": "seven quiet rivers of almaty",
                         "repeat": "seven quiet rivers of almaty"},
    "people.invite": {"display_name": "Invited"},
    "organisations.new": {"name": "Bir Duniye"},
    "organisations.edit": {"name": "Bir Duniye"},
    "report.new": {"title": "T", "country": "C", "mechanism": "UPR", "word_limit": 5630, "language": "en",
                   "coordinating_organisation": 0, "notes_style": "footnotes"},
    "report.follow_up": {"title": "T", "country": "C", "mechanism": "UPR", "word_limit": 5630, "language": "en",
                         "coordinating_organisation": 0, "notes_style": "footnotes", "texts": "none"},
    "outline.add_group": {"new-group-name": "Права детей", "new-group-lead_organisation": 0},
    "outline.edit_group": {"name": "Renamed", "lead_organisation": 0},
    "outline.move_group": {"direction": "down"},
    "outline.add_section": {"title": "New"},  # its fields carry the group's id: the form's own check refuses
    "outline.edit_section": {"title": "Renamed", "word_budget": 0, "group": 1},
    "outline.move_section": {"direction": "up"},
    "word.paste": {"html": "<p>Pasted <b>with</b> its token.</p>"},
    "word.upload": {"file": (images.Rewinding(report_docx(picture=False)), "report.docx")},
    "suggestions.new": {"body": "A suggestion sent with its token.", "base": 2, "action": "suggest"},
    "suggestions.preview": {"body": "*preview*"},
    "suggestions.decline": {"reason": "A reason sent with its token."},
    "suggestions.accept_part": {"change": 0},
    "suggestions.resolve": {"origin": 1, "theirs": 2, "mine": "A resolution sent with its token."},
    "inbox.follow": {"follow": "1"},
    "images.upload": {"alt": "A chart", "file": (images.Rewinding(images.png()), "chart.png")},
}
REFUSED = "Your session form has expired"
PAST_THE_CHECK = (200, 302, 403, 410)


@pytest.fixture
def client(world, make_app):
    """A client of a CSRF-protected app, signed in through the form with its token."""
    app = make_app(WTF_CSRF_ENABLED=True)
    with app.app_context():  # suggestion 1 (routes.py's example), for its routes to have one to decide
        other = User.get(User.login == "other")
        suggestions.propose(Section.get_by_id(world["sections"]["own"]), other, "A suggested text.", "", 2)
    client = app.test_client()
    token = csrf_token(client.get("/login").text)
    assert client.post("/login", data={"login": "member", "password": PASSWORD}).status_code == 400
    assert client.post("/login", data={**FORMS["auth.login"], "csrf_token": token}).status_code == 302
    return client


def fresh_token(client, world):
    return csrf_token(client.get(f"/sections/{world['sections']['own']}/edit").text)


@pytest.mark.parametrize("endpoint", endpoints("POST"))
def test_post_without_token_is_refused(client, world, endpoint):
    _, url = example_url(client.application, endpoint, world)
    response = client.post(url, data=FORMS.get(endpoint, {}))
    assert response.status_code == 400
    assert REFUSED in response.text and "<html" in response.text


@pytest.mark.parametrize("endpoint", endpoints("POST"))
def test_post_with_token_in_the_form_is_accepted(client, world, endpoint):
    _, url = example_url(client.application, endpoint, world)
    response = client.post(url, data={**FORMS.get(endpoint, {}), "csrf_token": fresh_token(client, world)})
    # Past the CSRF check, the route decides (a member gets 403 from the coordinator's settings, and a
    # one-time link's page 410 for the example's unknown token).
    assert response.status_code in PAST_THE_CHECK and REFUSED not in response.text, response.status_code


@pytest.mark.parametrize("endpoint", endpoints("POST"))
def test_post_with_token_in_the_header_is_accepted(client, world, endpoint):
    _, url = example_url(client.application, endpoint, world)
    headers = {"X-CSRFToken": fresh_token(client, world), "HX-Request": "true"}
    response = client.post(url, data=FORMS.get(endpoint, {}), headers=headers)
    assert response.status_code in PAST_THE_CHECK and REFUSED not in response.text, response.status_code


def test_a_token_from_another_session_is_refused(client, world, make_app):
    url = f"/sections/{world['sections']['own']}/preview"
    stranger = csrf_token(make_app(WTF_CSRF_ENABLED=True).test_client().get("/login").text)
    assert client.post(url, data={"body": "x", "csrf_token": stranger}).status_code == 400


def test_an_htmx_request_refused_for_its_token_is_told_in_the_message_area(client, world):
    """The CSRF check runs before the app's hooks: the answer must still be a message for #messages, not a
    whole page swapped into the preview."""
    response = client.post(f"/sections/{world['sections']['own']}/preview", data={"body": "x"},
                           headers={"HX-Request": "true", "X-CSRFToken": "expired"})
    assert response.status_code == 400 and REFUSED in response.text
    assert response.headers["HX-Retarget"] == "#messages" and "<html" not in response.text
