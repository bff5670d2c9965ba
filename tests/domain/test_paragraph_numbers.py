"""A section page numbers its paragraphs as the report's PDF does, from the revisions' stored counts: the same
numbers as composing the whole document and counting its paragraphs."""
from coalition import exports, revisions
from models import Revision, Section, User, WorkingGroup
from text.markup import numbered_paragraphs


def composed_numbers(report_id: int) -> dict[int, int]:
    """Section id -> its first paragraph's number, counted on the composed document (the PDF's way)."""
    section = Section.live(report_id).first()
    sections = list(Section.live(report_id))
    document = exports.compose(section.report, sections, exports._head_bodies([s.id for s in sections]), True)
    numbers, before = {}, 0
    for part in document.sections:
        numbers[int(part.anchor.removeprefix("section-"))] = before + 1
        before += len(numbered_paragraphs(part.body))
    return numbers


def test_the_stored_counts_number_the_paragraphs_as_the_pdf_does(app, world):
    with app.app_context():
        lead = User.get(User.login == "lead")
        group = WorkingGroup.get_by_id(world["group"])
        # A section placed first in its group, a text with a heading, a list and three numbered paragraphs; a
        # revision stored without its count (written before the count was kept), read from its text; no text.
        first = Section.create(report=world["report"], group=group, title="Opening", position=-1)
        revisions.save(first, lead, "## Heading\n\nOne.\nTwo.\n\n- item\n\nThree.\n", "first", 0)
        uncounted = Section.create(report=world["report"], group=group, title="Older", position=4)
        Revision.create(section=uncounted, number=1, author=lead, body="Four.\n\nFive.\n", paragraphs=None)
        empty = Section.create(report=world["report"], group=group, title="Not written yet", position=5)
        numbers = composed_numbers(world["report"])
        assert (numbers[world["sections"]["own"]], numbers[empty.id], len(numbers)) == (4, 7, 5)
        assert {s.id: exports.first_paragraph_number(s) for s in Section.live(world["report"])} == numbers
        assert exports.first_paragraph_number(empty) == numbers[empty.id]
