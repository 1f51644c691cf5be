"""The history table (the set of applied migrations) and its append-only log.

Having a row in state ``applied`` always means the migration's effects are in the database.
A row in state ``running`` or ``failed`` exists only for migrations that could not run as one
transaction; its ``statements_done`` says how many statements had committed.
"""

from __future__ import annotations

import getpass
import os
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from migrata.project.plan import Record
from migrata.run.records import read_records

if TYPE_CHECKING:
    from migrata.dialects.base import Dialect
    from migrata.project.migration import Migration
    from migrata.run.connection import DriverConnection

# The columns of the two tables, with a portable type; ``{datetime}`` and ``{serial}`` are the
# dialect's (the tables were first created through SQLAlchemy: the DDL keeps its types).
_HISTORY_COLUMNS = (
    ("namespace", "VARCHAR(255) NOT NULL"),
    ("name", "VARCHAR(255) NOT NULL"),
    ("checksum", "VARCHAR(64) NOT NULL"),
    ("state", "VARCHAR(16) NOT NULL"),
    ("direction", "VARCHAR(8) NOT NULL"),
    ("statements_done", "INTEGER NOT NULL"),
    ("how", "VARCHAR(16) NOT NULL"),
    ("started_at", "{datetime}"),
    ("finished_at", "{datetime}"),
    ("duration_ms", "INTEGER"),
    ("applied_by", "VARCHAR(255)"),
    ("tool_version", "VARCHAR(32)"),
    ("error", "TEXT"),
)
_LOG_COLUMNS = (
    ("id", "{serial}"),
    ("namespace", "VARCHAR(255) NOT NULL"),
    ("name", "VARCHAR(255) NOT NULL"),
    ("action", "VARCHAR(16) NOT NULL"),
    ("checksum", "VARCHAR(64)"),
    ("at", "{datetime} NOT NULL"),
    ("duration_ms", "INTEGER"),
    ("applied_by", "VARCHAR(255)"),
    ("tool_version", "VARCHAR(32)"),
    ("detail", "TEXT"),
)
_HISTORY_NAMES = tuple(name for name, _ in _HISTORY_COLUMNS)
_LOG_NAMES = tuple(name for name, _ in _LOG_COLUMNS[1:])
_TIMES = ("started_at", "finished_at", "at")
_ORDER = {"delete": 0, "insert": 1, "update": 2, "log": 3}


def _who() -> str:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "unknown"
    return f"{user}@{os.uname().nodename}"


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _tool_version() -> str:
    from migrata import __version__

    return __version__


class HistoryStore:
    """Reads and writes the history on one connection, inside the caller's transactions.

    Statements are plain SQL in the driver's parameter style, built once per run.
    """

    def __init__(
        self, conn: DriverConnection, dialect: Dialect, table: str = "migrata_history"
    ) -> None:
        self.conn = conn
        self.dialect = dialect
        self.name, self.log_name = table, f"{table}_log"
        self.who = _who()
        self.version = _tool_version()
        self._deferred: list[tuple[str, str, dict[str, object]]] | None = None
        q, p = dialect.quote, conn.param
        self._table, self._log = q(self.name), q(self.log_name)
        key = f"{q('namespace')} = {p('_namespace')} AND {q('name')} = {p('_name')}"
        self._key = key
        self._insert = self._insert_sql(self._table, _HISTORY_NAMES)
        self._insert_log = self._insert_sql(self._log, _LOG_NAMES)
        # Where the dialect has one, a statement that inserts a whole batch of rows at once.
        self._bulk: dict[str, tuple[str, tuple[str, ...]]] = {}
        for sql, table, columns in (
            (self._insert, self._table, _HISTORY_COLUMNS), (self._insert_log, self._log, _LOG_COLUMNS[1:])
        ):
            typed = [(name, self._type(sql_type)) for name, sql_type in columns]
            bulk = dialect.bulk_insert_sql(table, typed)
            if bulk is not None:
                self._bulk[sql] = (bulk, tuple(name for name, _ in columns))
        self._delete = f"DELETE FROM {self._table} WHERE {key}"
        self._updates: dict[tuple[str, ...], str] = {}

    def _insert_sql(self, table: str, names: tuple[str, ...]) -> str:
        columns = ", ".join(self.dialect.quote(n) for n in names)
        values = ", ".join(self.conn.param(n) for n in names)
        return f"INSERT INTO {table} ({columns}) VALUES ({values})"

    def _update(self, names: tuple[str, ...]) -> str:
        sql = self._updates.get(names)
        if sql is None:
            q, p = self.dialect.quote, self.conn.param
            assignments = ", ".join(f"{q(n)} = {p(n)}" for n in names)
            sql = self._updates[names] = f"UPDATE {self._table} SET {assignments} WHERE {self._key}"
        return sql

    def _type(self, sql_type: str) -> str:
        return sql_type.format(datetime=self.dialect.datetime_type, serial=self.dialect.serial_key)

    def _ddl(self, table: str, columns: tuple[tuple[str, str], ...], key: str | None) -> str:
        lines = [f"{self.dialect.quote(n)} {self._type(t)}" for n, t in columns]
        if key:
            lines.append(f"PRIMARY KEY ({key})")
        return f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(lines)})"

    def exists(self) -> bool:
        return self.conn.execute(self.dialect.table_exists_sql, (self.name,)).first() is not None

    def ensure(self) -> None:
        """Create the tables on first use (under the migration lock, so only once)."""
        q = self.dialect.quote
        self.conn.execute(
            self._ddl(self._table, _HISTORY_COLUMNS, f"{q('namespace')}, {q('name')}")
        )
        self.conn.execute(self._ddl(self._log, _LOG_COLUMNS, None))
        self.conn.commit()

    def load(self) -> dict[str, Record]:
        """Every recorded migration by key; empty when the table does not exist yet."""
        records = read_records(self.conn, self.dialect, self.name)
        if self.conn.in_transaction():
            self.conn.commit()
        return records

    def _values(self, migration: Migration, checksum: str, **values: object) -> dict[str, object]:
        row = dict.fromkeys(_HISTORY_NAMES)
        row.update(
            namespace=migration.namespace, name=migration.name, checksum=checksum,
            applied_by=self.who, tool_version=self.version, **values,
        )  # fmt: skip
        return self._adapted(row)

    def _adapted(self, row: dict[str, object]) -> dict[str, object]:
        adapt = self.conn.adapt
        for key in _TIMES:
            if key in row:
                row[key] = adapt(row[key])
        return row

    # While deferred, writes are kept and sent together by flush(), which the runner calls
    # before it commits: still the same transaction as the migrations, but one round trip
    # (a driver that takes several statements at once) or one executemany per kind, not one
    # per row. Within one deferral no two writes of different kinds touch the same row but a
    # replace (delete, then insert), so sending them by kind in _ORDER keeps their meaning.

    def defer(self) -> None:
        if self._deferred is None:
            self._deferred = []

    def mark(self) -> int:
        """Where the deferred writes stand, to discard a failed migration's with discard()."""
        return len(self._deferred or ())

    def discard(self, mark: int) -> None:
        if self._deferred:
            del self._deferred[mark:]

    def drop(self) -> None:
        """Forget the deferred writes (their transaction was rolled back)."""
        self._deferred = None

    def flush(self, *, commit: bool = False) -> None:
        """Send the deferred writes (in the caller's transaction), stop deferring, and with
        *commit* commit (in the same round trip where the driver allows)."""
        deferred, self._deferred = self._deferred, None
        if self.conn.multi_statements:
            self.conn.run_batch([(sql, params) for _, sql, params in deferred or ()], commit=commit)
            return
        if deferred:
            deferred.sort(key=lambda item: _ORDER[item[0]])  # stable: rows keep their order
            start = 0
            for end in range(1, len(deferred) + 1):
                if end == len(deferred) or deferred[end][1] != deferred[start][1]:
                    self._send_rows(deferred[start][1], [p for _, _, p in deferred[start:end]])
                    start = end
        if commit:
            self.conn.commit()

    def _send_rows(self, statement: str, rows: list[dict[str, object]]) -> None:
        bulk = self._bulk.get(statement)
        if bulk is not None and len(rows) > 1:
            sql, names = bulk
            self.conn.execute(sql, [[row[name] for row in rows] for name in names])
        else:
            self.conn.executemany(statement, rows)

    def _send(self, kind: str, statement: str, params: dict[str, object]) -> None:
        if self._deferred is not None:
            self._deferred.append((kind, statement, params))
        else:
            self.conn.execute(statement, params)

    def write(
        self, migration: Migration, checksum: str, *, replace: bool, **values: object
    ) -> None:
        """Insert (or replace) the row of *migration*."""
        if replace:
            self.forget(migration)
        self._send("insert", self._insert, self._values(migration, checksum, **values))

    def set_state(self, migration: Migration | Record, **values: object) -> None:
        params = self._adapted(
            {**values, "_namespace": migration.namespace, "_name": migration.name}
        )
        self._send("update", self._update(tuple(values)), params)

    def forget(self, migration: Migration | Record) -> None:
        self._send(
            "delete", self._delete, {"_namespace": migration.namespace, "_name": migration.name}
        )

    def log(
        self,
        migration: Migration | Record,
        action: str,
        checksum: str | None,
        duration_ms: int | None = None,
        detail: str | None = None,
        at: datetime | None = None,
    ) -> None:
        """Append to the log; *at* defaults to now (a step passes the time it finished)."""
        row = {
            "namespace": migration.namespace,
            "name": migration.name,
            "action": action,
            "checksum": checksum,
            "at": at or now(),
            "duration_ms": duration_ms,
            "applied_by": self.who,
            "tool_version": self.version,
            "detail": detail,
        }
        self._send("log", self._insert_log, self._adapted(row))

    def entries(self) -> list[dict[str, object]]:
        """The log, oldest first."""
        if self.conn.execute(self.dialect.table_exists_sql, (self.log_name,)).first() is None:
            return []
        names = ", ".join(self.dialect.quote(n) for n in ("id", *_LOG_NAMES))
        rows = self.conn.execute(
            f"SELECT {names} FROM {self._log} ORDER BY {self.dialect.quote('id')}"
        ).mappings()
        for row in rows:
            if isinstance(row["at"], str):  # SQLite keeps datetimes as text
                row["at"] = datetime.fromisoformat(row["at"])
        return rows
