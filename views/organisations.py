"""The coalition's member organisations: everyone reads the list, the coordinator adds and edits them and marks
those that left (never deleted: they leave the PDF's submitting organisations, and can be brought back)."""
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required
from wtforms.fields.choices import SelectChoice

from coalition import members
from models import Organisation, Participation, WorkingGroup
from views import manager_only
from web.forms import OrganisationForm

bp = Blueprint("organisations", __name__, url_prefix="/organisations")


@bp.route("")
@login_required
def index():
    """The organisations in the coalition, then those that left; each with its working groups."""
    return _index_page()


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    manager_only()
    return _edit_page(Organisation())


@bp.route("/<int:organisation_id>", methods=["GET", "POST"])
@login_required
def edit(organisation_id: int):
    return _edit_page(_organisation(organisation_id))


@bp.route("/<int:organisation_id>/leave", methods=["POST"])
@login_required
def leave(organisation_id: int):
    """Mark it as having left; the coordinating organisation cannot leave (409) until another coordinates."""
    organisation = _organisation(organisation_id)
    if organisation.coordinates:
        flash(_("“%(name)s” is the coalition's coordinating organisation. Choose another coordinating "
                "organisation in the report settings first.", name=organisation.name), "error")
        return _index_page(409)
    if members.leave(organisation):
        flash(_("“%(name)s” has left the coalition: the PDF no longer lists it. You can bring it back below.",
                name=organisation.name), "success")
    else:
        flash(_("“%(name)s” had already left the coalition.", name=organisation.name), "info")
    return redirect(url_for("organisations.index"))


@bp.route("/<int:organisation_id>/return", methods=["POST"])
@login_required
def bring_back(organisation_id: int):
    organisation = _organisation(organisation_id)
    if members.bring_back(organisation):
        flash(_("“%(name)s” is back in the coalition and in the PDF.", name=organisation.name), "success")
    else:
        flash(_("“%(name)s” is already in the coalition.", name=organisation.name), "info")
    return redirect(url_for("organisations.index"))



def _organisation(organisation_id: int) -> Organisation:
    manager_only()
    return Organisation.get_or_none(Organisation.id == organisation_id) or abort(404)


def _index_page(status: int = 200):
    members = list(Organisation.members())
    left = list(Organisation.select().where(Organisation.left_at.is_null(False)).order_by(Organisation.name))
    return render_template("organisations/index.html", members=members, left=left,
                           groups=_group_names([o.id for o in members + left])), status


def _group_names(organisation_ids: list[int]) -> dict[int, list[str]]:
    """Organisation id -> the names of the working groups (not removed) it takes part in, in report order."""
    names = {}
    rows = (Participation.select(Participation.organisation, WorkingGroup.name).join(WorkingGroup)
            .where(Participation.organisation.in_(organisation_ids), WorkingGroup.removal.is_null())
            .order_by(WorkingGroup.position, WorkingGroup.id))
    for row in rows:
        names.setdefault(row.organisation_id, []).append(row.group.name)
    return names


def _edit_page(organisation: Organisation):
    """Add or correct an organisation; a name already listed (whatever its case) is refused."""
    offered = list(WorkingGroup.ordered())
    form = OrganisationForm(obj=organisation)
    form.groups.choices = [SelectChoice(group.id, group.name) for group in offered]
    if not form.is_submitted():
        form.groups.data = [p.group_id for p in organisation.participations] if organisation.id else []
    if form.validate_on_submit():
        fields = members.OrganisationFields(*(getattr(form, name).data or "" for name in
                                              ("name", "city", "description", "contact")))
        try:
            members.save(organisation, fields, form.groups.data, [group.id for group in offered])
        except members.NameTaken:
            form.name.errors.append(_("An organisation with this name is already listed."))
        else:
            flash(_("“%(name)s” is saved.", name=organisation.name), "success")
            return redirect(url_for("organisations.index"))
    page = render_template("organisations/edit.html", organisation=organisation, form=form)
    return page, 400 if form.errors else 200
