"""migrata: database schema migrations in plain SQL first, Python or any executable next.

The public names are imported lazily so that ``migrata --help`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Aborted",
    "ChangedMigration",
    "CheckFailed",
    "ConfigError",
    "ConnectionFailed",
    "DatabaseError",
    "DependencyCycle",
    "DriftDetected",
    "DuplicateMigration",
    "Irreversible",
    "LockTimeout",
    "MigrataError",
    "MigrationContext",
    "MigrationFailed",
    "MigrationFileError",
    "Migrator",
    "MissingDependency",
    "OutputMismatch",
    "PendingMigrations",
    "ProjectError",
    "Report",
    "Status",
    "UnknownTarget",
    "UnresolvedFailure",
    "VerifyFailed",
    "__version__",
    "load_config",
]

_LOCATIONS = {
    "Migrator": "migrata.api",
    "Report": "migrata.results",
    "Status": "migrata.results",
    "MigrationContext": "migrata.run.context",
    "load_config": "migrata.config",
}

if TYPE_CHECKING:
    from migrata.api import Migrator
    from migrata.config import load_config
    from migrata.errors import (
        Aborted,
        ChangedMigration,
        CheckFailed,
        ConfigError,
        ConnectionFailed,
        DatabaseError,
        DependencyCycle,
        DriftDetected,
        DuplicateMigration,
        Irreversible,
        LockTimeout,
        MigrataError,
        MigrationFailed,
        MigrationFileError,
        MissingDependency,
        OutputMismatch,
        PendingMigrations,
        ProjectError,
        UnknownTarget,
        UnresolvedFailure,
        VerifyFailed,
    )
    from migrata.results import Report, Status
    from migrata.run.context import MigrationContext


def __getattr__(name: str) -> Any:
    import importlib

    if name in _LOCATIONS:
        return getattr(importlib.import_module(_LOCATIONS[name]), name)
    if name in __all__:
        return getattr(importlib.import_module("migrata.errors"), name)
    raise AttributeError(f"module 'migrata' has no attribute {name!r}")
