"""Operations: what the differ found, as data that knows its own reverse.

Each operation carries the full definitions it needs, so that ``reverse()`` can rebuild the
structure it undoes (a ``DropColumn`` holds the ``Column``) and a renderer can write SQL without
looking anything up. Operations never hold SQL of their own apart from the model's fragments;
rendering lives in ``migrata.dialects`` and describing to humans lives here, both keyed on the
operation's type (``kind``), the name that also appears in ``--json``.

``is_destructive`` marks operations that lose data when run; ``reversible_data`` is False for
those whose reverse rebuilds the structure but cannot bring the data back.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any, ClassVar

from migrata.schema.model import (
    CheckConstraint,
    Column,
    Enum,
    ForeignKey,
    Index,
    PrimaryKey,
    Routine,
    Sequence,
    Table,
    TableOptions,
    Trigger,
    UniqueConstraint,
    View,
)


@dataclass(frozen=True)
class Operation:
    """One change to a schema."""

    is_destructive: ClassVar[bool] = False
    reversible_data: ClassVar[bool] = True

    @property
    def kind(self) -> str:
        return type(self).__name__

    @property
    def table_name(self) -> str | None:
        """The table this operation changes, if it changes exactly one."""
        return None

    @property
    def reversible(self) -> bool:
        return True

    def reverse(self) -> Operation:
        raise NotImplementedError

    def describe(self) -> str:
        return f"{self.kind} {self.subject()}"

    def subject(self) -> str:
        raise NotImplementedError

    def data_loss(self) -> str | None:
        """What data running this drops, for a warning (None when it drops nothing)."""
        return None

    def as_dict(self) -> dict[str, Any]:
        return {"op": self.kind, **asdict(self)}


@dataclass(frozen=True)
class _TableOperation(Operation):
    table: str

    @property
    def table_name(self) -> str:
        return self.table


def _column_text(column: Column) -> str:
    parts = [column.type]
    if column.collation:
        parts.append(f"COLLATE {column.collation}")
    if not column.nullable:
        parts.append("NOT NULL")
    if column.default is not None:
        parts.append(f"DEFAULT {column.default}")
    if column.identity:
        parts.append("IDENTITY")
    return " ".join(parts)


# Tables and columns ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _WholeTableOperation(Operation):
    table: Table

    @property
    def table_name(self) -> str:
        return self.table.name


@dataclass(frozen=True)
class CreateTable(_WholeTableOperation):
    def reverse(self) -> Operation:
        return DropTable(self.table)

    def subject(self) -> str:
        return self.table.name


@dataclass(frozen=True)
class DropTable(_WholeTableOperation):
    is_destructive: ClassVar[bool] = True
    reversible_data: ClassVar[bool] = False

    def reverse(self) -> Operation:
        return CreateTable(self.table)

    def subject(self) -> str:
        return f"{self.table.name} (drops its rows)"

    def data_loss(self) -> str:
        return f"table {self.table.name} and its rows"


@dataclass(frozen=True)
class RenameTable(Operation):
    old: str
    new: str

    @property
    def table_name(self) -> str:
        return self.old

    def reverse(self) -> Operation:
        return RenameTable(self.new, self.old)

    def subject(self) -> str:
        return f"{self.old} to {self.new}"


@dataclass(frozen=True)
class AlterTableComment(_TableOperation):
    old: str | None
    new: str | None

    def reverse(self) -> Operation:
        return AlterTableComment(self.table, self.new, self.old)

    def subject(self) -> str:
        return f"{self.table}: {self.old!r} to {self.new!r}"


@dataclass(frozen=True)
class AlterTableOptions(_TableOperation):
    """Change SQLite's ``STRICT`` or ``WITHOUT ROWID``: only a rebuild of the table can."""

    old: TableOptions
    new: TableOptions

    @property
    def changes(self) -> tuple[str, ...]:
        """The options that differ, in the model's field order."""
        return tuple(f.name for f in fields(TableOptions)
                     if getattr(self.old, f.name) != getattr(self.new, f.name))  # fmt: skip

    def reverse(self) -> Operation:
        return AlterTableOptions(self.table, self.new, self.old)

    def subject(self) -> str:
        changed = "; ".join(
            f"{f} {getattr(self.old, f)!r} to {getattr(self.new, f)!r}" for f in self.changes
        )
        return f"{self.table}: {changed}"


@dataclass(frozen=True)
class AddColumn(_TableOperation):
    """Add a column; ``one_off_default`` fills existing rows when the column has no default."""

    column: Column
    one_off_default: str | None = None

    def reverse(self) -> Operation:
        return DropColumn(self.table, self.column)

    def subject(self) -> str:
        text = f"{self.table}.{self.column.name} {_column_text(self.column)}"
        if self.one_off_default is not None:
            text += f" (existing rows get {self.one_off_default})"
        return text


@dataclass(frozen=True)
class DropColumn(_TableOperation):
    column: Column
    is_destructive: ClassVar[bool] = True
    reversible_data: ClassVar[bool] = False

    def reverse(self) -> Operation:
        return AddColumn(self.table, self.column)

    def subject(self) -> str:
        return f"{self.table}.{self.column.name} (drops its data)"

    def data_loss(self) -> str:
        return f"column {self.table}.{self.column.name} and its data"


@dataclass(frozen=True)
class RenameColumn(_TableOperation):
    old: str
    new: str

    def reverse(self) -> Operation:
        return RenameColumn(self.table, self.new, self.old)

    def subject(self) -> str:
        return f"{self.table}.{self.old} to {self.new}"


@dataclass(frozen=True)
class AlterColumn(_TableOperation):
    """Change a column's type, nullability, default, identity, collation or comment.

    ``one_off_default`` is written into rows that are NULL before the column becomes NOT NULL.
    """

    old: Column
    new: Column
    one_off_default: str | None = None

    @property
    def name(self) -> str:
        return self.new.name

    @property
    def changes(self) -> tuple[str, ...]:
        """The attributes that differ, in the model's field order."""
        names = ("type", "nullable", "default", "identity", "collation", "comment", "autoincrement")
        return tuple(f for f in names if getattr(self.old, f) != getattr(self.new, f))

    def reverse(self) -> Operation:
        return AlterColumn(self.table, self.new, self.old)

    def subject(self) -> str:
        changed = "; ".join(
            f"{f} {getattr(self.old, f)!r} to {getattr(self.new, f)!r}" for f in self.changes
        )
        return f"{self.table}.{self.name}: {changed}"


# Indexes, constraints and other objects ------------------------------------------------------
# Each create/drop pair shares its fields and subject; ``_pair`` makes each the other's reverse.


@dataclass(frozen=True)
class _Paired(Operation):
    inverse: ClassVar[type[Operation]]

    def reverse(self) -> Operation:
        return self.inverse(*(getattr(self, f.name) for f in fields(self)))


def _pair(first: type[_Paired], second: type[_Paired]) -> None:
    first.inverse, second.inverse = second, first


def _columns(names: tuple[str, ...]) -> str:
    return "(" + ", ".join(names) + ")"


def _named(name: str | None) -> str:
    return f"{name} " if name else ""


def _values(values: tuple[str, ...]) -> str:
    return "(" + ", ".join(repr(v) for v in values) + ")"


@dataclass(frozen=True)
class _IndexOperation(_Paired, _TableOperation):
    index: Index

    def subject(self) -> str:
        unique = "unique " if self.index.unique else ""
        where = f" WHERE {self.index.where}" if self.index.where else ""
        return f"{unique}{self.index.name} on {self.table} {_columns(self.index.columns)}{where}"


@dataclass(frozen=True)
class _ConstraintOperation(_Paired, _TableOperation):
    constraint: UniqueConstraint | CheckConstraint | ForeignKey | PrimaryKey

    def subject(self) -> str:
        c = self.constraint
        if isinstance(c, CheckConstraint):
            return f"{_named(c.name)}on {self.table} ({c.sqltext})"
        text = f"{_named(c.name)}on {self.table} {_columns(c.columns)}"
        if isinstance(c, ForeignKey):
            text += f" to {c.ref_table} {_columns(c.ref_columns)}"
        return text


@dataclass(frozen=True)
class _EnumOperation(_Paired):
    enum: Enum

    def subject(self) -> str:
        return f"{self.enum.name} {_values(self.enum.values)}"


@dataclass(frozen=True)
class _SequenceOperation(_Paired):
    sequence: Sequence

    def subject(self) -> str:
        return f"{self.sequence.name} start {self.sequence.start} by {self.sequence.increment}"


@dataclass(frozen=True)
class _ViewOperation(_Paired):
    view: View

    def subject(self) -> str:
        return self.view.name


@dataclass(frozen=True)
class _RoutineOperation(_Paired):
    routine: Routine

    def subject(self) -> str:
        return f"{self.routine.kind} {self.routine.name}({self.routine.signature})"


@dataclass(frozen=True)
class _TriggerOperation(_Paired):
    trigger: Trigger

    def subject(self) -> str:
        return f"{self.trigger.name} on {self.trigger.table}"


class CreateIndex(_IndexOperation): ...
class DropIndex(_IndexOperation): ...
class AddUniqueConstraint(_ConstraintOperation): ...
class DropUniqueConstraint(_ConstraintOperation): ...
class AddCheckConstraint(_ConstraintOperation): ...
class DropCheckConstraint(_ConstraintOperation): ...
class AddForeignKey(_ConstraintOperation): ...
class DropForeignKey(_ConstraintOperation): ...
class AddPrimaryKey(_ConstraintOperation): ...
class DropPrimaryKey(_ConstraintOperation): ...
class CreateEnum(_EnumOperation): ...
class DropEnum(_EnumOperation): ...
class CreateSequence(_SequenceOperation): ...
class DropSequence(_SequenceOperation): ...
class CreateView(_ViewOperation): ...
class DropView(_ViewOperation): ...
class CreateRoutine(_RoutineOperation): ...
class DropRoutine(_RoutineOperation): ...
class CreateTrigger(_TriggerOperation): ...
class DropTrigger(_TriggerOperation): ...


for _first, _second in [
    (CreateIndex, DropIndex),
    (AddUniqueConstraint, DropUniqueConstraint),
    (AddCheckConstraint, DropCheckConstraint),
    (AddForeignKey, DropForeignKey),
    (AddPrimaryKey, DropPrimaryKey),
    (CreateEnum, DropEnum),
    (CreateSequence, DropSequence),
    (CreateView, DropView),
    (CreateRoutine, DropRoutine),
    (CreateTrigger, DropTrigger),
]:
    _pair(_first, _second)


TEMPORARY_PREFIX = "migrata_tmp_"
"""Names migrata gives its scratch objects; a key or index holds one only between two renames,
while names are swapped (``diff.collisions``)."""


def is_temporary(name: str | None) -> bool:
    return name is not None and name.startswith(TEMPORARY_PREFIX)


@dataclass(frozen=True)
class RenameConstraint(_TableOperation):
    """Give a key or constraint whose definition stays a new name (PostgreSQL keeps a renamed
    table's ``<table>_pkey``): unlike dropping and adding it, nothing is checked again and what
    points at it stays."""

    old: UniqueConstraint | CheckConstraint | ForeignKey | PrimaryKey
    new: UniqueConstraint | CheckConstraint | ForeignKey | PrimaryKey

    def reverse(self) -> Operation:
        return RenameConstraint(self.table, self.new, self.old)

    def subject(self) -> str:
        return f"{self.old.name} on {self.table} to {self.new.name}"


@dataclass(frozen=True)
class RenameIndex(_TableOperation):
    """Give an index whose definition stays a new name."""

    old: Index
    new: Index

    def reverse(self) -> Operation:
        return RenameIndex(self.table, self.new, self.old)

    def subject(self) -> str:
        return f"{self.old.name} on {self.table} to {self.new.name}"


#: A rename of one of a table's indexes or constraints.
MemberRename = RenameIndex | RenameConstraint


@dataclass(frozen=True)
class AlterEnumAddValue(Operation):
    """Add one value to a PostgreSQL enum, before or after an existing one (else at the end)."""

    name: str
    value: str
    before: str | None = None
    after: str | None = None

    @property
    def reversible(self) -> bool:
        return False

    def reverse(self) -> Operation:
        return IrreversibleOperation(self, "PostgreSQL cannot remove a value from an enum type")

    def subject(self) -> str:
        where = f" before {self.before!r}" if self.before else ""
        where += f" after {self.after!r}" if self.after else ""
        return f"{self.name} {self.value!r}{where}"


@dataclass(frozen=True)
class ReplaceEnum(Operation):
    """Replace an enum whose values were removed or reordered; columns using it are converted.

    Rows holding a removed value make the conversion fail rather than lose data.
    """

    old: Enum
    new: Enum

    def reverse(self) -> Operation:
        return ReplaceEnum(self.new, self.old)

    def subject(self) -> str:
        return f"{self.old.name} {_values(self.old.values)} to {_values(self.new.values)}"


@dataclass(frozen=True)
class AlterSequence(Operation):
    old: Sequence
    new: Sequence

    def reverse(self) -> Operation:
        return AlterSequence(self.new, self.old)

    def subject(self) -> str:
        return f"{self.new.name} start {self.new.start} by {self.new.increment}"


@dataclass(frozen=True)
class ReplaceView(Operation):
    old: View
    new: View

    def reverse(self) -> Operation:
        return ReplaceView(self.new, self.old)

    def subject(self) -> str:
        return self.new.name


@dataclass(frozen=True)
class ReplaceRoutine(Operation):
    """Give a routine a new body in place (PostgreSQL's CREATE OR REPLACE), its declaration (name,
    arguments and their defaults, return type) unchanged: unlike dropping and creating it again,
    the defaults, checks, indexes, views and triggers that call it can stay."""

    old: Routine
    new: Routine

    def reverse(self) -> Operation:
        return ReplaceRoutine(self.new, self.old)

    def subject(self) -> str:
        return f"{self.new.kind} {self.new.name}({self.new.signature})"


@dataclass(frozen=True)
class IrreversibleOperation(Operation):
    """The reverse of an operation that cannot be undone; renders to an error, never to SQL."""

    operation: Operation
    reason: str

    @property
    def reversible(self) -> bool:
        return False

    def reverse(self) -> Operation:
        return self.operation

    def subject(self) -> str:
        return f"{self.operation.describe()}: {self.reason}"
