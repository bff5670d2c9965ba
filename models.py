"""The coalition's data: people, groups, the report, its sections and their revisions."""
import secrets
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime, timedelta
from functools import cached_property

from flask_login import UserMixin
from peewee import (
    JOIN,
    BlobField,
    BooleanField,
    CharField,
    DatabaseProxy,
    DateField,
    DateTimeField,
    DoubleField,
    ForeignKeyField,
    IntegerField,
    Model,
    Node,
    SqliteDatabase,
    TextField,
    fn,
)
from playhouse.db_url import connect

db = DatabaseProxy()


# A time the clock reads instead of now: the demo replays its history through the use cases on past days.
_replayed_now: ContextVar[datetime | None] = ContextVar("replayed_now", default=None)


def utcnow() -> datetime:
    return _replayed_now.get() or datetime.now(UTC).replace(tzinfo=None)


@contextmanager
def clock_at(moment: datetime):
    """Within the block, utcnow() (and every default time a row gets) reads `moment`."""
    token = _replayed_now.set(moment)
    try:
        yield
    finally:
        _replayed_now.reset(token)


# Connections are pooled in each worker: a request borrows one and gives it back at its end, so SQLite's PRAGMAs are
# set once per connection and PostgreSQL is spared a new login per request. The pool checks a connection before
# lending it again (on PostgreSQL by a round trip), so one the server dropped is replaced, and renews each hourly.
POOL = {"max_connections": 32, "stale_timeout": 3600}


def open_database(url: str):
    """A pooled peewee database for a DATABASE_URL; SQLite gets WAL and enforced foreign keys."""
    scheme, rest = url.split("://", 1)
    pooled = f"{scheme}+pool://{rest}"
    if scheme == "sqlite":
        pragmas = {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 10000, "synchronous": "normal"}
        # A connection serves one thread at a time, but not always the thread that opened it.
        return connect(pooled, pragmas=pragmas, check_same_thread=False, **POOL)
    return connect(pooled, **POOL)


class _Hole:
    """Where a Slot's value goes among a prepared query's parameters."""

    def __init__(self, index: int):
        self.index = index


class Slot(Node):
    """A value of a prepared query, given anew at each run (Prepared): in the SQL, a parameter like any other."""

    def __init__(self, index: int):
        super().__init__()
        self.hole = _Hole(index)

    def __sql__(self, ctx):
        return ctx.value(self.hole, converter=False)


class Prepared:
    """A query whose SQL peewee writes once per process (and kind of database), then run with new values: for the
    queries of every page, where writing the SQL cost peewee more than running it cost the database (issue 23).

    `build` takes a Slot for each value and returns the query. The values given at each run are passed as they are,
    so they must be what the database stores (an id, not a row; no list for IN, whose SQL depends on its length)."""

    def __init__(self, build):
        self.build = build
        self.compiled = {}  # the database's class -> (query, sql, parameters with _Hole in the slots' places)

    def rows(self, *values) -> list:
        """The query's rows (models, with what it joins), as running the query itself would give them."""
        database = db.obj
        if type(database) not in self.compiled:
            query = self.build(*(Slot(index) for index in range(len(values))))
            self.compiled[type(database)] = (query, *database.get_sql_context().sql(query).query())
        query, sql, parameters = self.compiled[type(database)]
        cursor = database.execute_sql(sql, [values[p.index] if isinstance(p, _Hole) else p for p in parameters])
        # peewee's own reading of the rows (joined models set on their attributes); the query is only read.
        return list(query._get_cursor_wrapper(cursor))

    def first(self, *values):
        """The first row, or None (`build` limits the query to one row)."""
        found = self.rows(*values)
        return found[0] if found else None


class BaseModel(Model):
    class Meta:
        database = db

    @classmethod
    def fields_except(cls, *names: str) -> list:
        """Every column but these (texts or files that lists and status pages need not load)."""
        return [f for field_name, f in cls._meta.fields.items() if field_name not in names]


class User(UserMixin, BaseModel):
    login = CharField(unique=True, max_length=64)
    display_name = CharField(max_length=120)
    password_hash = CharField(max_length=255)
    language = CharField(max_length=8, default="")
    active = BooleanField(default=True)
    is_coordinator = BooleanField(default=False)
    is_reviewer = BooleanField(default=False)
    created_at = DateTimeField(default=utcnow)
    email = CharField(max_length=254, default="")  # only for notices, and only when SMTP is set up
    # No longer read: sessions are LoginSession rows now. Kept because migration step 5 adds it.
    session_epoch = IntegerField(default=0)

    @property
    def is_active(self) -> bool:
        return self.active

    @cached_property
    def roles_by_group(self) -> dict[int, str]:
        """Group id -> 'lead' or 'member', loaded once per request (the user object is per request)."""
        return {m.group_id: m.role for m in _MEMBERSHIPS.rows(self.id)}

    def role_in(self, group_id: int) -> str | None:
        return self.roles_by_group.get(group_id)


class Removal(BaseModel):
    """The coordinator's removal of a section, or of a working group with its sections. Nothing is deleted:
    the rows point here, leave every page and file, and come back when the removal is undone."""

    SECTION, GROUP = "section", "group"

    kind = CharField(max_length=10)
    title = CharField(max_length=300)  # the section's or group's name when it was removed
    removed_by = ForeignKeyField(User, on_delete="RESTRICT", backref="+")
    removed_at = DateTimeField(default=utcnow)
    undone_by = ForeignKeyField(User, null=True, on_delete="RESTRICT", backref="+")
    undone_at = DateTimeField(null=True)


class Organisation(BaseModel):
    """A member NGO of the coalition. One that leaves is marked, never deleted: the PDF's list of submitting
    organisations drops it, and it can be brought back."""

    name = CharField(max_length=300)
    city = CharField(max_length=120, default="")
    description = TextField(default="")
    contact = TextField(default="")  # how the coalition reaches it (for the coordinator, never printed)
    coordinates = BooleanField(default=False)  # the coalition's coordinating organisation
    left_at = DateTimeField(null=True)

    @classmethod
    def coordinating(cls):
        return _COORDINATING.first()  # every file's cover names it

    @classmethod
    def members(cls):
        """The organisations in the coalition now, by name: the PDF's submitting organisations."""
        return cls.select().where(cls.left_at.is_null()).order_by(cls.name)


class WorkingGroup(BaseModel):
    name = CharField(max_length=200)
    theme = TextField(default="")
    lead_organisation = ForeignKeyField(Organisation, null=True, backref="led_groups", on_delete="SET NULL")
    position = IntegerField(default=0, index=True)
    removal = ForeignKeyField(Removal, null=True, on_delete="RESTRICT", backref="groups")

    @classmethod
    def ordered(cls):
        """The groups not removed, in report order, with their lead organisations."""
        return (cls.select(cls, Organisation).join(Organisation, JOIN.LEFT_OUTER)
                .where(cls.removal.is_null()).order_by(cls.position, cls.id))

    @classmethod
    def in_order(cls) -> list:
        """ordered(), run as prepared (the overview and every file read it)."""
        return _GROUPS.rows()


class Participation(BaseModel):
    """An organisation's part in a working group."""

    organisation = ForeignKeyField(Organisation, backref="participations", on_delete="CASCADE")
    group = ForeignKeyField(WorkingGroup, backref="participations", on_delete="CASCADE")

    class Meta:
        indexes = ((("organisation", "group"), True),)


class AccessLink(BaseModel):
    """A one-time link the coordinator hands to a person by any channel: an invitation to make an account, or
    a password reset for one. Only a hash of the token is kept, so the database does not hold working links;
    a link works once, until it expires or is withdrawn."""

    INVITE, RESET = "invite", "reset"

    kind = CharField(max_length=10)
    token_hash = CharField(max_length=64, unique=True)
    user = ForeignKeyField(User, null=True, on_delete="RESTRICT", backref="+")  # the account reset, or made
    display_name = CharField(max_length=120, default="")  # an invitation: who it is for
    grants = TextField(default="{}")  # an invitation: the roles and groups the account gets (JSON)
    created_by = ForeignKeyField(User, on_delete="RESTRICT", backref="+")
    created_at = DateTimeField(default=utcnow)
    expires_at = DateTimeField(index=True)
    used_at = DateTimeField(null=True)
    withdrawn_at = DateTimeField(null=True)


class Membership(BaseModel):
    LEAD, MEMBER = "lead", "member"

    user = ForeignKeyField(User, backref="memberships", on_delete="CASCADE")
    group = ForeignKeyField(WorkingGroup, backref="memberships", on_delete="CASCADE")
    role = CharField(max_length=10, default=MEMBER)

    class Meta:
        indexes = ((("user", "group"), True),)


class Report(BaseModel):
    title = CharField(max_length=400)  # a coalition's real title has 339 characters
    short_title = CharField(max_length=120, default="")
    country = CharField(max_length=120)
    mechanism = CharField(max_length=200)
    cycle = CharField(max_length=60, default="")
    session = CharField(max_length=120, default="")
    deadline = DateField(null=True)
    language = CharField(max_length=8, default="ru")
    word_limit = IntegerField(default=5630)  # OHCHR's limit for a joint submission
    created_at = DateTimeField(default=utcnow)
    # What the exported document says about the coalition (edited by the coordinator).
    coalition_description = TextField(default="")
    contact = TextField(default="")  # who OHCHR writes to about this submission
    notes_style = CharField(max_length=10, default="footnotes")  # or "endnotes"
    origin = ForeignKeyField("self", null=True, on_delete="RESTRICT", backref="+")  # the report it was started from
    keywords = CharField(max_length=300, default="")  # printed on the cover, as OHCHR asks
    count_rule = CharField(max_length=20, default="strict")  # which parts count toward the word limit
    layout = CharField(max_length=10, default="standard")  # or "compact": the exported files' density
    tracked_cycle = CharField(max_length=60, default="")  # the cycle of the recommendations it tracks; "": the previous
    accent = CharField(max_length=7, default="#0b5394")  # the coalition's colour in the app ("#rrggbb", text.colours)

    @classmethod
    def newest_first(cls):
        """Every report, the one the coalition writes now (the newest) first."""
        return cls.select().order_by(cls.created_at.desc(), cls.id.desc())

    @classmethod
    def newest_id(cls):
        """The newest report's id as a column, so a page's one query for its report also says which is newest."""
        return cls.newest_first().select(cls.id).limit(1).alias("newest_id")


class Section(BaseModel):
    DRAFT, IN_REVIEW, CHANGES_REQUESTED, APPROVED = "draft", "in_review", "changes_requested", "approved"

    report = ForeignKeyField(Report, backref="sections", on_delete="CASCADE")
    group = ForeignKeyField(WorkingGroup, backref="sections", on_delete="RESTRICT")
    title = CharField(max_length=300)
    position = IntegerField(default=0)
    word_budget = IntegerField(default=0)
    created_at = DateTimeField(default=utcnow)
    # Review: where the section stands, and the revision the coalition last approved (kept when edited).
    status = CharField(max_length=20, default=DRAFT)
    approved_number = IntegerField(null=True)
    removal = ForeignKeyField(Removal, null=True, on_delete="RESTRICT", backref="sections")
    # The same section in the report this one was started from, to compare with.
    origin = ForeignKeyField("self", null=True, on_delete="RESTRICT", backref="+")

    class Meta:
        indexes = ((("report", "group", "position"), False),)

    @classmethod
    def live(cls, report_id: int):
        """The report's sections that are not removed, in report order."""
        return (cls.select().where(cls.report == report_id, cls.removal.is_null())
                .order_by(cls.position, cls.id))

    @classmethod
    def live_list(cls, report_id: int) -> list:
        """live(), run as prepared (the overview and every file read it)."""
        return _LIVE_SECTIONS.rows(report_id)

    def open_suggestions(self) -> int:
        """How many suggested edits to it wait for its group's decision."""
        return _OPEN_SUGGESTIONS.first(self.id).open

    def head_revision(self):
        """The newest revision with its author's name, or None for a section nobody has written yet."""
        return _HEAD_REVISION.first(self.id)

    def revision(self, number: int):
        return Revision.with_author(self.id).where(Revision.number == number).first()


@contextmanager
def section_write_lock(section_id: int):
    """A transaction no other writer of this section can interleave with (saves, merges, review steps)."""
    if isinstance(db.obj, SqliteDatabase):
        with db.obj.atomic("IMMEDIATE"):  # SQLite has one writer: take it before reading
            yield
    else:
        with db.atomic():
            Section.select(Section.id).where(Section.id == section_id).for_update().get()
            yield


class ImmutableRow(Exception):
    """History is never rewritten: once written, such a row is never changed or deleted."""


class History:
    """A mixin for rows that are history (revisions, the activity feed, the audit log, submitted versions):
    they are inserted, and from then on read only."""

    def save(self, *args, **kwargs):
        if self.id is not None:
            raise ImmutableRow(f"{type(self).__name__} {self.id} is immutable")
        return super().save(*args, **kwargs)

    def delete_instance(self, *args, **kwargs):
        raise ImmutableRow(f"{type(self).__name__} {self.id} is immutable")

    @classmethod
    def update(cls, *args, **kwargs):
        raise ImmutableRow(f"{cls.__name__} rows are immutable")

    @classmethod
    def delete(cls, *args, **kwargs):
        raise ImmutableRow(f"{cls.__name__} rows are never deleted")

    @classmethod
    def replace(cls, *args, **kwargs):
        raise ImmutableRow(f"{cls.__name__} rows are never replaced")

    replace_many = replace


class Revision(History, BaseModel):
    section = ForeignKeyField(Section, backref="revisions", on_delete="RESTRICT")
    number = IntegerField()
    author = ForeignKeyField(User, backref="revisions", on_delete="RESTRICT")
    body = TextField()
    note = CharField(max_length=300, default="")
    created_at = DateTimeField(default=utcnow)
    parent = ForeignKeyField("self", null=True, backref="children", on_delete="RESTRICT")
    restored_number = IntegerField(null=True)  # set when this revision brings back an older one
    merge_base = IntegerField(null=True)  # set when the author's edit of that revision was merged in
    # Counted once at save time so that lists never load bodies.
    words = IntegerField(default=0)
    footnote_words = IntegerField(default=0)
    words_added = IntegerField(default=0)
    words_removed = IntegerField(default=0)
    # The paragraphs that take a number in print (text.markup.numbered_paragraphs), so that a section page numbers
    # its paragraphs as the PDF does without loading every section's text; None: not counted (read the body).
    paragraphs = IntegerField(null=True)

    class Meta:
        indexes = ((("section", "number"), True),)

    @classmethod
    def listing(cls):
        """Revision rows without their bodies, newest first, with their authors."""
        return (cls.select(*cls.fields_except("body"), User.id, User.display_name)  # User.id keeps author_id set
                .join(User, on=(cls.author == User.id))
                .order_by(cls.number.desc()))

    @classmethod
    def with_author(cls, section_id):
        """The query of the section's revisions, whole, each with its author: every page that shows a revision names
        its author (in the same query, whole so that no field reads as None)."""
        return cls.select(cls, User).join(User, on=(cls.author == User.id)).where(cls.section == section_id)

    @classmethod
    def heads(cls, section_ids):
        """Section id -> its newest revision (without body, with author), in one query: one index lookup per
        section for its newest number (a GROUP BY would read every revision of the report)."""
        return {r.section_id: r for r in cls.newest_of(cls.listing(), Section.id.in_(section_ids))}

    @classmethod
    def newest_number(cls, section_id: int) -> int:
        """The section's newest revision's number, 0 for none (revisions are numbered 1..n)."""
        return _NEWEST_NUMBER.first(section_id).newest or 0

    @classmethod
    def between(cls, section_id: int, above: int, up_to: int) -> list:
        """The section's revisions numbered above `above` up to `up_to`, as listing() gives them."""
        return _REVISIONS_BETWEEN.rows(section_id, above, up_to)

    @classmethod
    def report_heads(cls, report_id: int):
        """Section id -> its newest revision (as heads() gives it) for each of the report's live sections."""
        return {r.section_id: r for r in _REPORT_HEADS.rows(report_id)}

    @classmethod
    def report_bodies(cls, report_id: int) -> dict[int, str]:
        """Section id -> the text of its newest revision, for each of the report's live sections."""
        return {r.section_id: r.body for r in _REPORT_BODIES.rows(report_id)}

    @classmethod
    def newest_of(cls, query, sections):
        """The query of revisions, narrowed to the newest of each section that `sections` (a condition) selects."""
        other = cls.alias()
        newest = (Section.select(Section.id.alias("section_id"),
                                 other.select(fn.MAX(other.number)).where(other.section == Section.id).alias("number"))
                  .where(sections).alias("newest"))
        return query.join(newest, on=((cls.section == newest.c.section_id) & (cls.number == newest.c.number)))


class StatusChange(BaseModel):
    """One step of a section's review: who moved it, from what to what, at which revision, and why."""

    section = ForeignKeyField(Section, backref="status_changes", on_delete="CASCADE")
    old_status = CharField(max_length=20)
    new_status = CharField(max_length=20)
    revision_number = IntegerField(null=True)
    user = ForeignKeyField(User, on_delete="RESTRICT")
    note = CharField(max_length=1000, default="")
    created_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("section", "created_at"), False),)

    @classmethod
    def of(cls, section):
        """The section's review steps, newest first, with who took them (one query)."""
        return _REVIEW_STEPS.rows(section.id)

    @classmethod
    def newest_first(cls, section_id):
        """The query of the section's review steps, newest first, with who took them."""
        return (cls.select(cls, User.id, User.display_name).join(User)
                .where(cls.section == section_id).order_by(cls.created_at.desc(), cls.id.desc()))

    @classmethod
    def change_request(cls, section):
        """The reviewer's latest request for changes while the section waits on it (until submitted again)."""
        if section.status != Section.CHANGES_REQUESTED:
            return None
        return _CHANGE_REQUEST.first(section.id)


class Thread(BaseModel):
    """A discussion of a section, optionally about one paragraph of one revision (kept as it was)."""

    section = ForeignKeyField(Section, backref="threads", on_delete="CASCADE")
    revision_number = IntegerField(null=True)
    paragraph = TextField(default="")  # the paragraph's text when the thread began; "" for the whole section
    # Which numbered paragraph of that revision (0 for the first): the text alone cannot tell two identical ones
    # apart. None for the whole section, and for the threads begun before schema step 17.
    paragraph_index = IntegerField(null=True)
    resolved = BooleanField(default=False)
    created_by = ForeignKeyField(User, on_delete="RESTRICT")
    created_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("section", "resolved"), False),)

    @classmethod
    def open_counts(cls, report_id: int) -> dict[int, int]:
        """Section id -> its number of open threads, for the report's live sections that have any."""
        return {row.section_id: row.n for row in _OPEN_THREADS.rows(report_id)}


class Comment(BaseModel):
    thread = ForeignKeyField(Thread, backref="comments", on_delete="CASCADE")
    author = ForeignKeyField(User, on_delete="RESTRICT")
    body = TextField()  # Markdown, sanitised when shown
    created_at = DateTimeField(default=utcnow)


class Draft(BaseModel):
    """A person's unsaved text of a section: private to them, one per section, never a revision.

    `editor` names the editing page the text came from. Saving closes the draft for that page, so an
    autosave from it that arrives after the save (they race: leaving the field to press Save sends
    one) cannot bring the draft back; another page of the same person still can.
    """

    user = ForeignKeyField(User, backref="drafts", on_delete="CASCADE")
    section = ForeignKeyField(Section, backref="drafts", on_delete="CASCADE")
    body = TextField()
    note = CharField(max_length=300, default="")
    base_number = IntegerField(default=0)
    editor = CharField(max_length=40, default="")
    closed = BooleanField(default=False)
    updated_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("user", "section"), True),)

    @classmethod
    def of(cls, user, section):
        """The person's open draft of the section, or None."""
        return _OPEN_DRAFT.first(user.id, section.id)

    @classmethod
    def keep(cls, user, section, body: str, note: str, base_number: int, editor: str) -> None:
        """Insert or replace the draft in one statement, unless this editor's draft was closed by a save."""
        values = {"body": body, "note": note, "base_number": base_number, "editor": editor, "closed": False,
                  "updated_at": utcnow()}
        (cls.insert(user=user.id, section=section.id, **values)
         .on_conflict(conflict_target=[cls.user, cls.section], update=values,
                      where=~(cls.closed & (cls.editor == editor)))
         .execute())

    @classmethod
    def close(cls, user, section, editor: str) -> None:
        """The editor's text was saved (or thrown away): no draft, and none from its late autosaves."""
        values = {"body": "", "note": "", "editor": editor, "closed": True, "updated_at": utcnow()}
        (cls.insert(user=user.id, section=section.id, **values)
         .on_conflict(conflict_target=[cls.user, cls.section], update=values).execute())


class Presence(BaseModel):
    """Who was on which page of a report a moment ago; rows older than FRESH are ignored."""

    FRESH = timedelta(seconds=30)

    user = ForeignKeyField(User, on_delete="CASCADE")
    report = ForeignKeyField(Report, on_delete="CASCADE")
    section = ForeignKeyField(Section, null=True, on_delete="CASCADE")
    place = CharField(max_length=40)  # "report" or "section:<id>": one row per person and page
    editing = BooleanField(default=False)
    seen_at = DateTimeField(default=utcnow, index=True)

    class Meta:
        indexes = ((("user", "place"), True), (("report", "seen_at"), False))

    @classmethod
    def here(cls, report_id, user_id, since):
        """The query of others' fresh presence in the report (others() runs it, prepared)."""
        # The joined ids are selected too: without them peewee would null the foreign keys.
        return (cls.select(cls, User.id, User.display_name, Section.id, Section.title).join(User).switch(cls)
                .join(Section, JOIN.LEFT_OUTER)
                .where(cls.report == report_id, cls.user != user_id, cls.seen_at > since,
                       User.active == True, cls.section.is_null() | Section.removal.is_null()))

    @classmethod
    def others(cls, user, report_id: int, section_id: int | None = None):
        """Other people here now (on the section, or anywhere in the report), with names and places."""
        since = utcnow() - cls.FRESH
        rows = (_PRESENT_ON_SECTION.rows(report_id, user.id, since, section_id) if section_id
                else _PRESENT.rows(report_id, user.id, since))
        # One line per person: the most telling of their open pages (editing, then a section).
        rank = {}
        for row in rows:
            if row.user_id not in rank or (row.editing, bool(row.section_id)) > (
                    rank[row.user_id].editing, bool(rank[row.user_id].section_id)):
                rank[row.user_id] = row
        return sorted(rank.values(), key=lambda row: row.user.display_name)


class Export(BaseModel):
    """A PDF or DOCX built from a set of revisions, kept by a hash of its inputs so a repeat is instant."""

    BUILDING, READY, FAILED = "building", "ready", "failed"
    # Why a build failed, for the status page: it ran out of time, out of memory, or something else broke.
    TOO_LONG, TOO_LARGE, BROKEN = "time", "memory", "error"

    report = ForeignKeyField(Report, backref="exports", on_delete="CASCADE")
    key = CharField(max_length=64, unique=True)  # sha256 of everything the file is made from
    format = CharField(max_length=4)
    filename = CharField(max_length=200)
    status = CharField(max_length=10, default=BUILDING)
    failure = CharField(max_length=10, null=True)
    data = BlobField(null=True)
    requested_by = ForeignKeyField(User, on_delete="CASCADE")  # who started the build (one at a time each)
    created_at = DateTimeField(default=utcnow, index=True)
    finished_at = DateTimeField(null=True)


def _link_token() -> str:
    return secrets.token_urlsafe(32)


class ExportRequest(BaseModel):
    """One person's asking for a file, and their link to it: an unguessable token, which only they and the
    coordinator can open. Several people asking for the same inputs share one kept file, each by a link of
    their own."""

    export = ForeignKeyField(Export, backref="requests", on_delete="CASCADE")
    user = ForeignKeyField(User, on_delete="CASCADE")
    token = CharField(max_length=64, unique=True, default=_link_token)
    created_at = DateTimeField(default=utcnow)

    def readable_by(self, user) -> bool:
        return user.id == self.user_id or user.is_coordinator


class Recommendation(BaseModel):
    """A UN recommendation from the last cycle, as the UN wrote it, assigned to the group that assesses it.

    `status` is the newest assessment's, kept here so that lists and statistics need no history query.
    Themes, affected groups and recommending states are lists, stored one per line.
    """

    SUPPORTED, NOTED = "supported", "noted"
    PARTIALLY = "partially"  # the State supports part of it

    report = ForeignKeyField(Report, backref="recommendations", on_delete="CASCADE")
    number = CharField(max_length=20)  # as in the UN document, e.g. "118.12"
    document = CharField(max_length=60, default="")  # the document symbol, e.g. "A/HRC/43/10"
    cycle = CharField(max_length=60, default="")
    text = TextField()
    states = TextField(default="")
    response = CharField(max_length=10, default="")  # SUPPORTED, PARTIALLY, NOTED, or "" when unknown
    themes = TextField(default="")
    affected_groups = TextField(default="")
    sdgs = CharField(max_length=100, default="")
    group = ForeignKeyField(WorkingGroup, null=True, backref="recommendations", on_delete="SET NULL")
    status = CharField(max_length=20, default="not_assessed", index=True)
    # An earlier cycle's recommendation this one repeats, as a person confirmed it.
    repeats = ForeignKeyField("self", null=True, on_delete="SET NULL", backref="repeated_by")
    created_at = DateTimeField(default=utcnow)
    # Derived on save: the UN's order (118.9 before 118.10), and the words searched, case-folded
    # (SQLite's LIKE folds only ASCII, and the texts are Russian, Kazakh and English).
    sort_key = CharField(max_length=40, default="", index=True)
    search_text = TextField(default="")

    class Meta:
        indexes = ((("report", "document", "number"), True),)

    def save(self, *args, **kwargs):
        self.sort_key = ".".join(part.zfill(6) for part in self.number.split("."))
        self.search_text = "\n".join([self.number, self.text, self.states]).casefold()
        return super().save(*args, **kwargs)

    @staticmethod
    def lines(value: str) -> list[str]:
        return [line for line in value.splitlines() if line.strip()]


class Activity(History, BaseModel):
    """One thing that happened in a report, for the coalition's feed: who did what, to which section.

    It names what happened, never the text: the feed links to the revision or thread instead.
    """

    EDIT, MERGE, RESTORE, STATUS, COMMENT, RESOLVE, REOPEN, EXPORT, FREEZE, ASSESS, IMPORT = (
        "edit", "merge", "restore", "status", "comment", "resolve", "reopen", "export", "freeze", "assess", "import")
    REMOVE, BRING_BACK = "remove", "bring_back"  # a section left the report, or came back
    LINK, UNLINK = "link", "unlink"  # a recommendation said to repeat an earlier cycle's one, or no longer
    OUTLINE = "outline"  # the report set up, or a group or section added, renamed or moved (detail: which)
    IMAGE = "image"  # an image uploaded for a section's text (detail: its id)
    # A suggested edit proposed, accepted (whole or in part), declined or withdrawn (detail: its id).
    SUGGEST, ACCEPT, ACCEPT_PART, DECLINE, WITHDRAW = "suggest", "accept", "accept_part", "decline", "withdraw"

    report = ForeignKeyField(Report, on_delete="CASCADE")
    kind = CharField(max_length=12)
    user = ForeignKeyField(User, on_delete="RESTRICT")
    section = ForeignKeyField(Section, null=True, on_delete="CASCADE")
    revision_number = IntegerField(null=True)
    thread = ForeignKeyField(Thread, null=True, on_delete="SET NULL")
    recommendation = ForeignKeyField(Recommendation, null=True, on_delete="CASCADE")
    group = ForeignKeyField(WorkingGroup, null=True, on_delete="CASCADE")  # a change of the report's outline
    detail = CharField(max_length=40, default="")  # the new status, the file's format, the version's number
    created_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("report", "kind"), False), (("report", "user"), False))


class FeedMark(BaseModel):
    """The newest entry of a report's feed that a person has seen: what came after is new to them."""

    user = ForeignKeyField(User, on_delete="CASCADE")
    report = ForeignKeyField(Report, on_delete="CASCADE")
    seen_id = IntegerField(default=0)

    class Meta:
        indexes = ((("user", "report"), True),)

    @classmethod
    def of(cls, user, report_id: int) -> int:
        return cls.select(cls.seen_id).where(cls.user == user.id, cls.report == report_id).scalar() or 0

    @classmethod
    def subquery(cls, user_id, report_id):
        """of(), as an expression for a query of its own (0 when the person never opened the feed)."""
        return fn.COALESCE(cls.select(cls.seen_id).where(cls.user == user_id, cls.report == report_id), 0)


class AuditEvent(History, BaseModel):
    """A security-relevant event (sign-ins, roles, freezes, exports), for the coordinator.

    `source` is a keyed hash of the client's address, enough to see that attempts share an origin;
    the address itself is never stored, so a seized server does not tell where activists connect from.
    """

    LOGIN, LOGIN_FAILED, LOGOUT, USER_CREATED, ROLE_CHANGED, MEMBERSHIP_CHANGED, FREEZE, EXPORT = (
        "login", "login_failed", "logout", "user_created", "role_changed", "membership_changed", "freeze",
        "export")
    PASSWORD_CHANGED, BACKUP = "password_changed", "backup"
    DEACTIVATED, REACTIVATED, REMOVED, REMOVAL_UNDONE = (
        "deactivated", "reactivated", "removed", "removal_undone")
    LOGIN_THROTTLED = "login_throttled"  # sign-ins refused by the rate limits (the first of each burst)
    LOGIN_UNBLOCKED = "login_unblocked"  # the coordinator lifted an account's limit on failed sign-ins
    REPORT_CREATED, OUTLINE_CHANGED = "report_created", "outline_changed"

    kind = CharField(max_length=20, index=True)
    actor = ForeignKeyField(User, null=True, on_delete="RESTRICT")  # None: an unknown login, or the command line
    subject = ForeignKeyField(User, null=True, on_delete="RESTRICT", backref="audit_about")
    detail = CharField(max_length=300, default="")
    source = CharField(max_length=16, default="")
    created_at = DateTimeField(default=utcnow)


class Submission(History, BaseModel):
    """The report as the coalition sent it: a frozen set of approved revisions, its PDF and its Word file, each
    with its hash. Versions frozen before step 12 kept only the PDF (docx is None)."""

    report = ForeignKeyField(Report, backref="submissions", on_delete="RESTRICT")
    number = IntegerField()
    created_by = ForeignKeyField(User, on_delete="RESTRICT")
    created_at = DateTimeField(default=utcnow)
    note = CharField(max_length=300, default="")
    words = IntegerField(default=0)
    filename = CharField(max_length=200)
    pdf = BlobField()
    sha256 = CharField(max_length=64)  # the PDF's
    docx = BlobField(null=True)
    docx_sha256 = CharField(max_length=64, default="")

    class Meta:
        indexes = ((("report", "number"), True),)

    @classmethod
    def listing(cls, report):
        """The report's submitted versions without their files, newest first, with who froze them."""
        return (cls.select(*cls.fields_except("pdf", "docx"), User.id, User.display_name)
                .join(User, on=(cls.created_by == User.id))
                .where(cls.report == report.id).order_by(cls.number.desc()))

    def named(self, fmt: str) -> str:
        """Its file's name in this format: the name stored is the PDF's, and the Word file's has the same stem."""
        stem, dot, _ = self.filename.rpartition(".")
        return f"{stem if dot else self.filename}.{fmt}"


class SubmittedSection(History, BaseModel):
    """One section of a submitted version, as the revision that was frozen."""

    submission = ForeignKeyField(Submission, backref="sections", on_delete="RESTRICT")
    section = ForeignKeyField(Section, on_delete="RESTRICT")
    revision_number = IntegerField()

    class Meta:
        indexes = ((("submission", "section"), True),)


class Assessment(History, BaseModel):
    """One assessment of a recommendation's implementation; the newest is its current status."""

    recommendation = ForeignKeyField(Recommendation, backref="assessments", on_delete="CASCADE")
    status = CharField(max_length=20)
    justification = TextField(default="")  # Markdown
    sources = TextField(default="")  # Markdown: links, documents, interviews
    author = ForeignKeyField(User, on_delete="RESTRICT")
    created_at = DateTimeField(default=utcnow)


class Image(History, BaseModel):
    """A picture for a section's text, as `![alt](/images/<id>)`: a PNG or JPEG checked and encoded again
    without its metadata (coalition/images.py). Never changed nor deleted: any revision that shows it may be
    read, compared or exported again."""

    section = ForeignKeyField(Section, backref="images", on_delete="RESTRICT")
    uploaded_by = ForeignKeyField(User, on_delete="RESTRICT", backref="+")
    content_type = CharField(max_length=20)  # image/png or image/jpeg
    data = BlobField()
    width = IntegerField()
    height = IntegerField()
    alt = CharField(max_length=300)
    sha256 = CharField(max_length=64)
    size = IntegerField()  # bytes, so that lists need not load the data
    created_at = DateTimeField(default=utcnow)


class Suggestion(BaseModel):
    """An edit proposed by someone outside the section's group: a whole text, kept against the revision it started
    from, until the group accepts it (as a revision, by the saves' three-way merge), part of it, or declines it, or
    its author withdraws it. Never deleted: a decided suggestion stays readable."""

    OPEN, ACCEPTED, PARTLY_ACCEPTED, DECLINED, WITHDRAWN = "open", "accepted", "partly", "declined", "withdrawn"

    section = ForeignKeyField(Section, backref="suggestions", on_delete="RESTRICT")
    author = ForeignKeyField(User, on_delete="RESTRICT", backref="+")
    base_number = IntegerField()  # the revision it started from (0: an empty section)
    body = TextField()
    note = CharField(max_length=300, default="")
    status = CharField(max_length=10, default=OPEN)
    decided_by = ForeignKeyField(User, null=True, on_delete="RESTRICT", backref="+")
    decided_at = DateTimeField(null=True)
    reason = CharField(max_length=1000, default="")  # why it was declined
    revision_number = IntegerField(null=True)  # the revision its acceptance made
    created_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("section", "status"), False),)

    def delete_instance(self, *args, **kwargs):
        raise ImmutableRow(f"Suggestion {self.id} is never deleted")

    @classmethod
    def delete(cls, *args, **kwargs):
        raise ImmutableRow("Suggestions are never deleted")

    @classmethod
    def open_counts(cls, report_id: int) -> dict[int, int]:
        """Section id -> its number of open suggestions, for the report's live sections that have any."""
        return {row.section_id: row.n for row in _OPEN_SUGGESTIONS_IN_REPORT.rows(report_id)}


class Notification(BaseModel):
    """A feed entry that concerns one person, in their inbox until they mark it read (coalition/inbox.py). One per
    person and entry, with the strongest reason it concerns them."""

    MENTION, THREAD, SUGGESTION, GROUP, FOLLOWED = "mention", "thread", "suggestion", "group", "followed"

    recipient = ForeignKeyField(User, on_delete="CASCADE", backref="+")
    activity = ForeignKeyField(Activity, on_delete="CASCADE", backref="+")
    reason = CharField(max_length=10)
    read_at = DateTimeField(null=True)
    created_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("recipient", "activity"), True), (("recipient", "read_at"), False))

    @classmethod
    def unread_count(cls, user) -> int:
        return _UNREAD.first(user.id).unread


class Follow(BaseModel):
    """A person who asked to hear of everything that happens to a section, whatever their group."""

    user = ForeignKeyField(User, on_delete="CASCADE", backref="+")
    section = ForeignKeyField(Section, on_delete="CASCADE", backref="+")
    created_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("user", "section"), True),)


class MailChoice(BaseModel):
    """What a person wants by e-mail too (coalition/notices.py), when not the usual: no row is USUAL, the review steps
    and comments that concern them; INBOX is everything in their inbox, mentions and followed sections included;
    NO_MAIL is nothing. A table of its own, so that the step adding it alters no table of people."""

    USUAL, INBOX, NO_MAIL = "usual", "inbox", "none"

    user = ForeignKeyField(User, unique=True, on_delete="CASCADE", backref="+")
    choice = CharField(max_length=8)

    @classmethod
    def of(cls, user) -> str:
        return cls.select(cls.choice).where(cls.user == user.id).scalar() or cls.USUAL


class PendingImport(BaseModel):
    """An uploaded CSV between its preview and its import (in the database, so any worker can finish it)."""

    report = ForeignKeyField(Report, on_delete="CASCADE")
    user = ForeignKeyField(User, on_delete="CASCADE")
    filename = CharField(max_length=200)
    data = BlobField()
    created_at = DateTimeField(default=utcnow)


class LoginSession(BaseModel):
    """One sign-in on one browser. The signed cookie carries a random token, and this row (keeping only the
    token's SHA-256) says whether it still signs anyone in: it ends at sign-out, with a new password, when the
    account is switched off, after the idle timeout and, whatever happens, after SESSION_MAX_HOURS."""

    token_hash = CharField(max_length=64, unique=True)
    user = ForeignKeyField(User, on_delete="CASCADE", backref="+")
    created_at = DateTimeField(default=utcnow)
    last_seen = DateTimeField(default=utcnow)  # renewed every few minutes, not at every request
    ended_at = DateTimeField(null=True)


class RateCounter(BaseModel):
    """A rate limit's count in its current window, shared by every worker (see rate_limits.py)."""

    key = CharField(max_length=255, unique=True)
    count = IntegerField(default=0)
    # Seconds since the epoch, as the limits package counts time; double precision, as a PostgreSQL real
    # (FloatField) would round them to minutes.
    expires_at = DoubleField(index=True)


class SchemaVersion(BaseModel):
    version = IntegerField()


MODELS = [User, Removal, Organisation, WorkingGroup, Participation, AccessLink, Membership, Report, Section, Revision,
          StatusChange, Thread, Comment, Draft, Presence, Export, ExportRequest, Activity, FeedMark, AuditEvent,
          Submission, SubmittedSection, Recommendation, Assessment, PendingImport, LoginSession, RateCounter, Image,
          Suggestion, Notification, Follow, MailChoice]


# The queries of every page, prepared (see Prepared).
_MEMBERSHIPS = Prepared(lambda user_id: Membership.select().where(Membership.user == user_id))
_UNREAD = Prepared(lambda user_id: Notification.select(fn.COUNT(Notification.id).alias("unread"))
                   .where(Notification.recipient == user_id, Notification.read_at.is_null()))
_LIVE_SECTIONS = Prepared(Section.live)
_GROUPS = Prepared(WorkingGroup.ordered)
_REPORT_HEADS = Prepared(lambda report_id: Revision.newest_of(
    Revision.listing(), (Section.report == report_id) & Section.removal.is_null()))
_REPORT_BODIES = Prepared(lambda report_id: Revision.newest_of(
    Revision.select(Revision.section, Revision.body), (Section.report == report_id) & Section.removal.is_null()))
_PRESENT = Prepared(Presence.here)
_PRESENT_ON_SECTION = Prepared(lambda report_id, user_id, since, section_id: (
    Presence.here(report_id, user_id, since).where(Presence.section == section_id)))
_REVIEW_STEPS = Prepared(StatusChange.newest_first)


def _open_per_section(model, still_open):
    """A builder of the query: per live section of a report, how many of its rows (threads, suggestions) are open."""
    return lambda report_id: (model.select(model.section, fn.COUNT(model.id).alias("n"))
                              .join(Section, on=(model.section == Section.id))
                              .where(Section.report == report_id, Section.removal.is_null(), still_open)
                              .group_by(model.section))


_OPEN_THREADS = Prepared(_open_per_section(Thread, Thread.resolved == False))
_OPEN_SUGGESTIONS_IN_REPORT = Prepared(_open_per_section(Suggestion, Suggestion.status == Suggestion.OPEN))
_CHANGE_REQUEST = Prepared(lambda section_id: StatusChange.newest_first(section_id).where(
    StatusChange.new_status == Section.CHANGES_REQUESTED).limit(1))
_OPEN_DRAFT = Prepared(lambda user_id, section_id: Draft.select().where(
    Draft.user == user_id, Draft.section == section_id, Draft.closed == False).limit(1))
_OPEN_SUGGESTIONS = Prepared(lambda section_id: Suggestion.select(fn.COUNT(Suggestion.id).alias("open")).where(
    Suggestion.section == section_id, Suggestion.status == Suggestion.OPEN))
_NEWEST_NUMBER = Prepared(lambda section_id: Revision.select(fn.MAX(Revision.number).alias("newest"))
                          .where(Revision.section == section_id))
_REVISIONS_BETWEEN = Prepared(lambda section_id, above, up_to: Revision.listing().where(
    Revision.section == section_id, Revision.number > above, Revision.number <= up_to))
_HEAD_REVISION = Prepared(lambda section_id: Revision.with_author(section_id).order_by(Revision.number.desc()).limit(1))
_COORDINATING = Prepared(lambda: Organisation.select().where(Organisation.coordinates == True).limit(1))
