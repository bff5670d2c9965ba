"""No form (nor the CSV import) accepts more characters than its column holds: PostgreSQL refuses a longer
value, so a form's limit over its column's is an error page instead of a clear message."""
import pytest
from peewee import CharField
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.fields.core import UnboundField
from wtforms.validators import Length

from coalition.recommendations import csv_files
from models import (
    AccessLink,
    Draft,
    Organisation,
    Recommendation,
    Report,
    Revision,
    Section,
    StatusChange,
    Submission,
    User,
    WorkingGroup,
)
from web import forms

# Each form and the model its fields are stored in, field by field of the same name.
STORED_IN = [(forms.ReportForm, Report), (forms.OrganisationForm, Organisation), (forms.RecommendationForm,
             Recommendation), (forms.AccountForm, User), (forms.WelcomeForm, User), (forms.LoginForm, User),
             (forms.InvitationForm, AccessLink), (forms.EditForm, Revision), (forms.ResolveForm, Revision),
             (forms.RestoreForm, Revision), (forms.DraftForm, Draft), (forms.StatusForm, StatusChange),
             (forms.FreezeForm, Submission), (forms.GroupForm, WorkingGroup), (forms.SectionSettingsForm, Section),
             (forms.FollowUpForm, Report)]
TEXT_FIELDS = (StringField, TextAreaField, HiddenField)


def form_limits(form_class) -> dict[str, int | None]:
    """Field name -> the most characters its Length validator lets through (None: no limit), for text fields."""
    limits = {}
    for name in dir(form_class):
        field = getattr(form_class, name)
        if isinstance(field, UnboundField) and issubclass(field.field_class, TEXT_FIELDS):
            lengths = [v.max for v in field.kwargs.get("validators", []) if isinstance(v, Length) and v.max >= 0]
            limits[name] = min(lengths, default=None)
    return limits


def column_limits(model) -> dict[str, int]:
    return {name: field.max_length for name, field in model._meta.fields.items() if isinstance(field, CharField)}


@pytest.mark.parametrize("form_class, model", STORED_IN, ids=lambda value: getattr(value, "__name__", value))
def test_a_form_takes_no_more_than_its_columns_hold(form_class, model):
    columns, limits = column_limits(model), form_limits(form_class)
    shared = set(columns) & set(limits)
    assert shared, "the form and the model share no text field: the pairing is wrong"
    for name in shared:
        assert limits[name] is not None and limits[name] <= columns[name], f"{form_class.__name__}.{name}"


def test_the_report_takes_a_title_of_400_characters():
    assert form_limits(forms.ReportForm)["title"] == column_limits(Report)["title"] == 400


def test_an_imported_cell_is_no_longer_than_its_column():
    columns = column_limits(Recommendation)
    for name in csv_files.FIELDS:
        # A number is checked against its pattern (at most 11 characters), a response is stored as one word.
        if name in columns and name not in ("number", "response"):
            assert csv_files.cell_limit(name) <= columns[name], name
