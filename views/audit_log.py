"""The audit log, for the coordinator: sign-ins, failed sign-ins, roles, freezes and exports."""
from flask import Blueprint, request
from flask_login import login_required

from coalition import audit
from models import AuditEvent
from views import manager_only, render_page

bp = Blueprint("audit", __name__)
KINDS = (AuditEvent.LOGIN, AuditEvent.LOGIN_FAILED, AuditEvent.LOGIN_THROTTLED, AuditEvent.LOGIN_UNBLOCKED,
         AuditEvent.LOGOUT,
         AuditEvent.USER_CREATED, AuditEvent.PASSWORD_CHANGED, AuditEvent.DEACTIVATED, AuditEvent.REACTIVATED,
         AuditEvent.ROLE_CHANGED, AuditEvent.MEMBERSHIP_CHANGED, AuditEvent.REMOVED, AuditEvent.REMOVAL_UNDONE,
         AuditEvent.REPORT_CREATED, AuditEvent.OUTLINE_CHANGED, AuditEvent.FREEZE, AuditEvent.EXPORT,
         AuditEvent.BACKUP)


@bp.route("/audit")
@login_required
def index():
    """Newest first, a page at a time, optionally one kind of event."""
    manager_only()
    kind = request.args.get("kind") if request.args.get("kind") in KINDS else None
    events, more = audit.page(kind, request.args.get("before", type=int))
    return render_page("audit/index.html", "audit/_events.html", events=events, more=more, kind=kind, kinds=KINDS)
