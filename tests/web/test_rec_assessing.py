"""Adding and correcting recommendations, and assessing them: every assessment kept, none unsafe."""
import pytest

from models import Activity, Recommendation
from tests.helpers import parse, signed_in, text
from tests.web.recs import DOCUMENT, PAYLOADS, SVG, assess, assessments, group

# Adding and correcting (the coordinator).

def as_shown(page: str) -> dict[str, str]:
    """The edit form's fields as a browser would post them untouched (a select without a choice: its first)."""
    values = {}
    for element in parse(page).find(".//form[@class='stacked']").iter():
        if element.tag in ("input", "textarea", "select") and element.get("name"):
            options = element.findall("option")
            chosen = next((o for o in options if o.get("selected") is not None), options[0] if options else None)
            values[element.get("name")] = (chosen.get("value") if element.tag == "select" else
                                           element.text or "" if element.tag == "textarea" else element.get("value"))
    return values


def test_adding_and_correcting(client, login, world):
    login("coordinator")
    url = f"/reports/{world['report']}/recommendations/new"
    form = {**as_shown(client.get(url).text), "number": "150.1", "document": DOCUMENT, "text": "Ratify OP-CAT.",
            "states": "Germany\nFrance", "themes": "Torture; Detention", "response": "supported",
            "group": str(group("beta").id)}
    answer = client.post(url, data=form)
    rec = Recommendation.get(Recommendation.number == "150.1")
    assert answer.headers["Location"].endswith(f"/recommendations/{rec.id}")
    assert (rec.states, rec.themes, rec.group_id, rec.status) == (
        "Germany\nFrance", "Torture\nDetention", group("beta").id, "not_assessed")
    clash = client.post(url, data={**form, "number": "142.45"})
    assert clash.status_code == 400 and "This document already has a recommendation with this number." in clash.text
    wrong = client.post(url, data={**form, "number": "150.x"})
    assert wrong.status_code == 400 and "A number like 118.12." in wrong.text
    assert Recommendation.select().count() == 2
    moved = client.post(f"/recommendations/{rec.id}/edit", data={**form, "number": "150.2", "group": "0"})
    assert moved.status_code == 302
    assert (Recommendation.get_by_id(rec.id).number, Recommendation.get_by_id(rec.id).group_id) == ("150.2", None)


def test_an_untouched_edit_keeps_the_group(client, login, world):
    login("coordinator")
    url = f"/recommendations/{world['recommendation']}/edit"
    assert as_shown(client.get(url).text)["group"] == str(group("alpha").id)
    client.post(url, data=as_shown(client.get(url).text))
    assert Recommendation.get_by_id(world["recommendation"]).group_id == group("alpha").id


def test_an_untouched_edit_keeps_a_theme_with_a_comma(client, login, world):
    rec = world["recommendation"]
    Recommendation.update(themes="Economic, social and cultural rights").where(Recommendation.id == rec).execute()
    login("coordinator")
    url = f"/recommendations/{rec}/edit"
    assert client.post(url, data={**as_shown(client.get(url).text), "group": "0"}).status_code == 302
    assert Recommendation.get_by_id(rec).themes == "Economic, social and cultural rights"


# Assessments.

def history(client, rec_id):
    return parse(client.get(f"/recommendations/{rec_id}").text).findall(".//ol[@class='assessments']/li")


def test_every_assessment_is_kept_newest_first(app, client, login, world):
    rec = world["recommendation"]
    assess(signed_in(app, "lead"), rec, "partially", "Only in Almaty.")
    login("coordinator")
    assess(client, rec, "not_implemented", "The new law *keeps* the permission regime.", "[Law](https://adilet.zan.kz)")
    entries = history(client, rec)
    assert [text(li.find("p")).split(" — ")[0] for li in entries] == ["Not implemented", "Partially implemented"]
    assert [text(li.find("p")).split(" — ")[1].split(",")[0] for li in entries] == ["Coordinator", "Lead"]
    assert all(li.find(".//time").get("datetime").endswith("Z") for li in entries)
    assert entries[0].find(".//div[@class='prose']//em").text == "keeps"
    assert entries[0].find(".//div[@class='prose sources']//a").get("href") == "https://adilet.zan.kz"
    assert "Only in Almaty." in text(entries[1])
    assert Recommendation.get_by_id(rec).status == "not_implemented"
    heading = parse(client.get(f"/recommendations/{rec}").text).find(".//h1")
    assert text(heading) == "Recommendation 142.45 Not implemented"


def test_a_justification_is_required(client, login, world):
    rec = world["recommendation"]
    login("member")
    answer = assess(client, rec, "implemented", "   ", "Interview with a lawyer, May 2024.")
    assert answer.status_code == 400 and "Say why: the annex quotes this justification." in answer.text
    form = parse(answer.text).find(".//form[@class='stacked']")
    assert form.find(".//input[@value='implemented']").get("checked") is not None
    assert form.find(".//textarea[@name='sources']").text.strip() == "Interview with a lawyer, May 2024."
    assert assessments(rec) == 0 and Recommendation.get_by_id(rec).status == "not_assessed"
    assert assess(client, rec, "not_assessed", "").status_code == 302
    assert assessments(rec) == 1


@pytest.mark.parametrize("status", ["done", "", "NOT_IMPLEMENTED"])
def test_an_unknown_status_is_refused(client, login, world, status):
    login("coordinator")
    assert assess(client, world["recommendation"], status).status_code == 400
    assert assessments(world["recommendation"]) == 0


@pytest.mark.parametrize("payload", PAYLOADS)
def test_justifications_never_carry_live_markup(client, login, world, payload):
    login("lead")
    assert assess(client, world["recommendation"], "implemented", payload, payload).status_code == 302
    root = parse(client.get(f"/recommendations/{world['recommendation']}").text)
    assert root.find(".//ol[@class='assessments']//div[@class='prose']") is not None
    for element in root.iter():
        assert not [name for name in element.attrib if name.lower().startswith("on")], element.attrib
        assert not [v for v in element.attrib.values() if v.strip().lower().startswith("javascript:")]
        assert element.tag != "script" or (element.get("src") and not (element.text or "").strip())
    assert not root.findall(".//ol[@class='assessments']//*[@src]")
    content = root.find(".//*[@id='main']")  # the navigation bar's icons are the app's own SVG
    assert not [element.tag for element in content.iter() if str(element.tag).startswith(SVG)]


def test_the_feed_names_the_assessment(client, login, world):
    login("lead")
    assess(client, world["recommendation"], "partially")
    feed = parse(client.get(f"/reports/{world['report']}/activity").text)
    said = [text(span) for span in feed.iter("span") if span.get("class") == "what"]
    assert said[0] == "Lead assessed recommendation 142.45: Partially implemented"
    link = next(a for a in feed.iter("a") if a.text == "142.45")
    assert link.get("href") == f"/recommendations/{world['recommendation']}"
    [entry] = Activity.select().where(Activity.kind == Activity.ASSESS)
    assert (entry.detail, entry.recommendation_id) == ("partially", world["recommendation"])
