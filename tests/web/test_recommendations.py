"""The recommendations tracker over HTTP: who may assess and manage, the assessments' history, the list's
search, filters and pages, the statistics, the CSV export, and [rec:N] citations in sections and the annex."""
import csv
import io
import re
from urllib.parse import parse_qsl, urlsplit

import pytest
import tinyhtml5

import exports
import recommendations
import revisions
from models import Activity, Assessment, Recommendation, Report, Section, User, WorkingGroup
from tests.web.conftest import sign_in

ROLES = ("coordinator", "reviewer", "lead", "member", "other")
# Written out by hand: a group assesses its own recommendations, the coordinator all of them.
ASSESSORS = {"alpha": {"coordinator", "lead", "member"}, "beta": {"coordinator", "other"}, "none": {"coordinator"}}
DOCUMENT = "A/HRC/43/10"
SVG = "{http://www.w3.org/2000/svg}"  # the HTML5 parser puts <svg> and its children in SVG's namespace
PAYLOADS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
            "<svg onload=alert(1)>", '<a href="javascript:alert(1)">x</a>', "![x](javascript:alert(1))",
            '[x](https://example.org "\\" onmouseover=alert(1) \\"")', "</textarea><script>alert(1)</script>"]


def parse(html: str):
    return tinyhtml5.parse(html, namespace_html_elements=False)


def text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def group(name: str) -> WorkingGroup:
    return WorkingGroup.get(WorkingGroup.name == {"alpha": "Civil and political rights",
                                                  "beta": "Women's rights"}[name])


def add(world, number, text="A recommendation.", group_key=None, **fields):
    return Recommendation.create(report=world["report"], number=number, document=DOCUMENT, text=text,
                                 group=group(group_key) if group_key else None, **fields).id


@pytest.fixture
def recs(world):
    """The world's 142.45 (alpha's), one of beta's and one nobody's yet."""
    return {"alpha": world["recommendation"], "beta": add(world, "142.9", group_key="beta"),
            "none": add(world, "142.10")}


def person(app, name):
    """A client of its own, signed in as that person (a signed-in client cannot sign in again)."""
    client = app.test_client()
    assert sign_in(client, name).status_code == 302
    return client


def assess(client, rec_id, status="implemented", justification="The law was amended in 2021.", sources=""):
    return client.post(f"/recommendations/{rec_id}/assess",
                       data={"status": status, "justification": justification, "sources": sources})


def assessments(rec_id) -> int:
    return Assessment.select().where(Assessment.recommendation == rec_id).count()


# Who may do what.

CASES = [(role, key) for role in ROLES for key in ASSESSORS]


@pytest.mark.parametrize("role, key", CASES, ids=["-".join(case) for case in CASES])
def test_who_may_assess(client, login, world, recs, role, key):
    login(role)
    page = client.get(f"/recommendations/{recs[key]}")
    assert page.status_code == 200 and "Bring the law" in client.get(f"/recommendations/{recs['alpha']}").text
    assert (f'action="/recommendations/{recs[key]}/assess"' in page.text) == (role in ASSESSORS[key])
    answer = assess(client, recs[key])
    if role in ASSESSORS[key]:
        assert answer.status_code == 302 and answer.headers["Location"].endswith(f"/recommendations/{recs[key]}")
        assert assessments(recs[key]) == 1 and Recommendation.get_by_id(recs[key]).status == "implemented"
    else:
        assert answer.status_code == 403
        assert assessments(recs[key]) == 0 and Recommendation.get_by_id(recs[key]).status == "not_assessed"


@pytest.mark.parametrize("role", ROLES)
def test_only_the_coordinator_manages(client, login, world, role):
    report, rec = world["report"], world["recommendation"]
    login(role)
    allowed = role == "coordinator"
    for url in (f"/reports/{report}/recommendations/new", f"/recommendations/{rec}/edit",
                f"/reports/{report}/recommendations/import"):
        assert client.get(url).status_code == (200 if allowed else 403), url
    new = client.post(f"/reports/{report}/recommendations/new",
                      data={"number": "150.1", "text": "New.", "response": "", "group": 0})
    assert new.status_code == (302 if allowed else 403)
    edit = client.post(f"/recommendations/{rec}/edit",
                       data={"number": "142.45", "document": DOCUMENT, "text": "Changed.", "response": "noted",
                             "group": 0})
    assert edit.status_code == (302 if allowed else 403)
    assert (Recommendation.get_by_id(rec).text == "Changed.") == allowed
    assert Recommendation.select().where(Recommendation.number == "150.1").exists() == allowed
    page = client.get(f"/reports/{report}/recommendations").text
    assert ("Import from CSV" in page) == allowed and ("Add a recommendation" in page) == allowed


@pytest.mark.parametrize("role", ROLES)
def test_only_the_coordinator_sees_an_import_preview(app, client, login, world, role):
    file = {"file": (io.BytesIO(b"number,text\n150.1,New.\n"), "new.csv")}
    url = person(app, "coordinator").post(f"/reports/{world['report']}/recommendations/import",
                                          data=file).headers["Location"]
    login(role)
    assert client.get(url).status_code == (200 if role == "coordinator" else 403)
    posted = client.post(url, data={"column-0": "number", "column-1": "text", "action": "import"})
    assert posted.status_code == (302 if role == "coordinator" else 403)
    assert Recommendation.select().where(Recommendation.number == "150.1").exists() == (role == "coordinator")


def test_anonymous_is_sent_to_sign_in(client, world):
    report, rec = world["report"], world["recommendation"]
    gets = [f"/reports/{report}/recommendations", f"/recommendations/{rec}", f"/recommendations/{rec}/edit",
            f"/reports/{report}/recommendations/new", f"/reports/{report}/recommendations/statistics",
            f"/reports/{report}/recommendations.csv", "/recommendations/template.csv",
            f"/reports/{report}/recommendations/import", "/imports/1"]
    answers = [client.get(url) for url in gets] + [assess(client, rec)]
    for url, answer in zip(gets + ["assess"], answers):
        assert answer.status_code == 302 and "/login" in answer.headers["Location"], url
    assert assessments(rec) == 0


def test_unknown_ids(client, login, world):
    login("coordinator")
    for url in ("/reports/999/recommendations", "/recommendations/999", "/recommendations/999/edit",
                "/reports/999/recommendations/new", "/reports/999/recommendations/statistics",
                "/reports/999/recommendations.csv", "/reports/999/recommendations/import", "/imports/999"):
        assert client.get(url).status_code == 404, url
    assert assess(client, 999).status_code == 404



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
    assess(person(app, "lead"), rec, "partially", "Only in Almaty.")
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
    assert not [element.tag for element in root.iter() if str(element.tag).startswith(SVG)]


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


# The list.

@pytest.fixture
def shelf(world):
    """Four recommendations (with the world's 142.45) in every kind of group, status, response and theme."""
    add(world, "142.100", "Adopt a law on domestic violence.", "alpha", response="supported", states="Spain",
        themes="Women's rights\nViolence against women", status="implemented")
    add(world, "142.9", "Extend a standing invitation to the special procedures.", "beta", response="noted",
        states="Latvia", themes="Special procedures")
    add(world, "142.10", "Усилить меры по предотвращению пыток в местах лишения свободы.", states="Дания\nЧехия",
        themes="Torture\nDetention", status="partially")


def listed(client, world, **params):
    response = client.get(f"/reports/{world['report']}/recommendations", query_string=params)
    assert response.status_code == 200
    table = parse(response.text).find(".//table[@class='recommendations']")
    return [] if table is None else [row.find("td/a").text for row in table.iter("tr") if row.find("td/a") is not None]


def test_the_uns_order(client, login, world, shelf):
    login("reviewer")
    assert listed(client, world) == ["142.9", "142.10", "142.45", "142.100"]


@pytest.mark.parametrize("params, numbers", [
    ({"q": "142.1"}, ["142.10", "142.100"]),
    ({"q": "ПЫТОК"}, ["142.10"]),
    ({"q": "чехия"}, ["142.10"]),
    ({"q": "LATVIA"}, ["142.9"]),
    ({"q": "  peaceful assemblies  "}, ["142.45"]),
    ({"q": "Nowhere"}, []),
    ({"group": "alpha"}, ["142.45", "142.100"]),
    ({"group": "beta"}, ["142.9"]),
    ({"group": 0}, ["142.10"]),
    ({"status": "partially"}, ["142.10"]),
    ({"status": "not_assessed"}, ["142.9", "142.45"]),
    ({"response": "noted"}, ["142.9"]),
    ({"response": "supported"}, ["142.45", "142.100"]),
    ({"response": ""}, ["142.10"]),
    ({"response": "x"}, ["142.9", "142.10", "142.45", "142.100"]),
    ({"theme": "Detention"}, ["142.10"]),
    ({"theme": "Women's rights"}, ["142.100"]),
    ({"theme": "Detent"}, []),
    ({"q": "142", "group": "alpha", "status": "implemented"}, ["142.100"]),
])
def test_search_and_filters(client, login, world, shelf, params, numbers):
    params = {k: (group(v).id if k == "group" and v in ("alpha", "beta") else v) for k, v in params.items()}
    login("other")
    assert listed(client, world, **params) == numbers


def test_filters_are_kept_in_the_form(client, login, world, shelf):
    login("member")
    page = parse(client.get(f"/reports/{world['report']}/recommendations",
                            query_string={"q": "пыток", "group": 0, "theme": "Torture"}).text)
    assert page.find(".//input[@name='q']").get("value") == "пыток"
    assert page.find(".//select[@name='group']/option[@selected]").get("value") == "0"
    assert page.find(".//select[@name='theme']/option[@selected]").text == "Torture"
    themes = [o.text for o in page.findall(".//select[@name='theme']/option")][1:]
    assert themes == ["Detention", "Special procedures", "Torture", "Violence against women", "Women's rights"]


def test_htmx_gets_the_results_only(client, login, world, shelf):
    login("member")
    response = client.get(f"/reports/{world['report']}/recommendations", query_string={"q": "142.1"},
                          headers={"HX-Request": "true"})
    assert response.status_code == 200 and "<html" not in response.text and "<form" not in response.text
    assert "2 recommendations" in response.text and ">142.100</a>" in response.text
    assert "HX-Request" in response.headers["Vary"]


@pytest.fixture
def many(world):
    """120 more recommendations, 143.1 to 143.120; 142.45 makes 121."""
    for n in range(1, 121):
        add(world, f"143.{n}", f"Recommendation number {n}.", "beta" if n % 2 else None)


def pager(client, world, **params):
    response = client.get(f"/reports/{world['report']}/recommendations", query_string=params)
    nav = parse(response.text).find(".//nav[@class='pager']")
    return {a.text: a.get("href") for a in nav.iter("a")}, text(nav.find("span"))


def test_pages(client, login, world, many):
    login("reviewer")
    assert listed(client, world)[:3] == ["142.45", "143.1", "143.2"] and len(listed(client, world)) == 50
    assert listed(client, world, page=3) == [f"143.{n}" for n in range(100, 121)]
    assert listed(client, world, page=2)[0] == "143.50"
    links, where = pager(client, world, page=2)
    assert where == "Page 2 of 3" and set(links) == {"Previous", "Next"}
    assert "page=3" in links["Next"] and "page=1" in links["Previous"]
    assert listed(client, world, page=0)[0] == "142.45"
    assert listed(client, world, page=99) == []


def test_pages_keep_the_filters(client, login, world, many):
    login("reviewer")
    links, where = pager(client, world, q="Recommendation number", group=group("beta").id)
    assert where == "Page 1 of 2"
    assert urlsplit(links["Next"]).path == f"/reports/{world['report']}/recommendations"
    assert listed(client, world, **dict(parse_qsl(urlsplit(links["Next"]).query))) == [
        f"143.{n}" for n in range(101, 121, 2)]


def test_pages_keep_the_response_unknown_filter(client, login, world, many):
    login("reviewer")
    links, where = pager(client, world, response="")
    assert where == "Page 1 of 3"
    assert "response=" in links["Next"]


# Statistics.

STATUSES = ["implemented", "partially", "partially", "formally", "not_implemented", "not_implemented",
            "not_implemented", "no_progress", "not_assessed", "not_assessed"]


@pytest.fixture
def assessed(app, world):
    """Ten recommendations with known statuses (142.45 the first), spread over groups and responses."""
    coordinator = User.get(User.login == "coordinator")
    with app.app_context():
        for i, status in enumerate(STATUSES):
            rec_id = world["recommendation"] if i == 0 else add(
                world, f"150.{i}", group_key=("alpha", "beta", None)[i % 3], response=("supported", "noted")[i % 2])
            if status != "not_assessed":
                recommendations.assess(Recommendation.get_by_id(rec_id), coordinator, status, "Why.", "")


def test_statistics(client, login, world, assessed):
    login("other")
    response = client.get(f"/reports/{world['report']}/recommendations/statistics")
    page = parse(response.text)
    assert text(page.find(".//p[@class='summary']")) == (
        "38% of the 8 assessed recommendations are not implemented; a further 50% are implemented only partly "
        "or formally, or show no progress.")
    svg = page.find(f".//{SVG}svg[@role='img']")
    assert [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "chart-value"] == [
        "1 (13%)", "2 (25%)", "1 (13%)", "3 (38%)", "1 (13%)", "2 (20%)"]
    assert [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "chart-label"] == [
        "Implemented", "Partially implemented", "Implemented only formally", "Not implemented", "No progress",
        "Not assessed"]
    by_group, by_response = [[(text(row.find("th")), [text(td) for td in row.findall("td")])
                              for row in table.findall("tbody/tr")] for table in page.iter("table")]
    # i % 3 picks the group (alpha, beta, none), i % 2 the response (supported, noted).
    assert by_group == [
        ("Civil and political rights", ["4", "1 (33%)", "0", "1 (33%)", "1 (33%)", "0", "1 (25%)"]),
        ("Women's rights", ["3", "0", "1 (33%)", "0", "1 (33%)", "1 (33%)", "0"]),
        ("No group yet", ["3", "0", "1 (50%)", "0", "1 (50%)", "0", "1 (33%)"])]
    assert by_response == [
        ("Supported", ["5", "1 (25%)", "1 (25%)", "0", "2 (50%)", "0", "1 (20%)"]),
        ("Noted", ["5", "0", "1 (25%)", "1 (25%)", "1 (25%)", "1 (25%)", "1 (20%)"])]
    assert "Of the 4 assessed recommendations the State supported, 25% are implemented." in text(page)


def test_statistics_with_nothing_assessed(client, login, world):
    login("member")
    page = parse(client.get(f"/reports/{world['report']}/recommendations/statistics").text)
    assert text(page.find(".//p[@class='summary']")) == "No recommendation is assessed yet."
    Recommendation.delete().execute()
    assert "No recommendations yet." in client.get(f"/reports/{world['report']}/recommendations/statistics").text


# The CSV export.

def exported(client, world):
    response = client.get(f"/reports/{world['report']}/recommendations.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == 'attachment; filename="recommendations.csv"'
    assert response.data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"), newline="")))


def test_csv_export_has_the_current_assessment(client, login, world):
    rec = world["recommendation"]
    Recommendation.update(states="Germany\nFrance", themes="Assembly\nProtest").where(
        Recommendation.id == rec).execute()
    login("lead")
    assess(client, rec, "partially", "First look.")
    assess(client, rec, "no_progress", "Nothing changed since 2020.", "Interview, May 2024")
    login("reviewer")
    header, row = exported(client, world)
    assert header == ["number", "document", "cycle", "text", "states", "response", "themes", "affected_groups",
                      "sdgs", "group", "status", "justification", "sources", "assessed_by", "assessed_at"]
    record = dict(zip(header, row))
    assert {k: record[k] for k in ("number", "document", "states", "response", "themes", "group", "status",
                                   "justification", "sources", "assessed_by")} == {
        "number": "142.45", "document": DOCUMENT, "states": "Germany; France", "response": "Supported",
        "themes": "Assembly; Protest", "group": "Civil and political rights", "status": "No progress",
        "justification": "Nothing changed since 2020.", "sources": "Interview, May 2024", "assessed_by": "Lead"}
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d", record["assessed_at"])


def test_csv_export_neutralises_formulas(client, login, world):
    add(world, "142.9", '=cmd|" /C calc"!A0', states="+Evil", themes="@SUM(1)")
    login("coordinator")
    assess(client, world["recommendation"], "implemented", '=cmd|" /C calc"!A0')
    header, first, second = exported(client, world)
    by_number = {row[0]: dict(zip(header, row)) for row in (first, second)}
    assert by_number["142.9"]["text"] == '\'=cmd|" /C calc"!A0'
    assert by_number["142.9"]["states"] == "'+Evil" and by_number["142.9"]["themes"] == "'@SUM(1)"
    assert by_number["142.45"]["justification"] == '\'=cmd|" /C calc"!A0'


def test_the_template(client, login, world):
    login("member")
    response = client.get("/recommendations/template.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "recommendations-template.csv" in response.headers["Content-Disposition"]
    header, example = csv.reader(io.StringIO(response.data.decode("utf-8-sig")))
    assert header == ["number", "document", "cycle", "text", "states", "response", "themes", "affected_groups",
                      "sdgs", "group"]
    assert example[0] == "118.12" and len(example) == len(header)


# Citations.

def cite(app, world, body):
    with app.app_context():
        section = Section.get_by_id(world["sections"]["own"])
        revisions.save(section, User.get(User.login == "lead"), body, "cite", section.head_revision().number)


def test_a_citation_links_to_the_recommendation(app, client, login, world):
    cite(app, world, "Собрания ограничены [rec:142.45], см. также [rec:999.1].")
    login("other")
    page = parse(client.get(f"/sections/{world['sections']['own']}").text)
    link = page.find(".//article[@class='prose']//a[@class='rec rec-not_assessed']")
    assert (link.text, link.get("href"), link.get("title")) == (
        "142.45", f"/recommendations/{world['recommendation']}", "Not assessed")
    unknown = page.find(".//article[@class='prose']//span[@class='rec-unknown']")
    assert unknown.text == "[rec:999.1]" and unknown.get("title") == "No recommendation has this number"
    assess(person(app, "lead"), world["recommendation"], "formally", "On paper only.")
    page = parse(client.get(f"/sections/{world['sections']['own']}").text)
    assert page.find(".//a[@class='rec rec-formally']").get("title") == "Implemented only formally"


def test_the_recommendation_lists_the_sections_citing_it(app, client, login, world):
    login("reviewer")
    cited = parse(client.get(f"/recommendations/{world['recommendation']}").text)
    assert "No section cites it yet. Write [rec:142.45] in a section to cite it." in text(cited)
    cite(app, world, "See [rec:142.45].")
    page = parse(client.get(f"/recommendations/{world['recommendation']}").text)
    assert "Cited in" in [h.text for h in page.iter("h2")]
    links = [(a.text, a.get("href")) for a in page.iter("a") if a.get("href", "").startswith("/sections/")]
    assert links == [("Civil and political rights section", f"/sections/{world['sections']['own']}")]
    cite(app, world, "No longer cited; [rec:142.4] is another one.")
    assert "No section cites it yet." in client.get(f"/recommendations/{world['recommendation']}").text


def test_the_editors_preview_flags_unknown_numbers(client, login, world):
    login("lead")
    response = client.post(f"/sections/{world['sections']['own']}/preview",
                           data={"body": "Known [rec:142.45], unknown [rec:999.1]."}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    fragment = parse(response.text)
    warning = fragment.find(".//p[@role='alert']")
    assert text(warning).startswith("No recommendation has the number: 999.1.")
    assert fragment.find(".//a[@class='rec rec-not_assessed']").text == "142.45"
    clean = client.post(f"/sections/{world['sections']['own']}/preview", data={"body": "Known [rec:142.45]."})
    assert "No recommendation has the number" not in clean.text


# The annex of the exported document.

@pytest.fixture
def annexed(app, world):
    """Four assessed recommendations: 142.45 (alpha, no theme), 142.9 (beta), 142.10 and 142.100 (no group)."""
    Report.update(language="en").where(Report.id == world["report"]).execute()
    add(world, "142.100", "Protect migrants.", themes="Migrants", states="Kyrgyzstan")
    add(world, "142.9", "Invite the special procedures.", "beta", themes="Special procedures\nMigrants",
        states="Latvia\nEstonia", response="noted")
    add(world, "142.10", "Prevent torture.", themes="Torture")
    coordinator = User.get(User.login == "coordinator")
    with app.app_context():
        for number, status in (("142.45", "implemented"), ("142.9", "not_implemented"),
                               ("142.10", "not_implemented"), ("142.100", "partially")):
            recommendations.assess(Recommendation.get(Recommendation.number == number), coordinator, status,
                                   f"Why {number}.", "")


def annex(app, world, by):
    with app.app_context():
        return exports.document_for(Report.get_by_id(world["report"]), annex_by=by).annex


def test_the_annex_by_theme(app, world, annexed):
    found = annex(app, world, "theme")
    assert found.title == "Annex. Implementation of the recommendations of the previous cycle"
    assert found.summary == ("50% of the 4 assessed recommendations are not implemented; a further 25% are "
                             "implemented only partly or formally, or show no progress.")
    assert ("Not implemented", 2, 50) in found.totals and ("Not assessed", 0, 0) in found.totals
    assert [(part.heading, [row.number for row in part.rows]) for part in found.parts] == [
        ("Migrants", ["142.100"]), ("Special procedures", ["142.9"]), ("Torture", ["142.10"]),
        ("Other recommendations", ["142.45"])]
    row = found.parts[1].rows[0]
    assert (row.text, row.states, row.response, row.status, row.status_key, row.justification) == (
        "Invite the special procedures.", "Latvia, Estonia", "Noted", "Not implemented", "not_implemented",
        "Why 142.9.")


def test_the_annex_by_group(app, world, annexed):
    parts = annex(app, world, "group").parts
    assert [(part.heading, [row.number for row in part.rows]) for part in parts] == [
        ("Civil and political rights", ["142.45"]), ("Women's rights", ["142.9"]),
        ("No group yet", ["142.10", "142.100"])]
    WorkingGroup.update(position=0).where(WorkingGroup.name == "Women's rights").execute()
    assert [part.heading for part in annex(app, world, "group").parts][:2] == [
        "Women's rights", "Civil and political rights"]


def test_no_annex_unless_asked(app, world, annexed):
    assert annex(app, world, None) is None
    Recommendation.delete().execute()
    assert annex(app, world, "theme") is None
