"""MySQL and MariaDB: the index every foreign key needs.

InnoDB keeps an index whose first columns are a foreign key's, in order, for as long as the key
exists. When a key is added and no index serves it, the server makes one of the key's own,
named after the key (after its first column when the key's name is generated); it drops that
index by itself once another index serves the key, may hand it to the next key added over the
same columns, refuses to drop the last index serving a key ("needed in a foreign key
constraint"), and leaves the index behind when the key is dropped.

Reflection leaves a key's own index out of the model (``reflect_mysql``): it is the server's
business, and its name depends on the order in which keys were added. What the renderer does
for it:

* a key, index or primary key whose drop would leave a foreign key of its table without an
  index joins the ``ALTER TABLE`` of the index that takes over, the first creation on that
  table later in the migration that serves the key; without one, its statement gives the
  foreign key an index of its own;
* a dropped foreign key's own index goes with it, and another foreign key that index served
  gets one of its own.

MariaDB's ``IF [NOT] EXISTS`` covers the indexes the model does not show; MySQL has none for
indexes, so there the statements assume them as the server makes them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from migrata.dialects.render import table_at
from migrata.diff import operations as ops
from migrata.diff.state import apply_operation, apply_to_table
from migrata.schema.model import ForeignKey, Schema, Table

KEY_DROPS = (ops.DropIndex, ops.DropUniqueConstraint, ops.DropPrimaryKey)
KEY_CREATIONS = (ops.CreateIndex, ops.AddUniqueConstraint, ops.AddPrimaryKey)


@dataclass
class IndexPlan:
    """``deferred`` maps a key drop to the creation whose statement it joins; ``orphans`` maps
    one without such a creation to the foreign keys its statement gives an index of their own."""

    deferred: dict[int, int] = field(default_factory=dict)
    orphans: dict[int, list[ForeignKey]] = field(default_factory=dict)


def plan_indexes(operations: Sequence[ops.Operation], old: Schema) -> IndexPlan:
    plan = IndexPlan()
    state = old
    for i, op in enumerate(operations):
        if isinstance(op, KEY_DROPS):
            before = table_at(state, op.table_name or "")
            orphans = _orphaned(before, apply_to_table(before, op))
            partner = _partner(operations, i, orphans) if orphans else None
            if partner is not None:
                plan.deferred[i] = partner
            elif orphans:
                plan.orphans[i] = orphans
        state = apply_operation(state, op)
    return plan


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


def served(table: Table, fk: ForeignKey) -> bool:
    """Whether a key or index of the model serves *fk* (its own index is not in the model)."""
    keys = [table.primary_key.columns] if table.primary_key else []
    keys += [u.columns for u in table.uniques]
    keys += [ix.columns for ix in table.indexes if not ix.where]
    return any(serves(k, fk) for k in keys)


def _orphaned(before: Table, after: Table) -> list[ForeignKey]:
    """Foreign keys that a key or index served in *before* and none does in *after*."""
    return [fk for fk in after.foreign_keys if served(before, fk) and not served(after, fk)]


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


def leaning_on(table: Table, dropped: ForeignKey) -> list[ForeignKey]:
    """The foreign keys left in *table* that *dropped*'s own index may be serving: no key or
    index of the model serves them, and the dropped key's columns lead with theirs."""
    return [
        fk for fk in table.foreign_keys
        if fk != dropped and not served(table, fk) and serves(dropped.columns, fk)
    ]  # fmt: skip


def own_index_clause(fk: ForeignKey, quote: Callable[[str], str], if_not_exists: str) -> str:
    """The clause that gives *fk* an index of its own, named after it as the server would."""
    columns = ", ".join(map(quote, fk.columns))
    return f"ADD INDEX {if_not_exists}{quote(fk.name or fk.columns[0])} ({columns})"
