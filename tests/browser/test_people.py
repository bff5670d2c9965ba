"""People management in Chromium: the coordinator invites someone into a group and copies the link; the invited
person makes their account and can edit their group's section at once; the link then no longer works. A
forgotten password is mended with a reset link, which signs the person out of the session left open elsewhere."""
import pytest
from playwright.sync_api import expect

from tests.browser.steps import sign_in
from tests.browser.test_accessibility import violations

pytestmark = pytest.mark.browser
NEW = "seven quiet rivers of almaty"


def copy_link(page) -> str:
    """The one-time link, read from the box the coordinator copies it from."""
    box = page.get_by_label("The link")
    expect(box).to_have_attribute("readonly", "")
    return box.input_value()


def test_an_invited_person_makes_an_account_and_edits_their_group(pages, world):
    coordinator, newcomer = pages.new(), pages.new()
    sign_in(coordinator, "coordinator")
    coordinator.goto("/people")
    coordinator.get_by_role("link", name="Invite a person").click()
    coordinator.get_by_label("Name of the person").fill("Гүлнар Садықова")
    coordinator.get_by_label("Civil and political rights").select_option(label="Member")
    coordinator.get_by_role("button", name="Make the invitation link").click()
    link = copy_link(coordinator)
    assert violations(coordinator) == []

    newcomer.goto(link)
    expect(newcomer.get_by_role("heading", level=1)).to_have_text("Welcome")
    assert violations(newcomer) == []
    expect(newcomer.get_by_role("listitem").filter(has_text="Civil and political rights")).to_contain_text("Member")
    expect(newcomer.get_by_label("Your name, as others see it")).to_have_value("Гүлнар Садықова")
    newcomer.get_by_label("Login").fill("gulnar")
    newcomer.get_by_label("New password", exact=True).fill(NEW)
    newcomer.get_by_label("New password again").fill(NEW)
    newcomer.get_by_role("button", name="Make my account").click()
    expect(newcomer.locator("#messages")).to_contain_text("Welcome! Your account is ready.")
    newcomer.get_by_role("link", name="Civil and political rights section").click()
    expect(newcomer.get_by_role("link", name="Edit this section")).to_be_visible()

    coordinator.goto("/people")
    expect(coordinator.get_by_role("row", name="Гүлнар Садықова")).to_contain_text(
        "member of Civil and political rights")
    expect(coordinator.get_by_role("heading", name="Links not used yet")).to_have_count(0)
    again = pages.new()
    again.goto(link)
    expect(again.get_by_role("heading", level=1)).to_have_text("This link does not work")
    assert violations(again) == []


def test_a_reset_link_mends_a_forgotten_password(pages, world):
    coordinator, forgetful, left_open = pages.new(), pages.new(), pages.new()
    sign_in(left_open, "member")
    sign_in(coordinator, "coordinator")
    coordinator.goto("/people")
    coordinator.get_by_role("link", name="Member", exact=True).click()
    coordinator.get_by_role("button", name="Make a password-reset link").click()
    link = copy_link(coordinator)

    forgetful.goto(link)
    assert violations(forgetful) == []
    forgetful.get_by_label("New password", exact=True).fill(NEW)
    forgetful.get_by_label("New password again").fill(NEW)
    forgetful.get_by_role("button", name="Set the password").click()
    expect(forgetful.locator("#messages")).to_contain_text("Your new password is set.")
    left_open.reload()
    expect(left_open.get_by_role("heading", level=1)).to_have_text("Sign in")
