"""A pytest plugin for projects that use migrata (registered through the ``pytest11`` entry point).

    def test_orders(migrata_database):          # a scratch database, every migration applied
        engine = sqlalchemy.create_engine(migrata_database)
        ...

    def test_schema_is_what_the_models_say():
        migrata.pytest_plugin.assert_migrations_match("myapp.models:metadata")

    def test_every_migration_can_be_undone():
        migrata.pytest_plugin.assert_reversible()

The database kind comes from ``--migrata-url`` (or ``MIGRATA_TEST_URL``): a server URL whose
server gets a fresh scratch database per test, always dropped; without one, a SQLite file in
the test's temporary folder. The project is the nearest ``migrata.toml`` (``--migrata-config``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from migrata.api import Migrator
from migrata.config import load_config


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("migrata")
    group.addoption("--migrata-url", help="a database server for migrata's scratch databases")
    group.addoption("--migrata-config", help="the migrata.toml of the project under test")


def _options(config: pytest.Config | None) -> tuple[str | None, str | None]:
    url = os.environ.get("MIGRATA_TEST_URL")
    path = None
    if config is not None:
        url = config.getoption("--migrata-url", default=None) or url
        path = config.getoption("--migrata-config", default=None)
    return url, path


def _migrator(url: str, config_path: str | None) -> Migrator:
    return Migrator.from_config(load_config(config_path), url=url)


@pytest.fixture
def migrata_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a scratch database with every migration of the project applied."""
    from migrata.schema.materialize import scratch_database

    server, config_path = _options(request.config)
    base = server or f"sqlite:///{tmp_path / 'migrata.db'}"
    with scratch_database(base) as url, _migrator(url, config_path) as migrator:
        migrator.apply()
        yield url


def _scratch_migrator(url: str | None, config_path: str | None) -> Iterator[Migrator]:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        target = url or os.environ.get("MIGRATA_TEST_URL") or f"sqlite:///{folder}/migrata.db"
        with _migrator(target, config_path) as migrator:
            yield migrator


def assert_migrations_match(source: str, *, url: str | None = None, config: str | None = None) -> None:
    """Fail unless the migrations build exactly the schema of *source* (e.g. ``app.models:metadata``)."""
    for migrator in _scratch_migrator(url, config):
        result = migrator.diff("migrations", source)
        if result.operations:
            steps = "\n".join(f"  {op.describe()}" for op in result.operations)
            raise AssertionError(
                f"the migrations do not build the schema of {source}; it differs by:\n{steps}\n"
                "(run `migrata autogenerate NAME --from SOURCE` to write the missing migration)"
            )


def assert_reversible(*, url: str | None = None, config: str | None = None) -> None:
    """Fail unless every reversible migration's down, then up again, gives the same schema."""
    for migrator in _scratch_migrator(url, config):
        result = migrator.verify()
        if result.broken:
            raise AssertionError(f"{result.broken} does not verify:\n  " + "\n  ".join(result.why))
