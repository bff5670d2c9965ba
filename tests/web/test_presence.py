"""Presence: who is reading or editing, polled by htmx, fresh entries only, and the same report only."""
import re
from datetime import timedelta

import pytest

from coalition import revisions
from models import Presence, Report, Section, User, WorkingGroup, utcnow
from tests.helpers import sign_in
from tests.web.coedit import HX

pytestmark = pytest.mark.both_databases  # an upsert, and times compared in SQL

TITLE = "Civil and political rights section"


@pytest.fixture
def lead(app, world):
    client = app.test_client()
    sign_in(client, "lead")
    return client


@pytest.fixture
def member(app, world):
    client = app.test_client()
    sign_in(client, "member")
    return client


def here(html):
    """The 'Here now' line of a page or fragment, tags removed ('' when nobody else is here)."""
    found = re.search(r'<p class="here">(.*?)</p>', html, re.S)
    return re.sub(r"<[^>]+>|\s+", " ", found.group(1)).strip() if found else ""


def poll(client, section_id, headers=HX, **form):
    return client.post(f"/presence/sections/{section_id}", data=form, headers=headers)


def visit(client, section_id, editing=False):
    """Open the section (or its editor) as a browser does: the page, then its panel's first poll, which records
    the person as here."""
    assert client.get(f"/sections/{section_id}{'/edit' if editing else ''}").status_code == 200
    assert poll(client, section_id, **({"editing": "1", "base": 2} if editing else {})).status_code == 200


@pytest.mark.parametrize(("visited", "seen_on", "listed"), [
    ("", "section", "Member (reading)"),
    ("/edit", "section", "Member (editing)"),
    ("", "overview", f"Member (reading: {TITLE})"),
    ("/edit", "overview", f"Member (editing: {TITLE})"),
])
def test_others_see_who_is_here(world, lead, member, visited, seen_on, listed):
    own = world["sections"]["own"]
    visit(member, own, editing=visited == "/edit")
    page = f"/sections/{own}" if seen_on == "section" else f"/reports/{world['report']}"
    assert listed in here(lead.get(page).text)


def test_opening_a_page_alone_does_not_list_one_as_here(world, lead, member):
    """The page only reads: without JavaScript (no poll) one is not listed, and still sees who else is."""
    own = world["sections"]["own"]
    visit(lead, own)
    assert "Lead (reading)" in here(member.get(f"/sections/{own}").text)
    assert "Member" not in here(lead.get(f"/sections/{own}").text)


def test_the_poll_answers_the_list_only(world, lead, member):
    visit(member, world["sections"]["own"])
    answer = poll(lead, world["sections"]["own"])
    assert answer.status_code == 200 and "Member (reading)" in here(answer.text)
    assert "<html" not in answer.text and 'id="presence"' not in answer.text


def test_stale_entries_are_not_shown(app, world, lead, member):
    visit(member, world["sections"]["own"])
    with app.app_context():
        Presence.update(seen_at=utcnow() - timedelta(minutes=1)).execute()
    answer = poll(lead, world["sections"]["own"]).text
    assert here(answer) == "" and "Nobody else is here now." in answer


@pytest.mark.parametrize(("base", "notice"), [(1, True), (2, False)])
def test_an_editor_hears_of_a_newer_save(world, member, base, notice):
    answer = poll(member, world["sections"]["own"], editing="1", base=base).text
    assert ("Coordinator saved revision 2 while you were editing." in answer) == notice


def test_a_poll_without_htmx_goes_to_the_section(world, member):
    own = world["sections"]["own"]
    answer = poll(member, own, headers={})
    assert answer.status_code == 302 and answer.headers["Location"].endswith(f"/sections/{own}")


def test_another_report_is_another_place(app, world, lead, member):
    with app.app_context():
        report = Report.create(title="Second submission", country="Kazakhstan", mechanism="CEDAW")
        section = Section.create(report=report, group=WorkingGroup.get(position=1), title="Elsewhere")
        revisions.save(section, User.get(login="lead"), "Text.", "", 0)
    visit(member, section.id)
    assert "Member" not in here(lead.get(f"/reports/{world['report']}").text)
    assert "Member" not in here(poll(lead, world["sections"]["own"]).text)
    assert "Member (reading: Elsewhere)" in here(lead.get(f"/reports/{report.id}").text)


def test_unknown_section_is_404(member):
    assert poll(member, 999).status_code == 404


def test_anonymous_poll_goes_to_login(app, world):
    answer = poll(app.test_client(), world["sections"]["own"])
    assert answer.status_code == 302 and "/login" in answer.headers["Location"]


def shown(html):
    return re.search(r'name="shown" value="([0-9a-f]+)"', html).group(1)


@pytest.mark.parametrize("page", ["", "/edit"])
def test_a_poll_with_nothing_new_answers_204_so_nothing_is_read_out_again(world, lead, member, page):
    own = world["sections"]["own"]
    fingerprint = shown(lead.get(f"/sections/{own}{page}").text)
    editing = {"editing": "1", "base": 2} if page else {}
    assert poll(lead, own, shown=fingerprint, **editing).status_code == 204
    visit(member, own)  # someone comes: the list changes
    changed = poll(lead, own, shown=fingerprint, **editing)
    assert changed.status_code == 200 and "Member (reading)" in here(changed.text)
    assert poll(lead, own, shown=shown(changed.text), **editing).status_code == 204


def test_the_report_poll_answers_204_too(world, lead):
    fingerprint = shown(lead.get(f"/reports/{world['report']}").text)
    assert lead.post(f"/presence/reports/{world['report']}", data={"shown": fingerprint}, headers=HX).status_code == 204
