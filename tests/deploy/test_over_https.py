"""A coalition's day over HTTPS, through nginx and gunicorn as deploy/ sets them up: signing in, the live preview
and autosave, a save, a conflict resolved, the PDF and the DOCX, signing out; and what the deployment itself
promises: Secure cookies, HSTS, compressed text, static files kept for a year, and the browser's own address."""
import hashlib
import io
import os
import random
import re
import shlex
import socket
import stat
import subprocess
from pathlib import Path

import docx
import pytest
import requests
from PIL import Image as Pillow
from playwright.sync_api import expect
from pypdf import PdfReader

from models import AuditEvent
from tests.browser.steps import (
    ADDED,
    activity_link,
    change,
    comment_on,
    go_to,
    open_editor,
    open_feed,
    save,
    sign_in,
)
from tests.deploy.conftest import LOGIN_LIMIT, recorded, source_of
from tests.deploy.stack import ROOT, SITE, UNIT, service_settings
from tests.helpers import PASSWORD
from tests.word_files import report_docx, with_parts

pytestmark = pytest.mark.deploy
MERGED = "Someone else had saved in the meantime; your edit and theirs were merged."
READY = "The file is ready."
BUILD_TIMEOUT = 60_000  # ms: a worker's first PDF loads WeasyPrint and the fonts


def test_the_service_runs_gunicorn_in_production_on_the_sites_socket():
    unit = service_settings(UNIT.read_text())
    assert "UPR_ENV=production" in unit["Environment"]
    command = shlex.split(unit["ExecStart"][-1])
    assert command[0] == "/srv/upr-editor/.venv/bin/gunicorn" and command[-1] == "app:create_app()"
    assert command[command.index("--bind") + 1] == "unix:/run/upr-editor/gunicorn.sock"
    assert int(command[command.index("--workers") + 1]) > 1
    assert "server unix:/run/upr-editor/gunicorn.sock" in SITE.read_text()


def test_a_day_of_work_over_https(pages, deployment):
    own = deployment.world["sections"]["own"]
    lead = pages.new()
    sign_in(lead, "lead")  # the POST that Flask-WTF refused while pages sent no Referer
    session = next(c for c in lead.context.cookies() if c["name"] == "session")
    assert (session["secure"], session["httpOnly"], session["sameSite"]) == (True, True, "Lax")

    text = open_editor(lead, own)
    text.press("Control+End")
    text.press_sequentially(ADDED)
    expect(lead.locator("#preview h3")).to_have_text("Новый заголовок")  # the live preview, an htmx POST
    expect(lead.locator("#draft-status")).to_contain_text("Draft kept on the server")
    save(lead, "a heading")
    expect(lead.locator("#messages")).to_have_text("Saved as revision 3.")

    # Both open revision 3 and rewrite its last paragraph; the lead saves first.
    member = pages.new()
    sign_in(member, "member")
    open_editor(member, own)
    open_editor(lead, own)
    change(lead, "Добавленный абзац о правах.", "Добавленный абзац о правах человека.")
    save(lead, "human rights")
    expect(lead.locator("#messages")).to_have_text("Saved as revision 4.")
    change(member, "Добавленный абзац о правах.", "Добавленный абзац о правах женщин.")
    save(member, "women's rights")
    conflict = member.get_by_role("group", name="Conflict 1 of 1")
    expect(conflict.locator(".side").filter(has_text="Their version (revision 4)")).to_contain_text("человека")
    conflict.get_by_label("Use the combined text below").check()
    combined = "Добавленный абзац о правах человека и правах женщин."
    conflict.get_by_role("textbox", name="Combined text").fill(combined)
    member.get_by_role("button", name="Save the merged text").click()
    expect(member.locator("#messages")).to_have_text(f"Saved as revision 5. {MERGED}")

    docx_file = download(member, lambda: member.get_by_role("button", name="Word (DOCX)").click(), ".docx")
    assert combined in "\n".join(p.text for p in docx.Document(io.BytesIO(docx_file)).paragraphs)
    member.get_by_role("link", name="UPR Coalition Editor").click()  # the overview
    member.get_by_role("link", name="Download the report (PDF, Word)").click()
    pdf = download(member, lambda: member.get_by_role("button", name="Make the file").click(), ".pdf")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Joint submission" in text and "правах женщин" in text

    member.get_by_role("button", name="Sign out").click()
    expect(member.get_by_role("heading", level=1)).to_have_text("Sign in")
    member.goto(f"/sections/{own}")
    expect(member).to_have_url(re.compile(r"/login\?next="))


def test_a_suggestion_and_a_comment_reach_the_groups_inbox_over_https(pages, deployment):
    """Review across groups on the production stack: the lead of another group suggests an edit and comments on a
    paragraph chosen in the text, naming @other; other's inbox (written by whichever worker took the request, read
    by another) shows both, and other accepts the suggestion."""
    theirs = deployment.world["sections"]["theirs"]  # no other test here writes it
    lead = pages.new()
    sign_in(lead, "lead")
    lead.goto(f"/sections/{theirs}")
    lead.get_by_role("link", name="Suggest an edit").click()
    text = lead.get_by_label("Text (Markdown)")
    text.press("Control+End")
    text.press_sequentially("\n\nДобавлено по предложению.")
    expect(lead.locator("#preview")).to_contain_text("Добавлено по предложению.")  # the editor's live preview
    lead.get_by_label("Why (a note for the section's group)").fill("@other, see the new paragraph")
    lead.get_by_role("button", name="Suggest", exact=True).click()
    expect(lead.get_by_text("Your suggestion is sent to the section's group.")).to_be_visible()
    lead.goto(f"/sections/{theirs}")
    first = lead.get_by_role("link", name=re.compile(r"^Comment on ¶ \d+$")).first  # numbered as in the PDF
    comment_on(lead, first, "@other, which year?")
    expect(lead.locator("article.thread").filter(has_text="which year?")).to_be_visible()

    other = pages.new()
    sign_in(other, "other")
    other.get_by_role("link", name="Inbox (2)").click()
    told = other.locator("ol.inbox li")
    expect(told.filter(has_text="You were mentioned.")).to_have_count(2)
    told.filter(has_text="Lead suggested").get_by_role("link", name="an edit").click()
    other.locator(".suggestion").filter(has_text="see the new paragraph").get_by_role(
        "button", name="Accept", exact=True).click()
    expect(other.get_by_text("Accepted as revision 3.")).to_be_visible()
    other.goto(f"/sections/{theirs}/history")
    expect(other.get_by_text("Suggested by Lead, accepted by Other: @other, see the new paragraph")).to_be_visible()


def test_presence_and_what_was_seen_are_recorded_over_https(pages, deployment):
    """What a page view no longer writes comes in POSTs of its own (issue 23), sent by htmx with their CSRF tokens
    through nginx to whichever worker: the presence poll, and the feed's mark of what its reader has seen."""
    theirs = deployment.world["sections"]["theirs"]
    other, reviewer = pages.new(), pages.new()
    sign_in(other, "other")
    other.goto(f"/sections/{theirs}/edit")
    sign_in(reviewer, "reviewer")
    reviewer.goto(f"/sections/{theirs}")
    expect(reviewer.locator("#presence")).to_contain_text("Other (editing)")
    expect(other.locator("#presence")).to_contain_text("Reviewer", timeout=15_000)  # the editor's next poll

    reviewer.goto(f"/reports/{deployment.world['report']}")
    expect(activity_link(reviewer).locator(".badge.new")).to_be_visible()  # the world's saves, new to them
    open_feed(reviewer)
    go_to(reviewer, "Report")
    expect(reviewer.get_by_role("heading", level=1)).to_have_text("Joint submission")
    expect(activity_link(reviewer)).to_have_count(0)


def download(page, ask, suffix: str) -> bytes:
    """Ask for a file, wait for it to be built in the background, download it."""
    ask()
    expect(page.locator("#export-status")).to_contain_text(READY, timeout=BUILD_TIMEOUT)
    with page.expect_download() as file:
        page.locator("#export-status").get_by_role("link", name=re.compile(r"^Download ")).click()
    assert file.value.suggested_filename.endswith(suffix)
    with open(file.value.path(), "rb") as data:
        return data.read()


def test_a_word_file_and_an_image_larger_than_other_requests_pass_nginx(pages, deployment):
    """nginx takes 3 MB elsewhere; the routes that take files let the app answer with its own, larger limits."""
    own = deployment.world["sections"]["own"]
    page = pages.new()
    sign_in(page, "member")
    photo = random.Random(3).randbytes(4 * 1024 * 1024)  # a photo barely packs
    page.goto(f"/sections/{own}/import")
    page.locator("input[type=file]").set_input_files(files=[{
        "name": "report.docx", "mimeType": "application/octet-stream",
        "buffer": with_parts(report_docx(picture=False), {"word/media/photo.jpeg": photo})}])
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/sections/{own}/edit\?draft=1$"))
    expect(page.locator("#preview h3").first).to_have_text("Freedom of expression")

    noise = Pillow.frombytes("RGB", (1200, 1200), random.Random(4).randbytes(1200 * 1200 * 3))
    picture = io.BytesIO()
    noise.save(picture, "PNG")
    assert 3 * 1024 * 1024 < len(picture.getvalue()) < 5 * 1024 * 1024
    page.goto(f"/sections/{own}/images/new")
    page.locator("#image-file").set_input_files(
        files=[{"name": "noise.png", "mimeType": "image/png", "buffer": picture.getvalue()}])
    page.locator("#image-alt").fill("Noise, as a test")
    page.get_by_role("button", name="Upload the image").click()
    expect(page.locator("#image-line")).to_have_value(re.compile(r"^!\[Noise, as a test\]\(/images/\d+\)$"))


def test_hsts_and_compressed_pages(deployment):
    page = deployment.session().get(f"{deployment.base}/login", headers={"Accept-Encoding": "gzip"})
    assert page.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert page.headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in page.headers["Vary"]
    assert page.headers["Referrer-Policy"] == "same-origin"


def test_http_is_sent_to_https(deployment):
    answer = deployment.session().get(f"http://127.0.0.1:{deployment.http_port}/login", allow_redirects=False)
    assert answer.status_code == 301 and answer.headers["Location"] == "https://127.0.0.1/login"


def test_nginx_serves_static_files_compressed_and_kept_for_a_year(deployment):
    client = deployment.session()
    stylesheet = re.search(r'href="(/static/style\.css\?v=(\w+))"', client.get(f"{deployment.base}/login").text)
    assert stylesheet.group(2) == hashlib.sha256((ROOT / "static/style.css").read_bytes()).hexdigest()[:10]
    for path, kind, cache in ((stylesheet.group(1), "text/css", "public, max-age=31536000, immutable"),
                              ("/static/htmx.min.js", "application/javascript", "no-cache")):  # unversioned
        answer = client.get(deployment.base + path, headers={"Accept-Encoding": "gzip"})
        assert answer.status_code == 200 and answer.headers["Content-Type"] == kind
        assert answer.headers["Content-Encoding"] == "gzip"
        assert answer.headers["Cache-Control"] == cache
        assert answer.headers["X-Content-Type-Options"] == "nosniff"
        assert "Content-Security-Policy" not in answer.headers  # nginx's answer: the app adds one to all of its


def test_nginx_serves_the_stylesheets_fonts_kept_for_a_year(deployment):
    """The fonts are named by the stylesheet, not by the app: nginx still knows them for woff2, versioned."""
    client = deployment.session()
    fonts = re.findall(r'url\("(fonts/[^"]+\?v=\w+)"\)', (ROOT / "static/style.css").read_text(encoding="utf-8"))
    assert len(fonts) == 8
    for font in fonts:
        answer = client.get(f"{deployment.base}/static/{font}")
        assert answer.status_code == 200 and answer.headers["Content-Type"] == "font/woff2"
        assert answer.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert answer.content[:4] == b"wOF2"


def test_the_app_sees_the_clients_address_not_nginxs_nor_a_forged_one(deployment, pages):
    """A client at 127.0.0.2 (the browsers are at 127.0.0.1) forges X-Forwarded-For: its attempts are still
    counted and recorded as 127.0.0.2's, so it cannot escape the sign-in limit by inventing addresses. (Each
    gunicorn worker counts in its own memory: one of them must have seen more than the limit allows.)"""
    forger = deployment.session(source="127.0.0.2")
    attempts = LOGIN_LIMIT * deployment.workers + 1
    statuses = [sign_in_forging(forger, deployment, f"203.0.113.{n}").status_code for n in range(attempts)]
    assert 429 in statuses and set(statuses) == {200, 429}, statuses
    browser = pages.new()
    sign_in(browser, "reviewer")  # from the browsers' address: not limited
    with recorded(deployment):
        refusals = AuditEvent.select().where(AuditEvent.kind.in_([AuditEvent.LOGIN_FAILED, AuditEvent.LOGIN_THROTTLED]))
        forged = {event.source for event in refusals}
        reviewer = AuditEvent.select().where(AuditEvent.kind == AuditEvent.LOGIN).order_by(AuditEvent.id.desc()).get()
    assert forged == {source_of(deployment, "127.0.0.2")}
    assert reviewer.source == source_of(deployment, "127.0.0.1")


def sign_in_forging(client, deployment, forged: str):
    """A failed sign-in through the form (token and Referer as a browser sends them), claiming another address."""
    login = f"{deployment.base}/login"
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', client.get(login).text).group(1)
    return client.post(login, data={"login": "member", "password": PASSWORD + "?", "csrf_token": token},
                       headers={"X-Forwarded-For": forged, "Referer": login}, allow_redirects=False)


def gunicorn_answer(deployment, host: str) -> bytes:
    """The head of gunicorn's own answer to GET /login naming `host`, on its socket (where only nginx connects)."""
    with socket.socket(socket.AF_UNIX) as connection:
        connection.connect(str(deployment.home / "gunicorn.sock"))
        connection.sendall(f"GET /login HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        return connection.recv(4096).partition(b"\r\n\r\n")[0]


def test_a_forged_host_gets_no_answer(deployment):
    client = deployment.session()
    for base in (deployment.base, f"http://127.0.0.1:{deployment.http_port}"):
        with pytest.raises(requests.ConnectionError):  # nginx's 444: the connection closed without a word
            client.get(f"{base}/login", headers={"Host": "evil.example"}, allow_redirects=False, timeout=10)
    # Behind nginx, the app refuses any name but PUBLIC_URL's itself.
    assert gunicorn_answer(deployment, "evil.example").startswith(b"HTTP/1.1 400 ")
    assert gunicorn_answer(deployment, "127.0.0.1").startswith(b"HTTP/1.1 200 ")


def test_what_the_service_writes_is_its_own(deployment, tmp_path):
    workers = (Path(f"/proc/{deployment.gunicorn.pid}/task/{deployment.gunicorn.pid}/children").read_text().split())
    assert len(workers) == deployment.workers
    for pid in workers:  # the database's files, exports and anything else a worker makes: 0600
        assert "Umask:\t0077" in Path(f"/proc/{pid}/status").read_text().splitlines()
    backup = tmp_path / "upr.backup"  # a command run by hand, with a shell's umask, on the deployed settings
    done = subprocess.run([str(ROOT / ".venv/bin/flask"), "--app", "app", "backup", "--out", str(backup)], cwd=ROOT,
                          env=deployment.environment(), capture_output=True, timeout=120,
                          preexec_fn=lambda: os.umask(0o022))
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600


def test_no_answer_names_its_software_or_version(deployment):
    client = deployment.session()
    answers = [client.get(f"{deployment.base}/login"), client.get(f"{deployment.base}/no/such/page"),
               client.get(f"http://127.0.0.1:{deployment.http_port}/login", allow_redirects=False)]
    for answer in answers:
        assert answer.headers.get("Server") == "nginx", answer.url
        assert "gunicorn" not in str(answer.headers).lower()
