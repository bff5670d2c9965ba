"""The recommendations tracker: the list with search and filters, a recommendation with its assessments,
the coordinator's add, edit and CSV import, the statistics, and the CSV export."""
from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from coalition import recommendations
from coalition.permissions import can_assess
from coalition.recommendations import csv_files, cycles, tallies
from coalition.vocabulary import ASSESSMENT_NAMES, RESPONSE_NAMES, cycle_name
from models import Recommendation, WorkingGroup
from text.cycles import cycle_number
from text.markup import RecLink, cited_numbers
from views import get_report, manager_only, render_page
from web.forms import ASSESSMENTS, AssessmentForm, RecommendationForm

bp = Blueprint("recommendations", __name__)
PICK_SHOWN = 20  # the citation picker shows a few; the search narrows them


def get_recommendation(recommendation_id: int) -> Recommendation:
    return Recommendation.get_or_none(Recommendation.id == recommendation_id) or abort(404)


def _assessable(recommendation_id: int) -> Recommendation:
    """The recommendation, if the signed-in person may assess it (and so say which earlier one it repeats)."""
    recommendation = get_recommendation(recommendation_id)
    if not can_assess(current_user, recommendation):
        abort(403)
    return recommendation


@bp.route("/reports/<int:report_id>/recommendations")
@login_required
def index(report_id: int):
    """Search as you type (htmx) or with the button; filters by group, status, response, theme and cycle (at
    first the tracked cycle's)."""
    report = get_report(report_id)
    args = request.args
    wanted = recommendations.Search(
        text=args.get("q", "").strip()[:200], group_id=args.get("group", type=int),
        status=args.get("status", ""), response=args.get("response", "x"), theme=args.get("theme", "")[:200],
        cycle=_wanted_cycle(report, args.get("cycle")))
    query = recommendations.search(report.id, wanted)
    page = max(args.get("page", 1, type=int), 1)
    total = query.count()
    rows = list(query.paginate(page, recommendations.PAGE_SIZE))
    page_count = max((total + recommendations.PAGE_SIZE - 1) // recommendations.PAGE_SIZE, 1)
    # For the page links; an empty response is a filter of its own (the response is unknown).
    filters = {name: value for name, value in args.items() if name != "page" and (value or name == "response")}
    return render_page("recommendations/index.html", "recommendations/_results.html", report=report, rows=rows,
                       total=total, page=page, page_count=page_count, wanted=wanted, filters=filters,
                       groups=WorkingGroup.ordered(), themes=recommendations.themes(report.id),
                       statuses=ASSESSMENTS, cycles=_cycle_choices(report.id))


@bp.route("/reports/<int:report_id>/recommendations/pick")
@login_required
def pick(report_id: int):
    """Recommendations to cite, by number or words, from every cycle: the editor's citation dialog (htmx, `cite`:
    buttons that insert each citation), or without JavaScript a page listing each one's citation to copy."""
    report = get_report(report_id)
    # response: "x" as in the tracker's list, for any response ("" would keep the ones of unknown response).
    wanted = recommendations.Search(text=request.args.get("q", "").strip()[:200], response="x")
    query = recommendations.search(report.id, wanted)
    return render_page("recommendations/pick.html", "recommendations/_pick.html", report=report, wanted=wanted,
                       rows=list(query.limit(PICK_SHOWN)), total=query.count(), cite=bool(request.args.get("cite")))


def _wanted_cycle(report, value: str | None) -> int | None:
    """The cycle asked for: "all" for every one, a number, or (none asked) the one shown by default."""
    if value is None:
        return cycles.shown_by_default(report)
    return int(value) if value.isdigit() else None


def _cycle_choices(report_id: int) -> list[tuple[int, str]]:
    return [(number, str(cycle_name(number))) for number in cycles.present(report_id)]


@bp.route("/recommendations/<int:recommendation_id>")
@login_required
def show(recommendation_id: int):
    recommendation = get_recommendation(recommendation_id)
    form = AssessmentForm(formdata=None, status=recommendation.status)
    return _recommendation_page(recommendation, form)


def _recommendation_page(recommendation, form, status: int = 200):
    return render_template("recommendations/show.html", recommendation=recommendation,
                           report=get_report(recommendation.report_id), form=form,
                           history=recommendations.history(recommendation),
                           cited_by=recommendations.cited_by(recommendation),
                           may_assess=can_assess(current_user, recommendation),
                           repeats=recommendation.repeats if recommendation.repeats_id else None,
                           suggestions=cycles.suggestions(recommendation), cycle_name=cycle_name,
                           cycle_number=cycle_number), status


@bp.route("/recommendations/<int:recommendation_id>/assess", methods=["POST"])
@login_required
def assess(recommendation_id: int):
    """A new assessment; the earlier ones stay in the recommendation's history."""
    recommendation = _assessable(recommendation_id)
    form = AssessmentForm()
    if not form.validate():
        return _recommendation_page(recommendation, form, 400)
    recommendations.assess(recommendation, current_user, form.status.data, form.justification.data or "",
                           form.sources.data or "")
    flash(_("The assessment is saved."), "success")
    return redirect(url_for("recommendations.show", recommendation_id=recommendation.id))


@bp.route("/recommendations/<int:recommendation_id>/repeats", methods=["POST"])
@login_required
def link(recommendation_id: int):
    """Confirm that the recommendation repeats an earlier cycle's (whoever may assess it may say so)."""
    recommendation = _assessable(recommendation_id)
    earlier = Recommendation.get_or_none(Recommendation.id == request.form.get("earlier", 0, type=int))
    try:
        cycles.link(recommendation, earlier, current_user)
    except cycles.NotEarlier:  # a stale page: that recommendation was deleted or moved to another cycle since
        flash(_("Only a recommendation of an earlier cycle of this report can be linked."), "error")
    else:
        flash(_("The recommendation is linked to %(number)s.", number=earlier.number), "success")
    return redirect(url_for("recommendations.show", recommendation_id=recommendation.id))


@bp.route("/recommendations/<int:recommendation_id>/repeats/undo", methods=["POST"])
@login_required
def unlink(recommendation_id: int):
    recommendation = _assessable(recommendation_id)
    cycles.unlink(recommendation, current_user)
    flash(_("The link to the earlier recommendation is undone."), "success")
    return redirect(url_for("recommendations.show", recommendation_id=recommendation.id))


@bp.route("/reports/<int:report_id>/recommendations/new", methods=["GET", "POST"])
@login_required
def new(report_id: int):
    report = get_report(report_id)
    manager_only()
    return _edit_page(report, Recommendation(report=report.id))


@bp.route("/recommendations/<int:recommendation_id>/edit", methods=["GET", "POST"])
@login_required
def edit(recommendation_id: int):
    recommendation = get_recommendation(recommendation_id)
    manager_only()
    return _edit_page(get_report(recommendation.report_id), recommendation)


def _edit_page(report, recommendation):
    """Add or correct a recommendation; a number already used in the same document is refused."""
    form = RecommendationForm(obj=recommendation)
    if not form.is_submitted():
        form.group.data = recommendation.group_id or 0  # obj gives the group row, the select wants its id
    # A group removed since keeps its recommendations until someone chooses another.
    groups = (WorkingGroup.select().where(WorkingGroup.removal.is_null() | (WorkingGroup.id == recommendation.group_id))
              .order_by(WorkingGroup.position, WorkingGroup.id))
    form.group.choices = [SelectChoice(0, _("No group yet"))] + [
        SelectChoice(group.id, _("%(name)s (removed)", name=group.name) if group.removal_id else group.name)
        for group in groups]
    if form.validate_on_submit():
        try:
            recommendations.save(recommendation, {name: form[name].data for name in recommendations.FIELDS},
                                 form.group.data or None)
        except recommendations.NumberTaken:
            form.number.errors.append(_("This document already has a recommendation with this number."))
        else:
            flash(_("The recommendation is saved."), "success")
            return redirect(url_for("recommendations.show", recommendation_id=recommendation.id))
    return render_template("recommendations/edit.html", report=report, recommendation=recommendation,
                           form=form), 400 if form.errors else 200


@bp.route("/reports/<int:report_id>/recommendations/statistics")
@login_required
def statistics(report_id: int):
    """Counts and percentages by status, group and response (of the tracked cycle's recommendations), as a chart
    and as a table; each theme across cycles."""
    report = get_report(report_id)
    cycle = cycles.shown_by_default(report)
    stats = recommendations.statistics(report.id, cycle)
    key = "response" if request.args.get("across") == "response" else "status"
    across, by_theme = cycles.themes_across_cycles(report.id, key)
    return render_template("recommendations/statistics.html", report=report, stats=stats,
                           summary=recommendations.summary_sentence(stats), statuses=tallies.STATUSES,
                           across=across, by_theme=by_theme, across_key=key,
                           across_values=tallies.STATUSES if key == "status" else tallies.RESPONSES,
                           cycle=cycle, cycle_name=cycle_name)


@bp.route("/reports/<int:report_id>/recommendations.csv")
@login_required
def export_csv(report_id: int):
    """Every recommendation with its current assessment, for a spreadsheet (formulas neutralised)."""
    report = get_report(report_id)
    headers, rows = recommendations.assessment_table(report.id, lambda status: str(ASSESSMENT_NAMES[status]),
                                                     lambda response: str(RESPONSE_NAMES[response]))
    return Response(csv_files.write(headers, rows), mimetype="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="recommendations.csv"'})


def links_for(report_id: int, source: str) -> dict[str, RecLink]:
    """Number -> link for every recommendation cited in the text ([rec:118.12]), unknown ones flagged."""
    numbers = cited_numbers(source)
    found = recommendations.by_number(report_id, numbers)
    links = {}
    for number in numbers:
        matches = found.get(number, [])
        if len(matches) == 1:
            links[number] = RecLink(url_for("recommendations.show", recommendation_id=matches[0].id),
                                    str(ASSESSMENT_NAMES[matches[0].status]), matches[0].status)
        elif matches:  # the same number in two documents: the list shows both
            links[number] = RecLink(url_for("recommendations.index", report_id=report_id, q=number),
                                    _("Several recommendations have this number"), "several")
        else:
            links[number] = RecLink("", _("No recommendation has this number"), "unknown")
    return links
