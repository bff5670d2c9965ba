"""Issue 22's pages measured in Chromium at 1366 px: on the dashboard, the people's and the organisations' pages,
in English, Russian and Kazakh, no table cell or button label is cut or broken one word a line, and no table is cut
at the page's edge; the overview's columns stand at the same place in every group; a reviewer opens the dashboard."""
import pytest
from playwright.sync_api import expect

from models import Organisation, Section, User, WorkingGroup
from tests.browser.steps import sign_in

pytestmark = pytest.mark.browser
DESKTOP = {"width": 1366, "height": 900}

# Lines naming each cell or button whose text is cut (wider than its box) or set one word a line (as many lines
# as words, two words or more), and each table box that scrolls (a column cut at the page's edge). Lines are told
# apart by the top of each piece of visible text (a bar beside the words is not text).
CUT_OR_BROKEN = """() => {
  const lines = e => {
    const tops = [], walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim() || node.parentElement.closest('.visually-hidden')) continue;
      const range = document.createRange(); range.selectNodeContents(node);
      for (const r of range.getClientRects()) {
        if (r.width > 0 && !tops.some(t => Math.abs(t - r.top) < 4)) tops.push(r.top); } }
    return tops.length; };
  const found = [];
  for (const e of document.querySelectorAll('main td, main th, main button, main .button')) {
    const text = e.innerText.trim(), words = text.split(/\\s+/).length;
    if (e.scrollWidth > e.clientWidth + 1) found.push(`cut: ${text}`);
    else if (words > 1 && lines(e) >= words) found.push(`one word a line: ${text}`); }
  for (const box of document.querySelectorAll('main .scroll')) {
    if (box.scrollWidth > box.clientWidth + 1) found.push(`table cut at the edge: ${box.getAttribute('aria-label')}`); }
  return found; }"""


LEFTS = "cells => cells.map(c => Math.round(c.getBoundingClientRect().left))"


@pytest.fixture
def crowded(app, world):
    """Organisations with the longest labels in their rows' actions, and a group led by one of them."""
    with app.app_context():
        lead = Organisation.create(name="Kazakhstan International Bureau for Human Rights and the Rule of Law",
                                   city="Ust-Kamenogorsk", description="Monitors peaceful assemblies. " * 4)
        Organisation.create(name="Ана үйі", city="Atyrau", contact="+7 701 000 00 00")
        WorkingGroup.update(lead_organisation=lead).where(WorkingGroup.id == world["group"]).execute()
    return world


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
@pytest.mark.parametrize("address", ["/reports/{report}/dashboard", "/people", "/organisations"])
def test_nothing_is_cut_or_broken_one_word_a_line(app, page, crowded, address, language):
    """In every language of the interface: Russian's and Kazakh's longer words must fit the same columns."""
    with app.app_context():
        User.update(language=language).where(User.login == "coordinator").execute()
    page.set_viewport_size(DESKTOP)
    sign_in(page, "coordinator")
    page.goto(address.format(report=crowded["report"]))
    assert page.evaluate(CUT_OR_BROKEN) == []


def test_the_overviews_columns_line_up_across_groups(page, world):
    page.set_viewport_size(DESKTOP)
    sign_in(page, "member")
    expect(page.locator("table.overview tbody.group")).to_have_count(2)
    rows = page.locator("table.overview tbody.group tr:not(.group-row)")
    lefts = [rows.nth(i).locator("th, td").evaluate_all(LEFTS) for i in range(rows.count())]
    assert len(lefts) == 2 and lefts[0] == lefts[1], lefts  # one section in each group, its cells in line
    heading = page.locator("table.overview thead th").evaluate_all(LEFTS)
    assert heading == lefts[0]


def test_the_overview_is_cards_in_one_column_on_a_phone(page, world):
    page.set_viewport_size({"width": 390, "height": 800})
    sign_in(page, "member")
    cards = page.locator("table.overview tbody.group tr:not(.group-row)")
    boxes = [cards.nth(i).bounding_box() for i in range(cards.count())]
    assert len(boxes) == 2 and len({round(box["x"]) for box in boxes}) == 1  # one above the other
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_reviewer_opens_the_dashboard_from_the_overview(app, page, world):
    with app.app_context():
        Section.update(word_budget=6000).execute()  # two budgets past the 5,630 words of the report
    page.set_viewport_size(DESKTOP)
    sign_in(page, "reviewer")
    page.get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    expect(page.locator(".budget-warning")).to_have_text(
        "The sections' budgets add up to 12,000 words; the report's limit is 5,630.")
    assert page.evaluate(CUT_OR_BROKEN) == []
