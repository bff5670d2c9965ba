"""Removing sections and working groups over HTTP, and bringing them back: the confirmation pages, what a
removal takes out of the overview, the dashboard, the files, the freeze plan, the feed and the
recommendations, the 410 of a removed section's pages (and the text of someone writing in it, kept as
their draft), the list of removed items, undoing (twice, and in the order groups require), the records.
And the people page: switching accounts off (their sessions end, they cannot sign in) and on again."""
import re

import pytest

from app import create_app
from models import Activity, AuditEvent, Draft, Removal, Revision, Section, Submission, SubmittedSection, User
from tests.conftest import WITHDRAWN_TEXT
from tests.helpers import parse, pdf_text, report_words, sent_to_login, sign_in, step, text
from tests.web.exporting import docx_paragraphs, make_file
from tests.web.routes import example_url

OWN, THEIRS, WITHDRAWN = "Civil and political rights section", "Women's rights section", "Withdrawn section"
THEIRS_HTML = "Women&#39;s rights section"  # as pages write it
ALPHA = "Civil and political rights"
CURRENT = "Второй вариант текста, қазақша."  # revision 2 of both live sections, 4 words
WRITING = "Абзац, который участница писала, пока раздел убирали."
ROLES = ["coordinator", "reviewer", "lead", "member", "other"]
ROUTES_CONFIG = {"TESTING": True, "SECRET_KEY": "routes", "DATABASE_URL": "sqlite:///:memory:"}


# --- helpers ---------------------------------------------------------------------------------------


def remove_section(client, section_id):
    return client.post(f"/sections/{section_id}/remove")


def remove_group(client, group_id):
    return client.post(f"/groups/{group_id}/remove")


def undo(client, removal_id):
    return client.post(f"/removed/{removal_id}/undo")


def removed_by_http(client, section_id) -> int:
    """Remove the section as the coordinator, and read the message on the list it leads to (so that later
    pages of the client hold no message naming the section); the id of its removal."""
    response = remove_section(client, section_id)
    assert response.status_code == 302 and response.headers["Location"] == "/removed"
    assert "is removed from the report." in client.get("/removed").text
    return Section.get_by_id(section_id).removal_id


def removal_of(section_id):
    return Section.get_by_id(section_id).removal_id


def overview(client, world) -> str:
    response = client.get(f"/reports/{world['report']}")
    assert response.status_code == 200
    return response.text


def section_links(page: str) -> set[int]:
    """The ids of the sections a page links to (any of their pages)."""
    return {int(n) for n in re.findall(r'href="/sections/(\d+)', page)}


def feed(client, world) -> list[tuple[str, set[str]]]:
    """(what each entry says, the links in it) of the report's feed, newest first."""
    page = client.get(f"/reports/{world['report']}/activity")
    assert page.status_code == 200
    found = []
    for li in parse(page.text).find(".//ol[@id='feed']").iter("li"):
        if "entry" in (li.get("class") or "").split():
            what = li.find("span[@class='what']")
            found.append((text(what), {a.get("href") for a in what.iter("a")}))
    return found


def approve(person, section_id, writer="member"):
    assert step(person(writer), section_id, "submit").status_code == 302
    assert step(person("reviewer"), section_id, "approve").status_code == 302
    assert Section.get_by_id(section_id).status == Section.APPROVED


def audit_kinds(*kinds) -> list[tuple[str, str, str]]:
    """(kind, actor's login, detail) of the audit events of these kinds, oldest first."""
    events = AuditEvent.select().where(AuditEvent.kind.in_(kinds)).order_by(AuditEvent.id)
    return [(e.kind, e.actor.login if e.actor else None, e.detail) for e in events]


def activity_of(section_id, *kinds) -> list[tuple[str, str]]:
    entries = (Activity.select().where(Activity.section == section_id, Activity.kind.in_(kinds))
               .order_by(Activity.id))
    return [(e.kind, e.user.login) for e in entries]


@pytest.fixture
def coordinator(person):
    return person("coordinator")


# --- who may ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["reviewer", "lead", "member", "other"])
def test_only_the_coordinator_removes_lists_and_brings_back(person, world, own, who):
    client = person(who)
    assert client.get(f"/sections/{own}/remove").status_code == 403
    assert remove_section(client, own).status_code == 403
    assert client.get(f"/groups/{world['group']}/remove").status_code == 403
    assert remove_group(client, world["group"]).status_code == 403
    assert client.get("/removed").status_code == 403
    assert undo(client, world["removal"]).status_code == 403
    assert removal_of(own) is None and removal_of(world["withdrawn"]) == world["removal"]
    assert Removal.select().count() == 1 and Removal.get_by_id(world["removal"]).undone_at is None
    assert audit_kinds(AuditEvent.REMOVED, AuditEvent.REMOVAL_UNDONE) == []


@pytest.mark.parametrize("url", ["/sections/{own}/remove", "/groups/{group}/remove", "/removed",
                                 "/removed/{removal}/undo"])
def test_anonymous_goes_to_sign_in(client, world, own, url):
    path = url.format(own=own, group=world["group"], removal=world["removal"])
    response = client.open(path, method="POST" if path.endswith("undo") else "GET")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_unknown_ids_are_404(coordinator):
    assert remove_section(coordinator, 999).status_code == 404
    assert remove_group(coordinator, 999).status_code == 404
    assert undo(coordinator, 999).status_code == 404


# --- removing a section -----------------------------------------------------------------------------


def test_the_confirmation_page_says_what_goes_and_removes_nothing(coordinator, own):
    page = coordinator.get(f"/sections/{own}/remove")
    assert page.status_code == 200
    assert f"Remove “{OWN}”" in page.text
    assert re.search(rf"<li>{OWN}: 4 words,\s+2 revisions</li>", page.text)
    assert '<form method="post"' in page.text and f'href="/sections/{own}">Cancel</a>' in page.text
    assert removal_of(own) is None and Removal.select().count() == 1


def test_removing_a_section_records_a_removal_and_keeps_its_rows(coordinator, own):
    response = remove_section(coordinator, own)
    assert response.status_code == 302 and response.headers["Location"] == "/removed"
    assert f"“{OWN}” is removed from the report." in coordinator.get("/removed").text
    removal = Removal.get_by_id(removal_of(own))
    assert (removal.kind, removal.title, removal.removed_by.login) == (Removal.SECTION, OWN, "coordinator")
    assert removal.undone_at is None and removal.undone_by is None
    assert [r.number for r in Revision.select().where(Revision.section == own).order_by(Revision.number)] == [1, 2]


def test_a_removed_section_leaves_the_overview_and_its_words_the_total(coordinator, person, world, own):
    before = overview(coordinator, world)
    assert own in section_links(before) and report_words(before) == 8
    removed_by_http(coordinator, own)
    for who in ("coordinator", "member"):
        page = overview(person(who), world)
        assert own not in section_links(page) and OWN not in page
        assert report_words(page) == 4
        assert world["sections"]["theirs"] in section_links(page)


def test_a_removed_section_leaves_the_exported_files(coordinator, world, own):
    url = f"/reports/{world['report']}/export"
    before = pdf_text(coordinator.get(f"/exports/{make_file(coordinator, url)}/download").data)
    assert OWN in before and THEIRS in before
    removed_by_http(coordinator, own)
    after = pdf_text(coordinator.get(f"/exports/{make_file(coordinator, url)}/download").data)
    assert THEIRS in after and CURRENT in after
    assert OWN not in after and WITHDRAWN not in after and WITHDRAWN_TEXT not in after
    docx = "\n".join(docx_paragraphs(coordinator.get(f"/exports/{make_file(coordinator, url, 'docx')}/download").data))
    assert THEIRS in docx and OWN not in docx and WITHDRAWN not in docx and WITHDRAWN_TEXT not in docx


def test_exporting_a_removed_section_on_its_own_is_gone(coordinator, own):
    removed_by_http(coordinator, own)
    assert coordinator.post(f"/sections/{own}/export", data={"format": "pdf"}).status_code == 410


def test_a_removed_section_is_left_out_of_the_freeze(person, coordinator, world, own):
    theirs = world["sections"]["theirs"]
    approve(person, own)
    removed_by_http(coordinator, theirs)  # the one section without an approval: nothing is left out now
    page = coordinator.get(f"/reports/{world['report']}/freeze").text
    assert OWN in page and THEIRS_HTML not in page and WITHDRAWN not in page and "Left out" not in page
    response = coordinator.post(f"/reports/{world['report']}/freeze", data={"note": "sent"})
    assert response.status_code == 302, response.status_code
    submission = Submission.get()
    rows = SubmittedSection.select().where(SubmittedSection.submission == submission.id)
    assert {(r.section_id, r.revision_number) for r in rows} == {(own, 2)}  # not the approved withdrawn one


@pytest.mark.parametrize("what", ["section", "group"])
def test_a_frozen_section_removed_later_stays_on_its_version_without_links(person, coordinator, world, own, what):
    approve(person, own)
    response = coordinator.post(f"/reports/{world['report']}/freeze", data={"leave_out": "y"})
    assert response.status_code == 302, response.status_code
    version = response.headers["Location"]
    if what == "section":
        removed_by_http(coordinator, own)
    else:
        assert remove_group(coordinator, world["group"]).status_code == 302
    page = person("member").get(version)
    assert page.status_code == 200
    assert f"<h3>{ALPHA}</h3>" in page.text and OWN in page.text and "removed from the report since" in page.text
    assert own not in section_links(page.text)
    not_in = page.text.split("Not in this version", 1)[1]
    assert THEIRS_HTML in not_in and WITHDRAWN not in page.text


# --- a removed section's pages ----------------------------------------------------------------------

# Every route with a section in its address, read from the app (a new one is checked without editing this).
SECTION_ENDPOINTS = sorted({rule.endpoint for rule in create_app(ROUTES_CONFIG).url_map.iter_rules()
                            if "section_id" in rule.arguments})
READ_PAGES = ["/sections/{id}", "/sections/{id}/history", "/sections/{id}/revisions/1",
              "/sections/{id}/compare?old=1&new=1", "/sections/{id}/review"]


@pytest.mark.parametrize("who", ROLES)
@pytest.mark.parametrize("url", READ_PAGES)
def test_a_removed_sections_pages_are_gone_for_everyone(person, world, who, url):
    response = person(who).get(url.format(id=world["withdrawn"]))
    assert response.status_code == 410
    assert "The coordinator removed this section from the report." in response.text
    assert WITHDRAWN_TEXT not in response.text


@pytest.mark.parametrize("who", ["coordinator", "lead", "member"])
def test_the_editor_of_a_removed_section_is_gone_for_its_writers(person, world, who):
    assert person(who).get(f"/sections/{world['withdrawn']}/edit").status_code == 410


@pytest.mark.parametrize("endpoint", SECTION_ENDPOINTS)
def test_every_route_of_a_removed_section_is_gone_for_the_coordinator(app, coordinator, world, endpoint):
    """The coordinator passes every permission check: what answers is the removal."""
    method, url = example_url(app, endpoint, world, section_id=world["withdrawn"])
    revisions_before, entries_before = Revision.select().count(), Activity.select().count()
    response = coordinator.open(url, method=method, data={"body": "Some text.", "format": "pdf", "action": "submit",
                                                           "note": "n", "base": 1})
    assert response.status_code == 410, (method, url)
    assert Revision.select().count() == revisions_before and Activity.select().count() == entries_before
    section = Section.get_by_id(world["withdrawn"])
    assert (section.status, section.removal_id) == (Section.APPROVED, world["removal"])


def test_permission_is_checked_before_the_removal(person, world):
    other = person("other")  # of the other group: may not edit alpha's sections
    response = other.post(f"/sections/{world['withdrawn']}/edit", data={"body": WRITING, "base": 1})
    assert response.status_code == 403 and WRITING not in response.text
    assert other.post(f"/sections/{world['withdrawn']}/draft", data={"body": WRITING}).status_code == 403
    assert Draft.select().count() == 0


@pytest.mark.parametrize("route", ["comments", "resolve", "reopen"])
def test_a_removed_sections_threads_are_gone(person, coordinator, world, own, route):
    removed_by_http(coordinator, own)
    response = person("reviewer").post(f"/threads/{world['thread']}/{route}", data={"body": "Any news?"})
    assert response.status_code == 410


# --- someone writing while the section is removed ---------------------------------------------------


@pytest.fixture
def writing(person, own):
    """The member opens the editor of their section; the coordinator then removes the section."""
    member = person("member")
    assert member.get(f"/sections/{own}/edit").status_code == 200
    removal_id = removed_by_http(person("coordinator"), own)
    return member, removal_id


def test_a_save_into_a_removed_section_keeps_the_text_as_a_draft(writing, own):
    member, _ = writing
    response = member.post(f"/sections/{own}/edit",
                           data={"body": WRITING, "note": "my note", "base": 2, "editor": "tab-1", "action": "save"})
    assert response.status_code == 410
    textarea = parse(response.text).find(".//textarea[@id='kept-text']")
    assert textarea is not None and textarea.get("readonly") is not None and textarea.text.strip() == WRITING
    assert Revision.select().where(Revision.section == own).count() == 2
    draft = Draft.of(User.get(User.login == "member"), Section.get_by_id(own))
    assert (draft.body, draft.note, draft.base_number) == (WRITING + "\n", "my note", 2)


def test_an_autosave_into_a_removed_section_is_kept_and_answered_410(writing, own):
    member, _ = writing
    response = member.post(f"/sections/{own}/draft", data={"body": WRITING, "base": 2},
                           headers={"HX-Request": "true"})
    assert response.status_code == 410
    assert Draft.of(User.get(User.login == "member"), Section.get_by_id(own)).body == WRITING + "\n"


def test_an_empty_autosave_into_a_removed_section_is_answered_410(writing, own):
    member, _ = writing
    response = member.post(f"/sections/{own}/draft", data={"body": "  ", "base": 2}, headers={"HX-Request": "true"})
    assert response.status_code == 410


def test_a_resolved_conflict_into_a_removed_section_keeps_the_text(writing, own):
    member, _ = writing
    response = member.post(f"/sections/{own}/resolve",
                           data={"mine": WRITING, "theirs": 2, "origin": 1, "note": "", "editor": "tab-1"})
    assert response.status_code == 410 and WRITING in response.text
    assert Draft.of(User.get(User.login == "member"), Section.get_by_id(own)).body == WRITING + "\n"


def test_the_draft_is_offered_once_the_section_is_back(writing, person, own):
    member, removal_id = writing
    member.post(f"/sections/{own}/edit", data={"body": WRITING, "base": 2, "action": "save"})
    assert undo(person("coordinator"), removal_id).status_code == 302
    page = member.get(f"/sections/{own}/edit")
    assert page.status_code == 200
    assert "You have an unsaved draft" in page.text and f'href="/sections/{own}/edit?draft=1"' in page.text
    resumed = member.get(f"/sections/{own}/edit?draft=1")
    textarea = parse(resumed.text).find(".//textarea[@name='body']")
    assert textarea.text.strip() == WRITING


# --- the list of removed items, and undoing ---------------------------------------------------------


@pytest.mark.both_databases
def test_the_list_shows_whats_removed_newest_first(coordinator, world, own):
    removal_id = removed_by_http(coordinator, own)
    page = coordinator.get("/removed").text
    rows = [text(tr) for tr in parse(page).find(".//table[@class='removals']/tbody").iter("tr")]
    assert rows[0].startswith(f"Section “{OWN}” Coordinator") and rows[1].startswith(f"Section “{WITHDRAWN}”")
    assert len(rows) == 2
    assert f'action="/removed/{removal_id}/undo"' in page and f'action="/removed/{world["removal"]}/undo"' in page


def test_nothing_removed_says_so(coordinator, world):
    assert undo(coordinator, world["removal"]).status_code == 302
    assert "Nothing is removed." in coordinator.get("/removed").text


@pytest.mark.both_databases
def test_undo_brings_the_section_back_with_its_history_and_status(person, coordinator, world, own):
    approve(person, own)
    before = [(r.number, r.body, r.author_id) for r in Revision.select().where(Revision.section == own)
              .order_by(Revision.number)]
    removal_id = removed_by_http(coordinator, own)
    response = undo(coordinator, removal_id)
    assert response.status_code == 302 and response.headers["Location"] == "/removed"
    section = Section.get_by_id(own)
    assert (section.removal_id, section.status, section.approved_number) == (None, Section.APPROVED, 2)
    assert [(r.number, r.body, r.author_id) for r in Revision.select().where(Revision.section == own)
            .order_by(Revision.number)] == before
    removal = Removal.get_by_id(removal_id)
    assert removal.undone_by.login == "coordinator" and removal.undone_at is not None
    member = person("member")
    page = member.get(f"/sections/{own}")
    assert page.status_code == 200 and CURRENT in page.text and "Please cite the source." in page.text
    assert own in section_links(overview(member, world))
    listed = coordinator.get("/removed").text
    assert f'action="/removed/{removal_id}/undo"' not in listed and f"“{OWN}” is back in the report" in listed


def test_undoing_twice_is_harmless(coordinator, own):
    removal_id = removed_by_http(coordinator, own)
    assert undo(coordinator, removal_id).status_code == 302
    second = undo(coordinator, removal_id)
    assert second.status_code == 302
    assert "had already been brought back" in coordinator.get("/removed").text
    assert removal_of(own) is None
    assert activity_of(own, Activity.REMOVE, Activity.BRING_BACK) == [("remove", "coordinator"),
                                                                      ("bring_back", "coordinator")]
    assert len(audit_kinds(AuditEvent.REMOVAL_UNDONE)) == 1


def test_removing_a_removed_section_again_changes_nothing(coordinator, own):
    removal_id = removed_by_http(coordinator, own)
    assert remove_section(coordinator, own).status_code == 410
    assert removal_of(own) == removal_id and Removal.select().count() == 2


HOSTILE = '<img src=x onerror=alert(1)>'


def test_a_hostile_title_is_shown_as_text(coordinator, world, own):
    Section.update(title=HOSTILE).where(Section.id == own).execute()
    pages = [coordinator.get(f"/sections/{own}/remove").text, coordinator.get(f"/groups/{world['group']}/remove").text]
    remove_section(coordinator, own)
    pages.append(coordinator.get("/removed").text)  # with the flash message
    remove_group(coordinator, world["group"])
    pages.append(undo(coordinator, removal_of(own)).text)  # the 409 page names the section
    assert all(HOSTILE not in page and "&lt;img src=x onerror=alert(1)&gt;" in page for page in pages)


# --- working groups ---------------------------------------------------------------------------------


def test_the_group_confirmation_lists_its_live_sections(coordinator, world, own):
    page = coordinator.get(f"/groups/{world['group']}/remove")
    assert page.status_code == 200
    assert f"Remove “{ALPHA}”" in page.text and OWN in page.text
    assert WITHDRAWN not in page.text and THEIRS_HTML not in page.text


@pytest.mark.both_databases
def test_removing_a_group_takes_its_sections_and_undo_brings_both_back(coordinator, person, world, own):
    response = remove_group(coordinator, world["group"])
    assert response.status_code == 302 and response.headers["Location"] == "/removed"
    removal = Removal.get(Removal.kind == Removal.GROUP)
    assert (removal.title, removal.removed_by.login) == (ALPHA, "coordinator")
    assert removal_of(own) == removal.id
    assert removal_of(world["withdrawn"]) == world["removal"]  # removed on its own before: stays so
    page = overview(person("member"), world)
    assert ALPHA not in page and own not in section_links(page) and report_words(page) == 4
    assert person("member").get(f"/sections/{own}").status_code == 410
    assert re.search(rf"Working group “{ALPHA}”\s+\(1 section\)", coordinator.get("/removed").text)
    assert ALPHA not in coordinator.get(f"/reports/{world['report']}/dashboard").text
    assert remove_group(coordinator, world["group"]).status_code == 404  # gone already

    assert undo(coordinator, removal.id).status_code == 302
    page = overview(person("member"), world)
    assert ALPHA in page and own in section_links(page) and report_words(page) == 8
    assert removal_of(own) is None and removal_of(world["withdrawn"]) == world["removal"]
    assert world["withdrawn"] not in section_links(page)


def test_a_section_cannot_come_back_before_its_group(coordinator, world, own):
    alone = removed_by_http(coordinator, own)
    assert remove_group(coordinator, world["group"]).status_code == 302
    group_removal = Removal.get(Removal.kind == Removal.GROUP)
    refused = undo(coordinator, alone)
    assert refused.status_code == 409
    said = f"“{OWN}” belongs to the working group “{ALPHA}”, which is removed too. Bring the group back first."
    assert said in refused.text
    assert removal_of(own) == alone and Removal.get_by_id(alone).undone_at is None
    assert activity_of(own, Activity.BRING_BACK) == [] and audit_kinds(AuditEvent.REMOVAL_UNDONE) == []
    assert undo(coordinator, world["removal"]).status_code == 409  # the world's withdrawn one, likewise

    assert undo(coordinator, group_removal.id).status_code == 302
    assert removal_of(own) == alone  # the group brings back only what it took
    assert undo(coordinator, alone).status_code == 302
    assert removal_of(own) is None
    assert coordinator.get(f"/sections/{own}").status_code == 200


# --- the world's withdrawn section shows nowhere ----------------------------------------------------


@pytest.mark.parametrize("who", ROLES)
def test_the_withdrawn_section_is_not_in_the_overview(person, world, who):
    page = overview(person(who), world)
    assert WITHDRAWN not in page and world["withdrawn"] not in section_links(page)
    assert report_words(page) == 8  # two sections of 4 words, not the withdrawn one's 9


def test_the_withdrawn_section_is_not_on_the_dashboard(coordinator, world):
    page = coordinator.get(f"/reports/{world['report']}/dashboard")
    assert page.status_code == 200 and WITHDRAWN not in page.text
    row = next(tr for tr in parse(page.text).iter("tr") if tr.find("th") is not None
               and text(tr.find("th")).startswith(f"1. {ALPHA}"))
    cells = [text(td) for td in row.findall("td")]
    # One section, a draft: not the approved withdrawn one.
    assert "0 of 1 approved" in text(row.find("th")) and cells[:4] == ["1", "0", "0", "0"]


def test_the_withdrawn_section_is_not_on_the_export_page(coordinator, world):
    page = coordinator.get(f"/reports/{world['report']}/export").text
    assert WITHDRAWN not in page and "Words: 8 of 5,630" in page


def test_a_removed_section_no_longer_cites_a_recommendation(person, coordinator, world, own):
    cite = f"{CURRENT} См. [rec:142.45]."
    member = person("member")
    assert member.post(f"/sections/{own}/edit", data={"body": cite, "base": 2, "action": "save"}).status_code == 302
    Revision.create(section=world["withdrawn"], number=2, author=User.get(User.login == "lead"), body=cite, words=5)
    url = f"/recommendations/{world['recommendation']}"
    page = member.get(url).text
    assert own in section_links(page) and world["withdrawn"] not in section_links(page) and WITHDRAWN not in page
    removed_by_http(coordinator, own)
    page = member.get(url).text
    assert section_links(page) == set() and OWN not in page
    assert "No section cites it yet." in page


def test_the_annex_by_group_keeps_the_recommendations_of_a_removed_group(coordinator, world):
    url = f"/reports/{world['report']}/export"
    rec_text = "Bring the law on peaceful assemblies"
    before = pdf_text(coordinator.get(f"/exports/{make_file(coordinator, url, annex='group')}/download").data)
    assert "142.45" in before and rec_text in before
    assert remove_group(coordinator, world["group"]).status_code == 302
    after = pdf_text(coordinator.get(f"/exports/{make_file(coordinator, url, annex='group')}/download").data)
    assert "142.45" in after and rec_text in after


# --- the feed and the audit log ---------------------------------------------------------------------


def test_the_feed_names_a_removed_section_without_links_and_links_it_again_once_back(coordinator, person, world,
                                                                                      own):
    removal_id = removed_by_http(coordinator, own)
    member = person("member")
    entries = feed(member, world)
    assert entries[0] == (f"Coordinator removed {OWN} from the report", set())
    own_entries = [links for what, links in entries if OWN in what]
    assert len(own_entries) == 3 and all(links == set() for links in own_entries)  # two saves and the removal
    assert not any(f"/sections/{own}" in href for _, links in entries for href in links)

    undo(coordinator, removal_id)
    entries = feed(member, world)
    assert entries[0] == (f"Coordinator brought {OWN} back into the report", {f"/sections/{own}"})
    assert entries[1][1] == {f"/sections/{own}"}  # the removal entry: its section is back
    assert (f"Lead saved revision 1 of {OWN}", {f"/sections/{own}/revisions/1", f"/sections/{own}"}) in entries


def test_removing_a_group_records_one_feed_entry_per_section(coordinator, world, own):
    remove_group(coordinator, world["group"])
    assert activity_of(own, Activity.REMOVE) == [("remove", "coordinator")]
    assert activity_of(world["withdrawn"], Activity.REMOVE) == []
    assert activity_of(world["sections"]["theirs"], Activity.REMOVE) == []


def test_removals_and_undos_are_in_the_audit_log(coordinator, world, own):
    removal_id = removed_by_http(coordinator, own)
    undo(coordinator, removal_id)
    group_removal = remove_group(coordinator, world["group"])
    assert group_removal.status_code == 302
    assert audit_kinds(AuditEvent.REMOVED, AuditEvent.REMOVAL_UNDONE) == [
        ("removed", "coordinator", OWN), ("removal_undone", "coordinator", OWN), ("removed", "coordinator", ALPHA)]
    log = coordinator.get("/audit").text
    assert "Section or group removed" in log and "Section or group brought back" in log


# --- people: switching accounts off and on ----------------------------------------------------------


def user_id(login) -> int:
    return User.get(User.login == login).id


@pytest.mark.parametrize("who", ["reviewer", "lead", "member", "other"])
def test_only_the_coordinator_sees_and_switches_people(person, world, who):
    client = person(who)
    assert client.get("/people").status_code == (200 if who == "lead" else 403)  # a lead sees their group
    assert client.post(f"/people/{user_id('member')}/deactivate").status_code == 403
    assert client.post(f"/people/{world['inactive']}/reactivate").status_code == 403
    assert User.get(User.login == "member").active and not User.get_by_id(world["inactive"]).active
    assert audit_kinds(AuditEvent.DEACTIVATED, AuditEvent.REACTIVATED) == []


def test_the_people_page_lists_every_account(coordinator, world):
    page = coordinator.get("/people")
    assert page.status_code == 200
    rows = {text(tr.find("td/code")): tr for tr in parse(page.text).find(".//table[@class='people']/tbody")
            .iter("tr")}
    assert set(rows) == {"coordinator", "reviewer", "lead", "member", "other", "inactive"}
    assert "lead of Civil and political rights" in text(rows["lead"])
    assert "switched off" in text(rows["inactive"]) and rows["inactive"].get("class") == "switched-off"
    assert rows["coordinator"].find(".//form") is None  # no switch for oneself
    assert rows["member"].find(".//form").get("action") == f"/people/{user_id('member')}/deactivate"
    assert rows["inactive"].find(".//form").get("action") == f"/people/{world['inactive']}/reactivate"
    assert "password_hash" not in page.text and "$argon2" not in page.text


def test_switching_off_ends_the_persons_session_at_their_next_request(person, coordinator, world):
    member = person("member")
    assert member.get(f"/reports/{world['report']}").status_code == 200
    response = coordinator.post(f"/people/{user_id('member')}/deactivate")
    assert response.status_code == 302 and response.headers["Location"] == "/people"
    assert sent_to_login(member.get(f"/reports/{world['report']}"))
    assert sent_to_login(member.post(f"/sections/{world['sections']['own']}/edit",
                                     data={"body": WRITING, "base": 2, "action": "save"}))
    assert Revision.select().where(Revision.body == WRITING + "\n").count() == 0
    assert not User.get(User.login == "member").active


def test_a_switched_off_person_cannot_sign_in(coordinator, app):
    coordinator.post(f"/people/{user_id('member')}/deactivate")
    client = app.test_client()
    response = sign_in(client, "member")
    assert response.status_code == 200 and "Wrong login or password." in response.text
    assert sent_to_login(client.get("/"))
    failed = AuditEvent.select().where(AuditEvent.kind == AuditEvent.LOGIN_FAILED).get()
    assert (failed.subject.login, failed.detail) == ("member", "inactive")


def test_switching_on_again_lets_the_person_sign_in(coordinator, app, world):
    assert sign_in(app.test_client(), "inactive").status_code == 200  # switched off in the world
    response = coordinator.post(f"/people/{world['inactive']}/reactivate")
    assert response.status_code == 302
    assert User.get_by_id(world["inactive"]).active
    client = app.test_client()
    assert sign_in(client, "inactive").status_code == 302
    assert client.get(f"/reports/{world['report']}").status_code == 200


def test_one_cannot_switch_oneself_off(coordinator):
    me = user_id("coordinator")
    assert coordinator.post(f"/people/{me}/deactivate").status_code == 400
    assert User.get_by_id(me).active
    assert coordinator.get("/people").status_code == 200  # still signed in
    assert audit_kinds(AuditEvent.DEACTIVATED) == []


def test_unknown_people_are_404(coordinator):
    assert coordinator.post("/people/999/deactivate").status_code == 404
    assert coordinator.post("/people/999/reactivate").status_code == 404


def test_switching_is_in_the_audit_log_once_per_change(coordinator):
    member = user_id("member")
    coordinator.post(f"/people/{member}/deactivate")
    coordinator.post(f"/people/{member}/deactivate")  # a second click changes nothing
    coordinator.post(f"/people/{member}/reactivate")
    events = AuditEvent.select().where(AuditEvent.kind.in_([AuditEvent.DEACTIVATED, AuditEvent.REACTIVATED]))
    assert [(e.kind, e.actor.login, e.subject.login) for e in events.order_by(AuditEvent.id)] == [
        ("deactivated", "coordinator", "member"), ("reactivated", "coordinator", "member")]
    log = coordinator.get("/audit").text
    assert "Account switched off" in log and "Account switched on" in log
