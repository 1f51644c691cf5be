"""PostgreSQL reflection: the Inspector's bulk ``get_multi_*`` calls plus pg_catalog queries.

Constraints, indexes and table comments come from SQLAlchemy's Inspector, whose ``get_multi_*``
methods are single queries over the whole schema on PostgreSQL. Columns come from our own
query because the Inspector turns types into SQLAlchemy objects, losing the server's spelling
(``format_type``), unwrapping domains and giving up on types it does not know. Sequences,
enums, routines, triggers and the things we do not model need queries of their own. The count
is fixed: it does not depend on how many tables there are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import inspect, text

from migrata.schema.model import (
    CheckConstraint,
    Column,
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

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Inspector

    from migrata.dialects.base import Dialect
    from migrata.schema.reflect import Collector

_HERE = "current_schema()::regnamespace"
_NOT_IN_EXTENSION = """NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '{catalog}'::regclass
    AND e.objid = {oid} AND e.deptype = 'e')"""

RELATIONS = f"""
SELECT c.relname AS name, c.relkind AS kind, c.relispartition AS is_partition,
       c.relpersistence AS persistence, c.relrowsecurity AS row_security,
       CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END AS definition,
       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_key,
       (SELECT p.relname FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent
         WHERE i.inhrelid = c.oid ORDER BY i.inhseqno LIMIT 1) AS parent,
       NOT {_NOT_IN_EXTENSION.format(catalog="pg_class", oid="c.oid")} AS in_extension
FROM pg_class c
WHERE c.relnamespace = {_HERE} AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
"""

COLUMNS = f"""
SELECT c.relname AS table_name, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS "default",
       a.attidentity::text AS identity, a.attgenerated::text AS generated,
       CASE WHEN a.attcollation <> t.typcollation THEN co.collname END AS collation,
       col_description(c.oid, a.attnum) AS comment
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
LEFT JOIN pg_collation co ON co.oid = a.attcollation
WHERE c.relnamespace = {_HERE} AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY c.relname, a.attnum
"""

SEQUENCES = f"""
SELECT c.relname AS name, s.seqstart AS start, s.seqincrement AS increment,
       o.relname AS owner_table, a.attname AS owner_column
FROM pg_sequence s
JOIN pg_class c ON c.oid = s.seqrelid
LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid
     AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
LEFT JOIN pg_class o ON o.oid = d.refobjid
LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
WHERE c.relnamespace = {_HERE} AND {_NOT_IN_EXTENSION.format(catalog="pg_class", oid="c.oid")}
"""

TYPES = f"""
SELECT t.typname AS name, t.typtype::text AS kind,
       ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid
             ORDER BY e.enumsortorder) AS labels
FROM pg_type t
WHERE t.typnamespace = {_HERE} AND t.typtype IN ('e', 'd', 'r', 'c')
  AND (t.typtype <> 'c' OR (SELECT r.relkind FROM pg_class r WHERE r.oid = t.typrelid) = 'c')
  AND {_NOT_IN_EXTENSION.format(catalog="pg_type", oid="t.oid")}
"""

ROUTINES = f"""
SELECT p.proname AS name, p.prokind::text AS kind,
       pg_get_function_identity_arguments(p.oid) AS signature,
       CASE WHEN p.prokind IN ('f', 'p') THEN pg_get_functiondef(p.oid) END AS definition
FROM pg_proc p
WHERE p.pronamespace = {_HERE} AND {_NOT_IN_EXTENSION.format(catalog="pg_proc", oid="p.oid")}
"""

TRIGGERS = f"""
SELECT t.tgname AS name, c.relname AS table_name, pg_get_triggerdef(t.oid, true) AS definition
FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
WHERE c.relnamespace = {_HERE} AND NOT t.tgisinternal AND t.tgparentid = 0
"""

# Things seen but not modelled, in one query.
OTHERS = f"""
SELECT 'extension' AS kind, extname AS name, 'extensions and their objects are not modelled'
  AS reason FROM pg_extension WHERE extname <> 'plpgsql'
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


def read(conn: Connection, dialect: Dialect, collector: Collector) -> None:
    """Fill *collector* from the connection's current schema."""
    _relations(_rows(conn, RELATIONS), collector)
    owned = _sequences(_rows(conn, SEQUENCES), collector)
    for row in _rows(conn, COLUMNS):
        if (parts := collector.table(row["table_name"])) is not None:
            parts.columns.append(_column(row, owned, collector))
    _constraints(inspect(conn), collector)
    _types(_rows(conn, TYPES), collector)
    _routines(_rows(conn, ROUTINES), collector)
    for row in _rows(conn, TRIGGERS):
        if row["table_name"] not in collector.exclude:
            collector.triggers.append(Trigger(row["name"], row["table_name"], row["definition"]))
    for row in _rows(conn, OTHERS):
        collector.note(row["kind"], row["name"], row["reason"])


def _rows(conn: Connection, sql: str) -> list[Any]:
    return list(conn.execute(text(sql)).mappings())


def _relations(rows: list[Any], collector: Collector) -> None:
    for row in rows:
        name, kind = row["name"], row["kind"]
        if row["in_extension"]:
            collector.note("relation", name, "belongs to an extension; not modelled")
        elif kind == "v":
            definition = normalize_expression(row["definition"].strip().rstrip(";"))
            collector.views.append(View(name, definition))
        elif kind in _RELATION_NOTES:
            what, reason = _RELATION_NOTES[kind]
            collector.note(what, name, reason)
        elif collector.add_table(name) is not None:
            _table_notes(row, collector)


def _table_notes(row: Any, collector: Collector) -> None:
    name = row["name"]
    if row["partition_key"]:
        collector.note("table", name, f"PARTITION BY {row['partition_key']} is not modelled")
    if row["parent"]:
        how = "partition" if row["is_partition"] else "child (INHERITS)"
        collector.note("table", name, f"{how} of {row['parent']} is not modelled")
    if row["persistence"] == "u":
        collector.note("table", name, "UNLOGGED is not modelled")
    if row["row_security"]:
        collector.note("table", name, "row level security is not modelled")


def _sequences(rows: list[Any], collector: Collector) -> dict[tuple[str, str], str]:
    """Add standalone sequences; return the owned ones as {(table, column): sequence}."""
    owned = {}
    for row in rows:
        if row["owner_table"] is None:
            collector.sequences.append(Sequence(row["name"], row["start"], row["increment"]))
        else:
            owned[(row["owner_table"], row["owner_column"])] = row["name"]
    return owned


def _column(row: Any, owned: dict[tuple[str, str], str], collector: Collector) -> Column:
    table, name = row["table_name"], row["name"]
    type_ = normalize_type(row["type"])
    default, identity = row["default"], row["identity"] in ("a", "d")
    if row["generated"] == "s":
        collector.note("column", f"{table}.{name}", f"GENERATED ALWAYS AS ({default}) STORED "
                       "is not modelled")
        default = None
    if row["identity"] == "a":
        collector.note("column", f"{table}.{name}", "GENERATED ALWAYS (not BY DEFAULT) is not "
                       "modelled")
    sequence = serial_sequence(default)
    if sequence is not None and owned.get((table, name)) == sequence:
        default, identity = None, True  # serial: the same thing as an identity column
    return Column(
        name=name,
        type=type_,
        nullable=not row["not_null"],
        default=normalize_default(default, type_),
        identity=identity,
        collation=row["collation"],
        comment=row["comment"],
    )


def _constraints(insp: Inspector, collector: Collector) -> None:
    for (_, name), pk in insp.get_multi_pk_constraint().items():
        if (parts := collector.table(name)) is not None and pk["constrained_columns"]:
            parts.primary_key = PrimaryKey(tuple(pk["constrained_columns"]), pk.get("name"))
    for (_, name), uniques in insp.get_multi_unique_constraints().items():
        if (parts := collector.table(name)) is not None:
            parts.uniques.extend(_unique(name, u, collector) for u in uniques)
    for (_, name), checks in insp.get_multi_check_constraints().items():
        if (parts := collector.table(name)) is not None:
            parts.checks.extend(
                CheckConstraint(normalize_expression(c["sqltext"]), c.get("name")) for c in checks
            )
    for (_, name), fks in insp.get_multi_foreign_keys().items():
        if (parts := collector.table(name)) is not None:
            parts.foreign_keys.extend(_foreign_key(name, fk, collector) for fk in fks)
    for (_, name), indexes in insp.get_multi_indexes().items():
        if (parts := collector.table(name)) is not None:
            parts.indexes.extend(
                _index(name, ix, collector) for ix in indexes if not ix.get("duplicates_constraint")
            )
    for (_, name), comment in insp.get_multi_table_comment().items():
        if (parts := collector.table(name)) is not None:
            parts.comment = comment.get("text")


def _unique(table: str, unique: Any, collector: Collector) -> UniqueConstraint:
    options = unique.get("dialect_options", {})
    if options.get("postgresql_nulls_not_distinct"):
        collector.note("constraint", f"{table}.{unique['name']}", "NULLS NOT DISTINCT is not "
                       "modelled")
    if options.get("postgresql_include"):
        collector.note("constraint", f"{table}.{unique['name']}", "INCLUDE is not modelled")
    return UniqueConstraint(tuple(unique["column_names"]), unique["name"])


def _foreign_key(table: str, fk: Any, collector: Collector) -> ForeignKey:
    options = fk.get("options", {})
    extra = [f"{key.upper()} {options[key]}" for key in ("deferrable", "initially", "match")
             if options.get(key)]
    if extra:
        collector.note("constraint", f"{table}.{fk['name']}", f"{', '.join(extra)} not modelled")
    schema = fk.get("referred_schema")
    return ForeignKey(
        columns=tuple(fk["constrained_columns"]),
        ref_table=f"{schema}.{fk['referred_table']}" if schema else fk["referred_table"],
        ref_columns=tuple(fk["referred_columns"]),
        name=fk.get("name"),
        on_delete=_action(options.get("ondelete")),
        on_update=_action(options.get("onupdate")),
    )


def _action(action: str | None) -> str | None:
    """The referential action in upper case; None for the default, NO ACTION."""
    if action is None or action.upper() == "NO ACTION":
        return None
    return action.upper()


def _index(table: str, index: Any, collector: Collector) -> Index:
    options = index.get("dialect_options", {})
    for key, what in (("postgresql_using", "USING"), ("postgresql_include", "INCLUDE"),
                      ("postgresql_nulls_not_distinct", "NULLS NOT DISTINCT")):
        if options.get(key):
            collector.note("index", index["name"], f"{what} {options[key]} is not modelled")
    sorting = index.get("column_sorting", {})
    items = index.get("expressions") or index["column_names"]
    columns = tuple(_index_item(item, sorting.get(item, ())) for item in items)
    where = options.get("postgresql_where")
    return Index(
        name=index["name"],
        columns=columns,
        unique=bool(index["unique"]),
        where=normalize_expression(where) if where else None,
    )


def _index_item(item: str, sorting: tuple[str, ...]) -> str:
    words = {"desc": "DESC", "nulls_first": "NULLS FIRST", "nulls_last": "NULLS LAST"}
    return " ".join([normalize_expression(item), *(words[s] for s in sorting if s in words)])


def _types(rows: list[Any], collector: Collector) -> None:
    for row in rows:
        if row["kind"] == "e":
            collector.enums.append(Enum(row["name"], tuple(row["labels"])))
        else:
            collector.note(_OTHER_TYPES[row["kind"]], row["name"], "not modelled")


def _routines(rows: list[Any], collector: Collector) -> None:
    for row in rows:
        kind = _ROUTINE_KINDS.get(row["kind"], row["kind"])
        if row["definition"] is None:
            collector.note(kind, f"{row['name']}({row['signature']})", "not modelled")
        else:
            collector.routines.append(
                Routine(row["name"], kind, row["signature"], row["definition"].strip())
            )
