"""SQLite: what its ALTER TABLE cannot do is done by rebuilding the table with its data.

SQLite renames tables and columns, adds simple columns and drops unconstrained ones in place;
anything else (changing a column, adding or dropping a constraint) follows SQLite's own
"making other kinds of table schema changes" recipe: create ``migrata_tmp_<table>`` with the new
definition, copy the rows across with a column map, drop the old table, rename the new one, and
put back what was attached to it. All of one table's changes in a migration share one rebuild,
placed where the last of them was; renames still run in place, so that SQLite rewrites the
references to them in other tables.

``REBUILD_PRESERVES`` lists what a rebuild must keep; each item has an end-to-end test in
``tests/unit/test_render.py``; SQLite's ``AUTOINCREMENT`` is kept with its counter (a test in
``tests/diff_cases/sqlite_autoincrement``). The new table is created with the table's options
(``STRICT``, ``WITHOUT ROWID``), and a change to them is itself done by a rebuild.

SQLite runs the implicit ``DELETE`` of ``DROP TABLE`` through foreign-key actions when
``PRAGMA foreign_keys`` is on, and that pragma cannot change inside a transaction: the runner
must turn it off around a migration that rebuilds (as Django's schema editor does).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import sqlalchemy as sa
from sqlalchemy import schema as ddl

from migrata.dialects.render import Renderer, string_literal, table_at
from migrata.diff import operations as ops
from migrata.diff.state import TABLE_LOCAL, apply_operation, apply_to_table, mentions
from migrata.schema.model import Schema, Table, View

REBUILD_PRESERVES = (
    "rows, with renamed columns mapped and new NOT NULL columns filled from the one-off default",
    "column types, defaults, collations and NOT NULL",
    "the primary key, and with it the rowid alias of an INTEGER PRIMARY KEY (ids keep their values)",
    "the table options STRICT and WITHOUT ROWID",
    "unique, check and foreign-key constraints, named or not",
    "indexes: unique, partial and on expressions",
    "triggers on the table",
    "views that read the table (dropped before, created again after), and views that read those",
    "triggers on other tables that mention the table (dropped before, created again after)",
    "foreign keys of other tables that point at the table (checked after the rebuild)",
)

_ALWAYS_REBUILD = frozenset({
    ops.AlterColumn, ops.AddUniqueConstraint, ops.DropUniqueConstraint, ops.AddCheckConstraint,
    ops.DropCheckConstraint, ops.AddForeignKey, ops.DropForeignKey, ops.AddPrimaryKey,
    ops.DropPrimaryKey, ops.RenameConstraint, ops.AlterTableOptions,
})  # fmt: skip
_NON_CONSTANT = ("(", "CURRENT_TIME", "CURRENT_DATE", "CURRENT_TIMESTAMP")
CHECK_TABLE = f"{ops.TEMPORARY_PREFIX}foreign_key_check"


@dataclass
class RebuildPlan:
    """Which operations are absorbed, and what runs in their place.

    ``rebuilds`` maps the operation where a rebuild runs to the group it carries out;
    ``folds`` maps a ``CreateTable`` to the later operations on that (new, empty) table that
    its ``CREATE TABLE`` includes instead. A group on a table that is dropped later in the
    migration is absorbed with nothing in its place. ``frees_early`` holds the absorbed index
    drops and renames whose old name another operation takes before the rebuild runs: that
    index is dropped where the operation stands, not with its table.
    """

    absorbed: set[int] = field(default_factory=set)
    rebuilds: dict[int, list[int]] = field(default_factory=dict)
    folds: dict[int, list[int]] = field(default_factory=dict)
    frees_early: set[int] = field(default_factory=set)


@dataclass
class _Group:
    members: list[int] = field(default_factory=list)
    created_at: int | None = None
    needed: bool = False
    dropped: bool = False


def plan_rebuilds(
    operations: Sequence[ops.Operation],
    old: Schema,
    needs_rebuild: Callable[[ops.Operation, Schema], bool],
) -> RebuildPlan:
    """Group each table's local operations (renames apart, which run in place) and decide
    where each group runs: folded into its table's creation, in one rebuild at its last
    operation when any of them needs one, or not at all when the table is dropped after."""
    groups: list[_Group] = []
    current: dict[str, _Group] = {}
    state = old
    for i, op in enumerate(operations):
        if isinstance(op, ops.RenameTable) and op.old in current:
            current[op.new] = current.pop(op.old)
        elif isinstance(op, ops.CreateTable):
            current[op.table.name] = _Group(created_at=i)
            groups.append(current[op.table.name])
        elif isinstance(op, ops.DropTable) and op.table.name in current:
            current.pop(op.table.name).dropped = True
        elif type(op) in TABLE_LOCAL and not isinstance(op, ops.RenameColumn):
            group = current.get(op.table_name or "")
            if group is None:
                group = current[op.table_name or ""] = _Group()
                groups.append(group)
            group.members.append(i)
            group.needed = group.needed or needs_rebuild(op, state)
        state = apply_operation(state, op)
    plan = _placed(groups)
    plan.frees_early = _frees_early(operations, plan)
    return plan


def _placed(groups: list[_Group]) -> RebuildPlan:
    plan = RebuildPlan()
    for group in groups:
        if not group.members or not (group.needed or group.created_at is not None):
            continue
        plan.absorbed.update(group.members)
        if group.dropped:
            continue
        if group.created_at is not None:
            plan.folds[group.created_at] = group.members
        else:
            plan.rebuilds[group.members[-1]] = group.members
    return plan


def _frees_early(operations: Sequence[ops.Operation], plan: RebuildPlan) -> set[int]:
    """The absorbed operations that give up an index name which an operation outside their
    group takes before their rebuild runs.

    SQLite's index names are one namespace for the whole schema, and the differ orders the
    operations so that each name is free at the point where it is taken (drops before creates,
    swapped names through ``diff.collisions``). A rebuild only frees the names of its table's
    old indexes when it drops the table, at the group's last operation: another table's rename
    or new index in between would find the name still held.
    """
    runs_at = {j: at for at, members in plan.rebuilds.items() for j in members}
    early: set[int] = set()
    for i, at in runs_at.items():
        name = _index_name_given_up(operations[i])
        if name is not None and any(
            runs_at.get(k) != at and name in _index_names_taken(operations[k])
            for k in range(i + 1, at)
        ):
            early.add(i)
    return early


def _index_name_given_up(op: ops.Operation) -> str | None:
    """The name (lowered: SQLite ignores its case) that *op* takes off an index, if any."""
    if isinstance(op, ops.DropIndex):
        return op.index.name.lower()
    if isinstance(op, ops.RenameIndex) and op.old.name.lower() != op.new.name.lower():
        return op.old.name.lower()
    return None


def _index_names_taken(op: ops.Operation) -> set[str]:
    """The index names (lowered) that *op* gives to an index."""
    if isinstance(op, ops.CreateIndex):
        return {op.index.name.lower()}
    if isinstance(op, ops.RenameIndex):
        return {op.new.name.lower()}
    if isinstance(op, ops.CreateTable):
        return {ix.name.lower() for ix in op.table.indexes}
    return set()


def _as_index_drop(op: ops.Operation) -> ops.DropIndex:
    """*op*, an index drop or rename, as the drop of the index that held the old name."""
    if isinstance(op, ops.RenameIndex):
        return ops.DropIndex(op.table, op.old)
    assert isinstance(op, ops.DropIndex)
    return op


class SQLiteRenderer(Renderer):
    index_where_option = "sqlite_where"

    def render(self, operations: Sequence[ops.Operation], old: Schema) -> list[str]:
        """Like the shared renderer, with rebuilds where ALTER TABLE cannot do the job.

        ``actual`` is the schema the statements so far produced; ``target`` has the absorbed
        operations applied too, and gives each rebuilt table its new definition.
        """
        plan = plan_rebuilds(operations, old, self.needs_rebuild)
        statements: list[str] = []
        actual = target = old
        rebuilt: set[str] = set()
        for i, op in enumerate(operations):
            target = apply_operation(target, op)
            if i in plan.frees_early:
                # The index goes now; its rebuild would only drop it with the old table.
                drop = _as_index_drop(op)
                statements += self.render_operation(drop, actual)
                actual = apply_operation(actual, drop)
            if i in plan.rebuilds:
                after = table_at(target, op.table_name or "")
                group = [operations[j] for j in plan.rebuilds[i]]
                statements += self.rebuild(actual, after, group)
                actual = _with_table(actual, after)
                rebuilt.add(after.name)
            elif i in plan.folds:
                assert isinstance(op, ops.CreateTable)
                folded = [operations[j] for j in plan.folds[i]]
                op = ops.CreateTable(_folded(op.table, folded))
            if i not in plan.absorbed:
                statements += self.render_operation(op, actual)
                actual = apply_operation(actual, op)
                if isinstance(op, ops.RenameTable) and op.old in rebuilt:
                    rebuilt = rebuilt - {op.old} | {op.new}
        return statements + self.foreign_key_check(rebuilt, actual)

    def needs_rebuild(self, op: ops.Operation, state: Schema) -> bool:
        if isinstance(op, ops.AddColumn):
            return not self._can_add(op)
        if isinstance(op, ops.DropColumn):
            return not self._can_drop(op, table_at(state, op.table), state)
        if isinstance(op, ops.AlterColumn) and set(op.changes) <= {"comment"}:
            return False  # SQLite keeps no comments
        return type(op) in _ALWAYS_REBUILD

    def alter_column(self, op: ops.AlterColumn, state: Schema) -> list[str]:
        return []  # only a comment changed (anything else is rebuilt)

    def sa_table(self, table: Table, constraints: bool = True) -> sa.Table:
        return super().sa_table(_without_rowid_alias(table), constraints)

    def table_options(self, table: Table) -> dict[str, Any]:
        # SQLAlchemy writes PRIMARY KEY AUTOINCREMENT on the lone integer key when asked, and
        # WITHOUT ROWID and STRICT after the closing parenthesis.
        options: dict[str, Any] = {}
        if any(c.autoincrement for c in table.columns):
            options["sqlite_autoincrement"] = True
        if table.options.without_rowid:
            options["sqlite_with_rowid"] = False
        if table.options.strict:
            options["sqlite_strict"] = True
        return options

    def _no_routines(self, op: ops.Operation, state: Schema) -> list[str]:
        raise self.unsupported(op, "SQLite has no stored functions or procedures")

    create_routine = drop_routine = _no_routines

    def _can_add(self, op: ops.AddColumn) -> bool:
        """SQLite's ADD COLUMN: nullable or with a constant default, and no one-off default."""
        column = op.column
        if op.one_off_default is not None or column.identity:
            return False
        if column.default is None:
            return column.nullable
        return not column.default.strip().upper().startswith(_NON_CONSTANT)

    def _can_drop(self, op: ops.DropColumn, table: Table, state: Schema) -> bool:
        """SQLite's DROP COLUMN refuses a column that anything on the table uses."""
        name = op.column.name
        texts = [c.sqltext for c in table.checks]
        texts += [e for ix in table.indexes for e in (*ix.columns, ix.where or "")]
        texts += [t.definition for t in state.triggers if t.table == table.name]
        keyed = [*table.uniques, *table.foreign_keys]
        if table.primary_key is not None:
            keyed.append(table.primary_key)  # type: ignore[arg-type]
        return not any(name in k.columns for k in keyed) and not any(
            mentions(text, name) for text in texts
        )

    # The rebuild --------------------------------------------------------------------------------

    def rebuild(self, state: Schema, after: Table, group: list[ops.Operation]) -> list[str]:
        """Statements that take *after*'s table from its definition in *state* to *after*."""
        before = table_at(state, after.name)
        views = _views_reading(state, before.name)
        triggers_on = [t for t in state.triggers if t.table == before.name]
        triggers_elsewhere = [
            t for t in state.triggers
            if t.table != before.name and mentions(t.definition, before.name)
        ]  # fmt: skip
        tmp_name = f"{ops.TEMPORARY_PREFIX}{after.name}"[: self.dialect.max_identifier_length]
        tmp, name = self.q(tmp_name), self.q(after.name)
        statements = [f"DROP VIEW {self.q(v.name)}" for v in reversed(views)]
        statements += [f"DROP TRIGGER {self.q(t.name)}" for t in triggers_elsewhere]
        statements.append(self.sql(ddl.CreateTable(self.sa_table(replace(after, name=tmp)))))
        statements.append(self._copy(before, after, group, tmp_name))
        if any(c.autoincrement for c in before.columns) and any(c.autoincrement for c in after.columns):
            # The copy sets the new counter to the highest id copied; ids of rows deleted
            # before must stay unused, so the old counter carries over (RENAME moves it).
            statements.append(
                f"UPDATE sqlite_sequence SET seq = (SELECT seq FROM sqlite_sequence WHERE name = "
                f"{string_literal(before.name)}) WHERE name = {string_literal(tmp_name)}"
            )
        statements += [f"DROP TABLE {name}", f"ALTER TABLE {tmp} RENAME TO {name}"]
        t = self.sa_table(after, constraints=False)
        statements += [self.sql(ddl.CreateIndex(self.sa_index(t, ix))) for ix in after.indexes]
        statements += [t.definition.strip() for t in (*triggers_on, *triggers_elsewhere)]
        statements += [s for v in views for s in self.create_view(ops.CreateView(v), state)]
        losses = [f"-- drops {op.data_loss()}\n" for op in group if op.data_loss()]
        statements[0] = "".join(losses) + statements[0]
        return statements

    def _copy(self, before: Table, after: Table, group: list[ops.Operation], tmp: str) -> str:
        sources = _column_sources(before, group, self.q)
        names = [c.name for c in after.columns if c.name in sources]
        if not names:  # no column to copy, but the rows stay: with their rowids, and defaults
            rowid = _rowid_name(before, after)
            names, sources = [rowid], {rowid: rowid}
        return (
            f"INSERT INTO {self.q(tmp)} ({', '.join(map(self.q, names))})"
            f" SELECT {', '.join(sources[n] for n in names)} FROM {self.q(before.name)}"
        )

    def foreign_key_check(self, rebuilt: set[str], state: Schema) -> list[str]:
        """``PRAGMA foreign_key_check`` for the rebuilt tables and those pointing at them, as
        statements that *fail* when it finds anything (the pragma itself only returns rows)."""
        rebuilt = {name for name in rebuilt if state.table(name) is not None}
        if not rebuilt:
            return []
        names = rebuilt | {
            t.name for t in state.tables if any(fk.ref_table in rebuilt for fk in t.foreign_keys)
        }
        checks = " UNION ALL ".join(
            f"SELECT * FROM pragma_foreign_key_check({string_literal(n)})" for n in sorted(names)
        )
        return [
            "-- PRAGMA foreign_key_check: the rebuilt tables' foreign keys must still hold\n"
            f"CREATE TEMP TABLE {CHECK_TABLE} (violations INTEGER"
            " CONSTRAINT foreign_keys_hold_after_rebuild CHECK (violations = 0))",
            f"INSERT INTO {CHECK_TABLE} SELECT count(*) FROM ({checks})",
            f"DROP TABLE {CHECK_TABLE}",
        ]


def _without_rowid_alias(table: Table) -> Table:
    """*table* with a lone INTEGER primary key that is no identity spelled ``int``.

    SQLite makes a primary key column declared exactly ``INTEGER`` the rowid's alias, which
    numbers new rows itself (the model's identity); ``int`` has the same affinity and is none
    (reflection reads both as ``integer``).
    """
    key = table.primary_key
    column = table.column(key.columns[0]) if key is not None and len(key.columns) == 1 else None
    if column is None or column.identity or column.type != "integer":
        return table
    plain = replace(column, type="int")
    return replace(table, columns=tuple(plain if c is column else c for c in table.columns))


def _rowid_name(*tables: Table) -> str:
    """A name of the rowid that no column of *tables* takes for itself."""
    taken = {c.name.lower() for t in tables for c in t.columns}
    return next((n for n in ("rowid", "_rowid_", "oid") if n not in taken), "rowid")


def _with_table(schema: Schema, table: Table) -> Schema:
    return replace(schema, tables=tuple(table if t.name == table.name else t for t in schema.tables))


def _folded(table: Table, operations: list[ops.Operation]) -> Table:
    for op in operations:
        table = apply_to_table(table, op)
    return table


def _column_sources(
    before: Table, group: list[ops.Operation], quote: Callable[[str], str]
) -> dict[str, str]:
    """For each column the new table copies, the SQL that reads its value from the old one."""
    sources = {c.name: quote(c.name) for c in before.columns}
    for op in group:
        if isinstance(op, ops.AddColumn):
            sources.pop(op.column.name, None)
            if op.one_off_default is not None:
                sources[op.column.name] = op.one_off_default
        elif isinstance(op, ops.DropColumn):
            sources.pop(op.column.name, None)
        elif isinstance(op, ops.AlterColumn) and op.one_off_default is not None:
            current = sources[op.name]
            sources[op.name] = f"COALESCE({current}, {op.one_off_default})"
    return sources


def _views_reading(state: Schema, table: str) -> list[View]:
    """Views that read *table*, directly or through each other, each after those it reads."""
    found: list[View] = []
    names = {table}
    grew = True
    while grew:
        grew = False
        for view in state.views:
            if view not in found and any(mentions(view.definition, n) for n in names):
                found.append(view)
                names.add(view.name)
                grew = True
    return _reads_first(found)


def _reads_first(views: list[View]) -> list[View]:
    ordered: list[View] = []
    while len(ordered) < len(views):
        placed = {v.name for v in ordered}
        waiting = [v for v in views if v.name not in placed]
        ready = [
            v for v in waiting
            if not any(mentions(v.definition, w.name) for w in waiting if w is not v)
        ]  # fmt: skip
        ordered += ready or waiting[:1]  # a cycle cannot be created anyway; keep going
    return ordered
