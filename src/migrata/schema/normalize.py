"""Normalise the spellings databases report, so that one schema reached two ways is one value.

Reflection passes every SQL fragment through these pure functions before it goes into the
model (``schema.model``); they never touch a database, so they are unit-tested on strings.

What is normalised:

* **types** (:func:`normalize_type`): lower case outside quotes, blanks collapsed, no blanks
  inside ``(...)`` (``NUMERIC(10, 2)`` = ``numeric(10,2)``), and synonyms mapped to one name:
  ``character varying`` → ``varchar``, ``character`` → ``char``, ``int``/``int4`` →
  ``integer``, ``int8`` → ``bigint``, ``int2`` → ``smallint``, ``bool`` → ``boolean``,
  ``float8``/``double`` → ``double precision``, ``float4`` → ``real``, ``decimal`` →
  ``numeric``, ``timestamp[(p)] without time zone`` → ``timestamp[(p)]``, ``timestamptz`` →
  ``timestamp with time zone`` (the same for ``time``);
* **MySQL column types** (:func:`normalize_mysql_type`): integer display widths dropped
  (``int(11)`` = ``int`` = ``integer``) unless ``zerofill`` needs them, and ``tinyint(1)``,
  which is how MySQL stores ``BOOLEAN``, read as ``boolean``;
* **defaults** (:func:`normalize_default`): outer parentheses dropped (``(0)`` = ``0``), casts of
  literals dropped (``'x'::text`` = ``'x'::character varying`` = ``'x'``), ``NULL`` = no
  default, ``current_timestamp()``/``now()`` = ``CURRENT_TIMESTAMP`` (also ``CURRENT_DATE`` and
  ``CURRENT_TIME``), quoted numbers unquoted on numeric columns (``'0'`` = ``0``), and on
  boolean columns ``1``/``TRUE``/``'1'``/``b'1'`` = ``true`` and their opposites = ``false``;
* **serial columns** (:func:`serial_sequence`): a ``nextval('t_id_seq'::regclass)`` default
  names the sequence that, when the column owns it, makes the column an identity (reflection
  then sets ``identity=True, default=None``, which is what ``GENERATED ... AS IDENTITY`` gives);
* **expressions** (:func:`normalize_expression`) in checks, partial-index predicates, index
  expressions and SQLite view/trigger text: comments dropped, one canonical spacing between
  tokens, redundant outer parentheses dropped; with ``fold_case`` (SQLite, whose names are
  case-insensitive and which stores the text as typed) words are lowered and simple quoted
  names unquoted.

String literals are never changed, so ``enum('a','B')`` and ``'Mixed Case'`` survive.

The public functions are cached: a schema repeats the same few types, defaults and index
columns thousands of times (8,000 columns of seven distinct types in the benchmark's 1,000
tables), and normalising each again was most of the Python time of reflecting it.
"""

from __future__ import annotations

import re
from functools import lru_cache

_TOKEN = re.compile(
    r"""(?P<ws>\s+)
    |(?P<comment>--[^\n]*|/\*.*?\*/)
    |(?P<string>(?:[bBxXeEnN](?='))?'(?:[^']|'')*')
    |(?P<ident>"(?:[^"]|"")*"|`(?:[^`]|``)*`)
    |(?P<number>(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)
    |(?P<word>[^\W\d]\w*|\$\d+)
    |(?P<op>::|<=|>=|<>|!=|\|\||<<|>>|->>|->|[^\s\w])
    """,
    re.X | re.S,
)

# After these words an opening parenthesis is a group, not a call, and keeps its blank.
_SPACED_BEFORE_PAREN = frozenset(
    {"and", "or", "not", "in", "as", "on", "is", "when", "then", "else", "case", "check",
     "where", "exists", "between", "like", "ilike", "select", "from", "values", "by",
     "distinct", "using", "over", "returns", "any", "all", "some"}
)  # fmt: skip
_SIMPLE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

_TYPE_SYNONYMS = {
    "character varying": "varchar",
    "char varying": "varchar",
    "character": "char",
    "int": "integer",
    "int4": "integer",
    "int8": "bigint",
    "int2": "smallint",
    "bool": "boolean",
    "float8": "double precision",
    "double": "double precision",
    "float4": "real",
    "decimal": "numeric",
    "timestamptz": "timestamp with time zone",
    "timetz": "time with time zone",
}
_TYPE_MODIFIERS = re.compile(
    r"(.*?)((?:\s+(?:with time zone|without time zone|unsigned|signed|zerofill))*)"
)
_TYPE_TAIL = re.compile(r"(\([^)]*\))?((?:\[\d*\])*)(.*)", re.S)
_NUMERIC_TYPES = frozenset(
    {"integer", "bigint", "smallint", "mediumint", "tinyint", "numeric", "real", "double",
     "float", "serial", "bigserial", "smallserial"}
)  # fmt: skip
_NOW = {
    "current_timestamp": "CURRENT_TIMESTAMP",
    "current_timestamp()": "CURRENT_TIMESTAMP",
    "now()": "CURRENT_TIMESTAMP",
    "localtimestamp": "LOCALTIMESTAMP",
    "current_date": "CURRENT_DATE",
    "current_date()": "CURRENT_DATE",
    "curdate()": "CURRENT_DATE",
    "current_time": "CURRENT_TIME",
    "current_time()": "CURRENT_TIME",
}
_CAST_TYPE = (
    r"(?:[a-z_][\w$]*\.)?(?:\"(?:[^\"]|\"\")+\"|[a-z_][\w$]*(?:\s+[a-z_][\w$]*)*)"
    r"(?:\(\s*\d+\s*(?:,\s*\d+\s*)?\))?(?:\[\d*\])*"
)
_LITERAL_CAST = re.compile(
    rf"('(?:[^']|'')*'|\(?-?\d+(?:\.\d+)?\)?|NULL)(?:\s*::\s*{_CAST_TYPE})+", re.I
)
_CACHED = 8192  # distinct spellings kept per function; a schema has far fewer
_TRUE = frozenset({"1", "true", "'1'", "'true'", "b'1'", "'t'"})
_FALSE = frozenset({"0", "false", "'0'", "'false'", "b'0'", "'f'"})


def tokenize(sql: str) -> list[tuple[str, str]]:
    """Split SQL into (kind, text) tokens, without blanks and comments."""
    tokens = []
    for match in _TOKEN.finditer(sql):
        kind = match.lastgroup or "op"
        if kind not in ("ws", "comment"):
            tokens.append((kind, match.group()))
    return tokens


def join_tokens(tokens: list[tuple[str, str]]) -> str:
    """Render tokens with one canonical spacing, whatever spacing they were written with."""
    out: list[str] = []
    for i, (_, text) in enumerate(tokens):
        if i and _needs_space(tokens, i):
            out.append(" ")
        out.append(text)
    return "".join(out)


def _needs_space(tokens: list[tuple[str, str]], i: int) -> bool:
    prev_kind, prev = tokens[i - 1]
    text = tokens[i][1]
    if prev in ("(", ".", "::", "[") or text in (")", ",", ";", ".", "::", "]", "["):
        return False
    if text == "(":
        return prev_kind not in ("word", "ident") or prev.lower() in _SPACED_BEFORE_PAREN
    return not (prev in ("-", "+") and _is_unary(tokens, i - 1))


def _is_unary(tokens: list[tuple[str, str]], i: int) -> bool:
    """Whether the sign at *i* follows an operator, a comma, an opening or a keyword."""
    if i == 0:
        return True
    kind, text = tokens[i - 1]
    return (kind == "op" and text not in (")", "]")) or text.lower() in _SPACED_BEFORE_PAREN


def strip_outer_parens(sql: str) -> str:
    """Drop parentheses that enclose the whole expression: ``((a > 0))`` → ``a > 0``."""
    text = sql.strip()
    while text.startswith("(") and text.endswith(")") and _encloses(text):
        text = text[1:-1].strip()
    return text


def _encloses(text: str) -> bool:
    """Whether the first parenthesis of *text* closes at its very end."""
    depth = 0
    tokens = tokenize(text)
    for i, (_, tok) in enumerate(tokens):
        if tok == "(":
            depth += 1
        elif tok == ")":
            depth -= 1
            if depth == 0:
                return i == len(tokens) - 1
    return False


@lru_cache(maxsize=_CACHED)
def normalize_expression(sql: str, *, fold_case: bool = False) -> str:
    """An expression or statement in canonical spacing, without comments or outer parentheses."""
    tokens = tokenize(strip_outer_parens(sql))
    if fold_case:
        tokens = [_fold(kind, text) for kind, text in tokens]
    return strip_outer_parens(join_tokens(tokens))


def _fold(kind: str, text: str) -> tuple[str, str]:
    if kind == "word":
        return kind, text.lower()
    if kind == "ident" and _SIMPLE_NAME.fullmatch(text[1:-1]):
        return "word", text[1:-1].lower()
    return kind, text


def _lower_outside_quotes(text: str) -> str:
    parts = re.split(r"('(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|`(?:[^`]|``)*`)", text)
    return "".join(p if i % 2 else p.lower() for i, p in enumerate(parts))


@lru_cache(maxsize=_CACHED)
def normalize_type(spelling: str) -> str:
    """The canonical, lower-case spelling of a column type (see the module docstring)."""
    text = _lower_outside_quotes(" ".join(spelling.split()))
    text = re.sub(r"\s*\(\s*", "(", text)
    text = re.sub(r"\s*,\s*", ",", text)
    text = re.sub(r"\s*\)", ")", text)
    if text.startswith(('"', "`")):
        return text
    cut = min((i for i in (text.find("("), text.find("[")) if i >= 0), default=len(text))
    name, mods = _TYPE_MODIFIERS.fullmatch(text[:cut].strip()).groups()  # type: ignore[union-attr]
    args, array, after = _TYPE_TAIL.fullmatch(text[cut:]).groups()  # type: ignore[union-attr]
    name = _TYPE_SYNONYMS.get(name, name)
    if name.endswith(" with time zone"):  # timestamptz(3) → timestamp(3) with time zone
        name, mods = name.removesuffix(" with time zone"), f"with time zone {mods}"
    words = " ".join(f"{mods} {after}".split()).replace("without time zone", "").strip()
    return f"{name}{args or ''}{array}{' ' + words if words else ''}"


@lru_cache(maxsize=_CACHED)
def normalize_mysql_type(column_type: str) -> str:
    """A MySQL/MariaDB ``COLUMN_TYPE`` without integer display widths; ``tinyint(1)`` is boolean."""
    text = _lower_outside_quotes(column_type.strip())
    if text == "tinyint(1)":
        return "boolean"
    if "zerofill" not in text:
        text = re.sub(r"\b(tinyint|smallint|mediumint|int|integer|bigint|year)\(\d+\)", r"\1", text)
    return normalize_type(text)


def type_base(type_: str) -> str:
    """The type's name without arguments or modifiers: ``numeric(10,2)`` → ``numeric``."""
    return re.split(r"[(\[ ]", type_, maxsplit=1)[0] if type_ else ""


@lru_cache(maxsize=_CACHED)
def normalize_default(
    default: str | None, type_: str = "", *, fold_case: bool = False
) -> str | None:
    """The canonical form of a column default for a column of (normalised) type *type_*.

    *fold_case* is for SQLite, which keeps defaults as typed and ignores the case of names.
    """
    if default is None:
        return None
    text = _strip_literal_cast(strip_outer_parens(default))
    if not text or text.upper() == "NULL":
        return None
    lowered = text.lower()
    if lowered in _NOW or re.fullmatch(r"current_timestamp\(\d\)", lowered):
        return _NOW.get(lowered) or text.upper()
    if type_ == "boolean" and lowered in _TRUE | _FALSE:
        return "true" if lowered in _TRUE else "false"
    if type_base(type_) in _NUMERIC_TYPES and re.fullmatch(r"'?-?\d+(\.\d+)?'?", text):
        return _plain_number(text.strip("'"))
    return normalize_expression(text, fold_case=fold_case)


def _plain_number(number: str) -> str:
    """``'0.00'`` and ``0`` are one default on a numeric column: drop quotes and trailing zeros."""
    if "." in number:
        number = number.rstrip("0").rstrip(".")
    return "0" if number in ("-0", "") else number


def _strip_literal_cast(text: str) -> str:
    """``'x'::text`` → ``'x'``, ``(-1)::integer`` → ``-1``: a literal cast to the column type."""
    match = _LITERAL_CAST.fullmatch(text)
    return strip_outer_parens(match.group(1)) if match else text


@lru_cache(maxsize=_CACHED)
def serial_sequence(default: str | None) -> str | None:
    """The sequence a ``nextval('...'::regclass)`` default draws from (unquoted), else None."""
    if default is None:
        return None
    match = re.fullmatch(r"nextval\('((?:[^']|'')+)'(?:::regclass)?\)", default.strip(), re.I)
    if match is None:
        return None
    name = match.group(1).replace("''", "'").rsplit(".", 1)[-1]
    return name[1:-1].replace('""', '"') if name.startswith('"') else name
