"""The audit log, for the coordinator: sign-ins, failed sign-ins, roles, freezes and exports."""
from flask import Blueprint, request
from flask_login import login_required

from coalition import audit, audit_words
from views import manager_only, render_page

bp = Blueprint("audit", __name__)
KINDS = tuple(audit_words.KIND_NAMES)


@bp.route("/audit")
@login_required
def index():
    """Newest first, a page at a time, optionally one kind of event."""
    manager_only()
    kind = request.args.get("kind") if request.args.get("kind") in KINDS else None
    events, more = audit.page(kind, request.args.get("before", type=int))
    return render_page("audit/index.html", "audit/_events.html", events=events, more=more, kind=kind, kinds=KINDS,
                       kind_name=audit_words.kind_name, detail_words=audit_words.detail_words)
