"""The demo coalition: loads the files in ops/demo_data/ into an empty database and makes one account per role.

coalition.toml holds the report, the organisations and the working groups with their sections; each section's
revisions are Markdown files, revisions/<group key>/<section key>/01.md, 02.md…, oldest first, each opening
with its author and note; recommendations.csv goes through the recommendations import, as an upload would."""
import re
import secrets
import tomllib
from datetime import timedelta
from pathlib import Path

from coalition import recommendations, revisions
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
    db,
    utcnow,
)

DATA = Path(__file__).with_name("demo_data")
AUTHORS = ("lead", "member", "coordinator")
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
    content = load()
    with db.atomic():
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
        for group, spec in zip(groups, content["groups"], strict=True):
            authors = {"coordinator": coordinator, **_group_authors(group)}
            for position, section_spec in enumerate(spec["sections"], start=1):
                _section(report, group, position, section_spec, authors)
        _recommendations(report, coordinator)
    return accounts


def check_recommendations(groups: set[str], existing: set[tuple[str, str]] = frozenset(),
                          folder: Path = DATA) -> csv_files.Checked:
    """recommendations.csv as the import checks an upload, its columns guessed from its header."""
    table = csv_files.read((folder / "recommendations.csv").read_bytes())
    return csv_files.check(table, csv_files.guess_mapping(table.headers), existing, groups)


def _recommendations(report, coordinator):
    """The previous cycle's recommendations, imported by the coordinator, then most of them assessed by their
    group's lead (the file's status and justification, columns the import leaves aside)."""
    checked = check_recommendations({group.name for group in WorkingGroup.ordered()},
                                    recommendations.existing_keys(report.id))
    if checked.problems or checked.existing:
        raise ValueError(f"recommendations.csv: {checked.problems or 'rows already imported'}")
    recommendations.import_new(report, coordinator, checked.new)
    for row in recommendation_rows():
        if row["status"] not in tallies.STATUSES:
            raise ValueError(f"recommendations.csv: {row['number']}: no such status {row['status']!r}")
        if row["status"] == tallies.NOT_ASSESSED:
            continue
        recommendation = Recommendation.get(Recommendation.report == report.id,
                                            Recommendation.document == row["document"],
                                            Recommendation.number == row["number"])
        lead = User.select().join(Membership).where(Membership.group == recommendation.group_id,
                                                     Membership.role == Membership.LEAD).get()
        recommendations.assess(recommendation, lead, row["status"], row["justification"], "")


def _account(role, login, name, group):
    password = secrets.token_urlsafe(9)
    user = User.create(login=login, display_name=name, password_hash=hash_password(password), language="ru",
                       is_coordinator=role == "coordinator", is_reviewer=role == "reviewer")
    if group is not None:
        Membership.create(user=user, group=group, role=Membership.LEAD if role == "lead" else Membership.MEMBER)
    return (role, login, password, group.name if group else "—")


def _group_authors(group) -> dict[str, User]:
    """The group's lead and member, reusing the demo accounts where the group has them."""
    authors = {}
    for role in (Membership.LEAD, Membership.MEMBER):
        existing = (User.select().join(Membership)
                    .where(Membership.group == group, Membership.role == role).first())
        if existing is None:
            existing = User.create(login=f"{role}-g{group.position}",
                                   display_name=f"{ROLE_NAMES[role]} — {group.name}",
                                   password_hash=hash_password(secrets.token_urlsafe(24)), language="ru")
            Membership.create(user=existing, group=group, role=role)
        authors[role] = existing
    return authors


def _section(report, group, position, spec, authors):
    section = Section.create(report=report, group=group, title=spec["title"], position=position,
                             word_budget=spec["word_budget"])
    history = spec["revisions"]
    start = utcnow() - timedelta(days=7 * len(history) + group.position)
    for number, rev in enumerate(history):
        revisions.save(section, authors[rev["author"]], rev["body"], rev["note"], number,
                       at=start + timedelta(days=7 * number, hours=position))
