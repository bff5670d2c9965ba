"""coalition/reports.save_settings: a report's particulars and the one coordinating organisation."""
from datetime import date

from coalition import members, reports
from models import Organisation, Report


def organisation(name: str) -> Organisation:
    return members.save(Organisation(), members.OrganisationFields(name), [], [])


def values(report: Report, **changes) -> dict:
    return {**{name: getattr(report, name) for name in reports.FIELDS}, **changes}


def test_the_particulars_are_saved_and_an_emptied_one_is_emptied(world):
    report = Report.get_by_id(world["report"])
    reports.save_settings(report, values(report, title="Alternative report", deadline=date(2027, 3, 1)), None)
    reports.save_settings(report, values(Report.get_by_id(report.id), deadline=None, cycle=""), None)
    saved = Report.get_by_id(report.id)
    assert (saved.title, saved.deadline, saved.cycle) == ("Alternative report", None, "")


def test_one_organisation_coordinates_or_none(world):
    report, first, second = Report.get_by_id(world["report"]), organisation("Адилет"), organisation("Кадыр")
    reports.save_settings(report, values(report), first.id)
    reports.save_settings(report, values(report), second.id)
    assert [o.id for o in Organisation.select().where(Organisation.coordinates == True)] == [second.id]
    reports.save_settings(report, values(report), 0)
    assert Organisation.coordinating() is None
