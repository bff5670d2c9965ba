"""The words the coalition's domain shares: a section's review statuses, a recommendation's assessments and the
State's responses, the rules for what counts toward the word limit, and why a text or a password is refused.
Forms, pages, notices, files and the command line all read them from here, so each is written (and translated)
once.

Every word is lazy: it takes the language of where it is shown (the interface's, a notice's reader's, the
report's for a file). Each mapping is in the order the words are offered and counted."""
from dataclasses import dataclass

from flask_babel import format_number, lazy_gettext as _l
from flask_babel.speaklater import LazyString

from coalition.passwords import MIN_LENGTH, password_problem
from coalition.revisions import MAX_BODY_CHARS, body_problem
from export.counts import ANNEX, BODY, CONTENTS, COVER, FRONT, HEADINGS, NOTES
from models import Report, Section

# An image in a text that is not shown (not uploaded to the editor): said in the text where it stands.
IMAGE_MISSING = _l("image not shown (upload it in the editor)")

STATUS_NAMES = {
    Section.DRAFT: _l("Draft"),
    Section.IN_REVIEW: _l("In review"),
    Section.CHANGES_REQUESTED: _l("Changes requested"),
    Section.APPROVED: _l("Approved"),
}
# A review step, named by the status it led to: a notice's headline. A submission reads as what was done to the
# section; a decision as the status itself.
STEP_NAMES = {
    Section.IN_REVIEW: _l("Sent for review"),
    Section.CHANGES_REQUESTED: STATUS_NAMES[Section.CHANGES_REQUESTED],
    Section.APPROVED: STATUS_NAMES[Section.APPROVED],
}

ASSESSMENT_NAMES = {
    "implemented": _l("Implemented"),
    "partially": _l("Partially implemented"),
    "formally": _l("Implemented only formally"),
    "not_implemented": _l("Not implemented"),
    "no_progress": _l("No progress"),
    "not_assessed": _l("Not assessed"),
}
RESPONSE_NAMES = {"supported": _l("Supported"), "partially": _l("Partially supported"), "noted": _l("Noted"),
                  "": _l("Response unknown")}


def cycle_name(number: int) -> LazyString:
    """A UPR cycle by its number, as pages name it ("cycle 3": an ordinal would not translate)."""
    return _l("cycle %(number)s", number=number)



@dataclass(frozen=True)
class CountRule:
    """Which parts of the exported file count toward the report's word limit (Report.count_rule)."""

    name: LazyString
    counts: LazyString  # what it counts, in a sentence
    parts: frozenset[str]  # export.counts' parts


# OHCHR's current rule could not be confirmed: the strictest reading is the default, so that no reading of it finds
# the file over the limit.
STRICT = "strict"
COUNT_RULES = {
    STRICT: CountRule(
        _l("Everything but the cover and the annex"),
        _l("Counted toward the limit, as Word counts the exported file: the sections' text, their notes and headings, "
           "the contents, the organisations, about the coalition and the contact; not the cover page or the annex."),
        frozenset({BODY, NOTES, HEADINGS, CONTENTS, FRONT})),
    "text_and_notes": CountRule(
        _l("The sections' text and notes"),
        _l("Counted toward the limit, as Word counts them: the sections' text and their notes; not headings, front "
           "matter, the cover page or the annex."),
        frozenset({BODY, NOTES})),
    "text": CountRule(
        _l("The sections' text only"),
        _l("Counted toward the limit, as Word counts it: the sections' text only; not notes, headings, front matter, "
           "the cover page or the annex."),
        frozenset({BODY})),
}


# The parts of the file, as the export page lists them.
PART_NAMES = {
    BODY: _l("Sections' text"),
    NOTES: _l("Notes"),
    HEADINGS: _l("Headings (groups, sections, the report's own)"),
    FRONT: _l("Organisations, about the coalition, contact"),
    CONTENTS: _l("Contents"),
    COVER: _l("Cover page"),
    ANNEX: _l("Annex of the recommendations"),
}


def count_rule(report: Report) -> CountRule:
    """The report's rule; an unknown value (a newer version's, say) reads as the strictest."""
    return COUNT_RULES.get(report.count_rule, COUNT_RULES[STRICT])


BODY_PROBLEMS = {
    "empty": _l("The text is empty. A section cannot be saved empty; "
                "its earlier revisions stay in the history."),
    "too_long": _l("The text is longer than %(limit)s characters. Split it into several sections."),
    "control": _l("The text contains invisible control characters (often pasted from another program). "
                  "Remove them and save again."),
}
PASSWORD_PROBLEMS = {
    "short": _l("The password must have at least %(num)s characters."),
    "login": _l("The password must not contain the login, nor be part of it."),
    "common": _l("This password is in the lists of common passwords that attackers try first. Choose another."),
}


def body_error(body: str) -> str | None:
    """The translated reason why a section text cannot be saved, or None."""
    problem = body_problem(body)
    return BODY_PROBLEMS[problem] % {"limit": format_number(MAX_BODY_CHARS)} if problem else None


def password_error(password: str, login: str) -> str | None:
    """The translated reason why a new password is refused, or None."""
    problem = password_problem(password, login)
    return PASSWORD_PROBLEMS[problem] % {"num": MIN_LENGTH} if problem else None
