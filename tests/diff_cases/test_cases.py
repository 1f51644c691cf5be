"""Diff cases: folders of SQL, diffed, rendered, applied, and diffed again (migra's FIXTURES).

Each folder beside this file is one case (see README.md for the files it holds). For every case
and every dialect of the ``db`` fixture:

1. ``before`` runs in the test's fresh database and ``after`` in a scratch one; both are
   reflected without migrata's own tables;
2. ``diff(before, after, Questioner(answers))`` is rendered, and the SQL must be the text of
   ``expected.<dialect>.sql``;
3. ``data.sql`` fills ``before``'s tables, the up SQL runs, and the database is reflected
   again: diffing it with ``after`` must find nothing, and ``check.sql`` must give ``check.out``;
4. when no operation loses data and every one has a reverse, the down SQL
   (``render(reverse_all(ops), after)``) runs and the database must be ``before`` again
   (and ``check_down.sql`` must give ``check_down.out``).

``MIGRATA_WRITE_EXPECTED=1`` writes a missing ``expected.<dialect>.sql`` instead of failing:
read every file it writes before committing it.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import sqlalchemy as sa

from migrata.dialects import dialect_class
from migrata.diff import Questioner, diff, reverse_all
from migrata.schema.materialize import OWN_TABLES, materialize_sql, scratch_database
from migrata.schema.reflect import reflect_schema
from migrata.urls import normalize_url
from tests.conftest import SERVER_URLS

if TYPE_CHECKING:
    from migrata.dialects.base import Dialect
    from migrata.diff.operations import Operation
    from migrata.schema.model import Column, Schema
    from tests.conftest import TestDatabase

HERE = Path(__file__).parent
DIALECTS = ("sqlite", "postgresql", "mariadb")
QUESTIONER_KEYS = frozenset({"rename", "rename_column", "allow_data_loss", "default"})
HARNESS_KEYS = frozenset({"dialects", "xfail", "up_fails"})
SCRIPTS = ("before", "after", "data", "check", "check_down")
WRITE_EXPECTED = os.environ.get("MIGRATA_WRITE_EXPECTED") == "1"


@dataclass(frozen=True)
class Case:
    """One folder: its SQL files, the questioner's answers and where it runs."""

    name: str
    path: Path
    answers: dict[str, Any]
    dialects: tuple[str, ...]
    xfail: dict[str, str] = field(default_factory=dict)
    up_fails: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, name: str) -> Case:
        path = HERE / name
        config = tomllib.loads((path / "answers.toml").read_text(encoding="utf-8"))
        unknown = set(config) - QUESTIONER_KEYS - HARNESS_KEYS
        assert not unknown, f"{name}/answers.toml: unknown keys {sorted(unknown)}"
        dialects = tuple(config.get("dialects", DIALECTS))
        assert set(dialects) <= set(DIALECTS), f"{name}: unknown dialects in {dialects}"
        xfail, up_fails = (_per_dialect(config.get(k, {}), dialects) for k in ("xfail", "up_fails"))
        assert set(xfail) | set(up_fails) <= set(dialects), f"{name}: xfail/up_fails dialects"
        answers = {k: v for k, v in config.items() if k in QUESTIONER_KEYS}
        return cls(name, path, answers, dialects, xfail, up_fails)

    def file(self, stem: str, dialect: str, suffix: str = "sql") -> Path | None:
        """``stem.<variant>.suffix`` for the dialect's most specific variant, else ``stem.suffix``."""
        for variant in (*dialect_class(dialect).variants, None):
            path = self.path / (f"{stem}.{variant}.{suffix}" if variant else f"{stem}.{suffix}")
            if path.exists():
                return path
        return None

    def read(self, stem: str, dialect: str, suffix: str = "sql") -> str | None:
        path = self.file(stem, dialect, suffix)
        return None if path is None else path.read_text(encoding="utf-8")


def _per_dialect(value: str | dict[str, str], dialects: tuple[str, ...]) -> dict[str, str]:
    """``"text"`` (every dialect of the case) or ``{dialect = "text"}``."""
    return dict.fromkeys(dialects, value) if isinstance(value, str) else dict(value)


def case_names() -> list[str]:
    return sorted(p.name for p in HERE.iterdir() if (p / "answers.toml").is_file())


@cache
def load_case(name: str) -> Case:
    return Case.load(name)


# Running SQL ------------------------------------------------------------------------------------


def split(dialect: Dialect, sql: str | None) -> list[str]:
    return [s.text for s in dialect.split_statements(sql or "")]


def execute(db: TestDatabase, statements: Sequence[str], what: str) -> None:
    """Run *statements* in one transaction (MariaDB commits at each DDL statement anyway)."""
    try:
        run(db, statements)
    except sa.exc.DBAPIError as exc:
        script = render_script(statements)
        pytest.fail(f"{what} failed at\n{exc.statement}\n{exc.orig}\n\n{what}:\n{script}")


def run(db: TestDatabase, statements: Sequence[str]) -> None:
    with db.engine.begin() as conn:
        for statement in statements:
            conn.exec_driver_sql(statement)


def query(db: TestDatabase, statements: Sequence[str]) -> str:
    """The rows each query returns, one line per row, queries apart by a ``--`` line.

    Statements that return no rows (an INSERT that tries a default) run too, and everything is
    rolled back at the end.
    """
    blocks = []
    with _check_connection(db) as conn:
        for statement in statements:
            result = conn.exec_driver_sql(statement)
            if result.returns_rows:
                rows = result.fetchall()
                blocks.append("".join(" | ".join(map(cell, row)) + "\n" for row in rows))
        conn.rollback()
    return "--\n".join(blocks)


@contextmanager
def _check_connection(db: TestDatabase) -> Iterator[sa.Connection]:
    """A new connection, closed afterwards, as a client that connects after the migration.

    A pooled one could carry state across the migration: a check may set what lasts for a
    connection (SQLite's ``PRAGMA foreign_keys``), and a PostgreSQL session keeps the plans of
    PL/pgSQL functions, which fail once a column they read has changed type.
    """
    engine = sa.create_engine(db.engine.url, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as conn:
            yield conn
    finally:
        engine.dispose()


def cell(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, date | datetime):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    if isinstance(value, bytes):
        return value.decode()
    return str(value)


def render_script(statements: Sequence[str]) -> str:
    """The stable text of ``expected.<dialect>.sql``: each statement, ``;``, a blank line."""
    return "\n".join(f"{s};\n" for s in statements)


# The schemas -------------------------------------------------------------------------------------


def reflect(db: TestDatabase) -> Schema:
    with db.engine.connect() as conn:
        return reflect_schema(conn, exclude=OWN_TABLES)


class Scratch:
    """Where ``after.sql`` is materialised: ``materialize_sql``'s scratch database, or one shared.

    PostgreSQL's CREATE DATABASE costs about 0.3 s (it copies template1), more than the rest
    of a case, so PostgreSQL cases share one scratch database for the session and empty its
    ``public`` schema (and with it every table, view, type, sequence and function a case can
    make) before each use. Elsewhere a scratch database costs next to nothing, so each case
    gets its own from ``materialize_sql``.
    """

    def __init__(self) -> None:
        self.stack = ExitStack()
        self.shared: dict[str, sa.Engine] = {}

    def materialize(self, db: TestDatabase, sql: str, source: str) -> Schema:
        if db.dialect != "postgresql":
            return materialize_sql(db.url, sql, source=source).without(*OWN_TABLES)
        engine = self._shared(db)
        with engine.connect() as conn:
            conn.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
            conn.exec_driver_sql("CREATE SCHEMA public")
            for statement in split(dialect_class(db.dialect)(), sql):
                conn.exec_driver_sql(statement)
            return reflect_schema(conn, exclude=OWN_TABLES)

    def _shared(self, db: TestDatabase) -> sa.Engine:
        if db.dialect not in self.shared:
            # On the server's own database: the test's is gone by the end of the session.
            url = self.stack.enter_context(scratch_database(SERVER_URLS[db.dialect]))
            engine = sa.create_engine(
                normalize_url(url), isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool
            )
            self.stack.callback(engine.dispose)
            self.shared[db.dialect] = engine
        return self.shared[db.dialect]

    def close(self) -> None:
        self.stack.close()


@pytest.fixture(scope="session")
def scratch() -> Iterator[Scratch]:
    pool = Scratch()
    yield pool
    pool.close()


class _Remaining(Questioner):
    """Answers whatever a second diff asks, so that what remains is listed, not refused."""

    def __init__(self) -> None:
        super().__init__({"allow_data_loss": True})

    def ask_not_null_default(self, table: str, column: Column) -> str:
        return "NULL"


def remaining(actual: Schema, wanted: Schema) -> list[Operation]:
    return diff(actual, wanted, _Remaining())


def describe(found: Sequence[Operation]) -> str:
    return "\n".join(f"  {op.describe()}" for op in found)


@contextmanager
def step(what: str) -> Iterator[None]:
    """Name the step in a failure's first line (pytest shows where, not what)."""
    try:
        yield
    except AssertionError as exc:
        raise AssertionError(f"{what}: {exc}") from None


# The test ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", case_names())
def test_case(
    name: str, db: TestDatabase, scratch: Scratch, request: pytest.FixtureRequest
) -> None:
    case = load_case(name)
    if db.dialect not in case.dialects:
        pytest.skip(f"{name} runs on {', '.join(case.dialects)} only")
    dialect = dialect_class(db.dialect)()

    execute(db, split(dialect, case.read("before", db.dialect)), "before.sql")
    before = reflect(db)
    after = scratch.materialize(db, case.read("after", db.dialect) or "", f"{name}/after.sql")
    ops = diff(before, after, Questioner(case.answers))
    up = dialect.render(ops, before)
    check_expected(case, db.dialect, up)
    # Only now: a known bug's SQL is still compared, so a fix that changes it shows.
    if db.dialect in case.xfail:
        request.applymarker(pytest.mark.xfail(reason=case.xfail[db.dialect], strict=True))

    execute(db, split(dialect, case.read("data", db.dialect)), "data.sql")
    if db.dialect in case.up_fails:
        expect_failure(db, dialect, case, up, before)
    else:
        apply_up(db, dialect, case, up, after)
        if all(op.reversible and not op.is_destructive for op in ops):
            apply_down(db, dialect, case, dialect.render(reverse_all(ops), after), before)


def apply_up(db: TestDatabase, dialect: Dialect, case: Case, up: list[str], after: Schema) -> None:
    """The up SQL runs, and leaves the schema of ``after.sql`` and the rows of ``check.out``."""
    execute(db, up, "the up SQL")
    with step("after the up SQL, a second diff against after.sql"):
        left = remaining(reflect(db), after)
        assert not left, "operations remain:\n" + describe(left)
    check_rows(db, dialect, case, "check")


def apply_down(
    db: TestDatabase, dialect: Dialect, case: Case, down: list[str], before: Schema
) -> None:
    """The down SQL runs, and leaves the schema of ``before.sql`` and ``check_down.out``."""
    execute(db, down, "the down SQL")
    with step("after the down SQL, a diff against before.sql"):
        left = remaining(reflect(db), before)
        assert not left, "operations remain:\n" + describe(left) + "\n" + render_script(down)
    check_rows(db, dialect, case, "check_down")


def expect_failure(
    db: TestDatabase, dialect: Dialect, case: Case, up: list[str], before: Schema
) -> None:
    """The up SQL must fail (rather than lose data), leaving the schema and rows as they were."""
    with pytest.raises(sa.exc.DBAPIError, match=case.up_fails[db.dialect]):
        run(db, up)
    with step("after the up SQL failed, a diff against before.sql"):
        left = remaining(reflect(db), before)
        assert not left, "operations remain:\n" + describe(left)
    check_rows(db, dialect, case, "check")


def check_expected(case: Case, dialect: str, up: list[str]) -> None:
    text = render_script(up)
    path = case.path / f"expected.{dialect}.sql"
    if not path.exists():
        if WRITE_EXPECTED:
            path.write_text(text, encoding="utf-8")
        else:
            pytest.fail(f"{path.relative_to(HERE)} is missing; the renderer gave:\n{text}")
    assert text == path.read_text(encoding="utf-8"), f"the up SQL differs from {path.name}"


def check_rows(db: TestDatabase, dialect: Dialect, case: Case, stem: str) -> None:
    sql = case.read(stem, db.dialect)
    if sql is None:
        return
    wanted = case.read(stem, db.dialect, suffix="out")
    assert wanted is not None, f"{case.name}: {stem}.sql has no {stem}.out"
    with step(f"{stem}.sql"):
        assert query(db, split(dialect, sql)) == wanted


# The directory itself -----------------------------------------------------------------------------

_CASE_FILE_STEMS = {*SCRIPTS, "answers", "expected"}


def test_every_case_is_complete() -> None:
    """Each case has its scripts, an expected file per dialect it runs on, and nothing unknown."""
    names = case_names()
    assert len(names) >= 45
    problems = []
    for name in names:
        case = load_case(name)
        for dialect in case.dialects:
            for stem in ("before", "after"):
                if case.file(stem, dialect) is None:
                    problems.append(f"{name}: no {stem}.sql for {dialect}")
            if not (case.path / f"expected.{dialect}.sql").exists():
                problems.append(f"{name}: no expected.{dialect}.sql")
            if case.file("check", dialect) and not case.file("check", dialect, "out"):
                problems.append(f"{name}: check.sql without check.out for {dialect}")
        for path in case.path.iterdir():
            stem, _, rest = path.name.partition(".")
            middle = rest.rpartition(".")[0]
            if stem not in _CASE_FILE_STEMS or middle not in ("", *DIALECTS, "mysql"):
                problems.append(f"{name}: unexpected file {path.name}")
            elif stem == "expected" and middle not in case.dialects:
                problems.append(f"{name}: {path.name} for a dialect the case does not run on")
    assert not problems, "\n".join(problems)
