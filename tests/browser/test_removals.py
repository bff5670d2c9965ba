"""Removing and bringing back in Chromium: the coordinator removes a section while a member is writing in
it; the member is told at the next autosave, gets their text back when saving, and finds it as a draft
once the section is back. Switching an account off signs its owner out at their next click."""
import re

import pytest
from playwright.sync_api import expect

from tests.browser.steps import go_to, open_editor, save, sign_in

pytestmark = pytest.mark.browser
OWN = "Civil and political rights section"
WRITING = "Свидетельство, которое пишется прямо сейчас: задержание 12 марта."


def test_a_section_removed_while_someone_writes_loses_nothing(pages, world):
    member, coordinator = pages.new(), pages.new()
    sign_in(member, "member")
    sign_in(coordinator, "coordinator")
    text = open_editor(member, world["sections"]["own"])

    coordinator.get_by_role("link", name=OWN).click()
    coordinator.get_by_role("link", name="Remove this section from the report").click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text(f"Remove “{OWN}”")
    coordinator.get_by_role("button", name="Remove").click()
    expect(coordinator.locator("#messages")).to_contain_text(f"“{OWN}” is removed from the report")
    expect(coordinator.get_by_role("cell", name=f"Section “{OWN}”")).to_be_visible()
    go_to(coordinator, "Report")
    expect(coordinator.get_by_role("link", name=OWN)).to_have_count(0)

    text.fill(WRITING)  # the autosave a moment later hears that the section is gone
    expect(member.locator("#messages")).to_contain_text("The coordinator removed this section", timeout=10000)
    save(member, "after the removal")
    expect(member.get_by_label("Your text, as you sent it")).to_have_value(WRITING)

    coordinator.goto("/removed")
    coordinator.get_by_role("row", name=f"Section “{OWN}”").get_by_role("button", name="Bring back").click()
    expect(coordinator.locator("#messages")).to_contain_text("is back in the report")
    expect(coordinator.get_by_role("row", name=f"Section “{OWN}”")).to_have_count(0)
    expect(coordinator.get_by_role("row", name="Section “Withdrawn section”")).to_have_count(1)

    open_editor(member, world["sections"]["own"])
    expect(member.get_by_role("heading", name="You have an unsaved draft")).to_be_visible()
    member.get_by_role("link", name="Continue with my draft").click()
    expect(member.get_by_label("Text (Markdown)")).to_have_value(WRITING + "\n")  # kept with a final line break


def test_a_switched_off_person_is_signed_out_at_their_next_click(pages):
    member, coordinator = pages.new(), pages.new()
    sign_in(member, "member")
    sign_in(coordinator, "coordinator")
    go_to(coordinator, "People")
    row = coordinator.get_by_role("row").filter(has=coordinator.get_by_role("cell", name="member", exact=True))
    row.get_by_role("button", name="Switch off").click()
    expect(coordinator.locator("#messages")).to_contain_text("switched off and signed out everywhere")
    expect(row.get_by_role("cell", name="switched off")).to_be_visible()

    member.get_by_role("link", name=OWN).click()
    expect(member).to_have_url(re.compile(r"/login\?next="))
