"""The overview: one table for every group, each group's progress in its heading row, "your group" only for
the group's own people, and no removal beside a group (it is on the group's own page)."""
import re

from models import Section


def group_rows(html: str) -> list[str]:
    """The text of each group's heading row, whitespace collapsed."""
    rows = re.findall(r'<tr class="group-row">(.*?)</tr>', html, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in rows]


def test_one_table_holds_every_group(person, world):
    html = person("member").get(f"/reports/{world['report']}").text
    assert html.count('<table class="overview">') == 1 and html.count('<tbody class="group"') == 2
    assert html.count("<thead>") == 1  # the columns are named once, for every group


def test_a_groups_heading_row_says_how_many_sections_are_approved(app, person, world):
    with app.app_context():
        Section.update(status=Section.APPROVED).where(Section.id == world["sections"]["theirs"]).execute()
    alpha, beta = group_rows(person("member").get(f"/reports/{world['report']}").text)
    assert "0 of 1 approved" in alpha and "1 of 1 approved" in beta


def test_your_group_only_for_the_groups_own_people(person, world):
    alpha, beta = group_rows(person("member").get(f"/reports/{world['report']}").text)
    assert "your group" in alpha and "your group" not in beta
    for outsider in ("coordinator", "reviewer"):
        rows = group_rows(person(outsider).get(f"/reports/{world['report']}").text)
        assert rows and all("your group" not in row for row in rows)


def test_words_are_said_once_against_the_budget(person, world):
    html = person("member").get(f"/reports/{world['report']}").text
    table = html.split('<table class="overview">')[1]
    assert "Words:" not in table and re.search(r'<meter min="0" max="500" value="\d+" aria-hidden="true">', table)
    assert re.search(r'<span class="figure">\d+ of 500</span>', table)


def test_a_group_is_removed_from_its_own_page_not_beside_its_heading(person, world):
    coordinator = person("coordinator")
    removal = f"/groups/{world['group']}/remove"
    assert removal not in coordinator.get(f"/reports/{world['report']}").text
    assert removal not in coordinator.get(f"/reports/{world['report']}/outline").text
    assert f'href="{removal}"' in coordinator.get(f"/reports/{world['report']}/groups/{world['group']}").text
