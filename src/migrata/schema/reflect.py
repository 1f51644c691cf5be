"""Read the live schema of a connection's default schema/database into ``schema.model``.

Reflection costs a fixed number of catalog queries per schema, never a round per table (a
schema of thousands of tables must stay fast): each dialect's reader in
``reflect_<dialect>.py`` issues bulk queries of its own over the catalog (``pg_catalog``,
``information_schema``, ``sqlite_master`` joined with the pragma functions) — SQLAlchemy's
Inspector issues a ``SHOW CREATE TABLE`` or ``PRAGMA`` per table on MySQL and SQLite — and
fills a :class:`Collector`, which builds the canonical, sorted model.

The PostgreSQL and MySQL/MariaDB readers need nothing but a DB-API connection
(:func:`reflect_plain`), so that ``diff`` can run without importing SQLAlchemy until it renders
SQL; :func:`reflect_schema` takes a SQLAlchemy connection and hands them its driver connection.

Everything a reader sees but the model cannot hold goes to ``Schema.unsupported`` as
``"kind name: reason"``; nothing is dropped silently.
"""

from __future__ import annotations

import gc
import importlib
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

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
    TableOptions,
    Trigger,
    UniqueConstraint,
    View,
    by_name,
)

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from migrata.database import Database
    from migrata.dialects.base import Dialect

Reader = Callable[[Any, "Dialect", "Collector"], None]

# The one place that maps a dialect to its reader; subclasses (MariaDB) inherit their parent's.
# The flag: the reader takes a plain DB-API connection (else a SQLAlchemy Connection).
_READERS: tuple[tuple[type, str, bool], ...] = (
    (SQLiteDialect, "migrata.schema.reflect_sqlite", False),
    (PostgreSQLDialect, "migrata.schema.reflect_postgresql", True),
    (MySQLDialect, "migrata.schema.reflect_mysql", True),
)


def reflect_schema(conn: Connection, *, exclude: Iterable[str] = ()) -> Schema:
    """The schema of *conn*'s default schema (database), without the tables named in *exclude*."""
    dialect = get_dialect(conn)
    read, plain = _reader(dialect)
    return _collect(read, conn.connection.dbapi_connection if plain else conn, dialect, exclude)


def reads_plain(dialect: Dialect) -> bool:
    """Whether :func:`reflect_plain` can read this dialect's databases."""
    return _reader(dialect)[1]


def reflect_plain(dbapi_conn: Any, dialect: Dialect, *, exclude: Iterable[str] = ()) -> Schema:
    """:func:`reflect_schema` on a DB-API connection (see :func:`reads_plain`)."""
    read, plain = _reader(dialect)
    if not plain:
        raise NotImplementedError(f"{dialect.name} is reflected through SQLAlchemy only")
    return _collect(read, dbapi_conn, dialect, exclude)


def connect_plain(database: Database) -> tuple[Any, Dialect] | None:
    """A plain driver connection to *database* and its dialect, for :func:`reflect_plain`; None
    when it must be read through SQLAlchemy (SQLite, another driver, an Engine given to us)."""
    if not reads_plain(database.offline_dialect()):
        return None
    return database.connect_dbapi()


def reflect_database(database: Database, *, exclude: Iterable[str] = ()) -> Schema:
    """The schema of *database*: through a plain driver connection when its reader takes one
    and the URL allows one (nothing of SQLAlchemy is imported), else through its engine."""
    if (plain := connect_plain(database)) is not None:
        conn, dialect = plain
        try:
            return reflect_plain(conn, dialect, exclude=exclude)
        finally:
            conn.close()
    with database.connect() as conn:
        return reflect_schema(conn, exclude=exclude)


def _collect(read: Reader, conn: Any, dialect: Dialect, exclude: Iterable[str]) -> Schema:
    collector = Collector(dialect.name, frozenset(exclude))
    with _GC_PAUSE:
        read(conn, dialect, collector)
        return collector.schema()


class _GCPause:
    """Pause the cyclic garbage collector while any thread reflects.

    Reflection makes tens of thousands of small objects that hold no cycles (8,000 columns and
    their tuples at 1,000 tables); the collector would scan them again and again while they are
    made, freeing nothing (measured: about 15 ms of a 100 ms reflection). The last thread out
    turns it back on, if it was on.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._depth = 0
        self._was_enabled = False

    def __enter__(self) -> None:
        with self._lock:
            if self._depth == 0:
                self._was_enabled = gc.isenabled()
                gc.disable()
            self._depth += 1

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self._depth -= 1
            if self._depth == 0 and self._was_enabled:
                gc.enable()


_GC_PAUSE = _GCPause()


def _reader(dialect: Dialect) -> tuple[Reader, bool]:
    for cls, module, plain in _READERS:
        if isinstance(dialect, cls):
            return importlib.import_module(module).read, plain
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
    options: TableOptions = field(default_factory=TableOptions)

    def build(self) -> Table:
        columns = tuple(self.columns)
        if self.primary_key is not None:  # primary-key columns are never NULL, whatever was said
            keys = set(self.primary_key.columns)
            columns = tuple(_not_null(c) if c.nullable and c.name in keys else c for c in columns)
        return Table(
            name=self.name,
            columns=columns,
            primary_key=self.primary_key,
            indexes=_canonical(self.indexes),
            uniques=_canonical(self.uniques),
            checks=_canonical(self.checks),
            foreign_keys=_canonical(self.foreign_keys),
            comment=self.comment or None,
            options=self.options,
        )


def _not_null(column: Column) -> Column:
    return shared_column(column.name, column.type, False, column.default, column.identity,
                         column.collation, column.comment, column.autoincrement)  # fmt: skip


_SHARED: dict[tuple[Any, ...], Column] = {}
_SHARED_MAX = 65536  # emptied when full: a bound for long-lived processes reflecting many schemas


def shared_column(
    name: str,
    type_: str,
    nullable: bool,
    default: str | None,
    identity: bool,
    collation: str | None,
    comment: str | None,
    autoincrement: bool = False,
) -> Column:
    """The one :class:`Column` value with these fields, shared by every table that has it.

    Columns are frozen, and schemas repeat a few of them (1,000 tables of 8 columns hold about
    20 distinct ones); sharing spares making, tracking and freeing the others, and lets the
    differ compare equal columns by identity.
    """
    key = (name, type_, nullable, default, identity, collation, comment, autoincrement)
    column = _SHARED.get(key)
    if column is None:
        if len(_SHARED) >= _SHARED_MAX:
            _SHARED.clear()
        column = _SHARED.setdefault(key, Column(*key))
    return column


def _canonical(items: list[Any]) -> tuple:  # type: ignore[type-arg]
    """Sorted by name; unnamed items (SQLite) in a stable order of their own."""
    names = [item.name for item in items]
    if None in names or len(set(names)) < len(names):  # ties: ordered by their values
        return by_name(sorted(items, key=repr))
    return by_name(items)  # names alone decide, and repr() of every item is not cheap


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
