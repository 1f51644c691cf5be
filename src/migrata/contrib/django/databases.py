"""Django's ``DATABASES`` entries as migrata URLs and back, and one connection shared by both.

A Python migration that uses the ORM must write through the connection, and inside the
transaction, that migrata runs it in: otherwise a failing migration would leave its ORM writes
committed (PostgreSQL), or wait on migrata's write lock (SQLite). So when ``upgradedb`` runs
migrations, migrata's SQLAlchemy engine is built over Django's own DB-API connection
(:func:`shared_engine`), and Django's autocommit is off while migrata holds it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from migrata.errors import ConfigError, ConnectionFailed
from migrata.urls import mask

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper
    from sqlalchemy.engine import Engine

@dataclass(frozen=True)
class Backend:
    """How one kind of Django backend maps to migrata: what differs is data, not branches."""

    scheme: str  #: of migrata's URL (and SQLAlchemy's backend name)
    engine: str  #: Django's ENGINE, for databases made from a URL (scratch databases)
    #: OPTIONS the driver takes from the URL's query; Django's own OPTIONS (isolation_level,
    #: pool, server_side_binding, sql_mode, ...) mean nothing to it.
    url_options: frozenset[str] = frozenset()
    #: The query key for a HOST that is a socket path (None: the backend is a file).
    socket_key: str | None = None
    #: Django's backend imports MySQLdb, which PyMySQL can stand in for.
    needs_mysqldb: bool = False

    @property
    def is_file(self) -> bool:
        return self.socket_key is None


_SQLITE = Backend("sqlite", "django.db.backends.sqlite3")
_POSTGRESQL = Backend(
    "postgresql", "django.db.backends.postgresql",
    frozenset({"sslmode", "sslrootcert", "sslcert", "sslkey", "connect_timeout",
               "application_name", "options", "service", "passfile", "target_session_attrs",
               "client_encoding"}),
    socket_key="host",  # libpq takes a socket folder as host=
)  # fmt: skip
_MYSQL = Backend(
    "mysql", "django.db.backends.mysql",
    frozenset({"charset", "unix_socket", "init_command", "read_default_file",
               "read_default_group", "connect_timeout", "ssl_ca", "ssl_cert", "ssl_key"}),
    socket_key="unix_socket", needs_mysqldb=True,
)  # fmt: skip
#: By the last part of Django's ENGINE, or by a backend's ``vendor`` (third-party backends).
_BY_ENGINE = {
    "sqlite3": _SQLITE, "spatialite": _SQLITE, "sqlite": _SQLITE,
    "postgresql": _POSTGRESQL, "postgresql_psycopg2": _POSTGRESQL, "postgis": _POSTGRESQL,
    "mysql": _MYSQL,
}  # fmt: skip
#: By SQLAlchemy's backend name, for URLs.
_BY_SCHEME = {"sqlite": _SQLITE, "postgresql": _POSTGRESQL, "mysql": _MYSQL, "mariadb": _MYSQL}
#: The SQLAlchemy driver that speaks through the DB-API module Django's backend loaded.
_DRIVERS = {
    "sqlite3": "sqlite+pysqlite",
    "psycopg": "postgresql+psycopg",
    "psycopg2": "postgresql+psycopg2",
    "pymysql": "mysql+pymysql",
    "MySQLdb": "mysql+mysqldb",
}


def backend_of(entry: Mapping[str, Any]) -> Backend | None:
    """The kind of a ``DATABASES`` entry, from its ENGINE; None for one migrata cannot use."""
    engine = str(entry.get("ENGINE") or "")
    known = _BY_ENGINE.get(engine.rsplit(".", 1)[-1])
    if known is not None or not engine:
        return known
    try:  # a third-party backend says what it is built on
        from django.db.utils import load_backend

        return _BY_ENGINE.get(str(load_backend(engine).DatabaseWrapper.vendor))
    except Exception:
        return None


def prepare_driver(databases: Mapping[str, Mapping[str, Any]]) -> None:
    """Install what Django's backends for *databases* import, before anything imports them."""
    if any((b := backend_of(entry)) is not None and b.needs_mysqldb for entry in databases.values()):
        ensure_mysql_driver()


def ensure_mysql_driver() -> None:
    """Let Django's MySQL backend run on PyMySQL when mysqlclient is not installed.

    mysqlclient needs a C compiler and the MySQL client headers to install; PyMySQL (migrata's
    ``mysql`` extra) is pure Python and offers the same module interface.
    """
    try:
        import MySQLdb  # noqa: F401
    except ImportError:
        try:
            import pymysql
        except ImportError:
            raise ConfigError(
                "Django's MySQL backend needs mysqlclient or PyMySQL: "
                "pip install 'migrata[mysql]'"
            ) from None
        # Django refuses mysqlclient older than 2.2.1 (5.x) by reading this tuple; PyMySQL
        # reports its own version there.
        if tuple(pymysql.version_info[:3]) < (2, 2, 1):
            pymysql.version_info = (2, 2, 1, "final", 0)
        pymysql.install_as_MySQLdb()


def database_url(entry: Mapping[str, Any], alias: str = "default") -> str:
    """The migrata URL of a ``DATABASES`` entry (HOST, PORT, USER, PASSWORD, NAME, OPTIONS)."""
    from sqlalchemy.engine import URL

    backend = backend_of(entry)
    if backend is None:
        raise ConfigError(
            f"DATABASES[{alias!r}] uses {entry.get('ENGINE')!r}; migrata works with SQLite, "
            "PostgreSQL and MySQL/MariaDB"
        )
    name = entry.get("NAME")
    if backend.is_file:
        if not name or str(name) == ":memory:" or "mode=memory" in str(name):
            raise ConfigError(
                f"DATABASES[{alias!r}] is an in-memory SQLite database, which migrata cannot "
                "reach from another connection; give it a file NAME"
            )
        path = str(name)
        if not path.startswith("file:"):
            path = str(Path(path).resolve())
        return f"{backend.scheme}:///{path}"
    options = dict(entry.get("OPTIONS") or {})
    for key, value in (options.get("ssl") or {}).items():  # MySQL's {"ca": ...} → ssl_ca
        options.setdefault(f"ssl_{key}", value)
    query = {k: str(v) for k, v in options.items() if k in backend.url_options and v is not None}
    host = str(entry.get("HOST") or "") or None
    if host and host.startswith("/") and backend.socket_key:
        query[backend.socket_key], host = host, None
    port = entry.get("PORT")
    return URL.create(
        backend.scheme,
        username=str(entry.get("USER") or "") or None,
        password=str(entry.get("PASSWORD") or "") or None,
        host=host,
        port=int(port) if port not in (None, "") else None,
        database=str(name) if name else None,
        query=query,
    ).render_as_string(hide_password=False)


def settings_for_url(url: str) -> dict[str, Any]:
    """A ``DATABASES`` entry for a URL: how Django reaches a scratch database migrata made."""
    from sqlalchemy.engine import make_url

    from migrata.urls import normalize_url

    parts = make_url(normalize_url(url))
    backend = _BY_SCHEME.get(parts.get_backend_name())
    if backend is None:
        raise ConfigError(f"Django has no backend for {mask(url)}")
    options: dict[str, Any] = {k: v for k, v in parts.query.items() if isinstance(v, str)}
    host = parts.host or ""
    if backend.socket_key == "host" and "host" in options:  # a socket folder, for libpq
        host = options.pop("host")
    return {
        "ENGINE": backend.engine,
        "NAME": parts.database or "",
        "USER": parts.username or "",
        "PASSWORD": parts.password or "",
        "HOST": host,
        "PORT": str(parts.port or ""),
        "OPTIONS": options,
    }


def hide_password(text: str, url: str) -> str:
    """*text* without the password of *url*, as the URL spells it and as it was typed."""
    from migrata.urls import mask_in, split_url

    text = mask_in(text, url)
    password = split_url(url).password
    return text.replace(password, "***") if password else text


def new_connection(url: str, alias: str) -> BaseDatabaseWrapper:
    """A Django connection (not yet open) to the database at *url*, named *alias*."""
    from django.db import connections
    from django.db.utils import load_backend

    entry = settings_for_url(url)
    prepare_driver({alias: entry})
    # configure_settings fills in every key a backend reads (TIME_ZONE, CONN_MAX_AGE, TEST...).
    entry = connections.configure_settings({"default": entry})["default"]
    return load_backend(entry["ENGINE"]).DatabaseWrapper(entry, alias)


@contextmanager
def installed(alias: str, connection: BaseDatabaseWrapper) -> Iterator[BaseDatabaseWrapper]:
    """Make *connection* Django's connection *alias* in this thread, then put back the old one.

    Django keeps connections per thread, so the ORM in other threads is not redirected.
    """
    from django.db import connections
    from django.utils.connection import ConnectionDoesNotExist

    try:
        previous = connections[alias]
    except ConnectionDoesNotExist:  # an alias of our own, unknown to settings.DATABASES
        previous = None
    connections[alias] = connection
    try:
        yield connection
    finally:
        if previous is None:
            del connections[alias]
        else:
            connections[alias] = previous


def _borrowed_pool() -> type:
    from sqlalchemy.pool import StaticPool

    class BorrowedPool(StaticPool):
        """One connection that someone else owns: disposing the pool forgets it, and Django
        closes it."""

        def dispose(self) -> None:
            self.__dict__.pop("connection", None)

    return BorrowedPool


@contextmanager
def shared_engine(connection: BaseDatabaseWrapper, url: str) -> Iterator[Engine]:
    """A SQLAlchemy engine whose one connection is Django's *connection*.

    SQLAlchemy expects a DB-API connection outside autocommit, where ``commit`` and
    ``rollback`` mean something; Django keeps its connection in autocommit. So Django's
    autocommit is off while the engine is in use: the ORM then joins migrata's transaction
    (Django's ``atomic`` blocks become savepoints in it and commit nothing themselves), and a
    migration that fails takes its ORM writes with it where the database can roll back.
    """
    from sqlalchemy import create_engine

    if connection.in_atomic_block:
        raise ConfigError(
            f"Django's connection {connection.alias!r} is inside transaction.atomic(); "
            "migrata commits each migration itself, so run it outside any atomic block"
        )
    from django.db import Error

    try:
        connection.ensure_connection()
    except Error as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ConnectionFailed(hide_password(f"cannot connect to {mask(url)}: {reason}", url)) from None
    raw = connection.connection
    # The DB-API module (sqlite3.dbapi2 for sqlite3; pymysql behind the MySQLdb stand-in).
    module = connection.Database.__name__.split(".")[0]
    if module not in _DRIVERS:
        raise ConfigError(f"migrata cannot share Django's {module} connection")
    driver = _DRIVERS[module]
    rest = url.partition("://")[2]  # SQLAlchemy tells MariaDB from MySQL by the server's version
    engine = create_engine(f"{driver}://{rest}", creator=lambda: raw, poolclass=_borrowed_pool())
    # Before SQLAlchemy first connects: it takes the state it finds as the one to return to.
    connection.set_autocommit(False)
    try:
        yield engine
    finally:
        engine.dispose()
        # Closing drops whatever migrata did not commit, and what SQLAlchemy set up on the
        # connection (SQLite functions, session settings): Django's next query reconnects.
        connection.close()


def settings_module_root(module_name: str | None) -> Path | None:
    """The folder that holds the settings' top-level package: for ``mysite.settings``, the
    folder with ``mysite/`` in it (where ``manage.py`` usually is)."""
    module = sys.modules.get(module_name or "")
    path = getattr(module, "__file__", None)
    if not module_name or not path:
        return None
    folder = Path(path).resolve().parent
    for _ in range(module_name.count(".")):
        folder = folder.parent
    return folder
