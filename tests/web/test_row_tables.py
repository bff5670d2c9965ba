"""The people's and the organisations' tables: a column only when it has something to show, and each row's
actions in a cell of their own (kept on one line by the stylesheet)."""
from models import Organisation


def test_the_contact_column_only_when_someone_has_a_contact(app, person, world):
    with app.app_context():
        quiet = Organisation.create(name="Ана үйі", city="Atyrau")
    coordinator = person("coordinator")
    assert ">Contact</th>" not in coordinator.get("/organisations").text
    with app.app_context():
        Organisation.update(contact="+7 701 000 00 00").where(Organisation.id == quiet.id).execute()
    page = coordinator.get("/organisations").text
    assert ">Contact</th>" in page and "+7 701 000 00 00" in page
    assert ">Contact</th>" not in person("member").get("/organisations").text  # the coordinator's alone


def test_row_actions_sit_in_their_own_cell(app, person, world):
    with app.app_context():
        Organisation.create(name="Ана үйі", city="Atyrau")
    assert 'class="row-actions"' in person("coordinator").get("/organisations").text
    assert 'class="row-actions"' in person("coordinator").get("/people").text
