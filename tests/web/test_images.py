"""Images through the web: the upload page and route for the section's writers (JSON for the editor's dialog, a
page without JavaScript), the image for every reader of the report, and each refusal in words."""
import io
import os

import pytest
from PIL import ExifTags, Image as Pillow

from coalition import removals
from models import Activity, Image, Section, User
from tests import images
from tests.helpers import parse, sent_to_login, signed_in

WRITERS, OTHERS = ("coordinator", "lead", "member"), ("reviewer", "other")
JSON = {"Accept": "application/json"}


def upload(client, section_id, data=None, alt="Complaints by year", name="chart.png", headers=None):
    form = {"alt": alt, "file": (io.BytesIO(images.png() if data is None else data), name)}
    return client.post(f"/sections/{section_id}/images", data=form, headers=headers or {})


@pytest.fixture
def image_id(app, world, own):
    """An image in the own group's section, uploaded by its member."""
    response = upload(signed_in(app, "member"), own, headers=JSON)
    assert response.status_code == 201
    return int(response.json["url"].rsplit("/", 1)[1])


def test_the_upload_page_is_for_the_sections_writers(person, client, own):
    for who in WRITERS:
        page = person(who).get(f"/sections/{own}/images/new")
        assert page.status_code == 200, who
        form = parse(page.text).find(".//form[@id='image-upload-form']")
        assert form.get("enctype") == "multipart/form-data" and form.get("action") == f"/sections/{own}/images"
        file, alt = form.find(".//input[@name='file']"), form.find(".//input[@name='alt']")
        assert file.get("accept") == "image/png,image/jpeg" and alt.get("required") is not None
        assert form.find(".//label[@for='image-alt']") is not None and "image-alt-hint" in alt.get("aria-describedby")
        assert f'href="/sections/{own}/edit"' in page.text  # back to the editor
    for who in OTHERS:
        assert person(who).get(f"/sections/{own}/images/new").status_code == 403, who
    assert sent_to_login(client.get(f"/sections/{own}/images/new"))


def test_a_writer_uploads_and_gets_the_line_for_the_text_as_json(person, own):
    response = upload(person("member"), own, data=images.photo(), alt="Protest [square]", name="IMG_1.jpg",
                      headers=JSON)
    assert response.status_code == 201
    image = Image.get()
    assert response.json == {"markdown": rf"![Protest \[square\]](/images/{image.id})", "url": f"/images/{image.id}"}
    assert (image.content_type, image.width, image.height, image.alt) == ("image/jpeg", 20, 40, "Protest [square]")
    assert image.section_id == own and image.uploaded_by_id == User.get(login="member").id
    assert image.size == len(bytes(image.data))
    kept = Pillow.open(io.BytesIO(bytes(image.data)))
    assert dict(kept.getexif()) == {} and kept.getexif().get_ifd(ExifTags.IFD.GPSInfo) == {}
    entry = Activity.get(Activity.kind == Activity.IMAGE)
    assert (entry.section_id, entry.detail) == (own, str(image.id))


def test_without_javascript_the_page_shows_the_line_and_the_image(person, own):
    page = upload(person("lead"), own)
    assert page.status_code == 200
    image = Image.get()
    tree = parse(page.text)
    assert tree.find(".//input[@id='image-line']").get("value") == f"![Complaints by year](/images/{image.id})"
    assert tree.find(".//img[@class='image-preview']").get("src") == f"/images/{image.id}"
    assert tree.find(".//form[@id='image-upload-form']") is not None  # another one may follow


@pytest.mark.parametrize(("data", "name", "said"), [
    (images.SVG, "chart.svg", "Only PNG and JPEG images"),
    (b"Just text.\n", "chart.png", "Only PNG and JPEG images"),
    (images.gif(), "anim.gif", "Only PNG and JPEG images"),
    (images.claimed_size(9000, 6000), "huge.png", "too many pixels"),
    (b"", "empty.png", "Choose an image file"),
])
def test_refusals_say_why_and_keep_nothing(person, own, data, name, said):
    client = person("member")
    response = upload(client, own, data=data, name=name, headers=JSON)
    assert response.status_code == 400 and said in response.json["error"]
    page = upload(client, own, data=data, name=name, alt="Kept description")
    assert page.status_code == 400 and said in page.text
    assert parse(page.text).find(".//input[@id='image-alt']").get("value") == "Kept description"
    assert Image.select().count() == 0 and not Activity.select().where(Activity.kind == Activity.IMAGE).exists()


def test_the_description_is_required(person, own):
    response = upload(person("member"), own, alt="   ", headers=JSON)
    assert response.status_code == 400 and "Describe the image" in response.json["error"]
    response = upload(person("member"), own, alt="x" * 301, headers=JSON)
    assert response.status_code == 400 and "too long" in response.json["error"]
    assert Image.select().count() == 0


def test_only_the_sections_writers_upload(person, client, own, world):
    for who in OTHERS:
        response = upload(person(who), own, headers=JSON)
        assert response.status_code == 403 and response.json["error"], who
        assert upload(person(who), own).status_code == 403
    assert upload(person("member"), world["sections"]["theirs"]).status_code == 403  # the other group's section
    assert sent_to_login(upload(client, own))
    assert Image.select().count() == 0


def test_a_removed_sections_upload_is_gone(person, world):
    assert upload(person("coordinator"), world["withdrawn"], headers=JSON).status_code == 410
    assert person("lead").get(f"/sections/{world['withdrawn']}/images/new").status_code == 410


def noise_png(megabytes: float) -> bytes:
    """A PNG of random pixels, which do not compress: about this large."""
    side = int((megabytes * 1024 * 1024 / 3) ** 0.5)
    out = io.BytesIO()
    Pillow.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(out, "PNG", compress_level=1)
    return out.getvalue()


def test_the_route_takes_more_than_the_apps_limit_up_to_the_image_limit(person, own):
    data = noise_png(3)  # more than MAX_CONTENT_LENGTH (2 MB), less than IMAGE_MAX_MB (5)
    assert 2 * 1024 * 1024 < len(data) < 5 * 1024 * 1024
    assert upload(person("member"), own, data=data, headers=JSON).status_code == 201


def test_a_too_large_image_is_413_with_a_clear_message(make_app, own):
    app = make_app(IMAGE_MAX_MB=1)  # on the world's database
    client = signed_in(app, "member")
    over = noise_png(1.3)  # past the route's limit: refused before anything reads it
    response = upload(client, own, data=over, headers=JSON)
    assert response.status_code == 413 and "larger than 1 MB" in response.json["error"]
    page = upload(client, own, data=over)
    assert page.status_code == 413 and "larger than 1 MB" in page.text
    assert parse(page.text).find(".//form[@id='image-upload-form']") is not None
    just_over = noise_png(1.02)  # within the room left for the form, but more than 1 MB of image
    assert 1024 * 1024 < len(just_over) < 1024 * 1024 + 60_000
    response = upload(client, own, data=just_over, headers=JSON)
    assert response.status_code == 413 and "larger than 1 MB" in response.json["error"]
    # Whoever may not upload there is told so, not about the size; the signed out are sent to sign in.
    assert upload(signed_in(app, "reviewer"), own, data=over).status_code == 403
    assert sent_to_login(upload(app.test_client(), own, data=over))
    assert Image.select().count() == 0


def test_every_reader_of_the_report_sees_the_image(person, image_id):
    for who in WRITERS + OTHERS:
        response = person(who).get(f"/images/{image_id}")
        assert response.status_code == 200, who
        assert response.mimetype == "image/png" and response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.data == bytes(Image.get_by_id(image_id).data)
        assert response.headers["Cache-Control"] == "no-store"


def test_signed_out_unknown_and_forbidden(client, person, image_id, monkeypatch):
    assert sent_to_login(client.get(f"/images/{image_id}"))
    assert person("member").get(f"/images/{image_id + 1}").status_code == 404
    monkeypatch.setattr("views.can_read", lambda user, section: False)  # no one reads but the signed in, today
    assert person("member").get(f"/images/{image_id}").status_code == 403


def test_a_removed_sections_image_is_gone_like_the_section(app, person, image_id, own):
    with app.app_context():
        removals.remove_section(Section.get_by_id(own), User.get(login="coordinator"))
    response = person("member").get(f"/images/{image_id}")
    assert response.status_code == 410 and "removed this section" in response.text


def test_the_feed_says_who_added_an_image_where(person, world, image_id):
    page = person("reviewer").get(f"/reports/{world['report']}/activity", query_string={"type": "edits"})
    what = [" ".join("".join(span.itertext()).split()) for span in parse(page.text).iter("span")
            if span.get("class") == "what"]
    assert what[0] == "Member added an image to Civil and political rights section"


def test_the_section_page_offers_the_upload_to_its_writers(person, own):
    link = f'href="/sections/{own}/images/new"'
    assert link in person("member").get(f"/sections/{own}").text
    assert link not in person("reviewer").get(f"/sections/{own}").text


def test_the_image_shows_in_the_section_page(person, own, image_id):
    client = person("member")
    assert client.post(f"/sections/{own}/edit", data={"body": f"Text.\n\n![Complaints by year](/images/{image_id})\n",
                                                      "base": 2, "action": "save"}).status_code == 302
    img = parse(client.get(f"/sections/{own}").text).find(".//article[@class='prose']//img")
    assert (img.get("src"), img.get("alt")) == (f"/images/{image_id}", "Complaints by year")
