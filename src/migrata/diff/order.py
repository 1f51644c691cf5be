"""The order in which operations run, so that every statement finds what it needs.

Operations run in phases. Renames come first, because every other operation names tables and
columns as they are called in the new schema. Then what stands in the way is dropped (views,
triggers, foreign keys, keys and indexes, routines), new types and tables are created, columns
change, columns and tables are dropped, and last what depends on the result is added (keys and
indexes, foreign keys, routines, triggers, views). Within a phase the differ's order is kept, except that
tables and views are sorted by what they reference; where foreign keys form a cycle, the
foreign key that closes it is split off and added (or dropped) on its own.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from migrata.diff import operations as ops
from migrata.diff.state import mentions

if TYPE_CHECKING:
    from migrata.schema.model import ForeignKey, Table, View

_PHASES: list[tuple[type[ops.Operation], ...]] = [
    (ops.RenameTable,),
    (ops.RenameColumn,),
    (ops.DropView,),
    (ops.DropTrigger,),
    (ops.DropForeignKey,),
    (ops.DropIndex, ops.DropUniqueConstraint, ops.DropCheckConstraint, ops.DropPrimaryKey),
    (ops.DropRoutine,),
    (ops.CreateSequence, ops.AlterSequence, ops.CreateEnum, ops.AlterEnumAddValue,
     ops.ReplaceEnum),
    (ops.CreateTable,),
    (ops.AddColumn, ops.AlterColumn, ops.AlterTableComment),
    (ops.DropColumn,),
    (ops.DropTable,),
    (ops.DropSequence, ops.DropEnum),
    (ops.AddPrimaryKey, ops.AddUniqueConstraint, ops.AddCheckConstraint, ops.CreateIndex),
    (ops.AddForeignKey,),
    (ops.CreateRoutine,),
    (ops.CreateTrigger,),
    (ops.ReplaceView, ops.CreateView),
]
PHASE = {kind: number for number, kinds in enumerate(_PHASES) for kind in kinds}


def arrange(found: list[ops.Operation]) -> list[ops.Operation]:
    """*found* in an order that runs: by phase, tables and views by their references."""
    phases: list[list[ops.Operation]] = [[] for _ in _PHASES]
    for op in found:
        phases[PHASE[type(op)]].append(op)
    creates, added_fks = _order_creates(phases[PHASE[ops.CreateTable]])
    drops, dropped_fks = _order_drops(phases[PHASE[ops.DropTable]])
    phases[PHASE[ops.CreateTable]] = creates
    phases[PHASE[ops.DropTable]] = drops
    phases[PHASE[ops.AddForeignKey]] += added_fks
    phases[PHASE[ops.DropForeignKey]] += dropped_fks
    phases[PHASE[ops.DropView]] = _order_views(phases[PHASE[ops.DropView]], dependants_first=True)
    phases[PHASE[ops.CreateView]] = _order_views(phases[PHASE[ops.CreateView]])
    return [op for phase in phases for op in phase]


def topological(
    names: list[str], requires: Callable[[str], set[str]]
) -> tuple[list[str], list[tuple[str, str]]]:
    """*names* with each after those it requires, and the (name, required) edges cut to break
    cycles; ties and cycle breaks go by name, so the order is deterministic."""
    pending = set(names)
    needs = {n: requires(n) & pending - {n} for n in names}
    needed_by: dict[str, set[str]] = {n: set() for n in names}
    for n, required in needs.items():
        for r in required:
            needed_by[r].add(n)
    ready = [n for n in names if not needs[n]]
    heapq.heapify(ready)
    order: list[str] = []
    cut: list[tuple[str, str]] = []
    while pending:
        if not ready:  # a cycle: take the first name and cut what it still requires
            name = min(pending)
            cut += [(name, r) for r in sorted(needs[name])]
            for r in needs[name]:
                needed_by[r].discard(name)
            needs[name] = set()
        else:
            name = heapq.heappop(ready)
        pending.discard(name)
        order.append(name)
        for dependant in sorted(needed_by[name]):
            needs[dependant].discard(name)
            if not needs[dependant] and dependant in pending:
                heapq.heappush(ready, dependant)
    return order, cut


def _order_creates(
    creates: list[ops.Operation],
) -> tuple[list[ops.Operation], list[ops.Operation]]:
    """New tables after the tables their foreign keys reference; a cycle's closing foreign key
    is taken out of its table and added once every table exists."""
    tables = {op.table.name: op.table for op in creates if isinstance(op, ops.CreateTable)}
    order, cut = topological(
        list(tables), lambda n: {fk.ref_table for fk in tables[n].foreign_keys}
    )
    split = _split(tables, cut)
    extra: list[ops.Operation] = [ops.AddForeignKey(t, fk) for t, fk in split]
    return [ops.CreateTable(tables[n]) for n in order], extra


def _order_drops(drops: list[ops.Operation]) -> tuple[list[ops.Operation], list[ops.Operation]]:
    """Dropped tables before the tables they reference; a cycle's closing foreign key is dropped
    first, on its own."""
    tables = {op.table.name: op.table for op in drops if isinstance(op, ops.DropTable)}
    order, cut = topological(
        list(tables), lambda n: {fk.ref_table for fk in tables[n].foreign_keys}
    )
    split = _split(tables, cut)
    extra: list[ops.Operation] = [ops.DropForeignKey(t, fk) for t, fk in split]
    return [ops.DropTable(tables[n]) for n in reversed(order)], extra


def _split(
    tables: dict[str, Table], cut: list[tuple[str, str]]
) -> list[tuple[str, ForeignKey]]:
    """Take the foreign keys along *cut* edges out of *tables* (in place); return them."""
    split = []
    for name, ref in cut:
        table = tables[name]
        moving = [fk for fk in table.foreign_keys if fk.ref_table == ref]
        kept = tuple(fk for fk in table.foreign_keys if fk.ref_table != ref)
        tables[name] = replace(table, foreign_keys=kept)
        split += [(name, fk) for fk in moving]
    return split


def _order_views(found: list[ops.Operation], dependants_first: bool = False) -> list[ops.Operation]:
    by_name = {_view(op).name: op for op in found}

    def reads(name: str) -> set[str]:
        definition = _view(by_name[name]).definition
        return {other for other in by_name if other != name and mentions(definition, other)}

    order, _ = topological(list(by_name), reads)
    if dependants_first:
        order.reverse()
    return [by_name[n] for n in order]


def _view(op: ops.Operation) -> View:
    """The definition that will exist once *op* has run (or the one it drops)."""
    if isinstance(op, ops.ReplaceView):
        return op.new
    assert isinstance(op, ops.CreateView | ops.DropView)
    return op.view
