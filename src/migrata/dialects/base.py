"""The small interface every dialect implements, and the behaviour most of them share."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Any, ClassVar

from migrata.dialects.splitting import SplitRules, Statement, split_statements
from migrata.errors import LockTimeout

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from migrata.diff.operations import Operation
    from migrata.run.connection import DriverConnection
    from migrata.schema.model import Schema
    from migrata.urls import SplitURL


class Dialect:
    """What migrata needs to know about one kind of database.

    Capabilities are class attributes with the reason next to them; code elsewhere asks for a
    capability, never for a dialect's name.
    """

    name: ClassVar[str] = "generic"
    #: File variants this dialect runs, most specific first (``NAME.mariadb.sql`` beats ``.mysql``).
    variants: ClassVar[tuple[str, ...]] = ()
    #: Whether DDL can be rolled back, so that a whole migration can be one transaction.
    has_transactional_ddl: ClassVar[bool] = True
    split_rules: ClassVar[SplitRules] = SplitRules()
    #: Seconds between commits while applying atomic migrations, each in a savepoint; 0 commits
    #: after every migration. See Runner: it trades a commit per migration for a savepoint.
    commit_interval: ClassVar[float] = 0.0
    #: At most this many migrations (savepoints) per batch; 0 for no limit.
    max_batch: ClassVar[int] = 0
    #: What opens a transaction; None leaves it to the server (the driver's implicit mode).
    begin_statement: ClassVar[str | None] = "BEGIN"
    #: Whether the driver takes several statements in one call (one round trip), so that a
    #: migration's SAVEPOINT and RELEASE can travel with its statements.
    carries_statements: ClassVar[bool] = False
    #: The longest identifier the database accepts.
    max_identifier_length: ClassVar[int] = 63

    #: A query taking one parameter, a table name, that returns a row if the table exists.
    table_exists_sql: ClassVar[str] = ""
    #: Column types of the history tables, as SQLAlchemy first created them.
    datetime_type: ClassVar[str] = "TIMESTAMP"
    serial_key: ClassVar[str] = "INTEGER NOT NULL PRIMARY KEY"

    @classmethod
    def connect_dbapi(cls, url: SplitURL, *, create: bool = False) -> Any | None:
        """A plain DB-API connection, or None if this URL needs SQLAlchemy's options.

        *create*: the caller will write (SQLite may then create the file)."""
        return None

    @classmethod
    def identify(cls, dbapi_connection: Any) -> type[Dialect]:
        """The exact dialect behind a plain connection (MariaDB answers to mysql:// too)."""
        return cls

    @classmethod
    def takes_many_statements(cls, dbapi_connection: Any) -> bool:
        """Whether the connection accepts several statements with literal values in one call."""
        return False

    def split_statements(self, sql: str) -> list[Statement]:
        return split_statements(sql, self.split_rules)

    def bulk_insert_sql(self, table: str, columns: Sequence[tuple[str, str]]) -> str | None:
        """One statement that inserts many rows into *table*, given one list of values per
        column (positional parameters, in the order of *columns*: ``(name, type)`` pairs, the
        types as written in CREATE TABLE); None where the driver's executemany is as good."""
        return None

    def render_script(self, statements: Sequence[str]) -> str:
        """Statements as one script a database's own client can run."""
        return "".join(f"{s};\n" for s in statements)

    @contextmanager
    def session(self, conn: DriverConnection, *, readonly: bool = False) -> Iterator[None]:
        """Prepare a connection for migrata's explicit transactions; undo it afterwards.

        With a ``begin_statement``, the driver commits each statement by itself and migrata
        sends BEGIN when it wants a transaction: the runner decides, not the driver's rules.
        """
        previous = conn.driver_autocommit
        conn.driver_autocommit = self.begin_statement is not None
        conn.begin_sql = self.begin_statement
        try:
            yield
        finally:
            with suppress(Exception):  # a lost connection has nothing left to roll back
                if conn.in_transaction():
                    conn.rollback()
                conn.driver_autocommit = previous

    @contextmanager
    def lock(self, conn: DriverConnection, key: str, timeout: float) -> Iterator[None]:
        """Hold the migration lock for *key* (one runner per database at a time)."""
        yield

    def implicitly_commits(self, statement: str) -> bool:
        """Whether *statement* commits the open transaction by itself (MySQL's DDL does)."""
        return False

    def absolute_url(self, url: str) -> str:
        """*url* as a program started in another folder must see it (see SQLite)."""
        return url

    def lock_name(self, key: str) -> str:
        return "migrata:" + hashlib.sha1(key.encode()).hexdigest()[:20]

    def quote(self, name: str) -> str:
        return '"' + name.replace('"', '""') + '"'

    def render(self, operations: Sequence[Operation], old: Schema) -> list[str]:
        """The SQL statements that run *operations* on a database whose schema is *old*.

        *old* matters because some statements restate a whole table (SQLite's rebuild, MySQL's
        ``MODIFY COLUMN``); the operations come from ``migrata.diff``.
        """
        raise NotImplementedError(f"{type(self).__name__} cannot render schema changes")

    # -- scratch databases (schema.materialize) ----------------------------------------------

    def scratch_name(self) -> str:
        """A fresh name for a scratch database (``migrata_tmp_…``), cut to the identifier limit."""
        import secrets

        return ("migrata_tmp_" + secrets.token_hex(8))[: self.max_identifier_length]

    def create_database(self, conn: Connection, name: str) -> None:
        """Create the empty database *name* on the server of *conn* (an AUTOCOMMIT connection)."""
        conn.exec_driver_sql(f"CREATE DATABASE {self.quote(name)}")

    def drop_database(self, conn: Connection, name: str) -> None:
        """Drop the database *name* if it is there (an AUTOCOMMIT connection)."""
        conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {self.quote(name)}")

    @contextmanager
    def scratch_database(self, url: str) -> Iterator[str]:
        """Yield the URL of a new, empty database on *url*'s server, and always drop it.

        The drop runs on every way out, KeyboardInterrupt included; when the body failed, a
        failing drop does not hide the body's error.
        """
        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url
        from sqlalchemy.pool import NullPool

        from migrata.urls import normalize_url

        server = make_url(normalize_url(url))
        name = self.scratch_name()
        admin = create_engine(server, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        try:
            with admin.connect() as conn:
                self.create_database(conn, name)
            yield server.set(database=name).render_as_string(hide_password=False)
        except BaseException:
            with suppress(Exception), admin.connect() as conn:
                self.drop_database(conn, name)
            raise
        else:
            with admin.connect() as conn:
                self.drop_database(conn, name)
        finally:
            admin.dispose()


def lock_timeout(what: str, timeout: float) -> LockTimeout:
    return LockTimeout(
        f"another migrata run held the migration lock on {what} for more than "
        f"{timeout:g} s; try again when it has finished, or raise --lock-timeout"
    )


def wait_for(acquire: Callable[[], bool], timeout: float, what: str) -> None:
    """Call *acquire* until it returns True, backing off, for at most *timeout* seconds."""
    deadline = time.monotonic() + timeout
    delay = 0.05
    while not acquire():
        if time.monotonic() >= deadline:
            raise lock_timeout(what, timeout)
        time.sleep(delay)
        delay = min(delay * 2, 0.5)
