"""Answering the conflict screen: one revision with the chosen passages, merged again if need be."""
import pytest

from coalition import revisions
from models import Draft, Section, User
from tests.helpers import field_text, sign_in
from tests.web.coedit import A2, B2, B3, D3, MINE, C, D, X, doc, head

COMBINED = "The law was adopted in 2019 and amended in 2021."
LATE_C, LATE_D = "Second spacer rewritten by the coordinator.", "Closing rewritten entirely."


def resolve(client, section_id, **choices):
    form = {"origin": 3, "theirs": 4, "mine": MINE, "note": "resolved", **choices}
    return client.post(f"/sections/{section_id}/resolve", data=form)


def save_meanwhile(app, section_id, body):
    """The coordinator saves revision 5 while the conflict screen is open."""
    with app.app_context():
        revisions.save(Section.get_by_id(section_id), User.get(login="coordinator"), body, "", 4)


@pytest.mark.parametrize(("choice", "passage"), [("mine", B3), ("theirs", B2), ("edit", COMBINED)])
def test_resolving_saves_the_choice(client, conflict, sec, revision_count, choice, passage):
    response = resolve(client, sec, **{"choice-0": choice, "edited-0": COMBINED})
    assert response.status_code == 302 and revision_count(sec) == 5
    saved = head(sec)
    assert (saved.body, saved.merge_base, saved.note) == (doc(A2, X, passage, C, D3), 3, "resolved")
    assert not Draft.select().where(Draft.section == sec, Draft.closed == False).exists()


def test_a_clean_save_meanwhile_is_merged_again(app, client, conflict, sec, revision_count):
    save_meanwhile(app, sec, doc(A2, X, B2, LATE_C, D))
    response = resolve(client, sec, **{"choice-0": "mine"})
    assert response.status_code == 302 and revision_count(sec) == 6
    assert head(sec).body == doc(A2, X, B3, LATE_C, D3)


def test_an_overlapping_save_meanwhile_is_a_new_conflict(app, client, conflict, sec, revision_count):
    save_meanwhile(app, sec, doc(A2, X, B2, C, LATE_D))
    response = resolve(client, sec, **{"choice-0": "mine"})
    assert response.status_code == 409 and revision_count(sec) == 5
    assert head(sec).body == doc(A2, X, B2, C, LATE_D)  # nothing overwritten
    assert field_text(response.text, "mine") == doc(A2, X, B3, C, D3).strip()
    assert "<ins>" in response.text and "rewritten entirely" in response.text
    assert "Coordinator saved revision 5" in response.text


def test_a_new_conflict_does_not_reuse_the_answers_to_the_old_one(app, client, conflict, sec):
    save_meanwhile(app, sec, doc(A2, X, B2, C, LATE_D))
    response = resolve(client, sec, **{"choice-0": "edit", "edited-0": COMBINED})
    assert response.status_code == 409
    # Conflict 0 is now D: the old answer for B, kept, would replace D on "Save".
    assert field_text(response.text, "edited-0") == D3
    assert 'name="choice-0" value="mine" checked' in response.text


def test_only_editors_may_resolve(app, conflict, sec, revision_count):
    stranger = app.test_client()
    sign_in(stranger, "other")
    assert resolve(stranger, sec).status_code == 403 and revision_count(sec) == 4


def test_unknown_theirs_is_404(client, conflict, sec, revision_count):
    assert resolve(client, sec, theirs=99).status_code == 404 and revision_count(sec) == 4


def test_an_empty_resolution_is_refused_and_refilled(client, world, login, revision_count):
    login("member")
    own = world["sections"]["own"]  # one paragraph, rewritten from revision 1 to 2
    assert client.post(f"/sections/{own}/edit", data={"body": "My late edit.", "base": 1}).status_code == 409
    form = {"origin": 1, "theirs": 2, "mine": "My late edit.", "note": "kept note",
            "choice-0": "edit", "edited-0": "  "}
    response = client.post(f"/sections/{own}/resolve", data=form)
    assert response.status_code == 400 and revision_count(own) == 2
    assert "The text is empty." in response.text
    assert field_text(response.text, "mine") == "My late edit." and 'value="kept note"' in response.text
    assert 'name="choice-0" value="edit" checked' in response.text
