"""Every kind of audit event and every value its details are recorded with reads in words on the audit log, never
as the log's own key ("invitation", "reset link", "pdf report final"); a title or a file name shows as it is."""
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from coalition import audit, audit_words, exports
from models import AuditEvent, User
from tests.web.test_audit_log import audit_page, log_rows

KINDS = sorted(value for name, value in vars(AuditEvent).items() if name.isupper() and isinstance(value, str))
# The outline changes coalition/structure.py records (its `what`), read from its source so a new one needs words.
OUTLINE = sorted(set(re.findall(r'"((?:group|section|budget)_[a-z]+)"',
                                (Path(audit_words.__file__).with_name("structure.py")).read_text())))
SECTION = SimpleNamespace(id=7)
DETAILS = [
    (AuditEvent.LOGIN, "past the account's limit, on a browser it used"),
    (AuditEvent.LOGIN_FAILED, "inactive"),
    (AuditEvent.USER_CREATED, "invitation"),
    (AuditEvent.USER_CREATED, "coordinator, setup page"),
    (AuditEvent.USER_CREATED, "reviewer"),
    (AuditEvent.USER_CREATED, "lead, Civil rights, Women's rights"),
    (AuditEvent.PASSWORD_CHANGED, "reset link"),
    (AuditEvent.ROLE_CHANGED, "coordinator, reviewer"),
    (AuditEvent.ROLE_CHANGED, "-"),
    (AuditEvent.MEMBERSHIP_CHANGED, "Civil rights: member"),
    (AuditEvent.MEMBERSHIP_CHANGED, "Civil rights: -"),
    (AuditEvent.FREEZE, "version 2, sha256 ab12, docx sha256 cd34"),
    (AuditEvent.FREEZE, "version 1, sha256 ab12"),
    *[(AuditEvent.OUTLINE_CHANGED, f"{what}: Health") for what in OUTLINE],
    *[(AuditEvent.EXPORT, exports._export_detail(fmt, section, draft, approved_only))
      for fmt in exports.FORMATS for section in (None, SECTION) for draft in (True, False)
      for approved_only in (True, False)],
]
RAW = re.compile(r"\b[a-z]+_[a-z]+\b|sha256|\b(pdf|docx|section \d+)\b|(^|: )-$")


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_has_a_name(app, kind):
    with app.test_request_context():
        assert kind in audit_words.KIND_NAMES and audit_words.kind_name(kind) != kind


def test_the_outline_changes_are_found():
    assert {"group_added", "section_moved", "budget_changed"} <= set(OUTLINE)


@pytest.mark.parametrize("kind, detail", DETAILS)
def test_every_recorded_value_has_words(app, kind, detail):
    with app.test_request_context():
        words = audit_words.detail_words(kind, detail)
    assert words != detail and not RAW.search(words), words


def test_names_and_files_show_as_they_are(app):
    with app.test_request_context():
        assert audit_words.detail_words(AuditEvent.REMOVED, "Право на здоровье") == "Право на здоровье"
        assert audit_words.detail_words(AuditEvent.BACKUP, "upr-2026-12-03.sqlite3") == "upr-2026-12-03.sqlite3"
        assert audit_words.detail_words(AuditEvent.OUTLINE_CHANGED, "section_added: Health") == "section added: Health"


def test_the_log_shows_the_words(world, person):
    coordinator = User.get(login="coordinator")
    for kind, detail in DETAILS[:8]:
        audit.record(kind, actor=coordinator, detail=detail)
    cells = [cells for _, cells in log_rows(audit_page(person("coordinator")))]
    shown = {cells[4] for cells in cells}
    assert {detail for _, detail in DETAILS[:8]}.isdisjoint(shown)
    assert "by invitation" in shown and "the account is switched off" in shown
