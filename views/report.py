"""The report overview: working groups, their sections, and words against the limits."""
from flask import Blueprint, redirect, render_template, url_for
from flask_login import login_required

from models import Report, Revision, Section, WorkingGroup
from views import get_report
from views.presence import presence_context

bp = Blueprint("report", __name__)


@bp.route("/")
@login_required
def home():
    """Open the newest report; a coalition usually works on one at a time."""
    report = Report.select().order_by(Report.created_at.desc()).first()
    if report is None:
        return render_template("report/empty.html")
    return redirect(url_for("report.overview", report_id=report.id))


@bp.route("/reports/<int:report_id>")
@login_required
def overview(report_id: int):
    """Every group with its sections, each with words, budget and last edit, and who is here now."""
    report = get_report(report_id)
    sections = list(Section.select().where(Section.report == report).order_by(Section.position, Section.id))
    heads = Revision.heads([s.id for s in sections])
    groups = []
    for group in WorkingGroup.ordered():
        own = [(s, heads.get(s.id)) for s in sections if s.group_id == group.id]
        groups.append((group, own, sum(head.words for _, head in own if head)))
    total = sum(head.words for head in heads.values())
    return render_template("report/overview.html", report=report, groups=groups, total=total,
                           presence=presence_context(report.id))
