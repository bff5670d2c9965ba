"""Who may assess recommendations, who may manage them, and what nobody may."""
import io

import pytest

from models import Recommendation
from tests.helpers import signed_in
from tests.web.recs import ASSESSORS, DOCUMENT, ROLES, assess, assessments

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
    url = signed_in(app, "coordinator").post(f"/reports/{world['report']}/recommendations/import",
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
