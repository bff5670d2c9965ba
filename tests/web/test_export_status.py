"""The status page, downloads (while building, failed; the file name), the background build, a failing build."""
import time

import pytest

from coalition import exports, revisions
from models import Export, ExportRequest, Report, Section, User
from tests.helpers import pdf_text, signed_in
from tests.web.exporting import export_of, make_file


def by_hand(world, status, login="member"):
    """A file in that state, asked for by `login`: the token of their link to it."""
    user = User.get(User.login == login)
    export = Export.create(report=world["report"], key=status * 8, format="pdf", filename="Joint submission.pdf",
                           requested_by=user, status=status)
    return ExportRequest.create(export=export, user=user).token


def test_building_polls(app, world, client, login):
    with app.app_context():
        export = by_hand(world, Export.BUILDING)
    login("member")
    full = client.get(f"/exports/{export}").text
    assert '<meta http-equiv="refresh"' in full and "Preparing the file" in full
    fragment = client.get(f"/exports/{export}", headers={"HX-Request": "true"}).text
    assert 'hx-trigger="load delay:1s"' in fragment and "<html" not in fragment
    assert "/download" not in full + fragment


def test_failed_shows_message_without_download(app, world, client, login):
    with app.app_context():
        export = by_hand(world, Export.FAILED)
    login("member")
    for headers in ({}, {"HX-Request": "true"}):
        html = client.get(f"/exports/{export}", headers=headers).text
        assert "could not be made" in html and "/download" not in html and "http-equiv" not in html


@pytest.mark.parametrize("status", [Export.BUILDING, Export.FAILED])
def test_no_download_unless_ready(app, world, client, login, status):
    with app.app_context():
        export = by_hand(world, status)
    login("coordinator")
    assert client.get(f"/exports/{export}/download").status_code == 404


@pytest.mark.parametrize("path", ["/exports/999", "/exports/999/download", "/exports/1", "/exports/1/download"])
def test_unknown_export(world, client, login, path):
    login("member")
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("path", ["/exports/1", "/exports/1/download", "/reports/1/export"])
def test_anonymous_goes_to_login(app, world, client, path):
    with app.app_context():
        by_hand(world, Export.READY)
    response = client.get(path)
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


@pytest.mark.parametrize("short, ascii_name", [("Joint submission", "Joint submission.pdf"), ("Доклад", "report.pdf")])
def test_ascii_filename(app, world, client, login, short, ascii_name):
    with app.app_context():
        Report.update(short_title=short).where(Report.id == world["report"]).execute()
    login("coordinator")
    export = make_file(client, f"/reports/{world['report']}/export")
    response = client.get(f"/exports/{export}/download")
    disposition = response.headers["Content-Disposition"]
    assert f'filename="{ascii_name}";' in disposition or f"filename={ascii_name};" in disposition  # token or quoted


def test_background_build(world, make_app):
    client = signed_in(make_app(EXPORTS_IN_BACKGROUND=True), "coordinator")
    export = make_file(client, f"/reports/{world['report']}/export", draft="y")
    deadline = time.monotonic() + 30
    while "The file is ready." not in (html := client.get(f"/exports/{export}").text):
        assert "could not be made" not in html and time.monotonic() < deadline
        time.sleep(0.2)
    assert "Joint submission" in pdf_text(client.get(f"/exports/{export}/download").data)


def broken(doc):
    """A renderer quoting the text it choked on (a module's function: builds run in a child process)."""
    raise RuntimeError(doc.sections[0].body)


def test_failing_build_is_logged_without_the_text(app, world, client, login, monkeypatch, caplog):
    with app.app_context():
        section = Section.get_by_id(world["sections"]["own"])
        revisions.save(section, User.get(User.login == "lead"), "Xylophonist testimony.", "x", 2)
    monkeypatch.setitem(exports.FORMATS, "pdf", ("application/pdf", broken))
    login("lead")
    url = f"/reports/{world['report']}/export"
    export = make_file(client, url)
    assert export_of(export).status == Export.FAILED
    assert "could not be made" in client.get(f"/exports/{export}").text
    assert f"export {export_of(export).id} failed: RuntimeError" in caplog.text and "Xylophonist" not in caplog.text
    monkeypatch.undo()  # a failed file is not kept as the answer: the next request builds again, in its place
    again = make_file(client, url)
    assert export_of(again).status == Export.READY and export_of(again).id == export_of(export).id
    assert client.get(f"/exports/{export}/download").status_code == 200  # the first link works too now
