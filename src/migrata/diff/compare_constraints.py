"""Primary keys, indexes, unique, check and foreign-key constraints of one table.

Constraints are compared as values: one that changed is dropped and added again, and an
unnamed one (SQLite) is matched by its definition. One whose name alone changed is renamed
(PostgreSQL names a primary key after its table, so a renamed table's key gets a new name), even
where names swap (``diff.collisions`` orders those renames).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from migrata.diff import operations as ops

if TYPE_CHECKING:
    from migrata.schema.model import Table


def diff_constraints(old: Table, new: Table) -> list[ops.Operation]:
    """Drops then additions that take *old*'s constraints to *new*'s (renames already applied)."""
    found: list[ops.Operation] = []
    if old.primary_key and new.primary_key and _renamed(old.primary_key, new.primary_key):
        found.append(ops.RenameConstraint(new.name, old.primary_key, new.primary_key))
    elif old.primary_key != new.primary_key:
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
    dropped = [item for item in old if item not in new]
    added = [item for item in new if item not in old]
    rename = ops.RenameIndex if drop is ops.DropIndex else ops.RenameConstraint
    renames: list[ops.Operation] = []
    for item in list(dropped):
        twin = next((a for a in added if _renamed(item, a)), None)
        if twin is not None:
            dropped.remove(item)
            added.remove(twin)
            renames.append(rename(table, item, twin))
    return [drop(table, i) for i in dropped] + renames + [add(table, i) for i in added]


def _renamed(old: Any, new: Any) -> bool:
    """Whether *new* is *old* under another name. The name may be one that another member
    holds or takes (names that swap): ``diff.collisions`` orders such renames."""
    if old is None or new is None or old.name is None or new.name is None:
        return False
    return old.name != new.name and replace(old, name=new.name) == new
