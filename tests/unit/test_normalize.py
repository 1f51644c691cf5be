"""Normalisation: spellings that mean the same schema become the same string (no database)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from migrata.schema.normalize import (
    normalize_default,
    normalize_expression,
    normalize_mysql_type,
    normalize_type,
    serial_sequence,
    strip_outer_parens,
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("varchar(30)", "character varying(30)"),
        ("VARCHAR(30)", "varchar (30)"),
        ("character varying", "varchar"),
        ("char(1)", "character(1)"),
        ("int4", "integer"),
        ("int", "INTEGER"),
        ("int8", "bigint"),
        ("int2", "smallint"),
        ("bool", "boolean"),
        ("float8", "double precision"),
        ("double", "double precision"),
        ("float4", "real"),
        ("decimal(10,2)", "numeric(10, 2)"),
        ("NUMERIC(10, 2)", "numeric(10,2)"),
        ("timestamp without time zone", "timestamp"),
        ("timestamp(3) without time zone", "TIMESTAMP(3)"),
        ("timestamptz", "timestamp with time zone"),
        ("timestamptz(6)", "timestamp(6) with time zone"),
        ("time without time zone", "time"),
        ("timetz", "time with time zone"),
        ("int4[]", "integer[]"),
        ("Text", "text"),
    ],
)
def test_type_synonyms_compare_equal(a: str, b: str) -> None:
    assert normalize_type(a) == normalize_type(b)


def test_type_keeps_what_differs() -> None:
    assert normalize_type("varchar(30)") != normalize_type("varchar(31)")
    assert normalize_type("timestamp") != normalize_type("timestamp with time zone")
    assert normalize_type("double precision") == "double precision"
    assert normalize_type('"Mood"') == '"Mood"'  # a quoted enum name keeps its case


@pytest.mark.parametrize(
    ("column_type", "expected"),
    [
        ("int(11)", "integer"),
        ("int", "integer"),
        ("bigint(20)", "bigint"),
        ("int(10) unsigned", "integer unsigned"),
        ("tinyint(1)", "boolean"),
        ("tinyint(4)", "tinyint"),
        ("tinyint(1) unsigned", "tinyint unsigned"),
        ("int(5) zerofill", "integer(5) zerofill"),
        ("decimal(10,2)", "numeric(10,2)"),
        ("double", "double precision"),
        ("varchar(30)", "varchar(30)"),
        ("enum('A','b')", "enum('A','b')"),
    ],
)
def test_mysql_types_lose_display_widths(column_type: str, expected: str) -> None:
    assert normalize_mysql_type(column_type) == expected


@pytest.mark.parametrize(
    ("default", "type_", "expected"),
    [
        ("'x'::text", "text", "'x'"),
        ("'x'::character varying", "varchar(10)", "'x'"),
        ("'x'", "varchar(10)", "'x'"),
        ("('x')", "text", "'x'"),
        ("(0)", "integer", "0"),
        ("((0))", "integer", "0"),
        ("'0'::numeric", "numeric(10,2)", "0"),
        ("0.00", "numeric(10,2)", "0"),
        ("'1.50'", "numeric(10,2)", "1.5"),
        ("(-1)::integer", "integer", "-1"),
        ("'-1'", "bigint", "-1"),
        ("'0'", "varchar(1)", "'0'"),  # a quoted number on a string column stays a string
        ("NULL", "text", None),
        ("null", "text", None),
        ("NULL::character varying", "varchar(10)", None),
        (None, "text", None),
        ("current_timestamp()", "timestamp", "CURRENT_TIMESTAMP"),
        ("CURRENT_TIMESTAMP", "timestamp", "CURRENT_TIMESTAMP"),
        ("now()", "timestamp", "CURRENT_TIMESTAMP"),
        ("current_timestamp(6)", "timestamp(6)", "CURRENT_TIMESTAMP(6)"),
        ("curdate()", "date", "CURRENT_DATE"),
        ("'2020-01-01'::date", "date", "'2020-01-01'"),
        ("'ok'::mood", "mood", "'ok'"),
        ("'{}'::integer[]", "integer[]", "'{}'"),
        ("TRUE", "boolean", "true"),
        ("1", "boolean", "true"),
        ("'1'", "boolean", "true"),
        ("b'1'", "boolean", "true"),
        ("false", "boolean", "false"),
        ("0", "boolean", "false"),
        ("(1  +  2)", "integer", "1 + 2"),
        ("lower('X')", "text", "lower('X')"),
    ],
)
def test_defaults(default: str | None, type_: str, expected: str | None) -> None:
    assert normalize_default(default, type_) == expected


def test_default_case_folding_is_for_sqlite_only() -> None:
    assert normalize_default("DATETIME('now')", "text", fold_case=True) == "datetime('now')"
    assert normalize_default("DATETIME('Now')", "text") == "DATETIME('Now')"


def test_serial_sequence() -> None:
    assert serial_sequence("nextval('t_id_seq'::regclass)") == "t_id_seq"
    assert serial_sequence("nextval('public.t_id_seq'::regclass)") == "t_id_seq"
    assert serial_sequence("""nextval('"T_id_seq"'::regclass)""") == "T_id_seq"
    assert serial_sequence("0") is None
    assert serial_sequence(None) is None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("price >= 0", "(price>=0)"),
        ("((a > 0) AND (b < 1))", "(a > 0) AND (b < 1)"),
        ("x IN (1,2)", "x IN(1, 2)"),
        ("lower( name )", "lower(name)"),
        ("a = -1", "a=- 1"),
        ("a - 1", "a-1"),
        ("a /* note */ > 0 -- why", "a > 0"),
        ("'a  b' = x", "'a  b'   =   x"),
    ],
)
def test_expressions_ignore_spacing_and_comments(a: str, b: str) -> None:
    assert normalize_expression(a) == normalize_expression(b)


def test_expressions_fold_case_only_when_asked() -> None:
    assert normalize_expression('"Price" >= 0 AND Name IS NOT NULL', fold_case=True) == (
        "price >= 0 and name is not null"
    )
    assert normalize_expression('"Price" >= 0') == '"Price" >= 0'
    assert normalize_expression("x = 'MiXed'", fold_case=True) == "x = 'MiXed'"


def test_outer_parentheses_only_when_they_enclose_everything() -> None:
    assert strip_outer_parens("((a))") == "a"
    assert strip_outer_parens("(a) AND (b)") == "(a) AND (b)"


names = st.from_regex(r"[a-z_][a-z0-9_]{0,8}", fullmatch=True)
spaces = st.sampled_from(["", " ", "  ", "\n", "\t "])


@given(names, st.sampled_from([">", ">=", "=", "<>", "+"]), st.integers(-99, 99), spaces, spaces)
def test_spacing_never_matters(name: str, op: str, number: int, s1: str, s2: str) -> None:
    written = f"({s1}{name}{s1}{op}{s2}{number}{s2})"
    assert normalize_expression(written) == normalize_expression(f"{name} {op} {number}")


@given(st.text(alphabet=st.characters(blacklist_characters="'"), max_size=20))
def test_string_literals_survive(content: str) -> None:
    literal = f"'{content}'"
    assert normalize_default(literal, "text") == literal
    assert normalize_default(f"{literal}::text", "text") == literal


@pytest.mark.parametrize(
    ("raw", "data_type", "extra", "expected"),
    [
        ("x", "varchar", "", "'x'"),  # MySQL 8 shows string literals unquoted
        ("it's", "varchar", "", "'it''s'"),
        ("0", "int", "", "0"),
        ("0.00", "decimal", "", "0.00"),
        ("CURRENT_TIMESTAMP", "timestamp", "DEFAULT_GENERATED", "CURRENT_TIMESTAMP"),
        ("now()", "datetime", "DEFAULT_GENERATED", "now()"),
        (None, "varchar", "", None),
    ],
)
def test_mysql8_defaults_become_sql(
    raw: str | None, data_type: str, extra: str, expected: str | None
) -> None:
    from migrata.dialects.mysql import MariaDBDialect, MySQLDialect

    assert MySQLDialect().column_default(raw, data_type, extra) == expected
    assert MariaDBDialect().column_default("'x'", "varchar", "") == "'x'"  # already SQL


def test_sqlite_create_statements_are_read() -> None:
    from migrata.schema.model import TableOptions
    from migrata.schema.reflect_sqlite import parse_index, parse_table

    ddl = parse_table(
        'CREATE TABLE "T" (id INTEGER CONSTRAINT pk PRIMARY KEY, "Name" TEXT COLLATE nocase '
        "CONSTRAINT uq_name UNIQUE CHECK (length(Name) > 0), ref INT REFERENCES other, "
        "CONSTRAINT fk FOREIGN KEY (ref, id) REFERENCES other (a, b), "
        "CONSTRAINT ck CHECK ( ref>0 ), UNIQUE (ref, id), "
        "CONSTRAINT fk2 FOREIGN KEY (ref) REFERENCES other ON DELETE CASCADE) WITHOUT ROWID"
    )
    assert ddl.primary_key_name == "pk"
    assert ddl.collations == {"name": "NOCASE"}
    assert ddl.unique_names == {("name",): "uq_name", ("ref", "id"): None}
    assert ddl.fk_names == {(("ref",), "other"): [None, "fk2"], (("ref", "id"), "other"): ["fk"]}
    assert [(c.sqltext, c.name) for c in ddl.checks] == [("length(name) > 0", None),
                                                         ("ref > 0", "ck")]  # fmt: skip
    assert ddl.options == TableOptions(without_rowid=True)
    assert parse_index("CREATE INDEX ix ON t (lower(a) DESC, b) WHERE b > 0") == (
        ["lower(a)", "b"],
        "b > 0",
    )
