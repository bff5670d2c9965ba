"""No view writes to the database: every write is a use case in coalition/, with its feed and audit records in
the same transaction. Checked on the source, so a new view cannot slip one in."""
import ast
from pathlib import Path

import pytest

VIEWS = Path(__file__).resolve().parents[2] / "views"
WRITES = {"create", "save", "update", "delete", "delete_instance", "insert", "insert_many", "replace", "execute",
          "atomic"}


def use_case_modules(tree: ast.Module) -> set[str]:
    """The names the module binds to coalition's modules: calling their functions (revisions.save) is the point."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "coalition":
            names.update(alias.asname or alias.name for alias in node.names)
    return names


def writes(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    allowed = use_case_modules(tree)
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        receiver = node.func.value
        if node.func.attr in WRITES and not (isinstance(receiver, ast.Name) and receiver.id in allowed):
            found.append((node.lineno, f"views/{path.name}:{node.lineno}: .{node.func.attr}(…) writes; call a use "
                                       "case in coalition/ instead"))
    return [message for _, message in sorted(found)]


@pytest.mark.parametrize("path", sorted(VIEWS.glob("*.py")), ids=lambda path: path.name)
def test_no_view_writes_to_the_database(path):
    found = writes(path)
    assert not found, "\n".join(found)


def test_the_check_finds_a_write(tmp_path):
    view = tmp_path / "sample.py"
    view.write_text("from coalition import revisions\nfrom models import User, db\n\n"
                    "def view():\n    revisions.save(1)\n    with db.atomic():\n"
                    "        User.update(active=False).where(User.id == 1).execute()\n", encoding="utf-8")
    assert [line.split(":")[1] for line in writes(view)] == ["6", "7", "7"]
