"""Per-dialect plumbing: make and drop scratch databases, the client commands that form the floor,
and the catalog queries that check a contender really built the schema.

Servers: MIGRATA_BENCH_POSTGRESQL / MIGRATA_BENCH_MARIADB (else the MIGRATA_TEST_* variables the
tests use, else the local servers). Every database is named ``migrata_bench_<pid>_<tag>``.
"""

from __future__ import annotations

import os
import re
import sqlite3
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from workload import Expected

PREFIX = "migrata_bench_"
DEFAULT_SERVERS = {
    "postgresql": "postgresql://postgres@127.0.0.1:5432/postgres",
    "mariadb": "mysql://root@127.0.0.1:3306/mysql",
}

# The SQLite floor: Python's own sqlite3 module, the whole script in one transaction, run as a
# process of its own so that it pays for start-up like every other contender.
SQLITE_SCRIPT = (
    "import sqlite3, sys\n"
    "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
    "c.executescript('BEGIN;\\n' + open(sys.argv[2]).read() + 'COMMIT;\\n')\n"
    "c.close()\n"
)
PSYCOPG_SCRIPT = (  # PostgreSQL's floor for any Python tool: the same SQL through psycopg 3
    "import sys, psycopg\n"
    "c = psycopg.connect(sys.argv[1], autocommit=True)\n"
    "c.execute('BEGIN;\\n' + open(sys.argv[2]).read() + 'COMMIT;\\n')\n"
    "c.close()\n"
)
SQLITE_READ = (
    "import sqlite3, sys\n"
    "c = sqlite3.connect(sys.argv[1])\n"
    "c.execute(sys.argv[2]).fetchall()\n"
    "c.close()\n"
)


class BenchError(Exception):
    """Something the benchmark cannot go on without: a server, a failed command, a bad schema."""


@dataclass
class Database:
    dialect: str
    name: str
    url: str  # the SQLAlchemy URL both migrata and Alembic get
    path: Path | None = None  # SQLite only


@dataclass
class Command:
    """A process to time: its arguments, and the file its standard input comes from."""

    argv: list[str]
    stdin: Path | None = None
    env: dict[str, str] = field(default_factory=dict)
    cwd: Path | None = None

    def shown(self) -> str:
        import shlex

        text = shlex.join(self.argv)
        return f"{text} < {self.stdin.name}" if self.stdin else text


class Backend:
    dialect = ""
    client = ""  # the database's own client, for labels

    def __init__(self, work: Path) -> None:
        self.work = work
        self.created: dict[str, Database] = {}

    # the server ------------------------------------------------------------------------------

    def connect_check(self) -> str:
        """The server's version; raises BenchError if it cannot be reached."""
        raise NotImplementedError

    def client_version(self) -> str:
        return ""

    def create(self, tag: str) -> Database:
        raise NotImplementedError

    def drop(self, db: Database) -> None:
        raise NotImplementedError

    def drop_all(self) -> None:
        for db in list(self.created.values()):
            try:
                self.drop(db)
            except Exception as exc:
                print(f"bench: could not drop {db.name}: {exc}", file=sys.stderr)

    def settle(self) -> None:
        """Before a timed run: write out what earlier runs left in memory, so that no run pays
        for the previous one's write-back."""
        os.sync()

    def drop_stale(self) -> list[str]:
        """Drop scratch databases left by a run that was killed (its process is gone)."""
        return []

    def close(self) -> None:
        pass

    # the floor -------------------------------------------------------------------------------

    def script(self, db: Database, path: Path) -> Command:
        """Run a SQL script with the database's own client, in one transaction where possible."""
        raise NotImplementedError

    def read(self, db: Database, sql: str) -> Command:
        """Run one query with the database's own client (the floor of `status`)."""
        raise NotImplementedError

    # checks ----------------------------------------------------------------------------------

    def query(self, db: Database, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        raise NotImplementedError

    def schema(self, db: Database) -> Expected:
        """Count the benchmark's tables, added columns and indexes in the catalog."""
        raise NotImplementedError

    def has_table(self, db: Database, table: str) -> bool:
        raise NotImplementedError

    def new_name(self, tag: str) -> str:
        name = f"{PREFIX}{os.getpid()}_{tag}"
        if not re.fullmatch(r"[a-z0-9_]+", name):
            raise BenchError(f"bad database name {name!r}")
        return name


class SQLiteBackend(Backend):
    dialect = "sqlite"
    client = "sqlite3"

    def connect_check(self) -> str:
        return sqlite3.sqlite_version

    def create(self, tag: str) -> Database:
        folder = self.work / "db"
        folder.mkdir(parents=True, exist_ok=True)
        name = self.new_name(tag)
        path = folder / f"{name}.db"
        for leftover in (path, Path(f"{path}-journal"), Path(f"{path}-migrata-lock")):
            leftover.unlink(missing_ok=True)
        db = Database("sqlite", name, f"sqlite:///{path}", path)
        self.created[name] = db
        return db

    def drop(self, db: Database) -> None:
        assert db.path is not None
        for path in (db.path, Path(f"{db.path}-journal"), Path(f"{db.path}-migrata-lock")):
            path.unlink(missing_ok=True)
        self.created.pop(db.name, None)

    def drop_stale(self) -> list[str]:
        folder = self.work / "db"
        dropped = []
        if folder.is_dir():
            for path in folder.glob(f"{PREFIX}*"):
                if not _alive(path.name):
                    path.unlink(missing_ok=True)
                    dropped.append(path.name)
        return dropped

    def script(self, db: Database, path: Path) -> Command:
        return Command([sys.executable, "-c", SQLITE_SCRIPT, str(db.path), str(path)])

    def read(self, db: Database, sql: str) -> Command:
        return Command([sys.executable, "-c", SQLITE_READ, str(db.path), sql])

    def query(self, db: Database, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        conn = sqlite3.connect(str(db.path))
        try:
            return conn.execute(sql, tuple(params)).fetchall()
        finally:
            conn.close()

    def schema(self, db: Database) -> Expected:
        (row,) = self.query(
            db,
            "SELECT"
            " (SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name GLOB 't[0-9]*'),"
            " (SELECT count(*) FROM sqlite_master AS m, pragma_table_info(m.name) AS p"
            "   WHERE m.type = 'table' AND m.name GLOB 't[0-9]*' AND p.name GLOB 'c[0-9]*'),"
            " (SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name GLOB 'i[0-9]*')",
        )
        return Expected(*row)

    def has_table(self, db: Database, table: str) -> bool:
        rows = self.query(
            db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [table]
        )
        return bool(rows)


@dataclass
class Server:
    host: str
    port: int
    user: str
    password: str
    database: str

    @classmethod
    def parse(cls, url: str, default_port: int) -> Server:
        parts = urlsplit(url)
        return cls(
            host=parts.hostname or "127.0.0.1",
            port=parts.port or default_port,
            user=unquote(parts.username or ""),
            password=unquote(parts.password or ""),
            database=parts.path.lstrip("/"),
        )

    def userinfo(self) -> str:
        user = quote(self.user, safe="")
        return f"{user}:{quote(self.password, safe='')}@" if self.password else f"{user}@"


def _server_url(dialect: str) -> str:
    key = dialect.upper()
    return (
        os.environ.get(f"MIGRATA_BENCH_{key}")
        or os.environ.get(f"MIGRATA_TEST_{key}")
        or DEFAULT_SERVERS[dialect]
    )


def _alive(name: str) -> bool:
    """Whether the process that made scratch database *name* is still running."""
    match = re.match(rf"{PREFIX}(\d+)_", name)
    if not match:
        return True
    try:
        os.kill(int(match.group(1)), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class PostgreSQLBackend(Backend):
    dialect = "postgresql"
    client = "psql"

    def __init__(self, work: Path) -> None:
        super().__init__(work)
        self.server = Server.parse(_server_url("postgresql"), 5432)
        self.server.database = self.server.database or "postgres"
        self._admin: Any = None

    def _connect(self, database: str) -> Any:
        import psycopg

        s = self.server
        return psycopg.connect(
            host=s.host,
            port=s.port,
            user=s.user,
            password=s.password or None,
            dbname=database,
            autocommit=True,
            connect_timeout=10,
        )

    @property
    def admin(self) -> Any:
        if self._admin is None or self._admin.closed:
            self._admin = self._connect(self.server.database)
        return self._admin

    def connect_check(self) -> str:
        try:
            return self.admin.execute("SHOW server_version").fetchone()[0]
        except Exception as exc:
            raise BenchError(f"PostgreSQL at {self.server.host}:{self.server.port}: {exc}") from exc

    def client_version(self) -> str:
        import subprocess

        out = subprocess.run(["psql", "--version"], capture_output=True, text=True, check=False)
        return out.stdout.strip()

    def create(self, tag: str) -> Database:
        name = self.new_name(tag)
        self.admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        self.admin.execute(f"CREATE DATABASE {name}")
        s = self.server
        db = Database(
            "postgresql", name, f"postgresql+psycopg://{s.userinfo()}{s.host}:{s.port}/{name}"
        )
        self.created[name] = db
        return db

    def drop(self, db: Database) -> None:
        self.admin.execute(f"DROP DATABASE IF EXISTS {db.name} WITH (FORCE)")
        self.created.pop(db.name, None)

    def settle(self) -> None:
        try:
            self.admin.execute("CHECKPOINT")  # superusers and pg_checkpoint members only
        except Exception as exc:
            import psycopg

            if not isinstance(exc, psycopg.errors.InsufficientPrivilege):
                raise
        os.sync()

    def drop_stale(self) -> list[str]:
        rows = self.admin.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s",
            [PREFIX.replace("_", r"\_") + "%"],
        ).fetchall()
        dropped = []
        for (name,) in rows:
            if not _alive(name) and re.fullmatch(r"[a-z0-9_]+", name):
                self.admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
                dropped.append(name)
        return dropped

    def close(self) -> None:
        if self._admin is not None:
            self._admin.close()

    def _psql(self, db: Database) -> list[str]:
        s = self.server
        return ["psql", "-X", "-h", s.host, "-p", str(s.port), "-U", s.user, "-d", db.name]

    def _env(self) -> dict[str, str]:
        return {"PGPASSWORD": self.server.password} if self.server.password else {}

    def script(self, db: Database, path: Path) -> Command:
        argv = [*self._psql(db), "-q", "-1", "-v", "ON_ERROR_STOP=1", "-f", str(path)]
        return Command(argv, env=self._env())

    def python_script(self, db: Database, path: Path) -> Command:
        """The script in one transaction from Python through psycopg (what its import and one
        call cost), as the floor runs it with psql."""
        conninfo = db.url.replace("postgresql+psycopg://", "postgresql://", 1)
        return Command([sys.executable, "-c", PSYCOPG_SCRIPT, conninfo, str(path)])

    def read(self, db: Database, sql: str) -> Command:
        return Command([*self._psql(db), "-q", "-v", "ON_ERROR_STOP=1", "-c", sql], env=self._env())

    def query(self, db: Database, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        with self._connect(db.name) as conn:
            return conn.execute(sql, list(params) or None).fetchall()

    def schema(self, db: Database) -> Expected:
        (row,) = self.query(
            db,
            "SELECT"
            " (SELECT count(*) FROM information_schema.tables"
            "   WHERE table_schema = 'public' AND table_name ~ '^t[0-9]+$'),"
            " (SELECT count(*) FROM information_schema.columns"
            "   WHERE table_schema = 'public' AND column_name ~ '^c[0-9]+$'),"
            " (SELECT count(*) FROM pg_indexes"
            "   WHERE schemaname = 'public' AND indexname ~ '^i[0-9]+$')",
        )
        return Expected(*row)

    def has_table(self, db: Database, table: str) -> bool:
        rows = self.query(
            db,
            "SELECT 1 FROM information_schema.tables WHERE table_schema = 'public'"
            " AND table_name = %s",
            [table],
        )
        return bool(rows)


class MariaDBBackend(Backend):
    dialect = "mariadb"
    client = "mariadb"

    def __init__(self, work: Path) -> None:
        super().__init__(work)
        self.server = Server.parse(_server_url("mariadb"), 3306)
        self._admin: Any = None

    def _connect(self, database: str | None) -> Any:
        import pymysql

        s = self.server
        return pymysql.connect(
            host=s.host,
            port=s.port,
            user=s.user,
            password=s.password,
            database=database,
            autocommit=True,
            connect_timeout=10,
        )

    @property
    def admin(self) -> Any:
        if self._admin is None or not self._admin.open:
            self._admin = self._connect(None)
        return self._admin

    def _admin_execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        self.admin.ping(reconnect=True)
        with self.admin.cursor() as cursor:
            cursor.execute(sql, tuple(params) or None)
            return list(cursor.fetchall())

    def connect_check(self) -> str:
        try:
            return self._admin_execute("SELECT VERSION()")[0][0]
        except Exception as exc:
            raise BenchError(f"MariaDB at {self.server.host}:{self.server.port}: {exc}") from exc

    def client_version(self) -> str:
        import subprocess

        out = subprocess.run(["mariadb", "--version"], capture_output=True, text=True, check=False)
        return out.stdout.strip()

    def create(self, tag: str) -> Database:
        name = self.new_name(tag)
        self._admin_execute(f"DROP DATABASE IF EXISTS {name}")
        self._admin_execute(f"CREATE DATABASE {name}")
        s = self.server
        db = Database("mariadb", name, f"mysql+pymysql://{s.userinfo()}{s.host}:{s.port}/{name}")
        self.created[name] = db
        return db

    def drop(self, db: Database) -> None:
        self._admin_execute(f"DROP DATABASE IF EXISTS {db.name}")
        self.created.pop(db.name, None)

    def drop_stale(self) -> list[str]:
        rows = self._admin_execute(
            "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE %s",
            [PREFIX.replace("_", r"\_") + "%"],
        )
        dropped = []
        for (name,) in rows:
            if not _alive(name) and re.fullmatch(r"[a-z0-9_]+", name):
                self._admin_execute(f"DROP DATABASE IF EXISTS {name}")
                dropped.append(name)
        return dropped

    def close(self) -> None:
        if self._admin is not None and self._admin.open:
            self._admin.close()

    def _client(self, db: Database) -> list[str]:
        s = self.server
        return ["mariadb", "-h", s.host, "-P", str(s.port), "-u", s.user, db.name]

    def _env(self) -> dict[str, str]:
        return {"MYSQL_PWD": self.server.password} if self.server.password else {}

    def script(self, db: Database, path: Path) -> Command:
        # DDL commits implicitly on MariaDB: there is no one-transaction floor to be had.
        return Command(self._client(db), stdin=path, env=self._env())

    def read(self, db: Database, sql: str) -> Command:
        return Command([*self._client(db), "-e", sql], env=self._env())

    def query(self, db: Database, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        conn = self._connect(db.name)
        try:
            with conn.cursor() as cursor:
                cursor.execute(sql, tuple(params) or None)
                return list(cursor.fetchall())
        finally:
            conn.close()

    def schema(self, db: Database) -> Expected:
        (row,) = self.query(
            db,
            "SELECT"
            " (SELECT count(*) FROM information_schema.tables"
            "   WHERE table_schema = %s AND table_name REGEXP '^t[0-9]+$'),"
            " (SELECT count(*) FROM information_schema.columns"
            "   WHERE table_schema = %s AND column_name REGEXP '^c[0-9]+$'),"
            " (SELECT count(DISTINCT table_name, index_name) FROM information_schema.statistics"
            "   WHERE table_schema = %s AND index_name REGEXP '^i[0-9]+$')",
            [db.name, db.name, db.name],
        )
        return Expected(*(int(v) for v in row))

    def has_table(self, db: Database, table: str) -> bool:
        rows = self.query(
            db,
            "SELECT 1 FROM information_schema.tables WHERE table_schema = %s AND table_name = %s",
            [db.name, table],
        )
        return bool(rows)


BACKENDS: dict[str, type[Backend]] = {
    "sqlite": SQLiteBackend,
    "postgresql": PostgreSQLBackend,
    "mariadb": MariaDBBackend,
}
