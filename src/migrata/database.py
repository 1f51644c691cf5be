"""One database: its engine, its masked name, and connections with SQLAlchemy errors translated."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from migrata.errors import ConfigError, ConnectionFailed
from migrata.run.runner import Target
from migrata.urls import mask, mask_in, normalize_url

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

    from migrata.dialects.base import Dialect

_DRIVER_EXTRAS = {"psycopg": "postgresql", "psycopg2": "postgresql", "pymysql": "mysql"}


class Database:
    """A database reached through SQLAlchemy, from a URL string or an Engine the caller owns."""

    def __init__(self, url_or_engine: str | Engine) -> None:
        if isinstance(url_or_engine, str):
            self.raw_url = url_or_engine
            self.engine = _create_engine(url_or_engine)
            self._owns_engine = True
        else:
            self.engine = url_or_engine
            self.raw_url = url_or_engine.url.render_as_string(hide_password=False)
            self._owns_engine = False
        self.label = mask(self.engine.url.render_as_string(hide_password=False))

    @property
    def plain_url(self) -> str:
        """The URL without SQLAlchemy's driver suffix, for programs in other languages."""
        url = self.engine.url
        return url.set(drivername=url.get_backend_name()).render_as_string(hide_password=False)

    def target(self) -> Target:
        return Target(
            label=self.label,
            url=self.plain_url,
            sqlalchemy_url=self.engine.url.render_as_string(hide_password=False),
        )

    def offline_dialect(self) -> Dialect:
        """The dialect named by the URL, without connecting (MariaDB only via ``mariadb://``)."""
        from migrata.dialects import dialect_class

        return dialect_class(self.engine.url.get_backend_name())()

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        from sqlalchemy.exc import DBAPIError

        try:
            conn = self.engine.connect()
        except DBAPIError as exc:
            reason = str(exc.orig).strip().splitlines()[0] if str(exc.orig).strip() else repr(exc.orig)
            raise ConnectionFailed(
                mask_in(f"cannot connect to {self.label}: {reason}", self.raw_url)
            ) from None
        try:
            yield conn
        finally:
            conn.close()

    def dispose(self) -> None:
        if self._owns_engine:
            self.engine.dispose()


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
        extra = _DRIVER_EXTRAS.get((exc.name or "").split(".")[0])
        hint = f"pip install 'migrata[{extra}]'" if extra else f"install {exc.name}"
        raise ConfigError(f"the driver for {mask(url)} is not installed: {hint}") from None
