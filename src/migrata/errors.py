"""The exceptions migrata raises, and the exit code each one maps to.

Every message is one sentence that names the file, the statement or the database (with its
password masked), so that the CLI can print ``str(exc)`` and nothing else::

    MigrataError                      base; .exit_code
    ├── ConfigError            (2)    bad or missing configuration, unresolvable URL
    ├── ProjectError           (2)    the migrations folder is wrong
    │   ├── MigrationFileError        unreadable file, bad header          (.path, .line)
    │   ├── DuplicateMigration        two migrations share a name          (.name, .paths)
    │   ├── MissingDependency         a dependency names nothing           (.name, .missing, .origin)
    │   ├── DependencyCycle           dependencies form a cycle            (.cycle)
    │   └── UnknownTarget             a target names no migration          (.target)
    ├── HistoryError           (2)
    │   ├── ChangedMigration          checksum differs from what ran       (.names)
    │   ├── UnresolvedFailure         a partly run migration needs `migrata resolve` (.name)
    │   └── InconsistentHistory       the history cannot be reconciled with the files
    ├── ConnectionFailed       (2)    cannot reach the database (URL masked)
    ├── DatabaseError          (3)    the database refused migrata's own work (busy, gone)
    ├── Aborted                (2)    the user declined, or a question had no answer
    ├── UnsupportedOperation   (2)    a schema change the dialect cannot express in SQL
    ├── CheckFailed            (1)    a check found something
    │   ├── PendingMigrations         (.pending)
    │   ├── VerifyFailed              down and up again give another schema   (.migration, .why)
    │   └── DriftDetected             the schemas differ                   (.operations)
    └── MigrationFailed        (3)    a step failed; the history says it did not run
        ├── OutputMismatch            a .out check failed                  (.diff)
        ├── Irreversible              rollback through an irreversible migration
        └── LockTimeout               another runner holds the lock

DriverError is not one of them: like SQLAlchemy's DBAPIError it carries a driver's error
(``.orig``) until the code that knows the migration and statement words the message.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any


class DriverError(Exception):
    """A database driver's error on migrata's own connection; ``.orig`` is the driver's
    exception, as in SQLAlchemy's ``DBAPIError``, so that both read alike."""

    def __init__(self, orig: BaseException, statement: str | None = None) -> None:
        super().__init__(str(orig))
        self.orig = orig
        self.statement = statement


def is_driver_error(exc: BaseException) -> bool:
    """Whether *exc* comes from a database driver, directly or through SQLAlchemy."""
    if isinstance(exc, DriverError):
        return True
    if "sqlalchemy.exc" not in sys.modules:  # not imported: it cannot have raised
        return False
    from sqlalchemy.exc import DBAPIError, StatementError

    return isinstance(exc, DBAPIError | StatementError)


def driver_message(exc: BaseException) -> str:
    """The first line of a database driver's message (SQLAlchemy wraps it in ``.orig``)."""
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc).strip()
    return text.splitlines()[0] if text else repr(orig if orig is not None else exc)


class MigrataError(Exception):
    """Base of every error migrata raises on purpose."""

    exit_code = 2


class ConfigError(MigrataError):
    """The configuration is missing, malformed, or names something that is not there."""


class ProjectError(MigrataError):
    """The migrations on disk cannot be loaded or ordered."""


class MigrationFileError(ProjectError):
    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        self.path = Path(path)
        self.line = line
        where = f"{path}, line {line}" if line else str(path)
        super().__init__(f"{where}: {message}")


class DuplicateMigration(ProjectError):
    def __init__(self, name: str, paths: Sequence[Path]) -> None:
        self.name = name
        self.paths = list(paths)
        shown = " and ".join(str(p) for p in self.paths)
        super().__init__(f"two migrations are named {name!r}: {shown}")


class MissingDependency(ProjectError):
    def __init__(self, name: str, missing: str, origin: Path) -> None:
        self.name = name
        self.missing = missing
        self.origin = origin
        super().__init__(f"{origin}: migration {name!r} depends on {missing!r}, which does not exist")


class DependencyCycle(ProjectError):
    def __init__(self, cycle: Sequence[str]) -> None:
        self.cycle = list(cycle)
        super().__init__("migrations depend on each other in a cycle: " + " -> ".join(self.cycle))


class UnknownTarget(ProjectError):
    def __init__(self, target: str, message: str | None = None) -> None:
        self.target = target
        super().__init__(message or f"no migration is named {target!r}")


class HistoryError(MigrataError):
    """The history table disagrees with the migrations on disk."""


class ChangedMigration(HistoryError):
    def __init__(self, names: Sequence[str], database: str) -> None:
        self.names = list(names)
        listed = ", ".join(self.names)
        super().__init__(
            f"{listed} changed on disk after it was applied to {database}; "
            "pass --allow-changed to go on, or run `migrata rehash` to accept the new content"
        )


class UnresolvedFailure(HistoryError):
    def __init__(self, name: str, message: str) -> None:
        self.name = name
        super().__init__(message)


class InconsistentHistory(HistoryError):
    """The recorded history contradicts the dependency graph."""


class ConnectionFailed(MigrataError):
    """The database could not be reached."""


class DatabaseError(MigrataError):
    """The database failed migrata's own bookkeeping (locked, connection lost, refused)."""

    exit_code = 3


class Aborted(MigrataError):
    """The user, or the lack of an answer under --no-input, stopped the command."""


class UnsupportedOperation(MigrataError):
    """A schema change that the target database cannot express (an enum on SQLite, say)."""


class CheckFailed(MigrataError):
    exit_code = 1


class PendingMigrations(CheckFailed):
    def __init__(self, pending: Sequence[str], database: str) -> None:
        self.pending = list(pending)
        super().__init__(f"{len(self.pending)} migration(s) pending on {database}")


class DriftDetected(CheckFailed):
    """Two schemas that should be equal are not; ``operations`` would make them so."""

    def __init__(self, operations: Sequence[Any], where: str) -> None:
        self.operations = list(operations)
        super().__init__(f"{where} differs from the expected schema by {len(self.operations)} change(s)")


class VerifyFailed(CheckFailed):
    """A migration's down and up again do not give back the same schema."""

    def __init__(self, migration: str, why: Sequence[str]) -> None:
        self.migration = migration
        self.why = list(why)
        detail = "; ".join(self.why[:3]) + (" ..." if len(self.why) > 3 else "")
        super().__init__(f"{migration} does not verify: {detail}")


class MigrationFailed(MigrataError):
    """A migration failed; whatever was recorded tells the truth about what ran."""

    exit_code = 3

    def __init__(
        self,
        message: str,
        *,
        migration: str | None = None,
        statement: str | None = None,
        database: str | None = None,
        output: str | None = None,
    ) -> None:
        self.migration = migration
        self.statement = statement
        self.database = database
        self.output = output
        super().__init__(message)


class OutputMismatch(MigrationFailed):
    def __init__(self, message: str, *, diff: str, migration: str, database: str) -> None:
        self.diff = diff
        super().__init__(message, migration=migration, database=database)


class Irreversible(MigrationFailed):
    """A rollback would have to pass through a migration that cannot be undone."""


class LockTimeout(MigrationFailed):
    """Another runner held the database's migration lock for longer than we would wait."""
