"""Build a desired schema in a scratch database and reflect it.

Every source of a desired schema — a ``schema.sql`` file, a SQLAlchemy ``MetaData``, a
migrations folder — is *materialised* into a new, empty database of the same kind as the
target and then reflected, so that the differ only ever compares two reflected schemas: the
database itself decides what a type, a default or an index becomes, on both sides.

Scratch databases are a temporary file for SQLite and ``migrata_tmp_<random>`` on the target's
server (or on ``scratch_url``'s) for PostgreSQL and MySQL/MariaDB, and they are always dropped,
also when the work fails or is interrupted.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from migrata.config import DEFAULT_TABLE
from migrata.database import Database
from migrata.dialects import dialect_class
from migrata.errors import (
    ConfigError,
    DatabaseError,
    MigrationFailed,
    MigrationFileError,
    driver_message,
)
from migrata.schema.reflect import reflect_database, reflect_schema
from migrata.urls import mask, mask_in, split_url

if TYPE_CHECKING:
    from sqlalchemy import MetaData
    from sqlalchemy.engine import Connection

    from migrata.dialects.base import Dialect
    from migrata.schema.model import Schema

#: migrata's own tables, which are not part of the schema a project describes.
OWN_TABLES = (DEFAULT_TABLE, f"{DEFAULT_TABLE}_log")


@contextmanager
def scratch_database(url: str, *, scratch_url: str | None = None) -> Iterator[str]:
    """Yield the URL of a new, empty database of *url*'s kind; always drop it afterwards.

    The database is made on *url*'s server, or on *scratch_url*'s when the target's server
    must not be touched (no CREATE DATABASE right there, or a production server).
    """
    from sqlalchemy.exc import DBAPIError

    server = scratch_url or url
    stage = "create"
    try:
        with _dialect(url).scratch_database(server) as scratch:
            stage = "use"
            yield scratch
            stage = "drop"
    except DBAPIError as exc:
        if stage == "use":
            raise
        message = f"could not {stage} a scratch database on {mask(server)}: {driver_message(exc)}"
        raise DatabaseError(mask_in(message, server)) from exc


def reflect_url(url: str, *, exclude: Sequence[str] = OWN_TABLES) -> Schema:
    """The schema of a live database, without migrata's own tables."""
    database = Database(url)
    try:
        return reflect_database(database, exclude=exclude)
    finally:
        database.dispose()


def materialize_sql(
    url: str, sql: str, *, scratch_url: str | None = None, source: str = "schema.sql"
) -> Schema:
    """The schema a SQL script builds, run in a scratch database of *url*'s kind."""
    from sqlalchemy.exc import DBAPIError

    try:
        statements = _dialect(url).split_statements(sql)
    except ValueError as exc:
        raise MigrationFileError(source, str(exc)) from None
    with scratch_database(url, scratch_url=scratch_url) as scratch, _connected(scratch) as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT")
        for statement in statements:
            try:
                conn.exec_driver_sql(statement.text)
            except DBAPIError as exc:
                where = f"{source}, line {statement.line}"
                raise MigrationFailed(f"{where}: {driver_message(exc)}", statement=statement.text,
                                      database="a scratch database") from exc
        return reflect_schema(conn)


def materialize_metadata(
    url: str, target: str | MetaData, *, scratch_url: str | None = None
) -> Schema:
    """The schema ``MetaData.create_all`` builds; *target* may be ``module:attribute``."""
    from sqlalchemy.exc import DBAPIError

    metadata = load_metadata(target) if isinstance(target, str) else target
    with scratch_database(url, scratch_url=scratch_url) as scratch, _connected(scratch) as conn:
        try:
            metadata.create_all(conn, checkfirst=False)  # the database is new and empty
            conn.commit()
        except DBAPIError as exc:
            raise MigrationFailed(f"create_all of {target}: {driver_message(exc)}",
                                  database="a scratch database") from exc
        except Exception as exc:  # SQLAlchemy could not write the DDL: the MetaData's fault
            raise ConfigError(f"create_all of {target}: {_unwritable(metadata, conn, exc)}") from exc
        return reflect_schema(conn)


def _unwritable(metadata: MetaData, conn: Connection, exc: Exception) -> str:
    """Which table or index SQLAlchemy cannot write as DDL, and why, as far as it says."""
    from sqlalchemy.schema import CreateIndex, CreateTable

    reason = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    for table in metadata.sorted_tables:
        elements: list[tuple[str, Any]] = [(f"table {table.name}", CreateTable(table))]
        for index in table.indexes:
            columns = ", ".join(c.name for c in index.columns)
            elements.append((f"index on {table.name} ({columns})", CreateIndex(index)))
        for what, element in elements:
            try:
                element.compile(dialect=conn.dialect)
            except Exception:
                hint = ""
                if what.startswith("index") and element.element.name is None:
                    hint = "; it has no name: name it, or add 'ix' to the naming_convention"
                return f"SQLAlchemy cannot write the {what} as DDL ({reason}){hint}"
    return f"SQLAlchemy failed while creating it ({reason})"


def materialize_migrations(
    url: str,
    directory: str | Path = "migrations",
    *,
    scratch_url: str | None = None,
    sources: Sequence[str | dict] | None = None,
    table: str = DEFAULT_TABLE,
    base: Path | None = None,
) -> Schema:
    """The schema a project's migrations build, applied in a scratch database of *url*'s kind."""
    from migrata.api import Migrator  # the orchestration layer, imported only when needed

    with scratch_database(url, scratch_url=scratch_url) as scratch:
        with Migrator(scratch, directory, sources=sources, table=table, base=base) as migrator:
            migrator.apply()
        with _connected(scratch) as conn:
            return reflect_schema(conn, exclude=(table, f"{table}_log"))


def load_metadata(target: str) -> MetaData:
    """The ``MetaData`` named by ``module:attribute`` (a declarative base's is accepted too)."""
    from sqlalchemy import MetaData

    module_name, sep, attribute = target.partition(":")
    if not sep or not module_name or not attribute:
        raise ConfigError(f"{target!r} is not of the form module:attribute")
    try:
        value: Any = importlib.import_module(module_name)
        for part in attribute.split("."):
            value = getattr(value, part)
    except (ImportError, AttributeError) as exc:
        raise ConfigError(f"cannot load {target!r}: {exc}") from None
    value = getattr(value, "metadata", value)
    if not isinstance(value, MetaData):
        raise ConfigError(f"{target!r} is a {type(value).__name__}, not a SQLAlchemy MetaData")
    return value


def _dialect(url: str) -> Dialect:
    return dialect_class(split_url(url).backend)()


@contextmanager
def _connected(url: str) -> Iterator[Connection]:
    """A connection whose engine is disposed on the way out (a server drops no busy database)."""
    database = Database(url)
    try:
        with database.connect() as conn:
            yield conn
    finally:
        database.dispose()
