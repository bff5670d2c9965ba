"""A report's outline (coordinator only): its working groups and their sections, added, renamed, reordered
and moved at any time. Removal has its own pages (views/removals.py)."""
from flask import Blueprint, abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from coalition import structure
from models import Organisation, Section, User, WorkingGroup
from views import get_report, get_section, manager_only
from web.forms import GroupForm, MoveForm, SectionForm, SectionSettingsForm

bp = Blueprint("outline", __name__)


@bp.route("/reports/<int:report_id>/outline")
@login_required
def index(report_id: int):
    """Every group with its sections in this report, a form to add either, and what is still to set up."""
    manager_only()
    return _outline_page(get_report(report_id))


@bp.route("/reports/<int:report_id>/groups", methods=["POST"])
@login_required
def add_group(report_id: int):
    manager_only()
    report = get_report(report_id)
    form = _group_form(GroupForm(prefix="new-group"))
    if not form.validate_on_submit():
        return _outline_page(report, group_form=form, status=400)
    group = structure.add_group(current_user, report, _group_fields(form))
    flash(_("The working group “%(name)s” is added. Add its sections below.", name=group.name), "success")
    return redirect(url_for("outline.index", report_id=report.id, _anchor=f"group-{group.id}"))


@bp.route("/reports/<int:report_id>/groups/<int:group_id>", methods=["GET", "POST"])
@login_required
def edit_group(report_id: int, group_id: int):
    """Rename a group, or change its theme or lead organisation (in every report: groups are the coalition's)."""
    manager_only()
    report, group = get_report(report_id), _live_group(group_id)
    form = _group_form(GroupForm(obj=group, lead_organisation=group.lead_organisation_id or 0), group)
    if form.validate_on_submit():
        try:
            structure.edit_group(current_user, report, group, _group_fields(form))
        except structure.GroupGone:
            abort(404)
        flash(_("The working group “%(name)s” is saved.", name=form.name.data), "success")
        return redirect(url_for("outline.index", report_id=report.id, _anchor=f"group-{group.id}"))
    return render_template("outline/group.html", report=report, group=group, form=form), 400 if form.errors else 200


@bp.route("/reports/<int:report_id>/groups/<int:group_id>/move", methods=["POST"])
@login_required
def move_group(report_id: int, group_id: int):
    manager_only()
    report, group = get_report(report_id), _live_group(group_id)
    step = _step()
    structure.move_group(current_user, report, group, step)
    return _after_move(report, f"move-group-{group.id}-{_direction(step)}")


@bp.route("/reports/<int:report_id>/groups/<int:group_id>/sections", methods=["POST"])
@login_required
def add_section(report_id: int, group_id: int):
    """A new section at the end of the group (its form's fields carry the group in their prefix)."""
    manager_only()
    report, group = get_report(report_id), _live_group(group_id)
    form = SectionForm(prefix=f"group-{group.id}")
    if not form.validate_on_submit():
        return _outline_page(report, section_forms={group.id: form}, status=400)
    try:
        section = structure.add_section(current_user, report, structure.SectionFields(
            form.title.data, form.word_budget.data, group.id))
    except structure.GroupGone:
        abort(404)
    flash(_("The section “%(title)s” is added to “%(group)s”.", title=section.title, group=group.name), "success")
    return redirect(url_for("outline.index", report_id=report.id, _anchor=f"group-{group.id}"))


@bp.route("/sections/<int:section_id>/settings", methods=["GET", "POST"])
@login_required
def edit_section(section_id: int):
    """A section's title, word budget and working group; its text and history stay as they are."""
    manager_only()
    section = get_section(section_id)
    form = SectionSettingsForm(obj=section, group=section.group_id)
    form.group.choices = [SelectChoice(group.id, group.name) for group in WorkingGroup.ordered()]
    if form.validate_on_submit():
        try:
            structure.edit_section(current_user, section, structure.SectionFields(
                form.title.data, form.word_budget.data, form.group.data))
        except structure.GroupGone:  # removed between the page and the save
            form.group.errors.append(_("This working group was removed meanwhile. Choose another."))
        else:
            flash(_("The section “%(title)s” is saved.", title=form.title.data), "success")
            return redirect(url_for("outline.index", report_id=section.report_id, _anchor=f"section-{section.id}"))
    return render_template("outline/section.html", section=section, form=form), 400 if form.errors else 200


@bp.route("/sections/<int:section_id>/move", methods=["POST"])
@login_required
def move_section(section_id: int):
    manager_only()
    section = get_section(section_id)
    step = _step()
    structure.move_section(current_user, section, step)
    return _after_move(section.report, f"move-section-{section.id}-{_direction(step)}")


def _step() -> int:
    form = MoveForm()
    if not form.validate():
        abort(400)
    return structure.UP if form.direction.data == "up" else structure.DOWN


def _direction(step: int) -> str:
    return "up" if step == structure.UP else "down"


def _after_move(report, focus: str):
    """htmx swaps the outline in place, the button pressed keeping the focus; a plain form comes back to it."""
    if g.htmx:
        return _outline_page(report, focus=focus)
    return redirect(url_for("outline.index", report_id=report.id, _anchor=focus))


def _live_group(group_id: int) -> WorkingGroup:
    return WorkingGroup.get_or_none(WorkingGroup.id == group_id, WorkingGroup.removal.is_null()) or abort(404)


def _group_form(form: GroupForm, group: WorkingGroup | None = None) -> GroupForm:
    """The organisations in the coalition to lead it (and the one leading it now, even if it has left)."""
    leads = list(Organisation.members())
    if group and group.lead_organisation and group.lead_organisation.left_at:
        leads.append(group.lead_organisation)
    form.lead_organisation.choices = [SelectChoice(0, "—")] + [SelectChoice(o.id, o.name) for o in leads]
    return form


def _group_fields(form: GroupForm) -> structure.GroupFields:
    return structure.GroupFields(form.name.data, form.theme.data or "", form.lead_organisation.data or None)


def _outline_page(report, group_form=None, section_forms=None, focus: str = "", status: int = 200):
    groups = list(WorkingGroup.ordered())
    sections = list(Section.live(report.id))
    forms = {**{group.id: SectionForm(prefix=f"group-{group.id}", formdata=None) for group in groups},
             **(section_forms or {})}
    template = "outline/_outline.html" if g.htmx and focus else "outline/index.html"
    return render_template(
        template, report=report, groups=groups, focus=focus, section_forms=forms,
        group_form=group_form or _group_form(GroupForm(prefix="new-group", formdata=None)),
        sections={group.id: [s for s in sections if s.group_id == group.id] for group in groups},
        steps=_steps(groups, sections)), status


def _steps(groups, sections) -> dict[str, int]:
    """How far the coalition has set things up: what a new report still lacks, in the checklist's order."""
    return {"organisations": Organisation.members().count(), "groups": len(groups), "sections": len(sections),
            "people": User.select().where(User.id != current_user.id).count()}
