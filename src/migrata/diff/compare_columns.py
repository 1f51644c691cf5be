"""Columns of one table: renames (confirmed by the questioner), additions, drops, alterations.

Column order is not compared: reflection reports it, but moving a column is not a change a
migration should make.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from migrata.diff import renames
from migrata.diff.operations import AddColumn, AlterColumn, DropColumn, Operation, RenameColumn
from migrata.errors import Aborted

if TYPE_CHECKING:
    from migrata.diff.questioner import Questioner
    from migrata.schema.model import Column, Table


def column_renames(old: Table, new: Table, questioner: Questioner) -> list[RenameColumn]:
    """Ask about columns that left *old* while others arrived in *new* (same table, new name)."""
    removed = [c for c in old.columns if new.column(c.name) is None]
    added = [c for c in new.columns if old.column(c.name) is None]
    if not removed or not added:
        return []
    candidates = renames.rank(removed, added, renames.column_score)
    old_order, new_order = renames.likely_first(
        [c.name for c in removed], [c.name for c in added], candidates
    )
    by_name = {c.name: c for c in (*removed, *added)}
    pairs = questioner.ask_rename_column(
        new.name, [by_name[n] for n in old_order], [by_name[n] for n in new_order]
    )
    check_pairs(pairs, old_order, new_order, f"columns of {new.name}")
    return [RenameColumn(new.name, o, n) for o, n in pairs]


def check_pairs(pairs: list[tuple[str, str]], removed: list[str], added: list[str], what: str) -> None:
    """A questioner may only pair a removed name with an added one, each at most once."""
    olds = [o for o, _ in pairs]
    news = [n for _, n in pairs]
    if (
        not set(olds) <= set(removed)
        or not set(news) <= set(added)
        or len(set(olds)) < len(olds)
        or len(set(news)) < len(news)
    ):
        raise ValueError(f"the questioner paired unknown or repeated {what}: {pairs}")


def diff_columns(old: Table, new: Table, questioner: Questioner) -> list[Operation]:
    """Operations that take the columns of *old* to those of *new* (renames already applied)."""
    ops: list[Operation] = []
    for column in new.columns:
        before = old.column(column.name)
        if before is None:
            ops.append(_add_column(new.name, column, questioner))
        elif before != column:
            ops.append(_alter_column(new.name, before, column, questioner))
    ops += [DropColumn(new.name, c) for c in old.columns if new.column(c.name) is None]
    return ops


def _add_column(table: str, column: Column, questioner: Questioner) -> AddColumn:
    if column.nullable or column.default is not None or column.identity:
        return AddColumn(table, column)
    value = questioner.ask_not_null_default(table, column)
    if value is None:
        raise Aborted(
            f"stopped: new column {table}.{column.name} is NOT NULL and has no default; "
            "add a default to the schema and try again"
        )
    return AddColumn(table, column, one_off_default=value)


def _alter_column(table: str, old: Column, new: Column, questioner: Questioner) -> AlterColumn:
    fill = None
    if old.nullable and not new.nullable and not new.identity:
        fill = new.default if new.default is not None else questioner.ask_not_null_alteration(
            table, new
        )
    return AlterColumn(table, old, new, one_off_default=fill)
