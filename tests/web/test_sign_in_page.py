"""The sign-in page says whose workspace it is and what to do after a forgotten password."""
from models import Report


def test_it_names_the_workspace_but_not_the_report_unless_the_coalition_says_so(make_app, world):
    """Anyone who finds the address reads the sign-in page: by default it says the app's name, not the report's
    title (which names the coalition and the country); SIGN_IN_NAME may name the coalition if it wishes."""
    Report.update(short_title="NGO coalition on Kazakhstan").where(Report.id == world["report"]).execute()
    page = make_app().test_client().get("/login").text
    assert '<p class="sign-in-name">' in page and "UPR Coalition Editor" in page
    assert "NGO coalition on Kazakhstan" not in page and "Joint submission" not in page
    named = make_app(SIGN_IN_NAME="Коалиция НПО").test_client().get("/login").text
    assert "Коалиция НПО" in named


def test_it_says_a_forgotten_password_needs_the_coordinators_reset_link(client, world):
    page = client.get("/login").text
    assert "Forgot your password?" in page and "password reset link" in page and "within 24 hours" in page
