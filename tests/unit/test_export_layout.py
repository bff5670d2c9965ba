"""The export cache's key covers everything that shapes a file (export/layout.py): were a module or a file left
out, a change to it would keep serving files built before the change."""
import ast
import re
from pathlib import Path

import pytest

from export import glyphs, layout, pdf

ROOT = Path(__file__).resolve().parents[2]
LAYOUT_PACKAGES = {"text", "export"}


def first_party_imports(path: Path) -> set[Path]:
    """The text/ and export/ modules a file imports."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        names = ([alias.name for alias in node.names] if isinstance(node, ast.Import) else
                 [f"{node.module}.{alias.name}" for alias in node.names] + [node.module]
                 if isinstance(node, ast.ImportFrom) and node.module else [])
        for name in names:
            candidate = ROOT / (name.replace(".", "/") + ".py")
            if name.split(".")[0] in LAYOUT_PACKAGES and candidate.is_file():
                found.add(candidate)
    return found


def reachable(start: list[Path]) -> set[Path]:
    seen, todo = set(), list(start)
    while todo:
        path = todo.pop()
        if path not in seen:
            seen.add(path)
            todo.extend(first_party_imports(path))
    return seen


def test_every_module_that_lays_out_a_file_is_in_the_key():
    renderers = [Path(pdf.__file__), ROOT / "export" / "word.py"]
    assert reachable(renderers) - {ROOT / "export" / "layout.py"} <= {path.resolve() for path in layout.files()}


def test_every_file_the_pdf_reads_is_in_the_key():
    stylesheet = pdf.STYLESHEET.read_text()
    fonts = {pdf.STATIC_DIR / name for name in re.findall(r'url\("app-static:/([^"]+)"\)', stylesheet)}
    templates = set((pdf.TEMPLATES / "pdf").rglob("*"))
    assert fonts and templates
    assert fonts | templates | {pdf.STYLESHEET} <= set(layout.files())


def test_a_change_to_any_file_changes_the_digest(tmp_path, monkeypatch):
    copies = []
    for number, path in enumerate(layout.files()):
        copy = tmp_path / f"{number}{path.suffix}"
        copy.write_bytes(path.read_bytes())
        copies.append(copy)
    monkeypatch.setattr(layout, "files", lambda: copies)
    before = layout.digest.__wrapped__()
    copies[-1].write_bytes(copies[-1].read_bytes() + b"\n")
    assert layout.digest.__wrapped__() != before


def test_a_missing_file_is_an_error_not_skipped(tmp_path, monkeypatch):
    monkeypatch.setattr(layout, "files", lambda: [tmp_path / "moved.py"])
    with pytest.raises(FileNotFoundError):
        layout.digest.__wrapped__()


def test_the_installed_fallback_fonts_are_in_the_key(tmp_path, monkeypatch):
    """A PDF built before the fallback fonts were installed printed boxes: installing them (or another version)
    must make new files. Read by name, size and time, not by their 150 MB of bytes."""
    font = tmp_path / "NotoSerif-Regular.ttf"
    font.write_bytes(b"version 1")
    monkeypatch.setattr(glyphs, "fallback_fonts", lambda: (glyphs.Face(font),))
    before = layout.digest.__wrapped__()
    font.write_bytes(b"version 2, longer")
    assert layout.digest.__wrapped__() != before
    monkeypatch.setattr(glyphs, "fallback_fonts", lambda: ())
    assert layout.digest.__wrapped__() != before
