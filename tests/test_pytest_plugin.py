"""The pytest plugin, used by a small project's own test suite (run with pytester)."""

from __future__ import annotations

import pytest

MODELS = '''
from sqlalchemy import Column, Integer, MetaData, String, Table

metadata = MetaData()
Table("entry", metadata, Column("id", Integer, primary_key=True),
      Column("title", String(30), nullable=False))
'''

TESTS = '''
import sqlalchemy
from migrata.pytest_plugin import assert_migrations_match, assert_reversible
from migrata.urls import normalize_url


def test_the_fixture_has_every_migration(migrata_database):
    engine = sqlalchemy.create_engine(normalize_url(migrata_database))
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM entry").scalar() == 0
    engine.dispose()


def test_models_match():
    assert_migrations_match("models:metadata")


def test_reversible():
    assert_reversible()
'''


def _project(pytester: pytest.Pytester, title_type: str = "VARCHAR(30)") -> None:
    pytester.makefile(".toml", migrata='migrations = "migrations"\n')
    migrations = pytester.mkdir("migrations")
    (migrations / "0001_entry.sql").write_text(
        f"CREATE TABLE entry (id INTEGER PRIMARY KEY, title {title_type} NOT NULL);"
    )
    (migrations / "0001_entry.down.sql").write_text("DROP TABLE entry;")
    pytester.makepyfile(models=MODELS, test_app=TESTS)
    pytester.syspathinsert()


@pytest.mark.parametrize("server", ["sqlite", "postgresql", "mariadb"])
def test_plugin_on_each_database(pytester: pytest.Pytester, server: str) -> None:
    from tests.conftest import SERVER_URLS, _check_server

    _project(pytester)
    args = ["-p", "no:cacheprovider"]
    if server != "sqlite":
        if _check_server(server):
            pytest.skip(f"{server} unreachable")
        args += ["--migrata-url", SERVER_URLS[server]]
    pytester.runpytest(*args).assert_outcomes(passed=3)


def test_plugin_reports_a_missing_migration(pytester: pytest.Pytester) -> None:
    _project(pytester, title_type="VARCHAR(80)")
    result = pytester.runpytest("-p", "no:cacheprovider", "-k", "models_match")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*do not build the schema of models:metadata*", "*AlterColumn*"])
