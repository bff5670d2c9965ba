"""Removing sections and working groups, and bringing them back: the coordinator's soft delete.

A removal is a row the removed section or group points to. Nothing is deleted: revisions, comments and
reviews stay, and undoing the removal brings everything back as it was. A group leaves with its sections
and comes back with them (but not with sections removed on their own before it).
"""
from peewee import JOIN, fn

from coalition import activity, audit
from models import Activity, AuditEvent, Removal, Section, User, WorkingGroup, db, utcnow


class AlreadyRemoved(Exception):
    """Someone removed it a moment before."""


class GroupRemoved(Exception):
    """A section cannot come back while its working group is removed: it would belong to no group."""

    def __init__(self, group: WorkingGroup):
        super().__init__(group.name)
        self.group = group


def remove_section(section: Section, user) -> Removal:
    with db.atomic():
        removal = Removal.create(kind=Removal.SECTION, title=section.title, removed_by=user.id, removed_at=utcnow())
        if not Section.update(removal=removal).where(Section.id == section.id, Section.removal.is_null()).execute():
            raise AlreadyRemoved()  # and the removal row goes with the transaction
        activity.record(Activity.REMOVE, user, section.report_id, section=section)
        audit.record(AuditEvent.REMOVED, actor=user, detail=section.title)
    return removal


def remove_group(group: WorkingGroup, user) -> Removal:
    """The group and its sections (in every report) leave together."""
    with db.atomic():
        removal = Removal.create(kind=Removal.GROUP, title=group.name, removed_by=user.id, removed_at=utcnow())
        if not (WorkingGroup.update(removal=removal)
                .where(WorkingGroup.id == group.id, WorkingGroup.removal.is_null()).execute()):
            raise AlreadyRemoved()
        sections = list(Section.select().where(Section.group == group.id, Section.removal.is_null()))
        Section.update(removal=removal).where(Section.id.in_([s.id for s in sections])).execute()
        for section in sections:
            activity.record(Activity.REMOVE, user, section.report_id, section=section)
        audit.record(AuditEvent.REMOVED, actor=user, detail=group.name)
    return removal


def undo(removal: Removal, user) -> bool:
    """Bring back what the removal took out; False when someone already did."""
    with db.atomic():
        sections = list(Section.select().where(Section.removal == removal.id))  # none once undone
        groups = WorkingGroup.select().where(WorkingGroup.id.in_([s.group_id for s in sections]),
                                             WorkingGroup.removal.is_null(False), WorkingGroup.removal != removal.id)
        if groups.exists():  # a section removed alone, whose group was removed after it
            raise GroupRemoved(groups.get())
        done = (Removal.update(undone_by=user.id, undone_at=utcnow())
                .where(Removal.id == removal.id, Removal.undone_at.is_null()).execute())
        if not done:
            return False
        WorkingGroup.update(removal=None).where(WorkingGroup.removal == removal.id).execute()
        Section.update(removal=None).where(Section.removal == removal.id).execute()
        for section in sections:
            activity.record(Activity.BRING_BACK, user, section.report_id, section=section)
        audit.record(AuditEvent.REMOVAL_UNDONE, actor=user, detail=removal.title)
    return True


def pending() -> list[Removal]:
    """Removals not undone, newest first, with who removed them and how many sections each took out."""
    remover = User.alias()
    return list(Removal.select(Removal, remover.id, remover.display_name, fn.COUNT(Section.id).alias("section_count"))
                .join_from(Removal, remover, on=(Removal.removed_by == remover.id), attr="removed_by")
                .join_from(Removal, Section, JOIN.LEFT_OUTER, on=(Section.removal == Removal.id))
                .where(Removal.undone_at.is_null())
                .group_by(Removal.id, remover.id, remover.display_name).order_by(Removal.id.desc()))
