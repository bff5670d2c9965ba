"""images.store and the exported files' images without HTTP: what is kept, what the feed says, and which images a
document carries (those its texts show, of sections still in the report)."""
import hashlib
import io

import pytest
from PIL import Image as Pillow

from coalition import exports, images, removals, revisions
from models import Activity, Image, Report, Section, User
from tests import images as samples


@pytest.fixture
def writer(app, blank_section):
    """The person who uploads, in a request (the refusals are said in its language)."""
    with app.test_request_context():
        yield User.create(login="writer", display_name="Writer", password_hash="-")


def test_store_keeps_the_clean_image_and_tells_the_feed(blank_section, writer):
    image = images.store(blank_section, writer, samples.photo(), "  A square,\n full of people  ")
    kept = Image.get_by_id(image.id)
    data = bytes(kept.data)
    assert (kept.alt, kept.content_type, kept.size, kept.sha256) == (
        "A square, full of people", "image/jpeg", len(data), hashlib.sha256(data).hexdigest())
    assert b"PhoneMaker" not in data and b"GPS" not in data
    entry = Activity.get()
    assert (entry.kind, entry.section_id, entry.user_id, entry.detail) == (
        Activity.IMAGE, blank_section.id, writer.id, str(image.id))


def test_a_refusal_keeps_nothing(blank_section, writer):
    with pytest.raises(images.Refused):
        images.store(blank_section, writer, samples.SVG, "A chart")
    with pytest.raises(images.TooLarge):
        images.store(blank_section, writer, b"\x89PNG" + b"0" * 5 * images.MB, "A chart")
    assert Image.select().count() == 0 and Activity.select().count() == 0


def test_a_document_carries_the_images_its_texts_show(app, blank_section, writer):
    shown = images.store(blank_section, writer, samples.png(), "Shown")
    images.store(blank_section, writer, samples.png(), "Uploaded, never put in the text")
    other = Section.create(report=blank_section.report, group=blank_section.group, title="Other")
    removed = images.store(other, writer, samples.png(10, 10), "Of a section removed later")
    revisions.save(blank_section, writer, f"![Shown](/images/{shown.id})\n\n![Gone](/images/{removed.id})\n\n"
                   "![Unknown](/images/999)", "", 0)
    before = exports.document_for(blank_section.report, blank_section)
    removals.remove_section(other, writer)
    after = exports.document_for(blank_section.report, blank_section)
    assert [image.id for image in before.images] == [shown.id, removed.id]
    assert [(image.id, image.width, image.height) for image in after.images] == [(shown.id, 40, 30)]
    assert Pillow.open(io.BytesIO(after.images[0].data)).size == (40, 30)
    assert exports.cache_key(before, "pdf") != exports.cache_key(after, "pdf")


def test_a_document_carries_no_image_of_another_report(blank_section, writer):
    """A text may name any address: another report's picture (which its readers may not see) stays out."""
    elsewhere = Section.create(report=Report.create(title="Another", country="Kazakhstan", mechanism="UPR"),
                               group=blank_section.group, title="Elsewhere")
    foreign = images.store(elsewhere, writer, samples.png(), "Another report's")
    revisions.save(blank_section, writer, f"![Borrowed](/images/{foreign.id})", "", 0)
    assert exports.document_for(blank_section.report, blank_section).images == ()
