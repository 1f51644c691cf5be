"""Dependants that the database will not let an operation pass: dropped first, added back after.

* foreign keys over a column whose type changes, or onto a key that is dropped (PostgreSQL and
  MySQL refuse both while the foreign key exists);
* a new table's foreign keys onto a key that is not there yet when the table is created (one
  that the migration adds or changes, or the new table's own unique index), or onto columns
  whose type changes after: added on their own once the keys and types are in place;
* views that read a table that is dropped, renamed or whose columns change, or call a routine
  that is dropped, and views that read such views (a column a view reads cannot be dropped or
  retyped);
* column defaults, checks and indexes that call a routine that is dropped (to be created again
  under a new declaration) and otherwise stay: PostgreSQL refuses to drop a function they call;
* triggers that call a routine that is dropped (to be created again).

Which view or trigger reads what is decided by the names its definition mentions: a false
match costs a needless drop and create, never a failed migration.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from migrata.diff import operations as ops
from migrata.diff.state import mentions
from migrata.schema.model import ForeignKey

if TYPE_CHECKING:
    from migrata.schema.model import Schema, Table, View

_RETYPING = frozenset({"type", "collation"})


def add_dependents(found: list[ops.Operation], old: Schema, new: Schema) -> list[ops.Operation]:
    """*found* plus the drops and re-creations its dependants need (*old* has renames applied)."""
    found = _callers(found, old)
    found = _foreign_keys(found, old)
    found = _new_tables_foreign_keys(found, old)
    found = _views(found, old, new)
    return found + _triggers(found, old)


def _foreign_keys(found: list[ops.Operation], old: Schema) -> list[ops.Operation]:
    """Drop (and add back) foreign keys in the way; those of a dropped table go before it.

    A foreign key in the way that is also renamed is dropped, and added under its new name.
    """
    retyped = {(op.table, op.name) for op in found if isinstance(op, ops.AlterColumn) and _retypes(op)}
    keys = {(op.table, frozenset(_key_columns(op))) for op in found if _key_columns(op)}
    found = [done for op in found for done in _unrenamed(op, retyped, keys)]
    dropping = {(op.table, op.constraint) for op in found if isinstance(op, ops.DropForeignKey)}
    dropped_tables = {op.table.name for op in found if isinstance(op, ops.DropTable)}
    extra: list[ops.Operation] = []
    for table in old.tables:
        for fk in table.foreign_keys:
            if (table.name, fk) in dropping or not _needs_drop(table.name, fk, retyped, keys):
                continue
            extra.append(ops.DropForeignKey(table.name, fk))
            if table.name not in dropped_tables:
                extra.append(ops.AddForeignKey(table.name, fk))
    return [_without_dropped(op, extra) for op in found] + extra


def _new_tables_foreign_keys(found: list[ops.Operation], old: Schema) -> list[ops.Operation]:
    """Take out of each new table the foreign keys its CREATE TABLE cannot hold yet.

    A dropped table gives up those onto its own unique indexes too (dropped first, on their
    own), so that the down, which creates it again, can add them after its indexes.
    """
    created = {op.table.name for op in found if isinstance(op, ops.CreateTable)}
    changed = {(op.table, c) for op in found for c in _key_columns(op)}
    changed |= {(op.table, op.name) for op in found if _retypes(op)}
    result: list[ops.Operation] = []
    apart: list[ops.Operation] = []
    for op in found:
        if isinstance(op, ops.CreateTable | ops.DropTable):
            table = op.table
            ready = [
                fk for fk in table.foreign_keys
                if (isinstance(op, ops.DropTable) and fk.ref_table != table.name)
                or _key_ready(table, fk, old, created, changed)
            ]  # fmt: skip
            split = ops.AddForeignKey if isinstance(op, ops.CreateTable) else ops.DropForeignKey
            apart += [split(table.name, fk) for fk in table.foreign_keys if fk not in ready]
            op = type(op)(replace(table, foreign_keys=tuple(ready)))
        result.append(op)
    return result + apart


def _key_ready(
    table: Table, fk: ForeignKey, old: Schema, created: set[str], changed: set[tuple[str, str]]
) -> bool:
    """Whether the key *fk* references is there, with its types, when *table* is created."""
    wanted = set(fk.ref_columns)
    if fk.ref_table == table.name:  # the CREATE TABLE holds its keys, its indexes come after
        return wanted in _keys(table, indexes=False)
    if fk.ref_table in created:  # created before, whole (a cycle is split apart in order)
        return True
    ref = old.table(fk.ref_table)
    if ref is None:  # not ours to order (another schema's table)
        return True
    if any((ref.name, c) in changed for c in fk.ref_columns):
        return False
    return wanted in _keys(ref, indexes=True)


def _keys(table: Table, indexes: bool) -> list[set[str]]:
    """The column sets of *table*'s primary key, unique constraints (and unique indexes)."""
    keys = [set(table.primary_key.columns)] if table.primary_key else []
    keys += [set(u.columns) for u in table.uniques]
    if indexes:
        keys += [set(ix.columns) for ix in table.indexes if ix.unique and not ix.where]
    return keys


def _unrenamed(
    op: ops.Operation, retyped: set[tuple[str, str]], keys: set[tuple[str, frozenset[str]]]
) -> list[ops.Operation]:
    """A renamed foreign key that must be dropped anyway: dropped, and added as the new one."""
    if not isinstance(op, ops.RenameConstraint) or not isinstance(op.old, ForeignKey):
        return [op]
    if not _needs_drop(op.table, op.old, retyped, keys):
        return [op]
    return [ops.DropForeignKey(op.table, op.old), ops.AddForeignKey(op.table, op.new)]


def _without_dropped(op: ops.Operation, extra: list[ops.Operation]) -> ops.Operation:
    """A DropTable without the foreign keys dropped on their own (so its reverse is exact)."""
    if not isinstance(op, ops.DropTable):
        return op
    gone = [e.constraint for e in extra if isinstance(e, ops.DropForeignKey) and e.table == op.table.name]
    if not gone:
        return op
    kept = tuple(fk for fk in op.table.foreign_keys if fk not in gone)
    return ops.DropTable(replace(op.table, foreign_keys=kept))


def _key_columns(op: ops.Operation) -> tuple[str, ...]:
    """The columns of a key that *op* drops (foreign keys may point at it), else ()."""
    if isinstance(op, ops.DropPrimaryKey | ops.DropUniqueConstraint):
        return op.constraint.columns
    if isinstance(op, ops.DropIndex) and op.index.unique:
        return op.index.columns
    return ()


def _needs_drop(
    table: str,
    fk: ForeignKey,
    retyped: set[tuple[str, str]],
    keys: set[tuple[str, frozenset[str]]],
) -> bool:
    if any((table, c) in retyped for c in fk.columns):
        return True
    if any((fk.ref_table, c) in retyped for c in fk.ref_columns):
        return True
    return (fk.ref_table, frozenset(fk.ref_columns)) in keys


def _retypes(op: ops.Operation) -> bool:
    return isinstance(op, ops.AlterColumn) and bool(_RETYPING & set(op.changes))


def _touched_names(found: list[ops.Operation], old: Schema) -> set[str]:
    """Tables and views whose change breaks the views that read them."""
    names: set[str] = set()
    for op in found:
        if isinstance(op, ops.ReplaceEnum):  # converts every column of that type
            names |= {
                t.name for t in old.tables if any(c.type == op.old.name for c in t.columns)
            }
        if isinstance(op, ops.RenameTable):
            names |= {op.old, op.new}
        elif isinstance(op, ops.DropTable):
            names.add(op.table.name)
        elif isinstance(op, ops.DropColumn | ops.RenameColumn) or _retypes(op):
            names.add(op.table_name or "")
        elif isinstance(op, ops.DropView):
            names.add(op.view.name)
        elif isinstance(op, ops.ReplaceView):
            names.add(op.old.name)
        elif isinstance(op, ops.DropRoutine):  # PostgreSQL refuses while a view calls it
            names.add(op.routine.name)
    return names


def _views(found: list[ops.Operation], old: Schema, new: Schema) -> list[ops.Operation]:
    """Views reading touched names, transitively, are dropped and created again."""
    touched = _touched_names(found, old)
    affected: dict[str, View] = {}
    grew = True
    while grew:
        grew = False
        for view in old.views:
            reads = touched | set(affected)
            if view.name not in affected and any(
                mentions(view.definition, n) for n in reads - {view.name}
            ):
                affected[view.name] = view
                grew = True
    result: list[ops.Operation] = []
    for op in found:
        if isinstance(op, ops.ReplaceView) and op.old.name in affected:
            result += [ops.DropView(op.old), ops.CreateView(op.new)]
        else:
            result.append(op)
    handled = {op.view.name for op in found if isinstance(op, ops.DropView)}
    handled |= {op.old.name for op in found if isinstance(op, ops.ReplaceView)}
    current = {v.name: v for v in new.views}
    for name, view in affected.items():
        if name not in handled and name in current:
            result += [ops.DropView(view), ops.CreateView(current[name])]
    return result


def _triggers(found: list[ops.Operation], old: Schema) -> list[ops.Operation]:
    routines = {op.routine.name for op in found if isinstance(op, ops.DropRoutine)}
    dropping = {op.trigger.name for op in found if isinstance(op, ops.DropTrigger)}
    extra: list[ops.Operation] = []
    for trigger in old.triggers:
        if trigger.name not in dropping and any(mentions(trigger.definition, r) for r in routines):
            extra += [ops.DropTrigger(trigger), ops.CreateTrigger(trigger)]
    return extra


# Callers of a routine that is dropped ------------------------------------------------------------

_Calls = Callable[[Iterable[str | None]], bool]


def _callers(found: list[ops.Operation], old: Schema) -> list[ops.Operation]:
    """Defaults, checks and indexes that call a dropped routine, let go of before the drop and
    put back after (order.requires places them around the routine).

    A caller that *found* drops or changes already lets go; one that only changes name is
    dropped, and added under the new name. A default that changes along with the routine is
    set apart from the rest of its column's change, so that it can wait for the new routine.
    """
    dropped = {op.routine.name for op in found if isinstance(op, ops.DropRoutine)}
    if not dropped:
        return found
    calls = _call_finder(dropped)
    found = [done for op in found for done in _split_default(op, calls)]
    gone = {op.table.name for op in found if isinstance(op, ops.DropTable)}
    changed = {(op.table, op.name) for op in found if isinstance(op, ops.AlterColumn)}
    changed |= {(op.table, op.column.name) for op in found if isinstance(op, ops.DropColumn)}
    extra: list[ops.Operation] = []
    for table in (t for t in old.tables if t.name not in gone):
        for column in table.columns:
            if (table.name, column.name) not in changed and calls([column.default]):
                bare = replace(column, default=None)
                extra += [ops.AlterColumn(table.name, column, bare),
                          ops.AlterColumn(table.name, bare, column)]  # fmt: skip
        for check in (c for c in table.checks if calls([c.sqltext])):
            extra += _around(found, table.name, check, ops.DropCheckConstraint,
                             ops.AddCheckConstraint)  # fmt: skip
        for index in (ix for ix in table.indexes if calls([*ix.columns, ix.where])):
            extra += _around(found, table.name, index, ops.DropIndex, ops.CreateIndex)
    let_go = {(op.table, _member(op)) for op in extra if isinstance(op, _LETTING_GO)}
    return [op for op in found if not _renames(op, let_go)] + extra


def _call_finder(names: set[str]) -> _Calls:
    """Whether SQL texts call one of *names*: the name, perhaps quoted, then a parenthesis (a
    column of that name is no call)."""
    choices = "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
    pattern = re.compile(rf'(?<![\w$])(?:{choices})"?\s*\(', re.IGNORECASE)
    return lambda texts: any(pattern.search(t) for t in texts if t)


def _split_default(op: ops.Operation, calls: _Calls) -> list[ops.Operation]:
    """A column change whose old and new default call a dropped routine: the change without the
    default, then the new default (set once the routine is back)."""
    if not isinstance(op, ops.AlterColumn) or not calls([op.old.default]):
        return [op]
    if not calls([op.new.default]):
        return [op]
    bare = replace(op.new, default=None)
    return [replace(op, new=bare), ops.AlterColumn(op.table, bare, op.new)]


def _around(
    found: list[ops.Operation],
    table: str,
    item: Any,
    drop: Callable[[str, Any], ops.Operation],
    add: Callable[[str, Any], ops.Operation],
) -> list[ops.Operation]:
    """*item* dropped and added back, unless *found* drops it already; one that *found* only
    renames is added under its new name (and the rename goes, see ``_renames``)."""
    if drop(table, item) in found:
        return []
    for op in found:
        if isinstance(op, ops.MemberRename) and op.table == table and op.old == item:
            return [drop(table, item), add(table, op.new)]
    return [drop(table, item), add(table, item)]


_LETTING_GO = (ops.DropIndex, ops.DropCheckConstraint)


def _member(op: ops.DropIndex | ops.DropCheckConstraint) -> object:
    return op.index if isinstance(op, ops.DropIndex) else op.constraint


def _renames(op: ops.Operation, let_go: set[tuple[str, object]]) -> bool:
    """Whether *op* renames a member that is now dropped, and added under its new name."""
    return isinstance(op, ops.MemberRename) and (op.table, op.old) in let_go
