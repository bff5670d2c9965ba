"""Writing history without HTTP: numbering, concurrent writers, immutable rows, the schema upgrade."""
import threading
from contextlib import contextmanager

import pytest
from playhouse.migrate import SchemaMigrator, migrate

from coalition import revisions
from models import (
    MODELS,
    Draft,
    ImmutableRow,
    Membership,
    Organisation,
    Presence,
    Removal,
    Report,
    Revision,
    SchemaVersion,
    Section,
    User,
    WorkingGroup,
    db,
    open_database,
)
from ops import migrations
from tests.domain.old_schema import insert_old, without_removals

pytestmark = pytest.mark.both_databases  # concurrent writers: SQLite's IMMEDIATE transaction, PostgreSQL's row lock

THREADS, EDITS = 8, 5


def doc(writers, edit):
    return "\n\n".join(line(i, edit) for i in writers) + "\n"


def line(writer, edit):
    return f"Paragraph of writer {writer}, edit {edit}."


@pytest.fixture
def section(blank_section):
    return blank_section


def person(name):
    return User.create(login=name, display_name=name, password_hash="-")


def test_saves_are_numbered_in_order(section):
    author = person("a")
    saved = [revisions.save(section, author, f"Text {n}.", "", n) for n in range(3)]
    assert [(r.number, r.parent_id) for r in saved] == [(1, None), (2, saved[0].id), (3, saved[1].id)]
    with pytest.raises(revisions.NothingChanged):
        revisions.save(section, author, "Text 2.\r\n", "", 3)
    assert section.revisions.count() == 3


def test_concurrent_writers_lose_nothing(section):
    writers = [person(f"w{i}") for i in range(THREADS)]
    revisions.save(section, writers[0], doc(range(THREADS), 0), "", 0)
    errors, start = [], threading.Barrier(THREADS, timeout=30)

    def write(i):
        db.connect(reuse_if_open=True)  # peewee's connection is per thread
        try:
            start.wait()
            for edit in range(1, EDITS + 1):
                while True:
                    head = section.head_revision()
                    body = head.body.replace(line(i, edit - 1), line(i, edit))
                    try:
                        revisions.save(section, writers[i], body, "", head.number)
                        break
                    except revisions.Conflicted:
                        pass  # re-read the head and apply the edit again
        except Exception as error:
            errors.append(repr(error))
        finally:
            db.close()

    threads = [threading.Thread(target=write, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Revision.select().where(Revision.merge_base.is_null(False)).exists()  # the writers did overlap
    numbers = [r.number for r in section.revisions.order_by(Revision.number)]
    assert numbers == list(range(1, 2 + THREADS * EDITS))
    assert section.head_revision().body == doc(range(THREADS), EDITS)


def test_merging_and_counting_happen_outside_the_write_lock(section, monkeypatch):
    author, locked, seen = person("a"), [], []
    revisions.save(section, author, "x\n\n" * 5000, "", 0)
    revisions.save(section, person("b"), "Theirs.\n\n" + "x\n\n" * 5000, "", 1)
    real_lock = revisions.section_write_lock

    @contextmanager
    def watched_lock(section_id):
        with real_lock(section_id):
            locked.append(True)
            yield
            locked.pop()

    def watched(work):
        return lambda *args: seen.append((work.__name__, bool(locked))) or work(*args)

    monkeypatch.setattr(revisions, "section_write_lock", watched_lock)
    for name in ("merge", "count_markdown", "change_stats"):
        monkeypatch.setattr(revisions, name, watched(getattr(revisions, name)))
    mine = "mine\n\n" + "x\n\n" * 5000
    with pytest.raises(revisions.Conflicted) as conflict:
        revisions.save(section, author, mine, "", 1)  # an older base
    assert conflict.value.mine == revisions.normalise(mine)
    assert conflict.value.result.conflicts[0].mine == revisions.normalise(mine).rstrip()
    revisions.save(section, author, "Theirs.\n\nMine.\n", "", 2)
    assert seen == [("merge", False), ("count_markdown", False), ("change_stats", False)]


def test_a_save_overtaken_while_computing_is_merged_again_with_the_newer_text(section, monkeypatch):
    author, other = person("a"), person("b")
    revisions.save(section, author, "One.\n\nTwo.\n", "", 0)
    real_count, overtaken = revisions.count_markdown, []

    def count_then_overtake(body):
        if not overtaken:  # someone saves between this save's computing and its appending
            overtaken.append(other)
            overtaken[0] = revisions.save(section, other, "One, theirs.\n\nTwo.\n", "", 1)
        return real_count(body)

    monkeypatch.setattr(revisions, "count_markdown", count_then_overtake)
    saved = revisions.save(section, author, "One.\n\nTwo, mine.\n", "", 1)
    assert (saved.number, saved.parent_id, saved.merge_base) == (3, overtaken[0].id, 1)
    assert saved.body == "One, theirs.\n\nTwo, mine.\n"


@pytest.mark.parametrize("change", [
    lambda r: setattr(r, "body", "Changed.") or r.save(),
    lambda r: Revision.update(body="Changed.").where(Revision.id == r.id).execute(),
    lambda r: r.delete_instance(),
    lambda r: Revision.delete().where(Revision.id == r.id).execute(),
    lambda r: Revision.delete_by_id(r.id),
], ids=["save", "update", "delete_instance", "delete", "delete_by_id"])
def test_revisions_are_immutable(section, change):
    revision = revisions.save(section, person("a"), "Kept.", "", 0)
    with pytest.raises(ImmutableRow):
        change(revision)
    assert [r.body for r in Revision.select()] == ["Kept.\n"]


@pytest.fixture
def version_one(database_url):
    """A database as the foundation left it: no drafts, no presence, no revision.merge_base (on SQLite and
    on PostgreSQL, where a schema step meets a real ALTER TABLE)."""
    database = open_database(database_url)
    with database.bind_ctx(MODELS + [SchemaVersion]):
        database.create_tables([User, Removal, Organisation, WorkingGroup, Membership, Report, Section, Revision,
                                SchemaVersion])
        without_removals(database)
        migrate(SchemaMigrator.from_database(database).drop_column("revision", "merge_base"))
        SchemaVersion.create(version=1)
        section = Section.create(report=insert_old(Report, title="R", country="K", mechanism="UPR"),
                                 group=WorkingGroup.create(name="G"), title="S")
        Revision.insert(section=section, number=1, author=person("a"), body="Kept.\n").execute()
        yield database
    database.close()


@pytest.mark.empty_database
def test_upgrade_from_version_one(version_one):
    assert "merge_base" not in {c.name for c in version_one.get_columns("revision")}
    assert migrations.upgrade(version_one) == list(range(2, len(migrations.STEPS) + 1))
    assert {Draft._meta.table_name, Presence._meta.table_name} <= set(version_one.get_tables())
    assert "merge_base" in {c.name for c in version_one.get_columns("revision")}
    assert [(r.body, r.merge_base) for r in Revision.select()] == [("Kept.\n", None)]
    assert migrations.upgrade(version_one) == []
    versions = [v.version for v in SchemaVersion.select().order_by(SchemaVersion.version)]
    assert versions == list(range(1, len(migrations.STEPS) + 1))
