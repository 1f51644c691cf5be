"""The ``ctx`` object handed to Python migrations."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import logging

    from sqlalchemy.engine import Connection, CursorResult

    from migrata.run.executor import Executor


class MigrationContext:
    """What a Python migration may use: the connection, statement execution, its SQL file.

    ``execute`` and ``run_sql`` go through the runner, so on databases without transactional
    DDL each call is journaled like a statement of a SQL migration.
    """

    def __init__(
        self,
        executor: Executor,
        *,
        migration: str,
        direction: str,
        folder: Path,
        companion_sql: str | None,
        url: str,
    ) -> None:
        self._executor = executor
        self.migration = migration
        self.direction = direction
        self.folder = folder
        self.url = url
        self._companion_sql = companion_sql
        self.log = _logger(migration)

    @property
    def connection(self) -> Connection:
        """The SQLAlchemy connection, inside the migration's transaction where there is one
        (made on first use, over the connection migrata runs on)."""
        return self._executor.conn.sqlalchemy

    @property
    def dialect(self) -> str:
        """``sqlite``, ``postgresql``, ``mysql`` or ``mariadb``."""
        return self._executor.dialect.name

    def execute(self, sql: Any, params: dict[str, Any] | None = None) -> CursorResult:
        """Run one statement. With *params*, ``:name`` placeholders are bound (SQLAlchemy text)."""
        return self._executor.execute(
            sql, params, source=f"{self.migration} (Python)", sqlalchemy=True
        )

    def run_sql(self, path_or_text: str | Path | None = None) -> None:
        """Run a SQL script: the same-named ``.sql`` file by default, a path, or SQL text."""
        if path_or_text is None:
            if self._companion_sql is None:
                raise FileNotFoundError(f"{self.migration} has no SQL file of the same name")
            text, where = self._companion_sql, f"{self.migration}.sql"
        else:
            candidate = Path(path_or_text) if not isinstance(path_or_text, Path) else path_or_text
            full = candidate if candidate.is_absolute() else self.folder / candidate
            if isinstance(path_or_text, Path) or ("\n" not in str(path_or_text) and full.is_file()):
                text, where = full.read_text(encoding="utf-8"), str(full)
            else:
                text, where = str(path_or_text), f"{self.migration} (SQL text)"
        self._executor.run_script(text, where)


def _logger(migration: str) -> logging.Logger:
    import logging  # only Python migrations get here: the SQL path does not pay for it

    return logging.getLogger(f"migrata.migration.{migration}")
