"""The differ: two schema models in, the operations that take one to the other out.

Both models come from reflection (or materialisation, which ends in reflection), so equal
schemas are equal values and the differ never looks at a database. Renames are only ever made
with the questioner's consent, and so is anything that loses data.
"""

from __future__ import annotations

from migrata.diff import (
    collisions,
    compare_columns,
    compare_objects,
    compare_tables,
    dependencies,
    order,
)
from migrata.diff.operations import Operation
from migrata.diff.questioner import Questioner
from migrata.diff.state import apply_operations
from migrata.errors import Aborted
from migrata.schema.model import Schema


def diff(old: Schema, new: Schema, questioner: Questioner | None = None) -> list[Operation]:
    """The operations, in an order that runs, that take *old* to *new*.

    Raises ``Aborted`` when the questioner declines (or cannot answer) a question about data.
    """
    questioner = questioner or Questioner()
    # Renames have to come first: everything else is compared under the new names.
    renames: list[Operation] = list(compare_tables.table_renames(old, new, questioner))
    current = apply_operations(old, renames)
    column_renames = _column_renames(current, new, questioner)
    current = apply_operations(current, column_renames)
    found = [
        *renames,
        *column_renames,
        *compare_tables.diff_tables(current, new, questioner),
        *compare_objects.diff_objects(current, new),
    ]
    ordered = order.arrange(dependencies.add_dependents(found, current, new))
    # Last: names are free or taken by what runs before, whatever moved it there.
    ordered = collisions.untangle(ordered, current)
    _confirm_data_loss(ordered, questioner)
    return ordered


def _column_renames(old: Schema, new: Schema, questioner: Questioner) -> list[Operation]:
    found: list[Operation] = []
    for table in new.tables:
        before = old.table(table.name)
        if before is not None and before != table:
            found += compare_columns.column_renames(before, table, questioner)
    return found


def _confirm_data_loss(operations: list[Operation], questioner: Questioner) -> None:
    destructive = [op for op in operations if op.is_destructive]
    if destructive and not questioner.ask_confirm_data_loss(destructive):
        what = "; ".join(op.describe() for op in destructive)
        raise Aborted(f"stopped before anything was written: declined to lose data ({what})")
