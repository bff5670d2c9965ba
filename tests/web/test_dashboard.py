"""The dashboard of the coordinator and the reviewers: statuses, words, open comments and the deadline, per
working group."""
from datetime import date, timedelta

import pytest

from models import Report, Section, User

pytestmark = pytest.mark.both_databases  # grouped queries (PostgreSQL's GROUP BY is strict)


def url(world):
    return f"/reports/{world['report']}/dashboard"


@pytest.mark.parametrize("who", ["lead", "member", "other"])
def test_only_the_coordinator_and_the_reviewers_see_it(world, client, login, who):
    login(who)
    assert client.get(url(world)).status_code == 403


def test_a_reviewer_reads_it_and_the_overview_leads_there(world, client, login):
    login("reviewer")
    page = client.get(url(world))
    assert page.status_code == 200 and "Women&#39;s rights" in page.text
    assert "<form" not in page.text.split("<main")[1]  # read-only: nothing to change from here
    assert f'href="{url(world)}"' in client.get(f"/reports/{world['report']}").text


def test_a_warning_when_the_budgets_pass_the_limit(app, world, client, login):
    login("coordinator")
    assert "budget-warning" not in client.get(url(world)).text  # two sections of 500 words, a 5,630 limit
    with app.app_context():
        Section.update(word_budget=5000).execute()
    warning = client.get(url(world)).text.split('budget-warning">')[1].split("</p>")[0]
    # The withdrawn section is out of the report: its budget does not count.
    assert warning == "The sections' budgets add up to 10,000 words; the report's limit is 5,630."


def test_counts_per_group(app, world, client, login):
    with app.app_context():
        Section.update(status=Section.APPROVED).where(Section.id == world["sections"]["theirs"]).execute()
        Report.update(deadline=date.today() + timedelta(days=10)).execute()
    login("coordinator")
    page = client.get(url(world))
    assert page.status_code == 200
    rows = page.text.split("<tbody>")[1].split("</tr>")
    alpha, beta = rows[0], rows[1]
    assert "Civil and political rights" in alpha and "<td>1</td>" in alpha  # one open comment, one draft
    assert "Women&#39;s rights" in beta
    # Beta: 0 draft, 0 in review, 0 changes requested, 1 approved, then words, then 0 open comments and
    # 0 open suggestions.
    assert beta.count("<td>0</td>") == 5
    assert "10 days left" in page.text or "9 days left" in page.text


def test_overdue_deadline(app, world, client, login):
    with app.app_context():
        Report.update(deadline=date.today() - timedelta(days=3)).execute()
    login("coordinator")
    assert "days overdue" in client.get(url(world)).text


NO_DEADLINE = '<strong class="days">No deadline set</strong>'


def test_without_a_deadline_the_coordinator_is_led_to_set_it(world, client, login):
    login("coordinator")
    page = client.get(url(world)).text
    settings = f'<a href="/reports/{world["report"]}/settings#deadline">Set the deadline</a>'
    assert NO_DEADLINE in page and settings in page
    assert 'id="deadline"' in client.get(f"/reports/{world['report']}/settings").text  # where the link lands


@pytest.mark.parametrize("who", ["reviewer", "lead"])
def test_without_a_deadline_a_reviewer_reads_only_that(app, world, client, login, who):
    """A reviewer, and a lead who also reviews (a plain lead does not open the dashboard), cannot change the
    settings: no link there."""
    with app.app_context():
        User.update(is_reviewer=True).where(User.login == who).execute()
    login(who)
    page = client.get(url(world)).text
    assert NO_DEADLINE in page and "Set the deadline" not in page and "/settings" not in page


def test_a_deadline_replaces_the_notice(app, world, client, login):
    with app.app_context():
        Report.update(deadline=date.today() + timedelta(days=10)).execute()
    login("coordinator")
    page = client.get(url(world)).text
    assert "No deadline set" not in page and "Set the deadline" not in page


def test_unknown_report(world, client, login):
    login("coordinator")
    assert client.get("/reports/999/dashboard").status_code == 404
