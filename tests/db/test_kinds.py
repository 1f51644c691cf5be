"""Python, executable and folder migrations, and several sources, on every database."""

from __future__ import annotations

import textwrap

import pytest

from migrata import Migrator
from migrata.errors import MigrationFailed


def test_python_migration_uses_ctx(db, project) -> None:  # type: ignore[no-untyped-def]
    project.write("0001_t.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY, code VARCHAR(20));\nINSERT INTO t VALUES (1, 'a');\n")
    project.write("0002_codes.py", textwrap.dedent('''
        """Prefix every code."""
        depends = ["0001_t"]

        def upgrade(ctx):
            assert ctx.dialect in ("sqlite", "postgresql", "mysql", "mariadb")
            rows = ctx.execute("SELECT id, code FROM t").fetchall()
            for id_, code in rows:
                ctx.execute("UPDATE t SET code = :code WHERE id = :id", {"code": "NEW-" + code, "id": id_})
            ctx.run_sql()
            ctx.log.info("done")

        def downgrade(ctx):
            ctx.execute("DELETE FROM t WHERE id = 2")
            ctx.execute("UPDATE t SET code = 'a'")
    '''))
    project.write("0002_codes.sql", "INSERT INTO t VALUES (2, 'from sql');\n")
    with project.migrator(db.url) as m:
        m.apply()
        assert db.query("SELECT code FROM t ORDER BY id") == [("NEW-a",), ("from sql",)]
        m.rollback()
        assert db.query("SELECT code FROM t ORDER BY id") == [("a",)]
        assert m.migrations[1].description == "Prefix every code."


def test_nashvegas_migrate_without_arguments(db, project) -> None:  # type: ignore[no-untyped-def]
    marker = project.root / "ran.txt"
    project.write("0001_x.py", f"def migrate():\n    open({str(marker)!r}, 'w').write('yes')\n")
    with project.migrator(db.url) as m:
        m.apply()
    assert marker.read_text() == "yes"


def test_python_error_names_file_and_line(db, project) -> None:  # type: ignore[no-untyped-def]
    project.write("0001_x.py", "def upgrade(ctx):\n    x = 1\n    raise ValueError('boom')\n")
    with project.migrator(db.url) as m, pytest.raises(MigrationFailed) as info:
        m.apply()
    assert "0001_x.py, line 3" in str(info.value) and "ValueError: boom" in str(info.value)
    assert db.history() == {} or db.history()["0001_x"]["state"] != "applied"


def test_executable_gets_the_database_in_its_environment(db, project) -> None:  # type: ignore[no-untyped-def]
    out = project.root / "env.txt"
    project.write("0001_load.sh", textwrap.dedent(f'''\
        #!/bin/sh
        echo "$MIGRATA_DIALECT $MIGRATA_MIGRATION $MIGRATA_DIRECTION $MIGRATA_URL" > {out}
    '''), executable=True)
    with project.migrator(db.url) as m:
        m.apply()
        m.rollback()
    dialect, name, direction, url = out.read_text().split()
    assert (name, direction) == ("0001_load", "down")
    assert dialect == db.dialect and url.split("://")[0] == {"sqlite": "sqlite", "postgresql": "postgresql", "mariadb": "mysql"}[db.dialect]


def test_failing_executable_shows_its_output(db, project) -> None:  # type: ignore[no-untyped-def]
    project.write("0001_fail.sh", "#!/bin/sh\necho 'cannot load data'\nexit 4\n", executable=True)
    with project.migrator(db.url) as m, pytest.raises(MigrationFailed) as info:
        m.apply()
    assert "exited with status 4" in str(info.value)
    assert info.value.output.strip() == "cannot load data"
    assert {m.key: m.state for m in Migrator(db.url, project.migrations).status().migrations} == {"0001_fail": "failed"}


def test_folder_migration_runs_steps_in_order(db, project) -> None:  # type: ignore[no-untyped-def]
    project.write("0001_big/migration.toml", 'description = "a refactor"\nsteps = ["schema.sql", "data.py"]\n')
    project.write("0001_big/schema.sql", "CREATE TABLE t (x INTEGER);")
    project.write("0001_big/schema.down.sql", "DROP TABLE t;")
    project.write("0001_big/data.py", "def upgrade(ctx):\n    ctx.execute('INSERT INTO t VALUES (7)')\n\ndef downgrade(ctx):\n    ctx.execute('DELETE FROM t')\n")
    project.write("0001_big/README.md", "ignored")
    with project.migrator(db.url) as m:
        m.apply()
        assert db.query("SELECT x FROM t") == [(7,)]
        m.rollback()
    assert db.user_tables() == set()


def test_several_sources_are_namespaces(db, project) -> None:  # type: ignore[no-untyped-def]
    lib = project.root / "lib_migrations"
    lib.mkdir()
    (lib / "0001_lib.sql").write_text("CREATE TABLE lib_t (x INTEGER);")
    project.write("0001_app.sql", "-- depends: lib_migrations:0001_lib\nCREATE TABLE app_t (x INTEGER);")
    sources = [str(project.migrations), str(lib)]
    with Migrator(db.url, sources=sources) as m:
        m.apply()
        assert [s.key for s in m.status().migrations] == ["lib_migrations:0001_lib", "0001_app"]
    assert set(db.history()) == {"lib_migrations:0001_lib", "0001_app"}
    assert db.history()["lib_migrations:0001_lib"]["namespace"] == "lib_migrations"


def test_stored_program_bodies_run_whole(db, project) -> None:  # type: ignore[no-untyped-def]
    project.write("0001_t.sql", "CREATE TABLE t (x INTEGER, y INTEGER);")
    project.write("0002_trg.sqlite.sql", "CREATE TRIGGER t_y AFTER INSERT ON t BEGIN\n  UPDATE t SET y = NEW.x * 2 WHERE x = NEW.x;\nEND;\n")
    project.write("0002_trg.postgresql.sql", "CREATE FUNCTION t_y() RETURNS trigger AS $body$\nBEGIN\n  NEW.y := NEW.x * 2;\n  RETURN NEW;\nEND;\n$body$ LANGUAGE plpgsql;\nCREATE TRIGGER t_y BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION t_y();\n")
    project.write("0002_trg.mysql.sql", "DELIMITER //\nCREATE TRIGGER t_y BEFORE INSERT ON t FOR EACH ROW\nBEGIN\n  SET NEW.y = NEW.x * 2;\nEND//\nDELIMITER ;\n")
    project.write("0003_row.sql", "INSERT INTO t (x) VALUES (21);")
    with project.migrator(db.url) as m:
        m.apply()
    assert db.query("SELECT y FROM t") == [(42,)]


def test_names_with_spaces_and_dots(db, project) -> None:  # type: ignore[no-untyped-def]
    project.write("20120311 add users.sql", "CREATE TABLE users (id INTEGER);")
    project.write("00.05.00_01_drop_column.sql", "CREATE TABLE dotted (id INTEGER);")
    project.write("00.05.00_01_drop_column.down.sql", "DROP TABLE dotted;")
    with project.migrator(db.url) as m:
        m.apply()
        assert [s.key for s in m.status().migrations] == ["00.05.00_01_drop_column", "20120311 add users"]
        m.rollback("zero", fake=True)
        m.apply("00.05.00_01_drop_column", fake=True)
    assert set(db.history()) == {"00.05.00_01_drop_column"}


def test_package_source(db, project, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    package = project.root / "otherlib" / "migrations"
    package.mkdir(parents=True)
    (project.root / "otherlib" / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "0001_lib.sql").write_text("CREATE TABLE lib_t (x INTEGER);")
    monkeypatch.syspath_prepend(str(project.root))
    project.write("0001_app.sql", "-- depends: otherlib:0001_lib\nCREATE TABLE app_t (x INTEGER);")
    sources = [str(project.migrations), "package:otherlib.migrations"]
    with Migrator(db.url, sources=sources) as m:
        m.apply()
    assert set(db.history()) == {"otherlib:0001_lib", "0001_app"}
    assert db.user_tables() == {"lib_t", "app_t"}


def test_engine_given_by_the_application(db, project) -> None:  # type: ignore[no-untyped-def]
    project.write("0001_a.sql", "CREATE TABLE a (x INTEGER);")
    with Migrator(db.engine, project.migrations) as m:
        m.upgrade()
        assert m.status().pending == []
    with db.engine.connect() as conn:  # the caller's engine still works afterwards
        conn.exec_driver_sql("SELECT 1")
    assert db.user_tables() == {"a"}
