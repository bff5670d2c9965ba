"""The report's activity feed over HTTP: what each action records (names, never text), the filters, the pages,
what is new since the last visit and the overview's badge, and who may read it."""
import random
from datetime import timedelta

import pytest
import tinyhtml5

from coalition import activity, revisions
from models import Activity, ImmutableRow, Report, Section, Thread, User, WorkingGroup, utcnow
from tests import helpers
from tests.helpers import edit, step, text

OWN, THEIRS = "Civil and political rights section", "Women's rights section"
SECRET_BODY = "Источник в министерстве просил не называть его имени."
SECRET_NOTE = "The ministry's leaked letter is not citable."
SECRET_COMMENT = "The witness in Almaty asked not to be named."
# What `world` records: two saves per section, by the lead and the coordinator, oldest last once read.
WORLD_FEED = [f"Coordinator saved revision 2 of {THEIRS}", f"Lead saved revision 1 of {THEIRS}",
              f"Coordinator saved revision 2 of {OWN}", f"Lead saved revision 1 of {OWN}"]


def parse(html: str):
    """A whole page, or a fragment of <li> elements (wrapped in the feed's list to be read the same way)."""
    return helpers.parse(html if "<html" in html else f'<ol id="feed">{html}</ol>')


def get_feed(client, world, hx=False, report=None, **params):
    response = client.get(f"/reports/{report or world['report']}/activity", query_string=params,
                          headers={"HX-Request": "true"} if hx else {})
    assert response.status_code == 200
    return response


def visit(client, world, report=None, **params):
    """Open the feed as a browser does: the page, then its "Mark all as seen" form, which htmx sends as the page
    loads (the page itself marks nothing)."""
    page = get_feed(client, world, report=report, **params)
    if form := mark_seen_form(page):
        action, fields = form
        assert client.post(action, data=fields, headers={"HX-Request": "true"}).status_code == 200
    return page


def mark_seen_form(page) -> tuple[str, dict] | None:
    """(action, fields) of the page's "Mark all as seen" form, or None when it has none."""
    form = parse(page.text).find(".//form[@class='mark-seen']")
    if form is None:
        return None
    return form.get("action"), {field.get("name"): field.get("value") for field in form.iter("input")}


def entries(response) -> list[tuple[bool, str]]:
    """(marked new, what the entry says) of each entry shown, newest first."""
    found = []
    for li in parse(response.text).find(".//ol[@id='feed']").iter("li"):
        classes = (li.get("class") or "").split()
        if "entry" in classes:
            found.append(("new" in classes, text(li.find("span[@class='what']"))))
    return found


def said(client, world, **params) -> list[str]:
    return [what for _, what in entries(get_feed(client, world, **params))]


def older_link(response) -> str | None:
    link = parse(response.text).find(".//li[@class='more']/a")
    return link.get("href") if link is not None else None


def badge(client, world) -> str | None:
    page = tinyhtml5.parse(client.get(f"/reports/{world['report']}").text, namespace_html_elements=False)
    found = [text(span) for span in page.iter("span") if span.get("class") == "badge new"]
    assert len(found) <= 1
    return found[0] if found else None


def kinds(report_id) -> list[tuple[str, str, str]]:
    """(kind, who, detail) of the report's entries, oldest first."""
    rows = Activity.select().where(Activity.report == report_id).order_by(Activity.id)
    return [(a.kind, a.user.login, a.detail) for a in rows]


def record_many(world, count, login="lead", start=100):
    """`count` saves in the feed at once, straight from the model: pages without hundreds of requests."""
    user, section = User.get(User.login == login), Section.get_by_id(world["sections"]["own"])
    for number in range(start, start + count):
        activity.record(Activity.EDIT, user, world["report"], section, number)


# What each action records.

def test_world_saves_are_in_the_feed_newest_first(client, login, world):
    login("member")
    assert said(client, world) == WORLD_FEED


def test_a_save_names_the_person_and_section_never_the_text(client, login, world, own):
    login("member")
    assert edit(client, own, SECRET_BODY).status_code == 302
    response = get_feed(client, world)
    assert said(client, world)[0] == f"Member saved revision 3 of {OWN}"
    assert "министерстве" not in response.text and "Второй вариант" not in response.text
    assert kinds(world["report"])[-1] == ("edit", "member", "")


def test_the_entry_links_to_the_revision_and_the_section(client, login, world, own):
    login("member")
    edit(client, own, SECRET_BODY)
    first = parse(get_feed(client, world).text).find(".//ol[@id='feed']/li")
    assert [a.get("href") for a in first.iter("a")] == [f"/sections/{own}/revisions/3", f"/sections/{own}"]


def test_a_save_that_changes_nothing_or_is_refused_records_nothing(client, login, world, own):
    login("member")
    assert edit(client, own, "Второй вариант текста, қазақша.").status_code == 302  # the head's text again
    assert edit(client, world["sections"]["theirs"], SECRET_BODY).status_code == 403
    assert len(kinds(world["report"])) == 4
    assert said(client, world) == WORLD_FEED


def test_a_merged_save_says_so(client, login, world, own):
    section, lead, coordinator = Section.get_by_id(own), User.get(login="lead"), User.get(login="coordinator")
    revisions.save(section, lead, "Один абзац.\n\nДругой абзац.", "", 2)
    revisions.save(section, coordinator, "Один абзац, исправленный.\n\nДругой абзац.", "", 3)
    login("member")
    assert edit(client, own, "Один абзац.\n\nДругой абзац, тоже.", base=3).status_code == 302
    assert said(client, world)[0] == f"Member saved revision 5 of {OWN}, merged with a colleague's edit"
    assert kinds(world["report"])[-1][:2] == ("merge", "member")


def test_a_restore_says_so(client, login, world, own):
    login("member")
    assert client.post(f"/sections/{own}/revisions/1/restore").status_code == 302
    assert said(client, world)[0] == f"Member brought back an earlier text of {OWN} as revision 3"
    assert kinds(world["report"])[-1] == ("restore", "member", "")


def test_review_steps_are_in_the_feed_without_the_note(world, own, person):
    member, reviewer = person("member"), person("reviewer")
    assert step(member, own, "submit").status_code == 302
    assert step(reviewer, own, "request_changes", SECRET_NOTE).status_code == 302
    assert step(member, own, "submit").status_code == 302
    assert step(reviewer, own, "approve").status_code == 302
    assert edit(member, own, "Третий вариант.").status_code == 302  # back to draft
    assert said(member, world)[:6] == [
        f"Member saved revision 3 of {OWN}",
        f"{OWN} is a draft again after an edit by Member",
        f"Reviewer approved revision 2 of {OWN}",
        f"Member sent {OWN} for review",
        f"Reviewer asked for changes to {OWN}",
        f"Member sent {OWN} for review"]
    assert [k for k in kinds(world["report"]) if k[0] == "status"] == [
        ("status", "member", "in_review"), ("status", "reviewer", "changes_requested"),
        ("status", "member", "in_review"), ("status", "reviewer", "approved"), ("status", "member", "draft")]
    assert "leaked letter" not in get_feed(member, world).text


def test_a_refused_review_step_records_nothing(world, own, person):
    assert step(person("reviewer"), own, "approve").status_code == 302  # still a draft: not now
    assert step(person("other"), own, "submit").status_code == 403
    assert len(kinds(world["report"])) == 4


def test_comments_are_in_the_feed_without_their_text(world, own, person):
    reviewer, member = person("reviewer"), person("member")
    assert reviewer.post(f"/sections/{own}/threads", data={"paragraph": -1, "body": SECRET_COMMENT}).status_code == 302
    thread = Thread.select().order_by(Thread.id.desc()).first()
    assert member.post(f"/threads/{thread.id}/comments", data={"body": "Noted: we drop the name."}).status_code == 302
    response = get_feed(member, world)
    assert said(member, world)[:2] == [f"Member wrote a comment on {OWN}", f"Reviewer wrote a comment on {OWN}"]
    assert "Almaty" not in response.text and "drop the name" not in response.text
    newest = parse(response.text).find(".//ol[@id='feed']/li")
    assert f"/sections/{own}#thread-{thread.id}" in [a.get("href") for a in newest.iter("a")]


def test_resolve_and_reopen_are_recorded_once_per_change(world, own, person):
    reviewer, thread = person("reviewer"), world["thread"]
    for _ in range(2):
        assert reviewer.post(f"/threads/{thread}/resolve").status_code == 302
    for _ in range(2):
        assert reviewer.post(f"/threads/{thread}/reopen").status_code == 302
    assert [k for k in kinds(world["report"]) if k[0] in ("resolve", "reopen")] == [
        ("resolve", "reviewer", ""), ("reopen", "reviewer", "")]
    assert said(reviewer, world)[:2] == [f"Reviewer reopened a comment on {OWN}",
                                         f"Reviewer resolved a comment on {OWN}"]


def test_a_refused_comment_records_nothing(world, own, person):
    other = person("other")
    # Every member may comment now: a comment is refused when it is empty, or too long.
    assert other.post(f"/sections/{own}/threads", data={"paragraph": -1, "body": " "}).status_code == 400
    assert other.post(f"/sections/{own}/threads", data={"paragraph": -1,
                                                        "body": SECRET_COMMENT * 1000}).status_code == 400
    assert len(kinds(world["report"])) == 4


def test_exports_are_in_the_feed_with_their_format(world, own, person):
    member = person("member")
    assert member.post(f"/reports/{world['report']}/export", data={"format": "docx"}).status_code == 302
    assert member.post(f"/sections/{own}/export", data={"format": "docx"}).status_code == 302
    assert said(member, world)[:2] == [f"Member downloaded {OWN} as DOCX", "Member downloaded the report as DOCX"]
    assert kinds(world["report"])[-2:] == [("export", "member", "docx"), ("export", "member", "docx")]


def test_another_reports_entries_stay_in_their_report(client, login, world):
    beta = WorkingGroup.get(WorkingGroup.name == "Women's rights")
    report = Report.create(title="Shadow report", country="Kazakhstan", mechanism="CEDAW")
    section = Section.create(report=report, group=beta, title="Shadow section")
    revisions.save(section, User.get(login="other"), "Текст.", "", 0)
    login("member")
    assert said(client, world) == WORLD_FEED
    assert said(client, world, report=report.id) == ["Other saved revision 1 of Shadow section"]


def test_activity_rows_are_immutable(world):
    entry = Activity.select().first()
    with pytest.raises(ImmutableRow):
        Activity.update(detail="rewritten").where(Activity.id == entry.id).execute()
    with pytest.raises(ImmutableRow):
        Activity.delete().where(Activity.id == entry.id).execute()
    entry.detail = "rewritten"
    with pytest.raises(ImmutableRow):
        entry.save()
    with pytest.raises(ImmutableRow):
        entry.delete_instance()
    assert Activity.get_by_id(entry.id).detail == "" and Activity.select().count() == 4


# Filters.

def test_filter_by_group(client, login, world, own):
    login("member")
    assert edit(client, own, SECRET_BODY).status_code == 302
    client.post(f"/reports/{world['report']}/export", data={"format": "docx"})
    alpha, beta = (Section.get_by_id(world["sections"][k]).group_id for k in ("own", "theirs"))
    assert said(client, world, group=alpha) == [f"Member saved revision 3 of {OWN}"] + WORLD_FEED[2:]
    assert said(client, world, group=beta) == WORLD_FEED[:2]


def test_filter_by_type(world, own, person):
    member, reviewer = person("member"), person("reviewer")
    edit(member, own, SECRET_BODY)
    step(member, own, "submit")
    reviewer.post(f"/threads/{world['thread']}/resolve")
    member.post(f"/reports/{world['report']}/export", data={"format": "docx"})
    assert said(member, world, type="edits") == [f"Member saved revision 3 of {OWN}"] + WORLD_FEED
    assert said(member, world, type="review") == [f"Member sent {OWN} for review"]
    assert said(member, world, type="comments") == [f"Reviewer resolved a comment on {OWN}"]
    assert said(member, world, type="files") == ["Member downloaded the report as DOCX"]
    assert len(said(member, world)) == 8


def test_filter_by_person_and_combined(client, login, world):
    lead = User.get(login="lead").id
    login("member")
    assert said(client, world, person=lead) == [f"Lead saved revision 1 of {THEIRS}", f"Lead saved revision 1 of {OWN}"]
    alpha = Section.get_by_id(world["sections"]["own"]).group_id
    assert said(client, world, person=lead, group=alpha) == [f"Lead saved revision 1 of {OWN}"]
    assert said(client, world, person=User.get(login="member").id) == []


def test_the_person_filter_offers_the_people_in_the_feed(client, login, world):
    login("member")
    page = parse(get_feed(client, world).text)
    options = [text(o) for o in page.find(".//select[@name='person']").iter("option")]
    assert options == ["Everyone", "Coordinator", "Lead"]


@pytest.mark.parametrize("params", [{"type": "bogus"}, {"group": "abc"}, {"person": "x"}, {"before": "soon"},
                                    {"seen": "never"}, {"group": "999", "type": ""}])
def test_unknown_filter_values_are_ignored(client, login, world, params):
    login("member")
    expected = [] if params.get("group") == "999" else WORLD_FEED
    assert said(client, world, **params) == expected


def test_an_empty_feed_says_so(client, login, world):
    login("member")
    page = parse(get_feed(client, world, person=User.get(login="member").id).text)
    assert text(page.find(".//ol[@id='feed']/li[@class='empty']")) == "Nothing to show."


# Pages.

def test_older_link_only_when_there_are_more(client, login, world):
    record_many(world, activity.PAGE_SIZE - 4)  # exactly one page
    login("member")
    response = get_feed(client, world)
    assert len(entries(response)) == activity.PAGE_SIZE and older_link(response) is None


@pytest.mark.both_databases
def test_older_pages_follow_on_without_overlap(client, login, world):
    record_many(world, activity.PAGE_SIZE)
    login("member")
    first = get_feed(client, world)
    link = older_link(first)
    assert link is not None and "before=" in link
    second = client.get(link, headers={"HX-Request": "true"})
    assert second.status_code == 200 and "<html" not in second.text
    assert [what for _, what in entries(second)] == WORLD_FEED and older_link(second) is None
    newest = [what for _, what in entries(first)]
    assert newest[0] == f"Lead saved revision {100 + activity.PAGE_SIZE - 1} of {OWN}"
    assert newest[-1] == f"Lead saved revision 100 of {OWN}" and len(newest) == activity.PAGE_SIZE


@pytest.mark.both_databases
def test_backdated_entries_read_in_time_order_across_pages(client, login, world):
    """Entries recorded out of order (the demo replays its history on past days) are shown by when they happened,
    and the next page follows on from the last one shown."""
    user, section = User.get(User.login == "lead"), Section.get_by_id(world["sections"]["own"])
    days_ago = list(range(1, activity.PAGE_SIZE + 4))
    random.Random(22).shuffle(days_ago)
    for days in days_ago:
        activity.record(Activity.EDIT, user, world["report"], section, 1000 + days, at=utcnow() - timedelta(days=days))
    login("member")
    first = get_feed(client, world)
    second = client.get(older_link(first), headers={"HX-Request": "true"})
    shown = [what for _, what in entries(first) + entries(second)]
    assert shown == WORLD_FEED + [f"Lead saved revision {1000 + days} of {OWN}" for days in sorted(days_ago)]


def test_older_link_keeps_the_filters(client, login, world):
    record_many(world, activity.PAGE_SIZE + 1)
    alpha = Section.get_by_id(world["sections"]["own"]).group_id
    login("member")
    link = older_link(get_feed(client, world, group=alpha, type="edits"))
    assert f"group={alpha}" in link and "type=edits" in link
    assert [what for _, what in entries(client.get(link, headers={"HX-Request": "true"}))] == [
        f"Lead saved revision 100 of {OWN}"] + WORLD_FEED[2:]


def test_htmx_gets_the_entries_only(client, login, world):
    login("member")
    fragment, page = get_feed(client, world, hx=True, type="edits"), get_feed(client, world, type="edits")
    assert "<html" not in fragment.text and "<form" not in fragment.text
    assert fragment.text.lstrip().startswith("<li") and "<html" in page.text
    assert [what for _, what in entries(fragment)] == WORLD_FEED


# New since the last visit.

@pytest.mark.both_databases
def test_others_entries_since_the_last_visit_are_new(world, own, person):
    member, lead = person("member"), person("lead")
    assert entries(visit(member, world)) == [(True, what) for what in WORLD_FEED]
    assert entries(get_feed(member, world)) == [(False, what) for what in WORLD_FEED]
    assert edit(lead, own, "Третий вариант.").status_code == 302
    assert entries(get_feed(member, world)) == [(True, f"Lead saved revision 3 of {OWN}")] + [
        (False, what) for what in WORLD_FEED]


@pytest.mark.both_databases
def test_own_entries_are_never_new(client, login, world, own):
    login("member")
    edit(client, own, "Третий вариант.")
    assert entries(visit(client, world)) == [(False, f"Member saved revision 3 of {OWN}")] + [
        (True, what) for what in WORLD_FEED]
    assert '<span class="badge new">' not in get_feed(client, world).text


@pytest.mark.both_databases
def test_the_overview_badge_counts_others_new_entries(world, own, person):
    member, lead = person("member"), person("lead")
    assert badge(member, world) == "4 new"
    edit(member, own, "Третий вариант.", base=2)
    assert badge(member, world) == "4 new"  # one's own save is not news
    visit(member, world)
    assert badge(member, world) is None
    edit(lead, own, "Четвёртый вариант.", base=3)
    lead.post(f"/reports/{world['report']}/export", data={"format": "docx"})
    assert badge(member, world) == "2 new"
    assert badge(lead, world) == "3 new"  # the coordinator's two saves and the member's one, none of the lead's


def test_the_badge_links_to_the_feed_and_stops_at_99(client, login, world):
    record_many(world, 100)
    login("member")
    page = tinyhtml5.parse(client.get(f"/reports/{world['report']}").text, namespace_html_elements=False)
    link = next(a for a in page.iter("a") if a.find("span[@class='badge new']") is not None)
    assert link.get("href") == f"/reports/{world['report']}/activity" and text(link) == "Activity 99+"


@pytest.mark.both_databases
def test_an_older_page_does_not_mark_anything_seen(client, login, world):
    record_many(world, activity.PAGE_SIZE)
    login("member")
    newest = Activity.select().order_by(Activity.id.desc()).first().id
    visit(client, world, before=newest)
    assert badge(client, world) == f"{activity.PAGE_SIZE + 4} new"


@pytest.mark.both_databases
def test_older_pages_keep_the_new_markers_of_the_first(world, person):
    member = person("member")
    visit(member, world)  # the world's saves are seen
    record_many(world, activity.PAGE_SIZE + 1)
    first = get_feed(member, world)
    assert all(new for new, _ in entries(first))
    second = member.get(older_link(first), headers={"HX-Request": "true"})
    assert entries(second) == [(True, f"Lead saved revision 100 of {OWN}")] + [(False, what) for what in WORLD_FEED]


@pytest.mark.both_databases
def test_older_pages_keep_the_new_markers_on_a_first_visit(world, person):
    record_many(world, activity.PAGE_SIZE)
    member = person("member")
    first = get_feed(member, world)
    assert all(new for new, _ in entries(first))
    second = member.get(older_link(first), headers={"HX-Request": "true"})
    assert entries(second) == [(True, what) for what in WORLD_FEED]


@pytest.mark.both_databases
def test_opening_one_reports_feed_leaves_anothers_news_alone(world, person):
    beta = WorkingGroup.get(WorkingGroup.name == "Women's rights")
    report = Report.create(title="Shadow report", country="Kazakhstan", mechanism="CEDAW")
    revisions.save(Section.create(report=report, group=beta, title="Shadow section"), User.get(login="other"),
                   "Текст.", "", 0)
    member = person("member")
    visit(member, world, report=report.id)
    assert badge(member, world) == "4 new"


@pytest.mark.both_databases
def test_opening_the_feed_marks_nothing_until_asked(client, login, world):
    """Without JavaScript the page stays as it was until its button is pressed; then nothing shown is new."""
    login("member")
    for _ in range(2):
        assert entries(get_feed(client, world)) == [(True, what) for what in WORLD_FEED]
    assert badge(client, world) == "4 new"
    action, fields = mark_seen_form(get_feed(client, world))
    marked = client.post(action, data=fields, follow_redirects=True)
    assert "Everything in the feed is marked as seen." in marked.text
    assert entries(marked) == [(False, what) for what in WORLD_FEED] and badge(client, world) is None
    assert mark_seen_form(marked) is None  # nothing left to mark


@pytest.mark.both_databases
def test_marking_as_seen_stops_at_what_the_page_showed(world, own, person):
    member, lead = person("member"), person("lead")
    page = get_feed(member, world)
    assert edit(lead, own, "Третий вариант.").status_code == 302  # while the member reads
    action, fields = mark_seen_form(page)
    member.post(action, data=fields)
    assert entries(get_feed(member, world))[0] == (True, f"Lead saved revision 3 of {OWN}")
    assert badge(member, world) == "1 new"


# Who may read it.

@pytest.mark.parametrize("role", ["coordinator", "reviewer", "lead", "member", "other"])
def test_every_role_reads_the_feed(world, person, role):
    response = get_feed(person(role), world)
    assert "<h1>Activity</h1>" in response.text
    assert len(entries(response)) == 4


def test_anonymous_is_sent_to_sign_in(client, world):
    response = client.get(f"/reports/{world['report']}/activity")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_unknown_report_is_404(client, login, world):
    login("member")
    assert client.get("/reports/999/activity").status_code == 404
