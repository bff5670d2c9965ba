"""The demo coalition: loads demo_content into an empty database and makes one account per role."""
import secrets
from datetime import timedelta

from coalition import recommendations, revisions
from coalition.passwords import hash_password
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
from ops import demo_content as content

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


def seed() -> list[tuple[str, str, str, str]]:
    """Create the demo data; return (role, login, password, groups) for the accounts to try."""
    with db.atomic():
        orgs = {o["key"]: Organisation.create(name=o["name"], city=o["city"], description=o["description"],
                                              coordinates=o["key"] == content.COORDINATOR)
                for o in content.ORGANISATIONS}
        groups = [WorkingGroup.create(name=g["name"], theme=g["theme"], lead_organisation=orgs[g["lead_org"]],
                                      position=i + 1)
                  for i, g in enumerate(content.GROUPS)]
        for group, spec in zip(groups, content.GROUPS):
            Participation.create(organisation=orgs[spec["lead_org"]], group=group)
        accounts = [_account(role, login, name, groups[index] if index is not None else None)
                    for role, login, name, index in LOGIN_ACCOUNTS]
        report = Report.create(**content.REPORT, coalition_description=content.COALITION["description"],
                               contact=content.COALITION["contact"])
        coordinator = User.get(User.login == "coordinator")
        for group, spec in zip(groups, content.GROUPS):
            authors = {"coordinator": coordinator, **_group_authors(group)}
            for position, section_spec in enumerate(spec["sections"], start=1):
                _section(report, group, position, section_spec, authors)
        _recommendations(report, {spec["key"]: group for group, spec in zip(groups, content.GROUPS)})
    return accounts


def _recommendations(report, groups):
    """The previous cycle's recommendations, most of them assessed by their group's lead."""
    for number, states, response, themes, key, status, justification, text in content.RECOMMENDATIONS:
        recommendation = Recommendation.create(
            report=report, number=number, document=content.RECOMMENDATIONS_DOCUMENT,
            cycle=content.RECOMMENDATIONS_CYCLE, text=text, states="\n".join(states.split("; ")), response=response,
            themes="\n".join(themes.split("; ")), group=groups[key])
        if status != "not_assessed":
            lead = User.select().join(Membership).where(Membership.group == groups[key],
                                                         Membership.role == Membership.LEAD).get()
            recommendations.assess(recommendation, lead, status, justification, "")


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
