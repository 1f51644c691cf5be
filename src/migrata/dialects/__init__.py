"""Dialects: everything that differs between SQLite, PostgreSQL and MySQL/MariaDB.

The registry maps SQLAlchemy's dialect name to our class, imported only when needed.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from migrata.errors import ConfigError

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from migrata.dialects.base import Dialect
    from migrata.urls import SplitURL

_REGISTRY = {
    "sqlite": "migrata.dialects.sqlite:SQLiteDialect",
    "postgresql": "migrata.dialects.postgresql:PostgreSQLDialect",
    "mysql": "migrata.dialects.mysql:MySQLDialect",
    "mariadb": "migrata.dialects.mysql:MariaDBDialect",
}


def dialect_class(name: str) -> type[Dialect]:
    """The Dialect class for a SQLAlchemy dialect name."""
    try:
        module_name, _, class_name = _REGISTRY[name].partition(":")
    except KeyError:
        known = ", ".join(sorted(_REGISTRY))
        raise ConfigError(f"migrata does not support the {name!r} database (it knows {known})") from None
    return getattr(importlib.import_module(module_name), class_name)


def get_dialect(conn: Connection) -> Dialect:
    """The Dialect for a live connection (MariaDB is told apart from MySQL only once connected)."""
    sa_dialect = conn.dialect
    name = "mariadb" if getattr(sa_dialect, "is_mariadb", False) else sa_dialect.name
    return dialect_class(name)()


def connect_dbapi(url: SplitURL, *, create: bool = False) -> tuple[Any, Dialect] | None:
    """A plain driver connection and its dialect, or None when SQLAlchemy must make it."""
    if url.backend not in _REGISTRY:
        return None
    cls = dialect_class(url.backend)
    conn = cls.connect_dbapi(url, create=create)
    if conn is None:
        return None
    try:
        return conn, cls.identify(conn)()
    except Exception:
        conn.close()
        raise
