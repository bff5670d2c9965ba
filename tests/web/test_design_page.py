"""The design system's page: the coordinator's alone, and it shows every token and icon there is."""
import re
from pathlib import Path

import pytest

from views.design import COLOURS, SPACES, STEPS

ROOT = Path(__file__).parents[2]
STYLESHEET = (ROOT / "static/style.css").read_text()


def test_the_coordinator_sees_every_icon_and_the_buttons(person):
    page = person("coordinator").get("/design")
    assert page.status_code == 200
    icons = set(re.findall(r'\{\{ icon\("([a-z-]+)"\)', (ROOT / "templates/base.html").read_text()))
    shown = set(re.findall(r'<svg class="icon"[^>]*>.*?</svg><code>([a-z-]+)</code>', page.text))
    assert icons and icons <= shown
    assert '<button type="button" class="danger">' in page.text and 'class="badge warn"' in page.text


@pytest.mark.parametrize("role", ["lead", "member", "reviewer"])
def test_others_are_refused(person, role):
    assert person(role).get("/design").status_code == 403


def test_every_token_shown_is_defined_on_root():
    root = STYLESHEET[STYLESHEET.index(":root {"):STYLESHEET.index("}", STYLESHEET.index(":root {"))]
    names = [f"--{c}" for c in COLOURS] + [f"--step-{s}" for s in STEPS] + [f"--space-{n}" for n in SPACES]
    assert [name for name in names if f"{name}:" not in root] == []
