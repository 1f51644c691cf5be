"""MySQL and MariaDB: DDL commits implicitly, GET_LOCK, DELIMITER and backslash escapes."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from migrata.dialects.base import Dialect, lock_timeout
from migrata.dialects.splitting import MYSQL
from migrata.errors import ConnectionFailed

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from migrata.diff.operations import Operation
    from migrata.run.connection import DriverConnection
    from migrata.schema.model import Schema
    from migrata.urls import SplitURL


_IMPLICIT_COMMIT = frozenset(
    {"CREATE", "ALTER", "DROP", "RENAME", "TRUNCATE", "GRANT", "REVOKE", "ANALYZE", "OPTIMIZE",
     "REPAIR", "INSTALL", "UNINSTALL"}
)  # fmt: skip
_NUMERIC_DATA_TYPES = frozenset(
    {"tinyint", "smallint", "mediumint", "int", "integer", "bigint", "decimal", "numeric",
     "float", "double", "real", "bit", "year"}
)  # fmt: skip


def connect_arguments(url: SplitURL) -> dict[str, object]:
    """PyMySQL's arguments for *url* (one whose query holds at most charset and unix_socket)."""
    from pymysql.constants import CLIENT

    arguments: dict[str, object] = dict(
        host=url.host or "localhost", port=url.port or 3306, user=url.username,
        password=url.password or "", database=url.database,
        charset=url.query.get("charset", "utf8mb4"), unix_socket=url.query.get("unix_socket"),
        client_flag=CLIENT.MULTI_STATEMENTS,  # see takes_many_statements
    )  # fmt: skip
    if on_this_machine(url):
        # Without TLS options PyMySQL (1.2+) tries TLS if the server offers it, and first
        # loads the system's CA certificates (30-40 ms of every connection, measured) that
        # it then does not use to verify anything. Traffic that never leaves this machine gains
        # nothing from it; a URL with TLS options (?ssl_ca=…) goes through SQLAlchemy as is.
        arguments["ssl_disabled"] = True
    return arguments


def on_this_machine(url: SplitURL) -> bool:
    """Whether *url* reaches its server through a socket file or a loopback address."""
    import ipaddress

    host = url.host or "localhost"
    if url.query.get("unix_socket") or host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class MySQLDialect(Dialect):
    name = "mysql"
    variants = ("mysql",)
    has_transactional_ddl = False
    """Every DDL statement commits the open transaction first, so a migration that creates a
    table cannot be rolled back as a whole; the runner journals each statement instead."""
    split_rules = MYSQL
    begin_statement = None
    """DDL commits by itself anyway, so the server opens transactions implicitly: a BEGIN
    before each journaled statement would be one more round trip for nothing."""
    max_identifier_length = 64
    table_exists_sql = (
        "SELECT 1 FROM information_schema.tables"
        " WHERE table_schema = DATABASE() AND table_name = %s"
    )
    datetime_type = "DATETIME"
    serial_key = "INTEGER NOT NULL AUTO_INCREMENT PRIMARY KEY"

    def render(self, operations: Sequence[Operation], old: Schema) -> list[str]:
        from sqlalchemy.dialects import mysql

        from migrata.dialects.render_servers import MySQLRenderer

        return MySQLRenderer(mysql.dialect(paramstyle="named")).render(operations, old)

    @classmethod
    def connect_dbapi(cls, url: SplitURL, *, create: bool = False) -> object | None:
        if url.driver not in (None, "pymysql") or set(url.query) - {"charset", "unix_socket"}:
            return None
        try:
            import pymysql
        except ImportError:
            return None
        try:
            return pymysql.connect(**connect_arguments(url))
        except pymysql.Error as exc:
            raise ConnectionFailed(str(exc)) from None

    @classmethod
    def takes_many_statements(cls, dbapi_connection: object) -> bool:
        # The history rows of a migration and their COMMIT then cost one round trip, not four
        # (DDL commits on its own here, so each migration pays for its bookkeeping apart).
        if not type(dbapi_connection).__module__.startswith("pymysql"):
            return False
        from pymysql.constants import CLIENT

        return bool(dbapi_connection.client_flag & CLIENT.MULTI_STATEMENTS)  # type: ignore[attr-defined]

    @classmethod
    def identify(cls, dbapi_connection: object) -> type[Dialect]:
        cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
        cursor.execute("SELECT VERSION()")
        version = str(cursor.fetchone()[0])
        cursor.close()
        return MariaDBDialect if "mariadb" in version.lower() else MySQLDialect

    def implicitly_commits(self, statement: str) -> bool:
        # Only a statement that surely commits may carry what is pending; a wrong "no" costs
        # one commit, a wrong "yes" could leave a count uncommitted for longer.
        words = statement.lstrip().split(None, 1)
        return bool(words) and words[0].upper() in _IMPLICIT_COMMIT

    def quote(self, name: str) -> str:
        return "`" + name.replace("`", "``") + "`"

    def render_script(self, statements: Sequence[str]) -> str:
        # Bodies of stored programs hold semicolons; the mysql client needs another terminator.
        if not any(";" in s for s in statements):
            return super().render_script(statements)
        body = "".join(f"{s}\n//\n" for s in statements)
        return f"DELIMITER //\n{body}DELIMITER ;\n"

    @contextmanager
    def lock(self, conn: DriverConnection, key: str, timeout: float) -> Iterator[None]:
        # GET_LOCK is server-wide, so the name includes the database; it is released when the
        # session ends, which covers a killed process.
        database = conn.execute("SELECT DATABASE()").scalar() or ""
        name = self.lock_name(f"{database}/{key}")
        got = conn.execute(f"SELECT GET_LOCK('{name}', {math.ceil(timeout)})").scalar()
        conn.commit()
        if got != 1:
            raise lock_timeout(key, timeout)
        try:
            yield
        finally:
            if conn.in_transaction():
                conn.rollback()
            conn.execute(f"SELECT RELEASE_LOCK('{name}')")
            conn.commit()

    def create_database(self, conn: Connection, name: str) -> None:
        # The scratch copy takes the character set and collation of the database the URL
        # names, so that column collations are compared against the same table defaults.
        charset, collation = conn.exec_driver_sql(
            "SELECT @@character_set_database, @@collation_database"
        ).one()
        conn.exec_driver_sql(
            f"CREATE DATABASE {self.quote(name)} CHARACTER SET {charset} COLLATE {collation}"
        )

    def column_default(self, default: str | None, data_type: str, extra: str) -> str | None:
        """``information_schema.COLUMNS.COLUMN_DEFAULT`` as an SQL expression.

        MySQL 8 shows literals unquoted and marks expressions with DEFAULT_GENERATED in EXTRA,
        so a literal is quoted here unless the column is numeric.
        """
        if (
            default is None
            or "default_generated" in extra.lower()
            or data_type.lower() in _NUMERIC_DATA_TYPES
            or default.upper().startswith("CURRENT_TIMESTAMP")
        ):
            return default
        return "'" + default.replace("'", "''") + "'"


class MariaDBDialect(MySQLDialect):
    name = "mariadb"
    variants = ("mariadb", "mysql")

    def render(self, operations: Sequence[Operation], old: Schema) -> list[str]:
        from sqlalchemy.dialects import mysql

        from migrata.dialects.render_servers import MySQLRenderer

        sa_dialect = mysql.dialect(paramstyle="named", is_mariadb=True)
        return MySQLRenderer(sa_dialect).render(operations, old)

    def column_default(self, default: str | None, data_type: str, extra: str) -> str | None:
        # MariaDB (10.2.7+) shows defaults as SQL already: 'x', 0, current_timestamp(), NULL.
        return default
