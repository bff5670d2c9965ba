"""Report settings: the coordinator's alone; every field saved; bad input refused; the coordinating organisation."""
import datetime

import pytest

from coalition import exports
from models import Organisation, Report, utcnow
from tests.helpers import pdf_text, signed_in

VALID = {"title": "Alternative report", "short_title": "Alt report", "country": "Kyrgyzstan",
         "mechanism": "Human Rights Committee", "cycle": "4th cycle", "session": "48th session",
         "deadline": "2026-03-15", "language": "en", "word_limit": "2815", "coordinating_organisation": "0",
         "contact": "Aigerim, info@example.org", "coalition_description": "Since *2019*.", "notes_style": "endnotes"}


def url(world):
    return f"/reports/{world['report']}/settings"


def test_coordinator_saves_every_field(app, world):
    client = signed_in(app, "coordinator")
    assert client.get(url(world)).status_code == 200
    response = client.post(url(world), data=VALID)
    assert response.status_code == 302 and response.headers["Location"] == f"/reports/{world['report']}"
    report = Report.get_by_id(world["report"])
    fields = [name for name in VALID if name != "coordinating_organisation"]
    expected = {**VALID, "deadline": datetime.date(2026, 3, 15), "word_limit": 2815}
    assert {name: getattr(report, name) for name in fields} == {name: expected[name] for name in fields}


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("name", ["lead", "member", "reviewer", "other"])
def test_others_are_forbidden(app, world, name, method):
    response = signed_in(app, name).open(url(world), method=method, data=VALID if method == "POST" else None)
    assert response.status_code == 403
    assert Report.get_by_id(world["report"]).title == "Joint submission"


@pytest.mark.parametrize("field, value, error", [
    ("title", "", "This field is required."), ("word_limit", "5", "Number must be between"),
    ("word_limit", "abc", "Not a valid integer value."),
    ("coordinating_organisation", "999", "Not a valid choice")])
def test_invalid_input_is_refused_and_refilled(app, world, field, value, error):
    html = signed_in(app, "coordinator").post(url(world), data={**VALID, field: value})
    assert html.status_code == 400
    assert f'id="{field}-errors"' in html.text and f'aria-invalid="true" id="{field}"' in html.text
    assert 'value="Kyrgyzstan"' in html.text and 'value="Human Rights Committee"' in html.text
    assert "Since *2019*." in html.text and Report.get_by_id(world["report"]).title == "Joint submission"
    assert error in html.text


def test_one_coordinating_organisation_on_the_cover(app, world):
    with app.app_context():
        first = Organisation.create(name="Kadyr Kasiet", city="Almaty", coordinates=True)
        second = Organisation.create(name="Pravovoi Dialog", city="Astana")
    client = signed_in(app, "coordinator")
    assert f'<option selected value="{first.id}">' in client.get(url(world)).text
    assert client.post(url(world), data={**VALID, "coordinating_organisation": second.id}).status_code == 302
    assert [o.name for o in Organisation.select().where(Organisation.coordinates)] == ["Pravovoi Dialog"]
    with app.app_context():
        doc = exports.document_for(Report.get_by_id(world["report"]))
        assert doc.coordinator == "Pravovoi Dialog"
        assert "Pravovoi Dialog" in pdf_text(exports.render(doc, "pdf"))
    client.post(url(world), data=VALID)  # "—": none coordinates
    assert not Organisation.select().where(Organisation.coordinates).exists()


def test_an_organisation_that_left_cannot_coordinate(app, world):
    with app.app_context():
        gone = Organisation.create(name="Left Behind", left_at=utcnow())
    client = signed_in(app, "coordinator")
    assert "Left Behind" not in client.get(url(world)).text
    refused = client.post(url(world), data={**VALID, "coordinating_organisation": gone.id})
    assert refused.status_code == 400 and "Not a valid choice" in refused.text
    assert not Organisation.get_by_id(gone.id).coordinates
