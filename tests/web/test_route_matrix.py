"""Every route × every role, generated from the app's url_map: a new route fails here until it says who
may use it. Allowed: an answer below 400 (a POST's own validation may say 400, never 403 or 500);
refused: 403. A switched-off account is signed out on its next request, whatever the route."""
import pytest

from models import User
from tests.web.routes import endpoints, example_url
from tests.web.test_csrf import FORMS

ROLES = ("coordinator", "reviewer", "lead", "member", "other")
EVERYONE = set(ROLES)
MANAGER = {"coordinator"}
REVIEWERS = {"coordinator", "reviewer"}  # who follow the whole report's progress
OWN_GROUP = {"coordinator", "lead", "member"}  # the section and the recommendation belong to their group
SUGGESTERS = {"coordinator", "reviewer", "other"}  # who reads the section but is not in its group

# A file's link (the coordinator's here) is refused as if it did not exist: a 403 would confirm it does.
REFUSED_AS = {"exports.status": 404, "exports.download": 404}
ALLOWED = {
    "activity.feed": EVERYONE, "activity.mark_seen": EVERYONE, "audit.index": MANAGER, "auth.language": EVERYONE,
    "auth.logout": EVERYONE,
    "comments.create": EVERYONE, "comments.new": EVERYONE, "comments.reopen": EVERYONE, "comments.reply": EVERYONE,
    "comments.resolve": EVERYONE, "drafts.discard": OWN_GROUP, "drafts.keep": OWN_GROUP,
    "exports.download": MANAGER, "exports.report": EVERYONE, "exports.section": EVERYONE,
    "exports.status": MANAGER, "history.compare": EVERYONE, "history.index": EVERYONE,
    "history.restore": OWN_GROUP, "history.revision": EVERYONE, "imports.preview": MANAGER,
    "imports.template": EVERYONE, "imports.upload": MANAGER, "presence.report": EVERYONE,
    "presence.section": EVERYONE, "recommendations.assess": OWN_GROUP, "recommendations.link": OWN_GROUP,
    "recommendations.unlink": OWN_GROUP, "recommendations.edit": MANAGER,
    "recommendations.export_csv": EVERYONE, "recommendations.index": EVERYONE, "recommendations.new": MANAGER,
    "recommendations.pick": EVERYONE,
    "recommendations.show": EVERYONE, "recommendations.statistics": EVERYONE, "report.dashboard": REVIEWERS,
    "report.accent_css": EVERYONE, "report.home": EVERYONE, "report.overview": EVERYONE, "report.settings": MANAGER,
    "review.move": OWN_GROUP, "review.show": EVERYONE, "sections.edit": OWN_GROUP,
    "sections.preview": OWN_GROUP, "sections.resolve": OWN_GROUP, "sections.show": EVERYONE,
    "submissions.download": EVERYONE, "submissions.download_docx": EVERYONE, "submissions.freeze": MANAGER,
    "submissions.index": EVERYONE,
    "submissions.show": EVERYONE, "removals.section": MANAGER, "removals.group": MANAGER,
    "removals.index": MANAGER, "removals.undo": MANAGER, "people.index": {"coordinator", "lead"},
    "people.deactivate": MANAGER, "people.reactivate": MANAGER, "people.invite": MANAGER,
    "people.person": MANAGER, "people.reset_link": MANAGER,
    "people.withdraw": MANAGER, "people.unblock": MANAGER, "organisations.index": EVERYONE,
    "organisations.new": MANAGER,
    "organisations.edit": MANAGER, "organisations.leave": MANAGER, "organisations.bring_back": MANAGER,
    "account.settings": EVERYONE, "design.index": MANAGER, "account.password": EVERYONE, "help.index": EVERYONE,
    "report.index": EVERYONE, "report.new": MANAGER, "report.follow_up": MANAGER, "history.previous": EVERYONE,
    "outline.index": MANAGER, "outline.add_group": MANAGER, "outline.edit_group": MANAGER,
    "outline.move_group": MANAGER, "outline.add_section": MANAGER, "outline.edit_section": MANAGER,
    "outline.move_section": MANAGER, "word.paste": EVERYONE, "word.upload": OWN_GROUP,
    "images.new": OWN_GROUP, "images.upload": OWN_GROUP, "images.show": EVERYONE,
    "suggestions.new": SUGGESTERS, "suggestions.preview": SUGGESTERS, "suggestions.index": EVERYONE,
    "suggestions.accept": OWN_GROUP, "suggestions.resolve": OWN_GROUP, "suggestions.accept_part": OWN_GROUP,
    "suggestions.decline": OWN_GROUP,
    "suggestions.withdraw": {"other"},  # its author (a decided one is refused with a message, not an error)
    "inbox.index": EVERYONE, "inbox.count": EVERYONE, "inbox.read_all": EVERYONE, "inbox.read_one": EVERYONE,
    "inbox.follow": EVERYONE, "people.mentionable": EVERYONE,
}


def test_every_route_is_in_the_matrix():
    # Open to anyone: signing in, and the one-time links (tested in test_auth.py, test_invitations.py and
    # test_first_run.py).
    assert set(endpoints(exclude={"auth.login", "auth.welcome", "auth.reset", "auth.setup"})) == set(ALLOWED)


def request(client, world, things, endpoint):
    method, url = example_url(client.application, endpoint, world, **things)
    if method == "GET":
        return client.get(url)
    return client.post(url, data=FORMS.get(endpoint, {}))


@pytest.mark.parametrize("endpoint", sorted(ALLOWED))
def test_route_for_every_role(person, world, things, endpoint):
    wrong = []
    for role in ROLES:
        status = request(person(role), world, things, endpoint).status_code
        allowed = status < 400 or (status == 400 and endpoint in FORMS)  # the form's own check may refuse
        refused = status == REFUSED_AS.get(endpoint, 403)
        if (role in ALLOWED[endpoint] and not allowed) or (role not in ALLOWED[endpoint] and not refused):
            wrong.append(f"{role}: {status}")
    assert not wrong, wrong


@pytest.mark.parametrize("endpoint", sorted(ALLOWED))
def test_a_switched_off_account_is_signed_out(person, world, things, endpoint):
    client = person("member")
    User.update(active=False).where(User.login == "member").execute()
    response = request(client, world, things, endpoint)
    assert response.status_code == 302
    if endpoint != "auth.language":  # not behind a sign-in: it only sets the language and goes back
        assert "/login" in response.headers["Location"]
