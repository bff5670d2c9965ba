import pytest
from tests.browser.test_flows import test_htmx_loads_from_pinned_url_with_sri  # noqa

@pytest.fixture
def app(make_app):
    return make_app(WTF_CSRF_ENABLED=True, HTMX_INTEGRITY="sha384-AAAAzQy1H+Zd/IIrjr1TcuDGqLXeHhbooAyJY1KdQMKnr4LZ22k31GBLdYKHmVjg")
