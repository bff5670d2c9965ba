"""The coalition's accent colour: set in the report's settings, refused when white text on it would not read, and
served to every page as a stylesheet (the CSP allows no inline style)."""
import re

import pytest

from models import Report
from tests.helpers import signed_in
from tests.web.test_report_settings import VALID, url


def stylesheets(html: str) -> list[str]:
    return re.findall(r'<link rel="stylesheet" href="([^"]+)">', html)


def test_the_app_blue_needs_no_extra_stylesheet(app, world):
    assert len(stylesheets(signed_in(app, "member").get("/inbox").text)) == 1


def test_a_saved_accent_colours_every_page(app, world):
    coordinator = signed_in(app, "coordinator")
    assert coordinator.post(url(world), data={**VALID, "accent": "#7A1F5C "}).status_code == 302
    assert Report.get_by_id(world["report"]).accent == "#7a1f5c"
    member = signed_in(app, "member")
    for page in (f"/reports/{world['report']}", "/inbox"):  # a report's page, and one about no report
        assert stylesheets(member.get(page).text)[1] == f"/reports/{world['report']}/accent.css?v=7a1f5c"
    css = member.get(f"/reports/{world['report']}/accent.css")
    assert css.mimetype == "text/css" and css.text == "@media screen { :root { --accent: #7a1f5c; } }\n"


@pytest.mark.parametrize(("value", "error"), [
    ("#ffcc00", "This colour is too light"), ("#ffcc00", "1.5:1"), ("#ffcc00", "#8d7000"),
    ("red", "six hexadecimal digits"), ("#12345", "six hexadecimal digits"), ("#0b5394;}", "six hexadecimal")])
def test_an_unreadable_or_malformed_colour_is_refused_and_refilled(app, world, value, error):
    html = signed_in(app, "coordinator").post(url(world), data={**VALID, "accent": value})
    assert html.status_code == 400 and error in html.text
    assert 'aria-invalid="true" id="accent"' in html.text and 'value="Kyrgyzstan"' in html.text
    assert Report.get_by_id(world["report"]).accent == "#0b5394"
