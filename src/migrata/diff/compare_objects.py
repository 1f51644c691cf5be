"""Schema objects outside tables: enums, sequences, views, routines and triggers.

Views, routines and triggers are compared by their normalised definitions; one that changed is
dropped and created again (``ReplaceView`` for views), since their dependants may need the same.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import TYPE_CHECKING, Any

from migrata.diff import operations as ops

if TYPE_CHECKING:
    from migrata.schema.model import Enum, Schema


def diff_objects(old: Schema, new: Schema) -> list[ops.Operation]:
    return [
        *diff_enums(old, new),
        *_keyed(old.sequences, new.sequences, _name, ops.CreateSequence, ops.DropSequence,
                ops.AlterSequence),
        *_keyed(old.views, new.views, _name, ops.CreateView, ops.DropView, ops.ReplaceView),
        *_keyed(old.routines, new.routines, _routine_key, ops.CreateRoutine, ops.DropRoutine,
                _drop_and_create(ops.DropRoutine, ops.CreateRoutine)),
        *_keyed(old.triggers, new.triggers, _name, ops.CreateTrigger, ops.DropTrigger,
                _drop_and_create(ops.DropTrigger, ops.CreateTrigger)),
    ]


def _name(item: Any) -> Hashable:
    return item.name


def _routine_key(item: Any) -> Hashable:
    return (item.name, item.signature)  # PostgreSQL overloads share a name


def _drop_and_create(drop: Callable[[Any], ops.Operation], create: Callable[[Any], ops.Operation]
                     ) -> Callable[[Any, Any], list[ops.Operation]]:
    return lambda old, new: [drop(old), create(new)]


def _keyed(
    old: Sequence[Any],
    new: Sequence[Any],
    key: Callable[[Any], Hashable],
    create: Callable[[Any], ops.Operation],
    drop: Callable[[Any], ops.Operation],
    change: Callable[[Any, Any], ops.Operation | list[ops.Operation]],
) -> list[ops.Operation]:
    before = {key(item): item for item in old}
    after = {key(item): item for item in new}
    found: list[ops.Operation] = [drop(item) for k, item in before.items() if k not in after]
    for k, item in after.items():
        if k not in before:
            found.append(create(item))
        elif before[k] != item:
            changed = change(before[k], item)
            found += changed if isinstance(changed, list) else [changed]
    return found


def diff_enums(old: Schema, new: Schema) -> list[ops.Operation]:
    before = {e.name: e for e in old.enums}
    found: list[ops.Operation] = []
    for enum in new.enums:
        if enum.name not in before:
            found.append(ops.CreateEnum(enum))
        elif before[enum.name] != enum:
            found += _enum_change(before[enum.name], enum)
    after = {e.name for e in new.enums}
    return found + [ops.DropEnum(e) for e in old.enums if e.name not in after]


def _enum_change(old: Enum, new: Enum) -> list[ops.Operation]:
    """Values added in place where PostgreSQL allows it, else the whole type replaced."""
    kept = [v for v in new.values if v in old.values]
    if kept != list(old.values):
        return [ops.ReplaceEnum(old, new)]
    found: list[ops.Operation] = []
    for i, value in enumerate(new.values):
        if value in old.values:
            continue
        if i == 0:
            first = old.values[0] if old.values else None
            found.append(ops.AlterEnumAddValue(new.name, value, before=first))
        else:
            found.append(ops.AlterEnumAddValue(new.name, value, after=new.values[i - 1]))
    return found
