"""A compare page shows the change as the text prints, marked in words too, passes axe-core, and leads to the
source diff in one click (issue 20)."""
import re

import pytest
from playwright.sync_api import expect

from coalition import revisions
from models import Section, User
from tests.browser.steps import sign_in
from tests.browser.test_accessibility import check

pytestmark = pytest.mark.browser
OLD = ("### Свобода собраний\n\nЗакон о мирных собраниях **не изменён** с прошлого цикла, и разрешительный порядок "
       "сохраняется.\n\n| Год | Задержано |\n|-|-|\n| 2023 | 120 человек |\n\n- Отменить разрешительный порядок.\n")
NEW = ("### Свобода собраний\n\nЗакон о мирных собраниях **не изменён** с прошлого цикла, и разрешительный порядок "
       "сохраняется.\n\n| Год | Задержано |\n|-|-|\n| 2023 | 140 человек |\n\n- Отменить разрешительный порядок.\n"
       "- Освободить задержанных участников акций.\n")


def test_compare_shows_the_formatted_change_and_links_to_the_source(page, world):
    section = Section.get_by_id(world["sections"]["own"])
    lead = User.get(User.login == "lead")
    revisions.save(section, lead, OLD, "third", 2)
    revisions.save(section, lead, NEW, "fourth", 3)
    sign_in(page, "lead")
    page.goto(f"/sections/{section.id}/compare?old=3&new=4")
    diff = page.locator(".formatted-diff")
    expect(diff.get_by_role("heading", name="Свобода собраний")).to_be_visible()
    expect(diff.locator("strong")).to_have_text("не изменён")
    expect(diff.locator("li ins")).to_contain_text("Освободить задержанных участников акций.")
    expect(diff.locator("td ins")).to_contain_text("140")
    expect(diff.locator("td del")).to_contain_text("120")
    expect(diff.locator("ins").first).to_contain_text("[inserted:")  # said in words, not by colour alone
    assert check(page, "formatted diff") == []

    page.get_by_role("link", name="Show the changes in the source (Markdown)").click()
    expect(page).to_have_url(re.compile(r"view=source"))
    expect(page.locator(".diff ins").filter(has_text="- Освободить задержанных участников акций.")).to_have_count(1)
    expect(page.locator(".formatted-diff")).to_have_count(0)
