"""Schema objects outside tables: enums, sequences, views, routines and triggers.

Views, routines and triggers are compared by their normalised definitions; one that changed is
dropped and created again (``ReplaceView`` for views), since their dependants may need the same.
A routine whose declaration stays is replaced in place (``ReplaceRoutine``), which its callers
do not notice.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Hashable, Sequence
from typing import TYPE_CHECKING, Any

from migrata.diff import operations as ops

if TYPE_CHECKING:
    from migrata.schema.model import Enum, Routine, Schema


def diff_objects(old: Schema, new: Schema) -> list[ops.Operation]:
    return [
        *diff_enums(old, new),
        *_keyed(old.sequences, new.sequences, _name, ops.CreateSequence, ops.DropSequence,
                ops.AlterSequence),
        *_keyed(old.views, new.views, _name, ops.CreateView, ops.DropView, ops.ReplaceView),
        *_keyed(old.routines, new.routines, _routine_key, ops.CreateRoutine, ops.DropRoutine,
                _routine_change),
        *_keyed(old.triggers, new.triggers, _name, ops.CreateTrigger, ops.DropTrigger,
                _drop_and_create(ops.DropTrigger, ops.CreateTrigger)),
    ]


def _name(item: Any) -> Hashable:
    return item.name


def _routine_key(item: Any) -> Hashable:
    return (item.name, item.signature)  # PostgreSQL overloads share a name


def _routine_change(old: Routine, new: Routine) -> ops.Operation | list[ops.Operation]:
    """Replaced in place when the declaration stays; else dropped and created again, since
    CREATE OR REPLACE cannot change a return type, a parameter's name or default, or the kind."""
    if old.kind == new.kind and _declaration(old.definition) == _declaration(new.definition):
        return ops.ReplaceRoutine(old, new)
    return [ops.DropRoutine(old), ops.CreateRoutine(new)]


# pg_get_functiondef writes the name and arguments on the first line, then one attribute per
# line indented by one space (" RETURNS ...", " LANGUAGE ...", ...), then the body. MySQL's
# definitions hold their whole declaration on the first line too; where a dialect cannot replace
# a routine in place, its renderer drops and creates it for ReplaceRoutine as well.
_ATTRIBUTE = re.compile(r"^ \S")


def _declaration(definition: str) -> tuple[str, ...]:
    """The first line of *definition* and its RETURNS line, if any."""
    first, *rest = definition.strip().splitlines() or [""]
    attributes = itertools.takewhile(_ATTRIBUTE.match, rest)
    return (first.rstrip(), *(a.strip() for a in attributes if a.startswith(" RETURNS ")))


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
