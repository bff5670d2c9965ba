"""A report's outline: the coordinator adds, renames, reorders and moves groups and sections; each change is in
the feed and the audit log; no revision is touched; bad input is refused with the form refilled."""
import pytest

from models import Activity, AuditEvent, Revision, Section, WorkingGroup


@pytest.fixture
def coordinator(person):
    return person("coordinator")


def outline(world) -> str:
    return f"/reports/{world['report']}/outline"


def group_order() -> list[str]:
    return [g.name for g in WorkingGroup.ordered()]


def section_titles(world, group_id: int) -> list[str]:
    return [s.title for s in Section.live(world["report"]).where(Section.group == group_id)]


def revision_bodies() -> dict:
    return {(r.section_id, r.number): r.body for r in Revision.select()}


def test_the_page_lists_groups_sections_and_the_checklist(coordinator, world):
    page = coordinator.get(outline(world)).text
    assert "Civil and political rights section" in page and "Women&#39;s rights section" in page
    assert "Withdrawn section" not in page  # removed: on the removals page, not here
    assert "Setting up the report" in page  # nobody has an organisation yet


def test_adding_a_group_puts_it_last_and_records_it(coordinator, world):
    response = coordinator.post(f"/reports/{world['report']}/groups", data={
        "new-group-name": "  Права детей  ", "new-group-theme": "Children", "new-group-lead_organisation": "0"})
    assert response.status_code == 302
    assert group_order() == ["Civil and political rights", "Women's rights", "Права детей"]
    group = WorkingGroup.get(WorkingGroup.name == "Права детей")
    assert group.theme == "Children" and group.lead_organisation_id is None
    entry = Activity.select().order_by(Activity.id.desc()).first()
    assert (entry.kind, entry.detail, entry.group_id, entry.report_id) == ("outline", "group_added", group.id,
                                                                           world["report"])
    assert AuditEvent.select().where(AuditEvent.kind == "outline_changed",
                                     AuditEvent.detail == "group_added: Права детей").exists()


def test_a_group_without_a_name_is_refused_with_the_form_refilled(coordinator, world):
    response = coordinator.post(f"/reports/{world['report']}/groups", data={
        "new-group-name": " ", "new-group-theme": "A theme kept", "new-group-lead_organisation": "0"})
    assert response.status_code == 400
    assert "This field is required." in response.text and "A theme kept" in response.text
    assert len(group_order()) == 2


def test_renaming_a_group_keeps_its_sections_and_revisions(coordinator, world):
    before = revision_bodies()
    url = f"/reports/{world['report']}/groups/{world['group']}"
    assert "Civil and political rights" in coordinator.get(url).text
    response = coordinator.post(url, data={"name": "Гражданские права", "theme": "", "lead_organisation": "0"})
    assert response.status_code == 302
    assert group_order()[0] == "Гражданские права"
    assert section_titles(world, world["group"]) == ["Civil and political rights section"]
    assert revision_bodies() == before
    entry = Activity.select().order_by(Activity.id.desc()).first()
    assert entry.detail == "group_renamed"
    feed = coordinator.get(f"/reports/{world['report']}/activity").text
    assert "renamed a working group, now “Гражданские права”" in feed


def test_moving_a_group_down_and_up(coordinator, world):
    url = f"/reports/{world['report']}/groups/{world['group']}/move"
    assert coordinator.post(url, data={"direction": "down"}).status_code == 302
    assert group_order() == ["Women's rights", "Civil and political rights"]
    coordinator.post(url, data={"direction": "down"})  # already last: nothing changes, nothing recorded
    assert group_order() == ["Women's rights", "Civil and political rights"]
    assert Activity.select().where(Activity.detail == "group_moved").count() == 1
    coordinator.post(url, data={"direction": "up"})
    assert group_order() == ["Civil and political rights", "Women's rights"]


def test_a_move_in_htmx_returns_the_outline_with_the_focus_on_the_button(coordinator, world):
    url = f"/reports/{world['report']}/groups/{world['group']}/move"
    response = coordinator.post(url, data={"direction": "down"}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and response.text.lstrip().startswith("<")
    assert "<html" not in response.text and 'id="outline"' in response.text
    assert f'id="move-group-{world["group"]}-down" disabled autofocus' in response.text


def test_a_move_in_an_unknown_direction_is_a_bad_request(coordinator, world):
    url = f"/reports/{world['report']}/groups/{world['group']}/move"
    assert coordinator.post(url, data={"direction": "sideways"}).status_code == 400


def test_adding_sections_in_order_with_budgets(coordinator, world):
    url = f"/reports/{world['report']}/groups/{world['group']}/sections"
    prefix = f"group-{world['group']}-"
    for title in ("Свобода собраний", "Пытки"):
        response = coordinator.post(url, data={prefix + "title": title, prefix + "word_budget": "450"})
        assert response.status_code == 302
    assert section_titles(world, world["group"]) == ["Civil and political rights section", "Свобода собраний",
                                                     "Пытки"]
    new = Section.get(Section.title == "Пытки")
    assert new.word_budget == 450 and new.status == Section.DRAFT and not new.revisions.exists()


@pytest.mark.parametrize("budget, error", [("-1", "Number must be between 0 and 100000."),
                                           ("lots", "Not a valid integer value.")])
def test_a_section_with_a_bad_budget_is_refused_with_the_title_kept(coordinator, world, budget, error):
    prefix = f"group-{world['group']}-"
    response = coordinator.post(f"/reports/{world['report']}/groups/{world['group']}/sections",
                                data={prefix + "title": "Kept title", prefix + "word_budget": budget})
    assert response.status_code == 400 and error in response.text and 'value="Kept title"' in response.text
    assert not Section.select().where(Section.title == "Kept title").exists()


def test_a_section_is_renamed_given_a_budget_and_moved_to_another_group(coordinator, world):
    before = revision_bodies()
    beta = WorkingGroup.get(WorkingGroup.name == "Women's rights").id
    url = f"/sections/{world['sections']['own']}/settings"
    assert coordinator.get(url).status_code == 200
    response = coordinator.post(url, data={"title": "Свобода слова", "word_budget": "700", "group": beta})
    assert response.status_code == 302
    moved = Section.get_by_id(world["sections"]["own"])
    assert (moved.title, moved.word_budget, moved.group_id) == ("Свобода слова", 700, beta)
    assert section_titles(world, beta) == ["Women's rights section", "Свобода слова"]  # at the group's end
    assert revision_bodies() == before
    details = [e.detail for e in Activity.select().where(Activity.kind == "outline").order_by(Activity.id)]
    assert details == ["section_renamed", "budget_changed", "section_regrouped"]


def test_a_moved_section_is_edited_by_its_new_group(app, person, world):
    beta = WorkingGroup.get(WorkingGroup.name == "Women's rights").id
    person("coordinator").post(f"/sections/{world['sections']['own']}/settings",
                               data={"title": "Moved", "word_budget": "0", "group": beta})
    edit = f"/sections/{world['sections']['own']}/edit"
    assert person("lead").get(edit).status_code == 403
    assert person("other").get(edit).status_code == 200


def test_a_section_cannot_move_to_a_removed_group(coordinator, world):
    removed = WorkingGroup.create(name="Gone", position=9)
    coordinator.post(f"/groups/{removed.id}/remove")
    response = coordinator.post(f"/sections/{world['sections']['own']}/settings",
                                data={"title": "T", "word_budget": "0", "group": removed.id})
    assert response.status_code == 400 and "Not a valid choice" in response.text
    assert Section.get_by_id(world["sections"]["own"]).group_id == world["group"]


def test_reordering_sections_within_their_group(coordinator, world):
    url = f"/reports/{world['report']}/groups/{world['group']}/sections"
    prefix = f"group-{world['group']}-"
    coordinator.post(url, data={prefix + "title": "Second", prefix + "word_budget": "0"})
    second = Section.get(Section.title == "Second")
    assert coordinator.post(f"/sections/{second.id}/move", data={"direction": "up"}).status_code == 302
    assert section_titles(world, world["group"]) == ["Second", "Civil and political rights section"]
    assert Activity.select().where(Activity.detail == "section_moved", Activity.section == second.id).exists()


def test_an_unknown_or_removed_group_or_section_is_not_found(coordinator, world):
    assert coordinator.get(f"/reports/{world['report']}/groups/9999").status_code == 404
    assert coordinator.get("/reports/9999/outline").status_code == 404
    assert coordinator.get(f"/sections/{world['withdrawn']}/settings").status_code == 410


@pytest.mark.parametrize("name", ["lead", "member", "reviewer", "other"])
def test_only_the_coordinator_changes_the_outline(person, world, name):
    client = person(name)
    prefix = f"group-{world['group']}-"
    for url, data in [(outline(world), None),
                      (f"/reports/{world['report']}/groups", {"new-group-name": "X"}),
                      (f"/reports/{world['report']}/groups/{world['group']}", {"name": "X"}),
                      (f"/reports/{world['report']}/groups/{world['group']}/move", {"direction": "down"}),
                      (f"/reports/{world['report']}/groups/{world['group']}/sections", {prefix + "title": "X"}),
                      (f"/sections/{world['sections']['own']}/settings", {"title": "X", "group": world["group"]}),
                      (f"/sections/{world['sections']['own']}/move", {"direction": "down"})]:
        response = client.post(url, data=data) if data else client.get(url)
        assert response.status_code == 403, url
    assert group_order() == ["Civil and political rights", "Women's rights"]
    assert not Activity.select().where(Activity.kind == "outline").exists()


def test_titles_with_markup_are_shown_as_text(coordinator, world):
    coordinator.post(f"/reports/{world['report']}/groups", data={"new-group-name": "<script>x</script>",
                                                                 "new-group-lead_organisation": "0"})
    page = coordinator.get(outline(world)).text
    assert "<script>x</script>" not in page and "&lt;script&gt;x&lt;/script&gt;" in page
