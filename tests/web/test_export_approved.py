"""'Only the approved revisions': what the coalition approved, and no DRAFT mark once all of it is."""
import pytest

from models import Section
from tests.helpers import pdf_text, signed_in
from tests.web.exporting import make_file

DRAFT = "ПРОЕКТ"  # the world report's language is Russian


def approve(app, key, world, number=1):
    with app.app_context():
        Section.update(status=Section.APPROVED, approved_number=number).where(
            Section.id == world["sections"][key]).execute()


def approved_pdf(app, world, who="member"):
    client = signed_in(app, who)
    export = make_file(client, f"/reports/{world['report']}/export", approved_only="y")
    return pdf_text(client.get(f"/exports/{export}/download").data)


def test_only_approved_sections_with_their_approved_text(app, world):
    approve(app, "own", world, number=1)
    text = approved_pdf(app, world)
    assert "Первый вариант текста." in text and "Второй вариант" not in text
    assert "Women's rights section" not in text  # never approved: left out
    assert DRAFT in text  # the report as a whole is not approved yet


@pytest.mark.parametrize("who", ["member", "reviewer", "coordinator"])
def test_a_fully_approved_report_has_no_draft_mark(app, world, who):
    approve(app, "own", world, number=2)
    approve(app, "theirs", world, number=2)
    text = approved_pdf(app, world, who)
    assert "Второй вариант текста" in text and DRAFT not in text


def test_the_current_text_of_an_approved_report_is_still_a_draft_for_members(app, world):
    approve(app, "own", world, number=2)
    approve(app, "theirs", world, number=2)
    client = signed_in(app, "member")
    export = make_file(client, f"/reports/{world['report']}/export")
    assert DRAFT in pdf_text(client.get(f"/exports/{export}/download").data)
