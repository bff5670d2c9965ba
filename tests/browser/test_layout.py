"""The layout on a 360 px phone (nothing wider than the screen, and what scrolls reachable by keyboard, for
axe-core) and a page printed from the browser."""
import pytest
from playwright.sync_api import expect

from coalition import revisions
from models import Activity, Notification, Section, User
from tests.browser.steps import sign_in
from tests.browser.test_accessibility import addresses, check

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}
# Words and tables a phone cannot shrink: they must wrap or scroll inside their own box, not the page.
WIDE_TEXT = ("An address: https://upr-info-database.example.org/recommendations/kazakhstan/cycle-4/"
             "A-HRC-43-10-142.45-freedom-of-peaceful-assembly-and-association?language=ru&page=12\n\n"
             "Казахстанскоемеждународноебюропоправамчеловекаисоблюдениюзаконности.\n\n"
             "| Year | Region | Detained | Fined | Charged | Acquitted | Appealed | Source |\n"
             "|---|---|---|---|---|---|---|---|\n"
             "| 2022 | Almaty region | 1,204 | 3,456 | 789 | 12 | 345 | Ministry of Internal Affairs |\n")

# The outermost elements whose right edge passes the viewport and that no scrolling box of theirs clips
# (an absolutely placed one is clipped only by a box that holds its containing block).
OVERFLOWING = """() => {
  const clipped = e => {
    const out = ['absolute', 'fixed'].includes(getComputedStyle(e).position);
    for (let p = out ? e.offsetParent : e.parentElement; p && p !== document.body; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== 'visible') return true; }
    return false; };
  const wide = new Set([...document.body.querySelectorAll('*')]
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5 && !clipped(e)));
  const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
    + [...e.classList].map(c => '.' + c).join('');
  return [...wide].filter(e => !wide.has(e.parentElement)).slice(0, 5)
    .map(e => `${name(e)} in ${name(e.parentElement)} (right edge ${Math.round(e.getBoundingClientRect().right)} px)`);
}"""


def problems_on_a_phone(page, name, address) -> list[str]:
    """Lines naming what sticks out of `address` at the phone's width, and axe's findings there (a table
    that scrolls must be reachable by keyboard)."""
    found = check(page, name, address)
    if not page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"):
        found.append(f"{name} ({address}): {page.evaluate(OVERFLOWING)}")
    return found


@pytest.mark.parametrize("role", ["coordinator", "member"])
def test_no_page_scrolls_sideways_on_a_phone(app, page, world, role):
    with app.app_context():
        section = Section.get_by_id(world["sections"]["own"])
        revisions.save(section, User.get(User.login == "lead"), WIDE_TEXT, "a long address and a wide table", 2)
    page.set_viewport_size(PHONE)
    sign_in(page, role)
    problems = [line for name, address in addresses(world, role) for line in problems_on_a_phone(page, name, address)]
    assert problems == [], f"{role}, pages wider than {PHONE['width']} px:\n" + "\n".join(problems)


def test_a_printed_section_shows_the_text_without_controls(page, world):
    sign_in(page, "member")
    page.goto(f"/sections/{world['sections']['own']}")
    page.emulate_media(media="print")
    display = "e => getComputedStyle(e).display"
    assert page.locator(".main-nav").evaluate(display) == "none"
    assert set(page.locator("form").evaluate_all(f"forms => forms.map({display})")) == {"none"}
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("article.prose")).to_contain_text("Второй вариант текста")
    expect(page.locator("article.prose")).to_be_visible()


# Each of the header's controls whose label is broken over more than one line (the label's text, not the box).
BROKEN_LABELS = """() => [...document.querySelectorAll('.site-header nav > a, .site-header nav button')]
  .filter(e => e.textContent.trim() && !e.classList.contains('who'))
  .filter(e => { const range = document.createRange(); range.selectNodeContents(e);
                 return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1; })
  .map(e => e.textContent.trim())"""


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_the_header_fits_a_phone_in_every_language(app, page, world, language):
    """Its longest labels (an inbox with a two-figure count, a long name): nothing wider than the screen, and no
    link or button label broken over two lines (the person's name may wrap)."""
    with app.app_context():
        member = User.get(User.login == "member")
        User.update(language=language, display_name="Айгерім Сейітқызы Нұрланова").where(User.id == member.id).execute()
        reviewer = User.get(User.login == "reviewer")
        for _ in range(12):
            entry = Activity.create(report=world["report"], kind=Activity.COMMENT, user=reviewer,
                                    section=world["sections"]["own"])
            Notification.create(recipient=member, activity=entry, reason=Notification.GROUP)
    page.set_viewport_size(PHONE)
    sign_in(page, "member")
    page.goto(f"/sections/{world['sections']['own']}")
    expect(page.locator("#inbox-link")).to_contain_text("12")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.evaluate(OVERFLOWING)
    assert page.evaluate(BROKEN_LABELS) == []
