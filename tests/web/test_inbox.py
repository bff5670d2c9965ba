"""The inbox on the web: exactly what concerns the person, in the feed's words with links, unread said so; marking
read; the header's polled count; following a section."""
import re

from models import Notification, User

COMMENT = "Please cite the source, @lead and @nobody."


def comment(client, section_id, body=COMMENT):
    assert client.post(f"/sections/{section_id}/threads", data={"paragraph": -1, "body": body}).status_code == 302


def items(client) -> list[str]:
    page = client.get("/inbox")
    assert page.status_code == 200
    found = re.findall(r'<li id="notification-\d+" class="entry[^"]*">(.*?)</li>', page.text, re.S)
    words = [re.sub(r"<time.*?</time>|<[^>]+>", " ", item, flags=re.S) for item in found]  # not the time
    return [" ".join(item.split()) for item in words]


def test_a_comment_reaches_the_group_and_the_mentioned_never_its_writer(person, world, own):
    comment(person("reviewer"), own)
    told = "unread Reviewer wrote a comment on Civil and political rights section"
    lead = items(person("lead"))
    assert len(lead) == 1 and lead[0].startswith(told) and "You were mentioned." in lead[0]
    member = items(person("member"))
    assert len(member) == 1 and "Your group's section." in member[0]
    for outsider in ("reviewer", "other", "coordinator"):
        assert items(person(outsider)) == []
        assert "Nothing yet." in person(outsider).get("/inbox").text
    link = f'href="/sections/{own}#thread-'
    assert link in person("lead").get("/inbox").text


def test_the_header_counts_and_its_poll_swaps_only_a_change(person, world, own):
    lead = person("lead")
    assert "Inbox (0)" in lead.get("/inbox").text
    comment(person("reviewer"), own)
    assert "Inbox (1)" in lead.get(f"/sections/{own}").text
    htmx = {"HX-Request": "true"}
    assert lead.get("/inbox/count?shown=1", headers=htmx).status_code == 204
    fresh = lead.get("/inbox/count?shown=0", headers=htmx)
    assert fresh.status_code == 200 and "Inbox (1)" in fresh.text and "shown=1" in fresh.text
    assert "<html" not in fresh.text
    assert lead.get("/inbox/count").headers["Location"].endswith("/inbox")  # without htmx: the inbox itself


def test_the_poll_of_someone_signed_out_swaps_nothing(client, world):
    assert client.get("/inbox/count?shown=1", headers={"HX-Request": "true"}).status_code == 204
    assert client.get("/inbox/count").headers["Location"].startswith("/login")


def test_marking_one_or_all_read(app, person, world, own):
    comment(person("reviewer"), own)
    comment(person("reviewer"), own, "A second point.")
    with app.app_context():
        lead_id = User.get(User.login == "lead").id
        first, _ = [n.id for n in Notification.select().where(Notification.recipient == lead_id)
                         .order_by(Notification.id)]
        members = [n.id for n in Notification.select().where(Notification.recipient != lead_id)]
    lead, member = person("lead"), person("member")
    assert lead.post(f"/inbox/{members[0]}/read").status_code == 302  # someone else's: left as it is
    assert lead.post(f"/inbox/{first}/read").status_code == 302
    assert [shown.startswith("unread") for shown in items(lead)] == [True, False]  # newest first
    assert "Inbox (2)" in member.get("/inbox").text
    assert lead.post("/inbox/read").status_code == 302
    assert "Inbox (0)" in lead.get("/inbox").text and not any(s.startswith("unread") for s in items(lead))


def test_following_a_section_brings_its_edits(person, world, own):
    other = person("other")
    assert "Follow this section" in other.get(f"/sections/{own}").text
    assert other.post(f"/inbox/follow/{own}", data={"follow": "1"}).status_code == 302
    assert "Stop following" in other.get(f"/sections/{own}").text
    saved = person("member").post(f"/sections/{own}/edit", data={"body": "A new text.", "base": 2, "action": "save"})
    assert saved.status_code == 302
    followed = items(other)
    assert len(followed) == 1 and "Member saved revision 3" in followed[0] and "A section you follow." in followed[0]
    other.post(f"/inbox/follow/{own}", data={"follow": "0"})
    assert "Follow this section" in other.get(f"/sections/{own}").text
