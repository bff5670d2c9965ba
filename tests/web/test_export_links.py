"""A file is for the person who asked for it and the coordinator, by an unguessable link; a build runs within a
time and a memory limit and says why it failed; one person has one build running at a time."""
import time

import pytest

from coalition import exports
from models import Export, ExportRequest, User
from tests.helpers import signed_in
from tests.web.exporting import export_of, make_file


def report_url(world) -> str:
    return f"/reports/{world['report']}/export"


@pytest.mark.parametrize("path", ["/exports/{token}", "/exports/{token}/download"])
def test_only_the_asker_and_the_coordinator_open_a_link(app, world, path):
    token = make_file(signed_in(app, "member"), report_url(world))
    assert len(token) >= 40 and not token.isdigit()
    url = path.format(token=token)
    for name in ("lead", "reviewer", "other"):
        assert signed_in(app, name).get(url).status_code == 404, name
    for name in ("member", "coordinator"):
        assert signed_in(app, name).get(url).status_code == 200, name


def test_people_asking_for_the_same_file_each_have_their_own_link(app, world):
    member, lead = signed_in(app, "member"), signed_in(app, "lead")
    mine, theirs = make_file(member, report_url(world)), make_file(lead, report_url(world))
    assert mine != theirs and export_of(mine) == export_of(theirs) and Export.select().count() == 1
    assert member.get(f"/exports/{mine}/download").status_code == 200
    assert lead.get(f"/exports/{theirs}/download").status_code == 200
    assert member.get(f"/exports/{theirs}/download").status_code == 404


def test_one_build_at_a_time_per_person(app, world):
    with app.app_context():
        member = User.get(User.login == "member")
        Export.create(report=world["report"], key="b" * 64, format="docx", filename="x.docx", requested_by=member)
    client = signed_in(app, "member")
    answer = client.post(report_url(world), data={"format": "pdf"})
    assert answer.status_code == 302 and answer.headers["Location"] == report_url(world)
    assert "Your previous file is still being made" in client.get(report_url(world)).text
    assert Export.select().count() == 1 and not ExportRequest.select().exists()
    assert make_file(signed_in(app, "lead"), report_url(world))  # someone else's build is not held up


def slow(doc):
    time.sleep(30)


def greedy(doc):
    return bytes(512 * 2**20)


@pytest.mark.parametrize("renderer, limits, told", [
    (slow, {"EXPORT_TIMEOUT": 1}, "The file took too long to build"),
    (greedy, {"EXPORT_MEMORY_MB": 64}, "The file took too much memory to build"),
])
def test_a_build_past_its_limits_fails_and_says_why(make_app, world, monkeypatch, caplog, renderer, limits, told):
    monkeypatch.setitem(exports.FORMATS, "pdf", ("application/pdf", renderer))
    client = signed_in(make_app(**limits), "lead")
    started = time.monotonic()
    token = make_file(client, report_url(world))
    assert time.monotonic() - started < 20
    assert export_of(token).status == Export.FAILED
    page = client.get(f"/exports/{token}").text
    assert told in page and "a table may be too wide" in page and "/download" not in page
    assert f"export {export_of(token).id} failed" in caplog.text
