"""The screenshot tests' comparison (tests/shots.py): anti-aliasing passes, a moved box or another size fails."""
from PIL import Image, ImageDraw

from tests.shots import compact, difference


def page(tmp_path, name, box_left=40, size=(400, 300), shade=0):
    """A white page with a dark box (a block of text), `shade` levels lighter (as anti-aliasing shifts text)."""
    image = Image.new("RGB", size, "white")
    ImageDraw.Draw(image).rectangle((box_left, 40, box_left + 200, 120), fill=(30 + shade,) * 3)
    path = tmp_path / name
    image.save(path)
    compact(path)
    return path


def test_a_shift_of_shade_is_no_difference_but_a_change_of_colour_is(tmp_path):
    diff = tmp_path / "diff.png"
    assert difference(page(tmp_path, "a.png"), page(tmp_path, "b.png", shade=40), diff) is None
    assert not diff.exists()
    assert difference(page(tmp_path, "a.png"), page(tmp_path, "c.png", shade=60), diff) is not None


def test_a_box_moved_by_three_pixels_differs_and_is_drawn(tmp_path):
    diff = tmp_path / "diff.png"
    found = difference(page(tmp_path, "a.png"), page(tmp_path, "b.png", box_left=43), diff)
    assert found is not None and "of the pixels differ" in found
    with Image.open(diff) as drawn:
        assert drawn.convert("RGB").getpixel((41, 80)) == (255, 0, 0)


def test_another_size_differs(tmp_path):
    found = difference(page(tmp_path, "a.png"), page(tmp_path, "b.png", size=(400, 320)), tmp_path / "diff.png")
    assert found == "size (400, 320), the reference's (400, 300)"
