"""The report page costs the same few queries however many sections and revisions there are."""
import pytest

from coalition import revisions
from models import Report, Section, User, WorkingGroup

pytestmark = pytest.mark.both_databases  # the number of queries each database's path takes


def overview_queries(client, report_id, count_queries):
    count_queries.clear()
    assert client.get(f"/reports/{report_id}").status_code == 200
    return len(count_queries)


def test_overview_has_no_n_plus_one(app, world, client, login, count_queries):
    login("lead")
    before = overview_queries(client, world["report"], count_queries)
    with app.app_context():
        report, author = Report.get_by_id(world["report"]), User.get(User.login == "lead")
        for i in range(10):
            group = WorkingGroup.create(name=f"Group {i}", position=10 + i)
            section = Section.create(report=report, group=group, title=f"Extra {i}")
            revisions.save(section, author, f"Text {i}", "", 0)
    after = overview_queries(client, world["report"], count_queries)
    assert after == before
    # user, report, sections, heads, groups, open threads, open suggestions, presence, session, the header's
    # unread count; then the words by the report's count rule, from the document its files are made of: sections,
    # heads, texts, groups, organisations (2)
    assert 0 < after <= 18
