"""SQLite reflection: ``sqlite_master`` joined with the pragma table-valued functions.

SQLAlchemy's Inspector runs one ``PRAGMA`` per table (and several per table for indexes and
constraints), so we join ``pragma_table_xinfo(name)``, ``pragma_index_list(name)``,
``pragma_index_xinfo(index)`` and ``pragma_foreign_key_list(name)`` over ``sqlite_master``:
four queries, whatever the number of tables. What the pragmas do not tell — constraint names,
CHECK constraints, collations, index expressions and predicates, the table options ``STRICT``
and ``WITHOUT ROWID`` — is read from the ``CREATE`` statements SQLite keeps in
``sqlite_master.sql``. (``PRAGMA table_list`` also tells the options, but only from SQLite
3.37; the statement tells them on every version, in the query we run anyway.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import groupby, pairwise
from typing import TYPE_CHECKING, Any

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from migrata.schema.model import (
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    PrimaryKey,
    TableOptions,
    Trigger,
    UniqueConstraint,
    View,
)
from migrata.schema.normalize import (
    join_tokens,
    normalize_default,
    normalize_expression,
    normalize_type,
    tokenize,
)

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from migrata.dialects.base import Dialect
    from migrata.schema.reflect import Collector, TableParts

Token = tuple[str, str]

_OURS = "name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"  # not SQLite's own tables and autoindexes
_TABLES = f"m.type = 'table' AND m.{_OURS} AND m.sql NOT LIKE 'CREATE VIRTUAL%'"
MASTER = f"SELECT type, name, tbl_name, sql FROM sqlite_master WHERE {_OURS}"
COLUMNS = f"""SELECT m.name AS table_name, p.name, p.type, p."notnull" AS not_null,
p.dflt_value AS "default", p.pk, p.hidden
FROM sqlite_master m JOIN pragma_table_xinfo(m.name) p WHERE {_TABLES} ORDER BY m.name, p.cid"""
INDEXES = f"""SELECT m.name AS table_name, il.name AS index_name, il."unique" AS is_unique,
il.origin, ii.cid, ii.name AS column_name, ii."desc" AS descending
FROM sqlite_master m JOIN pragma_index_list(m.name) il JOIN pragma_index_xinfo(il.name) ii
WHERE {_TABLES} AND ii.key = 1 ORDER BY m.name, il.name, ii.seqno"""
FOREIGN_KEYS = f"""SELECT m.name AS table_name, f.id, f."table" AS ref_table,
f."from" AS column_name, f."to" AS ref_column, f.on_update, f.on_delete
FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f WHERE {_TABLES}
ORDER BY m.name, f.id, f.seq"""


@dataclass
class TableDDL:
    """What a CREATE TABLE statement says that the pragmas do not."""

    primary_key_name: str | None = None
    checks: list[CheckConstraint] = field(default_factory=list)
    unique_names: dict[tuple[str, ...], str | None] = field(default_factory=dict)
    #: Foreign key names by (columns, referenced table), in the order they are declared.
    fk_names: dict[tuple[tuple[str, ...], str], list[str | None]] = field(default_factory=dict)
    collations: dict[str, str] = field(default_factory=dict)
    #: ``INTEGER PRIMARY KEY AUTOINCREMENT``: row ids are never reused (sqlite_sequence).
    autoincrement: bool = False
    options: TableOptions = field(default_factory=TableOptions)


def read(conn: Connection, dialect: Dialect, collector: Collector) -> None:
    """Fill *collector* from the main database of the connection."""
    ddl: dict[str, TableDDL] = {}
    index_sql: dict[str, str] = {}
    master = _rows(conn, MASTER)
    shadows = _shadow_tables(conn, master)
    for row in master:
        if row["name"] not in shadows:
            _master(row, ddl, index_sql, collector)
    for table, group in groupby(_rows(conn, COLUMNS), key=lambda r: r["table_name"]):
        if (parts := collector.table(table)) is not None:
            _columns(parts, list(group), ddl[table], collector)
    _indexes(_rows(conn, INDEXES), ddl, index_sql, collector)
    _foreign_keys(_rows(conn, FOREIGN_KEYS), ddl, collector)


# The tables in which a virtual table of SQLite's own modules keeps its data, by module.
_SHADOW_SUFFIXES = {
    "fts3": ("content", "segments", "segdir", "docsize", "stat"),
    "fts4": ("content", "segments", "segdir", "docsize", "stat"),
    "fts5": ("data", "idx", "content", "docsize", "config"),
    "rtree": ("node", "parent", "rowid"),
    "geopoly": ("node", "parent", "rowid"),
}


def _shadow_tables(conn: Connection, master: list[Any]) -> set[str]:
    """The shadow tables of virtual tables: part of them, never tables of their own (a
    differ that saw them would drop them). SQLite 3.37 lists them; before, by module."""
    virtual = [(r["name"], r["sql"]) for r in master if r["type"] == "table" and _is_virtual(r["sql"])]
    if not virtual:
        return set()
    try:
        rows = _rows(conn, "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'shadow'")
    except DBAPIError:  # older SQLite: no table_list
        return shadow_tables_by_module(virtual)
    return {row["name"] for row in rows}


def shadow_tables_by_module(virtual: list[tuple[str, str]]) -> set[str]:
    """The shadow tables SQLite's own modules make for virtual tables ``(name, sql)``."""
    names: set[str] = set()
    for name, sql in virtual:
        using = _USING.search(sql or "")
        module = using.group(1).lower() if using else ""
        names.update(f"{name}_{suffix}" for suffix in _SHADOW_SUFFIXES.get(module, ()))
    return names


_USING = re.compile(r"\bUSING\s+(\w+)", re.I)


def _is_virtual(sql: str | None) -> bool:
    return (sql or "").upper().startswith("CREATE VIRTUAL")


def _rows(conn: Connection, sql: str) -> list[Any]:
    return list(conn.execute(text(sql)).mappings())


def _master(row: Any, ddl: dict[str, TableDDL], index_sql: dict[str, str],
            collector: Collector) -> None:
    kind, name, sql = row["type"], row["name"], row["sql"] or ""
    if kind == "table" and _is_virtual(sql):
        collector.note("virtual table", name, "virtual tables are not modelled")
    elif kind == "table" and (parts := collector.add_table(name)) is not None:
        ddl[name] = parse_table(sql)
        parts.checks.extend(ddl[name].checks)
        parts.options = ddl[name].options
    elif kind == "index" and sql:
        index_sql[name] = sql
    elif kind == "view":
        collector.views.append(View(name, _after_as(sql)))
    elif kind == "trigger" and row["tbl_name"] not in collector.exclude:
        collector.triggers.append(
            Trigger(name, row["tbl_name"], normalize_expression(sql, fold_case=True))
        )


def _columns(parts: TableParts, rows: list[Any], ddl: TableDDL, collector: Collector) -> None:
    keys = sorted((r for r in rows if r["pk"]), key=lambda r: r["pk"])
    if keys:
        parts.primary_key = PrimaryKey(tuple(r["name"] for r in keys), ddl.primary_key_name)
    # INTEGER PRIMARY KEY is an alias of the rowid: SQLite numbers new rows itself.
    rowid = (len(keys) == 1 and keys[0]["type"].upper() == "INTEGER"
             and not ddl.options.without_rowid)  # fmt: skip
    for row in rows:
        if row["hidden"] in (2, 3):
            how = "STORED" if row["hidden"] == 3 else "VIRTUAL"
            collector.note("column", f"{parts.name}.{row['name']}", f"generated ({how}) column "
                           "is not modelled")
        type_ = normalize_type(row["type"] or "")
        parts.columns.append(
            Column(
                name=row["name"],
                type=type_,
                nullable=not row["not_null"],
                default=normalize_default(row["default"], type_, fold_case=True),
                identity=rowid and bool(row["pk"]),
                autoincrement=rowid and bool(row["pk"]) and ddl.autoincrement,
                collation=ddl.collations.get(row["name"].lower()),
            )
        )


def _indexes(rows: list[Any], ddl: dict[str, TableDDL], index_sql: dict[str, str],
             collector: Collector) -> None:
    for (table, name), group in groupby(rows, key=lambda r: (r["table_name"], r["index_name"])):
        parts = collector.table(table)
        keys = list(group)
        if parts is None or keys[0]["origin"] == "pk":
            continue
        if keys[0]["origin"] == "u":
            columns = tuple(k["column_name"] for k in keys)
            key = tuple(c.lower() for c in columns)
            parts.uniques.append(UniqueConstraint(columns, ddl[table].unique_names.get(key)))
            continue
        expressions, where = parse_index(index_sql.get(name, ""))
        columns = tuple(_index_item(k, expressions, i) for i, k in enumerate(keys))
        parts.indexes.append(Index(name, columns, unique=bool(keys[0]["is_unique"]), where=where))


def _index_item(key: Any, expressions: list[str], position: int) -> str:
    if key["cid"] == -2:
        item = expressions[position] if position < len(expressions) else "?"
    else:
        item = key["column_name"] or "rowid"
    return item + " DESC" if key["descending"] else item


def _foreign_keys(rows: list[Any], ddl: dict[str, TableDDL], collector: Collector) -> None:
    for table, table_rows in groupby(rows, key=lambda r: r["table_name"]):
        if (parts := collector.table(table)) is None:
            continue
        names = {key: list(found) for key, found in ddl[table].fk_names.items()}
        # SQLite numbers foreign keys last declared first: in declaration order, two over the
        # same columns to the same table take their names in turn.
        groups = [list(g) for _, g in groupby(table_rows, key=lambda r: r["id"])]
        for keys in reversed(groups):
            parts.foreign_keys.append(_foreign_key(keys, names, collector))


def _foreign_key(
    keys: list[Any], names: dict[tuple[tuple[str, ...], str], list[str | None]],
    collector: Collector,
) -> ForeignKey:
    """One foreign key from its pragma rows, named by the next declaration that fits."""
    columns = tuple(k["column_name"] for k in keys)
    ref_table = keys[0]["ref_table"]
    ref_columns = tuple(k["ref_column"] for k in keys)
    if None in ref_columns:  # `REFERENCES t` alone means t's primary key
        target = collector.table(ref_table)
        pk = target.primary_key if target is not None else None
        ref_columns = pk.columns if pk is not None else ref_columns
    declared = names.get((tuple(c.lower() for c in columns), ref_table.lower())) or [None]
    return ForeignKey(
        columns=columns,
        ref_table=ref_table,
        ref_columns=tuple(str(c) for c in ref_columns),
        name=declared.pop(0) if len(declared) > 1 else declared[0],
        on_delete=_action(keys[0]["on_delete"]),
        on_update=_action(keys[0]["on_update"]),
    )


def _action(action: str | None) -> str | None:
    if action is None or action.upper() == "NO ACTION":
        return None
    return action.upper()


# -- reading CREATE statements -----------------------------------------------------------------


def _name(token: Token) -> str:
    kind, value = token
    if kind == "ident":
        return value[1:-1].replace(value[0] * 2, value[0])
    if kind == "string":
        return value[1:-1].replace("''", "'")
    return value


def _group(tokens: list[Token], start: int) -> tuple[list[Token], int]:
    """The tokens inside the parenthesis opening at *start*, and the index after it closes."""
    depth = 0
    for i in range(start, len(tokens)):
        if tokens[i][1] == "(":
            depth += 1
        elif tokens[i][1] == ")":
            depth -= 1
            if depth == 0:
                return tokens[start + 1 : i], i + 1
    return tokens[start + 1 :], len(tokens)


def _split(tokens: list[Token]) -> list[list[Token]]:
    """Split at the commas that are not inside parentheses."""
    items: list[list[Token]] = [[]]
    depth = 0
    for token in tokens:
        depth += {"(": 1, ")": -1}.get(token[1], 0)
        if token[1] == "," and depth == 0:
            items.append([])
        else:
            items[-1].append(token)
    return [item for item in items if item]


def _columns_of(tokens: list[Token]) -> tuple[str, ...]:
    return tuple(_name(item[0]).lower() for item in _split(tokens))


def parse_table(sql: str) -> TableDDL:
    """Read constraint names, checks, collations and table options from CREATE TABLE."""
    tokens = tokenize(sql)
    start = next((i for i, t in enumerate(tokens) if t[1] == "("), len(tokens))
    body, end = _group(tokens, start)
    # Only table options may follow the body, in any order, apart by commas.
    words = [t[1].upper() for t in tokens[end:] if t[0] == "word"]
    without_rowid = any(a == "WITHOUT" and b == "ROWID" for a, b in pairwise(words))
    ddl = TableDDL(options=TableOptions(strict="STRICT" in words, without_rowid=without_rowid))
    for item in _split(body):
        first = item[0][1].lower() if item[0][0] == "word" else ""
        if first in ("constraint", "primary", "unique", "check", "foreign"):
            _constraints(item, 0, None, ddl)
        else:
            _constraints(item, 1, _name(item[0]).lower(), ddl)
    return ddl


def _constraints(item: list[Token], i: int, column: str | None, ddl: TableDDL) -> None:
    """Walk one column definition (after its name) or one table constraint."""
    name: str | None = None
    while i < len(item):
        word = item[i][1].lower() if item[i][0] == "word" else item[i][1]
        if word == "constraint" and i + 1 < len(item):
            name, i = _name(item[i + 1]), i + 2
            continue
        if word == "(":
            _, i = _group(item, i)  # a type's arguments or a DEFAULT (...) expression
            continue
        i = _constraint(item, i, word, name, column, ddl)
        if word in ("primary", "unique", "check", "foreign", "references", "collate"):
            name = None


def _constraint(item: list[Token], i: int, word: str, name: str | None, column: str | None,
                ddl: TableDDL) -> int:
    """Record the constraint starting at *i*; return where to go on."""
    columns = (column,) if column else ()
    if word == "primary":
        ddl.primary_key_name = name
    elif word == "check" and i + 1 < len(item):
        inner, end = _group(item, i + 1)
        ddl.checks.append(CheckConstraint(_expression(inner), name))
        return end
    elif word in ("unique", "foreign"):
        at = next((j for j in range(i, len(item)) if item[j][1] == "("), None)
        if word == "unique" and (column or at is None):
            ddl.unique_names[columns] = name
            return i + 1
        if at is not None:
            inner, end = _group(item, at)
            if word == "unique":
                ddl.unique_names[_columns_of(inner)] = name
                return end
            return _references(item, end, _columns_of(inner), name, ddl)
    elif word == "references":
        return _references(item, i, columns, name, ddl)
    elif word == "autoincrement":
        ddl.autoincrement = True
    elif word == "collate" and column and i + 1 < len(item):
        collation = _name(item[i + 1]).upper()
        if collation != "BINARY":
            ddl.collations[column] = collation
        return i + 2
    return i + 1


def _references(item: list[Token], i: int, columns: tuple[str, ...], name: str | None,
                ddl: TableDDL) -> int:
    at = next((j for j in range(i, len(item)) if item[j][1].lower() == "references"), None)
    if at is not None and at + 1 < len(item):
        ddl.fk_names.setdefault((columns, _name(item[at + 1]).lower()), []).append(name)
        return at + 2
    return len(item)


def _expression(tokens: list[Token]) -> str:
    return normalize_expression(join_tokens(tokens), fold_case=True)


def parse_index(sql: str) -> tuple[list[str], str | None]:
    """The items (expressions, without ASC/DESC) and the WHERE predicate of CREATE INDEX."""
    tokens = tokenize(sql)
    on = next((i for i, t in enumerate(tokens) if t[1].lower() == "on"), None)
    if on is None:
        return [], None
    start = next((i for i in range(on, len(tokens)) if tokens[i][1] == "("), len(tokens))
    inner, end = _group(tokens, start)
    items = []
    for item in _split(inner):
        while item and item[-1][1].lower() in ("asc", "desc"):
            item = item[:-1]
        items.append(_expression(item))
    where = next((i for i in range(end, len(tokens)) if tokens[i][1].lower() == "where"), None)
    return items, _expression(tokens[where + 1 :]) if where is not None else None


def _after_as(sql: str) -> str:
    """A view's query: what follows the first AS of CREATE VIEW, in canonical form."""
    tokens = tokenize(sql)
    at = next((i for i, t in enumerate(tokens) if t[1].lower() == "as"), len(tokens) - 1)
    return _expression(tokens[at + 1 :])

