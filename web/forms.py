"""Forms (Flask-WTF): each validates its input and carries the CSRF token."""
import unicodedata

from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    ColorField,
    DateField,
    HiddenField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.core import UnboundField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from coalition.display_names import impersonates
from coalition.revisions import MAX_BODY_CHARS
from coalition.vocabulary import ASSESSMENT_NAMES, COUNT_RULES, RESPONSE_NAMES, STRICT, body_error
from config import LANGUAGES
from models import MailChoice
from text.colours import DEFAULT_ACCENT, HEX, MIN_CONTRAST, contrast_with_white, darkened


def _stripped(value):
    return value.strip() if value else value


def no_control_characters(form, field):
    """A one-line value holds no line break, tab or other control character: in a header or a file name
    (a display name in a notice's To, a title in a download's name) one would break what it goes into."""
    if isinstance(field.data, str) and any(unicodedata.category(character) == "Cc" for character in field.data):
        raise ValidationError(_l("Remove the line breaks, tabs and other invisible control characters from this "
                                 "field."))


def _one_line(field: UnboundField) -> bool:
    # Passwords are left as typed: they are only hashed, and an old one must still sign in.
    return (issubclass(field.field_class, StringField)
            and not issubclass(field.field_class, (TextAreaField, PasswordField)))


class Form(FlaskForm):
    """Every form's base: each one-line text field of a subclass refuses control characters, so that a new
    field does too without anyone remembering to."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        for field in vars(cls).values():
            if isinstance(field, UnboundField) and _one_line(field):
                field.kwargs["validators"] = [*field.kwargs.get("validators", ()), no_control_characters]


def readable_accent(form, field):
    """An accent white text can sit on, and that reads as text on white (it is both in the app)."""
    if not HEX.fullmatch(field.data or ""):
        raise ValidationError(_l("Give the colour as # and six hexadecimal digits, e.g. #0b5394."))
    ratio = contrast_with_white(field.data)
    if ratio < MIN_CONTRAST:
        raise ValidationError(_l("This colour is too light: white text on it, or it as text on white, would be hard "
                                 "to read (contrast %(ratio)s:1, at least %(minimum)s:1 needed). A darker shade of "
                                 "it that reads well: %(suggestion)s.", ratio=f"{ratio:.1f}", minimum=MIN_CONTRAST,
                                 suggestion=darkened(field.data)))


class NotImpersonating:
    """A display name that reads as nobody else's, nor as a role's (display_names.py). With `own_account`, it is
    the signed-in person's own name, which they may keep as it is."""

    def __init__(self, own_account: bool = False):
        self.own_account = own_account

    def __call__(self, form, field):
        own = current_user if self.own_account and current_user.is_authenticated else None
        if field.data and impersonates(field.data, own):
            raise ValidationError(_l("This name is another person's or a role's, or reads like one. Choose "
                                     "another."))


class LoginForm(Form):
    # Stripped before the checks: a login pasted with a tab or a space around it is the same account.
    login = StringField(_l("Login"), filters=[_stripped], validators=[DataRequired(), Length(max=64)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=1024)])


class EditForm(Form):
    body = TextAreaField(_l("Text (Markdown)"))
    note = StringField(_l("What changed (a short note)"), validators=[Optional(), Length(max=300)])
    base = IntegerField(widget=HiddenField.widget, validators=[Optional()])
    editor = HiddenField(validators=[Length(max=40)])  # this editing page's id, for its drafts

    def validate_body(self, field):
        error = body_error(field.data or "")
        if error:
            raise ValidationError(error)


class SuggestForm(EditForm):
    """A suggested edit: the whole text as its author would have it, the revision it started from, and a note."""

    note = StringField(_l("Why (a note for the section's group)"), validators=[Optional(), Length(max=300)])


class DeclineForm(Form):
    reason = TextAreaField(_l("Why it is declined"), validators=[DataRequired(), Length(max=1000)])


class DraftForm(Form):
    """Autosave takes what the editor holds, even unfinished; only its size is checked."""

    body = TextAreaField(validators=[Length(max=MAX_BODY_CHARS)])
    note = StringField(validators=[Optional(), Length(max=300)])
    base = IntegerField(widget=HiddenField.widget, validators=[Optional()])
    editor = HiddenField(validators=[Length(max=40)])


class ResolveForm(Form):
    """The conflict screen: the two revisions merged, the author's whole text, and their note.

    The per-passage choices (choice-N, edited-N) vary in number and are read by the view.
    """

    origin = IntegerField(widget=HiddenField.widget, validators=[Optional()])
    theirs = IntegerField(widget=HiddenField.widget, validators=[DataRequired()])
    editor = HiddenField(validators=[Length(max=40)])
    mine = TextAreaField(_l("Your whole text, as you sent it"), validators=[Length(max=MAX_BODY_CHARS)])
    note = StringField(_l("What changed (a short note)"), validators=[Optional(), Length(max=300)])


class RestoreForm(Form):
    note = StringField(_l("Why (optional)"), validators=[Optional(), Length(max=300)])


class ReportForm(Form):
    """The report's particulars, as the cover and the UN expect them (coordinator only)."""

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=400)])
    short_title = StringField(_l("Short title (running header)"), validators=[Optional(), Length(max=120)])
    country = StringField(_l("Country under review"), validators=[DataRequired(), Length(max=120)])
    mechanism = StringField(_l("UN body or mechanism"), validators=[DataRequired(), Length(max=200)])
    cycle = StringField(_l("Cycle"), validators=[Optional(), Length(max=60)])
    session = StringField(_l("Session"), validators=[Optional(), Length(max=120)])
    keywords = StringField(_l("Keywords"), filters=[_stripped], validators=[Optional(), Length(max=300)])
    deadline = DateField(_l("Submission deadline"), validators=[Optional()])
    language = SelectField(_l("Language of the report"),
                           choices=[SelectChoice(code, name) for code, name in LANGUAGES.items()])
    word_limit = IntegerField(_l("Word limit"), validators=[InputRequired(), NumberRange(min=100, max=100_000)])
    count_rule = SelectField(_l("What counts toward the limit"),
                             choices=[SelectChoice(value, rule.name) for value, rule in COUNT_RULES.items()],
                             default=STRICT)
    coordinating_organisation = SelectField(_l("Coordinating organisation"), coerce=int, validate_choice=True)
    contact = TextAreaField(_l("Contact for this submission"), validators=[Optional(), Length(max=1000)])
    coalition_description = TextAreaField(_l("About the coalition (Markdown)"),
                                          validators=[Optional(), Length(max=10_000)])
    notes_style = SelectField(_l("Notes in the PDF"), choices=[
        SelectChoice("footnotes", _l("Footnotes at the bottom of each page")),
        SelectChoice("endnotes", _l("Endnotes at the end of the report"))])
    # The choices (the cycles the report's recommendations come from) are set by the view.
    tracked_cycle = SelectField(_l("Recommendations tracked"), default="")
    accent = ColorField(_l("The coalition's colour in the app"), default=DEFAULT_ACCENT,
                        filters=[lambda value: value.strip().lower() if value else value],
                        validators=[Length(max=7), readable_accent])
    layout = SelectField(_l("Layout of the exported files"), default="standard", choices=[
        SelectChoice("standard", _l("Standard: 11 pt, wide margins, for reading and commenting")),
        SelectChoice("compact", _l("Compact: 10 pt, narrow margins, as dense as the UN's own submissions"))])


class StatusForm(Form):
    """A review step; the button pressed names it (submit, approve, request_changes)."""

    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=1000)])
    number = IntegerField(widget=HiddenField.widget, validators=[Optional()])  # the revision the person saw


class ThreadForm(Form):
    revision = IntegerField(widget=HiddenField.widget, validators=[Optional()])  # the text the paragraphs came from
    paragraph = SelectField(_l("About"), coerce=int, validate_choice=True)
    body = TextAreaField(_l("Comment (Markdown)"), validators=[DataRequired(), Length(max=20_000)])


class CommentForm(Form):
    body = TextAreaField(_l("Reply (Markdown)"), validators=[DataRequired(), Length(max=20_000)])


ANNEX_CHOICES = [SelectChoice("theme", _l("Annex of the recommendations, by theme")),
                 SelectChoice("group", _l("Annex of the recommendations, by working group")),
                 SelectChoice("", _l("No annex"))]


class ExportForm(Form):
    format = RadioField(_l("Format"), choices=[SelectChoice("pdf", "PDF"), SelectChoice("docx", _l("Word (DOCX)"))],
                        default="pdf")
    draft = BooleanField(_l("Mark every page as a DRAFT"), default=True)
    approved_only = BooleanField(_l("Only the approved revisions"))
    annex = SelectField(_l("Recommendations"), choices=ANNEX_CHOICES, default="theme")
    over_limit = BooleanField(_l("I know the file is over the word limit: make it final anyway"))


class AccountForm(Form):
    """What a person sets for themselves."""

    display_name = StringField(_l("Your name, as others see it"),
                               validators=[DataRequired(), Length(max=120), NotImpersonating(own_account=True)])
    language = SelectField(_l("Language of the interface"),
                           choices=[SelectChoice(code, name) for code, name in LANGUAGES.items()])
    email = StringField(_l("E-mail for notices (optional)"), validators=[
        Optional(), Length(max=254), Regexp(r"^[^@\s]+@[^@\s]+$", message=_l("This is not an e-mail address."))])
    email_choice = SelectField(_l("What comes by e-mail"), choices=[
        SelectChoice(MailChoice.USUAL, _l("Review steps and comments on your group's sections and in your threads")),
        SelectChoice(MailChoice.INBOX, _l("Everything in your inbox, mentions and followed sections too")),
        SelectChoice(MailChoice.NO_MAIL, _l("Nothing"))])


class NewPasswordForm(Form):
    """A new password, typed twice (a reset link, an invitation)."""

    new = PasswordField(_l("New password"), validators=[DataRequired(), Length(max=1024)])
    repeat = PasswordField(_l("New password again"), validators=[DataRequired(), Length(max=1024)])

    def validate_repeat(self, field):
        if field.data != self.new.data:
            raise ValidationError(_l("The two new passwords differ."))


class PasswordForm(NewPasswordForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=1024)])


class WelcomeForm(NewPasswordForm):
    """An invited person makes their account."""

    display_name = StringField(_l("Your name, as others see it"),
                               validators=[DataRequired(), Length(max=120), NotImpersonating()])
    login = StringField(_l("Login"), filters=[_stripped], validators=[
        DataRequired(), Length(min=2, max=64),
        Regexp(r"^[\w.@-]+$", message=_l("Letters, digits and . _ @ - only, without spaces."))])
    language = SelectField(_l("Language of the interface"),
                           choices=[SelectChoice(code, name) for code, name in LANGUAGES.items()])


REVIEWER_LABEL = _l("Reviewer: approves sections or asks for changes")
GROUP_ROLES = [SelectChoice("", _l("Not in this group")), SelectChoice("member", _l("Member")),
               SelectChoice("lead", _l("Lead"))]


def with_group_roles(form_class, groups):
    """The form with a role to choose in each working group (fields group_<id>, labelled with its name)."""
    fields = {f"group_{group.id}": SelectField(group.name, choices=GROUP_ROLES, default="") for group in groups}
    return type(form_class.__name__, (form_class,), fields)


class InvitationForm(Form):
    display_name = StringField(_l("Name of the person"),
                               validators=[DataRequired(), Length(max=120), NotImpersonating()])
    reviewer = BooleanField(REVIEWER_LABEL)


class RolesForm(Form):
    coordinator = BooleanField(_l("Coordinator: manages the report, its groups and its people"))
    reviewer = BooleanField(REVIEWER_LABEL)


class LanguageForm(Form):
    language = SelectField(_l("Language"), choices=list(LANGUAGES))  # the header renders its own select


class FreezeForm(Form):
    """Freezing the approved text as a submitted version (coordinator only)."""

    note = StringField(_l("Note (for example: sent to OHCHR on …)"), validators=[Optional(), Length(max=300)])
    leave_out = BooleanField(_l("Freeze anyway: the sections without an approved revision are left out"))
    annex = SelectField(_l("Recommendations"), choices=ANNEX_CHOICES, default="theme")
    over_limit = BooleanField(_l("I know the version is over the word limit: freeze it anyway"))


# The choices in the vocabulary's order and words.
ASSESSMENTS = [SelectChoice(value, name) for value, name in ASSESSMENT_NAMES.items()]
RESPONSES = [SelectChoice(value, name) for value, name in RESPONSE_NAMES.items()]


class AssessmentForm(Form):
    """A group's assessment of how far a recommendation is implemented."""

    status = RadioField(_l("Implementation"), choices=ASSESSMENTS, validators=[InputRequired()])
    justification = TextAreaField(_l("Why (Markdown)"), validators=[Length(max=20_000)])
    sources = TextAreaField(_l("Sources: documents, links, interviews (Markdown)"),
                            validators=[Optional(), Length(max=10_000)])

    def validate_justification(self, field):
        if self.status.data not in (None, "not_assessed") and not (field.data or "").strip():
            raise ValidationError(_l("Say why: the annex quotes this justification."))


class RecommendationForm(Form):
    """A recommendation as the UN wrote it (coordinator only)."""

    number = StringField(_l("Number"), filters=[_stripped],
                         validators=[DataRequired(), Length(max=20), Regexp(
        r"^\d{1,3}(\.\d{1,3}){1,2}$", message=_l("A number like 118.12."))])
    document = StringField(_l("Document symbol"), validators=[Optional(), Length(max=60)])
    cycle = StringField(_l("Cycle"), validators=[Optional(), Length(max=60)])
    text = TextAreaField(_l("Text"), validators=[DataRequired(), Length(max=5000)])
    states = TextAreaField(_l("Recommending states (one per line)"), validators=[Optional(), Length(max=2000)])
    response = SelectField(_l("Response of the State"), choices=RESPONSES, validate_choice=True)
    themes = TextAreaField(_l("Themes (one per line)"), validators=[Optional(), Length(max=2000)])
    affected_groups = TextAreaField(_l("Affected groups (one per line)"), validators=[Optional(), Length(max=2000)])
    sdgs = StringField(_l("SDG goals"), validators=[Optional(), Length(max=100)])
    group = SelectField(_l("Working group"), coerce=int, validate_choice=True)


class ImportForm(Form):
    file = FileField(_l("CSV or Excel file"), validators=[FileRequired(_l("Choose a file."))])


class MappingForm(Form):
    """Import preview: which field each column holds. The columns vary by file (column-N), read by the view."""


class OrganisationForm(Form):
    """A member organisation of the coalition (coordinator only); the groups' choices are set by the view."""

    name = StringField(_l("Name"), filters=[_stripped], validators=[DataRequired(), Length(max=300)])
    city = StringField(_l("City"), filters=[_stripped], validators=[Optional(), Length(max=120)])
    description = TextAreaField(_l("What it does"), filters=[_stripped], validators=[Optional(), Length(max=2000)])
    contact = TextAreaField(_l("Contact"), filters=[_stripped], validators=[Optional(), Length(max=1000)])
    groups = SelectMultipleField(_l("Working groups it takes part in"), coerce=int,
                                 widget=ListWidget(prefix_label=False), option_widget=CheckboxInput())


class GroupForm(Form):
    """A working group of the coalition (coordinator only); the organisations' choices are set by the view."""

    name = StringField(_l("Name"), filters=[_stripped], validators=[DataRequired(), Length(max=200)])
    theme = TextAreaField(_l("Theme: what the group writes about"), filters=[_stripped],
                          validators=[Optional(), Length(max=2000)])
    lead_organisation = SelectField(_l("Lead organisation"), coerce=int, validate_choice=True)


class SectionForm(Form):
    """A new section of a group (coordinator only)."""

    title = StringField(_l("Title"), filters=[_stripped], validators=[DataRequired(), Length(max=300)])
    word_budget = IntegerField(_l("Word budget"), default=0,
                               validators=[InputRequired(), NumberRange(min=0, max=100_000)])


class SectionSettingsForm(SectionForm):
    """A section's title, budget and group; the groups' choices are set by the view."""

    group = SelectField(_l("Working group"), coerce=int, validate_choice=True)


class MoveForm(Form):
    """One place up or down (the button pressed says which)."""

    direction = SelectField(choices=["up", "down"], validate_choice=True)


TEXT_CHOICES = [
    SelectChoice("approved", _l("The approved text of each section (sections never approved start empty)")),
    SelectChoice("current", _l("The current text of each section")),
    SelectChoice("none", _l("No text: every section starts empty")),
]


class FollowUpForm(ReportForm):
    """A new report started from an earlier one; the recommendation sets' choices are set by the view."""

    texts = RadioField(_l("Each section starts with"), choices=TEXT_CHOICES, default="approved",
                       validators=[InputRequired()])
    documents = SelectMultipleField(_l("Recommendations it goes on tracking"), widget=ListWidget(prefix_label=False),
                                    option_widget=CheckboxInput(), validate_choice=True)
    assessments = BooleanField(_l("With their current assessments, to go on from"), default=True)


class WordImportForm(Form):
    file = FileField(_l("Word file (.docx)"), validators=[FileRequired(_l("Choose a file."))])
