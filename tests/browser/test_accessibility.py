"""Every page each role opens, checked by axe-core in Chromium: no violation at all (the issue asks for none
serious or critical; there are no lesser ones either, and a test keeps it so), so the people who write with
a screen reader or a keyboard can do everything the others can."""
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.steps import sign_in

pytestmark = pytest.mark.browser
AXE_FILE = Path(__file__).parents[2] / "vendor/node_modules/axe-core/axe.min.js"
# Stricter than serious and critical alone: the moderate rules (headings in order, one main landmark, all
# content in landmarks) are what a screen reader's user navigates by.
BLOCKING = {"minor", "moderate", "serious", "critical"}
# Which section each role may edit (the reviewer edits none).
EDITS = {"coordinator": "own", "lead": "own", "member": "own", "other": "theirs"}
SUGGESTS = {"coordinator", "reviewer", "other"}  # who suggests edits to the own group's section
COORDINATOR_ONLY = ["dashboard", "settings", "people", "removed", "audit log", "freeze",
                    "new recommendation", "recommendations import", "section removal", "invitation", "a person's roles",
                    "new organisation", "groups and sections", "a working group", "a section's settings", "new report",
                    "a report started from this one", "design system"]


def addresses(world, role):
    """(name, address) of each page this role opens."""
    report, section, rec = world["report"], world["sections"]["own"], world["recommendation"]
    every = [("report overview", "/"), ("section", f"/sections/{section}"),
             ("history", f"/sections/{section}/history"), ("revision", f"/sections/{section}/revisions/1"),
             ("compare", f"/sections/{section}/compare"), ("review", f"/sections/{section}/review"),
             ("activity", f"/reports/{report}/activity"),
             ("recommendations", f"/reports/{report}/recommendations"),
             ("statistics", f"/reports/{report}/recommendations/statistics"),
             ("recommendation", f"/recommendations/{rec}"), ("submitted versions", f"/reports/{report}/submissions"),
             ("export", f"/reports/{report}/export"), ("account", "/account"), ("help", "/help"), ("inbox", "/inbox"),
             ("organisations", "/organisations"), ("reports", "/reports"),
             ("suggestions", f"/sections/{section}/suggestions"),
             ("new comment on a paragraph", f"/sections/{section}/threads/new?paragraph=0")]
    if role in SUGGESTS:
        every.append(("suggestion editor", f"/sections/{section}/suggest"))
    if role in EDITS:
        every.append(("editor", f"/sections/{world['sections'][EDITS[role]]}/edit"))
        every.append(("image upload", f"/sections/{world['sections'][EDITS[role]]}/images/new"))
    if role == "lead":
        every.append(("people", "/people"))
    if role == "reviewer":
        every.append(("dashboard", f"/reports/{report}/dashboard"))
    if role == "coordinator":
        every += zip(COORDINATOR_ONLY, [
            f"/reports/{report}/dashboard", f"/reports/{report}/settings", "/people", "/removed", "/audit",
            f"/reports/{report}/freeze", f"/reports/{report}/recommendations/new",
            f"/reports/{report}/recommendations/import", f"/sections/{section}/remove", "/people/invite",
            f"/people/{world['inactive']}", "/organisations/new", f"/reports/{report}/outline",
            f"/reports/{report}/groups/{world['group']}", f"/sections/{section}/settings", "/reports/new",
            f"/reports/{report}/follow-up", "/design"])
    return every


def violations(page):
    """The serious and critical axe violations on the page shown now, one line each."""
    # Evaluated rather than added as a <script>: the app's Content-Security-Policy rightly refuses inline ones.
    page.evaluate(AXE_FILE.read_text())
    found = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[node['target'] for node in v['nodes']]}"
            for v in found if v["impact"] in BLOCKING]


def check(page, name, address=None):
    """The violations on `address` once loaded, or on the page shown now (a form answered with errors)."""
    if address is not None:
        response = page.goto(address)
        assert response.ok, f"{name} ({address}) answered {response.status}"
    return [f"{name} ({address or page.url}): {line}" for line in violations(page)]


def test_the_checker_finds_a_planted_violation(page):
    """The control for the tests below: an unlabelled text box on a real page must be reported."""
    assert AXE_FILE.exists(), f"{AXE_FILE} is missing: run `make test` to install it"
    page.goto("/login")
    page.evaluate("document.querySelector('main').append(document.createElement('input'))")
    assert any(line.startswith("label (critical)") for line in violations(page))


def test_the_checker_finds_headings_out_of_order(page):
    """The control for the stricter rule: a heading that skips levels is moderate for axe, and fails here."""
    page.goto("/login")
    page.evaluate("document.querySelector('main').append(document.createElement('h4'))"
                  "; document.querySelector('main h4').textContent = 'Skipped'")
    assert any(line.startswith("heading-order (moderate)") for line in violations(page))


def test_the_sign_in_page_is_accessible(page):
    problems = check(page, "sign in", "/login")
    page.get_by_label("Login").fill("member")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("#messages")).to_contain_text("Wrong login or password.")
    problems += check(page, "sign in refused")
    assert problems == [], "\n".join(problems)


def test_forms_answered_with_errors_are_accessible(page):
    sign_in(page, "member")
    page.goto("/account")
    page.get_by_label("E-mail for notices (optional)").fill("not an address")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_label("E-mail for notices (optional)")).to_have_attribute("aria-invalid", "true")
    problems = check(page, "account with a wrong e-mail")
    page.get_by_role("button", name="Change the password").click()
    expect(page.get_by_label("Current password")).to_have_attribute("aria-invalid", "true")
    problems += check(page, "password change left empty")
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("role", ["coordinator", "reviewer", "lead", "member", "other"])
def test_every_page_is_accessible(page, world, role):
    sign_in(page, role)
    problems = [line for name, address in addresses(world, role) for line in check(page, name, address)]
    assert problems == [], f"{role}:\n" + "\n".join(problems)
