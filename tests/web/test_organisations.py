"""The coalition's organisations: everyone reads the list (the contacts only the coordinator), the coordinator
adds and edits them with their working groups, marks those that left (gone from the PDF, never deleted) and
brings them back; the coordinating organisation cannot leave."""
import pytest

from coalition import exports
from models import Organisation, Participation, Removal, Report, User, WorkingGroup

CONTACT = "Signal +7 700 000 00 00"


@pytest.fixture
def orgs(app, world):
    """The coordinating organisation and another, both in the first group."""
    with app.app_context():
        lead = Organisation.create(name="Kadyr Kasiet", city="Almaty", contact=CONTACT, coordinates=True)
        other = Organisation.create(name="Ана үйі", city="Atyrau", description="Shelters for women.")
        for organisation in (lead, other):
            Participation.create(organisation=organisation, group=world["group"])
    return {"lead": lead.id, "other": other.id}


def valid(**form):
    return {"name": "Pravovoi Dialog", "city": "Astana", "description": "Legal aid.", "contact": "", **form}


def groups_of(organisation_id) -> set[int]:
    return {p.group_id for p in Participation.select().where(Participation.organisation == organisation_id)}


def pdf_organisations(app, world) -> list[str]:
    with app.test_request_context():
        return [o.name for o in exports.document_for(Report.get_by_id(world["report"])).organisations]


@pytest.mark.parametrize("role", ["coordinator", "reviewer", "lead", "member", "other"])
def test_everyone_reads_the_list_and_only_the_coordinator_the_contacts(person, orgs, role):
    page = person(role).get("/organisations")
    assert page.status_code == 200
    assert "Kadyr Kasiet" in page.text and "Shelters for women." in page.text
    assert "Civil and political rights" in page.text  # the groups it takes part in
    assert "The PDF lists 2 submitting organisations." in page.text
    assert (CONTACT in page.text) is (role == "coordinator")
    assert ("/organisations/new" in page.text) is (role == "coordinator")


def test_the_coordinator_adds_an_organisation_with_its_groups(person, world, orgs):
    beta = WorkingGroup.get(WorkingGroup.name == "Women's rights").id
    response = person("coordinator").post("/organisations/new", data=valid(name="  Pravovoi Dialog ",
                                                                            groups=[world["group"], beta]))
    assert response.status_code == 302 and response.headers["Location"] == "/organisations"
    added = Organisation.get(Organisation.name == "Pravovoi Dialog")
    assert (added.city, added.left_at, added.coordinates) == ("Astana", None, False)
    assert groups_of(added.id) == {world["group"], beta}


def test_editing_replaces_the_groups_offered_and_keeps_those_in_removed_groups(app, person, world, orgs):
    with app.app_context():
        removal = Removal.create(kind=Removal.GROUP, title="Old", removed_by=User.get(User.login == "coordinator"))
        old = WorkingGroup.create(name="Old group", removal=removal)
        Participation.create(organisation=orgs["other"], group=old)
    beta = WorkingGroup.get(WorkingGroup.name == "Women's rights").id
    client = person("coordinator")
    form = client.get(f"/organisations/{orgs['other']}").text
    assert f'checked id="groups-0" name="groups" type="checkbox" value="{world["group"]}"' in form
    assert "Old group" not in form
    response = client.post(f"/organisations/{orgs['other']}", data=valid(name="Ана үйі", groups=[beta]))
    assert response.status_code == 302
    assert groups_of(orgs["other"]) == {beta, old.id}
    assert Organisation.get_by_id(orgs["other"]).city == "Astana"


@pytest.mark.parametrize("role", ["reviewer", "lead", "member"])
@pytest.mark.parametrize("method, path", [
    ("GET", "/organisations/new"), ("POST", "/organisations/new"), ("GET", "/organisations/{id}"),
    ("POST", "/organisations/{id}"), ("POST", "/organisations/{id}/leave"), ("POST", "/organisations/{id}/return"),
])
def test_only_the_coordinator_manages(person, orgs, role, method, path):
    url = path.format(id=orgs["other"])
    assert person(role).open(url, method=method, data=valid(name="Taken over")).status_code == 403
    assert Organisation.select().count() == 2 and Organisation.get_by_id(orgs["other"]).left_at is None


@pytest.mark.parametrize("method, path", [("GET", ""), ("POST", ""), ("POST", "/leave"), ("POST", "/return")])
def test_an_unknown_organisation_is_404(person, orgs, method, path):
    assert person("coordinator").open(f"/organisations/99999{path}", method=method, data=valid()).status_code == 404


@pytest.mark.parametrize("form, problem", [
    ({"name": "  "}, "This field is required."),
    ({"city": "x" * 121}, "Field cannot be longer than 120 characters."),
    ({"description": "x" * 2001}, "Field cannot be longer than 2000 characters."),
    ({"groups": [99999]}, "is not a valid choice"),
    ({"name": " kadyr KASIET "}, "An organisation with this name is already listed."),
    ({"name": "АНА ҮЙІ"}, "An organisation with this name is already listed."),  # Cyrillic, beyond SQLite's LOWER
])
def test_bad_input_is_refused_with_the_form_refilled(person, orgs, form, problem):
    page = person("coordinator").post("/organisations/new", data=valid(contact="Telegram @dialog", **form))
    assert page.status_code == 400 and problem in page.text and "Telegram @dialog" in page.text
    assert 'aria-invalid="true"' in page.text or "groups" in form
    assert Organisation.select().count() == 2


def test_an_organisation_keeps_its_own_name(person, orgs):
    response = person("coordinator").post(f"/organisations/{orgs['other']}", data=valid(name="ана үйі"))
    assert response.status_code == 302 and Organisation.get_by_id(orgs["other"]).name == "ана үйі"


def test_one_that_leaves_is_gone_from_the_pdf_until_it_is_brought_back(app, person, world, orgs):
    client = person("coordinator")
    for _ in range(2):  # a repeated click is harmless
        assert client.post(f"/organisations/{orgs['other']}/leave").status_code == 302
    assert "had already left" in client.get("/organisations").text
    assert pdf_organisations(app, world) == ["Kadyr Kasiet"]
    page = client.get("/organisations").text
    assert "The PDF lists 1 submitting organisation." in page and "Left the coalition" in page
    assert f'action="/organisations/{orgs["other"]}/return"' in page
    assert client.post(f"/organisations/{orgs['other']}/return").status_code == 302
    assert client.post(f"/organisations/{orgs['other']}/return").status_code == 302
    assert pdf_organisations(app, world) == ["Kadyr Kasiet", "Ана үйі"]
    assert Organisation.get_by_id(orgs["other"]).left_at is None


def test_the_coordinating_organisation_cannot_leave(person, orgs):
    response = person("coordinator").post(f"/organisations/{orgs['lead']}/leave")
    assert response.status_code == 409 and "Choose another coordinating organisation" in response.text
    assert Organisation.get_by_id(orgs["lead"]).left_at is None


def test_a_name_is_shown_as_text(person, orgs):
    client = person("coordinator")
    assert client.post("/organisations/new", data=valid(name="<b>Bold</b> & Co")).status_code == 302
    for role in ("coordinator", "member"):
        page = person(role).get("/organisations").text
        assert "&lt;b&gt;Bold&lt;/b&gt; &amp; Co" in page and "<b>Bold</b>" not in page
