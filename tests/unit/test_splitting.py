"""Tests for the SQL script splitter: worked examples per dialect, then properties."""

from __future__ import annotations

import re
from functools import lru_cache

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from migrata.dialects.splitting import (
    MYSQL,
    POSTGRESQL,
    SQLITE,
    SplitRules,
    Statement,
    split_statements,
)

ALL_RULES = pytest.mark.parametrize(
    "rules", [POSTGRESQL, MYSQL, SQLITE], ids=["postgresql", "mysql", "sqlite"]
)


def texts(sql: str, rules: SplitRules) -> list[str]:
    return [statement.text for statement in split_statements(sql, rules)]


# --- behaviour shared by every dialect ------------------------------------------------


@ALL_RULES
def test_semicolons_inside_strings_identifiers_and_comments_do_not_split(rules: SplitRules):
    sql = (
        "INSERT INTO t VALUES ('a;b', 'it''s; ok');\n"
        'SELECT "odd;name", `tick;name` FROM t; -- trailing; comment\n'
        "SELECT 1 /* inner; comment */ + 2;\n"
        "SELECT 3 -- line; comment inside\n + 4;"
    )
    assert texts(sql, rules) == [
        "INSERT INTO t VALUES ('a;b', 'it''s; ok')",
        'SELECT "odd;name", `tick;name` FROM t',
        "SELECT 1 /* inner; comment */ + 2",
        "SELECT 3 -- line; comment inside\n + 4",
    ]


@ALL_RULES
def test_leading_comments_are_not_statement_text_and_lines_skip_them(rules: SplitRules):
    sql = "-- depends: 0001_init\n-- author: x\n\n/* header\n   ; */\nCREATE TABLE a (id int);\n"
    assert split_statements(sql, rules) == [Statement("CREATE TABLE a (id int)", 6)]


@ALL_RULES
def test_line_numbers_count_from_one_and_follow_each_statement(rules: SplitRules):
    sql = "SELECT 1;\n\nSELECT\n  2; SELECT 3;\r\n-- c\r\nSELECT 4"
    assert [s.line for s in split_statements(sql, rules)] == [1, 3, 4, 6]


@ALL_RULES
def test_empty_segments_comment_only_segments_and_trailing_comments_are_dropped(
    rules: SplitRules,
):
    sql = ";; ;\nSELECT 1;;\n/* only a comment */;\n-- and another\n;SELECT 2; -- bye\n/* end */"
    assert texts(sql, rules) == ["SELECT 1", "SELECT 2"]


@ALL_RULES
def test_final_statement_without_terminator_is_kept_without_trailing_comment(rules: SplitRules):
    assert texts("SELECT 1;\nSELECT 2 -- no terminator\n", rules) == ["SELECT 1", "SELECT 2"]
    assert texts("SELECT 1 /* a */ /* b */ ;", rules) == ["SELECT 1"]


@ALL_RULES
def test_blank_or_comment_only_script_has_no_statements(rules: SplitRules):
    assert split_statements("", rules) == []
    assert split_statements(" \n-- nothing\n/* here */\n", rules) == []


@ALL_RULES
@pytest.mark.parametrize("sql", ["BEGIN;", "BEGIN TRANSACTION;", "BEGIN WORK;", "begin;"])
def test_begin_alone_is_a_transaction_statement(rules: SplitRules, sql: str):
    script = f"{sql}\nINSERT INTO t VALUES (1);\nCOMMIT;"
    assert texts(script, rules) == [sql[:-1], "INSERT INTO t VALUES (1)", "COMMIT"]


@ALL_RULES
def test_keywords_only_count_as_whole_words_outside_quotes_and_comments(rules: SplitRules):
    sql = (
        "CREATE TRIGGER trg AFTER INSERT ON t FOR EACH ROW BEGIN\n"
        "  UPDATE t SET beginning = 'END;', end_date = ifnull(x, 1), \"end\" = 2;\n"
        "  -- END;\n"
        "  /* END; */\n"
        "END;\n"
        "SELECT 1;"
    )
    assert len(texts(sql, rules)) == 2


@ALL_RULES
@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("SELECT 1;\nSELECT 'abc;\n", "unterminated string starting on line 2"),
        ('SELECT 1;\n\nSELECT "abc;\n', "unterminated double-quoted identifier starting on line 3"),
        ("SELECT `abc;", "unterminated backtick identifier starting on line 1"),
        (
            "SELECT 1;\nSELECT 2 /* oops;\nSELECT 3;",
            "unterminated block comment starting on line 2",
        ),
    ],
)
def test_unterminated_constructs_name_the_line_they_start_on(
    rules: SplitRules, sql: str, message: str
):
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        split_statements(sql, rules)


# --- PostgreSQL -----------------------------------------------------------------------


def test_postgresql_dollar_quoted_function_bodies():
    sql = """
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;
CREATE FUNCTION tagged() RETURNS int AS $body$ SELECT 1; SELECT 2; $body$ LANGUAGE sql;
DO $do$ BEGIN PERFORM 1; END $do$;
"""
    got = texts(sql, POSTGRESQL)
    assert len(got) == 3
    assert got[0].startswith("CREATE FUNCTION touch()") and got[0].endswith("END;\n$$")
    assert got[1].endswith("$body$ LANGUAGE sql")
    assert got[2] == "DO $do$ BEGIN PERFORM 1; END $do$"


def test_postgresql_nested_dollar_quotes_close_only_on_their_own_tag():
    sql = "SELECT $a$ x; $b$ y; $$ z; $b$ w; $a$; SELECT 2;"
    assert texts(sql, POSTGRESQL) == ["SELECT $a$ x; $b$ y; $$ z; $b$ w; $a$", "SELECT 2"]


def test_postgresql_positional_parameters_and_dollar_in_names_are_not_quotes():
    sql = "PREPARE q AS SELECT $1, $2 FROM t WHERE a$b$c = $1; EXECUTE q(1, 2); SELECT 3"
    assert texts(sql, POSTGRESQL) == [
        "PREPARE q AS SELECT $1, $2 FROM t WHERE a$b$c = $1",
        "EXECUTE q(1, 2)",
        "SELECT 3",
    ]


def test_postgresql_e_strings_take_backslash_escapes_but_plain_strings_do_not():
    assert texts(r"SELECT E'it\'s; fine', e'\\'; SELECT 2", POSTGRESQL) == [
        r"SELECT E'it\'s; fine', e'\\'",
        "SELECT 2",
    ]
    # standard_conforming_strings: the backslash is an ordinary character.
    assert texts(r"SELECT 'C:\'; SELECT 2", POSTGRESQL) == [r"SELECT 'C:\'", "SELECT 2"]
    with pytest.raises(ValueError, match="unterminated string starting on line 1"):
        split_statements(r"SELECT E'abc\'; SELECT 2", POSTGRESQL)


def test_postgresql_block_comments_nest_but_sqlite_ones_do_not():
    sql = "/* outer /* inner; */ still; comment */ SELECT 1;"
    assert texts(sql, POSTGRESQL) == ["SELECT 1"]
    assert texts(sql, SQLITE) == ["still", "comment */ SELECT 1"]
    with pytest.raises(ValueError, match="unterminated block comment starting on line 2"):
        split_statements("SELECT 1;\n/* a /* b */ SELECT 2;", POSTGRESQL)


def test_postgresql_begin_atomic_body_is_one_statement():
    sql = """CREATE OR REPLACE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql
BEGIN ATOMIC
    SELECT CASE WHEN a IS NULL THEN 0 ELSE a END + b;
    SELECT 1;
END;
CREATE PROCEDURE ins() LANGUAGE sql BEGIN ATOMIC INSERT INTO t VALUES (1); END;
SELECT add(1, 2);"""
    got = split_statements(sql, POSTGRESQL)
    assert [s.line for s in got] == [1, 6, 7]
    assert got[0].text.endswith("SELECT 1;\nEND")
    assert got[1].text.endswith("VALUES (1); END")


def test_postgresql_unterminated_dollar_quote_names_its_line():
    with pytest.raises(ValueError, match=r"unterminated dollar-quoted body \$fn\$ .*line 3"):
        split_statements("SELECT 1;\n\nCREATE FUNCTION f() AS $fn$ SELECT 1; $$;", POSTGRESQL)


def test_dollar_quotes_are_postgresql_only():
    assert texts("SELECT $$a; b$$;", SQLITE) == ["SELECT $$a", "b$$"]


# --- MySQL / MariaDB ------------------------------------------------------------------


def test_mysql_delimiter_command_changes_the_terminator():
    sql = """-- routines
DELIMITER //
CREATE PROCEDURE p()
BEGIN
  SELECT 1; SELECT 2;
END //
delimiter $$
CREATE FUNCTION f() RETURNS INT RETURN 1$$
DELIMITER ;
SELECT 3; SELECT 4;"""
    assert split_statements(sql, MYSQL) == [
        Statement("CREATE PROCEDURE p()\nBEGIN\n  SELECT 1; SELECT 2;\nEND", 3),
        Statement("CREATE FUNCTION f() RETURNS INT RETURN 1", 8),
        Statement("SELECT 3", 10),
        Statement("SELECT 4", 10),
    ]


def test_mysql_delimiter_only_at_the_start_of_a_line_between_statements():
    sql = "CREATE TABLE t (\n  delimiter VARCHAR(8)\n);\nSELECT 1; DELIMITER //\n"
    assert texts(sql, MYSQL) == [
        "CREATE TABLE t (\n  delimiter VARCHAR(8)\n)",
        "SELECT 1",
        "DELIMITER //",
    ]
    with pytest.raises(ValueError, match="DELIMITER without a terminator on line 2"):
        split_statements("SELECT 1;\nDELIMITER\nSELECT 2;", MYSQL)


def test_delimiter_lines_are_statements_without_the_delimiter_rule():
    assert texts("DELIMITER //\nSELECT 1//", SQLITE) == ["DELIMITER //\nSELECT 1//"]


def test_mysql_procedure_without_delimiter_keeps_if_blocks_together():
    sql = """CREATE DEFINER=`admin`@`%` PROCEDURE grade(IN score INT, OUT g CHAR(1))
BEGIN
  DROP TEMPORARY TABLE IF EXISTS tmp;
  IF score >= 90 THEN
    SET g = 'A';
  ELSEIF score >= 80 THEN
    SET g = IF(score >= 85, 'B', 'C');
  ELSE
    IF score < 0 THEN SET g = '?'; END IF;
    SET g = 'F';
  END IF;
END;
SELECT 1;"""
    got = texts(sql, MYSQL)
    assert len(got) == 2 and got[0].endswith("END IF;\nEND") and got[1] == "SELECT 1"


def test_mysql_case_statement_and_case_expression_with_if_function():
    sql = """CREATE PROCEDURE p(x INT)
BEGIN
  CASE x
    WHEN 1 THEN SELECT 1;
    ELSE IF x > 5 THEN SELECT 2; END IF;
  END CASE;
  SET @v = CASE WHEN x THEN 1 ELSE IF(x, 2, 3) END;
  SELECT IF(x, 1, 2), IFNULL(x, 0);
END;
SELECT 2;"""
    assert len(texts(sql, MYSQL)) == 2


def test_mysql_loops_and_labelled_blocks():
    sql = """CREATE PROCEDURE loops()
outer_blk: BEGIN
  DECLARE i INT DEFAULT 0;
  lp: LOOP
    SET i = i + 1;
    IF i > 3 THEN LEAVE lp; END IF;
  END LOOP lp;
  WHILE i > 0 DO SET i = i - 1; END WHILE;
  REPEAT SET i = i + 1; UNTIL i > 2 END REPEAT;
  inner_blk: BEGIN
    DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN ROLLBACK; END;
    SELECT REPEAT('a', 3);
  END inner_blk;
END outer_blk;
SELECT 2;"""
    assert texts(sql, MYSQL)[1:] == ["SELECT 2"]


def test_mysql_triggers_and_events_without_delimiter():
    sql = """CREATE TRIGGER IF NOT EXISTS bi BEFORE INSERT ON t FOR EACH ROW
IF NEW.a IS NULL THEN SET NEW.a = 0; END IF;
CREATE TRIGGER bu BEFORE UPDATE ON t FOR EACH ROW SET NEW.b = IF(NEW.b > 0, NEW.b, 0);
CREATE EVENT purge ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM t; DELETE FROM u; END;
CREATE FUNCTION f(x INT) RETURNS INT DETERMINISTIC RETURN IF(x > 0, x, 0);
SELECT 1;"""
    assert split_statements(sql, MYSQL)[1:] == [
        Statement(
            "CREATE TRIGGER bu BEFORE UPDATE ON t FOR EACH ROW SET NEW.b = IF(NEW.b > 0, NEW.b, 0)",
            3,
        ),
        Statement(
            "CREATE EVENT purge ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM t; DELETE FROM u; END",
            4,
        ),
        Statement("CREATE FUNCTION f(x INT) RETURNS INT DETERMINISTIC RETURN IF(x > 0, x, 0)", 5),
        Statement("SELECT 1", 6),
    ]


def test_mysql_alter_event_body_and_labelled_trigger_body():
    sql = (
        "ALTER DEFINER = CURRENT_USER EVENT purge DO BEGIN DELETE FROM t; END;\n"
        "CREATE TRIGGER trg AFTER DELETE ON t FOR EACH ROW body: BEGIN DELETE FROM u; END body;\n"
        "SELECT 1"
    )
    assert [s.line for s in split_statements(sql, MYSQL)] == [1, 2, 3]


def test_qualified_or_listed_begin_and_end_columns_are_not_keywords():
    sql = """CREATE TRIGGER trg BEFORE INSERT ON span FOR EACH ROW BEGIN
  SET NEW.end = GREATEST(NEW.begin, NEW.end);
  INSERT INTO log (begin, end) VALUES (NEW.begin, NEW.end);
END;
SELECT 1;"""
    assert texts(sql, MYSQL)[1:] == ["SELECT 1"]


def test_end_if_of_an_if_not_taken_for_a_block_keeps_the_enclosing_block_open():
    # A handler's body may be an IF statement; it does not start after `;` or BEGIN.
    sql = """CREATE PROCEDURE p()
BEGIN
  DECLARE CONTINUE HANDLER FOR SQLEXCEPTION IF @strict THEN SET @failed = 1; END IF;
  SELECT 1;
END;
SELECT 2;"""
    assert texts(sql, MYSQL)[1:] == ["SELECT 2"]


def test_mariadb_anonymous_block_and_lowercase_keywords():
    sql = (
        "begin not atomic if 1 then select 1; end if; end;\n"
        "create procedure p() begin select 1; end;"
    )
    assert texts(sql, MYSQL) == [
        "begin not atomic if 1 then select 1; end if; end",
        "create procedure p() begin select 1; end",
    ]


def test_mysql_backslash_escapes_in_single_and_double_quoted_strings():
    sql = r"""INSERT INTO t VALUES ('it\'s; fine', "say \"hi\"; ok", 'C:\\', '#x');
SELECT 2;"""
    assert texts(sql, MYSQL) == [
        r"""INSERT INTO t VALUES ('it\'s; fine', "say \"hi\"; ok", 'C:\\', '#x')""",
        "SELECT 2",
    ]


def test_hash_comments_are_mysql_only():
    sql = "SELECT 1; # it's; a comment\nSELECT a # b;\n"
    assert texts(sql, MYSQL) == ["SELECT 1", "SELECT a"]
    assert texts("SELECT a # b; SELECT 2", POSTGRESQL) == ["SELECT a # b", "SELECT 2"]
    assert texts("SELECT a # b; SELECT 2", SQLITE) == ["SELECT a # b", "SELECT 2"]


def test_mysql_executable_comments_are_statements():
    sql = "/*!40101 SET NAMES utf8mb4 */;\n/* plain */;\nSELECT /*+ NO_ICP(t) */ a FROM t /* x */;"
    assert texts(sql, MYSQL) == [
        "/*!40101 SET NAMES utf8mb4 */",
        "SELECT /*+ NO_ICP(t) */ a FROM t",
    ]


# --- SQLite ---------------------------------------------------------------------------


def test_sqlite_trigger_body_with_case_expression():
    sql = """CREATE TEMP TRIGGER IF NOT EXISTS audit AFTER UPDATE ON t
FOR EACH ROW WHEN CASE WHEN new.a > 0 THEN 1 ELSE 0 END = 1
BEGIN
  INSERT INTO log VALUES (CASE new.kind WHEN 'x' THEN 'end;' ELSE 'begin' END);
  UPDATE t SET n = n + 1 WHERE id = new.id;
END;
BEGIN IMMEDIATE;
INSERT INTO t VALUES (1);
COMMIT;"""
    got = split_statements(sql, SQLITE)
    assert [s.line for s in got] == [1, 7, 8, 9]
    assert got[0].text.endswith("WHERE id = new.id;\nEND")
    assert [s.text for s in got[1:]] == ["BEGIN IMMEDIATE", "INSERT INTO t VALUES (1)", "COMMIT"]


def test_sqlite_backslash_is_an_ordinary_character():
    assert texts(r"SELECT 'a\'; SELECT 2", SQLITE) == [r"SELECT 'a\'", "SELECT 2"]


# --- property tests -------------------------------------------------------------------

KEYWORD_LIST = [
    "BEGIN", "END", "CASE", "IF", "ELSEIF", "THEN", "ELSE", "WHEN", "LOOP", "WHILE", "REPEAT",
    "UNTIL", "FOR", "EACH", "ROW", "DO", "NOT", "ATOMIC", "CREATE", "ALTER", "TRIGGER",
    "PROCEDURE", "FUNCTION", "EVENT", "DELIMITER", "E",
]  # fmt: skip
KEYWORDS = frozenset(KEYWORD_LIST)
# Words that look like keywords but are not, and plain identifiers.
WORD_LIST = [
    "beginning", "end_date", "ifnull", "casement", "doer", "_end", "x1", "é_col", "t", "a",
    "select", "update", "set", "values", "where", "loops", "begin_", "iff", "col$1", "a$b$c",
]  # fmt: skip
WORDS = st.sampled_from(WORD_LIST)
BLANKS = st.sampled_from([" ", "\n", "\t", "  ", "\n\n  ", " \r\n"])
QUOTED_CHARS = "ab ;'\"`-/*#$\\\n"
COMMENT_CHARS = "ab ;'\"`-#$\\"  # no newline, '/' or '*', so comments stay well formed


def mysqlish(rules: SplitRules) -> bool:
    return rules.backslash_escapes


@st.composite
def string_literals(draw: st.DrawFn, rules: SplitRules) -> str:
    value = draw(st.text(QUOTED_CHARS, max_size=10))
    if rules.backslash_escapes:
        quote = draw(st.sampled_from(["''", "\\'"]))
        return "'" + value.replace("\\", "\\\\").replace("'", quote) + "'"
    if rules.dollar_quotes and draw(st.booleans()):
        return "E'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
    return "'" + value.replace("'", "''") + "'"


@st.composite
def quoted_names(draw: st.DrawFn, rules: SplitRules) -> str:
    value = draw(st.text(QUOTED_CHARS, max_size=8))
    if draw(st.booleans()):
        return "`" + value.replace("`", "``") + "`"
    if rules.backslash_escapes:
        value = value.replace("\\", "\\\\")
    return '"' + value.replace('"', '""') + '"'


@st.composite
def dollar_bodies(draw: st.DrawFn) -> str:
    quote = "$" + draw(st.sampled_from(["", "body", "a", "fn_1"])) + "$"
    pieces = st.one_of(
        st.text("ab ;'\"-/*\n", max_size=8),
        st.sampled_from(["$1", "$b$ ; $b$", "$$;$$", "$x$ '; $x$", "BEGIN; END;"]),
    )
    body = "".join(draw(st.lists(pieces, max_size=4)))
    assume((body + quote).find(quote) == len(body))
    return quote + body + quote


@lru_cache
def comments(rules: SplitRules, note: str = "") -> st.SearchStrategy[str]:
    """Well-formed comments; `note` marks them so the no-loss property can find them."""
    text = st.text(COMMENT_CHARS, max_size=10).map(lambda s: note + s)
    kinds = [text.map(lambda s: f"-- {s}\n"), text.map(lambda s: f"/* {s} */")]
    if rules.hash_comments:
        kinds.append(text.map(lambda s: f"# {s}\n"))
    if rules.nested_block_comments:
        kinds.append(text.map(lambda s: f"/* {s} /* {s} */ */"))
    return st.one_of(kinds)


@lru_cache
def separators(rules: SplitRules) -> st.SearchStrategy[str]:
    """Whitespace, maybe with a comment; always ends in whitespace."""
    return BLANKS | st.tuples(BLANKS, comments(rules), BLANKS).map("".join)


@lru_cache
def plain_tokens(rules: SplitRules) -> st.SearchStrategy[str]:
    punctuation = ["(", ")", ",", "=", "+", "-", "*", "/", "<", ">", ".", "::", "$1"]
    options = [
        WORDS,
        WORDS,
        st.integers(0, 999).map(str),
        st.sampled_from(punctuation if rules.hash_comments else [*punctuation, "#"]),
        string_literals(rules),
        quoted_names(rules),
    ]
    if rules.dollar_quotes:
        options.append(dollar_bodies())
    return st.one_of(options)


@lru_cache
def simple_statements(rules: SplitRules) -> st.SearchStrategy[list[str]]:
    """Token lists of statements that never open a block: a word, then anything plain."""
    return st.tuples(WORDS, st.lists(plain_tokens(rules), max_size=5)).map(lambda t: [t[0], *t[1]])


@lru_cache
def case_expressions(rules: SplitRules) -> st.SearchStrategy[list[str]]:
    if_call = ["IF", "(", "a", ",", "1", ",", "2", ")"] if mysqlish(rules) else ["b"]
    return st.tuples(WORDS, string_literals(rules)).map(
        lambda t: ["CASE", "WHEN", t[0], "THEN", t[1], "ELSE", *if_call, "END"]
    )


@lru_cache
def body_statements(rules: SplitRules) -> st.SearchStrategy[list[str]]:
    """Plain statements that may carry CASE expressions, IF(...) calls and IF EXISTS."""
    extras = [["DROP", "TABLE", "IF", "EXISTS", "t"]] if mysqlish(rules) else [["x"]]
    return st.one_of(
        simple_statements(rules),
        st.tuples(WORDS, case_expressions(rules)).map(lambda t: [t[0], "=", *t[1]]),
        st.sampled_from(extras),
    )


def bodies(statement: st.SearchStrategy[list[str]]) -> st.SearchStrategy[list[str]]:
    return st.lists(statement, min_size=1, max_size=3).map(
        lambda stmts: [token for stmt in stmts for token in (*stmt, ";")]
    )


def mysql_blocks(body: st.SearchStrategy[list[str]]) -> st.SearchStrategy[list[str]]:
    """The MySQL compound statements, each wrapping `body`."""
    cond = st.sampled_from([["x", ">", "1"], ["NOT", "EXISTS", "(", "SELECT", "1", ")"]])
    return st.one_of(
        st.tuples(cond, body, body).map(
            lambda t: ["IF", *t[0], "THEN", *t[1], "ELSEIF", "y", "THEN", *t[2], "END", "IF"]
        ),
        st.tuples(cond, body, body).map(
            lambda t: ["IF", *t[0], "THEN", *t[1], "ELSE", *t[2], "END", "IF"]
        ),
        body.map(lambda b: ["CASE", "x", "WHEN", "1", "THEN", *b, "ELSE", *b, "END", "CASE"]),
        body.map(lambda b: ["lp:", "LOOP", *b, "LEAVE", "lp", ";", "END", "LOOP", "lp"]),
        body.map(lambda b: ["WHILE", "x", "DO", *b, "END", "WHILE"]),
        body.map(lambda b: ["REPEAT", *b, "UNTIL", "x", "END", "REPEAT"]),
        body.map(lambda b: ["blk:", "BEGIN", *b, "END", "blk"]),
    )


def mysql_body_statements() -> st.SearchStrategy[list[str]]:
    """Statements of a MySQL body, blocks nested in blocks; max_leaves keeps them small."""
    return st.recursive(
        body_statements(MYSQL), lambda inner: mysql_blocks(bodies(inner)), max_leaves=4
    )


@lru_cache
def compound_statements(rules: SplitRules) -> st.SearchStrategy[list[str]]:
    if mysqlish(rules):
        body = bodies(mysql_body_statements())
        head = st.sampled_from([[], ["DEFINER=`root`@`%`"], ["DEFINER", "=", "CURRENT_USER"]])
        trigger = ["CREATE", "TRIGGER", "trg", "BEFORE", "INSERT", "ON", "t", "FOR", "EACH", "ROW"]
        return st.one_of(
            st.tuples(head, body).map(
                lambda t: ["CREATE", *t[0], "PROCEDURE", "p", "(", ")", "BEGIN", *t[1], "END"]
            ),
            body.map(lambda b: [*trigger, "BEGIN", *b, "END"]),
            body.map(lambda b: [*trigger, "IF", "x", "THEN", *b, "END", "IF"]),
            body.map(
                lambda b: ["CREATE", "EVENT", "ev", "ON", "SCHEDULE", "DO", "BEGIN", *b, "END"]
            ),
            body.map(lambda b: ["BEGIN", "NOT", "ATOMIC", *b, "END"]),
            body.map(
                lambda b: ["CREATE", "PROCEDURE", "p", "(", ")", "lp:", "LOOP", *b, "END", "LOOP"]
            ),
        )
    body = bodies(body_statements(rules))
    if rules.dollar_quotes:
        head = ["CREATE", "OR", "REPLACE", "FUNCTION", "f", "(", ")", "RETURNS", "int", "LANGUAGE"]
        return body.map(lambda b: [*head, "sql", "BEGIN", "ATOMIC", *b, "END"])
    when = st.sampled_from(
        [[], ["FOR", "EACH", "ROW"], ["WHEN", "CASE", "WHEN", "x", "THEN", "1", "END"]]
    )
    trigger = ["CREATE", "TEMP", "TRIGGER", "trg", "AFTER", "INSERT", "ON", "t"]
    return st.tuples(when, body).map(lambda t: [*trigger, *t[0], "BEGIN", *t[1], "END"])


@st.composite
def joined(draw: st.DrawFn, tokens: list[str], rules: SplitRules) -> str:
    if draw(st.booleans()):  # keywords are case-insensitive
        tokens = [t.lower() if t in KEYWORDS else t for t in tokens]
    text = tokens[0]
    for token in tokens[1:]:
        text += draw(separators(rules)) + token
    return text


@st.composite
def statements(draw: st.DrawFn, rules: SplitRules) -> str:
    """A statement: twice as often plain as a stored-program definition."""
    kind = draw(st.sampled_from([simple_statements, simple_statements, compound_statements]))
    return draw(joined(draw(kind(rules)), rules))


@lru_cache
def gaps(rules: SplitRules, delimiter: str) -> st.SearchStrategy[str]:
    """What may sit between statements: blanks, comments and empty statements."""
    parts = st.lists(st.one_of(BLANKS, comments(rules), st.just(delimiter)), max_size=3)
    return st.tuples(BLANKS, parts).map(lambda t: t[0] + "".join(t[1]))


@st.composite
def scripts(draw: st.DrawFn, rules: SplitRules, delimiters: tuple[str, ...] = (";",)):
    """A script, and the (text, line, delimiter) of each statement a splitter must find."""
    script, current, expected = draw(gaps(rules, ";")), ";", []
    chunk = st.tuples(
        st.sampled_from(delimiters), st.lists(statements(rules), min_size=1, max_size=3)
    )
    chunks = draw(st.lists(chunk, min_size=1, max_size=3))
    unterminated = draw(st.booleans())  # the very last statement may lack its terminator
    for delimiter, chunk_texts in chunks:
        if delimiter != current:
            script += f"\nDELIMITER {delimiter}\n" + draw(gaps(rules, delimiter))
            current = delimiter
        for text in chunk_texts:
            expected.append((text, script.count("\n") + 1, delimiter))
            script += text
            if not (unterminated and len(expected) == sum(len(c[1]) for c in chunks)):
                # a custom delimiter might merge with a trailing '/' or '$'
                script += " " if delimiter != ";" else draw(st.sampled_from(["", " ", "\n"]))
                script += delimiter
            script += draw(gaps(rules, delimiter))
    return script, expected


SETTINGS = settings(
    max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)


@ALL_RULES
@SETTINGS
@given(data=st.data())
def test_joining_statements_then_splitting_gives_them_back(rules: SplitRules, data: st.DataObject):
    script, expected = data.draw(scripts(rules))
    got = split_statements(script, rules)
    assert [(s.text, s.line) for s in got] == [(text, line) for text, line, _ in expected]
    for text, _, _ in expected:  # and each statement alone splits to itself
        assert split_statements(text, rules) == [Statement(text, 1)]


@SETTINGS
@given(data=st.data())
def test_mysql_delimiter_scripts_split_back_into_their_statements(data: st.DataObject):
    script, expected = data.draw(scripts(MYSQL, (";", "//", "$$", ";;")))
    got = split_statements(script, MYSQL)
    assert [(s.text, s.line) for s in got] == [(text, line) for text, line, _ in expected]
    for text, _, delimiter in expected:
        assert split_statements(f"DELIMITER {delimiter}\n{text}", MYSQL) == [Statement(text, 2)]


SOUP_WORDS = [
    "BEGIN", "END", "CASE", "IF", "THEN", "ELSE", "LOOP", "WHILE", "REPEAT", "DO", "FOR", "EACH",
    "ROW", "NOT", "ATOMIC", "CREATE TRIGGER", "CREATE PROCEDURE", "CREATE FUNCTION",
    "BEGIN ATOMIC", "BEGIN NOT ATOMIC", "END IF", "END LOOP", "lbl:", "IF(", "/*!40101 SET a */",
    ";", ";", ";",
]  # fmt: skip


@st.composite
def soups(draw: st.DrawFn, rules: SplitRules) -> tuple[str, list[str]]:
    """Random but well-formed token soup; returns it and the comments in it."""
    token = st.one_of(plain_tokens(rules), st.sampled_from(SOUP_WORDS), st.just("#comment#"))
    tokens = draw(st.lists(token, max_size=40))
    found: list[str] = []
    for i, tok in enumerate(tokens):
        if tok == "#comment#":
            tokens[i] = draw(comments(rules, note=f"~{len(found)}~"))
            found.append(tokens[i])
    return "".join(t + draw(BLANKS) for t in tokens), found


def essence(text: str, found: list[str]) -> str:
    """Text minus marked comments, whitespace and semicolons (which may be terminators)."""
    for comment in found:
        text = text.replace(comment, "")
    return re.sub(r"[\s;]", "", text)


@ALL_RULES
@SETTINGS
@given(data=st.data())
def test_splitting_well_formed_text_loses_nothing_but_comments_blanks_and_semicolons(
    rules: SplitRules, data: st.DataObject
):
    """Statements are in-order verbatim slices, and together hold every other character."""
    sql, found = data.draw(soups(rules))
    got = split_statements(sql, rules)
    pos = 0
    for statement in got:
        assert statement.text and statement.text == statement.text.strip()
        pos = sql.index(statement.text, pos) + len(statement.text)
    assert essence("".join(s.text for s in got), found) == essence(sql, found)


ERROR = re.compile(
    r"unterminated .+ starting on line \d+|DELIMITER without a terminator on line \d+"
)


@ALL_RULES
@settings(max_examples=300, deadline=None, database=None)
@given(sql=st.text(st.one_of(st.sampled_from(list("ab ;'\"`$/*-#\\\nE(!")), st.characters())))
def test_arbitrary_text_either_splits_or_raises_a_located_value_error(rules: SplitRules, sql: str):
    try:
        got = split_statements(sql, rules)
    except ValueError as error:
        assert ERROR.fullmatch(str(error))
    else:
        assert all(s.text and s.text in sql and 1 <= s.line <= sql.count("\n") + 1 for s in got)
