import pytest

from tests.helpers import sign_in


def signed_in(client):
    with client.session_transaction() as session:
        return "_user_id" in session


def test_login_page_renders(client):
    page = client.get("/login")
    assert page.status_code == 200
    assert 'name="login"' in page.text and 'name="password"' in page.text


def test_wrong_password_and_unknown_user_look_the_same(world, client, login):
    wrong, unknown = login("lead", "wrong password"), login("nobody")
    assert wrong.status_code == unknown.status_code == 200
    assert "Wrong login or password." in wrong.text and "Wrong login or password." in unknown.text
    assert not signed_in(client)


def test_login_redirects_and_signs_in(world, client, login):
    response = login("member")
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert signed_in(client)
    assert client.get(f"/reports/{world['report']}").status_code == 200


def test_inactive_user_cannot_sign_in(world, client, login):
    response = login("inactive")
    assert response.status_code == 200 and "Wrong login or password." in response.text
    assert not signed_in(client)


def test_logout_is_post_only_and_ends_the_session(world, client, login):
    login("member")
    assert client.get("/logout").status_code == 405
    assert signed_in(client)
    response = client.post("/logout")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    assert not signed_in(client)
    assert client.get("/").headers["Location"].startswith("/login")


@pytest.mark.parametrize(("target", "expected"), [
    ("/sections/1/history", "/sections/1/history"),
    ("https://evil.example/", "/"),
    ("//evil.example", "/"),
    ("/\t/evil.example", "/"),
])
def test_next_is_followed_only_within_the_site(world, client, target, expected):
    response = client.post("/login", query_string={"next": target},
                           data={"login": "lead", "password": "correct horse battery staple"})
    assert response.status_code == 302
    assert response.headers["Location"] == expected


def test_language_switch_is_remembered(world, client):
    assert '<html lang="en">' in client.get("/login").text
    response = client.post("/language", data={"language": "ru", "next": "/login"})
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    page = client.get("/login").text
    assert '<html lang="ru">' in page and "Войти" in page  # "Sign in" (needs the compiled catalogue)
    assert '<option value="ru" lang="ru" selected>Русский</option>' in page


def test_login_rate_limit(world, make_app):
    client = make_app(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="3 per minute").test_client()
    for _ in range(3):
        assert sign_in(client, "lead", "wrong").status_code == 200
    refused = sign_in(client, "lead")
    assert refused.status_code == 429
    assert "Too many attempts" in refused.text and "<html" in refused.text
    assert not signed_in(client)
