"""Coalition review: a section goes draft → in review → approved or changes requested, and back to
draft when it is edited again (its approved revision stays pinned). Every step is recorded."""
from coalition import activity
from models import Activity, Revision, Section, StatusChange, section_write_lock, utcnow

SUBMIT, APPROVE, REQUEST_CHANGES = "submit", "approve", "request_changes"
# action -> (the statuses it may start from, the status it leads to)
TRANSITIONS = {
    SUBMIT: ({Section.DRAFT, Section.CHANGES_REQUESTED}, Section.IN_REVIEW),
    APPROVE: ({Section.IN_REVIEW}, Section.APPROVED),
    REQUEST_CHANGES: ({Section.IN_REVIEW}, Section.CHANGES_REQUESTED),
}


class NotNow(Exception):
    """The step does not apply to the section as it is now (someone moved it, or nothing is written)."""


def move(section, user, action: str, note: str = "", seen_number: int | None = None) -> StatusChange:
    """Take one review step on the revision the person saw; approving pins it as the approved text."""
    starts, target = TRANSITIONS[action]
    with section_write_lock(section.id):
        current = Section.select(Section.status).where(Section.id == section.id).scalar()
        head = Revision.select(Revision.number).where(Revision.section == section.id).order_by(
            Revision.number.desc()).scalar()
        if current not in starts or head is None or seen_number not in (None, head):
            raise NotNow(current)
        changes = {Section.status: target}
        if action == APPROVE:
            changes[Section.approved_number] = head
        Section.update(changes).where(Section.id == section.id).execute()
        return _record(section, user, current, target, head, note)


def reopen_after_edit(section, user, revision_number: int, at=None) -> None:
    """An edit puts a submitted or approved section back to draft; call inside the saving transaction, with the
    edit's time, so that the feed (ordered by time) tells the step with the edit.

    A section with changes requested stays so until its group submits it again.
    """
    current = Section.select(Section.status).where(Section.id == section.id).scalar()
    if current in (Section.IN_REVIEW, Section.APPROVED):
        Section.update(status=Section.DRAFT).where(Section.id == section.id).execute()
        _record(section, user, current, Section.DRAFT, revision_number, at=at)


def _record(section, user, old: str, new: str, revision_number: int, note: str = "", at=None) -> StatusChange:
    """The step in the section's history, and in the report's feed."""
    activity.record(Activity.STATUS, user, section.report_id, section, revision_number, detail=new, at=at)
    return StatusChange.create(section=section.id, old_status=old, new_status=new,
                               revision_number=revision_number, user=user.id, note=note.strip(),
                               created_at=at or utcnow())
