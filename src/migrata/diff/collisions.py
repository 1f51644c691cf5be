"""Renames of keys and indexes that would take a name still in use: ordered, or made in two steps.

Names that swap (``ix_a`` and ``ix_b`` trade places, on one table or on two) or move along a
chain (``ix_a`` to ``ix_b`` while ``ix_b`` becomes ``ix_c``) can only be renamed in some order,
and a cycle only through a temporary name: the first rename of a cycle takes
``migrata_tmp_<name>`` and the name it wants comes last, once it is free.

Where names must be unique differs: PostgreSQL's indexes, primary keys and unique constraints
share one namespace per schema (each is a relation) while its other constraints are unique per
table; SQLite's indexes are unique per schema; MariaDB's indexes per table, its foreign keys per
database. This module takes the strictest view, one namespace for every key, constraint and index
of the schema, compared without case: at worst a rename that could have gone in place takes two
steps. Where a dialect renames by dropping and adding, its renderer drops at the first step and
adds at the second, so the detour costs nothing there.

Only renames are moved: a name held by anything else stays where the differ put it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from migrata.diff import operations as ops

if TYPE_CHECKING:
    from migrata.schema.model import Schema, Table


# The shortest limit on names of the three dialects (PostgreSQL's 63 bytes).
_MAX_NAME_BYTES = 63


def untangle(operations: list[ops.Operation], old: Schema) -> list[ops.Operation]:
    """*operations* with each run of consecutive renames ordered so that every rename finds its
    new name free, going through a temporary name where renames form a cycle."""
    held = Counter(n.lower() for t in old.tables for n in _names(t))
    # A temporary name must not be a table's either: PostgreSQL's indexes share their names.
    used = set(held) | {n.lower() for op in operations for n in _touched(op)}
    used |= {o.name.lower() for o in (*old.tables, *old.views, *old.sequences)}
    result: list[ops.Operation] = []
    run: list[ops.MemberRename] = []
    for op in [*operations, None]:
        if isinstance(op, ops.MemberRename) and op.old.name and op.new.name:
            run.append(op)
            continue
        if run:
            result += _ordered(run, held, used)
            run = []
        if op is not None:
            result.append(op)
            _track(held, op)
    return result


def _ordered(run: list[ops.MemberRename], held: Counter[str], used: set[str]) -> list[ops.Operation]:
    """*run* in an order that runs; *held* ends as the names held after it.

    A rename goes as soon as its name is free. One whose name something other than a rename
    holds goes as it is: waiting would not free the name, and the database will say which it
    is. When every rename waits for another, they form a cycle, broken by a temporary name.
    """
    pending = list(run)
    done: list[ops.Operation] = []
    while pending:
        ready = next((op for op in pending if not _taken(op, held)), None)
        ready = ready or next((op for op in pending if not _waits(op, pending)), None)
        if ready is not None:
            pending.remove(ready)
        else:
            i = _on_cycle(pending)
            ready, pending[i] = _through_temporary(pending[i], used)
        done.append(ready)
        _track(held, ready)
    return done


def _taken(op: ops.MemberRename, held: Counter[str]) -> bool:
    new, old = _key(op.new.name), _key(op.old.name)
    return held[new] > (1 if new == old else 0)  # a change of case only is its own holder


def _waits(op: ops.MemberRename, pending: list[ops.MemberRename]) -> bool:
    """Whether another pending rename frees the name *op* wants."""
    return any(other is not op and _key(other.old.name) == _key(op.new.name) for other in pending)


def _on_cycle(pending: list[ops.MemberRename]) -> int:
    """The place of a rename on a cycle, when each pending rename waits for another: one that
    only waits for a cycle to move would gain nothing from a temporary name."""
    frees = {_key(op.old.name): i for i, op in enumerate(pending)}
    seen: set[int] = set()
    i = 0
    while i not in seen:
        seen.add(i)
        i = frees[_key(pending[i].new.name)]
    return i


def _through_temporary(op: ops.MemberRename, used: set[str]) -> tuple[ops.MemberRename, ops.MemberRename]:
    temporary = _temporary_name(op.old.name or "", used)
    used.add(temporary.lower())
    middle = replace(op.new, name=temporary)
    return replace(op, new=middle), replace(op, old=middle)  # type: ignore[arg-type]


def _temporary_name(name: str, used: set[str]) -> str:
    """``migrata_tmp_<name>``, cut to the shortest limit, numbered when already in use."""
    for suffix in _suffixes():
        room = _MAX_NAME_BYTES - len(suffix.encode())
        base = (ops.TEMPORARY_PREFIX + name).encode()[:room].decode(errors="ignore")
        if (base + suffix).lower() not in used:
            return base + suffix
    raise AssertionError("unreachable: the suffixes never run out")


def _suffixes() -> Iterator[str]:
    yield ""
    n = 2
    while True:
        yield f"_{n}"
        n += 1


def _key(name: str | None) -> str:
    return (name or "").lower()


def _names(table: Table) -> Iterator[str]:
    """The names of *table*'s keys, constraints and indexes."""
    members: Iterable[object] = (
        table.primary_key, *table.uniques, *table.checks, *table.foreign_keys, *table.indexes,
    )  # fmt: skip
    for member in members:
        name = getattr(member, "name", None)
        if name:
            yield name


def _touched(op: ops.Operation) -> Iterator[str]:
    """The names of keys, constraints and indexes that *op* creates, drops or renames."""
    if isinstance(op, ops.CreateTable | ops.DropTable):
        yield from _names(op.table)
    elif isinstance(op, ops.MemberRename):
        yield from (n for n in (op.old.name, op.new.name) if n)
    else:
        member = getattr(op, "index", None) or getattr(op, "constraint", None)
        name = getattr(member, "name", None)
        if name:
            yield name


_ADDING = (
    ops.CreateIndex, ops.AddUniqueConstraint, ops.AddCheckConstraint, ops.AddForeignKey,
    ops.AddPrimaryKey, ops.CreateTable,
)  # fmt: skip
_DROPPING = (
    ops.DropIndex, ops.DropUniqueConstraint, ops.DropCheckConstraint, ops.DropForeignKey,
    ops.DropPrimaryKey, ops.DropTable,
)  # fmt: skip


def _track(held: Counter[str], op: ops.Operation) -> None:
    """Update *held* to the names held once *op* has run."""
    if isinstance(op, ops.MemberRename):
        held[_key(op.old.name)] -= 1
        held[_key(op.new.name)] += 1
    elif isinstance(op, _ADDING):
        held.update(n.lower() for n in _touched(op))
    elif isinstance(op, _DROPPING):
        held.subtract(n.lower() for n in _touched(op))
