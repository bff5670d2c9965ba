"""The report's settings for its files: the layout (standard or compact) and the cover's keywords, the
coordinator's alone, bad input refused with the form refilled, and each reaching the exported document."""
import pytest

from coalition import exports
from models import Report
from tests.helpers import parse, signed_in
from tests.web.test_report_settings import VALID, url

FILES = {**VALID, "layout": "compact", "keywords": "freedom of assembly, torture"}


def test_the_coordinator_sets_the_layout_and_the_keywords(app, world):
    client = signed_in(app, "coordinator")
    assert client.post(url(world), data=FILES).status_code == 302
    report = Report.get_by_id(world["report"])
    assert (report.layout, report.keywords) == ("compact", "freedom of assembly, torture")
    form = parse(client.get(url(world)).text)
    assert form.find(".//select[@name='layout']/option[@selected]").get("value") == "compact"
    assert form.find(".//input[@name='keywords']").get("value") == "freedom of assembly, torture"
    with app.app_context():
        compact = exports.document_for(report)
        assert (compact.layout, compact.keyword_list) == ("compact", ["freedom of assembly", "torture"])
        client.post(url(world), data={**FILES, "layout": "standard"})
        standard = exports.document_for(Report.get_by_id(world["report"]))
        # The same text in another layout is another file, not the cached one.
        assert exports.cache_key(standard, "pdf") != exports.cache_key(compact, "pdf")


def test_a_form_without_the_new_fields_keeps_the_standard_layout(app, world):
    assert signed_in(app, "coordinator").post(url(world), data=VALID).status_code == 302
    assert Report.get_by_id(world["report"]).layout == "standard"


@pytest.mark.parametrize("field, value, error", [
    ("keywords", "k" * 301, "Field cannot be longer than 300 characters."),
    ("keywords", "torture,\nwomen", "Remove the line breaks, tabs and other invisible control characters"),
    ("keywords", "torture\twomen", "Remove the line breaks, tabs and other invisible control characters"),
    ("layout", "landscape", "Not a valid choice")])
def test_bad_input_is_refused_and_the_form_refilled(app, world, field, value, error):
    page = signed_in(app, "coordinator").post(url(world), data={**FILES, field: value})
    assert page.status_code == 400 and error in page.text
    assert f'id="{field}-errors"' in page.text
    form = parse(page.text)
    assert form.find(".//input[@name='country']").get("value") == "Kyrgyzstan"
    if field == "keywords":
        assert form.find(".//input[@name='keywords']").get("value") == value
    else:
        assert form.find(".//input[@name='keywords']").get("value") == FILES["keywords"]
    report = Report.get_by_id(world["report"])
    assert (report.layout, report.keywords, report.title) == ("standard", "", "Joint submission")


@pytest.mark.parametrize("name", ["lead", "member", "reviewer", "other"])
def test_only_the_coordinator_changes_them(app, world, name):
    assert signed_in(app, name).post(url(world), data=FILES).status_code == 403
    report = Report.get_by_id(world["report"])
    assert (report.layout, report.keywords) == ("standard", "")
