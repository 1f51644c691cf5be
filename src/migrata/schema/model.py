"""A dialect-neutral model of a schema: frozen values that one differ compares.

Reflection (``schema.reflect``) fills these from any of the three databases, normalising
spellings so that the same schema reached two ways is *equal* (``varchar(30)`` and
``character varying(30)``, ``int4`` and ``integer``, ``'x'::text`` and ``'x'``). Equality of two
models is the definition of "no drift"; a false difference is a bug.

Conventions, which every producer and consumer keeps:

* names are as the database stores them (PostgreSQL folds unquoted names to lower case);
* collections are tuples sorted by name, so that equal schemas are equal values;
* SQL fragments (types, defaults, check and index expressions, view and routine bodies) are
  strings in the database's own normalised spelling, after ``normalize`` in ``schema.reflect``;
* anything reflection saw but cannot model is listed in ``Schema.unsupported`` rather than
  silently ignored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TypeVar

T = TypeVar("T")


def by_name(items: Iterable[T]) -> tuple[T, ...]:
    """Items sorted by their ``name`` (None last), the canonical order of every collection."""
    return tuple(sorted(items, key=lambda item: (getattr(item, "name", None) is None, getattr(item, "name", None) or "")))


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # normalised type, lower case: "integer", "varchar(30)", "numeric(10,2)", "text"
    nullable: bool = True
    default: str | None = None  # normalised SQL expression, or None
    identity: bool = False  # autoincrement / serial / GENERATED ... AS IDENTITY
    collation: str | None = None  # only when it differs from the table's default
    comment: str | None = None
    #: SQLite's AUTOINCREMENT on an identity: ids of deleted rows are never given again.
    autoincrement: bool = False


@dataclass(frozen=True)
class PrimaryKey:
    columns: tuple[str, ...]
    name: str | None = None


@dataclass(frozen=True)
class Index:
    name: str
    columns: tuple[str, ...]  # column names, or normalised expressions for expression indexes
    unique: bool = False
    where: str | None = None  # the predicate of a partial index


@dataclass(frozen=True)
class UniqueConstraint:
    columns: tuple[str, ...]
    name: str | None = None


@dataclass(frozen=True)
class CheckConstraint:
    sqltext: str
    name: str | None = None


@dataclass(frozen=True)
class ForeignKey:
    columns: tuple[str, ...]
    ref_table: str
    ref_columns: tuple[str, ...]
    name: str | None = None
    on_delete: str | None = None  # upper case ("CASCADE", "SET NULL", ...); None for NO ACTION
    on_update: str | None = None


@dataclass(frozen=True)
class TableOptions:
    """What follows the closing parenthesis of CREATE TABLE and changes how the table behaves.

    Only SQLite's are modelled; other readers leave the defaults. ``STRICT`` makes SQLite refuse
    values that do not fit a column's type (instead of storing them as they are), and a table
    ``WITHOUT ROWID`` is stored in its primary key's order, with no rowid. Neither can be
    changed by ``ALTER TABLE``, so a change to either rebuilds the table.
    """

    strict: bool = False
    without_rowid: bool = False


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]  # in table order (order is not compared by the differ)
    primary_key: PrimaryKey | None = None
    indexes: tuple[Index, ...] = ()
    uniques: tuple[UniqueConstraint, ...] = ()
    checks: tuple[CheckConstraint, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()
    comment: str | None = None
    options: TableOptions = TableOptions()

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)


@dataclass(frozen=True)
class View:
    name: str
    definition: str  # as the server normalises it


@dataclass(frozen=True)
class Enum:
    """A PostgreSQL enum type."""

    name: str
    values: tuple[str, ...]  # in declaration order (it is the sort order)


@dataclass(frozen=True)
class Sequence:
    """A PostgreSQL sequence not owned by an identity/serial column."""

    name: str
    start: int = 1
    increment: int = 1


@dataclass(frozen=True)
class Routine:
    """A function or procedure (PostgreSQL; MySQL/MariaDB stored programs)."""

    name: str
    kind: str  # "function" | "procedure"
    signature: str  # normalised argument list, part of the identity on PostgreSQL
    definition: str  # the full CREATE statement as the server returns it


@dataclass(frozen=True)
class Trigger:
    name: str
    table: str
    definition: str  # the full CREATE TRIGGER statement as the server returns it


@dataclass(frozen=True)
class Schema:
    dialect: str  # "sqlite" | "postgresql" | "mysql" | "mariadb"
    tables: tuple[Table, ...] = ()
    views: tuple[View, ...] = ()
    enums: tuple[Enum, ...] = ()
    sequences: tuple[Sequence, ...] = ()
    routines: tuple[Routine, ...] = ()
    triggers: tuple[Trigger, ...] = ()
    unsupported: tuple[str, ...] = field(default=(), compare=False)  # "kind name: why"

    def table(self, name: str) -> Table | None:
        return self._tables_by_name.get(name)

    @cached_property
    def _tables_by_name(self) -> dict[str, Table]:
        """Built on first use: the differ looks up every table of the other side by name, and a
        scan per lookup made comparing 1,000 tables quadratic."""
        index: dict[str, Table] = {}
        for table in self.tables:
            index.setdefault(table.name, table)  # the first of a name, as a scan would find
        return index

    def without(self, *names: str) -> Schema:
        """The schema without the named tables (migrata's own history tables, for example)."""
        return replace(self, tables=tuple(t for t in self.tables if t.name not in names))
