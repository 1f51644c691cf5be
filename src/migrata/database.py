"""One database: its engine, its masked name, and connections with SQLAlchemy errors translated."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from typing import TYPE_CHECKING, Any

from migrata.errors import ConfigError, ConnectionFailed, driver_message
from migrata.urls import mask, mask_in, normalize_url, split_url

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

    from migrata.dialects.base import Dialect
    from migrata.run.connection import DriverConnection


class Target:
    """The database a runner works on: how to show it, and how executables reach it."""

    def __init__(self, label: str, url: str, dialect: Dialect) -> None:
        self.label = label
        self._url = url
        self._dialect = dialect

    @cached_property
    def url(self) -> str:
        """The URL as other programs spell it (``postgresql://``, no SQLAlchemy driver)."""
        rest = self._url.partition("://")[2]
        return self._dialect.absolute_url(f"{split_url(self._url).backend}://{rest}")

    @cached_property
    def sqlalchemy_url(self) -> str:
        return self._dialect.absolute_url(normalize_url(self._url))


_DRIVER_HINTS = {
    "psycopg": "pip install 'migrata[postgresql]'",
    "psycopg2": "pip install psycopg2-binary",
    "pymysql": "pip install 'migrata[mysql]'",
    "MySQLdb": "pip install mysqlclient",
}


class Database:
    """A database reached through SQLAlchemy, from a URL string or an Engine the caller owns."""

    def __init__(self, url_or_engine: str | Engine) -> None:
        self._engine: Engine | None = None
        self._dialect: Dialect | None = None
        if isinstance(url_or_engine, str):
            self.raw_url = url_or_engine
            self._owns_engine = True
            self.label = mask(url_or_engine)
            split_url(url_or_engine)  # a malformed URL is reported before anything else
        else:
            self._engine = url_or_engine
            self.raw_url = url_or_engine.url.render_as_string(hide_password=False)
            self._owns_engine = False
            self.label = mask(self.raw_url)

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, made on first use (read-only commands may never need it)."""
        if self._engine is None:
            self._engine = _create_engine(self.raw_url)
        return self._engine

    def connect_dbapi(self, *, create: bool = False) -> tuple[Any, Dialect] | None:
        """A plain driver connection and its dialect, when the URL allows one; else None.

        An Engine given by the caller is always used as it is. *create*: the caller writes.
        """
        if not self._owns_engine:
            return None
        from migrata.dialects import connect_dbapi

        try:
            plain = connect_dbapi(split_url(self.raw_url), create=create)
        except ConnectionFailed as exc:
            raise ConnectionFailed(
                mask_in(f"cannot connect to {self.label}: {exc}", self.raw_url)
            ) from None
        if plain is not None:
            self._dialect = plain[1]  # what dialect() would connect again to ask
        return plain

    @contextmanager
    def open(self, *, create: bool = False) -> Iterator[tuple[DriverConnection, Dialect]]:
        """A connection for the runner, straight from the driver where the URL allows it
        (SQLAlchemy's import is then never paid), else through the engine."""
        from migrata.run.connection import DriverConnection

        plain = self.connect_dbapi(create=create)
        if plain is not None:
            raw, dialect = plain
            conn = DriverConnection(
                raw, url=normalize_url(self.raw_url), database=split_url(self.raw_url).database,
                multi_statements=dialect.takes_many_statements(raw),
            )  # fmt: skip
        else:
            from migrata.dialects import get_dialect

            with self.connect() as sa_conn:
                dialect = get_dialect(sa_conn)
                raw = sa_conn.connection.driver_connection
                conn = DriverConnection(
                    raw, url=normalize_url(self.raw_url), database=sa_conn.engine.url.database,
                    sqlalchemy=sa_conn,
                )  # fmt: skip
                try:
                    yield conn, dialect
                finally:
                    conn.close()
                return
        try:
            yield conn, dialect
        finally:
            conn.close()

    def target(self, dialect: Dialect) -> Target:
        return Target(self.label, self.raw_url, dialect)

    def dialect(self) -> Dialect:
        """The dialect of the live database, asked once (MariaDB answers to mysql:// too)."""
        if self._dialect is None:
            from migrata.dialects import get_dialect

            with self.connect() as conn:
                self._dialect = get_dialect(conn)
        return self._dialect

    def offline_dialect(self) -> Dialect:
        """The dialect named by the URL, without connecting (MariaDB only via ``mariadb://``)."""
        from migrata.dialects import dialect_class

        return dialect_class(split_url(self.raw_url).backend)()

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        from sqlalchemy.exc import DBAPIError

        try:
            conn = self.engine.connect()
        except DBAPIError as exc:
            reason = driver_message(exc)
            raise ConnectionFailed(
                mask_in(f"cannot connect to {self.label}: {reason}", self.raw_url)
            ) from None
        try:
            yield conn
        finally:
            conn.close()

    def dispose(self) -> None:
        if self._owns_engine and self._engine is not None:
            self._engine.dispose()


def _create_engine(url: str) -> Engine:
    from sqlalchemy import create_engine
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    try:
        return create_engine(normalize_url(url))
    except NoSuchModuleError:
        scheme = url.partition(":")[0]
        raise ConfigError(
            f"{mask(url)!r}: migrata does not support the {scheme!r} database"
        ) from None
    except (ArgumentError, ValueError) as exc:
        raise ConfigError(
            f"{mask(url)!r} is not a database URL migrata understands ({exc})"
        ) from None
    except ModuleNotFoundError as exc:
        hint = _DRIVER_HINTS.get((exc.name or "").split(".")[0], f"install {exc.name}")
        raise ConfigError(f"the driver for {mask(url)} is not installed: {hint}") from None
