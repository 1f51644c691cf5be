"""Project configuration: ``migrata.toml``, or ``[tool.migrata]`` in ``pyproject.toml``.

Found in the working folder or the nearest parent that has one; ``--config FILE`` names it.
Without either, the defaults describe a project whose migrations are in ``./migrations``.

Named databases (``[databases.NAME]``) take their URL from one source each (see
:mod:`migrata.url_sources`), resolved only when a command asks for that database; ``[groups]``
names lists of them.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from migrata.errors import ConfigError
from migrata.url_sources import SOURCES, Where, choose_source, interpolate, resolve_source

CONFIG_NAME = "migrata.toml"
DEFAULT_TABLE = "migrata_history"
KNOWN_KEYS = {
    "migrations", "sources", "table", "url", "url-env", "vcs", "lock-timeout", "databases",
    "default-database", "models", "scratch-url", "groups",
}  # fmt: skip


@dataclass
class DatabaseConfig:
    """One ``[databases.NAME]`` table: its URL sources as written, resolved on first use.

    Exactly one source must be given; that, and every source's own problems, are reported when
    the URL is asked for, so that a broken entry only stops the commands that use it.
    """

    name: str
    url: str | None = None
    url_env: str | None = None
    url_file: str | None = None
    url_command: str | list[str] | None = None
    url_json: str | None = None
    url_ini: str | None = None
    url_python: str | None = None
    config_path: Path | None = None
    _resolved: str | None = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def from_table(
        cls, name: str, table: dict[str, Any], config_path: Path | None
    ) -> DatabaseConfig:
        """Build from a ``[databases.NAME]`` table; keys other than the sources are ignored."""
        values = {key.replace("-", "_"): table.get(key) for key in SOURCES}
        return cls(name, config_path=config_path, **values)

    @property
    def source(self) -> tuple[str, Any]:
        """The source key (``"url-file"``, ...) and its value as written; ConfigError unless one."""
        settings = {key: getattr(self, key.replace("-", "_")) for key in SOURCES}
        return choose_source(self.name, settings)

    def resolve_url(self) -> str:
        """The URL, from its source (run once; later calls reuse it)."""
        if self._resolved is None:
            source, value = self.source
            self._resolved = resolve_source(self.name, source, value, self.config_path)
        return self._resolved


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
    models: str | None = None
    scratch_url_setting: str | None = None
    groups: dict[str, list[str]] = field(default_factory=dict)

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
                raise self._no_database(name)
            return self.databases[name].resolve_url()
        if self.url:
            return interpolate(self.url, Where(None, self.path, "url"), environment=True)
        if self.url_env:
            return os.environ.get(self.url_env) or None
        return None

    @property
    def scratch_url(self) -> str | None:
        """``scratch-url`` with its placeholders replaced (None when it is not set)."""
        if not self.scratch_url_setting:
            return None
        where = Where(None, self.path, "scratch-url")
        return interpolate(self.scratch_url_setting, where, environment=True)

    def resolve_databases(
        self, names: Iterable[str] = (), groups: Iterable[str] = (), all: bool = False
    ) -> list[str]:
        """The databases that *names*, *groups* and *all* select, in configuration order.

        Nothing is resolved here: a URL is only looked up when a command asks for it.
        """
        wanted: set[str] = set()
        for name in names:
            if name not in self.databases:
                raise self._no_database(name)
            wanted.add(name)
        for group in groups:
            if group not in self.groups:
                known = ", ".join(self.groups) or "none are configured"
                raise ConfigError(f"{self.describe()} has no group named {group!r} ({known})")
            wanted.update(self.groups[group])
        if all:
            if not self.databases:
                raise ConfigError(
                    f"{self.describe()} names no databases, so there are none to run on "
                    "(add [databases.NAME] tables)"
                )
            wanted.update(self.databases)
        return [name for name in self.databases if name in wanted]

    def _no_database(self, name: str) -> ConfigError:
        known = ", ".join(sorted(self.databases)) or "none are configured"
        return ConfigError(f"{self.describe()} has no database named {name!r} ({known})")

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
        raise ConfigError(
            f"the configuration file {path} cannot be read ({exc.strerror})"
        ) from None
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
        databases[name] = DatabaseConfig.from_table(name, entry, path)
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
        models=_optional_string(data, "models", path),
        scratch_url_setting=_optional_string(data, "scratch-url", path),
        groups=_groups(data.get("groups"), databases, path),
    )


def _optional_string(data: dict[str, Any], key: str, path: Path) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise ConfigError(f"{path}: {key} must be a string")
    return value


def _groups(table: Any, databases: dict[str, DatabaseConfig], path: Path) -> dict[str, list[str]]:
    """``[groups]``: each a list of database names, every one of them configured."""
    if table is None:
        return {}
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [groups] must be a table of lists of database names")
    groups = {}
    for group, members in table.items():
        if not isinstance(members, list) or not all(isinstance(m, str) for m in members):
            raise ConfigError(f"{path}: group {group!r} must be a list of database names")
        for member in members:
            if member not in databases:
                known = ", ".join(sorted(databases)) or "none are configured"
                raise ConfigError(
                    f"{path}: group {group!r} names {member!r}, which is not a database ({known})"
                )
        groups[group] = list(dict.fromkeys(members))
    return groups
