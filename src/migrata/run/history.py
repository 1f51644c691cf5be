"""The history table (the set of applied migrations) and its append-only log.

Having a row in state ``applied`` always means the migration's effects are in the database.
A row in state ``running`` or ``failed`` exists only for migrations that could not run as one
transaction; its ``statements_done`` says how many statements had committed.
"""

from __future__ import annotations

import getpass
import socket
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    bindparam,
    delete,
    insert,
    inspect,
    select,
    update,
)

from migrata.project.plan import Record

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from migrata.project.migration import Migration


def _who() -> str:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "unknown"
    return f"{user}@{socket.gethostname()}"


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _tool_version() -> str:
    from migrata import __version__

    return __version__


def _tables(name: str) -> tuple[Table, Table]:
    metadata = MetaData()
    history = Table(
        name,
        metadata,
        Column("namespace", String(255), primary_key=True),
        Column("name", String(255), primary_key=True),
        Column("checksum", String(64), nullable=False),
        Column("state", String(16), nullable=False),
        Column("direction", String(8), nullable=False),
        Column("statements_done", Integer, nullable=False),
        Column("how", String(16), nullable=False),
        Column("started_at", DateTime),
        Column("finished_at", DateTime),
        Column("duration_ms", Integer),
        Column("applied_by", String(255)),
        Column("tool_version", String(32)),
        Column("error", Text),
    )
    log = Table(
        f"{name}_log",
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("namespace", String(255), nullable=False),
        Column("name", String(255), nullable=False),
        Column("action", String(16), nullable=False),
        Column("checksum", String(64)),
        Column("at", DateTime, nullable=False),
        Column("duration_ms", Integer),
        Column("applied_by", String(255)),
        Column("tool_version", String(32)),
        Column("detail", Text),
    )
    return history, log


class HistoryStore:
    """Reads and writes the history on one connection, inside the caller's transactions."""

    def __init__(self, conn: Connection, table: str = "migrata_history") -> None:
        self.conn = conn
        self.table, self.log_table = _tables(table)
        self.who = _who()
        self.version = _tool_version()
        table = self.table
        key = (table.c.namespace == bindparam("_namespace")) & (table.c.name == bindparam("_name"))
        self._deferred: dict[str, list[dict[str, object]]] | None = None
        self._insert = insert(table)
        self._insert_log = insert(self.log_table)
        self._update = update(table).where(key)
        self._delete = delete(table).where(key)

    def exists(self) -> bool:
        return inspect(self.conn).has_table(self.table.name)

    def ensure(self) -> None:
        """Create the tables on first use (under the migration lock, so only once)."""
        self.table.metadata.create_all(self.conn, checkfirst=True)
        self.conn.commit()

    def load(self) -> dict[str, Record]:
        """Every recorded migration by key; empty when the table does not exist yet."""
        if not self.exists():
            return {}
        rows = self.conn.execute(select(self.table)).mappings().all()
        if self.conn.in_transaction():
            self.conn.commit()
        records = {}
        for row in rows:
            record = Record(**dict(row))
            records[record.key] = record
        return records

    def _values(self, migration: Migration, checksum: str, **values: object) -> dict[str, object]:
        return {
            "namespace": migration.namespace,
            "name": migration.name,
            "checksum": checksum,
            "applied_by": self.who,
            "tool_version": self.version,
            **values,
        }

    # Statements are built once with bound parameters, so that SQLAlchemy compiles each of
    # them once per run instead of once per migration. While deferred, inserts and deletes
    # are kept and sent together (executemany) by flush(), which the runner calls before it
    # commits: still the same transaction as the migrations, but one round trip, not four.

    def defer(self) -> None:
        if self._deferred is None:
            self._deferred = {"delete": [], "insert": [], "log": []}

    def mark(self) -> tuple[int, int, int]:
        """Where the deferred writes stand, to discard a failed migration's with discard()."""
        d = self._deferred
        return (len(d["delete"]), len(d["insert"]), len(d["log"])) if d else (0, 0, 0)

    def discard(self, mark: tuple[int, int, int]) -> None:
        if self._deferred:
            for kind, length in zip(("delete", "insert", "log"), mark, strict=True):
                del self._deferred[kind][length:]

    def drop(self) -> None:
        """Forget the deferred writes (their transaction was rolled back)."""
        self._deferred = None

    def flush(self) -> None:
        """Send the deferred writes (in the caller's transaction) and stop deferring."""
        deferred, self._deferred = self._deferred, None
        if not deferred:
            return
        for kind, statement in (
            ("delete", self._delete), ("insert", self._insert), ("log", self._insert_log),
        ):  # fmt: skip
            if deferred[kind]:
                self.conn.execute(statement, deferred[kind])

    def _send(self, kind: str, statement: object, params: dict[str, object]) -> None:
        if self._deferred is not None:
            self._deferred[kind].append(params)
        else:
            self.conn.execute(statement, params)  # type: ignore[call-overload]

    def write(self, migration: Migration, checksum: str, *, replace: bool, **values: object) -> None:
        """Insert (or replace) the row of *migration*."""
        if replace:
            self.forget(migration)
        self._send("insert", self._insert, self._values(migration, checksum, **values))

    def set_state(self, migration: Migration | Record, **values: object) -> None:
        self.conn.execute(
            self._update, {"_namespace": migration.namespace, "_name": migration.name, **values}
        )

    def forget(self, migration: Migration | Record) -> None:
        self._send("delete", self._delete, {"_namespace": migration.namespace, "_name": migration.name})

    def log(
        self,
        migration: Migration | Record,
        action: str,
        checksum: str | None,
        duration_ms: int | None = None,
        detail: str | None = None,
    ) -> None:
        self._send(
            "log",
            self._insert_log,
            {
                "namespace": migration.namespace,
                "name": migration.name,
                "action": action,
                "checksum": checksum,
                "at": now(),
                "duration_ms": duration_ms,
                "applied_by": self.who,
                "tool_version": self.version,
                "detail": detail,
            },
        )

    def entries(self) -> list[dict[str, object]]:
        """The log, oldest first."""
        if not inspect(self.conn).has_table(self.log_table.name):
            return []
        rows = self.conn.execute(select(self.log_table).order_by(self.log_table.c.id))
        return [dict(r) for r in rows.mappings()]
