"""The audit log in words: each kind of event, and the details the log keeps in its own terms ("reset link",
"pdf report final", "version 2, sha256 …"), said in the reader's language. The details are stored as the use
cases write them and read here, so rows recorded before there were words read the same; a detail of another shape
(a title, a file name) is shown as it is."""
import re

from flask_babel import gettext as _, lazy_gettext as _l

from models import AuditEvent as E

# In the order the log's filter offers them.
KIND_NAMES = {
    E.LOGIN: _l("Signed in"),
    E.LOGIN_FAILED: _l("Failed sign-in"),
    E.LOGIN_THROTTLED: _l("Sign-ins refused: too many attempts"),
    E.LOGIN_UNBLOCKED: _l("Sign-in block lifted"),
    E.LOGOUT: _l("Signed out"),
    E.USER_CREATED: _l("Account created"),
    E.PASSWORD_CHANGED: _l("Password changed"),
    E.DEACTIVATED: _l("Account switched off"),
    E.REACTIVATED: _l("Account switched on"),
    E.ROLE_CHANGED: _l("Role changed"),
    E.MEMBERSHIP_CHANGED: _l("Group membership changed"),
    E.REMOVED: _l("Section or group removed"),
    E.REMOVAL_UNDONE: _l("Section or group brought back"),
    E.REPORT_CREATED: _l("Report set up"),
    E.OUTLINE_CHANGED: _l("Groups or sections changed"),
    E.FREEZE: _l("Version frozen"),
    E.EXPORT: _l("File exported"),
    E.BACKUP: _l("Database backed up"),
}
# The single values a detail may be, by kind.
VALUES = {
    E.LOGIN: {"past the account's limit, on a browser it used":
              _l("past the account's limit of attempts, on a browser it signed in from before")},
    E.LOGIN_FAILED: {"inactive": _l("the account is switched off")},
    E.USER_CREATED: {"invitation": _l("by invitation"),
                     "coordinator, setup page": _l("the first coordinator, on the setup page")},
    E.PASSWORD_CHANGED: {"reset link": _l("with a password reset link")},
}
ROLE_NAMES = {"coordinator": _l("Coordinator"), "reviewer": _l("Reviewer"), "lead": _l("Group lead"),
              "member": _l("Group member")}
# coalition/structure.py's changes to the outline.
OUTLINE_CHANGES = {
    "group_added": _l("working group added"),
    "group_renamed": _l("working group renamed"),
    "group_changed": _l("working group's theme or lead organisation changed"),
    "group_moved": _l("working group moved in the report's order"),
    "section_added": _l("section added"),
    "section_renamed": _l("section renamed"),
    "budget_changed": _l("section's word budget changed"),
    "section_regrouped": _l("section moved to another group"),
    "section_moved": _l("section moved in its group's order"),
}
FORMAT_NAMES = {"pdf": "PDF", "docx": "Word"}
_FREEZE = re.compile(r"version (\d+), sha256 (\w+)(?:, docx sha256 (\w+))?")
_EXPORT = re.compile(r"(pdf|docx) (report|section (\d+))( approved only)?( final)?")


def kind_name(kind: str) -> str:
    return str(KIND_NAMES.get(kind, kind))


def detail_words(kind: str, detail: str) -> str:
    """The event's detail in words, or as it is when it is not one of the log's own terms."""
    if detail in VALUES.get(kind, {}):
        return str(VALUES[kind][detail])
    words = {E.USER_CREATED: _roles_and_groups, E.ROLE_CHANGED: _roles, E.MEMBERSHIP_CHANGED: _membership,
             E.OUTLINE_CHANGED: _outline, E.FREEZE: _freeze, E.EXPORT: _export}.get(kind)
    return (words(detail) if words else None) or detail


def _roles(detail: str) -> str | None:
    if detail == "-":
        return _("No coalition-wide role")
    names = detail.split(", ")
    return ", ".join(str(ROLE_NAMES[name]) for name in names) if set(names) <= set(ROLE_NAMES) else None


def _roles_and_groups(detail: str) -> str | None:
    """flask create-user's "role, group, group…"."""
    role, _comma, groups = detail.partition(", ")
    if role not in ROLE_NAMES:
        return None
    return f"{ROLE_NAMES[role]}, {groups}" if groups else str(ROLE_NAMES[role])


def _membership(detail: str) -> str | None:
    group, _colon, role = detail.rpartition(": ")
    if not group or role not in (*ROLE_NAMES, "-"):
        return None
    if role == "-":
        return _("%(group)s: no longer a member", group=group)
    return f"{group}: {ROLE_NAMES[role]}"


def _outline(detail: str) -> str | None:
    what, _colon, said = detail.partition(": ")
    return f"{OUTLINE_CHANGES[what]}: {said}" if what in OUTLINE_CHANGES else None


def _freeze(detail: str) -> str | None:
    found = _FREEZE.fullmatch(detail)
    if not found:
        return None
    number, pdf, docx = found.groups()
    if docx is None:  # frozen before versions kept a Word file
        return _("version %(number)s; the PDF's SHA-256: %(pdf)s", number=number, pdf=pdf)
    return _("version %(number)s; the PDF's SHA-256: %(pdf)s; the Word file's SHA-256: %(docx)s",
             number=number, pdf=pdf, docx=docx)


def _export(detail: str) -> str | None:
    found = _EXPORT.fullmatch(detail)
    if not found:
        return None
    fmt, _scope, section, approved_only, final = found.groups()
    parts = [FORMAT_NAMES[fmt], _("section no. %(id)s", id=section) if section else _("the whole report")]
    if approved_only:
        parts.append(_("approved sections only"))
    parts.append(_("final") if final else _("draft"))
    return ", ".join(parts)
