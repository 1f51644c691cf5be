"""Tables: renames (confirmed by the questioner), creations, drops, and what changed inside."""

from __future__ import annotations

from typing import TYPE_CHECKING

from migrata.diff import renames
from migrata.diff.compare_columns import check_pairs, diff_columns
from migrata.diff.compare_constraints import diff_constraints
from migrata.diff.operations import (
    AlterTableComment,
    AlterTableOptions,
    CreateTable,
    DropTable,
    Operation,
    RenameTable,
)

if TYPE_CHECKING:
    from migrata.diff.questioner import Questioner
    from migrata.schema.model import Schema, Table


def table_renames(old: Schema, new: Schema, questioner: Questioner) -> list[RenameTable]:
    """Ask about tables that left *old* while others arrived in *new*."""
    new_names = {t.name for t in new.tables}
    old_names = {t.name for t in old.tables}
    removed = [t for t in old.tables if t.name not in new_names]
    added = [t for t in new.tables if t.name not in old_names]
    if not removed or not added:
        return []
    candidates = renames.rank(removed, added, renames.table_score)
    old_order, new_order = renames.likely_first(
        [t.name for t in removed], [t.name for t in added], candidates
    )
    pairs = questioner.ask_rename_table(old_order, new_order)
    check_pairs(pairs, old_order, new_order, "tables")
    return [RenameTable(o, n) for o, n in pairs]


def diff_tables(old: Schema, new: Schema, questioner: Questioner) -> list[Operation]:
    """Operations that take *old*'s tables to *new*'s (table and column renames applied)."""
    found: list[Operation] = []
    for table in new.tables:
        before = old.table(table.name)
        if before is None:
            found.append(CreateTable(table))
        elif before != table:
            found += diff_table(before, table, questioner)
    new_names = {t.name for t in new.tables}
    found += [DropTable(t) for t in old.tables if t.name not in new_names]
    return found


def diff_table(old: Table, new: Table, questioner: Questioner) -> list[Operation]:
    found = diff_columns(old, new, questioner) + diff_constraints(old, new)
    if old.comment != new.comment:
        found.append(AlterTableComment(new.name, old.comment, new.comment))
    if old.options != new.options:
        found.append(AlterTableOptions(new.name, old.options, new.options))
    return found
