"""Files for ``init`` and ``new``: a configuration, and a migration with the next number."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Sequence
from pathlib import Path

from migrata.config import CONFIG_NAME, Config
from migrata.errors import ConfigError
from migrata.project.migration import parse_sql_filename
from migrata.project.natural import leading_number

KINDS = ("sql", "py", "exec", "dir")

_CONFIG_TEMPLATE = """\
# migrata configuration: see docs/configuration.md
migrations = "migrations"
table = "migrata_history"
{url_line}
"""


def init_project(folder: Path, url: str | None = None) -> list[Path]:
    """Write migrata.toml and the migrations folder; return what was created."""
    folder = folder.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / CONFIG_NAME
    if config.exists():
        raise ConfigError(f"{config} already exists; this project is set up")
    url_line = f'url = "{url}"' if url else '# url = "sqlite:///app.db"   (or MIGRATA_URL, or --url)'
    config.write_text(_CONFIG_TEMPLATE.format(url_line=url_line), encoding="utf-8")
    migrations = folder / "migrations"
    created = [config]
    if not migrations.exists():
        migrations.mkdir(parents=True)
        created.append(migrations)
    return created


def next_prefix(folder: Path) -> str:
    """The next number for a migration, zero-padded like the existing ones (at least 4 digits)."""
    numbers, width = [], 4
    if folder.is_dir():
        for entry in folder.iterdir():
            match = re.match(r"\d+", entry.name)
            if match and _is_migration(entry):
                numbers.append(leading_number(entry.name) or 0)
                width = max(width, len(match.group()))
    return str(max(numbers, default=0) + 1).zfill(width)


def _is_migration(path: Path) -> bool:
    """Whether a folder entry is a migration (a README named 0099_notes.txt is not)."""
    if path.is_dir():
        return (path / "migration.toml").is_file()
    if parse_sql_filename(path.name) or path.suffix == ".py":
        return True
    return path.suffix not in {".md", ".txt", ".rst", ".out"} and os.access(path, os.X_OK)


def _check_depends(folder: Path, depends: Sequence[str]) -> None:
    """A dependency on a migration of this folder must name one that exists."""
    local = [d for d in depends if ":" not in d]
    if not local:
        return
    from migrata.project.discover import Source, discover_migrations

    names = {m.name for m in discover_migrations([Source(folder)])}
    for dependency in local:
        if dependency not in names:
            raise ConfigError(f"--depends {dependency}: no migration in {folder} has that name")


def slug(name: str) -> str:
    cleaned = re.sub(r"\s+", "_", name.strip())
    if not cleaned or "/" in cleaned or cleaned.startswith("."):
        raise ConfigError(f"{name!r} cannot be a migration name")
    return cleaned


def new_migration(
    config: Config, name: str, kind: str = "sql", depends: Sequence[str] = (), down: bool = False
) -> list[Path]:
    """Create a migration named ``NNNN_name`` of *kind*; return the files written."""
    if kind not in KINDS:
        raise ConfigError(f"unknown migration kind {kind!r} (one of {', '.join(KINDS)})")
    folder = config.migrations_dir
    folder.mkdir(parents=True, exist_ok=True)
    _check_depends(folder, depends)
    stem = f"{next_prefix(folder)}_{slug(name)}"
    writer = {"sql": _sql, "py": _python, "exec": _executable, "dir": _directory}[kind]
    created = writer(folder, stem, name, list(depends), down)
    if config.vcs == "git":
        _git_add(config.root, created)
    return created


def _header(description: str, depends: list[str], prefix: str = "--") -> str:
    lines = [f"{prefix} description: {description}"]
    if depends:
        lines.append(f"{prefix} depends: {', '.join(depends)}")
    return "\n".join(lines) + "\n"


def _sql(folder: Path, stem: str, description: str, depends: list[str], down: bool) -> list[Path]:
    up = folder / f"{stem}.sql"
    up.write_text(_header(description, depends) + "\n", encoding="utf-8")
    created = [up]
    if down:
        reverse = folder / f"{stem}.down.sql"
        reverse.write_text(f"-- Reverses {stem}.sql\n\n", encoding="utf-8")
        created.append(reverse)
    return created


def _python(folder: Path, stem: str, description: str, depends: list[str], down: bool) -> list[Path]:
    path = folder / f"{stem}.py"
    body = (
        f'"""{description}"""\n\n'
        f"depends = {depends!r}\n\n\n"
        "def upgrade(ctx):\n"
        "    # ctx.execute(sql, params) runs one statement; ctx.run_sql() runs a .sql file.\n"
        f'    raise NotImplementedError("write the upgrade of {stem}")\n'
    )
    if down:
        body += (
            "\n\ndef downgrade(ctx):\n"
            f'    raise NotImplementedError("write the downgrade of {stem}")\n'
        )
    path.write_text(body, encoding="utf-8")
    return [path]


def _executable(folder: Path, stem: str, description: str, depends: list[str], down: bool) -> list[Path]:
    path = folder / f"{stem}.sh"
    path.write_text(
        "#!/bin/sh\n"
        + _header(description, depends, "#")
        + "# Runs with MIGRATA_URL, MIGRATA_DIALECT, MIGRATA_MIGRATION and MIGRATA_DIRECTION set.\n"
        + "set -eu\n"
        + f'echo "write {stem}" >&2\nexit 1\n',
        encoding="utf-8",
    )
    path.chmod(0o755)
    return [path]


def _directory(folder: Path, stem: str, description: str, depends: list[str], down: bool) -> list[Path]:
    path = folder / stem
    path.mkdir()
    toml = path / "migration.toml"
    toml.write_text(
        f"description = {description!r}\ndepends = {depends!r}\n"
        '# steps = ["01_schema.sql", "02_data.py"]   (default: every step file, in name order)\n',
        encoding="utf-8",
    )
    step = path / "01_schema.sql"
    step.write_text("-- the first step of this migration\n\n", encoding="utf-8")
    return [path, toml, step]


def _git_add(root: Path, paths: list[Path]) -> None:
    try:
        subprocess.run(
            ["git", "add", "--", *(str(p) for p in paths)],
            cwd=root, check=True, capture_output=True,
        )  # fmt: skip
    except (OSError, subprocess.CalledProcessError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        raise ConfigError(
            f"vcs = \"git\": git add failed in {root} ({detail.decode(errors='replace').strip() or exc})"
        ) from None
