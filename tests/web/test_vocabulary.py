"""The shared words come from coalition/vocabulary.py alone: a section's status badge, the dashboard, a review
notice and the recommendations' annex show the vocabulary's words, in each language, and follow a change to it."""
import re

import pytest
from flask_babel import force_locale

from coalition import exports, notices, review, vocabulary
from models import Activity, Report, Section, User
from tests.helpers import sign_in
from web import forms

BADGE = re.compile(r'<span class="status status-(\w+)">[✓↺●]? ?(.*?)</span>')


def shown(app, world, language: str) -> dict:
    """What a reader in `language` sees for each status, step and annex word, with the own section in each status."""
    with app.app_context():
        User.update(language=language, email=User.login.concat("@coalition.test")).execute()
        Report.update(language=language).execute()
        section = Section.get_by_id(world["sections"]["own"])
        badges, steps = {}, {}
        client = app.test_client()
        sign_in(client, "coordinator")
        for status in vocabulary.STATUS_NAMES:
            Section.update(status=status).where(Section.id == section.id).execute()
            page = client.get(f"/reports/{world['report']}").get_data(as_text=True)
            badges[status] = dict(BADGE.findall(page))[status]
        dashboard = client.get(f"/reports/{world['report']}/dashboard").get_data(as_text=True)
        Section.update(status=Section.DRAFT).where(Section.id == section.id).execute()
        lead, reviewer = User.get(User.login == "lead"), User.get(User.login == "reviewer")
        for action, who in ((review.SUBMIT, lead), (review.REQUEST_CHANGES, reviewer), (review.SUBMIT, lead),
                            (review.APPROVE, reviewer)):
            entry = review.move(section, who, action)
            with app.test_request_context():
                message = notices.compose([Activity.select().order_by(Activity.id.desc()).get().id])[0]
            steps[entry.new_status] = message.get_payload(decode=True).decode().split(": «")[0]
        annex = exports.annex_for(Report.get_by_id(world["report"]), exports.ANNEX_BY_THEME)
    row = annex.parts[0].rows[0]
    return {"badges": badges, "dashboard": dashboard, "steps": steps, "response": row.response,
            "assessment": (row.status_key, row.status), "totals": [name for name, _, _ in annex.totals]}


def words(app, language: str, names: dict) -> dict:
    with app.app_context(), force_locale(language):
        return {key: str(name) for key, name in names.items()}


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_pages_notices_and_the_annex_say_the_vocabularys_words(app, world, language):
    seen = shown(app, world, language)
    statuses = words(app, language, vocabulary.STATUS_NAMES)
    assert seen["badges"] == statuses
    assert all(f'<th scope="col">{name}</th>' in seen["dashboard"] for name in statuses.values())
    assert seen["steps"] == words(app, language, vocabulary.STEP_NAMES)
    assert seen["response"] == words(app, language, vocabulary.RESPONSE_NAMES)["supported"]
    assessments = words(app, language, vocabulary.ASSESSMENT_NAMES)
    assert seen["assessment"][1] == assessments[seen["assessment"][0]]
    assert set(seen["totals"]) <= set(assessments.values())
    if language != "en":  # the words are translated, not English left as it was
        assert statuses != words(app, "en", vocabulary.STATUS_NAMES)


def test_a_word_changed_in_the_vocabulary_changes_everywhere(app, world, monkeypatch):
    for names in (vocabulary.STATUS_NAMES, vocabulary.STEP_NAMES, vocabulary.ASSESSMENT_NAMES,
                  vocabulary.RESPONSE_NAMES):
        for key in names:
            monkeypatch.setitem(names, key, f"word-{key or 'unknown'}")
    seen = shown(app, world, "en")
    assert seen["badges"] == {status: f"word-{status}" for status in vocabulary.STATUS_NAMES}
    assert '<th scope="col">word-changes_requested</th>' in seen["dashboard"]
    assert seen["steps"] == {status: f"word-{status}" for status in vocabulary.STEP_NAMES}
    assert seen["response"] == "word-supported"
    assert seen["assessment"] == ("not_assessed", "word-not_assessed")
    assert seen["totals"] and all(name.startswith("word-") for name in seen["totals"])


def test_the_forms_offer_the_vocabularys_words_in_its_order():
    assert [(choice.value, choice.label) for choice in forms.ASSESSMENTS] == list(vocabulary.ASSESSMENT_NAMES.items())
    assert [(choice.value, choice.label) for choice in forms.RESPONSES] == list(vocabulary.RESPONSE_NAMES.items())
