"""The coordinator's pages at 1366 and 390 px look as their references (tests/screenshots/coordinator/);
one file a role, so that pytest-xdist runs the roles side by side."""
import pytest

pytestmark = pytest.mark.browser


def test_the_coordinators_pages_look_as_their_references(pictures_as_before):
    pictures_as_before("coordinator")
