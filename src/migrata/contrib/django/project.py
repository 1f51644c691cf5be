"""A Django project's migrata settings, and the Migrator the management commands use.

Settings read (all optional)::

    MIGRATA_MIGRATIONS_DIRECTORY = BASE_DIR / "migrations"   # nashvegas's setting, renamed
    MIGRATA = {"table": "migrata_history", "lock-timeout": 60,  # migrata.toml's keys
               "sources": [...], "scratch-url": "postgresql://..."}
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from migrata.api import Migrator
from migrata.config import DEFAULT_TABLE
from migrata.contrib.django.databases import (
    database_url,
    installed,
    new_connection,
    prepare_driver,
    settings_module_root,
    shared_engine,
)
from migrata.database import Database
from migrata.errors import ConfigError
from migrata.urls import mask

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

#: The keys of ``settings.MIGRATA``: those of migrata.toml that make sense in a Django project
#: (the database comes from DATABASES). ``lock_timeout`` is accepted for ``lock-timeout``.
MIGRATA_KEYS = ("migrations", "sources", "table", "lock-timeout", "scratch-url")


@dataclass(frozen=True)
class DjangoProject:
    """What migrata needs from ``settings`` for one database alias."""

    alias: str
    url: str
    root: Path
    directory: Path
    sources: Sequence[str | dict] | None
    table: str
    lock_timeout: float
    scratch_url: str | None


def load_project(alias: str = "default") -> DjangoProject:
    """Read ``DATABASES[alias]``, ``MIGRATA_MIGRATIONS_DIRECTORY`` and ``MIGRATA``."""
    from django.conf import settings

    databases = settings.DATABASES
    if alias not in databases:
        known = ", ".join(sorted(databases)) or "none"
        raise ConfigError(f"settings.DATABASES has no database {alias!r} (it has {known})")
    entry = databases[alias]
    prepare_driver({alias: entry})
    options = _migrata_setting(getattr(settings, "MIGRATA", None))
    root = _project_root(settings)
    directory = getattr(settings, "MIGRATA_MIGRATIONS_DIRECTORY", None) or options.get("migrations")
    try:
        lock_timeout = float(options.get("lock-timeout", 60))
    except (TypeError, ValueError):
        raise ConfigError("settings.MIGRATA['lock-timeout'] must be a number of seconds") from None
    sources = options.get("sources")
    if sources is not None and not isinstance(sources, list | tuple):
        raise ConfigError("settings.MIGRATA['sources'] must be a list of folders or 'package:NAME' entries")
    return DjangoProject(
        alias=alias,
        url=database_url(entry, alias),
        root=root,
        directory=(root / Path(directory or "migrations")).resolve(),
        sources=list(sources) if sources else None,
        table=str(options.get("table") or DEFAULT_TABLE),
        lock_timeout=lock_timeout,
        scratch_url=options.get("scratch-url"),
    )


def _migrata_setting(value: Any) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ConfigError("settings.MIGRATA must be a dict of migrata.toml settings")
    options = {str(key).replace("_", "-"): item for key, item in value.items()}
    unknown = sorted(set(options) - set(MIGRATA_KEYS))
    if unknown:
        raise ConfigError(
            f"settings.MIGRATA has an unknown setting {unknown[0]!r} "
            f"(known: {', '.join(MIGRATA_KEYS)})"
        )
    return options


def _project_root(settings: Any) -> Path:
    """BASE_DIR when the project sets it, else the folder that holds the settings package."""
    base = getattr(settings, "BASE_DIR", None)
    if base:
        return Path(base).resolve()
    return settings_module_root(getattr(settings, "SETTINGS_MODULE", None)) or Path.cwd()


class DjangoMigrator(Migrator):
    """A Migrator for a Django project's database.

    Its scratch copies (``comparedb`` replays the migrations in one) become Django's connection
    ``alias`` in the thread that uses them, so that a Python migration using the ORM writes to
    the scratch database, on migrata's connection, and never to the live one.
    """

    alias: str = "default"
    _cleanup: ExitStack | None = None

    def sibling(self, url_or_engine: str | Engine) -> Migrator:
        if not isinstance(url_or_engine, str):
            return super().sibling(url_or_engine)
        stack = ExitStack()
        try:
            connection = new_connection(url_or_engine, self.alias)
            stack.callback(connection.close)
            stack.enter_context(installed(self.alias, connection))
            engine = stack.enter_context(shared_engine(connection, url_or_engine))
            other = copy.copy(self)  # the same sources and graph, read once
            other._database = Database(engine)
            other._database.label = mask(url_or_engine)
            other._cleanup = stack
        except BaseException:
            stack.close()
            raise
        return other

    def close(self) -> None:
        super().close()
        if self._cleanup is not None:
            cleanup, self._cleanup = self._cleanup, None
            cleanup.close()


def project_migrator(project: DjangoProject, *, share_connection: bool = False) -> DjangoMigrator:
    """The Migrator for the project's database (see :func:`load_project`).

    With *share_connection*, migrata runs on Django's own connection for the alias (in this
    thread), so that Python migrations can use the ORM inside migrata's transaction.
    """
    alias = project.alias
    stack = ExitStack()
    target: str | Engine = project.url
    try:
        if share_connection:
            from django.db import connections

            target = stack.enter_context(shared_engine(connections[alias], project.url))
        migrator = DjangoMigrator(
            target, project.directory, sources=project.sources, table=project.table,
            lock_timeout=project.lock_timeout, base=project.root,
        )  # fmt: skip
        migrator.database.label = mask(project.url)  # as settings give it, not the engine's
    except BaseException:
        stack.close()
        raise
    migrator.alias = alias
    migrator._cleanup = stack
    return migrator
