"""Dependencies point downwards (STYLE.md): checked by parsing imports, so it costs nothing."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "migrata"


def _imports(path: Path, top_level_only: bool) -> set[str]:
    tree = ast.parse(path.read_text())
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    names: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.If) and top_level_only:
            continue  # `if TYPE_CHECKING:` blocks
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _modules(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py"))


@pytest.mark.parametrize("path", _modules("project"), ids=lambda p: p.name)
def test_project_layer_never_imports_sqlalchemy_or_upper_layers(path: Path) -> None:
    for name in _imports(path, top_level_only=False):
        assert not name.startswith("sqlalchemy"), f"{path.name} imports {name}"
        assert not name.startswith(("migrata.run", "migrata.dialects", "migrata.api", "migrata.cli"))


@pytest.mark.parametrize("path", _modules("cli"), ids=lambda p: p.name)
def test_cli_imports_only_the_library_surface(path: Path) -> None:
    for name in _imports(path, top_level_only=False):
        assert not name.startswith(("sqlalchemy", "migrata.run", "migrata.dialects")), (
            f"{path.name} imports {name}"
        )


@pytest.mark.parametrize(
    "path", [*_modules("dialects"), *_modules("run"), PACKAGE / "api.py"], ids=lambda p: p.name
)
def test_nothing_below_the_cli_imports_it(path: Path) -> None:
    assert not any(n.startswith("migrata.cli") for n in _imports(path, top_level_only=False))


def test_dialect_names_are_compared_only_in_dialects() -> None:
    """Outside dialects/, code asks for capabilities, never `dialect.name == ...`."""
    for path in PACKAGE.rglob("*.py"):
        if "dialects" in path.parts or path.name == "migration.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Compare):
                operands = [node.left, *node.comparators]
                texts = {c.value for c in operands if isinstance(c, ast.Constant)}
                assert not texts & {"sqlite", "postgresql", "mysql", "mariadb"}, (
                    f"{path.relative_to(PACKAGE)}:{node.lineno} compares a dialect name"
                )


def test_help_does_not_import_sqlalchemy() -> None:
    import subprocess
    import sys

    code = "import sys, migrata.cli; sys.exit('sqlalchemy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
