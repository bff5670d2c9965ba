"""coalition/members.py: member organisations added, corrected, marked as having left and brought back."""
import pytest

from coalition import members
from models import Organisation, Participation, WorkingGroup


def parts(organisation: Organisation) -> set[int]:
    return {p.group_id for p in Participation.select().where(Participation.organisation == organisation.id)}


def test_an_organisation_is_saved_with_its_groups_once_each(world):
    alpha, beta = WorkingGroup.ordered()
    offered = [alpha.id, beta.id]
    saved = members.save(Organisation(), members.OrganisationFields("Адилет", "Алматы"), [alpha.id, alpha.id],
                         offered)
    assert (saved.name, saved.city) == ("Адилет", "Алматы") and parts(saved) == {alpha.id}
    members.save(saved, members.OrganisationFields("Адилет"), [beta.id], offered)
    assert parts(saved) == {beta.id} and Organisation.get_by_id(saved.id).city == ""


def test_a_group_not_offered_keeps_its_part(world):
    alpha, beta = WorkingGroup.ordered()
    saved = members.save(Organisation(), members.OrganisationFields("Адилет"), [alpha.id, beta.id],
                         [alpha.id, beta.id])
    members.save(saved, members.OrganisationFields("Адилет"), [], [alpha.id])
    assert parts(saved) == {beta.id}


def test_a_name_already_listed_in_another_case_is_refused(world):
    members.save(Organisation(), members.OrganisationFields("Адилет"), [], [])
    with pytest.raises(members.NameTaken):
        members.save(Organisation(), members.OrganisationFields("АДИЛЕТ"), [], [])
    assert Organisation.select().count() == 1


def test_leaving_and_coming_back_happen_once(world):
    saved = members.save(Organisation(), members.OrganisationFields("Адилет"), [], [])
    assert members.leave(saved) and not members.leave(saved)
    assert Organisation.get_by_id(saved.id).left_at is not None
    assert members.bring_back(saved) and not members.bring_back(saved)
    assert Organisation.get_by_id(saved.id).left_at is None


def test_the_coordinating_organisation_does_not_leave(world):
    saved = members.save(Organisation(), members.OrganisationFields("Адилет"), [], [])
    Organisation.update(coordinates=True).where(Organisation.id == saved.id).execute()
    assert not members.leave(saved) and Organisation.get_by_id(saved.id).left_at is None
