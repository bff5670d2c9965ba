"""The list of recommendations: the UN's order, search, filters, htmx and pages."""
from urllib.parse import parse_qsl, urlsplit

import pytest

from tests.helpers import parse, text
from tests.web.recs import add, group

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
