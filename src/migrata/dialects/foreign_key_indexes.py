"""MySQL and MariaDB: the index every foreign key needs.

InnoDB keeps an index whose first columns are a foreign key's, in order, for as long as the key
exists: it creates one named after the key when the key is added and no index serves it, drops
that automatic index by itself once another index serves the key, and refuses to drop the last
index serving a key ("needed in a foreign key constraint"). So on these servers:

* a key, index or primary key whose drop would leave a foreign key of its table without an
  index is dropped in the same ``ALTER TABLE`` as the one that takes over, the first creation on
  that table later in the migration that serves the key; without one, the statement adds an
  index of the foreign key's own (named after it, as the server would);
* the ``CREATE INDEX`` of a foreign key's own index (named after the key, over its columns) is
  left out where the key is created with the table or added later in the migration and nothing
  else serves it: the server makes that index itself, and reflection finds it the same.

Reflection keeps the automatic index as an ordinary one: that is what the server holds, and a
foreign key dropped leaves it behind.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from migrata.diff import operations as ops
from migrata.diff.state import apply_operation, apply_to_table
from migrata.schema.model import ForeignKey, Index, Schema, Table

KEY_DROPS = (ops.DropIndex, ops.DropUniqueConstraint, ops.DropPrimaryKey)
KEY_CREATIONS = (ops.CreateIndex, ops.AddUniqueConstraint, ops.AddPrimaryKey)


@dataclass
class IndexPlan:
    """``deferred`` maps a key drop to the creation whose statement it joins; ``orphans`` maps
    one without such a creation to the foreign keys whose own index its statement adds;
    ``implicit`` maps a ``CreateIndex`` or ``CreateTable`` to the indexes the server makes
    itself, which it leaves out."""

    deferred: dict[int, int] = field(default_factory=dict)
    orphans: dict[int, list[ForeignKey]] = field(default_factory=dict)
    implicit: dict[int, set[str]] = field(default_factory=dict)


def plan_indexes(operations: Sequence[ops.Operation], old: Schema) -> IndexPlan:
    plan = IndexPlan()
    state = old
    for i, op in enumerate(operations):
        if isinstance(op, KEY_DROPS):
            before = _table(state, op.table_name)
            orphans = _orphaned(before, apply_to_table(before, op))
            partner = _partner(operations, i, orphans) if orphans else None
            if partner is not None:
                plan.deferred[i] = partner
            elif orphans:
                plan.orphans[i] = orphans
        elif isinstance(op, ops.CreateIndex | ops.CreateTable):
            table = op.table if isinstance(op, ops.CreateTable) else _table(state, op.table)
            indexes = op.table.indexes if isinstance(op, ops.CreateTable) else (op.index,)
            made = {ix.name for ix in indexes if _made_by_server(operations, i, table, ix)}
            if made:
                plan.implicit[i] = made
        state = apply_operation(state, op)
    return plan


def _table(state: Schema, name: str | None) -> Table:
    table = state.table(name or "")
    if table is None:
        raise KeyError(f"no table {name!r} at this point of the migration")
    return table


def key_columns(op: ops.Operation) -> tuple[str, ...]:
    """The columns of the index, unique key or primary key that *op* drops or creates."""
    if isinstance(op, ops.CreateIndex | ops.DropIndex):
        return () if op.index.where else op.index.columns
    return op.constraint.columns  # type: ignore[attr-defined, no-any-return]


def _key_name(op: ops.Operation) -> str:
    if isinstance(op, ops.CreateIndex | ops.DropIndex):
        return op.index.name
    if isinstance(op, ops.AddPrimaryKey | ops.DropPrimaryKey):
        return "PRIMARY"
    return op.constraint.name or ""  # type: ignore[attr-defined]


def serves(columns: Sequence[str], fk: ForeignKey) -> bool:
    """Whether an index over *columns* serves *fk*: the key's columns lead it, in order."""
    leading = [c.removesuffix(" DESC") for c in columns[: len(fk.columns)]]
    return leading == list(fk.columns)


def _served(table: Table, fk: ForeignKey) -> bool:
    keys = [table.primary_key.columns] if table.primary_key else []
    keys += [u.columns for u in table.uniques]
    keys += [ix.columns for ix in table.indexes if not ix.where]
    return any(serves(k, fk) for k in keys)


def _orphaned(before: Table, after: Table) -> list[ForeignKey]:
    """Foreign keys that an index served in *before* and none does in *after*."""
    return [fk for fk in after.foreign_keys if _served(before, fk) and not _served(after, fk)]


def _partner(operations: Sequence[ops.Operation], i: int, orphans: list[ForeignKey]) -> int | None:
    """The first creation on the table after *i* that serves every orphan; None if none, or if
    a creation of the dropped name comes first (it needs the drop done)."""
    drop = operations[i]
    for j in range(i + 1, len(operations)):
        op = operations[j]
        if not isinstance(op, KEY_CREATIONS) or op.table_name != drop.table_name:
            continue
        if all(serves(key_columns(op), fk) for fk in orphans):
            return j
        if _key_name(op) == _key_name(drop):
            return None
    return None


def _made_by_server(
    operations: Sequence[ops.Operation], i: int, table: Table, index: Index
) -> bool:
    """Whether *index*, created by operation *i* on *table*, is the own index of a foreign key
    that the server makes anyway: the key comes with the table or is added later in the
    migration, and no other key or index serves it meanwhile."""
    if index.unique or index.where:
        return False
    others = [ix for ix in table.indexes if ix.name != index.name]
    rest = replace(table, indexes=tuple(others))
    creating = operations[i]
    if isinstance(creating, ops.CreateTable):
        fk = _own_key(table.foreign_keys, index)
        if fk is not None:
            return not _served(rest, fk)
    for k in range(i + 1, len(operations)):
        later = operations[k]
        if isinstance(later, ops.AddForeignKey) and later.table == table.name:
            fk = _own_key([later.constraint], index)  # type: ignore[list-item]
            if fk is not None:
                between = [
                    o for o in operations[i + 1 : k]
                    if isinstance(o, KEY_CREATIONS) and o.table_name == table.name
                ]  # fmt: skip
                return not _served(rest, fk) and not any(serves(key_columns(o), fk) for o in between)
    return False


def _own_key(foreign_keys: Sequence[ForeignKey], index: Index) -> ForeignKey | None:
    """The foreign key that *index* belongs to: named after it, over its columns."""
    return next(
        (fk for fk in foreign_keys if fk.name == index.name and fk.columns == index.columns), None
    )


def own_index_clause(fk: ForeignKey, quote: Callable[[str], str]) -> str:
    """The clause that gives *fk* an index of its own, named as the server would."""
    return f"ADD INDEX {quote(fk.name or fk.columns[0])} ({', '.join(map(quote, fk.columns))})"
