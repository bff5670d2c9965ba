"""No one-line field of any form takes a control character: a line break in a display name or a title broke
the notices' headers and the downloads' names. Every form is walked, field by field, so a new one is covered."""
import inspect

import pytest

from models import User
from web import forms

REFUSED = "Remove the line breaks, tabs and other invisible control characters from this field."
ONE_LINE = [(form_class, name) for _, form_class in inspect.getmembers(forms, inspect.isclass)
            if issubclass(form_class, forms.Form) and form_class is not forms.Form
            for name, field in inspect.getmembers(form_class) if hasattr(field, "field_class")
            and forms._one_line(field)]


def test_the_walk_finds_the_forms_fields():
    assert (forms.AccountForm, "display_name") in ONE_LINE and (forms.ReportForm, "short_title") in ONE_LINE
    assert (forms.EditForm, "body") not in ONE_LINE and (forms.LoginForm, "password") not in ONE_LINE


@pytest.mark.sqlite_only  # about forms, not the database
@pytest.mark.parametrize("form_class, name", ONE_LINE, ids=lambda value: getattr(value, "__name__", value))
def test_each_one_line_field_refuses_control_characters(app, form_class, name):
    for value in ("Mallory\r\nBcc: all@example.org", "a\ttab", "a bell\x07", "next\x85line"):
        with app.test_request_context(method="POST", data={name: value}):
            form = form_class()
            assert not form[name].validate(form) and REFUSED in form[name].errors, repr(value)


def test_a_multi_line_field_keeps_its_line_breaks(app):
    with app.test_request_context(method="POST", data={"body": "One.\r\n\r\n\tTwo."}):
        form = forms.CommentForm()
        assert form.body.validate(form)


def test_the_account_form_says_so_and_keeps_what_was_typed(person):
    client = person("member")
    page = client.post("/account", data={"display_name": "Mallory\r\nBcc: all@example.org", "language": "en",
                                         "email": "mallory@example.org"})
    assert page.status_code == 400 and REFUSED in page.text and 'value="mallory@example.org"' in page.text
    assert User.get(User.login == "member").display_name == "Member"
