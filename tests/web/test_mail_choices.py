"""What each person chooses to have by e-mail too (issue 21): the usual notices, the whole inbox (mentions and
followed sections included), or nothing; chosen on the account page."""
from coalition import accounts
from models import MailChoice, User
from tests.helpers import sign_in
from tests.web.test_notices import act, addresses


def choose(app, login, choice):
    with app.app_context():
        person = User.get(User.login == login)
        accounts.save_settings(person, accounts.Settings(person.display_name, person.language, person.email, choice))


def test_the_whole_inbox_brings_mentions_nothing_brings_nothing(mail_app, mailed_world, inbox):
    handler, _ = inbox
    choose(mail_app, "other", MailChoice.INBOX)
    choose(mail_app, "member", MailChoice.NO_MAIL)
    thread = mailed_world["thread"]
    act(mail_app, "lead", f"/threads/{thread}/comments", body="Agreed, @other @coordinator.")
    # The reviewer, as the thread's writer; "other" as mentioned with the whole inbox chosen; not the member who
    # chose nothing, nor the coordinator, mentioned but with the usual notices only.
    assert addresses(handler) == ["other@coalition.test", "reviewer@coalition.test"]
    assert "New comment" in handler.to("other@coalition.test")[0]["Subject"]


def test_the_account_page_keeps_the_choice(mail_app, mailed_world):
    client = mail_app.test_client()
    sign_in(client, "member")
    assert 'selected value="usual"' in client.get("/account").text
    saved = client.post("/account", data={"display_name": "Member", "language": "en", "email": "member@coalition.test",
                                          "email_choice": "inbox"})
    assert saved.status_code == 302
    assert 'selected value="inbox"' in client.get("/account").text
    client.post("/account", data={"display_name": "Member", "language": "en", "email_choice": "usual"})
    with mail_app.app_context():
        assert MailChoice.select().count() == 0  # the usual is no row
