"""The report overview: working groups, their sections, and words against the limits."""
from collections import Counter

from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from coalition import activity, exports, reports
from coalition.permissions import can_see_dashboard
from coalition.recommendations import cycles
from coalition.vocabulary import cycle_name
from models import Organisation, Report, Revision, Section, Suggestion, Thread, WorkingGroup, utcnow
from text.colours import DEFAULT_ACCENT, HEX
from text.cycles import cycle_number
from views import get_report, manager_only
from views.presence import presence_context
from web.forms import FollowUpForm, ReportForm

bp = Blueprint("report", __name__)


@bp.route("/")
@login_required
def home():
    """Open the newest report (the one the coalition writes now); earlier ones are on the reports page."""
    report = Report.newest_first().first()
    if report is None:
        return render_template("report/empty.html")
    return redirect(url_for("report.overview", report_id=report.id))


@bp.route("/reports")
@login_required
def index():
    """Every report of the coalition, the one it writes now first."""
    return render_template("report/index.html", reports=list(Report.newest_first()))


@bp.route("/reports/new", methods=["GET", "POST"])
@login_required
def new():
    """The coordinator sets up a report from nothing; its groups and sections come next, on its outline page."""
    manager_only()
    form = _with_cycles(_with_organisations(ReportForm(data={"word_limit": 5630, "mechanism": "UPR"})))
    if form.validate_on_submit():
        report = reports.create(current_user, _report_values(form), form.coordinating_organisation.data or None)
        flash(_("The report is set up. Now its working groups and their sections."), "success")
        return redirect(url_for("outline.index", report_id=report.id))
    return render_template("report/new.html", form=form), 400 if form.errors else 200


@bp.route("/reports/<int:report_id>/follow-up", methods=["GET", "POST"])
@login_required
def follow_up(report_id: int):
    """A new report started from this one: its sections, their texts if wished, the recommendations chosen."""
    manager_only()
    source = get_report(report_id)
    sets = reports.recommendation_sets(source)
    form = _with_organisations(FollowUpForm(obj=source, documents=[s.document for s in sets]))
    form.tracked_cycle.data = ""  # a new report tracks the cycle before its own, whatever the earlier one tracked
    _with_cycles(form)
    form.documents.choices = [SelectChoice(s.document, s.document) for s in sets]
    if form.validate_on_submit():
        carried = reports.Carried(form.texts.data, tuple(form.documents.data), form.assessments.data)
        report = reports.start_from(current_user, source, _report_values(form), carried,
                                    form.coordinating_organisation.data or None)
        flash(_("The new report is set up from “%(title)s”. The earlier report stays as it was.",
                title=source.short_title or source.title), "success")
        return redirect(url_for("outline.index", report_id=report.id))
    return render_template("report/follow_up.html", source=source, form=form, sets=sets), (
        400 if form.errors else 200)


@bp.route("/reports/<int:report_id>")
@login_required
def overview(report_id: int):
    """Every group with its sections, each with words, budget and last edit, and who is here now."""
    report = get_report(report_id)
    groups, total = sections_by_group(report)
    open_threads = Thread.open_counts(report.id)
    open_suggestions = Suggestion.open_counts(report.id)
    return render_template("report/overview.html", report=report, groups=groups, total=total,
                           open_threads=open_threads, open_suggestions=open_suggestions,
                           presence=presence_context(report.id),
                           unseen=activity.unseen_count(current_user, report.id))


@bp.route("/reports/<int:report_id>/settings", methods=["GET", "POST"])
@login_required
def settings(report_id: int):
    """The coordinator sets what the cover, the header and the UN's rules need."""
    report = get_report(report_id)
    manager_only()
    form = _with_cycles(_with_organisations(ReportForm(obj=report)), report)
    if form.validate_on_submit():
        reports.save_settings(report, {name: form[name].data for name in reports.FIELDS},
                              form.coordinating_organisation.data)
        flash(_("The report's settings are saved."), "success")
        return redirect(url_for("report.overview", report_id=report.id))
    return render_template("report/settings.html", report=report, form=form), 400 if form.errors else 200


@bp.route("/reports/<int:report_id>/accent.css")
@login_required
def accent_css(report_id: int):
    """The report's accent colour, as the stylesheet every page of it links (see views.accent_stylesheet)."""
    accent = get_report(report_id).accent
    # Saved only through the settings' check; checked again, as it goes into CSS. On screen only: a printed page
    # keeps the stylesheet's black.
    colour = accent if HEX.fullmatch(accent) else DEFAULT_ACCENT
    return Response(f"@media screen {{ :root {{ --accent: {colour}; }} }}\n", mimetype="text/css")


@bp.route("/reports/<int:report_id>/dashboard")
@login_required
def dashboard(report_id: int):
    """The coordinator's and the reviewers' view (read-only): per group, sections by status, words against the
    sections' budgets, open comments, last activity (an edit, a review step or a comment)."""
    report = get_report(report_id)
    if not can_see_dashboard(current_user):
        abort(403)
    groups, total = sections_by_group(report)
    open_threads = Thread.open_counts(report.id)
    open_suggestions = Suggestion.open_counts(report.id)
    last_activity = activity.last_by_group(report.id)
    rows = []
    for group, own, words in groups:
        statuses = Counter(section.status for section, _ in own)
        budget = sum(section.word_budget for section, _ in own)
        rows.append({"group": group, "sections": len(own), "statuses": statuses, "words": words, "budget": budget,
                     "open_threads": sum(open_threads.get(section.id, 0) for section, _ in own),
                     "open_suggestions": sum(open_suggestions.get(section.id, 0) for section, _ in own),
                     "last_activity": last_activity.get(group.id)})
    days_left = (report.deadline - utcnow().date()).days if report.deadline else None
    return render_template("report/dashboard.html", report=report, rows=rows, total=total, days_left=days_left,
                           budgets=sum(row["budget"] for row in rows))


def _with_organisations(form):
    """The form, with the coalition's organisations to choose the coordinating one from (set to the current one
    unless the person chose). Only an organisation in the coalition can coordinate it: one that left could not
    stand on the cover."""
    form.coordinating_organisation.choices = [SelectChoice(0, "—")] + [
        SelectChoice(o.id, o.name) for o in Organisation.members()]
    if not form.is_submitted():
        coordinating = Organisation.coordinating()
        form.coordinating_organisation.data = coordinating.id if coordinating else 0
    return form


def _with_cycles(form, report=None):
    """The form, with the cycles of the report's recommendations to choose the tracked one from (a new report
    has none yet: it tracks the cycle before its own)."""
    numbers = [str(number) for number in cycles.present(report.id)] if report else []
    if report and report.tracked_cycle and report.tracked_cycle not in numbers:
        numbers.append(report.tracked_cycle)  # chosen before its recommendations were deleted: kept, not lost
    form.tracked_cycle.choices = [SelectChoice("", _("The cycle before the report's own"))] + [
        SelectChoice(value, str(cycle_name(cycle_number(value))) if cycle_number(value) else value)
        for value in numbers]
    return form


def _report_values(form) -> dict:
    """The form's report fields; one the request left out takes the model's default rather than None."""
    return {name: form[name].data for name in reports.FIELDS if form[name].data is not None}


def sections_by_group(report) -> tuple[list, int]:
    """[(group, [(section, head revision without body)], group's words)] for the groups with sections in the
    report, and the report's words that count toward its limit by its count rule."""
    sections = Section.live_list(report.id)
    heads = Revision.report_heads(report.id)
    groups = []
    for group in WorkingGroup.in_order():
        own = [(s, heads.get(s.id)) for s in sections if s.group_id == group.id]
        if own:  # the coalition's other groups have no part in this report (its outline page lists them)
            groups.append((group, own, sum(head.words for _, head in own if head)))
    return groups, exports.counted(report, exports.file_words(report))
