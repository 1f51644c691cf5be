"""Apply operations to a schema model: what the database holds after each one.

Renderers need the table as it is *at that point* of a migration (MySQL's ``MODIFY COLUMN``
repeats the whole definition; SQLite rebuilds the whole table), and the differ compares
constraints after applying its renames. Like ``diff.operations`` this module is pure and imports
only the model, so the dialects may use it.

Renames rewrite what the database rewrites: primary keys, indexes, constraints and the foreign
keys of other tables that point at the renamed table or column.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from migrata.diff import operations as ops
from migrata.schema.model import (
    CheckConstraint,
    Column,
    Enum,
    ForeignKey,
    Index,
    PrimaryKey,
    Schema,
    Table,
    UniqueConstraint,
    by_name,
)


def mentions(text: str, name: str) -> bool:
    """Whether SQL *text* names *name* as a whole identifier (quoted or not, any case)."""
    return _word(name).search(text) is not None


def name_finder(names: Iterable[str]) -> Callable[[Iterable[str]], set[str]]:
    """A function giving which of *names* (lower-cased) SQL texts mention: one scan per text,
    whatever the number of names."""
    choices = sorted({n.lower() for n in names}, key=len, reverse=True)
    if not choices:
        return lambda texts: set()
    pattern = re.compile(
        r"(?<![\w$])(?:" + "|".join(map(re.escape, choices)) + r")(?![\w$])", re.IGNORECASE
    )
    return lambda texts: {m.lower() for text in texts for m in pattern.findall(text)}


def rename_identifier(text: str, old: str, new: str) -> str:
    """*text* with the identifier *old* replaced by *new* wherever it stands alone."""
    return _word(old).sub(new.replace("\\", r"\\"), text)


def _word(name: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w$])" + re.escape(name) + r"(?![\w$])", re.IGNORECASE)


def apply_operations(schema: Schema, operations: Iterable[ops.Operation]) -> Schema:
    for op in operations:
        schema = apply_operation(schema, op)
    return schema


def apply_operation(schema: Schema, op: ops.Operation) -> Schema:
    """The schema after *op*; an operation on a missing object raises KeyError."""
    handler = _SCHEMA_HANDLERS.get(type(op))
    if handler is not None:
        return handler(schema, op)
    if type(op) in _TABLE_HANDLERS:
        return _replace_table(schema, apply_to_table(_table(schema, op.table_name), op))
    raise TypeError(f"{op.kind} cannot be applied to a schema")


def apply_to_table(table: Table, op: ops.Operation) -> Table:
    """*table* after a table-local *op*, whatever table name the operation carries."""
    return _TABLE_HANDLERS[type(op)](table, op)


def _table(schema: Schema, name: str | None) -> Table:
    table = schema.table(name or "")
    if table is None:
        raise KeyError(f"no table {name!r}")
    return table


def _replace_table(schema: Schema, table: Table, old_name: str | None = None) -> Schema:
    name = old_name or table.name
    tables = [table if t.name == name else t for t in schema.tables]
    return replace(schema, tables=by_name(tables))


def _without(items: Iterable[Any], item: Any) -> tuple[Any, ...]:
    """*items* without *item*, matched by name when it has one, else by value."""
    name = getattr(item, "name", None)
    if name is None:
        return tuple(i for i in items if i != item)
    return tuple(i for i in items if getattr(i, "name", None) != name)


def _with(items: Iterable[Any], item: Any) -> tuple[Any, ...]:
    return by_name([*_without(items, item), item])


# Schema-level operations ------------------------------------------------------------------------


def _rename_table(schema: Schema, op: ops.RenameTable) -> Schema:
    def repoint(table: Table) -> Table:
        fks = tuple(
            replace(fk, ref_table=op.new) if fk.ref_table == op.old else fk
            for fk in table.foreign_keys
        )
        return replace(table, name=op.new if table.name == op.old else table.name, foreign_keys=fks)

    _table(schema, op.old)
    triggers = tuple(replace(t, table=op.new) if t.table == op.old else t for t in schema.triggers)
    return replace(
        schema, tables=by_name(repoint(t) for t in schema.tables), triggers=by_name(triggers)
    )


def _rename_column_references(schema: Schema, op: ops.RenameColumn) -> Schema:
    """The renamed column, and foreign keys of every table that point at it."""

    def repoint(fk: ForeignKey) -> ForeignKey:
        if fk.ref_table != op.table:
            return fk
        return replace(fk, ref_columns=_renamed(fk.ref_columns, op.old, op.new))

    schema = _replace_table(schema, apply_to_table(_table(schema, op.table), op))
    tables = (replace(t, foreign_keys=tuple(map(repoint, t.foreign_keys))) for t in schema.tables)
    return replace(schema, tables=tuple(tables))


def _add_enum_value(schema: Schema, op: ops.AlterEnumAddValue) -> Schema:
    enum = next(e for e in schema.enums if e.name == op.name)
    values = list(enum.values)
    if op.before is not None:
        values.insert(values.index(op.before), op.value)
    elif op.after is not None:
        values.insert(values.index(op.after) + 1, op.value)
    else:
        values.append(op.value)
    return replace(schema, enums=_with(schema.enums, Enum(enum.name, tuple(values))))


def _collection(field: str, attr: str, add: bool) -> Callable[[Schema, Any], Schema]:
    def handler(schema: Schema, op: Any) -> Schema:
        item = getattr(op, attr)
        items = getattr(schema, field)
        return replace(schema, **{field: _with(items, item) if add else _without(items, item)})

    return handler


def _drop_table(schema: Schema, op: ops.DropTable) -> Schema:
    _table(schema, op.table.name)
    tables = tuple(t for t in schema.tables if t.name != op.table.name)
    triggers = tuple(t for t in schema.triggers if t.table != op.table.name)
    return replace(schema, tables=tables, triggers=triggers)


def _drop_routine(schema: Schema, op: ops.DropRoutine) -> Schema:
    key = (op.routine.name, op.routine.signature)
    routines = tuple(r for r in schema.routines if (r.name, r.signature) != key)
    return replace(schema, routines=routines)


_SCHEMA_HANDLERS: dict[type, Callable[[Schema, Any], Schema]] = {
    ops.CreateTable: _collection("tables", "table", add=True),
    ops.DropTable: _drop_table,
    ops.RenameTable: _rename_table,
    ops.RenameColumn: _rename_column_references,
    ops.CreateEnum: _collection("enums", "enum", add=True),
    ops.DropEnum: _collection("enums", "enum", add=False),
    ops.ReplaceEnum: _collection("enums", "new", add=True),
    ops.AlterEnumAddValue: _add_enum_value,
    ops.CreateSequence: _collection("sequences", "sequence", add=True),
    ops.DropSequence: _collection("sequences", "sequence", add=False),
    ops.AlterSequence: _collection("sequences", "new", add=True),
    ops.CreateView: _collection("views", "view", add=True),
    ops.DropView: _collection("views", "view", add=False),
    ops.ReplaceView: _collection("views", "new", add=True),
    ops.CreateRoutine: lambda s, op: replace(s, routines=by_name([*s.routines, op.routine])),
    ops.DropRoutine: _drop_routine,
    ops.ReplaceRoutine: lambda s, op: apply_operation(
        _drop_routine(s, ops.DropRoutine(op.old)), ops.CreateRoutine(op.new)
    ),
    ops.CreateTrigger: _collection("triggers", "trigger", add=True),
    ops.DropTrigger: _collection("triggers", "trigger", add=False),
}


# Table-local operations ---------------------------------------------------------------------------


def _renamed(names: tuple[str, ...], old: str, new: str) -> tuple[str, ...]:
    return tuple(new if n == old else n for n in names)


def _rename_column(table: Table, op: ops.RenameColumn) -> Table:
    old, new = op.old, op.new
    if table.column(old) is None:
        raise KeyError(f"no column {table.name}.{old}")

    def index(ix: Index) -> Index:
        columns = tuple(rename_identifier(c, old, new) for c in ix.columns)
        where = rename_identifier(ix.where, old, new) if ix.where else None
        return replace(ix, columns=columns, where=where)

    return replace(
        table,
        columns=tuple(replace(c, name=new) if c.name == old else c for c in table.columns),
        primary_key=table.primary_key
        and replace(table.primary_key, columns=_renamed(table.primary_key.columns, old, new)),
        indexes=tuple(map(index, table.indexes)),
        uniques=tuple(replace(u, columns=_renamed(u.columns, old, new)) for u in table.uniques),
        checks=tuple(
            replace(c, sqltext=rename_identifier(c.sqltext, old, new)) for c in table.checks
        ),
        foreign_keys=tuple(
            replace(fk, columns=_renamed(fk.columns, old, new)) for fk in table.foreign_keys
        ),
    )


def _add_column(table: Table, op: ops.AddColumn) -> Table:
    return replace(table, columns=(*_without(table.columns, op.column), op.column))


def _drop_column(table: Table, op: ops.DropColumn) -> Table:
    if table.column(op.column.name) is None:
        raise KeyError(f"no column {table.name}.{op.column.name}")
    return replace(table, columns=_without(table.columns, op.column))


def _alter_column(table: Table, op: ops.AlterColumn) -> Table:
    columns: list[Column] = [op.new if c.name == op.old.name else c for c in table.columns]
    return replace(table, columns=tuple(columns))


def _member(field: str, add: bool) -> Callable[[Table, Any], Table]:
    def handler(table: Table, op: Any) -> Table:
        item = op.index if field == "indexes" else op.constraint
        items = getattr(table, field)
        return replace(table, **{field: _with(items, item) if add else _without(items, item)})

    return handler


def _rename_constraint(table: Table, op: ops.RenameConstraint) -> Table:
    if isinstance(op.new, PrimaryKey):
        return replace(table, primary_key=op.new)
    field = _CONSTRAINT_FIELDS[type(op.new)]
    items = getattr(table, field)
    return replace(table, **{field: by_name([*_without(items, op.old), op.new])})


_CONSTRAINT_FIELDS = {
    UniqueConstraint: "uniques", CheckConstraint: "checks", ForeignKey: "foreign_keys",
}  # fmt: skip


_TABLE_HANDLERS: dict[type, Callable[[Table, Any], Table]] = {
    ops.AddColumn: _add_column,
    ops.DropColumn: _drop_column,
    ops.RenameColumn: _rename_column,
    ops.AlterColumn: _alter_column,
    ops.AlterTableComment: lambda t, op: replace(t, comment=op.new),
    ops.AlterTableOptions: lambda t, op: replace(t, options=op.new),
    ops.CreateIndex: _member("indexes", add=True),
    ops.DropIndex: _member("indexes", add=False),
    ops.AddUniqueConstraint: _member("uniques", add=True),
    ops.DropUniqueConstraint: _member("uniques", add=False),
    ops.AddCheckConstraint: _member("checks", add=True),
    ops.DropCheckConstraint: _member("checks", add=False),
    ops.AddForeignKey: _member("foreign_keys", add=True),
    ops.DropForeignKey: _member("foreign_keys", add=False),
    ops.AddPrimaryKey: lambda t, op: replace(t, primary_key=op.constraint),
    ops.RenameConstraint: _rename_constraint,
    ops.RenameIndex: lambda t, op: replace(t, indexes=_with(_without(t.indexes, op.old), op.new)),
    ops.DropPrimaryKey: lambda t, op: replace(t, primary_key=None),
}

TABLE_LOCAL = frozenset(_TABLE_HANDLERS)
"""Operation types that change one table and nothing else (a SQLite rebuild can absorb them)."""
