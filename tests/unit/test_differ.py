"""The differ on model objects: every operation kind, renames, data loss, ordering, no-ops.

Every diff is also checked by applying its operations to the old model: they must give the
new one, and their reverse must give the old one back (``check``).
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from migrata.diff import diff, reverse_all
from migrata.diff import operations as ops
from migrata.diff.questioner import Questioner
from migrata.diff.state import apply_operations
from migrata.errors import Aborted
from migrata.schema.model import (
    CheckConstraint,
    Column,
    Enum,
    ForeignKey,
    Index,
    PrimaryKey,
    Routine,
    Schema,
    Sequence,
    Table,
    TableOptions,
    Trigger,
    UniqueConstraint,
    View,
)

ALLOW = Questioner({"allow_data_loss": True})


def canonical(schema: Schema) -> Schema:
    """Column order and the order of unnamed members are not compared."""

    def table(t: Table) -> Table:
        return replace(
            t,
            columns=tuple(sorted(t.columns, key=lambda c: c.name)),
            **{f: tuple(sorted(getattr(t, f), key=repr))
               for f in ("indexes", "uniques", "checks", "foreign_keys")},
        )  # fmt: skip

    return replace(
        schema,
        tables=tuple(sorted(map(table, schema.tables), key=lambda t: t.name)),
        **{f: tuple(sorted(getattr(schema, f), key=repr))
           for f in ("views", "enums", "sequences", "routines", "triggers")},
    )  # fmt: skip


def check(old: Schema, new: Schema, questioner: Questioner = ALLOW) -> list[ops.Operation]:
    """diff(old, new), checked: applied it gives *new*, reversed it gives *old* again."""
    found = diff(old, new, questioner)
    assert canonical(apply_operations(old, found)) == canonical(new)
    if all(op.reversible for op in found):
        assert canonical(apply_operations(new, reverse_all(found))) == canonical(old)
    return found


def kinds(found: list[ops.Operation]) -> list[str]:
    return [op.kind for op in found]


def col(name: str, type_: str = "integer", **kw: object) -> Column:
    return Column(name, type_, **kw)  # type: ignore[arg-type]


def tbl(name: str, *columns: Column, **kw: object) -> Table:
    return Table(name, columns or (col("id", nullable=False),), **kw)  # type: ignore[arg-type]


def sch(*tables: Table, **kw: object) -> Schema:
    return Schema("postgresql", tables=tuple(sorted(tables, key=lambda t: t.name)), **kw)  # type: ignore[arg-type]


USERS = tbl("users", col("id", nullable=False), col("name", "text"), primary_key=PrimaryKey(("id",)))
TICKET = tbl(
    "ticket",
    col("id", nullable=False),
    col("stat"),
    col("owner", "text"),
    col("reporter", "text"),
    primary_key=PrimaryKey(("id",), "ticket_pkey"),
)


# No-ops and tables --------------------------------------------------------------------------------


def test_equal_schemas_give_no_operations() -> None:
    assert diff(sch(USERS, TICKET), sch(USERS, TICKET)) == []
    assert diff(Schema("sqlite"), Schema("sqlite")) == []


def test_column_order_is_not_compared() -> None:
    shuffled = replace(TICKET, columns=tuple(reversed(TICKET.columns)))
    assert diff(sch(TICKET), sch(shuffled)) == []


def test_create_and_drop_table() -> None:
    assert check(sch(USERS), sch(USERS, TICKET)) == [ops.CreateTable(TICKET)]
    assert check(sch(USERS, TICKET), sch(USERS)) == [ops.DropTable(TICKET)]


def test_dropping_a_table_needs_consent() -> None:
    with pytest.raises(Aborted, match=r"^dropping table ticket loses data; pass --allow-data-loss"):
        diff(sch(TICKET), sch())
    with pytest.raises(Aborted, match="declined to lose data"):
        diff(sch(TICKET), sch(), Questioner({"allow_data_loss": False}))


def test_table_rename_confirmed() -> None:
    renamed = replace(TICKET, name="tickets")
    found = check(sch(TICKET), sch(renamed), Questioner({"rename": {"ticket": "tickets"}}))
    assert found == [ops.RenameTable("ticket", "tickets")]


def test_table_rename_refused_drops_and_creates() -> None:
    renamed = replace(TICKET, name="tickets")
    assert kinds(check(sch(TICKET), sch(renamed))) == ["CreateTable", "DropTable"]


def test_table_rename_with_changes_inside() -> None:
    renamed = replace(TICKET, name="tickets", columns=(*TICKET.columns, col("extra")))
    found = check(sch(TICKET), sch(renamed), Questioner({"rename": {"ticket": "tickets"}}))
    assert found == [ops.RenameTable("ticket", "tickets"), ops.AddColumn("tickets", col("extra"))]


def test_table_comment() -> None:
    found = check(sch(USERS), sch(replace(USERS, comment="people")))
    assert found == [ops.AlterTableComment("users", None, "people")]


def test_table_options() -> None:
    """SQLite's STRICT and WITHOUT ROWID: a change to either is one operation (a rebuild)."""
    strict = replace(USERS, options=TableOptions(strict=True))
    both = replace(USERS, options=TableOptions(strict=True, without_rowid=True))
    assert check(sch(USERS), sch(strict)) == [
        ops.AlterTableOptions("users", TableOptions(), TableOptions(strict=True))
    ]
    found = check(sch(strict), sch(replace(both, comment="x")))
    assert kinds(found) == ["AlterTableComment", "AlterTableOptions"]
    assert found[1].describe() == "AlterTableOptions users: without_rowid False to True"
    assert diff(sch(both), sch(both)) == []


# Columns --------------------------------------------------------------------------------------------

NEW_TICKET = replace(
    TICKET,
    columns=(
        col("id", nullable=False),
        col("status"),
        col("description", "text"),
        col("reporter", "text"),
    ),
)


def test_add_drop_column_without_renames() -> None:
    found = check(sch(TICKET), sch(NEW_TICKET))
    assert kinds(found) == ["AddColumn", "AddColumn", "DropColumn", "DropColumn"]


def test_column_rename_confirmed_from_flags() -> None:
    answers = {"rename": {"ticket.stat": "status"}, "allow_data_loss": True}
    found = check(sch(TICKET), sch(NEW_TICKET), Questioner(answers))
    assert found == [
        ops.RenameColumn("ticket", "stat", "status"),
        ops.AddColumn("ticket", col("description", "text")),
        ops.DropColumn("ticket", col("owner", "text")),
    ]


def test_column_renames_accepted_when_only_the_name_changed() -> None:
    found = check(sch(TICKET), sch(NEW_TICKET), Questioner({"rename_column": True,
                                                            "allow_data_loss": True}))
    # stat/status share their definition; owner/description (text/text) too: both are asked
    # about and accepted, likeliest first.
    assert [op for op in found if isinstance(op, ops.RenameColumn)] == [
        ops.RenameColumn("ticket", "stat", "status"),
        ops.RenameColumn("ticket", "owner", "description"),
    ]


def test_column_rename_then_type_change() -> None:
    new = replace(TICKET, columns=(*TICKET.columns[:1], col("status", "bigint"), *TICKET.columns[2:]))
    found = check(sch(TICKET), sch(new), Questioner({"rename": {"ticket.stat": "status"}}))
    assert found == [
        ops.RenameColumn("ticket", "stat", "status"),
        ops.AlterColumn("ticket", col("status"), col("status", "bigint")),
    ]


def test_the_questioner_sees_likely_renames_first() -> None:
    seen: list[tuple[list[str], list[str]]] = []

    class Recording(Questioner):
        def ask_rename_column(self, table, removed, added):  # type: ignore[no-untyped-def]
            seen.append(([c.name for c in removed], [c.name for c in added]))
            return []

    old = sch(tbl("t", col("id"), col("owner", "text"), col("stat")))
    new = sch(tbl("t", col("id"), col("description", "text"), col("status")))
    diff(old, new, Recording({"allow_data_loss": True}))
    assert seen == [(["stat", "owner"], ["status", "description"])]


def test_a_questioner_pairing_unknown_columns_is_a_bug() -> None:
    class Wrong(Questioner):
        def ask_rename_column(self, table, removed, added):  # type: ignore[no-untyped-def]
            return [("nope", "status")]

    with pytest.raises(ValueError, match="unknown or repeated"):
        diff(sch(TICKET), sch(NEW_TICKET), Wrong())


def test_dropping_a_column_needs_consent() -> None:
    old = sch(tbl("ticket", col("id"), col("owner")))
    with pytest.raises(Aborted) as caught:
        diff(old, sch(tbl("ticket", col("id"))))
    assert str(caught.value) == (
        "dropping column ticket.owner loses data; pass --allow-data-loss to go on"
    )


@pytest.mark.parametrize(
    "change",
    [
        {"type": "bigint"},
        {"nullable": False},
        {"default": "0"},
        {"identity": True},
        {"collation": "C"},
        {"comment": "a number"},
    ],
)
def test_alter_column(change: dict[str, object]) -> None:
    old = sch(tbl("t", col("id"), col("n", nullable=True)))
    new = sch(tbl("t", col("id"), replace(col("n"), **change)))
    [op] = check(old, new, Questioner({"default": {"t.n": "0"}}))
    assert isinstance(op, ops.AlterColumn)
    assert op.changes == tuple(change)


def test_not_null_column_without_default_asks_for_a_one_off_value() -> None:
    old = sch(tbl("users", col("id")))
    new = sch(tbl("users", col("id"), col("email", "text", nullable=False)))
    found = check(old, new, Questioner({"default": {"users.email": "''"}}))
    assert found == [ops.AddColumn("users", col("email", "text", nullable=False), "''")]
    with pytest.raises(Aborted) as caught:
        diff(old, new)
    assert str(caught.value) == (
        "new column users.email is NOT NULL without a default, so existing rows need a value; "
        "pass --default users.email=SQL to go on"
    )


def test_not_null_column_with_default_or_identity_needs_no_question() -> None:
    old = sch(tbl("users", col("id")))
    for column in (col("n", nullable=False, default="0"), col("n", nullable=False, identity=True)):
        assert check(old, sch(tbl("users", col("id"), column))) == [ops.AddColumn("users", column)]


def test_quitting_the_not_null_question_aborts() -> None:
    class Quit(Questioner):
        def ask_not_null_default(self, table, column):  # type: ignore[no-untyped-def]
            return None

    old = sch(tbl("users", col("id")))
    new = sch(tbl("users", col("id"), col("email", "text", nullable=False)))
    with pytest.raises(Aborted, match="add a default to the schema"):
        diff(old, new, Quit())


def test_column_becoming_not_null_is_filled() -> None:
    old = sch(tbl("t", col("id"), col("n")))
    with_default = sch(tbl("t", col("id"), col("n", nullable=False, default="1")))
    [op] = check(old, with_default)
    assert op == ops.AlterColumn("t", col("n"), col("n", nullable=False, default="1"), "1")
    without = sch(tbl("t", col("id"), col("n", nullable=False)))
    [op] = check(old, without, Questioner({"default": {"t.n": "7"}}))
    assert op.one_off_default == "7"  # type: ignore[attr-defined]
    [op] = check(old, without)
    assert op.one_off_default is None  # type: ignore[attr-defined]


# Constraints and indexes --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "add", "drop"),
    [
        ("indexes", (Index("ix_n", ("n",)),), "CreateIndex", "DropIndex"),
        ("uniques", (UniqueConstraint(("n",), "uq_n"),), "AddUniqueConstraint",
         "DropUniqueConstraint"),
        ("checks", (CheckConstraint("n > 0", "ck_n"),), "AddCheckConstraint",
         "DropCheckConstraint"),
        ("foreign_keys", (ForeignKey(("n",), "users", ("id",), "fk_n"),), "AddForeignKey",
         "DropForeignKey"),
        ("primary_key", PrimaryKey(("n",), "t_pkey"), "AddPrimaryKey", "DropPrimaryKey"),
    ],
)
def test_constraints_are_added_dropped_and_changed(field, value, add, drop) -> None:  # type: ignore[no-untyped-def]
    bare = tbl("t", col("id"), col("n"))
    full = replace(bare, **{field: value})
    assert kinds(check(sch(USERS, bare), sch(USERS, full))) == [add]
    assert kinds(check(sch(USERS, full), sch(USERS, bare))) == [drop]
    if field == "primary_key":
        changed = replace(bare, primary_key=PrimaryKey(("id", "n"), "t_pkey"))
    else:
        item = getattr(full, field)[0]
        attr = "columns" if hasattr(item, "columns") else "sqltext"
        other = ("id", "n") if attr == "columns" else "n > 1"
        changed = replace(bare, **{field: (replace(item, **{attr: other}),)})
    assert kinds(check(sch(USERS, full), sch(USERS, changed))) == [drop, add]


def test_a_key_or_index_whose_name_alone_changes_is_renamed() -> None:
    old = replace(TICKET, indexes=(Index("ix_a", ("stat",)),),
                  uniques=(UniqueConstraint(("owner",), "uq_a"),))  # fmt: skip
    new = replace(TICKET, primary_key=PrimaryKey(("id",), "pk_ticket"),
                  indexes=(Index("ix_b", ("stat",)),), uniques=(UniqueConstraint(("owner",), "uq_b"),))  # fmt: skip
    assert check(sch(old), sch(new)) == [
        ops.RenameConstraint("ticket", TICKET.primary_key, new.primary_key),  # type: ignore[arg-type]
        ops.RenameIndex("ticket", old.indexes[0], new.indexes[0]),
        ops.RenameConstraint("ticket", old.uniques[0], new.uniques[0]),
    ]
    # Swapped names are renamed too, one through a temporary name (diff.collisions).
    swapped = replace(old, indexes=(Index("ix_a", ("owner",)), Index("ix_b", ("stat",))))
    crossed = replace(old, indexes=(Index("ix_b", ("owner",)), Index("ix_a", ("stat",))))
    assert [op.describe() for op in check(sch(swapped), sch(crossed))] == [
        "RenameIndex ix_a on ticket to migrata_tmp_ix_a",
        "RenameIndex ix_b on ticket to ix_a",
        "RenameIndex migrata_tmp_ix_a on ticket to ix_b",
    ]


def test_a_renamed_foreign_key_in_the_way_of_a_retype_is_dropped_and_added() -> None:
    renamed = replace(CHILD, columns=(col("id"), col("parent_id", "bigint")),
                      foreign_keys=(replace(CHILD.foreign_keys[0], name="fk_child_parent"),))  # fmt: skip
    bigger = replace(PARENT, columns=(col("id", "bigint"),))
    found = check(sch(PARENT, CHILD), sch(bigger, renamed))
    assert kinds(found) == ["DropForeignKey", "AlterColumn", "AlterColumn", "AddForeignKey"]
    assert found[-1] == ops.AddForeignKey("child", renamed.foreign_keys[0])


def test_unnamed_constraints_match_by_definition() -> None:
    t = tbl("t", col("id"), col("n"), uniques=(UniqueConstraint(("n",)),),
            checks=(CheckConstraint("n > 0"),))  # fmt: skip
    assert diff(sch(t), sch(t)) == []
    other = replace(t, checks=(CheckConstraint("n > 1"),))
    assert kinds(check(sch(t), sch(other))) == ["DropCheckConstraint", "AddCheckConstraint"]


def test_renamed_column_keeps_its_constraints() -> None:
    old = tbl("t", col("id"), col("n"), indexes=(Index("ix", ("n",)),),
              checks=(CheckConstraint("n > 0", "ck"),), primary_key=PrimaryKey(("n",)))  # fmt: skip
    new = tbl("t", col("id"), col("m"), indexes=(Index("ix", ("m",)),),
              checks=(CheckConstraint("m > 0", "ck"),), primary_key=PrimaryKey(("m",)))  # fmt: skip
    found = check(sch(old), sch(new), Questioner({"rename": {"t.n": "m"}}))
    assert found == [ops.RenameColumn("t", "n", "m")]


# Other objects ------------------------------------------------------------------------------------


def test_enums() -> None:
    mood = Enum("mood", ("sad", "ok"))
    assert check(sch(), sch(enums=(mood,))) == [ops.CreateEnum(mood)]
    assert check(sch(enums=(mood,)), sch()) == [ops.DropEnum(mood)]
    added = Enum("mood", ("happy", "sad", "meh", "ok", "great"))
    assert check(sch(enums=(mood,)), sch(enums=(added,))) == [
        ops.AlterEnumAddValue("mood", "happy", before="sad"),
        ops.AlterEnumAddValue("mood", "meh", after="sad"),
        ops.AlterEnumAddValue("mood", "great", after="ok"),
    ]
    reordered = Enum("mood", ("ok", "sad"))
    assert check(sch(enums=(mood,)), sch(enums=(reordered,))) == [ops.ReplaceEnum(mood, reordered)]
    removed = Enum("mood", ("ok",))
    assert check(sch(enums=(mood,)), sch(enums=(removed,))) == [ops.ReplaceEnum(mood, removed)]


def test_enum_values_are_added_before_a_column_uses_them() -> None:
    old = sch(tbl("t", col("id")), enums=(Enum("mood", ("ok",)),))
    new = sch(tbl("t", col("id"), col("m", "mood")), enums=(Enum("mood", ("ok", "sad")),))
    assert kinds(check(old, new)) == ["AlterEnumAddValue", "AddColumn"]


def test_sequences() -> None:
    s = Sequence("counter", 5, 2)
    assert check(sch(), sch(sequences=(s,))) == [ops.CreateSequence(s)]
    assert check(sch(sequences=(s,)), sch()) == [ops.DropSequence(s)]
    faster = Sequence("counter", 5, 3)
    assert check(sch(sequences=(s,)), sch(sequences=(faster,))) == [ops.AlterSequence(s, faster)]


def test_views() -> None:
    v = View("v", "SELECT id FROM users")
    assert check(sch(USERS), sch(USERS, views=(v,))) == [ops.CreateView(v)]
    assert check(sch(USERS, views=(v,)), sch(USERS)) == [ops.DropView(v)]
    v2 = View("v", "SELECT id, name FROM users")
    assert check(sch(USERS, views=(v,)), sch(USERS, views=(v2,))) == [ops.ReplaceView(v, v2)]


def test_routines_and_triggers() -> None:
    f = Routine("touch", "function", "", "CREATE FUNCTION touch() ...")
    f2 = replace(f, definition="CREATE FUNCTION touch() ... v2")
    tr = Trigger("tr", "users", "CREATE TRIGGER tr BEFORE INSERT ON users EXECUTE FUNCTION touch()")
    assert check(sch(USERS), sch(USERS, routines=(f,), triggers=(tr,))) == [
        ops.CreateRoutine(f), ops.CreateTrigger(tr),
    ]  # fmt: skip
    # Replacing the function drops and recreates the trigger that calls it.
    found = check(sch(USERS, routines=(f,), triggers=(tr,)), sch(USERS, routines=(f2,), triggers=(tr,)))
    assert kinds(found) == ["DropTrigger", "DropRoutine", "CreateRoutine", "CreateTrigger"]


def test_overloaded_routines_are_told_apart_by_signature() -> None:
    one = Routine("f", "function", "integer", "CREATE FUNCTION f(integer) ...")
    two = Routine("f", "function", "text", "CREATE FUNCTION f(text) ...")
    assert check(sch(routines=(one,)), sch(routines=(one, two))) == [ops.CreateRoutine(two)]


# Ordering ------------------------------------------------------------------------------------------

PARENT = tbl("parent", col("id"), primary_key=PrimaryKey(("id",)))
CHILD = tbl("child", col("id"), col("parent_id"),
            foreign_keys=(ForeignKey(("parent_id",), "parent", ("id",), "fk_parent"),))  # fmt: skip


def test_new_tables_come_after_the_tables_they_reference() -> None:
    found = check(sch(), sch(CHILD, PARENT))
    assert found == [ops.CreateTable(PARENT), ops.CreateTable(CHILD)]


def test_a_foreign_key_cycle_is_closed_after_the_creates() -> None:
    a = tbl("a", col("id"), col("b_id"), foreign_keys=(ForeignKey(("b_id",), "b", ("id",), "fk_ab"),))
    b = tbl("b", col("id"), col("a_id"), foreign_keys=(ForeignKey(("a_id",), "a", ("id",), "fk_ba"),))
    found = check(sch(), sch(a, b))
    assert found == [
        ops.CreateTable(replace(a, foreign_keys=())),
        ops.CreateTable(b),
        ops.AddForeignKey("a", a.foreign_keys[0]),
    ]
    dropped = check(sch(a, b), sch())
    assert dropped == [
        ops.DropForeignKey("a", a.foreign_keys[0]),
        ops.DropTable(b),
        ops.DropTable(replace(a, foreign_keys=())),
    ]


def test_self_references_need_no_split() -> None:
    node = tbl("node", col("id"), col("parent_id"), primary_key=PrimaryKey(("id",)),
               foreign_keys=(ForeignKey(("parent_id",), "node", ("id",)),))  # fmt: skip
    assert check(sch(), sch(node)) == [ops.CreateTable(node)]


def test_a_new_tables_foreign_key_to_a_key_not_there_yet_is_added_after_it() -> None:
    keyless = replace(PARENT, primary_key=None)
    found = check(sch(keyless), sch(PARENT, CHILD))
    assert found == [
        ops.CreateTable(replace(CHILD, foreign_keys=())),
        ops.AddPrimaryKey("parent", PARENT.primary_key),  # type: ignore[arg-type]
        ops.AddForeignKey("child", CHILD.foreign_keys[0]),
    ]
    # The same for a key whose type changes, and for the new table's own unique index.
    bigger = replace(PARENT, columns=(col("id", "bigint"),))
    wider = replace(CHILD, columns=(col("id"), col("parent_id", "bigint")))
    assert kinds(check(sch(PARENT), sch(bigger, wider))) == [
        "CreateTable", "AlterColumn", "AddForeignKey",
    ]  # fmt: skip
    node = tbl("node", col("id"), col("parent_id"), indexes=(Index("ux", ("id",), unique=True),),
               foreign_keys=(ForeignKey(("parent_id",), "node", ("id",)),))  # fmt: skip
    assert kinds(check(sch(), sch(node))) == ["CreateTable", "AddForeignKey"]
    # Dropped, such a table lets go of the foreign key first: the down adds it after the index.
    dropped = check(sch(node), sch())
    assert kinds(dropped) == ["DropForeignKey", "DropTable"]
    assert kinds(reverse_all(dropped)) == ["CreateTable", "AddForeignKey"]


def test_tables_are_dropped_before_the_tables_they_reference() -> None:
    assert check(sch(PARENT, CHILD), sch()) == [ops.DropTable(CHILD), ops.DropTable(PARENT)]


def test_foreign_keys_to_a_dropped_table_go_first() -> None:
    keep = replace(CHILD, foreign_keys=())
    found = check(sch(PARENT, CHILD), sch(keep))
    assert kinds(found) == ["DropForeignKey", "DropTable"]


def test_foreign_keys_to_a_new_table_come_after_it() -> None:
    orphan = replace(CHILD, foreign_keys=())
    found = check(sch(orphan), sch(PARENT, CHILD))
    assert kinds(found) == ["CreateTable", "AddForeignKey"]


def test_foreign_keys_over_a_retyped_column_are_dropped_and_added_back() -> None:
    bigger = replace(PARENT, columns=(col("id", "bigint"),))
    wider = replace(CHILD, columns=(col("id"), col("parent_id", "bigint")))
    found = check(sch(PARENT, CHILD), sch(bigger, wider))
    assert found == [
        ops.DropForeignKey("child", CHILD.foreign_keys[0]),
        ops.AlterColumn("child", col("parent_id"), col("parent_id", "bigint")),
        ops.AlterColumn("parent", col("id"), col("id", "bigint")),
        ops.AddForeignKey("child", CHILD.foreign_keys[0]),
    ]


def test_foreign_keys_onto_a_dropped_key_are_dropped_first() -> None:
    renamed_key = replace(PARENT, primary_key=PrimaryKey(("id",), "parent_pk"))
    found = check(sch(PARENT, CHILD), sch(renamed_key, CHILD))
    assert kinds(found) == ["DropForeignKey", "DropPrimaryKey", "AddPrimaryKey", "AddForeignKey"]


def test_views_over_changed_tables_are_dropped_first_and_created_last() -> None:
    v1 = View("v1", "SELECT id, owner FROM ticket")
    v2 = View("v2", "SELECT id FROM v1")
    other = View("other", "SELECT 1")
    old = sch(TICKET, views=(other, v1, v2))
    new_ticket = replace(TICKET, columns=TICKET.columns[:3])  # reporter goes
    found = check(old, sch(new_ticket, views=(other, v1, v2)))
    assert found == [
        ops.DropView(v2),
        ops.DropView(v1),
        ops.DropColumn("ticket", col("reporter", "text")),
        ops.CreateView(v1),
        ops.CreateView(v2),
    ]


def test_renames_come_first() -> None:
    old = sch(TICKET, views=(View("v", "SELECT id FROM ticket"),))
    new_ticket = replace(TICKET, name="tickets", indexes=(Index("ix", ("owner",)),))
    new = sch(new_ticket, views=(View("v", "SELECT id FROM tickets"),))
    found = check(old, new, Questioner({"rename": {"ticket": "tickets"}}))
    assert kinds(found) == ["RenameTable", "DropView", "CreateIndex", "CreateView"]


NEW_CODE = Routine("new_code", "function", "", "CREATE FUNCTION new_code() RETURNS text ...")


def test_a_routine_comes_before_the_default_and_check_that_call_it() -> None:
    coded = replace(USERS, columns=(*USERS.columns, col("code", "text", default="new_code()")),
                    checks=(CheckConstraint("is_sane(id)", "ck"),))  # fmt: skip
    sane = Routine("is_sane", "function", "n integer", "CREATE FUNCTION is_sane(n integer) ...")
    found = check(sch(USERS), sch(coded, routines=(NEW_CODE, sane)))
    assert kinds(found) == [
        "CreateRoutine", "AddColumn", "CreateRoutine", "AddCheckConstraint",
    ]  # fmt: skip
    assert [op.routine.name for op in found if isinstance(op, ops.CreateRoutine)] == [
        "new_code", "is_sane",
    ]  # fmt: skip
    assert kinds(reverse_all(found)) == [
        "DropCheckConstraint", "DropRoutine", "DropColumn", "DropRoutine",
    ]  # fmt: skip


def test_a_routine_goes_after_the_default_that_calls_it() -> None:
    coded = replace(USERS, columns=(*USERS.columns, col("code", "text", default="new_code()")))
    found = check(sch(coded, routines=(NEW_CODE,)), sch(USERS))
    assert kinds(found) == ["DropColumn", "DropRoutine"]
    # The undo creates the routine before the column, though routines otherwise go last.
    assert kinds(reverse_all(found)) == ["CreateRoutine", "AddColumn"]


def pg_function(name: str, args: str, returns: str, body: str) -> Routine:
    """A function as pg_get_functiondef lays it out."""
    definition = (f"CREATE OR REPLACE FUNCTION public.{name}({args})\n RETURNS {returns}\n"
                  f" LANGUAGE sql\nAS $function$ {body} $function$")  # fmt: skip
    signature = ", ".join(a.split(" DEFAULT ")[0] for a in args.split(", ")) if args else ""
    return Routine(name, "function", signature, definition)


CODE_V1 = pg_function("new_code", "", "text", "SELECT 'P'")
SANE_V1 = pg_function("is_sane", "n integer", "boolean", "SELECT n < 10")
CALLING = replace(
    USERS,
    columns=(*USERS.columns, col("code", "text", default="new_code()"), col("n")),
    indexes=(Index("ix_sane", ("id",), where="is_sane(n)"),),
    checks=(CheckConstraint("is_sane(n)", "ck_sane"),),
)
CALLING_VIEW = View("v", "SELECT id, new_code() AS code FROM users")


def calling(*routines: Routine, table: Table = CALLING) -> Schema:
    return sch(table, routines=routines, views=(CALLING_VIEW,))


def test_a_routine_whose_body_alone_changes_is_replaced_and_its_callers_stay() -> None:
    code = pg_function("new_code", "", "text", "SELECT 'Q'")
    sane = replace(SANE_V1, definition=SANE_V1.definition.replace("LANGUAGE sql", "LANGUAGE sql\n IMMUTABLE"))
    found = check(calling(CODE_V1, SANE_V1), calling(code, sane))
    assert found == [ops.ReplaceRoutine(CODE_V1, code), ops.ReplaceRoutine(SANE_V1, sane)]
    assert reverse_all(found) == [ops.ReplaceRoutine(sane, SANE_V1), ops.ReplaceRoutine(code, CODE_V1)]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # the return type; another argument (so another routine); an argument's default
        (CODE_V1, pg_function("new_code", "", "varchar", "SELECT 'P'")),
        (SANE_V1, pg_function("is_sane", "n integer, hi integer DEFAULT 10", "boolean",
                              "SELECT n < hi")),
        (SANE_V1, pg_function("is_sane", "n integer DEFAULT 0", "boolean", "SELECT n < 10")),
    ],
)
def test_callers_of_a_routine_dropped_and_created_again_go_first_and_come_back(
    before: Routine, after: Routine
) -> None:
    other = SANE_V1 if before is CODE_V1 else CODE_V1
    found = check(calling(before, other), calling(after, other))
    drop, create = found.index(ops.DropRoutine(before)), found.index(ops.CreateRoutine(after))
    callers = {
        CODE_V1.name: ["AlterColumn", "DropView"],  # the default, and the view that calls it
        SANE_V1.name: ["DropIndex", "DropCheckConstraint"],
    }[before.name]
    assert sorted(kinds(found[:drop])) == sorted(callers)
    assert sorted(kinds(found[create + 1:])) == sorted(
        {"DropIndex": "CreateIndex", "DropCheckConstraint": "AddCheckConstraint",
         "AlterColumn": "AlterColumn", "DropView": "CreateView"}[k] for k in callers
    )  # fmt: skip
    undo = reverse_all(found)
    assert undo.index(ops.DropRoutine(after)) < undo.index(ops.CreateRoutine(before))
    assert sorted(kinds(undo[: undo.index(ops.DropRoutine(after))])) == sorted(callers)


def test_a_default_that_changes_with_its_redeclared_routine_is_set_after_it() -> None:
    code = pg_function("new_code", "", "varchar", "SELECT 'P'")
    retyped = replace(CALLING, columns=(
        *USERS.columns, col("code", "varchar", default="new_code() || 'x'"), col("n"),
    ))  # fmt: skip
    found = check(calling(CODE_V1, SANE_V1), calling(code, SANE_V1, table=retyped))
    bare = replace(retyped.columns[2], default=None)
    assert found[found.index(ops.DropRoutine(CODE_V1)) - 1] == ops.AlterColumn(
        "users", CALLING.columns[2], bare
    )
    assert found[found.index(ops.CreateRoutine(code)) + 1] == ops.AlterColumn(
        "users", bare, retyped.columns[2]
    )


def test_a_renamed_check_calling_a_redeclared_routine_is_dropped_and_added_under_its_new_name(
) -> None:
    sane = pg_function("is_sane", "n integer", "integer", "SELECT 1")
    renamed = replace(CALLING, checks=(CheckConstraint("is_sane(n)", "ck_users_sane"),))
    found = check(calling(CODE_V1, SANE_V1), calling(CODE_V1, sane, table=renamed))
    assert ops.DropCheckConstraint("users", CALLING.checks[0]) in found
    assert ops.AddCheckConstraint("users", renamed.checks[0]) in found
    assert not any(isinstance(op, ops.RenameConstraint) for op in found)


def test_a_changed_check_calling_a_redeclared_routine_is_dropped_and_added_once() -> None:
    sane = pg_function("is_sane", "n integer", "integer", "SELECT 1")
    changed = replace(CALLING, checks=(CheckConstraint("is_sane(n) > 0", "ck_sane"),))
    found = check(calling(CODE_V1, SANE_V1), calling(CODE_V1, sane, table=changed))
    drop, add = ops.DropCheckConstraint("users", CALLING.checks[0]), ops.AddCheckConstraint(
        "users", changed.checks[0]
    )
    assert [op for op in found if isinstance(op, ops.DropCheckConstraint | ops.AddCheckConstraint)] == [
        drop, add,
    ]  # fmt: skip
    assert found.index(drop) < found.index(ops.DropRoutine(SANE_V1))
    assert found.index(add) > found.index(ops.CreateRoutine(sane))


def test_a_default_that_stops_calling_a_redeclared_routine_is_changed_before_the_drop() -> None:
    code = pg_function("new_code", "", "varchar", "SELECT 'P'")
    plain = replace(CALLING, columns=(*USERS.columns, col("code", "text", default="'x'"), col("n")))
    found = check(calling(CODE_V1, SANE_V1), calling(code, SANE_V1, table=plain))
    alter = ops.AlterColumn("users", CALLING.columns[2], plain.columns[2])
    assert found.index(alter) < found.index(ops.DropRoutine(CODE_V1))


def test_a_replaced_routine_comes_after_the_new_routine_its_body_calls() -> None:
    helper = pg_function("helper", "", "text", "SELECT 'Q'")
    code = pg_function("new_code", "", "text", "SELECT helper()")
    found = check(calling(CODE_V1, SANE_V1), calling(code, SANE_V1, helper))
    assert found == [ops.CreateRoutine(helper), ops.ReplaceRoutine(CODE_V1, code)]


def test_a_new_routine_moves_forward_rather_than_its_caller_back() -> None:
    # Were the column to wait for the routine instead, the index on it would go first.
    coded = replace(USERS, columns=(*USERS.columns, col("code", "text", default="new_code()")),
                    indexes=(Index("ix_code", ("code",)),))  # fmt: skip
    found = check(sch(USERS), sch(coded, routines=(NEW_CODE,)))
    assert kinds(found) == ["CreateRoutine", "AddColumn", "CreateIndex"]


def test_a_routine_comes_after_the_new_table_it_reads() -> None:
    counter = Routine("n_users", "function", "", "CREATE FUNCTION n_users() ... FROM users")
    ticket = replace(TICKET, columns=(*TICKET.columns, col("n", default="n_users()")))
    found = check(sch(), sch(USERS, ticket, routines=(counter,)))
    assert kinds(found) == ["CreateTable", "CreateRoutine", "CreateTable"]
    assert found[0] == ops.CreateTable(USERS)


# Properties -----------------------------------------------------------------------------------------

NAMES = st.sampled_from(["a", "b", "c", "d"])


@st.composite
def tables(draw: st.DrawFn, name: str) -> Table:
    names = draw(st.lists(NAMES, min_size=1, max_size=4, unique=True))
    columns = tuple(
        Column(n, draw(st.sampled_from(["integer", "text"])), draw(st.booleans()),
               draw(st.sampled_from([None, "0"])))
        for n in names
    )  # fmt: skip
    indexes = tuple(Index(f"ix_{name}_{n}", (n,)) for n in names if draw(st.booleans()))
    checks = tuple(CheckConstraint(f"{n} IS NOT NULL") for n in names if draw(st.booleans()))
    pk = PrimaryKey((names[0],)) if draw(st.booleans()) else None
    return Table(name, columns, pk, indexes, checks=checks)


@st.composite
def schemas(draw: st.DrawFn) -> Schema:
    chosen = draw(st.lists(st.sampled_from(["t", "u", "w"]), unique=True))
    built = [draw(tables(n)) for n in sorted(chosen)]
    if len(built) > 1 and draw(st.booleans()):
        ref = built[0]
        fk = ForeignKey((built[1].columns[0].name,), ref.name, (ref.columns[0].name,))
        built[1] = replace(built[1], foreign_keys=(fk,))
    return Schema("postgresql", tables=tuple(built))


@settings(max_examples=150, deadline=None)
@given(schemas(), schemas())
def test_any_diff_applies_and_reverses(old: Schema, new: Schema) -> None:
    answers = Questioner({"allow_data_loss": True, "rename_column": True,
                          "default": {f"{t}.{c}": "0" for t in "tuw" for c in "abcd"}})  # fmt: skip
    found = check(old, new, answers)
    assert diff(apply_operations(old, found), new, answers) == []


def test_every_operation_reverses_and_describes_itself() -> None:
    samples = [
        ops.CreateTable(TICKET), ops.DropTable(TICKET), ops.RenameTable("a", "b"),
        ops.AlterTableComment("t", None, "x"),
        ops.AlterTableOptions("t", TableOptions(), TableOptions(strict=True)),
        ops.AddColumn("t", col("n")),
        ops.DropColumn("t", col("n")), ops.RenameColumn("t", "a", "b"),
        ops.AlterColumn("t", col("n"), col("n", "bigint")), ops.CreateIndex("t", Index("ix", ("n",))),
        ops.DropIndex("t", Index("ix", ("n",))),
        ops.AddUniqueConstraint("t", UniqueConstraint(("n",), "uq")),
        ops.DropUniqueConstraint("t", UniqueConstraint(("n",), "uq")),
        ops.AddCheckConstraint("t", CheckConstraint("n > 0")),
        ops.DropCheckConstraint("t", CheckConstraint("n > 0")),
        ops.AddForeignKey("t", CHILD.foreign_keys[0]), ops.DropForeignKey("t", CHILD.foreign_keys[0]),
        ops.AddPrimaryKey("t", PrimaryKey(("n",))), ops.DropPrimaryKey("t", PrimaryKey(("n",))),
        ops.RenameConstraint("t", PrimaryKey(("n",), "a"), PrimaryKey(("n",), "b")),
        ops.RenameIndex("t", Index("a", ("n",)), Index("b", ("n",))),
        ops.CreateEnum(Enum("e", ("a",))), ops.DropEnum(Enum("e", ("a",))),
        ops.ReplaceEnum(Enum("e", ("a",)), Enum("e", ("b",))),
        ops.CreateSequence(Sequence("s")), ops.DropSequence(Sequence("s")),
        ops.AlterSequence(Sequence("s"), Sequence("s", 2)),
        ops.CreateView(View("v", "SELECT 1")), ops.DropView(View("v", "SELECT 1")),
        ops.ReplaceView(View("v", "SELECT 1"), View("v", "SELECT 2")),
        ops.CreateRoutine(Routine("f", "function", "", "CREATE FUNCTION f()")),
        ops.DropRoutine(Routine("f", "function", "", "CREATE FUNCTION f()")),
        ops.ReplaceRoutine(Routine("f", "function", "", "CREATE FUNCTION f() 1"),
                           Routine("f", "function", "", "CREATE FUNCTION f() 2")),
        ops.CreateTrigger(Trigger("tr", "t", "CREATE TRIGGER tr")),
        ops.DropTrigger(Trigger("tr", "t", "CREATE TRIGGER tr")),
    ]  # fmt: skip
    for op in samples:
        assert op.reverse().reverse() == op
        assert type(op.reverse()) is not type(op) or op.kind.startswith(("Rename", "Alter", "Replace"))
        assert op.describe().startswith(op.kind + " ")
        assert op.as_dict()["op"] == op.kind
        assert op.is_destructive == isinstance(op, ops.DropTable | ops.DropColumn)
        assert op.reversible_data == (not op.is_destructive)


def test_descriptions() -> None:
    assert ops.DropColumn("ticket", col("owner")).describe() == (
        "DropColumn ticket.owner (drops its data)"
    )
    assert ops.AddColumn("users", col("email", "text", nullable=False), "''").describe() == (
        "AddColumn users.email text NOT NULL (existing rows get '')"
    )
    assert ops.AlterColumn("t", col("n"), col("n", "bigint", nullable=False)).describe() == (
        "AlterColumn t.n: type 'integer' to 'bigint'; nullable True to False"
    )
    assert ops.AddForeignKey("child", CHILD.foreign_keys[0]).describe() == (
        "AddForeignKey fk_parent on child (parent_id) to parent (id)"
    )
    assert ops.RenameTable("a", "b").describe() == "RenameTable a to b"


def test_an_enum_value_cannot_be_taken_back() -> None:
    op = ops.AlterEnumAddValue("mood", "meh", after="sad")
    back = op.reverse()
    assert isinstance(back, ops.IrreversibleOperation) and not back.reversible
    assert not op.reversible and back.reverse() == op
    assert back.describe() == (
        "IrreversibleOperation AlterEnumAddValue mood 'meh' after 'sad': "
        "PostgreSQL cannot remove a value from an enum type"
    )


def test_the_differ_is_pure() -> None:
    """diff.* works over schema.model only: no SQLAlchemy, connections, dialects or terminal."""
    import ast
    from pathlib import Path

    import migrata.diff

    for path in Path(migrata.diff.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])  # fmt: skip
            for name in names:
                assert not name.startswith(("sqlalchemy", "migrata.dialects", "migrata.run",
                                            "migrata.cli", "migrata.api", "builtins")), (
                    f"{path.name} imports {name}")  # fmt: skip
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in ("print", "input", "open"), f"{path.name} does I/O"


def test_undoing_recreates_views_after_the_renames_are_undone() -> None:
    v_old, v_new = View("v", "SELECT stat FROM ticket"), View("v", "SELECT status FROM ticket")
    found = diff(sch(TICKET, views=(v_old,)), sch(NEW_TICKET, views=(v_new,)),
                 Questioner({"rename": {"ticket.stat": "status"}, "allow_data_loss": True}))  # fmt: skip
    assert kinds(found)[:2] == ["RenameColumn", "DropView"] and kinds(found)[-1] == "CreateView"
    undo = reverse_all(found)
    assert kinds(undo)[0] == "DropView"
    assert kinds(undo)[-2:] == ["RenameColumn", "CreateView"] and undo[-1] == ops.CreateView(v_old)


def test_undoing_replaces_a_routine_after_the_renames_are_undone() -> None:
    old, new = pg_function("n", "", "bigint", "SELECT count(*) FROM ticket"), pg_function(
        "n", "", "bigint", "SELECT count(*) FROM tickets"
    )
    found = check(sch(TICKET, routines=(old,)), sch(replace(TICKET, name="tickets"), routines=(new,)),
                  Questioner({"rename": {"ticket": "tickets"}}))  # fmt: skip
    assert found == [ops.RenameTable("ticket", "tickets"), ops.ReplaceRoutine(old, new)]
    assert reverse_all(found) == [ops.RenameTable("tickets", "ticket"), ops.ReplaceRoutine(new, old)]
