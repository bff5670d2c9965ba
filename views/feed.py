"""The report's activity feed: saves, merges, review steps, comments and files, newest first."""
from flask import Blueprint, flash, g, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from coalition import activity
from models import FeedMark, WorkingGroup
from views import get_report, render_page

bp = Blueprint("activity", __name__)


@bp.route("/reports/<int:report_id>/activity")
@login_required
def feed(report_id: int):
    """One page of the feed, filtered by group, type and person; what is new since the person last marked the
    feed as seen is said so. The older pages keep the marker the first one started with."""
    report = get_report(report_id)
    args = request.args
    filters = activity.Filters(group_id=args.get("group", type=int), person_id=args.get("person", type=int),
                               type=args.get("type") if args.get("type") in activity.TYPES else None)
    before = args.get("before", type=int)
    seen = args.get("seen", type=int)
    if seen is None:
        seen = FeedMark.of(current_user, report.id)
    entries, more = activity.page(report.id, filters, before)
    first_page = before is None and not g.htmx  # a filter's answer is the list alone, without "Mark all as seen"
    upto = activity.newest_unseen(current_user, report.id) if first_page else None
    chosen = {"group": filters.group_id, "type": filters.type, "person": filters.person_id}
    query = {"seen": seen, **{name: value for name, value in chosen.items() if value}}  # for the "Older" link
    return render_page("activity/feed.html", "activity/_entries.html", report=report, entries=entries,
                       more=more, filters=filters, seen=seen, query=query, upto=upto,
                       groups=WorkingGroup.ordered(), people=activity.people(report.id), types=activity.TYPES)


@bp.route("/reports/<int:report_id>/activity/seen", methods=["POST"])
@login_required
def mark_seen(report_id: int):
    """Mark the feed as seen up to the newest entry its page showed (with JavaScript, as soon as it loads)."""
    report = get_report(report_id)
    activity.mark_seen(current_user, report.id, request.form.get("upto", type=int))
    if g.htmx:
        return ""  # the form swaps itself out: nothing is left to mark
    flash(_("Everything in the feed is marked as seen."), "success")
    return redirect(url_for("activity.feed", report_id=report.id))
