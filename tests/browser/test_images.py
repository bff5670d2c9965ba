"""An image as a member adds one: uploaded from the page that works without JavaScript, its line put in the text,
and shown in the section's page, with none of the photo's location kept."""
import io
import re

import pytest
from PIL import ExifTags, Image
from playwright.sync_api import expect

from tests import images
from tests.browser.steps import save, sign_in
from tests.browser.test_accessibility import violations

pytestmark = pytest.mark.browser


def test_a_member_uploads_a_photo_and_shows_it_in_the_section(page):
    sign_in(page, "member")
    page.get_by_role("link", name="Civil and political rights section").click()
    page.get_by_role("link", name="Add an image").click()
    assert violations(page) == []
    page.get_by_label("Image file (PNG or JPEG)").set_input_files(
        {"name": "chart.svg", "mimeType": "image/svg+xml", "buffer": images.SVG})
    page.get_by_label("Description of the image (alternative text)").fill("A chart")
    page.get_by_role("button", name="Upload the image").click()
    expect(page.get_by_role("alert")).to_contain_text("Only PNG and JPEG images can be uploaded")
    expect(page.get_by_label("Description of the image (alternative text)")).to_have_value("A chart")
    assert violations(page) == []
    page.get_by_label("Image file (PNG or JPEG)").set_input_files(
        {"name": "IMG_2041.jpg", "mimeType": "image/jpeg", "buffer": images.photo(400, 200)})
    page.get_by_label("Description of the image (alternative text)").fill("People on the square")
    page.get_by_role("button", name="Upload the image").click()
    line = page.get_by_label("Line for the text")
    expect(line).to_have_value(re.compile(r"^!\[People on the square\]\(/images/\d+\)$"))
    markdown = line.input_value()
    assert violations(page) == []
    url = markdown[markdown.index("(") + 1:-1]
    kept = Image.open(io.BytesIO(page.request.get(url).body()))
    assert kept.size == (200, 400)  # turned upright by its orientation
    assert kept.getexif().get_ifd(ExifTags.IFD.GPSInfo) == {} and "exif" not in kept.info

    page.get_by_role("link", name="Back to the editor").click()
    text = page.get_by_label("Text (Markdown)")
    expect(text).to_be_editable()
    text.fill(text.input_value() + f"\n\n{markdown}\n")
    save(page, "A photo of the assembly")
    expect(page.locator("#messages")).to_contain_text("Saved as revision")
    shown = page.locator("article.prose img")
    expect(shown).to_have_attribute("alt", "People on the square")
    expect(shown).to_have_attribute("src", url)
    # Read by the locator, not wait_for_function: that one evals its text in the page, which the CSP forbids.
    expect(shown).to_have_js_property("naturalWidth", 200)

    signed_out = page.context.browser.new_context(base_url=page.url.split("/sections")[0])
    try:
        answer = signed_out.request.get(url, max_redirects=0)
        assert answer.status == 302 and "/login" in answer.headers["location"]
    finally:
        signed_out.close()
