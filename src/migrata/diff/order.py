"""The order in which operations run, so that every statement finds what it needs.

Operations run in phases. Renames come first, because every other operation names tables and
columns as they are called in the new schema. Then what stands in the way is dropped (views,
triggers, foreign keys, keys and indexes, routines), keys and indexes are renamed, new types
and tables are created, columns change, routines whose body alone changes are replaced, columns
and tables are dropped, and last what depends on the result is added (keys and indexes, foreign
keys, routines, triggers, views). Within a phase the differ's order is kept, except that tables
and views are sorted by what they reference; where foreign keys form a cycle, the foreign key
that closes it is split off and added (or dropped) on its own.

Phases are the default; real dependencies between two operations come on top of them as edges
(``requires``): a routine that a default, check or index calls must exist before it and may only
go once nothing calls it. Where an edge runs against the phases, what brings something into being
moves forward, to just before the first operation that needs it, and what takes something away
waits for what must go first: the operation that moves is the one whose own phase neighbours
cannot mind.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar

from migrata.diff import operations as ops
from migrata.diff.state import mentions, name_finder

if TYPE_CHECKING:
    from migrata.schema.model import ForeignKey, Index, Table, View

N = TypeVar("N", str, tuple[int, int])  # a name, or an operation's (place, index)

_PHASES: list[tuple[type[ops.Operation], ...]] = [
    (ops.RenameTable,),
    (ops.RenameColumn,),
    (ops.DropView,),
    (ops.DropTrigger,),
    (ops.DropForeignKey,),
    (ops.DropIndex, ops.DropUniqueConstraint, ops.DropCheckConstraint, ops.DropPrimaryKey),
    (ops.RenameConstraint, ops.RenameIndex),  # once the names they take are free
    (ops.DropRoutine,),
    (ops.CreateSequence, ops.AlterSequence, ops.CreateEnum, ops.AlterEnumAddValue,
     ops.ReplaceEnum),
    (ops.CreateTable,),
    (ops.AddColumn, ops.AlterColumn, ops.AlterTableComment, ops.AlterTableOptions),
    # A new body may read the new columns; an old one (BEGIN ATOMIC) may hold on to old ones.
    (ops.ReplaceRoutine,),
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
    ordered = [op for phase in phases for op in phase]
    return follow(ordered, requires(ordered))


# Operations that bring something into being: when one is needed earlier than its phase, it
# moves forward rather than making its dependant wait.
_BRINGING = (
    ops.CreateTable, ops.AddColumn, ops.CreateIndex, ops.AddUniqueConstraint,
    ops.AddCheckConstraint, ops.AddForeignKey, ops.AddPrimaryKey, ops.CreateEnum,
    ops.CreateSequence, ops.CreateRoutine, ops.CreateTrigger, ops.CreateView,
)  # fmt: skip


def requires(ordered: list[ops.Operation]) -> set[tuple[int, int]]:
    """Edges ``(a, b)``, a before b: a routine is created before the defaults, checks, indexes
    and routines that call it (and after the new tables and columns it reads), and dropped
    after what called it is gone or has a new body (PostgreSQL refuses to drop a function that
    a default, a check or a ``BEGIN ATOMIC`` body calls) and before it comes back.

    Who calls what is read from the names the SQL mentions: a false match only orders two
    operations that did not need it.
    """
    created: dict[str, list[int]] = defaultdict(list)
    dropped: dict[str, list[int]] = defaultdict(list)
    for i, op in enumerate(ordered):
        if isinstance(op, ops.CreateRoutine):
            created[op.routine.name.lower()].append(i)
        elif isinstance(op, ops.DropRoutine):
            dropped[op.routine.name.lower()].append(i)
    if not created and not dropped:
        return set()
    calls = name_finder([*created, *dropped])
    edges: set[tuple[int, int]] = set()
    for i, op in enumerate(ordered):
        edges |= {(r, i) for n in calls(_sql_added(op)) for r in created.get(n, ()) if r != i}
        edges |= {(i, r) for n in calls(_sql_removed(op)) for r in dropped.get(n, ()) if r != i}
        if isinstance(op, ops.CreateRoutine):
            gone = dropped.get(op.routine.name.lower(), ())
            edges |= {(r, i) for r in gone if _same_routine(op, ordered[r])}
    return edges | _reads(ordered, created)


def _reads(ordered: list[ops.Operation], created: dict[str, list[int]]) -> set[tuple[int, int]]:
    """Edges from the new tables and columns that a new routine reads to the routine (a SQL
    function's body is checked when it is created)."""
    tables: dict[str, list[int]] = defaultdict(list)
    columns: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for i, op in enumerate(ordered):
        if isinstance(op, ops.CreateTable):
            tables[op.table.name.lower()].append(i)
        elif isinstance(op, ops.AddColumn):
            columns[op.table.lower()].append((op.column.name, i))
    if not created or not (tables or columns):
        return set()
    reads = name_finder([*tables, *columns])
    edges: set[tuple[int, int]] = set()
    for r in (r for found in created.values() for r in found):
        definition = ordered[r].routine.definition  # type: ignore[attr-defined]
        for name in reads([definition]):
            edges |= {(i, r) for i in tables.get(name, ())}
            edges |= {(i, r) for c, i in columns.get(name, ()) if mentions(definition, c)}
    return edges


def _same_routine(a: ops.CreateRoutine, b: ops.Operation) -> bool:
    """Whether *b* drops the routine *a* creates again (a name and a signature)."""
    key = (a.routine.name, a.routine.signature)
    return isinstance(b, ops.DropRoutine) and (b.routine.name, b.routine.signature) == key


def _table_sql(table: Table) -> list[str]:
    """The SQL of a table that may call routines: defaults, checks, index expressions."""
    texts = [c.default for c in table.columns if c.default]
    texts += [c.sqltext for c in table.checks]
    return texts + [t for ix in table.indexes for t in _index_sql(ix)]


def _index_sql(index: Index) -> list[str]:
    """The expressions and predicate of an index, where a routine may be called."""
    return [*index.columns, index.where or ""]


def _sql_added(op: ops.Operation) -> list[str]:
    """The SQL that *op* puts into the schema (or runs), where a routine may be called."""
    if isinstance(op, ops.CreateTable):
        return _table_sql(op.table)
    if isinstance(op, ops.AddColumn):
        return [t for t in (op.column.default, op.one_off_default) if t]
    if isinstance(op, ops.AlterColumn):
        return [t for t in (op.new.default, op.one_off_default) if t]
    if isinstance(op, ops.AddCheckConstraint):
        return [op.constraint.sqltext]  # type: ignore[union-attr]
    if isinstance(op, ops.CreateIndex):
        return _index_sql(op.index)
    if isinstance(op, ops.CreateRoutine):
        return [op.routine.definition]
    if isinstance(op, ops.ReplaceRoutine):
        return [op.new.definition]
    return []


def _sql_removed(op: ops.Operation) -> list[str]:
    """The SQL that *op* takes out of the schema, where a routine may be called."""
    if isinstance(op, ops.DropTable):
        return _table_sql(op.table)
    if isinstance(op, ops.DropColumn):
        return [op.column.default] if op.column.default else []
    if isinstance(op, ops.AlterColumn):
        return [op.old.default] if op.old.default else []
    if isinstance(op, ops.DropCheckConstraint):
        return [op.constraint.sqltext]  # type: ignore[union-attr]
    if isinstance(op, ops.DropIndex):
        return _index_sql(op.index)
    if isinstance(op, ops.DropRoutine):
        return [op.routine.definition]
    if isinstance(op, ops.ReplaceRoutine):
        return [op.old.definition]  # a BEGIN ATOMIC body holds on to what it calls
    return []


def follow(ordered: list[ops.Operation], edges: set[tuple[int, int]]) -> list[ops.Operation]:
    """*ordered* changed only as far as each edge ``(a, b)`` (a runs before b) needs.

    An operation that brings something into being takes the earliest place of those that need
    it (transitively); then a stable topological sort keeps everything else where it was and
    makes an operation wait for its prerequisites. A cycle is broken at its earliest operation.
    """
    if not edges:
        return ordered
    needed_by: dict[int, set[int]] = {i: set() for i in range(len(ordered))}
    waits: dict[int, set[int]] = {i: set() for i in range(len(ordered))}
    for a, b in edges:
        needed_by[a].add(b)
        waits[b].add(a)
    place = _places(ordered, needed_by)
    keys = [(place[i], i) for i in range(len(ordered))]
    order, _ = topological(keys, lambda key: {keys[a] for a in waits[key[1]]})
    return [ordered[i] for _, i in order]


def _places(ordered: list[ops.Operation], needed_by: dict[int, set[int]]) -> dict[int, int]:
    """Each operation's place: its own, or for one that brings something, the earliest place of
    the operations that need it."""
    place: dict[int, int] = {}

    def of(i: int, path: frozenset[int]) -> int:
        if i not in place:
            own = i
            if isinstance(ordered[i], _BRINGING):
                own = min([i, *(of(j, path | {i}) for j in needed_by[i] if j not in path)])
            place[i] = own
        return place[i]

    for i in range(len(ordered)):
        of(i, frozenset())
    return place


def reverse_all(operations: list[ops.Operation]) -> list[ops.Operation]:
    """The operations that undo *operations*, in the order they must run.

    The last is undone first, with one exception: views, triggers and routines created (or
    replaced) again go last. The differ runs renames first and names everything else by the new names, so
    undoing runs the renames back last; but these objects' definitions are text in the old
    names, which exist only once the renames are undone. A routine that a default or check
    calls still comes before it (``requires``).
    """
    undo = [op.reverse() for op in reversed(operations)]
    last = (ops.CreateView, ops.CreateTrigger, ops.CreateRoutine, ops.ReplaceRoutine)
    undo = [op for op in undo if not isinstance(op, last)] + [
        op for op in undo if isinstance(op, last)
    ]
    return follow(undo, requires(undo))


def topological(
    names: list[N], requires: Callable[[N], set[N]]
) -> tuple[list[N], list[tuple[N, N]]]:
    """*names* with each after those it requires, and the (name, required) edges cut to break
    cycles; ties and cycle breaks go by name (the least first), so the order is deterministic."""
    pending = set(names)
    needs = {n: requires(n) & pending - {n} for n in names}
    needed_by: dict[str, set[str]] = {n: set() for n in names}
    for n, required in needs.items():
        for r in required:
            needed_by[r].add(n)
    ready = [n for n in names if not needs[n]]
    heapq.heapify(ready)
    order: list[N] = []
    cut: list[tuple[N, N]] = []
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
