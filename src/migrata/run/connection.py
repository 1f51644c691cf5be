"""One DB-API connection with the few operations the runner needs, without SQLAlchemy.

SQLAlchemy's Connection costs its import (about 0.1 s, a third of applying 1,000 small
migrations to SQLite) and tens of microseconds per statement, and the runner uses none of what
it adds. It is made on demand, over this same driver connection, when a Python migration asks
for ``ctx.connection`` or ``ctx.execute``: the migration and migrata then share one transaction.

Transactions follow SQLAlchemy's rules, which the runner was written against: the first
statement outside a transaction begins one (``begin_sql``, or the server itself where the
driver runs in implicit-transaction mode, as MySQL's does), and it lasts until commit or
rollback.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from migrata.errors import DriverError

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection


class Result:
    """The outcome of one statement, its rows read at once (the cursor is reused)."""

    __slots__ = ("_keys", "_rows", "rowcount")

    def __init__(self, cursor: Any) -> None:
        self.rowcount: int = cursor.rowcount
        description = cursor.description
        self._keys = [column[0] for column in description] if description else None
        self._rows: list[tuple[Any, ...]] = list(cursor.fetchall()) if description else []

    @property
    def returns_rows(self) -> bool:
        return self._keys is not None

    def keys(self) -> list[str]:
        return list(self._keys or ())

    def fetchall(self) -> list[tuple[Any, ...]]:
        return self._rows

    def first(self) -> tuple[Any, ...] | None:
        return self._rows[0] if self._rows else None

    def scalar(self) -> Any:
        return self._rows[0][0] if self._rows else None

    def mappings(self) -> list[dict[str, Any]]:
        keys = self.keys()
        return [dict(zip(keys, row, strict=True)) for row in self._rows]


class DriverConnection:
    """A driver connection, its transaction state, and a SQLAlchemy view made on demand."""

    def __init__(
        self,
        raw: Any,
        *,
        url: str,
        database: str | None = None,
        sqlalchemy: Connection | None = None,
        multi_statements: bool = False,
    ) -> None:
        self.raw = raw
        self.url = url  # SQLAlchemy's spelling, for the view made on demand
        self.database = database  # the file of a SQLite database (its lock sits beside it)
        driver = type(raw).__module__.split(".")[0]
        self.is_sqlite = driver == "sqlite3"
        module = sys.modules.get(driver)
        #: Drivers whose style is ``%s`` (pg8000 takes nothing else): parameters go by position.
        self._positional = getattr(module, "paramstyle", "") == "format"
        #: The statement that opens a transaction; None where the server opens one by itself.
        self.begin_sql: str | None = None
        #: Whether one call may hold several statements with literal values (see run_batch).
        self.multi_statements = multi_statements
        # The driver module's Error (its connection's is an optional extension, which pg8000
        # warns about when it is used).
        self._error: type[Exception] = getattr(module, "Error", None) or raw.Error
        self._cursor = raw.cursor()
        self._given = sqlalchemy  # an Engine's connection the caller owns: closed, not ours
        self._view: Connection | None = sqlalchemy
        self._in_transaction = False
        self._autocommit = False

    # -- statements ---------------------------------------------------------------------------

    def param(self, name: str) -> str:
        """The placeholder for parameter *name* in this driver's style."""
        return f":{name}" if self.is_sqlite else f"%({name})s"

    def adapt(self, value: Any) -> Any:
        """A parameter value as the driver takes it (SQLite: datetimes as SQLAlchemy writes them)."""
        if self.is_sqlite and isinstance(value, datetime):
            return value.isoformat(" ", "microseconds")
        return value

    def execute(self, sql: str, params: dict[str, Any] | Sequence[Any] | None = None) -> Result:
        """Run one statement as written (no parameters: the driver does not look for any)."""
        self._autobegin()
        try:
            if params is None:
                self._cursor.execute(sql)
            elif self._positional and isinstance(params, dict):
                sql_by_position, names = _by_position(sql)
                self._cursor.execute(sql_by_position, tuple(params[n] for n in names))
            else:
                self._cursor.execute(sql, params)
        except self._error as exc:
            raise DriverError(exc, sql) from exc
        return Result(self._cursor)

    def executemany(self, sql: str, rows: Sequence[dict[str, Any]]) -> None:
        self._autobegin()
        try:
            if self._positional:
                sql_by_position, names = _by_position(sql)
                self._cursor.executemany(sql_by_position, [tuple(r[n] for n in names) for r in rows])
            else:
                self._cursor.executemany(sql, rows)
        except self._error as exc:
            raise DriverError(exc, sql) from exc

    def run_batch(self, items: Sequence[tuple[str, dict[str, Any]]], *, commit: bool) -> None:
        """Run parameterised statements, then COMMIT if asked, in one round trip: the values
        are quoted by the driver itself (``mogrify``). Needs :attr:`multi_statements`."""
        parts = [self._cursor.mogrify(sql, params) for sql, params in items]
        if parts:
            self._autobegin()
        if commit and self._in_transaction:
            parts.append("COMMIT")
        if not parts:
            return
        script = ";\n".join(parts)
        try:
            self._cursor.execute(script)
            while self._cursor.nextset():  # every result must be read before the next call
                pass
        except self._error as exc:
            raise DriverError(exc, script) from exc
        if commit:
            self._in_transaction = False

    def execute_sqlalchemy(self, sql: Any, params: dict[str, Any] | None = None) -> Any:
        """Run a statement through SQLAlchemy (``:name`` parameters, Core constructs), in
        this connection's transaction."""
        self._autobegin()
        view = self.sqlalchemy
        if isinstance(sql, str) and params is None:
            return view.exec_driver_sql(sql)
        if isinstance(sql, str):
            from sqlalchemy import text

            sql = text(sql)
        return view.execute(sql, params or {})

    # -- transactions -------------------------------------------------------------------------

    def in_transaction(self) -> bool:
        return self._in_transaction

    def begin(self) -> None:
        if not self._in_transaction:
            self._begin()

    def commit(self) -> None:
        self._end("COMMIT")

    def rollback(self) -> None:
        self._end("ROLLBACK")

    def _end(self, statement: str) -> None:
        # A server transaction migrata opened with its own BEGIN is ended the same way: a
        # driver in autocommit mode may not know of it (psycopg2's commit() then does nothing,
        # and the work was lost when the connection closed; PostgreSQL only warns when there
        # is nothing to end). sqlite3 asks SQLite itself, and errors when there is nothing.
        explicit = self.begin_sql is not None and not self.is_sqlite
        self._in_transaction = False
        try:
            if explicit:
                self._cursor.execute(statement)
            else:
                self.raw.commit() if statement == "COMMIT" else self.raw.rollback()
        except self._error as exc:
            raise DriverError(exc, statement) from exc

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """A new transaction (after committing what a read left open), committed at the end
        or rolled back on an error."""
        if self._in_transaction:
            self.commit()
        self._begin()
        try:
            yield
        except BaseException:
            if self._in_transaction:
                self.rollback()
            raise
        if self._in_transaction:
            self.commit()

    @contextmanager
    def autocommit(self) -> Iterator[None]:
        """Run the block with every statement committed on its own, outside any transaction."""
        if self._in_transaction:
            self.commit()
        implicit = self.begin_sql is None  # the driver opens transactions: switch that off
        if implicit:
            self.driver_autocommit = True
        self._autocommit = True
        try:
            yield
        finally:
            self._autocommit = False
            if self._in_transaction:
                self.commit()
            if implicit:
                self.driver_autocommit = False

    @property
    def driver_autocommit(self) -> bool:
        """Whether the driver commits each statement itself (the spelling differs per driver)."""
        raw = self.raw
        if self.is_sqlite:
            return raw.isolation_level is None
        if callable(raw.autocommit):  # PyMySQL, mysqlclient
            return bool(raw.get_autocommit())
        return bool(raw.autocommit)  # psycopg

    @driver_autocommit.setter
    def driver_autocommit(self, on: bool) -> None:
        raw = self.raw
        if self.is_sqlite:
            raw.isolation_level = None if on else ""
        elif callable(raw.autocommit):  # PyMySQL, mysqlclient
            raw.autocommit(on)
        else:  # psycopg
            raw.autocommit = on

    def _autobegin(self) -> None:
        if not self._in_transaction and not self._autocommit:
            self._begin()

    def _begin(self) -> None:
        if self.begin_sql is not None:
            try:
                self._cursor.execute(self.begin_sql)
            except self._error as exc:
                raise DriverError(exc, self.begin_sql) from exc
        self._in_transaction = True

    # -- SQLAlchemy, on demand ----------------------------------------------------------------

    @property
    def has_sqlalchemy(self) -> bool:
        return self._view is not None

    @property
    def sqlalchemy(self) -> Connection:
        """A SQLAlchemy Connection over this very driver connection (see prepare_sqlalchemy)."""
        return self.prepare_sqlalchemy()

    def prepare_sqlalchemy(self) -> Connection:
        """Make the SQLAlchemy view now, outside a transaction: SQLAlchemy rolls back on its
        first connect, which would silently undo ours (so inside one, this refuses)."""
        if self._view is None:
            if self._in_transaction:
                raise RuntimeError("migrata: SQLAlchemy's view must be made outside a transaction")
            from sqlalchemy import create_engine
            from sqlalchemy.pool import StaticPool

            raw = self.raw
            engine = create_engine(
                self.url, creator=lambda: raw, poolclass=StaticPool, pool_reset_on_return=None
            )
            self._view = engine.connect()
        return self._view

    def close(self) -> None:
        with suppress(Exception):  # a lost connection has nothing left to close
            self._cursor.close()
        if self._given is not None:
            self._given.close()  # back to the caller's pool, which owns the driver connection
            return
        if self._view is not None:
            self._view.close()
        with suppress(Exception):
            self.raw.close()


_NAMED = re.compile(r"%\((\w+)\)s")


@lru_cache(maxsize=64)
def _by_position(sql: str) -> tuple[str, tuple[str, ...]]:
    """``%(name)s`` placeholders as ``%s``, and the names in their order."""
    return _NAMED.sub("%s", sql), tuple(_NAMED.findall(sql))
