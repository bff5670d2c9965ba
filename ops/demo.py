"""The demo coalition: loads the files in ops/demo_data/ into an empty database and makes one account per role.

coalition.toml holds the report, the organisations and the working groups with their sections; each section's
revisions are Markdown files, revisions/<group key>/<section key>/01.md, 02.md…, oldest first, each opening
with its author and note; recommendations.csv goes through the recommendations import, as an upload would;
workflow.toml is the last week's reviews, comments, suggestions and frozen version, each step taken through its
use case on its day (models.clock_at), so that the feed, the inbox and every page read as after weeks of work.
Nothing is new to anyone at their first sign-in: the feed is seen, the inbox read but for the last steps."""
import re
import secrets
import tomllib
from datetime import timedelta
from pathlib import Path

from flask_babel import force_locale

from coalition import activity, inbox, recommendations, review, revisions, submissions, suggestions, threads
from coalition.passwords import hash_password
from coalition.recommendations import csv_files, tallies
from models import (
    Membership,
    Organisation,
    Participation,
    Recommendation,
    Report,
    Section,
    User,
    WorkingGroup,
    clock_at,
    db,
    utcnow,
)

DATA = Path(__file__).with_name("demo_data")
AUTHORS = ("lead", "member", "coordinator")
# How long ago the coalition set up its report and imported the last cycle's recommendations, and the span over
# which the groups then assessed them (ending a week ago, before the workflow's week).
OPENING = timedelta(days=42)
ASSESSING = (timedelta(days=30), timedelta(days=8))
_FRONT = re.compile(r"---\n(.*?)\n---\n+", re.S)  # the file's opening lines, "author: …" and "note: …"

# Accounts a person can try, by role; the others only author the demo history.
LOGIN_ACCOUNTS = [
    ("coordinator", "coordinator", "Координатор коалиции", None),
    ("reviewer", "reviewer", "Редакционная коллегия", None),
    ("lead", "lead", "Руководитель группы 1", 0),
    ("member", "member", "Участник группы 1", 0),
    ("member", "member3", "Участница группы 3", 2),
]
ROLE_NAMES = {Membership.LEAD: "Руководитель группы", Membership.MEMBER: "Участник группы"}


def is_empty() -> bool:
    return not Report.select().exists()


def load(folder: Path = DATA) -> dict:
    """coalition.toml, each section given its `revisions` (author, note, body) from its folder."""
    content = tomllib.loads((folder / "coalition.toml").read_text(encoding="utf-8"))
    for group in content["groups"]:
        for section in group["sections"]:
            section["revisions"] = section_history(folder / "revisions" / group["key"] / section["key"])
    return content


def section_history(folder: Path) -> list[dict]:
    """The revisions in a section's folder: 01.md, 02.md… with none missing, oldest first."""
    files = sorted(folder.glob("*.md"))
    expected = [f"{number:02}.md" for number in range(1, len(files) + 1)]
    if not files or [path.name for path in files] != expected:
        raise ValueError(f"{folder}: expected revision files 01.md, 02.md…, found {[p.name for p in files]}")
    return [read_revision(path) for path in files]


def read_revision(path: Path) -> dict:
    """A revision file: its author and note between two "---" lines, then the Markdown text."""
    text = path.read_text(encoding="utf-8")
    front = _FRONT.match(text)
    if front is None:
        raise ValueError(f"{path}: it must open with ---, author: …, note: …, ---")
    fields = dict(line.partition(":")[::2] for line in front.group(1).splitlines())
    revision = {name.strip(): value.strip() for name, value in fields.items()}
    if set(revision) != {"author", "note"} or revision["author"] not in AUTHORS:
        raise ValueError(f"{path}: author (one of {', '.join(AUTHORS)}) and note, nothing else, are expected")
    return {**revision, "body": text[front.end():]}


def recommendation_rows(folder: Path = DATA) -> list[dict[str, str]]:
    """recommendations.csv, row by row, read as the import reads it; keyed by its header."""
    table = csv_files.read((folder / "recommendations.csv").read_bytes())
    return [dict(zip(table.headers, row, strict=True)) for row in table.rows]


def seed() -> list[tuple[str, str, str, str]]:
    """Create the demo data; return (role, login, password, groups) for the accounts to try."""
    content, steps, now = load(), workflow(), utcnow()
    with db.atomic():
        with clock_at(now - OPENING):
            orgs = {o["key"]: Organisation.create(name=o["name"], city=o["city"], description=o["description"],
                                                  coordinates=o["key"] == content["coordinator"])
                    for o in content["organisations"]}
            groups = [WorkingGroup.create(name=g["name"], theme=g["theme"], lead_organisation=orgs[g["lead_org"]],
                                          position=i + 1)
                      for i, g in enumerate(content["groups"])]
            for group, spec in zip(groups, content["groups"], strict=True):
                Participation.create(organisation=orgs[spec["lead_org"]], group=group)
            accounts = [_account(role, login, name, groups[index] if index is not None else None)
                        for role, login, name, index in LOGIN_ACCOUNTS]
            report = Report.create(**content["report"], coalition_description=content["coalition"]["description"],
                                   contact=content["coalition"]["contact"])
        coordinator = User.get(User.login == "coordinator")
        # The other authors share one hash of a password thrown away: nobody signs in as them, and hashing is the
        # slowest part of seeding.
        nobodys = hash_password(secrets.token_urlsafe(24))
        sections = {}
        for group, spec in zip(groups, content["groups"], strict=True):
            authors = {"coordinator": coordinator, **_group_authors(group, nobodys)}
            for position, section_spec in enumerate(spec["sections"], start=1):
                key = f"{spec['key']}/{section_spec['key']}"
                sections[key] = _section(report, group, position, section_spec, authors, now)
        _recommendations(report, coordinator, now)
        _Replay(report, sections).run(steps, now)
        for person in User.select():
            activity.mark_seen(person, report.id)
    return accounts


def check_recommendations(groups: set[str], existing: set[tuple[str, str]] = frozenset(),
                          folder: Path = DATA) -> csv_files.Checked:
    """recommendations.csv as the import checks an upload, its columns guessed from its header."""
    table = csv_files.read((folder / "recommendations.csv").read_bytes())
    return csv_files.check(table, csv_files.guess_mapping(table.headers), existing, groups)


def _recommendations(report, coordinator, now):
    """The previous cycle's recommendations, imported by the coordinator, then most of them assessed by their
    group's lead over the following weeks (the file's status and justification, columns the import leaves aside)."""
    checked = check_recommendations({group.name for group in WorkingGroup.ordered()},
                                    recommendations.existing_keys(report.id))
    if checked.problems or checked.existing:
        raise ValueError(f"recommendations.csv: {checked.problems or 'rows already imported'}")
    with clock_at(now - OPENING):
        recommendations.import_new(report, coordinator, checked.new)
    rows = recommendation_rows()
    first, last = ASSESSING
    for number, row in enumerate(rows):
        if row["status"] not in tallies.STATUSES:
            raise ValueError(f"recommendations.csv: {row['number']}: no such status {row['status']!r}")
        if row["status"] == tallies.NOT_ASSESSED:
            continue
        recommendation = Recommendation.get(Recommendation.report == report.id,
                                            Recommendation.document == row["document"],
                                            Recommendation.number == row["number"])
        lead = User.select().join(Membership).where(Membership.group == recommendation.group_id,
                                                     Membership.role == Membership.LEAD).get()
        with clock_at(now - first + (first - last) * number / len(rows)):
            recommendations.assess(recommendation, lead, row["status"], row["justification"], "")


def _account(role, login, name, group):
    password = secrets.token_urlsafe(9)
    user = User.create(login=login, display_name=name, password_hash=hash_password(password), language="ru",
                       is_coordinator=role == "coordinator", is_reviewer=role == "reviewer")
    if group is not None:
        Membership.create(user=user, group=group, role=Membership.LEAD if role == "lead" else Membership.MEMBER)
    return (role, login, password, group.name if group else "—")


def _group_authors(group, password_hash: str) -> dict[str, User]:
    """The group's lead and member, reusing the demo accounts where the group has them."""
    authors = {}
    for role in (Membership.LEAD, Membership.MEMBER):
        existing = (User.select().join(Membership)
                    .where(Membership.group == group, Membership.role == role).first())
        if existing is None:
            existing = User.create(login=f"{role}-g{group.position}",
                                   display_name=f"{ROLE_NAMES[role]} — {group.name}",
                                   password_hash=password_hash, language="ru")
            Membership.create(user=existing, group=group, role=role)
        authors[role] = existing
    return authors


def _section(report, group, position, spec, authors, now) -> Section:
    """The section and its revisions, a week apart, the last one a week (and a day per group) before now."""
    with clock_at(now - OPENING):
        section = Section.create(report=report, group=group, title=spec["title"], position=position,
                                 word_budget=spec["word_budget"])
    history = spec["revisions"]
    start = now - timedelta(days=7 * len(history) + group.position)
    for number, rev in enumerate(history):
        revisions.save(section, authors[rev["author"]], rev["body"], rev["note"], number,
                       at=start + timedelta(days=7 * number, hours=position))
    return section


class _Replay:
    """The workflow's steps, each taken by its person through its use case, on its day."""

    def __init__(self, report, sections: dict[str, Section]):
        self.report, self.sections = report, sections
        self.threads, self.suggestions = {}, {}

    def run(self, steps: list[dict], now) -> None:
        for step in steps:
            person = User.get(User.login == step["by"])
            # In the person's language, as their request would be: an accepted suggestion's note is in words.
            with clock_at(now - timedelta(days=step["days_ago"])), force_locale(person.language):
                getattr(self, step["do"])(person, step)

    def submit(self, person, step):
        review.move(self.sections[step["section"]], person, review.SUBMIT, step.get("note", ""))

    def approve(self, person, step):
        review.move(self.sections[step["section"]], person, review.APPROVE, step.get("note", ""))

    def request_changes(self, person, step):
        review.move(self.sections[step["section"]], person, review.REQUEST_CHANGES, step["note"])

    def comment(self, person, step):
        section = self.sections[step["section"]]
        self.threads[step["thread"]] = threads.start(person, section, section.head_revision(),
                                                     step.get("paragraph"), step["text"])

    def reply(self, person, step):
        thread = self.threads[step["thread"]]
        threads.reply(person, thread.section, thread, step["text"])

    def resolve(self, person, step):
        thread = self.threads[step["thread"]]
        threads.set_resolved(person, thread.section, thread, True)

    def suggest(self, person, step):
        section = self.sections[step["section"]]
        head = section.head_revision()
        self.suggestions[step["suggestion"]] = suggestions.propose(
            section, person, replaced(head.body, step["replace"]), step["note"], head.number)

    def accept(self, person, step):
        suggestions.accept(self.suggestions[step["suggestion"]], person)

    def accept_part(self, person, step):
        suggestions.accept(self.suggestions[step["suggestion"]], person, set(step["keep"]), step["reason"])

    def decline(self, person, step):
        suggestions.decline(self.suggestions[step["suggestion"]], person, step["reason"])

    def freeze(self, person, step):
        submissions.freeze(self.report, person, step["note"])

    def read_inbox(self, person, step):
        for someone in User.select():
            inbox.mark_read(someone)


ACTIONS = {name for name in vars(_Replay) if not name.startswith("_") and name != "run"}


def workflow(folder: Path = DATA) -> list[dict]:
    """workflow.toml's steps, checked: known actions, each step later than the one before."""
    steps = tomllib.loads((folder / "workflow.toml").read_text(encoding="utf-8"))["step"]
    for before, step in zip([None, *steps], steps):
        if step["do"] not in ACTIONS:
            raise ValueError(f"workflow.toml: no such action {step['do']!r}")
        if before and step["days_ago"] >= before["days_ago"]:
            raise ValueError(f"workflow.toml: the step {step['do']} {step['days_ago']} days ago comes too early")
    return steps


def replaced(text: str, pairs: list[list[str]]) -> str:
    """The text with each [old, new] pair's words replaced, each found exactly once (a suggestion's changes)."""
    for old, new in pairs:
        if text.count(old) != 1:
            raise ValueError(f"workflow.toml: {old!r} is not in the text exactly once")
        text = text.replace(old, new)
    return text
