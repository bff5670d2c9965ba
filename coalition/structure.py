"""A report's outline: its working groups and their sections, added, renamed, reordered and moved.

Every change is an entry in the report's feed and in the audit log, written in the same transaction; none
touches a revision. Working groups are the coalition's, shared by its reports (their members with them):
a group added or renamed here is added or renamed in every report, and orders every report alike.
"""
from dataclasses import dataclass

from coalition import activity, audit
from models import Activity, AuditEvent, Section, WorkingGroup, db

UP, DOWN = -1, 1


class GroupGone(Exception):
    """The working group was removed (or never was) a moment ago."""


@dataclass(frozen=True)
class GroupFields:
    name: str
    theme: str = ""
    lead_organisation_id: int | None = None


@dataclass(frozen=True)
class SectionFields:
    title: str
    word_budget: int = 0
    group_id: int | None = None


def add_group(user, report, fields: GroupFields) -> WorkingGroup:
    """A new working group, after the others."""
    with db.atomic():
        last = WorkingGroup.select(WorkingGroup.position).order_by(WorkingGroup.position.desc()).scalar() or 0
        group = WorkingGroup.create(name=fields.name, theme=fields.theme, position=last + 1,
                                    lead_organisation=fields.lead_organisation_id)
        _record(user, report, "group_added", group.name, group=group)
    return group


def edit_group(user, report, group: WorkingGroup, fields: GroupFields) -> None:
    """Rename the group, or change its theme or lead organisation."""
    with db.atomic():
        changed = (WorkingGroup.update(name=fields.name, theme=fields.theme,
                                       lead_organisation=fields.lead_organisation_id)
                   .where(WorkingGroup.id == group.id, WorkingGroup.removal.is_null()).execute())
        if not changed:
            raise GroupGone()
        what = "group_renamed" if fields.name != group.name else "group_changed"
        _record(user, report, what, f"{group.name} → {fields.name}" if fields.name != group.name else group.name,
                group=group)


def move_group(user, report, group: WorkingGroup, step: int) -> bool:
    """One place up (UP) or down (DOWN) among the groups not removed; False at either end."""
    with db.atomic():
        order = [g.id for g in WorkingGroup.ordered()]
        if not _renumber(WorkingGroup, order, group.id, step):
            return False
        _record(user, report, "group_moved", group.name, group=group)
    return True


def add_section(user, report, fields: SectionFields) -> Section:
    """A new section at the end of its group, not written yet."""
    with db.atomic():
        group = _live_group(fields.group_id)
        last = (Section.select(Section.position).where(Section.report == report.id, Section.group == group.id)
                .order_by(Section.position.desc()).scalar() or 0)
        section = Section.create(report=report.id, group=group.id, title=fields.title, position=last + 1,
                                 word_budget=fields.word_budget)
        _record(user, report, "section_added", section.title, section=section)
    return section


def edit_section(user, section: Section, fields: SectionFields) -> None:
    """Rename the section, change its word budget, or move it to another group (at that group's end)."""
    with db.atomic():
        values = {"title": fields.title, "word_budget": fields.word_budget}
        moved = fields.group_id not in (None, section.group_id)
        if moved:
            group = _live_group(fields.group_id)
            last = (Section.select(Section.position).where(Section.report == section.report_id,
                                                           Section.group == group.id)
                    .order_by(Section.position.desc()).scalar() or 0)
            values.update(group=group.id, position=last + 1)
        Section.update(**values).where(Section.id == section.id).execute()
        report = section.report
        if fields.title != section.title:
            _record(user, report, "section_renamed", f"{section.title} → {fields.title}", section=section)
        if fields.word_budget != section.word_budget:
            _record(user, report, "budget_changed", f"{section.title}: {section.word_budget} → {fields.word_budget}",
                    section=section)
        if moved:
            _record(user, report, "section_regrouped", f"{fields.title} → {group.name}", section=section,
                    group=group)


def move_section(user, section: Section, step: int) -> bool:
    """One place up (UP) or down (DOWN) among its group's sections in the report; False at either end."""
    with db.atomic():
        order = [s.id for s in Section.live(section.report_id).where(Section.group == section.group_id)]
        if not _renumber(Section, order, section.id, step):
            return False
        _record(user, section.report, "section_moved", section.title, section=section)
    return True


def _renumber(model, order: list[int], moving: int, step: int) -> bool:
    """Move one id in the order and write positions 1..n (positions may have had ties or gaps)."""
    index = order.index(moving)
    target = index + step
    if not 0 <= target < len(order):
        return False
    order[index], order[target] = order[target], order[index]
    for position, row_id in enumerate(order, start=1):
        model.update(position=position).where(model.id == row_id).execute()
    return True


def _live_group(group_id: int | None) -> WorkingGroup:
    group = WorkingGroup.get_or_none(WorkingGroup.id == group_id, WorkingGroup.removal.is_null())
    if group is None:
        raise GroupGone()
    return group


def _record(user, report, what: str, detail: str, section: Section | None = None,
            group: WorkingGroup | None = None) -> None:
    """The feed says what changed (its entry names the section or group); the audit log says it in words."""
    group_id = group.id if group else section.group_id if section else None
    activity.record(Activity.OUTLINE, user, report.id, section=section, detail=what, group_id=group_id)
    audit.record(AuditEvent.OUTLINE_CHANGED, actor=user, detail=f"{what}: {detail}")
