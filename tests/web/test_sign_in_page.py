"""The sign-in page says whose workspace it is and what to do after a forgotten password."""
from models import Report


def test_it_names_the_report_the_coalition_writes_now(client, world):
    Report.update(short_title="NGO coalition on Kazakhstan").where(Report.id == world["report"]).execute()
    page = client.get("/login").text
    assert '<p class="sign-in-name">' in page and "NGO coalition on Kazakhstan" in page


def test_it_says_a_forgotten_password_needs_the_coordinators_reset_link(client, world):
    page = client.get("/login").text
    assert "Forgot your password?" in page and "password reset link" in page and "within 24 hours" in page
