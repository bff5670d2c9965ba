"""The accent colour's contrast checks (WCAG 2 relative luminance)."""
import pytest

from text.colours import DEFAULT_ACCENT, MIN_CONTRAST, contrast_with_white, darkened


@pytest.mark.parametrize(("colour", "ratio"), [("#ffffff", 1.0), ("#000000", 21.0), ("#767676", 4.54)])
def test_contrast_with_white_matches_wcag(colour, ratio):
    assert contrast_with_white(colour) == pytest.approx(ratio, abs=0.01)


def test_the_default_accent_passes():
    assert contrast_with_white(DEFAULT_ACCENT) >= MIN_CONTRAST


@pytest.mark.parametrize("colour", ["#ffcc00", "#66CCFF", "#ffffff"])
def test_a_light_colour_is_darkened_until_it_passes_and_keeps_its_hue(colour):
    suggestion = darkened(colour)
    assert contrast_with_white(suggestion) >= MIN_CONTRAST
    assert contrast_with_white(darkened(suggestion)) == contrast_with_white(suggestion)  # a passing one stays
    red, green, blue = (int(suggestion[i:i + 2], 16) for i in (1, 3, 5))
    assert (red >= green) == (int(colour[1:3], 16) >= int(colour[3:5], 16))
