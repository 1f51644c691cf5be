"""Fixtures: a fresh database per test on SQLite, PostgreSQL and MariaDB; a project folder; the CLI.

Server URLs come from MIGRATA_TEST_POSTGRESQL / MIGRATA_TEST_MARIADB (defaults: the local
services). An unreachable server skips its tests locally and fails the run when CI=true.
"""

from __future__ import annotations

import contextlib
import io
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import Engine, make_url

pytest_plugins = ["pytester"]

DIALECTS = ("sqlite", "postgresql", "mariadb")
SERVER_URLS = {
    "postgresql": os.environ.get("MIGRATA_TEST_POSTGRESQL", "postgresql://postgres@127.0.0.1:5432/postgres"),
    "mariadb": os.environ.get("MIGRATA_TEST_MARIADB", "mysql://root@127.0.0.1:3306/mysql"),
}
_reachable: dict[str, str | None] = {}


@pytest.fixture(autouse=True, scope="session")
def _discovery_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The discovery cache of the tests' projects in the session's temporary folder, not
    in the user's cache (a test that checks the cache sets its own)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MIGRATA_CACHE_DIR", str(tmp_path_factory.mktemp("discovery-cache")))
        yield


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--db", action="append", choices=DIALECTS, help="run database tests only on these")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "db" in metafunc.fixturenames:
        chosen = metafunc.config.getoption("--db") or list(DIALECTS)
        metafunc.parametrize("db", chosen, indirect=True)


def _driver_url(url: str) -> str:
    from migrata.urls import normalize_url

    return normalize_url(url)


def _check_server(dialect: str) -> str | None:
    """None when the server answers, else why not."""
    if dialect not in _reachable:
        try:
            engine = create_engine(_driver_url(SERVER_URLS[dialect]))
            with engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
            engine.dispose()
            _reachable[dialect] = None
        except Exception as exc:
            _reachable[dialect] = f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
    return _reachable[dialect]


@dataclass
class TestDatabase:
    """A database made for one test."""

    dialect: str
    url: str
    _engine: Engine | None = field(default=None, repr=False)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = create_engine(_driver_url(self.url))
        return self._engine

    def tables(self) -> set[str]:
        with self.engine.connect() as conn:
            return set(inspect(conn).get_table_names())

    def user_tables(self) -> set[str]:
        return {t for t in self.tables() if not t.startswith("migrata_")}

    def query(self, sql: str) -> list[tuple]:
        with self.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql))]

    def execute(self, sql: str) -> None:
        with self.engine.begin() as conn:
            conn.exec_driver_sql(sql)

    def history(self) -> dict[str, dict]:
        rows = self.query("SELECT namespace, name, state, statements_done, how, checksum FROM migrata_history")
        return {
            (f"{r[0]}:{r[1]}" if r[0] else r[1]): dict(zip(("namespace", "name", "state", "statements_done", "how", "checksum"), r, strict=True))
            for r in rows
        }

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()


@contextlib.contextmanager
def fresh_database(dialect: str, tmp_path: Path) -> Iterator[TestDatabase]:
    if dialect == "sqlite":
        database = TestDatabase("sqlite", f"sqlite:///{tmp_path / 'test.db'}")
        yield database
        database.dispose()
        return
    problem = _check_server(dialect)
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{dialect} server at {SERVER_URLS[dialect]} is unreachable in CI: {problem}")
        pytest.skip(f"{dialect} server unreachable: {problem}")
    name = f"migrata_t_{os.environ.get('PYTEST_XDIST_WORKER', 'w')}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(_driver_url(SERVER_URLS[dialect]), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    url = make_url(SERVER_URLS[dialect]).set(database=name).render_as_string(hide_password=False)
    database = TestDatabase(dialect, url)
    try:
        yield database
    finally:
        database.dispose()
        with admin.connect() as conn:
            force = " WITH (FORCE)" if dialect == "postgresql" else ""
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}{force}")
        admin.dispose()


@pytest.fixture
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TestDatabase]:
    with fresh_database(request.param, tmp_path) as database:
        yield database


@pytest.fixture(autouse=True)
def _requires(request: pytest.FixtureRequest) -> None:
    """``@pytest.mark.requires("has_transactional_ddl")``: skip where the dialect lacks it."""
    marker = request.node.get_closest_marker("requires")
    if marker is None or "db" not in request.fixturenames:
        return
    from migrata.dialects import dialect_class

    dialect = request.getfixturevalue("db").dialect
    for capability in marker.args:
        if not getattr(dialect_class(dialect), capability):
            pytest.skip(f"{dialect} lacks {capability}")


@pytest.fixture(autouse=True)
def _skip_without(request: pytest.FixtureRequest) -> None:
    """``@pytest.mark.lacks("has_transactional_ddl")``: run only where the dialect lacks it."""
    marker = request.node.get_closest_marker("lacks")
    if marker is None or "db" not in request.fixturenames:
        return
    from migrata.dialects import dialect_class

    dialect = request.getfixturevalue("db").dialect
    for capability in marker.args:
        if getattr(dialect_class(dialect), capability):
            pytest.skip(f"{dialect} has {capability}")


class Project:
    """A project folder with a migrations folder, and a way to write files into it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.migrations = root / "migrations"
        self.migrations.mkdir(parents=True, exist_ok=True)

    def write(self, name: str, content: str, *, executable: bool = False) -> Path:
        path = self.migrations / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        if executable:
            path.chmod(0o755)
        return path

    def migrator(self, url: str, **kwargs):  # type: ignore[no-untyped-def]
        from migrata import Migrator

        return Migrator(url, self.migrations, **kwargs)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path / "project")


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(project: Project, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Run ``migrata ARGS`` in-process in the project folder; return code, stdout, stderr."""
    from migrata.cli import run

    monkeypatch.chdir(project.root)
    monkeypatch.delenv("MIGRATA_URL", raising=False)

    def invoke(*args: str) -> CliResult:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = run(list(args))
        return CliResult(code, out.getvalue(), err.getvalue())

    return invoke


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if os.environ.get("CI") == "true":
        down = {d: p for d, p in _reachable.items() if p}
        if down:
            session.exitstatus = 1
