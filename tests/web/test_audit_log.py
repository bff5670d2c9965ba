"""The audit log: sign-ins, failed sign-ins (never what was typed), sign-outs, exports and new accounts;
addresses only as a keyed code; for the coordinator only; rows never change."""
import hashlib
import re

import pytest
import tinyhtml5

from coalition import audit
from models import AuditEvent, ImmutableRow, User
from tests.helpers import PASSWORD, sign_in, text

ADDRESS = "127.0.0.1"  # the test client's


@pytest.fixture
def person(app, world):
    """person("member"): a client of its own, signed in as that person."""

    def signed_in(name, address=ADDRESS):
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = address
        assert sign_in(client, name).status_code == 302
        return client

    return signed_in


def events(kind=None) -> list[tuple]:
    """(kind, actor's login, subject's login, detail) of each event, oldest first."""
    rows = AuditEvent.select().order_by(AuditEvent.id)
    if kind:
        rows = rows.where(AuditEvent.kind == kind)
    return [(e.kind, e.actor.login if e.actor_id else None, e.subject.login if e.subject_id else None, e.detail)
            for e in rows]


def stored() -> str:
    """Every column of every audit row, as one string to search."""
    return repr(list(AuditEvent.select().tuples()))


def log_rows(response) -> list[tuple[str, list[str]]]:
    """(class, cell texts) of each event row the audit page (or its fragment) shows, newest first."""
    html = response.text if "<html" in response.text else f"<table><tbody>{response.text}</tbody></table>"
    root = tinyhtml5.parse(html, namespace_html_elements=False)
    return [(tr.get("class"), [text(td) for td in tr.iter("td")]) for tr in root.iter("tr")
            if (tr.get("class") or "").startswith("event-")]


def older_link(response) -> str | None:
    html = response.text if "<html" in response.text else f"<table><tbody>{response.text}</tbody></table>"
    link = tinyhtml5.parse(html, namespace_html_elements=False).find(".//tr[@class='more']/td/a")
    return link.get("href") if link is not None else None


def audit_page(client, hx=False, **params):
    response = client.get("/audit", query_string=params, headers={"HX-Request": "true"} if hx else {})
    assert response.status_code == 200
    return response


# What is recorded.

def test_a_sign_in_is_recorded(client, login, world):
    login("member")
    assert events() == [("login", "member", None, "")]


def test_a_failed_sign_in_names_an_existing_account(client, login, world):
    login("lead", "not the password")
    assert events() == [("login_failed", None, "lead", "")]
    assert "not the password" not in stored()


@pytest.mark.parametrize("typed", ["someone-unknown", PASSWORD])  # a password typed into the login field
def test_a_failed_sign_in_with_an_unknown_login_keeps_nothing_typed(app, client, login, world, person, typed):
    login(typed, "wrong secret 4711")
    assert events() == [("login_failed", None, None, "")]
    assert typed not in stored() and "wrong secret 4711" not in stored()
    page = audit_page(person("coordinator"))
    assert typed not in page.text and "wrong secret 4711" not in page.text
    assert log_rows(page)[-1][1][1:5] == ["Failed sign-in", "—", "no such account", ""]


def test_an_inactive_account_with_the_right_password_is_marked(client, login, world, person):
    login("inactive")
    login("inactive", "wrong")
    assert events() == [("login_failed", None, "inactive", "inactive"), ("login_failed", None, "inactive", "")]
    rows = log_rows(audit_page(person("coordinator")))
    assert [cells[3:5] for _, cells in rows[-2:]] == [["Inactive (inactive)", ""],
                                                      ["Inactive (inactive)", "the account is switched off"]]


def test_an_empty_form_records_nothing(client, world):
    client.post("/login", data={"login": "", "password": ""})
    assert events() == []


def test_a_sign_out_is_recorded(client, login, world):
    login("member")
    assert client.post("/logout").status_code == 302
    assert events() == [("login", "member", None, ""), ("logout", "member", None, "")]


def test_exports_are_recorded(world, person):
    member = person("member")
    assert member.post(f"/reports/{world['report']}/export", data={"format": "docx"}).status_code == 302
    own = world["sections"]["own"]
    assert member.post(f"/sections/{own}/export", data={"format": "docx"}).status_code == 302
    assert events("export") == [("export", "member", None, "docx report"),
                                ("export", "member", None, f"docx section {own}")]


def test_create_user_on_the_command_line_is_recorded(world, runner, person):
    result = runner.invoke(args=["create-user", "newlead", "--role", "lead", "--group", "Civil and political rights"],
                           input="a long secret\na long secret\n")
    assert result.exit_code == 0, result.output
    assert events() == [("user_created", None, "newlead", "lead, Civil and political rights")]
    event = AuditEvent.get(AuditEvent.kind == "user_created")
    assert event.source == "" and "a long secret" not in stored()
    row = log_rows(audit_page(person("coordinator")))[-1][1]
    assert row[1:4] == ["Account created", "the server's command line", "newlead (newlead)"]


def test_a_refused_create_user_records_nothing(world, runner):
    result = runner.invoke(args=["create-user", "lost", "--group", "No such group"], input="pw\npw\n")
    assert result.exit_code != 0 and events() == []


# The source: a keyed code, never the address.

def test_the_source_is_a_short_keyed_code_not_the_address(world, person):
    person("member")
    person("lead")
    person("other", address="203.0.113.7")
    member, lead, other = AuditEvent.select().order_by(AuditEvent.id)
    assert all(re.fullmatch(r"[0-9a-f]{12}", e.source) for e in (member, lead, other))
    assert member.source == lead.source != other.source  # the same address, the same code
    for address in (ADDRESS, "203.0.113.7"):
        assert address not in stored()
        unkeyed = [hashlib.new(name, address.encode()).hexdigest()[:12] for name in ("md5", "sha1", "sha256")]
        assert not {member.source, other.source} & set(unkeyed)


def test_the_log_shows_the_code_not_the_address(world, person):
    person("member")
    page = audit_page(person("coordinator"))
    source = AuditEvent.select().first().source
    assert f"<code>{source}</code>" in page.text and ADDRESS not in page.text


def test_the_code_depends_on_the_key(make_app, world):
    other_key = make_app(SECRET_KEY="another key").test_client()
    sign_in(other_key, "member")
    first = AuditEvent.select().first()
    assert re.fullmatch(r"[0-9a-f]{12}", first.source)
    with make_app().test_request_context(environ_base={"REMOTE_ADDR": ADDRESS}):
        assert audit._source() != first.source and re.fullmatch(r"[0-9a-f]{12}", audit._source())


# Rows never change.

def test_audit_rows_are_immutable(client, login, world):
    login("member")
    event = AuditEvent.select().first()
    with pytest.raises(ImmutableRow):
        AuditEvent.update(detail="nothing happened").where(AuditEvent.id == event.id).execute()
    with pytest.raises(ImmutableRow):
        AuditEvent.delete().execute()
    event.kind = "logout"
    with pytest.raises(ImmutableRow):
        event.save()
    with pytest.raises(ImmutableRow):
        event.delete_instance()
    assert events() == [("login", "member", None, "")]


# Who may read it, and how.

@pytest.mark.parametrize("role", ["reviewer", "lead", "member", "other"])
def test_only_the_coordinator_reads_the_log(world, person, role):
    assert person(role).get("/audit").status_code == 403
    assert person(role).get("/audit", headers={"HX-Request": "true"}).status_code == 403


def test_the_coordinator_reads_the_log_newest_first(world, person):
    person("member")
    coordinator = person("coordinator")
    coordinator.post("/logout")
    coordinator = person("coordinator")
    rows = log_rows(audit_page(coordinator))
    assert [(kind, cells[1:3]) for kind, cells in rows] == [
        ("event-login", ["Signed in", "Coordinator"]), ("event-logout", ["Signed out", "Coordinator"]),
        ("event-login", ["Signed in", "Coordinator"]), ("event-login", ["Signed in", "Member"])]


def test_anonymous_is_sent_to_sign_in(client, world):
    response = client.get("/audit")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_filter_by_kind(client, login, world, person):
    login("lead", "wrong")
    login("nobody")
    coordinator = person("coordinator")
    failed = log_rows(audit_page(coordinator, kind="login_failed"))
    assert [cells[1:4] for _, cells in failed] == [["Failed sign-in", "—", "no such account"],
                                                   ["Failed sign-in", "—", "Lead (lead)"]]
    assert [kind for kind, _ in log_rows(audit_page(coordinator, kind="login"))] == ["event-login"]
    assert len(log_rows(audit_page(coordinator, kind="bogus"))) == 3


def test_pages_with_before(world, person):
    coordinator = person("coordinator")
    for number in range(audit.PAGE_SIZE):
        audit.record(AuditEvent.EXPORT, actor=User.get(login="member"), detail=f"pdf export {number}")
    first = audit_page(coordinator)
    rows = log_rows(first)
    assert len(rows) == audit.PAGE_SIZE and rows[0][1][4] == f"pdf export {audit.PAGE_SIZE - 1}"
    older = coordinator.get(older_link(first), headers={"HX-Request": "true"})
    assert older.status_code == 200 and "<html" not in older.text and older_link(older) is None
    assert [cells[1:3] for _, cells in log_rows(older)] == [["Signed in", "Coordinator"]]


def test_the_older_link_keeps_the_kind(world, person):
    coordinator = person("coordinator")
    for number in range(audit.PAGE_SIZE + 1):
        audit.record(AuditEvent.EXPORT, actor=User.get(login="member"), detail=f"pdf export {number}")
    page = audit_page(coordinator, kind="export")
    assert len(log_rows(page)) == audit.PAGE_SIZE and "kind=export" in older_link(page)
    older = coordinator.get(older_link(page), headers={"HX-Request": "true"})
    assert [cells[4] for _, cells in log_rows(older)] == ["pdf export 0"]
    assert older_link(audit_page(coordinator, kind="login")) is None


def test_htmx_gets_the_rows_only(world, person):
    coordinator = person("coordinator")
    fragment = audit_page(coordinator, hx=True, kind="login")
    assert "<html" not in fragment.text and "<table" not in fragment.text
    assert [kind for kind, _ in log_rows(fragment)] == ["event-login"]
