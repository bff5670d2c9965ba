"""Migration step "images": a database as the step before left it (on SQLite and PostgreSQL) gains the table of
sections' pictures, which takes a picture of a section that existed before, and keeps the sections' texts."""
import pytest

from models import Image, ImmutableRow, Revision
from ops import migrations
from tests.domain.old_schema import database_at, written_section

pytestmark = pytest.mark.both_databases  # a schema step: each database's DDL

STEP = migrations.STEPS.index(migrations.images) + 1


@pytest.mark.empty_database
def test_upgrade_adds_the_images_table(database_url):
    database = database_at(database_url, STEP - 1)
    assert not database.table_exists("image")
    section, person = written_section()
    assert migrations.upgrade(database) == list(range(STEP, len(migrations.STEPS) + 1))
    assert {c.name for c in database.get_columns("image")} == {f.column_name for f in Image._meta.sorted_fields}
    image = Image.create(section=section, uploaded_by=person, content_type="image/png", data=b"\x89PNG", width=1,
                         height=1, alt="A chart", sha256="a" * 64, size=4)
    assert bytes(Image.get_by_id(image.id).data) == b"\x89PNG"
    with pytest.raises(ImmutableRow):
        image.delete_instance()
    assert [r.body for r in Revision.select()] == ["Kept.\n"]
    assert migrations.upgrade(database) == []
    migrations.images(database, None)  # run again on its own: nothing to do, nothing lost
    assert Image.select().count() == 1
    database.close()
