"""review.move and review.reopen_after_edit without HTTP: when a step does not apply, and edits racing an approval."""
import threading

import pytest

from coalition import review, revisions
from models import Section, StatusChange, User, db

pytestmark = pytest.mark.both_databases  # edits racing a review step: SQLite's IMMEDIATE, PostgreSQL's row lock

STARTS = {action: starts for action, (starts, _) in review.TRANSITIONS.items()}
STATUSES = (Section.DRAFT, Section.IN_REVIEW, Section.CHANGES_REQUESTED, Section.APPROVED)
WRONG = [(action, status) for action in STARTS for status in STATUSES if status not in STARTS[action]]


@pytest.fixture
def blank(blank_section):
    return blank_section


@pytest.fixture
def people(blank):
    return {name: User.create(login=name, display_name=name, password_hash="-") for name in ("writer", "reviewer")}


@pytest.fixture
def written(blank, people):
    """The section with two revisions."""
    revisions.save(blank, people["writer"], "First text.", "", 0)
    revisions.save(blank, people["writer"], "Second text.", "", 1)
    return blank


def set_status(section, status):
    Section.update(status=status).where(Section.id == section.id).execute()


def state(section):
    fresh = Section.get_by_id(section.id)
    return fresh.status, fresh.approved_number, StatusChange.select().where(StatusChange.section == section.id).count()


def test_nothing_to_submit_in_a_section_without_revisions(blank, people):
    with pytest.raises(review.NotNow):
        review.move(blank, people["writer"], review.SUBMIT)
    assert state(blank) == (Section.DRAFT, None, 0)


@pytest.mark.parametrize("action, status", WRONG, ids=[f"{a}-from-{s}" for a, s in WRONG])
def test_a_step_from_the_wrong_status_is_refused(written, people, action, status):
    set_status(written, status)
    with pytest.raises(review.NotNow):
        review.move(written, people["reviewer"], action, "note")
    assert state(written) == (status, None, 0)


def test_a_step_is_recorded_and_approval_pins_the_head(written, people):
    submitted = review.move(written, people["writer"], review.SUBMIT, "  Please read.  ")
    assert (submitted.old_status, submitted.new_status, submitted.revision_number, submitted.note) == (
        Section.DRAFT, Section.IN_REVIEW, 2, "Please read.")
    approved = review.move(written, people["reviewer"], review.APPROVE)
    assert (approved.old_status, approved.new_status, approved.user_id) == (
        Section.IN_REVIEW, Section.APPROVED, people["reviewer"].id)
    assert state(written) == (Section.APPROVED, 2, 2)


def test_an_edit_of_a_draft_records_no_step(written, people):
    revisions.save(written, people["writer"], "Third text.", "", 2)
    assert state(written) == (Section.DRAFT, None, 0)


def test_a_late_approval_after_an_edit_reopened_the_section(written, people):
    set_status(written, Section.IN_REVIEW)
    revisions.save(written, people["writer"], "Third text.", "", 2)  # the reviewer still reads revision 2
    assert state(written) == (Section.DRAFT, None, 1)
    with pytest.raises(review.NotNow):
        review.move(written, people["reviewer"], review.APPROVE)
    assert state(written) == (Section.DRAFT, None, 1)


def test_an_edit_between_the_approvals_read_and_write(written, people, monkeypatch):
    set_status(written, Section.IN_REVIEW)
    real = review.Revision
    editing = threading.Thread(target=edit_in_another_connection, args=(written, people["writer"]))

    class EditWhileApproving:
        """review.Revision, but a writer saves revision 3 just after move() read the status."""

        def __getattr__(self, name):
            return getattr(real, name)

        def select(self, *args):
            editing.start()
            editing.join(timeout=2)  # a move() that holds the write lock makes the edit wait: also right
            return real.select(*args)

    monkeypatch.setattr(review, "Revision", EditWhileApproving())
    try:
        review.move(written, people["reviewer"], review.APPROVE)
    except review.NotNow:
        pass
    finally:
        editing.join(timeout=15)
    monkeypatch.undo()
    status, approved_number, _ = state(written)
    # Either the approval came first (revision 2 approved, then reopened) or it was refused.
    assert (written.head_revision().number, status, approved_number) in {(3, "draft", 2), (3, "draft", None)}


def edit_in_another_connection(section, writer):
    db.connect(reuse_if_open=True)  # peewee's connections are per thread
    try:
        revisions.save(section, writer, "Third text, saved while approving.", "", 2)
    finally:
        db.close()
