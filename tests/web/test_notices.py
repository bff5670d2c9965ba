"""E-mail notices, against a real SMTP server on localhost (aiosmtpd): who is told, in which language,
what a notice never contains, and that nothing breaks when mail is off or the server is down."""
from coalition import notices
from models import Comment, User
from tests.helpers import free_port, sign_in


def act(app, who, url, **data):
    client = app.test_client()
    sign_in(client, who)
    return client.post(url, data=data)


def addresses(handler):
    return sorted({address for recipients, _ in handler.messages for address in recipients})


def test_a_submission_tells_the_reviewers_and_the_coordinator(mail_app, mailed_world, inbox):
    handler, _ = inbox
    section = mailed_world["sections"]["own"]
    assert act(mail_app, "member", f"/sections/{section}/status", action="submit", number=2).status_code == 302
    assert addresses(handler) == ["coordinator@coalition.test", "reviewer@coalition.test"]
    message = handler.to("reviewer@coalition.test")[0]
    assert message["Subject"] == "Sent for review: Civil and political rights section — Joint submission"
    assert message["From"] == "editor@coalition.test"
    assert f"https://upr.coalition.test/sections/{section}" in message.get_content()


def test_a_decision_tells_the_group_but_not_the_one_who_took_it(mail_app, mailed_world, inbox):
    handler, _ = inbox
    section = mailed_world["sections"]["own"]
    act(mail_app, "member", f"/sections/{section}/status", action="submit", number=2)
    handler.messages.clear()
    act(mail_app, "coordinator", f"/sections/{section}/status", action="approve", number=2)
    # lead and member of the group; "inactive" is in the group but switched off; "other" is in another group.
    assert addresses(handler) == ["lead@coalition.test", "member@coalition.test"]
    assert "Approved" in handler.to("lead@coalition.test")[0]["Subject"]


def test_a_comment_tells_the_group_and_the_thread_and_never_carries_its_text(mail_app, mailed_world, inbox):
    handler, _ = inbox
    thread = mailed_world["thread"]
    assert act(mail_app, "lead", f"/threads/{thread}/comments", body="The source is the 2024 court ruling."
               ).status_code in (200, 302)
    # The group (minus the lead who wrote) and the reviewer who started the thread.
    assert addresses(handler) == ["member@coalition.test", "reviewer@coalition.test"]
    for _, message in handler.messages:
        text = message.get_content()
        assert "court ruling" not in text and "Lead" not in text and "Второй вариант" not in text
        assert f"#thread-{thread}" in text


def test_a_notice_is_in_the_recipients_language(mail_app, mailed_world, inbox):
    handler, _ = inbox
    with mail_app.app_context():
        User.update(language="ru").where(User.login == "reviewer").execute()
    act(mail_app, "member", f"/sections/{mailed_world['sections']['own']}/status", action="submit", number=2)
    assert "Отправлен на рецензию" in handler.to("reviewer@coalition.test")[0]["Subject"]
    assert "Sent for review" in handler.to("coordinator@coalition.test")[0]["Subject"]


def test_edits_and_people_without_an_address_get_nothing(mail_app, mailed_world, inbox):
    handler, _ = inbox
    with mail_app.app_context():
        User.update(email="").where(User.login == "coordinator").execute()
    section = mailed_world["sections"]["own"]
    act(mail_app, "member", f"/sections/{section}/edit", body="A new text.", base=2, action="save")
    assert handler.messages == []
    act(mail_app, "member", f"/sections/{section}/status", action="submit", number=3)
    assert addresses(handler) == ["reviewer@coalition.test"]


def test_a_refused_step_sends_nothing(mail_app, mailed_world, inbox):
    handler, _ = inbox
    section = mailed_world["sections"]["own"]
    response = act(mail_app, "member", f"/sections/{section}/status", action="approve", number=2)
    assert response.status_code == 403
    assert handler.messages == []


def test_without_smtp_nothing_is_sent_and_nothing_breaks(app, world, inbox):
    handler, _ = inbox
    response = act(app, "member", f"/sections/{world['sections']['own']}/status", action="submit", number=2)
    assert response.status_code == 302 and handler.messages == []


def test_a_dead_mail_server_loses_nothing(make_app, world, caplog):
    app = make_app(SMTP_HOST="127.0.0.1", SMTP_PORT=free_port(), SMTP_SECURITY="none", MAIL_IN_BACKGROUND=False)
    with app.app_context():
        User.update(email=User.login.concat("@coalition.test")).execute()
    section = world["sections"]["own"]
    response = act(app, "member", f"/sections/{section}/status", action="submit", number=2)
    assert response.status_code == 302
    client = app.test_client()
    sign_in(client, "member")
    assert "In review" in client.get(f"/sections/{section}/review").text
    assert "e-mail notices not sent" in caplog.text and "coalition.test" not in caplog.text


def test_a_notice_that_cannot_be_made_leaves_the_comment_saved(mail_app, mailed_world, inbox, monkeypatch, caplog):
    refusal = "a header the mail library refuses"

    def broken(*args):
        raise ValueError(refusal)

    monkeypatch.setattr(notices, "_message", broken)
    thread = mailed_world["thread"]
    answer = act(mail_app, "lead", f"/threads/{thread}/comments", body="Saved whatever the mail does.")
    assert answer.status_code in (200, 302)
    with mail_app.app_context():
        assert Comment.select().where(Comment.body == "Saved whatever the mail does.").exists()
    assert "e-mail notices not composed" in caplog.text and "refuses" not in caplog.text
