"""Forms (Flask-WTF): each validates its input and carries the CSRF token."""
from flask_babel import format_number, lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from config import LANGUAGES
from revisions import MAX_BODY_CHARS, body_problem

BODY_PROBLEMS = {
    "empty": _l("The text is empty. A section cannot be saved empty; "
                "its earlier revisions stay in the history."),
    "too_long": _l("The text is longer than %(limit)s characters. Split it into several sections."),
    "control": _l("The text contains invisible control characters (often pasted from another program). "
                  "Remove them and save again."),
}


class LoginForm(FlaskForm):
    login = StringField(_l("Login"), validators=[DataRequired(), Length(max=64)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=1024)])


class EditForm(FlaskForm):
    body = TextAreaField(_l("Text (Markdown)"))
    note = StringField(_l("What changed (a short note)"), validators=[Optional(), Length(max=300)])
    base = IntegerField(widget=HiddenField.widget, validators=[Optional()])

    def validate_body(self, field):
        problem = body_problem(field.data or "")
        if problem:
            raise ValidationError(BODY_PROBLEMS[problem] % {"limit": format_number(MAX_BODY_CHARS)})


class RestoreForm(FlaskForm):
    note = StringField(_l("Why (optional)"), validators=[Optional(), Length(max=300)])


class LanguageForm(FlaskForm):
    language = SelectField(_l("Language"), choices=list(LANGUAGES))  # the header renders its own select
