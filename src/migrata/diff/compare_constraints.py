"""Primary keys, indexes, unique, check and foreign-key constraints of one table.

Constraints are compared as values: one that changed is dropped and added again, and an
unnamed one (SQLite) is matched by its definition.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from migrata.diff import operations as ops

if TYPE_CHECKING:
    from migrata.schema.model import Table


def diff_constraints(old: Table, new: Table) -> list[ops.Operation]:
    """Drops then additions that take *old*'s constraints to *new*'s (renames already applied)."""
    found: list[ops.Operation] = []
    if old.primary_key != new.primary_key:
        if old.primary_key is not None:
            found.append(ops.DropPrimaryKey(new.name, old.primary_key))
        if new.primary_key is not None:
            found.append(ops.AddPrimaryKey(new.name, new.primary_key))
    found += _members(new.name, old.indexes, new.indexes, ops.DropIndex, ops.CreateIndex)
    found += _members(
        new.name, old.uniques, new.uniques, ops.DropUniqueConstraint, ops.AddUniqueConstraint
    )
    found += _members(
        new.name, old.checks, new.checks, ops.DropCheckConstraint, ops.AddCheckConstraint
    )
    found += _members(
        new.name, old.foreign_keys, new.foreign_keys, ops.DropForeignKey, ops.AddForeignKey
    )
    return found


def _members(
    table: str,
    old: Sequence[Any],
    new: Sequence[Any],
    drop: Callable[[str, Any], ops.Operation],
    add: Callable[[str, Any], ops.Operation],
) -> list[ops.Operation]:
    dropped = [drop(table, item) for item in old if item not in new]
    return dropped + [add(table, item) for item in new if item not in old]
