"""What the editor gives static/js/offline.js (issue 20, "not a word lost offline"): where to autosave, whose
and which section's text it is, when the server last kept it, the most characters a text may have, and the
script's words, translated by the page. The script's behaviour is tested in tests/browser/test_offline.py."""
import hashlib
from datetime import UTC
from pathlib import Path

from coalition.revisions import MAX_BODY_CHARS
from models import Draft, Revision, User
from tests.helpers import parse
from tests.web.coedit import HX

SCRIPT = Path(__file__).parents[2] / "static/js/offline.js"


def editor(client, section_id, query=""):
    response = client.get(f"/sections/{section_id}/edit{query}")
    assert response.status_code == 200
    return parse(response.text)


def ms(moment) -> int:
    return int(moment.replace(tzinfo=UTC).timestamp() * 1000)


def test_the_form_names_the_person_the_section_and_where_to_autosave(client, login, own):
    login("member")
    form = editor(client, own).find(".//form[@class='editor']")
    assert form.get("data-autosave") == f"/sections/{own}/draft"
    assert form.get("data-user") == str(User.get(User.login == "member").id)
    assert form.get("data-section") == str(own)
    # The script autosaves; htmx no longer does (the two would post every draft twice).
    assert form.get("hx-post") is None and form.get("hx-trigger") is None


def test_the_text_box_tells_its_limit_and_truncates_nothing(client, login, own):
    login("member")
    body = editor(client, own).find(".//textarea[@name='body']")
    assert body.get("data-max-chars") == str(MAX_BODY_CHARS)
    assert body.get("maxlength") is None  # a browser would cut a long paste silently


def test_the_server_time_is_the_revision_s_then_the_draft_s(client, login, own):
    login("member")
    head = Revision.get(Revision.section == own, Revision.number == 2)
    assert editor(client, own).find(".//form[@class='editor']").get("data-server-time") == str(ms(head.created_at))

    kept = client.post(f"/sections/{own}/draft", data={"body": "Черновик.", "base": 2}, headers=HX)
    assert kept.status_code == 200
    draft = Draft.get(Draft.section == own)
    assert draft.updated_at > head.created_at
    for query in ("", "?draft=1"):  # offered by the server, or taken up
        form = editor(client, own, query).find(".//form[@class='editor']")
        assert form.get("data-server-time") == str(ms(draft.updated_at))


def test_the_script_s_words_and_the_offer_are_on_the_page_and_hidden(client, login, own):
    login("member")
    page = editor(client, own)
    words = page.find(".//div[@id='offline-words']")
    assert words.get("hidden") is not None
    assert words.get("data-kept") == "Not saved to the server — kept in this browser."
    assert words.get("data-save-offline").startswith("Not saved: you are offline; your text is kept here")
    assert "200,000 characters" in words.get("data-paste-too-large")
    for reason in ("offline", "unreachable", "session", "too-large", "server", "removed", "not-kept", "save-held"):
        assert words.get(f"data-{reason}"), reason
    offer = page.find(".//section[@id='offline-offer']")
    assert offer.get("hidden") is not None and offer.get("aria-labelledby") == "offline-offer-title"
    assert [button.text for button in offer.iter("button")] == ["Use the copy kept in this browser", "Discard it"]
    assert "{time}" in offer.find(".//p[@data-when]").get("data-when")


def test_the_script_is_loaded_from_this_server_versioned_and_deferred(client, login, own):
    login("member")
    digest = hashlib.sha256(SCRIPT.read_bytes()).hexdigest()[:10]
    [script] = [s for s in editor(client, own).iter("script") if "offline" in (s.get("src") or "")]
    assert script.get("src") == f"/static/js/offline.js?v={digest}" and script.get("defer") is not None
    response = client.get(script.get("src"))
    assert response.status_code == 200 and response.data == SCRIPT.read_bytes()
    assert "eval(" not in response.text and "new Function" not in response.text  # the CSP forbids both
