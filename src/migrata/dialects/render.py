"""Render operations to SQL, with SQLAlchemy's DDL compilers wherever they do the job.

Each statement compiles fresh ``sqlalchemy.Table`` objects built from the schema model as it
stands at that point of the migration (``diff.state``), with the model's type strings passed
through verbatim, so no connection is needed and no type is re-spelled. What SQLAlchemy cannot
compile (renames, ``ALTER COLUMN``, views, triggers, routines) is short hand-written SQL here,
or in the dialect's subclass below when its syntax differs.

A destructive operation's first statement starts with a comment saying what data it drops.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import sqlalchemy as sa
from sqlalchemy import schema as ddl
from sqlalchemy.types import UserDefinedType

from migrata.diff import operations as ops
from migrata.diff.state import apply_operation, apply_to_table
from migrata.errors import UnsupportedOperation
from migrata.schema.model import (
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    PrimaryKey,
    Schema,
    Table,
    UniqueConstraint,
)

_INTEGER = re.compile(r"^(tiny|small|medium|big)?int(eger)?\b|^int[248]\b", re.IGNORECASE)


class LiteralType(UserDefinedType[Any]):
    """A column type spelled exactly as the model holds it, on every dialect.

    Integer types say so (``_type_affinity``), because SQLAlchemy decides on ``AUTO_INCREMENT``
    and SQLite's ``AUTOINCREMENT`` by affinity.
    """

    cache_ok = True

    def __init__(self, spec: str) -> None:
        self.spec = spec

    def get_col_spec(self, **kw: Any) -> str:
        return self.spec

    @property
    def _type_affinity(self) -> Any:
        return sa.Integer if _INTEGER.match(self.spec) else super()._type_affinity


def _method(op: ops.Operation) -> str:
    return re.sub(r"(?<!^)([A-Z])", r"_\1", op.kind).lower()


class Renderer:
    """Operations to SQL statements for one SQLAlchemy dialect; subclasses hold the differences."""

    #: The dialect keyword that carries a partial index's predicate, or None if there is none.
    index_where_option: str | None = None
    #: Whether a primary key's name is written (MySQL's is always ``PRIMARY``).
    names_primary_keys = True

    def __init__(self, dialect: sa.engine.Dialect) -> None:
        self.dialect = dialect
        self.preparer = dialect.identifier_preparer

    def render(self, operations: Sequence[ops.Operation], old: Schema) -> list[str]:
        """The statements that run *operations*, in order, on a database holding *old*."""
        statements: list[str] = []
        state = old
        for op in operations:
            statements += self.render_operation(op, state)
            state = apply_operation(state, op)
        return statements

    def render_operation(self, op: ops.Operation, state: Schema) -> list[str]:
        statements: list[str] = getattr(self, _method(op))(op, state)
        loss = op.data_loss()
        if loss and statements:
            statements[0] = f"-- drops {loss}\n{statements[0]}"
        return statements

    # Building SQLAlchemy objects ----------------------------------------------------------------

    def q(self, name: str) -> str:
        return self.preparer.quote(name)

    def sql(self, element: Any) -> str:
        text = str(element.compile(dialect=self.dialect))
        return "\n".join(line.rstrip() for line in text.strip().splitlines()).replace("\t", "    ")

    def type_spec(self, column: Column) -> str:
        if column.collation:
            return f"{column.type} COLLATE {self.q(column.collation)}"
        return column.type

    def sa_column(self, column: Column) -> sa.Column[Any]:
        args = [sa.Identity()] if column.identity and self.dialect.supports_identity_columns else []
        return sa.Column(
            column.name,
            LiteralType(self.type_spec(column)),
            *args,
            nullable=column.nullable,
            autoincrement=column.identity,
            server_default=None if column.default is None else sa.text(column.default),
            comment=column.comment,
        )

    def table_options(self, table: Table) -> dict[str, Any]:
        return {}

    def sa_table(self, table: Table, constraints: bool = True) -> sa.Table:
        """A fresh ``sa.Table`` (in its own MetaData: compiling marks constraints as used)."""
        metadata = sa.MetaData()
        columns = [self.sa_column(c) for c in table.columns]
        t = sa.Table(table.name, metadata, *columns, comment=table.comment,
                     **self.table_options(table))  # fmt: skip
        if table.primary_key is not None:
            t.append_constraint(self.sa_constraint(t, table.primary_key))
        if constraints:
            for item in (*table.uniques, *table.checks, *table.foreign_keys):
                t.append_constraint(self.sa_constraint(t, item))
        return t

    def sa_constraint(self, t: sa.Table, item: Any) -> sa.Constraint:
        if isinstance(item, PrimaryKey):
            name = item.name if self.names_primary_keys else None
            return sa.PrimaryKeyConstraint(*item.columns, name=name)
        if isinstance(item, UniqueConstraint):
            return sa.UniqueConstraint(*item.columns, name=item.name)
        if isinstance(item, CheckConstraint):
            return sa.CheckConstraint(sa.text(item.sqltext), name=item.name)
        refs = self._referenced_columns(t, item.ref_table, item.ref_columns)
        return sa.ForeignKeyConstraint(list(item.columns), refs, name=item.name,
                                       ondelete=item.on_delete, onupdate=item.on_update)  # fmt: skip

    def _referenced_columns(self, t: sa.Table, ref_table: str, names: tuple[str, ...]) -> list[Any]:
        """Columns of the referenced table; a stub stands in for a table we did not build."""
        metadata = t.metadata
        ref = metadata.tables.get(ref_table)
        if ref is None:
            ref = sa.Table(ref_table, metadata)
        for name in names:
            if name not in ref.c:
                ref.append_column(sa.Column(name, LiteralType("integer")))
        return [ref.c[name] for name in names]

    def sa_index(self, t: sa.Table, index: Index) -> sa.Index:
        elements = [t.c[c] if c in t.c else sa.text(f"({c})") for c in index.columns]
        options: dict[str, Any] = {}
        if index.where:
            if self.index_where_option is None:
                raise UnsupportedOperation(
                    f"index {index.name} is partial (WHERE {index.where}), "
                    f"which {self.dialect.name} cannot build"
                )
            options[self.index_where_option] = sa.text(index.where)
        return sa.Index(index.name, *elements, unique=index.unique, _table=t, **options)

    def column_comment(self, table: Table, column: Column) -> list[str]:
        """Statements that set a column's comment where it is not part of its definition."""
        if not self.dialect.supports_comments or self.dialect.inline_comments:
            return []
        t = self.sa_table(table, constraints=False)
        element = ddl.SetColumnComment if column.comment is not None else ddl.DropColumnComment
        return [self.sql(element(t.c[column.name]))]

    def column_spec(self, table: Table, name: str) -> str:
        return self.sql(ddl.CreateColumn(self.sa_table(table).c[name]))

    def unsupported(self, op: ops.Operation, why: str) -> UnsupportedOperation:
        return UnsupportedOperation(f"{op.describe()} cannot be rendered: {why}")

    # Tables -------------------------------------------------------------------------------------

    def create_table(self, op: ops.CreateTable, state: Schema) -> list[str]:
        t = self.sa_table(op.table)
        statements = [self.sql(ddl.CreateTable(t))]
        statements += [self.sql(ddl.CreateIndex(self.sa_index(t, ix))) for ix in op.table.indexes]
        if self.dialect.supports_comments and not self.dialect.inline_comments:
            if op.table.comment is not None:
                statements.append(self.sql(ddl.SetTableComment(t)))
            for column in op.table.columns:
                if column.comment is not None:
                    statements += self.column_comment(op.table, column)
        return statements

    def drop_table(self, op: ops.DropTable, state: Schema) -> list[str]:
        return [f"DROP TABLE {self.q(op.table.name)}"]

    def rename_table(self, op: ops.RenameTable, state: Schema) -> list[str]:
        return [f"ALTER TABLE {self.q(op.old)} RENAME TO {self.q(op.new)}"]

    def alter_table_options(self, op: ops.AlterTableOptions, state: Schema) -> list[str]:
        raise self.unsupported(op, f"{self.dialect.name} has no such table options")

    def alter_table_comment(self, op: ops.AlterTableComment, state: Schema) -> list[str]:
        if not self.dialect.supports_comments:
            return []
        t = self.sa_table(replace(table_at(state, op.table), comment=op.new), constraints=False)
        element = ddl.SetTableComment if op.new is not None else ddl.DropTableComment
        return [self.sql(element(t))]

    # Columns ------------------------------------------------------------------------------------

    def add_column(self, op: ops.AddColumn, state: Schema) -> list[str]:
        column = op.column
        if op.one_off_default is not None and column.default is None:
            column = replace(column, default=op.one_off_default)
        table = apply_to_table(table_at(state, op.table), replace(op, column=column))
        prefix = f"ALTER TABLE {self.q(op.table)}"
        statements = [f"{prefix} ADD COLUMN {self.column_spec(table, column.name)}"]
        if column.default != op.column.default:  # the one-off default served existing rows only
            statements.append(f"{prefix} ALTER COLUMN {self.q(column.name)} DROP DEFAULT")
        if op.column.comment is not None:
            statements += self.column_comment(table, op.column)
        return statements

    def drop_column(self, op: ops.DropColumn, state: Schema) -> list[str]:
        return [f"ALTER TABLE {self.q(op.table)} DROP COLUMN {self.q(op.column.name)}"]

    def rename_column(self, op: ops.RenameColumn, state: Schema) -> list[str]:
        return [
            f"ALTER TABLE {self.q(op.table)} RENAME COLUMN {self.q(op.old)} TO {self.q(op.new)}"
        ]

    def alter_column(self, op: ops.AlterColumn, state: Schema) -> list[str]:
        raise self.unsupported(op, "this dialect has no ALTER COLUMN renderer")

    def fill_nulls(self, op: ops.AlterColumn) -> list[str]:
        """Set the one-off value where the column is NULL, before it becomes NOT NULL."""
        if op.one_off_default is None or op.new.nullable:
            return []
        column = self.q(op.name)
        return [
            f"UPDATE {self.q(op.table)} SET {column} = {op.one_off_default} WHERE {column} IS NULL"
        ]

    # Indexes and constraints ----------------------------------------------------------------------

    def create_index(self, op: ops.CreateIndex, state: Schema) -> list[str]:
        t = self.sa_table(table_at(state, op.table), constraints=False)
        return [self.sql(ddl.CreateIndex(self.sa_index(t, op.index)))]

    def drop_index(self, op: ops.DropIndex, state: Schema) -> list[str]:
        t = self.sa_table(table_at(state, op.table), constraints=False)
        return [self.sql(ddl.DropIndex(self.sa_index(t, replace(op.index, where=None))))]

    def _constraint(self, op: Any, state: Schema, element: type[ddl.DDLElement]) -> list[str]:
        table = replace(table_at(state, op.table), primary_key=None)
        t = self.sa_table(table, constraints=False)
        constraint = self.sa_constraint(t, op.constraint)
        t.append_constraint(constraint)
        try:
            return [self.sql(element(constraint))]
        except sa.exc.CompileError as exc:
            raise self.unsupported(op, str(exc)) from None

    def add_unique_constraint(self, op: ops.AddUniqueConstraint, state: Schema) -> list[str]:
        return self._constraint(op, state, ddl.AddConstraint)

    def drop_unique_constraint(self, op: ops.DropUniqueConstraint, state: Schema) -> list[str]:
        return self._constraint(op, state, ddl.DropConstraint)

    add_check_constraint = add_unique_constraint
    drop_check_constraint = drop_unique_constraint
    add_foreign_key = add_unique_constraint
    drop_foreign_key = drop_unique_constraint
    add_primary_key = add_unique_constraint
    drop_primary_key = drop_unique_constraint

    def rename_constraint(self, op: ops.RenameConstraint, state: Schema) -> list[str]:
        """Where a dialect cannot rename a constraint: dropped, and added under the new name."""
        drop = _DROPS[type(op.old)](op.table, op.old)
        add = _ADDS[type(op.new)](op.table, op.new)
        return self._drop_and_add(op, drop, add, state)

    def rename_index(self, op: ops.RenameIndex, state: Schema) -> list[str]:
        drop, add = ops.DropIndex(op.table, op.old), ops.CreateIndex(op.table, op.new)
        return self._drop_and_add(op, drop, add, state)

    def _drop_and_add(
        self, op: ops.Operation, drop: ops.Operation, add: ops.Operation, state: Schema
    ) -> list[str]:
        """*drop* then *add*; of a rename that goes through a temporary name (names that swap,
        ``diff.collisions``), the first step only drops and the second only adds, so that the
        detour builds nothing twice."""
        assert isinstance(op, ops.RenameConstraint | ops.RenameIndex)
        if ops.is_temporary(op.new.name):
            return self.render_operation(drop, state)
        if ops.is_temporary(op.old.name):
            return self.render_operation(add, state)
        return self.render_operation(drop, state) + self.render_operation(
            add, apply_operation(state, drop)
        )

    # Views, routines, triggers, and what only PostgreSQL has ---------------------------------------

    def create_view(self, op: ops.CreateView, state: Schema) -> list[str]:
        definition = op.view.definition.strip().rstrip(";")
        if re.match(r"create\b", definition, re.IGNORECASE):
            return [definition]
        return [f"CREATE VIEW {self.q(op.view.name)} AS {definition}"]

    def drop_view(self, op: ops.DropView, state: Schema) -> list[str]:
        return [f"DROP VIEW {self.q(op.view.name)}"]

    def replace_view(self, op: ops.ReplaceView, state: Schema) -> list[str]:
        return [
            *self.drop_view(ops.DropView(op.old), state),
            *self.create_view(ops.CreateView(op.new), state),
        ]

    def create_routine(self, op: ops.CreateRoutine, state: Schema) -> list[str]:
        return [op.routine.definition.strip()]

    def drop_routine(self, op: ops.DropRoutine, state: Schema) -> list[str]:
        return [f"DROP {op.routine.kind.upper()} {self.q(op.routine.name)}"]

    def replace_routine(self, op: ops.ReplaceRoutine, state: Schema) -> list[str]:
        """Where a definition cannot replace its routine in place: dropped and created."""
        return [
            *self.render_operation(ops.DropRoutine(op.old), state),
            *self.render_operation(ops.CreateRoutine(op.new), state),
        ]

    def create_trigger(self, op: ops.CreateTrigger, state: Schema) -> list[str]:
        return [op.trigger.definition.strip()]

    def drop_trigger(self, op: ops.DropTrigger, state: Schema) -> list[str]:
        return [f"DROP TRIGGER {self.q(op.trigger.name)}"]

    def _no_types(self, op: ops.Operation, state: Schema) -> list[str]:
        raise self.unsupported(op, f"{self.dialect.name} has no enum types or sequences")

    create_enum = drop_enum = alter_enum_add_value = replace_enum = _no_types
    create_sequence = drop_sequence = alter_sequence = _no_types

    def irreversible_operation(self, op: ops.IrreversibleOperation, state: Schema) -> list[str]:
        raise self.unsupported(op.operation, op.reason)


_DROPS: dict[type, type[ops.Operation]] = {
    PrimaryKey: ops.DropPrimaryKey, UniqueConstraint: ops.DropUniqueConstraint,
    CheckConstraint: ops.DropCheckConstraint, ForeignKey: ops.DropForeignKey,
}  # fmt: skip
_ADDS: dict[type, type[ops.Operation]] = {
    PrimaryKey: ops.AddPrimaryKey, UniqueConstraint: ops.AddUniqueConstraint,
    CheckConstraint: ops.AddCheckConstraint, ForeignKey: ops.AddForeignKey,
}  # fmt: skip


def string_literal(value: str) -> str:
    """*value* as a quoted SQL string literal (quotes doubled)."""
    return "'" + value.replace("'", "''") + "'"


def table_at(state: Schema, name: str) -> Table:
    table = state.table(name)
    if table is None:
        raise KeyError(f"no table {name!r} at this point of the migration")
    return table
