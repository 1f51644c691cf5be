"""Read the live schema of a connection's default schema/database into ``schema.model``.

Reflection costs a fixed number of catalog queries per schema, never a round per table (a
schema of thousands of tables must stay fast): each dialect's reader in
``reflect_<dialect>.py`` issues bulk queries — SQLAlchemy's ``Inspector.get_multi_*`` where
they are real bulk queries (PostgreSQL), its own ``information_schema`` / ``sqlite_master``
queries where they are not (MySQL/MariaDB issue ``SHOW CREATE TABLE`` per table, SQLite a
``PRAGMA`` per table) — and fills a :class:`Collector`, which builds the canonical, sorted model.

Everything a reader sees but the model cannot hold goes to ``Schema.unsupported`` as
``"kind name: reason"``; nothing is dropped silently.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from migrata.dialects import get_dialect
from migrata.dialects.mysql import MySQLDialect
from migrata.dialects.postgresql import PostgreSQLDialect
from migrata.dialects.sqlite import SQLiteDialect
from migrata.schema.model import (
    CheckConstraint,
    Column,
    Enum,
    ForeignKey,
    Index,
    PrimaryKey,
    Routine,
    Schema,
    Sequence,
    Table,
    Trigger,
    UniqueConstraint,
    View,
    by_name,
)

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from migrata.dialects.base import Dialect

Reader = Callable[["Connection", "Dialect", "Collector"], None]

# The one place that maps a dialect to its reader; subclasses (MariaDB) inherit their parent's.
_READERS: tuple[tuple[type, str], ...] = (
    (SQLiteDialect, "migrata.schema.reflect_sqlite"),
    (PostgreSQLDialect, "migrata.schema.reflect_postgresql"),
    (MySQLDialect, "migrata.schema.reflect_mysql"),
)


def reflect_schema(conn: Connection, *, exclude: Iterable[str] = ()) -> Schema:
    """The schema of *conn*'s default schema (database), without the tables named in *exclude*."""
    dialect = get_dialect(conn)
    collector = Collector(dialect.name, frozenset(exclude))
    _reader(dialect)(conn, dialect, collector)
    return collector.schema()


def _reader(dialect: Dialect) -> Reader:
    for cls, module in _READERS:
        if isinstance(dialect, cls):
            return importlib.import_module(module).read  # type: ignore[no-any-return]
    raise NotImplementedError(f"migrata cannot reflect {dialect.name} databases")


@dataclass
class TableParts:
    """A table while its pieces arrive from separate bulk queries."""

    name: str
    columns: list[Column] = field(default_factory=list)
    primary_key: PrimaryKey | None = None
    indexes: list[Index] = field(default_factory=list)
    uniques: list[UniqueConstraint] = field(default_factory=list)
    checks: list[CheckConstraint] = field(default_factory=list)
    foreign_keys: list[ForeignKey] = field(default_factory=list)
    comment: str | None = None

    def build(self) -> Table:
        columns = tuple(self.columns)
        if self.primary_key is not None:  # primary-key columns are never NULL, whatever was said
            keys = set(self.primary_key.columns)
            columns = tuple(_not_null(c) if c.name in keys else c for c in columns)
        return Table(
            name=self.name,
            columns=columns,
            primary_key=self.primary_key,
            indexes=_canonical(self.indexes),
            uniques=_canonical(self.uniques),
            checks=_canonical(self.checks),
            foreign_keys=_canonical(self.foreign_keys),
            comment=self.comment or None,
        )


def _not_null(column: Column) -> Column:
    return replace(column, nullable=False)


def _canonical(items: Iterable[object]) -> tuple:  # type: ignore[type-arg]
    """Sorted by name; unnamed items (SQLite) in a stable order of their own."""
    return by_name(sorted(items, key=repr))


class Collector:
    """What readers found, kept until :meth:`schema` builds the sorted, frozen model."""

    def __init__(self, dialect: str, exclude: frozenset[str]) -> None:
        self.dialect = dialect
        self.exclude = exclude
        self.tables: dict[str, TableParts] = {}
        self.views: list[View] = []
        self.enums: list[Enum] = []
        self.sequences: list[Sequence] = []
        self.routines: list[Routine] = []
        self.triggers: list[Trigger] = []
        self.unsupported: list[str] = []

    def add_table(self, name: str, comment: str | None = None) -> TableParts | None:
        """Start a table, unless it is excluded (then its other rows are skipped too)."""
        if name in self.exclude:
            return None
        parts = self.tables[name] = TableParts(name, comment=comment)
        return parts

    def table(self, name: str) -> TableParts | None:
        """The table a catalog row belongs to, or None for excluded tables and non-tables."""
        return self.tables.get(name)

    def note(self, kind: str, name: str, reason: str) -> None:
        """Record something seen but not modelled, so that it is never dropped silently."""
        self.unsupported.append(f"{kind} {name}: {reason}")

    def schema(self) -> Schema:
        return Schema(
            dialect=self.dialect,
            tables=by_name(parts.build() for parts in self.tables.values()),
            views=by_name(self.views),
            enums=by_name(self.enums),
            sequences=by_name(self.sequences),
            routines=tuple(sorted(self.routines, key=lambda r: (r.name, r.signature))),
            triggers=tuple(sorted(self.triggers, key=lambda t: (t.name, t.table))),
            unsupported=tuple(sorted(set(self.unsupported))),
        )
