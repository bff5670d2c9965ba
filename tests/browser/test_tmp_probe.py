import pytest
pytestmark = pytest.mark.browser

def test_outside_request_is_caught(page):
    page.goto("/login")
    with pytest.raises(Exception):
        page.goto("https://example.com/x")
