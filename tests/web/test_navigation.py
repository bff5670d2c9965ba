"""The navigation bar: every place named once, the current one marked, People for those who may see it."""
import re

import pytest


def marked(html: str) -> dict[str, str]:
    """The navigation bar's marked link: its text -> its aria-current."""
    nav = html[html.index('<nav class="main-nav"'):html.index("</nav>", html.index('<nav class="main-nav"'))]
    return {re.sub(r"<[^>]+>", "", text).strip(): value
            for value, text in re.findall(r'<a [^>]*aria-current="(\w+)"[^>]*>(.*?)</a>', nav, re.S)}


@pytest.mark.parametrize(("address", "expected"), [
    ("/reports/{report}", {"Report": "page"}), ("/sections/{own}", {"Report": "true"}),
    ("/reports/{report}/recommendations/statistics", {"Recommendations": "true"}),
    ("/reports/{report}/activity", {"Activity": "page"}), ("/inbox", {"Inbox (0)": "page"}),
    ("/help", {"Help": "page"}), ("/reports", {"All reports": "page"}), ("/organisations", {})])
def test_the_current_place_is_marked(person, world, address, expected):
    page = person("lead").get(address.format(report=world["report"], own=world["sections"]["own"]))
    assert page.status_code == 200 and marked(page.text) == expected


def test_the_inbox_stays_marked_when_its_count_is_swapped(person, world):
    lead = person("lead")
    assert 'hx-get="/inbox/count?shown=0&amp;current=1"' in lead.get("/inbox").text
    assert 'current=1' not in lead.get("/help").text
    fresh = lead.get("/inbox/count?shown=5&current=1", headers={"HX-Request": "true"}).text
    assert 'aria-current="page"' in fresh and 'current=1"' in fresh


@pytest.mark.parametrize(("role", "sees_people"), [("coordinator", True), ("lead", True), ("member", False),
                                                   ("reviewer", False)])
def test_people_is_a_place_for_the_coordinator_and_leads(person, world, role, sees_people):
    html = person(role).get("/help").text
    assert ('href="/people"' in html) == sees_people
    assert html.count('aria-hidden="true" focusable="false"') >= 6  # each place's icon, hidden beside its word
