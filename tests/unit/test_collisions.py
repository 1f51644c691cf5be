"""Renames whose new names are still held: ordered, or made through a temporary name.

Each result is run against a model of the names held (one namespace for the whole schema, as
``diff.collisions`` assumes): every rename must find its new name free.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from migrata.diff import operations as ops
from migrata.diff.collisions import untangle
from migrata.diff.state import apply_operations
from migrata.schema.model import Column, ForeignKey, Index, Schema, Table, by_name

T1 = Table("t1", (Column("x", "integer"), Column("y", "integer"), Column("z", "integer")))
T2 = Table("t2", (Column("x", "integer"),))


def ix(name: str, column: str = "x") -> Index:
    return Index(name, (column,))


def schema(t1: tuple[Index, ...], t2: tuple[Index, ...] = ()) -> Schema:
    return Schema("any", tables=(replace(T1, indexes=t1), replace(T2, indexes=t2)))


def rename(table: str, old: Index, new_name: str) -> ops.RenameIndex:
    return ops.RenameIndex(table, old, replace(old, name=new_name))


def described(found: list[ops.Operation]) -> list[str]:
    return [op.subject() for op in found if isinstance(op, ops.RenameIndex)]


def assert_runs(found: list[ops.Operation], old: Schema) -> None:
    """Each rename takes a name nothing holds at that point."""
    held = Counter(i.name for t in old.tables for i in t.indexes)
    for op in found:
        assert isinstance(op, ops.RenameIndex)
        assert held[op.new.name] == 0, f"{op.describe()}: {op.new.name} is still held"
        held[op.old.name] -= 1
        held[op.new.name] += 1


def test_renames_that_free_no_name_taken_keep_their_order() -> None:
    old = schema((ix("a"), ix("b", "y")))
    found = [rename("t1", ix("a"), "c"), rename("t1", ix("b", "y"), "d")]
    assert untangle(list(found), old) == found


def test_a_change_of_case_only_does_not_wait_for_its_own_name() -> None:
    # The name it takes is its own (names compare without case), so it is not held back
    # behind the renames after it as if another index held that name.
    old = schema((ix("a"), ix("b", "y")))
    found = [rename("t1", ix("a"), "A"), rename("t1", ix("b", "y"), "c")]
    assert untangle(list(found), old) == found


def test_a_chain_runs_from_its_free_end() -> None:
    old = schema((ix("a"), ix("b", "y")), (ix("c"),))
    found = [
        rename("t1", ix("a"), "b"),
        rename("t1", ix("b", "y"), "c"),
        rename("t2", ix("c"), "d"),
    ]
    untangled = untangle(found, old)
    assert described(untangled) == ["c on t2 to d", "b on t1 to c", "a on t1 to b"]
    assert_runs(untangled, old)


def test_names_swapped_across_tables_go_through_a_temporary_name() -> None:
    old = schema((ix("a"),), (ix("b"),))
    found = [rename("t1", ix("a"), "b"), rename("t2", ix("b"), "a")]
    untangled = untangle(found, old)
    assert described(untangled) == [
        "a on t1 to migrata_tmp_a", "b on t2 to a", "migrata_tmp_a on t1 to b",
    ]  # fmt: skip
    assert_runs(untangled, old)
    # Applied, the model ends where the plain renames would have taken it, and back again.
    new = apply_operations(old, found)
    assert apply_operations(old, untangled) == new
    assert apply_operations(new, [op.reverse() for op in reversed(untangled)]) == old


def test_a_rotation_takes_one_temporary_name() -> None:
    old = schema((ix("a"), ix("b", "y"), ix("c", "z")))
    found = [
        rename("t1", ix("a"), "b"), rename("t1", ix("b", "y"), "c"), rename("t1", ix("c", "z"), "a"),
    ]  # fmt: skip
    untangled = untangle(found, old)
    assert described(untangled) == [
        "a on t1 to migrata_tmp_a", "c on t1 to a", "b on t1 to c", "migrata_tmp_a on t1 to b",
    ]  # fmt: skip
    assert_runs(untangled, old)


def test_a_rename_waiting_on_a_cycle_is_not_the_one_given_a_temporary_name() -> None:
    # x on t2 wants "a", which the swap of a and b on t1 frees; only the swap needs a detour.
    old = schema((ix("a"), ix("b", "y")), (ix("x"),))
    found = [
        rename("t2", ix("x"), "a"),
        rename("t1", ix("a"), "b"),
        rename("t1", ix("b", "y"), "a"),
    ]
    untangled = untangle(found, old)
    temporary = [op for op in untangled if ops.is_temporary(op.new.name)]  # type: ignore[attr-defined]
    assert len(temporary) == 1 and temporary[0].old.name in ("a", "b")  # type: ignore[attr-defined]
    assert len(untangled) == 4


def test_a_name_held_by_what_no_rename_frees_is_left_to_the_database() -> None:
    fk = ForeignKey(("x",), "t1", ("x",), "b")
    old = replace(schema((ix("a"),)), tables=(replace(T1, indexes=(ix("a"),)),
                                              replace(T2, foreign_keys=(fk,))))  # fmt: skip
    found: list[ops.Operation] = [rename("t1", ix("a"), "b")]
    assert untangle(list(found), old) == found


def test_a_name_dropped_before_is_free() -> None:
    old = schema((ix("a"),), (ix("b"),))
    found = [ops.DropIndex("t2", ix("b")), rename("t1", ix("a"), "b")]
    assert untangle(list(found), old) == found


def test_the_temporary_name_is_new_and_fits_the_shortest_limit() -> None:
    long = "é" * 40  # 80 bytes: cut between two characters, never inside one
    old = schema((ix(long), ix("b", "y")))
    found = [rename("t1", ix(long), "b"), rename("t1", ix("b", "y"), long)]
    first = untangle(found, old)[0]
    assert isinstance(first, ops.RenameIndex) and ops.is_temporary(first.new.name)
    assert len(first.new.name.encode()) <= 63
    assert first.new.name not in {i.name for t in old.tables for i in t.indexes}

    clash = schema((ix("a"), ix("b", "y"), ix("migrata_tmp_a", "z")))
    found = [rename("t1", ix("a"), "b"), rename("t1", ix("b", "y"), "a")]
    assert described(untangle(found, clash))[0] == "a on t1 to migrata_tmp_a_2"


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_any_reshuffle_of_names_runs(data: st.DataObject) -> None:
    """Indexes on two tables trade names at random (cycles, chains, both): each rename finds its
    name free, and every index ends under its new name."""
    count = data.draw(st.integers(1, 6))
    names = [f"n{i}" for i in range(count + data.draw(st.integers(0, 2)))]  # some stay unused
    olds = data.draw(st.permutations(names))[:count]
    news = data.draw(st.permutations(names))[:count]
    placed = [(data.draw(st.sampled_from(["t1", "t2"])), ix(name)) for name in olds]
    old = schema(*(by_name(i for at, i in placed if at == t) for t in ("t1", "t2")))
    moved = [(at, i, new) for (at, i), new in zip(placed, news, strict=True)]
    found: list[ops.Operation] = [rename(at, i, new) for at, i, new in moved if i.name != new]
    found = data.draw(st.permutations(found))
    untangled = untangle(list(found), old)
    assert_runs(untangled, old)
    # (Applied in the differ's order, the model would lose an index to each taken name.)
    new = schema(*(by_name(ix(name) for t, _, name in moved if t == at) for at in ("t1", "t2")))
    assert apply_operations(old, untangled) == new
    temporary = [op for op in untangled if ops.is_temporary(op.new.name)]  # type: ignore[attr-defined]
    assert len(temporary) <= len(found) // 2  # at most one per cycle, and a cycle has two
