"""The report's activity feed: saves, merges, review steps, comments and files, newest first."""
from flask import Blueprint, request
from flask_login import current_user, login_required

from coalition import activity
from models import FeedMark, WorkingGroup
from views import get_report, render_page

bp = Blueprint("activity", __name__)


@bp.route("/reports/<int:report_id>/activity")
@login_required
def feed(report_id: int):
    """One page of the feed, filtered by group, type and person; what is new since the last visit is marked.

    Opening the first page marks everything as seen; the older pages keep the marker they started with.
    """
    report = get_report(report_id)
    args = request.args
    filters = activity.Filters(group_id=args.get("group", type=int), person_id=args.get("person", type=int),
                               type=args.get("type") if args.get("type") in activity.TYPES else None)
    before = args.get("before", type=int)
    seen = args.get("seen", type=int)
    if seen is None:
        seen = FeedMark.of(current_user, report.id)
    entries, more = activity.page(report.id, filters, before)
    if before is None:
        activity.mark_seen(current_user, report.id)
    chosen = {"group": filters.group_id, "type": filters.type, "person": filters.person_id}
    query = {"seen": seen, **{name: value for name, value in chosen.items() if value}}  # for the "Older" link
    return render_page("activity/feed.html", "activity/_entries.html", report=report, entries=entries,
                       more=more, filters=filters, seen=seen, query=query,
                       groups=WorkingGroup.ordered(), people=activity.people(report.id), types=activity.TYPES)
