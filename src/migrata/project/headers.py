"""Metadata of a migration: SQL/script header comments, Python module attributes, migration.toml.

All of it is read without running anything: headers are comments, Python files are parsed with
``ast`` (so that planning never imports user code), and folders use TOML.
"""

from __future__ import annotations

import ast
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from migrata.errors import MigrationFileError

_COMMENT = re.compile(r"^\s*(?:--|#|//)\s?(.*)$")
_KEY_VALUE = re.compile(r"^([A-Za-z][\w-]*)\s*:\s*(.*?)\s*$")
_TRUE = {"on", "true", "yes", "1"}
_FALSE = {"off", "false", "no", "0"}
KNOWN_KEYS = ("depends", "transaction", "irreversible", "description")


@dataclass(frozen=True)
class Header:
    """What a migration says about itself."""

    depends: tuple[str, ...] = ()
    transaction: bool = True
    irreversible: bool = False
    description: str = ""
    has_upgrade: bool = True
    has_downgrade: bool = False
    extra: dict[str, object] = field(default_factory=dict)


def split_names(value: str) -> tuple[str, ...]:
    """Split a comma-separated list of migration names (names may contain spaces)."""
    return tuple(part.strip() for part in value.split(",") if part.strip())


def _boolean(value: str, path: Path | str, line: int, key: str) -> bool:
    word = value.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise MigrationFileError(path, f"header {key!r} must be on or off, not {value!r}", line)


def parse_comment_header(text: str, path: Path | str) -> Header:
    """Read ``-- key: value`` lines (or ``#``/``//`` comments) at the top of a file.

    The header ends at the first line that is neither blank nor a comment; a shebang is skipped.
    Comments that are not one of the known keys are ordinary comments.
    """
    values: dict[str, object] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if number == 1 and line.startswith("#!"):
            continue
        if not line.strip():
            continue
        comment = _COMMENT.match(line)
        if not comment:
            break
        body = comment.group(1).strip()
        if body.lower() == "irreversible":
            values["irreversible"] = True
            continue
        pair = _KEY_VALUE.match(body)
        if not pair or pair.group(1).lower() not in KNOWN_KEYS:
            continue
        key, value = pair.group(1).lower(), pair.group(2)
        if key == "irreversible" and value.strip().lower() not in _TRUE | _FALSE:
            values["irreversible"] = True  # "-- irreversible: why" gives the reason
        elif key == "depends":
            values["depends"] = (*values.get("depends", ()), *split_names(value))  # type: ignore[misc]
        elif key == "description":
            values["description"] = value
        else:
            values[key] = _boolean(value, path, number, key)
    return Header(**values)  # type: ignore[arg-type]


def _literal(node: ast.expr, path: Path, name: str) -> object:
    try:
        return ast.literal_eval(node)
    except ValueError:
        raise MigrationFileError(
            path, f"{name} must be a literal value so it can be read without importing", node.lineno
        ) from None


def parse_python_header(text: str, path: Path) -> Header:
    """Read ``depends``/``transaction``/``irreversible``/``description`` and the callables."""
    try:
        tree = ast.parse(text, filename=str(path))
    except SyntaxError as exc:
        raise MigrationFileError(path, f"is not valid Python: {exc.msg}", exc.lineno) from None
    values: dict[str, object] = {}
    defined: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            defined.add(node.name)
        elif isinstance(node, ast.ImportFrom | ast.Import):
            defined.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if not isinstance(target, ast.Name):
                    continue
                defined.add(target.id)
                if target.id in KNOWN_KEYS and node.value is not None:
                    values[target.id] = _literal(node.value, path, target.id)
    depends = values.get("depends", ())
    if isinstance(depends, str):
        depends = split_names(depends)
    if not isinstance(depends, list | tuple) or not all(isinstance(d, str) for d in depends):
        raise MigrationFileError(path, "depends must be a list of migration names")
    return Header(
        depends=tuple(depends),
        transaction=bool(values.get("transaction", True)),
        irreversible=bool(values.get("irreversible", False)),
        description=str(values.get("description") or ast.get_docstring(tree) or "").strip(),
        has_upgrade=bool(defined & {"upgrade", "migrate"}),
        has_downgrade="downgrade" in defined,
    )


def parse_folder_header(path: Path) -> tuple[Header, list[str] | None]:
    """Read a folder migration's ``migration.toml``; return its header and its explicit steps."""
    toml_path = path / "migration.toml"
    try:
        data = tomllib.loads(toml_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise MigrationFileError(toml_path, f"cannot be read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise MigrationFileError(toml_path, f"is not valid TOML ({exc})") from None
    depends = data.get("depends", [])
    if isinstance(depends, str):
        depends = list(split_names(depends))
    steps = data.get("steps")
    if steps is not None and not (isinstance(steps, list) and all(isinstance(s, str) for s in steps)):
        raise MigrationFileError(toml_path, "steps must be a list of file names")
    for key in ("transaction", "irreversible"):
        if key in data and not isinstance(data[key], bool):
            raise MigrationFileError(toml_path, f"{key} must be true or false")
    header = Header(
        depends=tuple(depends),
        transaction=data.get("transaction", True),
        irreversible=data.get("irreversible", False),
        description=str(data.get("description", "")),
    )
    return header, steps
