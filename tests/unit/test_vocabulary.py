"""The shared words live in coalition/vocabulary.py: the layers under the web (use cases, the command line, files,
text) never reach into web/forms.py for them, and the forms offer the vocabulary's own words."""
import ast
from pathlib import Path

import pytest

from coalition import vocabulary
from web import forms

ROOT = Path(__file__).resolve().parents[2]
BELOW_THE_WEB = ["coalition", "ops", "export", "text"]


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, by its full name (`from web import forms` counts as web.forms)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def test_the_import_check_sees_every_spelling(tmp_path):
    source = tmp_path / "sample.py"
    source.write_text("import web.forms\nfrom web import forms\nfrom web.forms import body_error\n"
                      "def late():\n    from web.forms import password_error\n")
    assert {"web.forms", "web.forms.body_error", "web.forms.password_error"} <= imported_modules(source)


@pytest.mark.parametrize("folder", BELOW_THE_WEB)
def test_no_layer_below_the_web_imports_the_forms(folder):
    offenders = sorted(str(path.relative_to(ROOT)) for path in (ROOT / folder).rglob("*.py")
                       if any(name == "web.forms" or name.startswith("web.forms.") for name in imported_modules(path)))
    assert not offenders, f"import the words from coalition.vocabulary instead: {offenders}"


def test_the_forms_offer_the_vocabularys_words_in_its_order():
    assert [(choice.value, choice.label) for choice in forms.ASSESSMENTS] == list(vocabulary.ASSESSMENT_NAMES.items())
    assert [(choice.value, choice.label) for choice in forms.RESPONSES] == list(vocabulary.RESPONSE_NAMES.items())
