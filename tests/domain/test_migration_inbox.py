"""Migration step "inbox": a database as the step before left it (on SQLite and PostgreSQL) gains the tables of
notifications, followed sections and choices of what goes by e-mail, which take rows about an entry, a section and
a person that existed before; it keeps the sections' texts."""
import pytest

from models import Activity, Follow, MailChoice, Notification, Revision
from ops import migrations
from tests.domain.old_schema import database_at, written_section

pytestmark = pytest.mark.both_databases  # a schema step: each database's DDL

STEP = migrations.STEPS.index(migrations.inbox) + 1


@pytest.mark.empty_database
def test_upgrade_adds_the_inbox_tables(database_url):
    database = database_at(database_url, STEP - 1)
    assert not database.table_exists("notification") and not database.table_exists("follow")
    section, person = written_section()
    assert migrations.upgrade(database) == list(range(STEP, len(migrations.STEPS) + 1))
    for model in (Notification, Follow, MailChoice):
        columns = {c.name for c in database.get_columns(model._meta.table_name)}
        assert columns == {f.column_name for f in model._meta.sorted_fields}
    report = Revision.get().section.report_id
    entry = Activity.create(report=report, kind=Activity.EDIT, user=person, section=section, revision_number=1)
    Notification.create(recipient=person, activity=entry, reason=Notification.FOLLOWED)
    Follow.create(user=person, section=section)
    MailChoice.create(user=person, choice=MailChoice.NO_MAIL)
    assert Notification.unread_count(person) == 1
    assert [r.body for r in Revision.select()] == ["Kept.\n"]
    assert migrations.upgrade(database) == []
    migrations.inbox(database, None)  # run again on its own: nothing to do, nothing lost
    assert (Notification.select().count(), Follow.select().count(), MailChoice.of(person)) == (1, 1, "none")
    database.close()
