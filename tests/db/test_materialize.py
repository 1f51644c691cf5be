"""Scratch databases and materialisation on every database: always dropped, same results."""

from __future__ import annotations

import textwrap
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from migrata.dialects import dialect_class
from migrata.errors import ConfigError, MigrationFailed
from migrata.schema.materialize import (
    materialize_metadata,
    materialize_migrations,
    materialize_sql,
    reflect_url,
    scratch_database,
)
from migrata.schema.model import Column
from migrata.urls import normalize_url, split_url
from tests.db.test_reflect import RICH, make_metadata, reflect, run_script, write_migrations

if TYPE_CHECKING:
    from tests.conftest import Project, TestDatabase


def exists(db: TestDatabase, url: str) -> bool:
    """Whether the scratch database behind *url* is still there (the server's own list)."""
    database = make_url(normalize_url(url)).database
    assert database
    if db.dialect == "sqlite":
        return Path(database).parent.exists()  # the scratch folder goes with the file
    sql = {
        "postgresql": "SELECT datname FROM pg_database",
        "mariadb": "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA",
    }[db.dialect]
    return (database,) in db.query(sql)


@pytest.fixture
def scratch_urls(db: TestDatabase, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The URLs of the scratch databases materialisation makes during the test."""
    seen: list[str] = []
    cls = dialect_class(split_url(db.url).backend)
    original = cls.scratch_database

    @contextmanager
    def spy(self: object, url: str) -> Iterator[str]:
        with original(self, url) as scratch:
            seen.append(scratch)
            yield scratch

    monkeypatch.setattr(cls, "scratch_database", spy)
    return seen


def test_scratch_database_is_new_empty_and_dropped(db: TestDatabase) -> None:
    with scratch_database(db.url) as url:
        assert make_url(url).database != make_url(normalize_url(db.url)).database
        assert "migrata_tmp_" in url
        assert exists(db, url)
        assert reflect_url(url).tables == ()
    assert not exists(db, url)


def test_sqlite_scratch_lives_in_memory_when_it_can(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import tempfile

    from migrata.dialects import sqlite

    roomy = sqlite._memory_folder()
    with scratch_database(f"sqlite:///{tmp_path / 'app.db'}") as url:
        folder = Path(split_url(url).database or "").parent
        assert folder.parent == Path(roomy or tempfile.gettempdir())
    assert not folder.exists()
    monkeypatch.setattr(sqlite, "_MEMORY", str(tmp_path / "no-such-tmpfs"))
    with scratch_database(f"sqlite:///{tmp_path / 'app.db'}") as url:  # no tmpfs: the temp folder
        assert Path(split_url(url).database or "").parent.parent == Path(tempfile.gettempdir())


@pytest.mark.parametrize("error", [RuntimeError, KeyboardInterrupt])
def test_scratch_database_is_dropped_when_the_body_fails(db, error: type[BaseException]) -> None:
    engine = None
    with pytest.raises(error), scratch_database(db.url) as url:
        engine = sa.create_engine(url)
        conn = engine.connect()  # still open when the body fails
        conn.exec_driver_sql("CREATE TABLE t (id INTEGER)")
        conn.commit()
        raise error("stop")
    assert engine is not None
    engine.dispose()
    assert not exists(db, url)


def test_scratch_url_names_the_server_to_use(db: TestDatabase) -> None:
    target = make_url(normalize_url(db.url))
    if db.dialect == "sqlite":
        unreachable = target.set(database="/nonexistent/folder/live.db")
    else:
        unreachable = target.set(port=1)  # nothing listens there: the scratch is made elsewhere
    url = unreachable.render_as_string(hide_password=False)
    schema = materialize_sql(url, "CREATE TABLE t (id INTEGER NOT NULL PRIMARY KEY)",
                             scratch_url=db.url)  # fmt: skip
    assert [t.name for t in schema.tables] == ["t"]


def test_materialized_sql_equals_the_live_database(
    db: TestDatabase, scratch_urls: list[str]
) -> None:
    run_script(db, RICH[db.dialect])
    live = reflect(db, exclude=())
    built = materialize_sql(db.url, RICH[db.dialect])
    assert built == live
    assert set(built.unsupported) == set(live.unsupported)
    assert [exists(db, url) for url in scratch_urls] == [False]


def test_metadata_and_migrations_materialize_equal(
    db: TestDatabase, project: Project, scratch_urls: list[str]
) -> None:
    write_migrations(project)
    from_models = materialize_metadata(db.url, make_metadata())
    from_migrations = materialize_migrations(db.url, project.migrations)
    assert from_migrations == from_models
    assert [t.name for t in from_models.tables] == ["posts", "users"]  # no migrata_history
    assert len(scratch_urls) == 2 and not any(exists(db, url) for url in scratch_urls)


def test_live_database_has_no_drift_from_its_migrations(db: TestDatabase, project: Project) -> None:
    write_migrations(project)
    with project.migrator(db.url) as migrator:
        migrator.apply()
    live = reflect_url(db.url)
    assert {t.name for t in live.tables} == {"users", "posts"}
    assert live == materialize_migrations(db.url, project.migrations)


def test_metadata_named_module_attribute(
    db: TestDatabase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = f"models_{uuid.uuid4().hex[:8]}"
    (tmp_path / f"{module}.py").write_text(
        textwrap.dedent("""
        from sqlalchemy import String
        from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

        class Base(DeclarativeBase):
            pass

        class Note(Base):
            __tablename__ = "notes"
            id: Mapped[int] = mapped_column(primary_key=True)
            body: Mapped[str] = mapped_column(String(100))
    """)
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    schema = materialize_metadata(db.url, f"{module}:Base")  # a declarative base's metadata
    notes = schema.table("notes")
    assert notes is not None and notes.column("body") == Column(
        "body", "varchar(100)", nullable=False
    )
    assert materialize_metadata(db.url, f"{module}:Base.metadata") == schema
    with pytest.raises(ConfigError, match="not of the form"):
        materialize_metadata(db.url, module)
    with pytest.raises(ConfigError, match="cannot load"):
        materialize_metadata(db.url, f"{module}:Missing")
    with pytest.raises(ConfigError, match="not a SQLAlchemy MetaData"):
        materialize_metadata(db.url, f"{module}:String")


def test_metadata_sqlalchemy_cannot_write_is_named_and_drops_the_scratch(
    db: TestDatabase, scratch_urls: list[str]
) -> None:
    # A naming convention without "ix" leaves index=True columns' indexes without a name:
    # SQLAlchemy fails with a bare AssertionError while compiling CREATE INDEX.
    import sqlalchemy as sa

    metadata = sa.MetaData(naming_convention={"pk": "pk_%(table_name)s"})
    sa.Table("parent", metadata, sa.Column("id", sa.Integer, primary_key=True))
    sa.Table(
        "child", metadata, sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("parent_id", sa.Integer, sa.ForeignKey("parent.id"), index=True),
    )  # fmt: skip
    with pytest.raises(ConfigError) as info:
        materialize_metadata(db.url, metadata)
    assert str(info.value).endswith(
        "SQLAlchemy cannot write the index on child (parent_id) as DDL (AssertionError); "
        "it has no name: name it, or add 'ix' to the naming_convention"
    )
    assert [exists(db, url) for url in scratch_urls] == [False]


def test_failing_schema_sql_names_the_line_and_drops_the_scratch(
    db: TestDatabase, scratch_urls: list[str]
) -> None:
    sql = "CREATE TABLE a (id INTEGER);\n\nCREATE TABLE a (id INTEGER);\n"
    with pytest.raises(MigrationFailed, match=r"^schema\.sql, line 3: ") as info:
        materialize_sql(db.url, sql)
    assert info.value.statement == "CREATE TABLE a (id INTEGER)"
    assert [exists(db, url) for url in scratch_urls] == [False]
