"""One database: its engine, its masked name, and connections with SQLAlchemy errors translated."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from migrata.errors import ConfigError, ConnectionFailed, driver_message
from migrata.urls import mask, mask_in, normalize_url, split_url

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

    from migrata.dialects.base import Dialect


@dataclass(frozen=True)
class Target:
    """The database a runner works on: how to show it, and how executables reach it."""

    label: str
    url: str
    sqlalchemy_url: str

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

    def connect_dbapi(self) -> tuple[Any, Dialect] | None:
        """A plain driver connection and its dialect, when the URL allows one; else None.

        Read-only commands use it to skip importing SQLAlchemy, which costs more than the rest
        of ``status`` together. An Engine given by the caller is always used as it is.
        """
        if not self._owns_engine:
            return None
        from migrata.dialects import connect_dbapi

        try:
            plain = connect_dbapi(split_url(self.raw_url))
        except ConnectionFailed as exc:
            raise ConnectionFailed(mask_in(f"cannot connect to {self.label}: {exc}", self.raw_url)) from None
        if plain is not None:
            self._dialect = plain[1]  # what dialect() would connect again to ask
        return plain

    @property
    def plain_url(self) -> str:
        """The URL without SQLAlchemy's driver suffix, for programs in other languages."""
        url = self.engine.url
        return url.set(drivername=url.get_backend_name()).render_as_string(hide_password=False)

    def target(self, dialect: Dialect) -> Target:
        return Target(
            label=self.label,
            url=dialect.absolute_url(self.plain_url),
            sqlalchemy_url=dialect.absolute_url(
                self.engine.url.render_as_string(hide_password=False)
            ),
        )

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
        raise ConfigError(f"{mask(url)!r}: migrata does not support the {scheme!r} database") from None
    except (ArgumentError, ValueError) as exc:
        raise ConfigError(f"{mask(url)!r} is not a database URL migrata understands ({exc})") from None
    except ModuleNotFoundError as exc:
        hint = _DRIVER_HINTS.get((exc.name or "").split(".")[0], f"install {exc.name}")
        raise ConfigError(f"the driver for {mask(url)} is not installed: {hint}") from None
