"""The packages' rules, read from every module's imports (README, "The code"): text/, export/ and readers/ are pure, the
use cases never reach up into the web layer, and nothing but the app factory knows the views."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROJECT = {"app", "config", "models", "coalition", "export", "ops", "readers", "text", "views", "web"}
WEB_FRAMEWORK = {"flask", "flask_babel", "flask_limiter", "flask_login", "flask_wtf", "werkzeug", "wtforms"}

# package: the first-party packages and modules its modules may import, and the third-party ones they may not
RULES = {
    "text": ({"text"}, WEB_FRAMEWORK | {"peewee", "playhouse"}),
    "export": ({"text", "export"}, WEB_FRAMEWORK | {"peewee", "playhouse"}),
    "readers": ({"text", "readers"}, WEB_FRAMEWORK | {"peewee", "playhouse"}),
    "coalition": ({"text", "export", "readers", "coalition", "models", "config"}, {"flask_wtf", "wtforms"}),
    "web": ({"text", "coalition", "models", "config", "web"}, set()),
    "ops": ({"text", "export", "readers", "coalition", "models", "config", "ops"}, set()),
    "views": ({"text", "export", "readers", "coalition", "models", "config", "web", "views"}, set()),
}


def imported(path: Path) -> set[str]:
    """The top-level names of the modules a file imports (relative imports name its own package)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            names.add(path.relative_to(ROOT).parts[0] if node.level else node.module.split(".")[0])
    return names


def modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("package", sorted(RULES))
def test_each_package_imports_only_what_its_rule_allows(package):
    allowed, forbidden = RULES[package]
    assert modules(package), f"{package}/ has no modules: the rules name a package that moved"
    broken = {}
    for path in modules(package):
        wrong = sorted((imported(path) & PROJECT) - allowed | (imported(path) & forbidden))
        if wrong:
            broken[str(path.relative_to(ROOT))] = wrong
    assert not broken, f"imports that break {package}/'s rule: {broken}"


def test_every_package_has_a_rule():
    packages = {path.parent.name for path in ROOT.glob("*/__init__.py")} - {"tests", "bench"}
    assert packages == set(RULES)


def test_the_checker_sees_a_forbidden_import(tmp_path, monkeypatch):
    """The rule check itself: a pure module that imports the models is caught, in either spelling."""
    package = tmp_path / "text"
    package.mkdir()
    (package / "bad.py").write_text("import re\nfrom models import Section\n\ndef f():\n    import flask\n")
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    assert imported(package / "bad.py") == {"re", "models", "flask"}
