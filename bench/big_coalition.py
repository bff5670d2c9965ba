"""The demo coalition ×10 for the benchmarks, written in bulk into an empty database.

7 groups of 10 sections, 60 people (a coordinator, 3 reviewers, a lead and 7 members per group), 500
recommendations (most assessed), comment threads and review steps; 69 sections have 10 revisions each and one
has 10,000, so a long history can be compared with a short one in the same database (10,690 revisions, each
with its feed entry). Texts are the demo's, edited one paragraph per revision as people do.
"""
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from argon2 import PasswordHasher
from peewee import PostgresqlDatabase, chunked

from app import create_app
from coalition import recommendations
from coalition.recommendations import tallies
from models import (
    Activity,
    Comment,
    Membership,
    Organisation,
    Recommendation,
    Report,
    Revision,
    Section,
    StatusChange,
    Thread,
    User,
    WorkingGroup,
    db,
    utcnow,
)
from ops import demo, migrations
from text.merge import paragraphs
from text.wordcount import count_markdown
from text.worddiff import change_stats

ROOT = Path(__file__).resolve().parent.parent

PASSWORD = "bench: correct horse battery staple"
SECTIONS_PER_GROUP = 10
REVISIONS = 10  # per section, but for the long one
LONG_REVISIONS = 10_000
MEMBERS_PER_GROUP = 7  # besides the lead
RECOMMENDATIONS = 500
HISTORY_DAYS = 120
CONTENT = demo.load()  # the demo coalition (ops/demo_data/), repeated to scale


@dataclass
class Coalition:
    """What the benchmarks need to find their way: ids and logins."""

    report: int
    sections: dict[int, list[int]] = field(default_factory=dict)  # group position -> its sections, in order
    members: dict[int, list[str]] = field(default_factory=dict)  # group position -> logins, the lead first

    @property
    def short(self) -> int:
        """A section with REVISIONS revisions, of the same demo text as the long one."""
        return self.sections[2][2]

    @property
    def long(self) -> int:
        """The section with LONG_REVISIONS revisions."""
        return self.sections[2][0]


@contextmanager
def temporary(database: str = "sqlite"):
    """(database URL, Coalition) built in a throwaway SQLite file or PostgreSQL server (tests/postgres.py)."""
    if database == "postgresql":
        from tests import postgres

        server = postgres.Server()
        server.start()
        try:
            yield server.url, build(server.url)
        finally:
            server.stop()
    else:
        with tempfile.TemporaryDirectory(prefix="upr-bench-") as tmp:
            url = f"sqlite:///{tmp}/bench.sqlite3"
            yield url, build(url)


def build(url: str) -> Coalition:
    """Schema and data in the empty database at url; the process stays bound to it (models.db)."""
    app = create_app({"TESTING": True, "SECRET_KEY": "bench", "DATABASE_URL": url, "RATELIMIT_ENABLED": False})
    with app.app_context():
        db.connect(reuse_if_open=True)
        try:
            migrations.upgrade(db.obj)
            with db.atomic():
                return _fill()
        finally:
            db.close()


def _fill() -> Coalition:
    orgs = {o["key"]: Organisation.create(name=o["name"], city=o["city"], description=o["description"],
                                          coordinates=o["key"] == CONTENT["coordinator"])
            for o in CONTENT["organisations"]}
    report = Report.create(**CONTENT["report"], coalition_description=CONTENT["coalition"]["description"],
                           contact=CONTENT["coalition"]["contact"])
    coalition = Coalition(report.id)
    groups = [WorkingGroup.create(name=spec["name"], theme=spec["theme"], lead_organisation=orgs[spec["lead_org"]],
                                  position=position) for position, spec in enumerate(CONTENT["groups"], start=1)]
    members = _people(groups)
    revision_id = 0
    for group, spec in zip(groups, CONTENT["groups"], strict=True):
        authors = members[group.position]
        coalition.members[group.position] = [u.login for u in authors]
        coalition.sections[group.position] = []
        for index in range(SECTIONS_PER_GROUP):
            section_spec = spec["sections"][index % len(spec["sections"])]
            title = section_spec["title"] + (f" ({index + 1})" if index >= len(spec["sections"]) else "")
            section = Section.create(report=report, group=group, title=title, position=index + 1,
                                     word_budget=section_spec["word_budget"])
            count = LONG_REVISIONS if (group.position, index) == (2, 0) else REVISIONS
            texts = [rev["body"] for rev in section_spec["revisions"]]
            revision_id = _history(section, texts, authors, count, revision_id)
            _review_steps(section, authors[0], index, count)
            _threads(section, texts[-1], authors)
            coalition.sections[group.position].append(section.id)
    _recommendations(report, groups, members)
    if isinstance(db.obj, PostgresqlDatabase):  # revisions were given their ids: move the sequence past them
        db.execute_sql("SELECT setval(pg_get_serial_sequence('revision', 'id'), %s)", (revision_id,))
    return coalition


def _people(groups) -> dict[int, list[User]]:
    """Everyone; returns group position -> the group's lead and members, the lead first."""
    # argon2 at its cheapest, once for everyone: the server rehashes with its own parameters at sign-in.
    password_hash = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash(PASSWORD)
    logins = {g.position: [f"g{g.position}-lead"] + [f"g{g.position}-member{i}"
                                                     for i in range(1, MEMBERS_PER_GROUP + 1)] for g in groups}
    rows = [("coordinator", "Координатор коалиции", True, False)]
    rows += [(f"reviewer{i}", f"Редактор {i}", False, True) for i in range(1, 4)]
    rows += [(login, f"Участник {rank} группы {position}" if rank else f"Руководитель группы {position}", False, False)
             for position, group_logins in logins.items() for rank, login in enumerate(group_logins)]
    User.insert_many([{"login": login, "display_name": name, "is_coordinator": coordinates,
                       "is_reviewer": reviews, "password_hash": password_hash, "language": "ru"}
                      for login, name, coordinates, reviews in rows]).execute()
    users = {u.login: u for u in User.select()}
    members = {position: [users[login] for login in group_logins] for position, group_logins in logins.items()}
    Membership.insert_many([{"user": u.id, "group": g.id, "role": Membership.MEMBER if rank else Membership.LEAD}
                            for g in groups for rank, u in enumerate(members[g.position])]).execute()
    return members


class _Texts:
    """Revision n's text: the demo's revisions first, then its last text with one paragraph touched up per
    revision. Counts and diffs depend only on the text's shape (which paragraph carries the touch), so they
    are computed once per shape rather than once per revision."""

    def __init__(self, texts: list[str]):
        self.texts, self.paragraphs = texts, paragraphs(texts[-1])
        self.counts, self.changes = {}, {}

    def shape(self, n: int):
        return ("demo", n) if n <= len(self.texts) else ("touched", n % len(self.paragraphs))

    def body(self, n: int) -> str:
        if n <= len(self.texts):
            return self.texts[n - 1]
        touched = list(self.paragraphs)
        spot = n % len(touched)
        touched[spot] += f" Уточнение {n}."
        return "\n\n".join(touched) + "\n"

    def measures(self, n: int) -> dict:
        body, shape = self.body(n), self.shape(n)
        if shape not in self.counts:
            self.counts[shape] = count_markdown(body)
        key = (self.shape(n - 1) if n > 1 else None, shape)
        if key not in self.changes:
            self.changes[key] = change_stats(self.body(n - 1) if n > 1 else "", body)
        counts, (added, removed) = self.counts[shape], self.changes[key]
        return {"body": body, "words": counts.body, "footnote_words": counts.notes, "words_added": added,
                "words_removed": removed}


def _history(section, texts: list[str], authors: list[User], count: int, last_id: int) -> int:
    """count revisions with their feed entries; returns the last revision id given."""
    start = utcnow() - timedelta(days=HISTORY_DAYS)
    step = timedelta(days=HISTORY_DAYS) / count
    shapes, rows, entries = _Texts(texts), [], []
    for n in range(1, count + 1):
        author, at = authors[n % len(authors)], start + step * n
        merged = n > 2 and n % 7 == 0  # now and then two people's edits were merged
        rows.append({"id": last_id + n, "parent": last_id + n - 1 if n > 1 else None, "section": section.id,
                     "number": n, "author": author.id, "note": f"Правка {n}" if n % 3 else "", "created_at": at,
                     "merge_base": n - 2 if merged else None, **shapes.measures(n)})
        entries.append({"report": section.report_id, "kind": Activity.MERGE if merged else Activity.EDIT,
                        "user": author.id, "section": section.id, "revision_number": n, "created_at": at})
    for model, batch in ((Revision, rows), (Activity, entries)):
        for chunk in chunked(batch, 500):
            model.insert_many(chunk).execute()
    return last_id + count


def _review_steps(section, lead: User, index: int, head: int) -> None:
    """A quarter of the sections in review, a quarter approved, a quarter approved and edited twice since."""
    statuses = [Section.DRAFT, Section.IN_REVIEW, Section.APPROVED, Section.DRAFT][:index % 4 + 1]
    approved = head - 2 if len(statuses) == 4 else head
    for old, new in zip(statuses, statuses[1:]):
        number = approved + 1 if new == Section.DRAFT else approved
        StatusChange.create(section=section, old_status=old, new_status=new, user=lead, revision_number=number)
        Activity.create(report=section.report_id, kind=Activity.STATUS, user=lead, section=section,
                        revision_number=number, detail=new)
    Section.update(status=statuses[-1], approved_number=approved if len(statuses) > 2 else None).where(
        Section.id == section.id).execute()


def _threads(section, text: str, authors: list[User]) -> None:
    """An open thread about a paragraph, with a reply, and a resolved one about the whole section."""
    about = Thread.create(section=section, revision_number=1, paragraph=paragraphs(text)[0], created_by=authors[1])
    Comment.create(thread=about, author=authors[1], body="Нужна ссылка на источник для этих цифр.")
    Comment.create(thread=about, author=authors[0], body="Добавим ссылку на доклад мониторинговой группы.")
    whole = Thread.create(section=section, resolved=True, created_by=authors[0])
    Comment.create(thread=whole, author=authors[0], body="Сократить до лимита слов.")


def _recommendations(report, groups, members) -> None:
    """500 recommendations from the demo's 16, numbered 118.1-118.500 (so the demo's citations resolve),
    assessed by their group's lead; every fifth has an earlier assessment too."""
    by_name = {group.name: group for group in groups}
    rows = demo.recommendation_rows()
    by_number = {row["number"]: row for row in rows}
    for i in range(1, RECOMMENDATIONS + 1):
        number = f"118.{i}"
        row = by_number.get(number, rows[i % len(rows)])
        group = by_name[row["group"]]
        recommendation = Recommendation.create(
            report=report, number=number, document=row["document"], cycle=row["cycle"], text=row["text"],
            states="\n".join(row["states"].split("; ")), response=row["response"],
            themes="\n".join(row["themes"].split("; ")), group=group)
        lead = members[group.position][0]
        if row["status"] == tallies.NOT_ASSESSED:
            continue
        if i % 5 == 0:
            recommendations.assess(recommendation, lead, tallies.NO_PROGRESS, "Первая оценка.", "")
        recommendations.assess(recommendation, lead, row["status"], row["justification"], "")


if __name__ == "__main__":
    import time

    for kind in ("sqlite", "postgresql"):
        started = time.perf_counter()
        with temporary(kind):
            print(f"{kind}: built in {time.perf_counter() - started:.1f} s")
