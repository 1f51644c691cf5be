"""PostgreSQL reflection: a fixed set of pg_catalog queries on a plain DB-API connection.

Every query covers the whole schema, so the count does not depend on how many tables there
are. We read the catalogs ourselves rather than through SQLAlchemy's Inspector: its
``get_multi_*`` calls are bulk queries too, but they deparse every constraint
(``pg_get_constraintdef``), aggregate index columns in SQL and build dictionaries per row,
which made them most of the time of a diff at 1,000 tables; and its column reflection turns
types into SQLAlchemy objects, losing the server's spelling (``format_type``). Here the server
deparses only what has no catalog column (defaults, checks, predicates, index expressions),
column numbers become names in Python, and rows stay tuples. Because the reader needs nothing
but ``cursor()``, the diff path can run it without importing SQLAlchemy at all.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from migrata.schema.model import (
    CheckConstraint,
    Enum,
    ForeignKey,
    Index,
    PrimaryKey,
    Routine,
    Sequence,
    Trigger,
    UniqueConstraint,
    View,
)
from migrata.schema.normalize import (
    normalize_default,
    normalize_expression,
    normalize_type,
    serial_sequence,
)
from migrata.schema.reflect import shared_column

if TYPE_CHECKING:
    from migrata.dialects.base import Dialect
    from migrata.schema.reflect import Collector

_HERE = "current_schema()::regnamespace"
_TABLE = f"c.relnamespace = {_HERE} AND c.relkind IN ('r', 'p')"  # c: the table's pg_class row
_NOT_IN_EXTENSION = """NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '{catalog}'::regclass
    AND e.objid = {oid} AND e.deptype = 'e')"""

RELATIONS = f"""
SELECT c.oid, c.relname, c.relkind::text, c.relispartition, c.relpersistence::text,
       c.relrowsecurity,
       CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END,
       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,
       (SELECT p.relname FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent
         WHERE i.inhrelid = c.oid ORDER BY i.inhseqno LIMIT 1),
       NOT {_NOT_IN_EXTENSION.format(catalog="pg_class", oid="c.oid")}
FROM pg_class c
WHERE c.relnamespace = {_HERE} AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
"""

# The collation only when it is not the type's own; the default's text only where there is one.
COLUMNS = f"""
SELECT a.attrelid, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
       a.attidentity::text, a.attgenerated::text,
       CASE WHEN a.attcollation <> 0 AND a.attcollation <>
            (SELECT t.typcollation FROM pg_type t WHERE t.oid = a.atttypid)
            THEN (SELECT co.collname FROM pg_collation co WHERE co.oid = a.attcollation) END,
       CASE WHEN a.atthasdef THEN (SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d
            WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum) END
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
WHERE {_TABLE} AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attrelid, a.attnum
"""

# Comments on tables (objsubid 0) and their columns (objsubid = attnum).
COMMENTS = f"""
SELECT d.objoid, d.objsubid, d.description
FROM pg_description d JOIN pg_class c ON c.oid = d.objoid
WHERE d.classoid = 'pg_class'::regclass AND {_TABLE}
"""

# Primary keys, uniques, checks and foreign keys. Key columns come as attnums (named in
# Python); only the referenced columns of a foreign key are named here, since the referenced
# table may be in another schema. The referenced schema is given when the search path would
# not find the table by its bare name, as pg_get_constraintdef qualifies it.
CONSTRAINTS = f"""
SELECT k.conrelid, k.conname, k.contype::text, k.conkey,
       CASE WHEN k.contype = 'c' THEN pg_get_constraintdef(k.oid, true) END,
       r.relname,
       CASE WHEN k.contype = 'f' AND NOT pg_table_is_visible(k.confrelid)
            THEN (SELECT n.nspname FROM pg_namespace n WHERE n.oid = r.relnamespace) END,
       CASE WHEN k.contype = 'f' THEN ARRAY(
            SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY u(num, ord)
            JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.num ORDER BY u.ord)
       END,
       k.confupdtype::text, k.confdeltype::text, k.confmatchtype::text, k.condeferrable,
       k.condeferred, {{set_columns}},
       CASE WHEN k.contype = 'u' THEN i.indnatts > i.indnkeyatts END, {{unique_nnd}}
FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
LEFT JOIN pg_class r ON r.oid = k.confrelid
LEFT JOIN pg_index i ON i.indexrelid = k.conindid AND k.contype = 'u'
WHERE {_TABLE} AND k.contype IN ('p', 'u', 'c', 'f')
"""
# PostgreSQL 15: ON DELETE SET NULL (columns), NULLS NOT DISTINCT.
_SET_COLUMNS = """CASE WHEN k.confdelsetcols IS NOT NULL THEN ARRAY(
            SELECT quote_ident(a.attname) FROM unnest(k.confdelsetcols) WITH ORDINALITY u(num, ord)
            JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.num ORDER BY u.ord)
       END"""
_UNIQUE_NND = "CASE WHEN k.contype = 'u' THEN i.indnullsnotdistinct END"

# Indexes that are not a primary key's; those backing a constraint are flagged (the
# constraint is the model's). Expressions are deparsed only for expression indexes, and only
# at their expression positions (attnum 0).
INDEXES = f"""
SELECT i.indrelid, x.relname, i.indisunique, i.indkey::int2[], i.indoption::int2[],
       i.indnkeyatts, i.indnatts, {{index_nnd}},
       (SELECT m.amname FROM pg_am m WHERE m.oid = x.relam AND m.amname <> 'btree'),
       CASE WHEN i.indpred IS NOT NULL THEN pg_get_expr(i.indpred, i.indrelid) END,
       CASE WHEN i.indexprs IS NOT NULL THEN ARRAY(
            SELECT CASE WHEN i.indkey[p - 1] = 0 THEN pg_get_indexdef(i.indexrelid, p, true) END
            FROM generate_series(1, i.indnkeyatts) p ORDER BY p)
       END,
       EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = i.indrelid
               AND k.conindid = i.indexrelid AND k.contype IN ('p', 'u', 'x'))
FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_class x ON x.oid = i.indexrelid
WHERE {_TABLE} AND NOT i.indisprimary
"""

SEQUENCES = f"""
SELECT c.relname, s.seqstart, s.seqincrement, o.relname, a.attname
FROM pg_sequence s
JOIN pg_class c ON c.oid = s.seqrelid
LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid
     AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
LEFT JOIN pg_class o ON o.oid = d.refobjid
LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
WHERE c.relnamespace = {_HERE} AND {_NOT_IN_EXTENSION.format(catalog="pg_class", oid="c.oid")}
"""

TYPES = f"""
SELECT t.typname, t.typtype::text,
       ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid
             ORDER BY e.enumsortorder)
FROM pg_type t
WHERE t.typnamespace = {_HERE} AND t.typtype IN ('e', 'd', 'r', 'c')
  AND (t.typtype <> 'c' OR (SELECT r.relkind FROM pg_class r WHERE r.oid = t.typrelid) = 'c')
  AND {_NOT_IN_EXTENSION.format(catalog="pg_type", oid="t.oid")}
"""

ROUTINES = f"""
SELECT p.proname, p.prokind::text, pg_get_function_identity_arguments(p.oid),
       CASE WHEN p.prokind IN ('f', 'p') THEN pg_get_functiondef(p.oid) END
FROM pg_proc p
WHERE p.pronamespace = {_HERE} AND {_NOT_IN_EXTENSION.format(catalog="pg_proc", oid="p.oid")}
"""

TRIGGERS = f"""
SELECT t.tgname, c.relname, pg_get_triggerdef(t.oid, true)
FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
WHERE c.relnamespace = {_HERE} AND NOT t.tgisinternal AND t.tgparentid = 0
"""

# Things seen but not modelled, in one query.
OTHERS = f"""
SELECT 'extension', extname, 'extensions and their objects are not modelled'
  FROM pg_extension WHERE extname <> 'plpgsql'
UNION ALL SELECT 'schema', nspname, 'only the default schema is reflected' FROM pg_namespace
  WHERE nspname !~ '^pg_' AND nspname <> 'information_schema' AND nspname <> current_schema()
UNION ALL SELECT 'rule', tablename || '.' || rulename, 'rules are not modelled' FROM pg_rules
  WHERE schemaname = current_schema()
UNION ALL SELECT 'policy', tablename || '.' || policyname, 'row security policies are not modelled'
  FROM pg_policies WHERE schemaname = current_schema()
UNION ALL SELECT 'constraint', c.relname || '.' || k.conname,
  'exclusion constraints are not modelled'
  FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
  WHERE k.contype = 'x' AND c.relnamespace = {_HERE}
UNION ALL SELECT 'statistics', stxname, 'extended statistics are not modelled'
  FROM pg_statistic_ext WHERE stxnamespace = {_HERE}
"""

_RELATION_NOTES = {
    "m": ("materialized view", "materialized views are not modelled"),
    "f": ("foreign table", "foreign tables are not modelled"),
}
_OTHER_TYPES = {"d": "domain", "r": "range type", "c": "composite type"}
_ROUTINE_KINDS = {"f": "function", "p": "procedure", "a": "aggregate", "w": "window function"}
_ACTIONS = {"r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}  # a: NO ACTION
_CHECK = re.compile(r"CHECK *\((.+)\)(?: NO INHERIT)?(?: NOT VALID)?", re.S)


def read(conn: Any, dialect: Dialect, collector: Collector) -> None:
    """Fill *collector* from the current schema of *conn*, a DB-API connection (psycopg)."""
    cursor = conn.cursor()
    try:
        tables = _relations(_rows(cursor, RELATIONS), collector)
        owned = _sequences(_rows(cursor, SEQUENCES), collector)
        comments = {(oid, num): text for oid, num, text in _rows(cursor, COMMENTS)}
        for oid, parts in tables.items():
            parts.comment = comments.get((oid, 0))
        names = _columns(_rows(cursor, COLUMNS), tables, owned, comments, collector)
        pg15 = _server_version(conn, cursor) >= 150000
        constraints = CONSTRAINTS.format(
            set_columns=_SET_COLUMNS if pg15 else "NULL::text[]",
            unique_nnd=_UNIQUE_NND if pg15 else "false",
        )
        _constraints(_rows(cursor, constraints), tables, names, collector)
        indexes = INDEXES.format(index_nnd="i.indnullsnotdistinct" if pg15 else "false")
        _indexes(_rows(cursor, indexes), tables, names, collector)
        _types(_rows(cursor, TYPES), collector)
        _routines(_rows(cursor, ROUTINES), collector)
        for name, table, definition in _rows(cursor, TRIGGERS):
            if table not in collector.exclude:
                collector.triggers.append(Trigger(name, table, definition))
        for kind, name, reason in _rows(cursor, OTHERS):
            collector.note(kind, name, reason)
    finally:
        cursor.close()


def _rows(cursor: Any, sql: str) -> list[tuple[Any, ...]]:
    cursor.execute(sql)
    return cursor.fetchall()  # type: ignore[no-any-return]


def _server_version(conn: Any, cursor: Any) -> int:
    """``server_version_num``: psycopg 3 and psycopg2 know it from the connection's start."""
    info = getattr(conn, "info", None)
    version = getattr(info, "server_version", None) or getattr(conn, "server_version", None)
    if isinstance(version, int):
        return version
    return int(_rows(cursor, "SHOW server_version_num")[0][0])


def _relations(rows: list[tuple[Any, ...]], collector: Collector) -> dict[int, Any]:
    """Add tables, views and notes; return the collector's tables by oid (excluded ones left out)."""
    tables = {}
    for oid, name, kind, is_partition, persistence, security, definition, key, parent, ext in rows:
        if ext:
            collector.note("relation", name, "belongs to an extension; not modelled")
        elif kind == "v":
            collector.views.append(View(name, normalize_expression(definition.strip().rstrip(";"))))
        elif kind in _RELATION_NOTES:
            what, reason = _RELATION_NOTES[kind]
            collector.note(what, name, reason)
        elif (parts := collector.add_table(name)) is not None:
            tables[oid] = parts
            if key:
                collector.note("table", name, f"PARTITION BY {key} is not modelled")
            if parent:
                how = "partition" if is_partition else "child (INHERITS)"
                collector.note("table", name, f"{how} of {parent} is not modelled")
            if persistence == "u":
                collector.note("table", name, "UNLOGGED is not modelled")
            if security:
                collector.note("table", name, "row level security is not modelled")
    return tables


def _sequences(rows: list[tuple[Any, ...]], collector: Collector) -> dict[tuple[str, str], str]:
    """Add standalone sequences; return the owned ones as {(table, column): sequence}."""
    owned = {}
    for name, start, increment, table, column in rows:
        if table is None:
            collector.sequences.append(Sequence(name, start, increment))
        else:
            owned[(table, column)] = name
    return owned


def _columns(
    rows: list[tuple[Any, ...]],
    tables: dict[int, Any],
    owned: dict[tuple[str, str], str],
    comments: dict[tuple[int, int], str],
    collector: Collector,
) -> dict[tuple[int, int], str]:
    """Add every table's columns; return the column names by (table oid, attnum)."""
    names = {}
    for oid, num, name, type_text, not_null, identity, generated, collation, default in rows:
        names[(oid, num)] = name
        if (parts := tables.get(oid)) is None:
            continue
        table = parts.name
        type_ = normalize_type(type_text)
        is_identity = identity in ("a", "d")
        if generated == "s":
            collector.note("column", f"{table}.{name}", f"GENERATED ALWAYS AS ({default}) STORED "
                           "is not modelled")
            default = None
        if identity == "a":
            collector.note("column", f"{table}.{name}", "GENERATED ALWAYS (not BY DEFAULT) is not "
                           "modelled")
        sequence = serial_sequence(default)
        if sequence is not None and owned.get((table, name)) == sequence:
            default, is_identity = None, True  # serial: the same thing as an identity column
        parts.columns.append(
            shared_column(name, type_, not not_null, normalize_default(default, type_),
                          is_identity, collation, comments.get((oid, num)))
        )  # fmt: skip
    return names


def _constraints(
    rows: list[tuple[Any, ...]],
    tables: dict[int, Any],
    names: dict[tuple[int, int], str],
    collector: Collector,
) -> None:
    for row in rows:
        oid, name, kind, keys, check = row[:5]
        if (parts := tables.get(oid)) is None:
            continue
        columns = tuple(names[(oid, k)] for k in keys or ())
        if kind == "p":
            if columns:
                parts.primary_key = PrimaryKey(columns, name)
        elif kind == "u":
            include, nulls_not_distinct = row[14], row[15]
            where = f"{parts.name}.{name}"
            if nulls_not_distinct:
                collector.note("constraint", where, "NULLS NOT DISTINCT is not modelled")
            if include:
                collector.note("constraint", where, "INCLUDE is not modelled")
            parts.uniques.append(UniqueConstraint(columns, name))
        elif kind == "c":
            match = _CHECK.fullmatch(check)
            parts.checks.append(CheckConstraint(normalize_expression(match[1] if match else ""), name))
        else:
            parts.foreign_keys.append(_foreign_key(parts.name, row, columns, collector))


def _foreign_key(
    table: str, row: tuple[Any, ...], columns: tuple[str, ...], collector: Collector
) -> ForeignKey:
    name, ref_table, ref_schema, ref_columns = row[1], row[5], row[6], row[7]
    on_update, on_delete, match, deferrable, deferred, set_columns = row[8:14]
    extra = []
    if deferrable:
        extra.append("DEFERRABLE True")
    if deferred:
        extra.append("INITIALLY DEFERRED")
    if match in ("f", "p"):
        extra.append(f"MATCH {'FULL' if match == 'f' else 'PARTIAL'}")
    if extra:
        collector.note("constraint", f"{table}.{name}", f"{', '.join(extra)} not modelled")
    delete = _ACTIONS.get(on_delete)
    if delete is not None and set_columns:
        delete = f"{delete} ({', '.join(set_columns)})"
    return ForeignKey(
        columns=columns,
        ref_table=f"{ref_schema}.{ref_table}" if ref_schema else ref_table,
        ref_columns=tuple(ref_columns),
        name=name,
        on_delete=delete,
        on_update=_ACTIONS.get(on_update),
    )


def _indexes(
    rows: list[tuple[Any, ...]],
    tables: dict[int, Any],
    names: dict[tuple[int, int], str],
    collector: Collector,
) -> None:
    for row in rows:
        oid, name, unique, keys, options, key_count, count, nnd, using, where, exprs, owned = row
        if owned or (parts := tables.get(oid)) is None:
            continue  # a primary key's, unique or exclusion constraint's index is the constraint's
        if using:
            collector.note("index", name, f"USING {using} is not modelled")
        if count > key_count:
            include = [names[(oid, k)] for k in keys[key_count:]]
            collector.note("index", name, f"INCLUDE {include} is not modelled")
        if nnd:
            collector.note("index", name, "NULLS NOT DISTINCT True is not modelled")
        items = [
            exprs[i] if num == 0 else names[(oid, num)] for i, num in enumerate(keys[:key_count])
        ]
        parts.indexes.append(
            Index(
                name=name,
                columns=tuple(_index_item(item, flags) for item, flags in zip(items, options, strict=True)),
                unique=bool(unique),
                where=normalize_expression(where) if where else None,
            )
        )


def _index_item(item: str, flags: int) -> str:
    """The column or expression with its ordering, when not the default (ASC NULLS LAST, DESC
    NULLS FIRST): bit 1 of pg_index.indoption is DESC, bit 2 NULLS FIRST."""
    text = normalize_expression(item)
    if flags & 1:
        return f"{text} DESC" if flags & 2 else f"{text} DESC NULLS LAST"
    return f"{text} NULLS FIRST" if flags & 2 else text


def _types(rows: list[tuple[Any, ...]], collector: Collector) -> None:
    for name, kind, labels in rows:
        if kind == "e":
            collector.enums.append(Enum(name, tuple(labels)))
        else:
            collector.note(_OTHER_TYPES[kind], name, "not modelled")


def _routines(rows: list[tuple[Any, ...]], collector: Collector) -> None:
    for name, kind_code, signature, definition in rows:
        kind = _ROUTINE_KINDS.get(kind_code, kind_code)
        if definition is None:
            collector.note(kind, f"{name}({signature})", "not modelled")
        else:
            collector.routines.append(Routine(name, kind, signature, definition.strip()))
