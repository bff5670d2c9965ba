from coalition.passwords import verify_password
from models import Activity, Membership, Recommendation, Report, Revision, SchemaVersion, Section, User, WorkingGroup
from ops import demo
from tests.helpers import sign_in


def test_init_db_is_idempotent(world, runner):
    for _ in range(2):
        result = runner.invoke(args=["init-db"])
        assert result.exit_code == 0 and "up to date" in result.output
    assert SchemaVersion.select().count() == 1 and User.select().count() == 6


def test_create_user_as_lead(world, runner):
    group = "Civil and political rights"
    result = runner.invoke(args=["create-user", "newlead", "--role", "lead", "--group", group],
                           input="a long secret\na long secret\n")
    assert result.exit_code == 0, result.output
    user = User.get(User.login == "newlead")
    assert verify_password(user.password_hash, "a long secret")
    assert [(m.group.name, m.role) for m in user.memberships] == [(group, Membership.LEAD)]
    assert not user.is_coordinator and not user.is_reviewer


def test_create_user_with_unknown_group_fails(world, runner):
    result = runner.invoke(args=["create-user", "lost", "--group", "No such group"], input="pw\npw\n")
    assert result.exit_code != 0 and "No working group 'No such group'" in result.output
    assert User.get_or_none(User.login == "lost") is None


def test_seed_demo(app, runner):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert WorkingGroup.select().count() == 7 and Report.select().count() == 1
    sections = Section.select()
    assert sections.count() >= 7
    assert all(Revision.select().where(Revision.section == s).count() >= 2 for s in sections)
    imported = Activity.get(Activity.kind == Activity.IMPORT)  # the CSV went through the import
    assert imported.detail == str(Recommendation.select().count()) == str(len(demo.recommendation_rows()))
    lines = result.output.splitlines()
    header = next(line for line in lines if line.startswith("role"))
    assert header.split() == ["role", "login", "password", "groups"]
    role, login, password, *_ = next(line for line in lines if line.startswith("coordinator")).split()
    client = app.test_client()
    assert sign_in(client, login, password).status_code == 302
    assert client.get("/").headers["Location"].startswith("/reports/")


def test_seed_demo_if_empty_seeds_once(runner):
    assert runner.invoke(args=["seed-demo", "--if-empty"]).exit_code == 0
    users = User.select().count()
    second = runner.invoke(args=["seed-demo", "--if-empty"])
    assert second.exit_code == 0 and "coordinator" in second.output  # the saved table again
    assert Report.select().count() == 1 and User.select().count() == users
