"""SQLite: transactional DDL once the driver stops managing transactions; a lock file."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from migrata.dialects.base import Dialect, wait_for
from migrata.dialects.splitting import SQLITE
from migrata.errors import ConnectionFailed

if TYPE_CHECKING:
    from collections.abc import Sequence

    from migrata.diff.operations import Operation
    from migrata.run.connection import DriverConnection
    from migrata.schema.model import Schema
    from migrata.urls import SplitURL

class SQLiteDialect(Dialect):
    name = "sqlite"
    variants = ("sqlite",)
    has_transactional_ddl = True
    """SQLite rolls back DDL, provided BEGIN is sent before it: Python's sqlite3 module only
    opens transactions before DML by itself, so :meth:`session` takes that job over."""
    split_rules = SQLITE
    commit_interval = 0.25
    """A commit costs an fsync (about 1 ms here, more than most migrations take), while a
    savepoint costs next to nothing; so commits are grouped, each migration in a savepoint."""
    max_identifier_length = 1024
    table_exists_sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
    datetime_type = "DATETIME"

    def render(self, operations: Sequence[Operation], old: Schema) -> list[str]:
        from sqlalchemy.dialects import sqlite

        from migrata.dialects.rebuild import SQLiteRenderer

        return SQLiteRenderer(sqlite.dialect(paramstyle="named")).render(operations, old)

    @classmethod
    def connect_dbapi(cls, url: SplitURL, *, create: bool = False) -> object | None:
        # A plain file (created only by a writer); URIs, memory and options go to SQLAlchemy.
        path = url.database
        if url.driver not in (None, "pysqlite") or url.query or not path or path == ":memory:":
            return None
        import sqlite3

        if not create and not os.path.isfile(path):
            # A reader of a file that is not there sees an empty database and leaves no
            # empty file behind (connecting to the path would create one).
            path = ":memory:"
        try:
            return sqlite3.connect(path, check_same_thread=False)
        except sqlite3.Error as exc:
            raise ConnectionFailed(str(exc)) from None

    @contextmanager
    def session(self, conn: DriverConnection, *, readonly: bool = False) -> Iterator[None]:
        # The driver leaves transactions to us (sqlite3 would only open them before DML).
        # IMMEDIATE takes the write lock up front, so that two writers cannot deadlock
        # upgrading their locks; readers must not take it, or they would wait for a runner.
        with super().session(conn, readonly=readonly):
            conn.begin_sql = "BEGIN" if readonly else "BEGIN IMMEDIATE"
            # A table rebuild drops the old table: with foreign keys enforced, that would
            # cascade to child rows. As Django does, enforcement is off while migrating (the
            # pragma cannot change inside a transaction); rebuilds run `foreign_key_check`.
            cursor = conn.raw.cursor()
            enforced = bool(cursor.execute("PRAGMA foreign_keys").fetchone()[0])
            if enforced and not readonly:
                cursor.execute("PRAGMA foreign_keys = OFF")
            try:
                yield
            finally:
                if conn.in_transaction():
                    conn.rollback()
                if enforced and not readonly:
                    cursor.execute("PRAGMA foreign_keys = ON")
                cursor.close()

    def absolute_url(self, url: str) -> str:
        # Executables run in their migration's folder; a relative path would point there.
        prefix, sep, path = url.partition(":///")
        if sep and path and not path.startswith("/") and not path.startswith(":memory:"):
            return f"{prefix}:///{os.path.abspath(path)}"
        return url

    @contextmanager
    def lock(self, conn: DriverConnection, key: str, timeout: float) -> Iterator[None]:
        # An exclusive transaction would end at our first commit, so the lock is a file beside
        # the database, held with flock (released by the kernel if the process dies).
        database = conn.database
        if not database or database == ":memory:" or database.startswith("file:"):
            yield
            return
        fd = os.open(f"{database}-migrata-lock", os.O_RDWR | os.O_CREAT, 0o644)

        def acquire() -> bool:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return False
            return True

        try:
            wait_for(acquire, timeout, database)
            yield
        finally:
            os.close(fd)

    @contextmanager
    def scratch_database(self, url: str) -> Iterator[str]:
        """A database file in a new temporary folder, removed with the folder afterwards."""
        import shutil
        import tempfile

        folder = tempfile.mkdtemp(prefix="migrata_tmp_", dir=_memory_folder())
        try:
            yield f"sqlite:///{os.path.join(folder, 'scratch.db')}"
        finally:
            shutil.rmtree(folder, ignore_errors=True)


#: A scratch database is thrown away, so nothing needs it to survive a crash: in memory (a
#: tmpfs), a commit costs no disk flush. SQLite commits each DDL statement of ``create_all`` on
#: its own: 2,000 statements took 1.5 s in /tmp and 0.28 s in /dev/shm here.
_MEMORY = "/dev/shm"
_MEMORY_FREE = 256 * 1024 * 1024  # containers often give /dev/shm 64 MB: then the disk


def _memory_folder() -> str | None:
    """/dev/shm when it is there, writable and roomy; else None (the default temp folder)."""
    try:
        stat = os.statvfs(_MEMORY)
    except OSError:
        return None
    if not os.access(_MEMORY, os.W_OK) or stat.f_bavail * stat.f_frsize < _MEMORY_FREE:
        return None
    return _MEMORY
