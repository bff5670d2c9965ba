"""The coalition's member organisations: added and corrected with the working groups they take part in, marked
as having left (never deleted: they leave the PDF's submitting organisations) and brought back."""
from dataclasses import dataclass

from models import Organisation, Participation, db, utcnow


class NameTaken(Exception):
    """Another organisation has this name already, whatever its case."""


@dataclass(frozen=True)
class OrganisationFields:
    name: str
    city: str = ""
    description: str = ""
    contact: str = ""


def name_taken(name: str, own_id: int | None = None) -> bool:
    # Compared in Python: SQLite's LOWER folds only ASCII, and the names are mostly Cyrillic.
    others = Organisation.select(Organisation.name).where(Organisation.id != (own_id or 0))
    return any(other.name.strip().casefold() == name.casefold() for other in others)


def save(organisation: Organisation, fields: OrganisationFields, group_ids: list[int],
         offered_ids: list[int]) -> Organisation:
    """The organisation (new or not) and its part in the groups offered (`offered_ids`): those of `group_ids`.
    Its part in groups not offered (removed ones) stays as it was."""
    with db.atomic():
        if name_taken(fields.name, organisation.id):
            raise NameTaken()
        for name in ("name", "city", "description", "contact"):
            setattr(organisation, name, getattr(fields, name))
        organisation.save()
        Participation.delete().where(Participation.organisation == organisation.id,
                                     Participation.group.in_(offered_ids)).execute()
        for group_id in dict.fromkeys(group_ids):  # a group sent twice is one part in it
            Participation.create(organisation=organisation.id, group=group_id)
    return organisation


def leave(organisation: Organisation) -> bool:
    """Mark it as having left; False if it had already left, or coordinates the coalition (that one is always on
    the cover: the report settings may have made it the coordinating one a moment ago)."""
    return bool(Organisation.update(left_at=utcnow())
                .where(Organisation.id == organisation.id, Organisation.left_at.is_null(),
                       Organisation.coordinates == False).execute())


def bring_back(organisation: Organisation) -> bool:
    """Back in the coalition and in the PDF; False if it was in it already."""
    return bool(Organisation.update(left_at=None)
                .where(Organisation.id == organisation.id, Organisation.left_at.is_null(False)).execute())
