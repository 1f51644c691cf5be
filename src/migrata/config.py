"""Project configuration: ``migrata.toml``, or ``[tool.migrata]`` in ``pyproject.toml``.

Found in the working folder or the nearest parent that has one; ``--config FILE`` names it.
Without either, the defaults describe a project whose migrations are in ``./migrations``.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from migrata.errors import ConfigError

CONFIG_NAME = "migrata.toml"
DEFAULT_TABLE = "migrata_history"
KNOWN_KEYS = {
    "migrations", "sources", "table", "url", "url-env", "vcs", "lock-timeout", "databases",
    "default-database",
}  # fmt: skip


@dataclass
class DatabaseConfig:
    name: str
    url: str | None = None
    url_env: str | None = None

    def resolve_url(self) -> str:
        if self.url:
            return os.path.expandvars(self.url)
        if self.url_env:
            value = os.environ.get(self.url_env)
            if not value:
                raise ConfigError(
                    f"database {self.name!r}: the environment variable {self.url_env} is not set"
                )
            return value
        raise ConfigError(f"database {self.name!r} has no url or url-env")


@dataclass
class Config:
    """Everything the commands need to know about a project."""

    root: Path
    path: Path | None = None
    sources: list[str | dict] = field(default_factory=lambda: ["migrations"])
    table: str = DEFAULT_TABLE
    url: str | None = None
    url_env: str | None = None
    vcs: str | None = None
    lock_timeout: float = 60.0
    databases: dict[str, DatabaseConfig] = field(default_factory=dict)
    default_database: str | None = None

    @property
    def migrations_dir(self) -> Path:
        """The folder ``new`` writes into: the first folder source."""
        first = self.sources[0]
        entry = first.get("path", "migrations") if isinstance(first, dict) else first
        if entry.startswith("package:"):
            from migrata.project.discover import resolve_source

            return resolve_source(first, self.root, 0).path
        return (self.root / entry).resolve()

    def database_url(self, name: str | None = None) -> str | None:
        """The URL of a named database, or the project's own URL (None when there is none)."""
        name = name or self.default_database
        if name:
            if name not in self.databases:
                known = ", ".join(sorted(self.databases)) or "none are configured"
                raise ConfigError(f"{self.describe()} has no database named {name!r} ({known})")
            return self.databases[name].resolve_url()
        if self.url:
            return os.path.expandvars(self.url)
        if self.url_env:
            return os.environ.get(self.url_env) or None
        return None

    def describe(self) -> str:
        return str(self.path) if self.path else "the default configuration"


def find_config(start: Path | None = None) -> Path | None:
    """The nearest migrata.toml, or pyproject.toml with a [tool.migrata] table, upwards."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        own = candidate / CONFIG_NAME
        if own.is_file():
            return own
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and "[tool.migrata" in pyproject.read_text(encoding="utf-8"):
            return pyproject
    return None


def load_config(path: Path | str | None = None, *, start: Path | None = None) -> Config:
    """Read the configuration at *path*, or the one found from *start*, or the defaults."""
    if path is None:
        found = find_config(start)
        if found is None:
            return Config(root=(start or Path.cwd()).resolve())
        path = found
    path = Path(path).resolve()
    data = _read_table(path)
    return _build(data, path)


def _read_table(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"the configuration file {path} does not exist") from None
    except OSError as exc:
        raise ConfigError(f"the configuration file {path} cannot be read ({exc.strerror})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"the configuration file {path} is not valid TOML ({exc})") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("migrata", {})
    unknown = sorted(set(data) - KNOWN_KEYS)
    if unknown:
        raise ConfigError(f"{path}: unknown setting {unknown[0]!r}")
    return data


def _build(data: dict[str, Any], path: Path) -> Config:
    sources = data.get("sources") or [data.get("migrations", "migrations")]
    if not isinstance(sources, list):
        raise ConfigError(f"{path}: sources must be a list of folders or 'package:NAME' entries")
    databases = {}
    for name, entry in (data.get("databases") or {}).items():
        if not isinstance(entry, dict):
            raise ConfigError(f"{path}: [databases.{name}] must be a table")
        databases[name] = DatabaseConfig(name, entry.get("url"), entry.get("url-env"))
    try:
        lock_timeout = float(data.get("lock-timeout", 60))
    except (TypeError, ValueError):
        raise ConfigError(f"{path}: lock-timeout must be a number of seconds") from None
    return Config(
        root=path.parent,
        path=path,
        sources=sources,
        table=str(data.get("table", DEFAULT_TABLE)),
        url=data.get("url"),
        url_env=data.get("url-env"),
        vcs=data.get("vcs"),
        lock_timeout=lock_timeout,
        databases=databases,
        default_database=data.get("default-database"),
    )
