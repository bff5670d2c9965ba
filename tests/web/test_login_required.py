"""Every route but the sign-in page, the language switch, the one-time links and the first-run setup needs a
signed-in person."""
import pytest

from tests.web.routes import endpoints, example_url

# The one-time links and the setup token are their own key.
PUBLIC = {"auth.login", "auth.language", "auth.welcome", "auth.reset", "auth.setup"}


def test_the_route_list_is_read_from_the_app():
    assert {"sections.edit", "history.restore", "report.overview"} <= set(endpoints(exclude=PUBLIC))


@pytest.mark.parametrize("endpoint", endpoints(exclude=PUBLIC))
def test_anonymous_request_goes_to_login(app, world, client, endpoint):
    method, url = example_url(app, endpoint, world)
    response = client.open(url, method=method)
    assert response.status_code == 302, f"{method} {url} answered {response.status_code}"
    assert response.headers["Location"].startswith("/login")


@pytest.mark.parametrize("endpoint", sorted(PUBLIC))
def test_public_routes_do_not_ask_for_login(app, world, client, endpoint):
    method, url = example_url(app, endpoint, world)
    response = client.open(url, method=method)
    assert not response.headers.get("Location", "").startswith("/login?")
