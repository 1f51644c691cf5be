"""apply / status / rollback / fake / baseline on every database."""

from __future__ import annotations

import pytest

from migrata.errors import (
    ChangedMigration,
    HistoryError,
    Irreversible,
    MigrationFailed,
    OutputMismatch,
)

USERS = "CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL);\n"


def states(migrator) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {m.key: m.state for m in migrator.status().migrations}


def test_apply_status_rollback_round_trip(db, project) -> None:  # type: ignore[no-untyped-def]
    project.write("0001_users.sql", "-- description: users\n" + USERS)
    project.write("0001_users.down.sql", "DROP TABLE users;")
    project.write("0002_posts.sql", "CREATE TABLE posts (id INTEGER PRIMARY KEY, title VARCHAR(20));")
    project.write("0002_posts.down.sql", "DROP TABLE posts;")
    with project.migrator(db.url) as m:
        assert states(m) == {"0001_users": "pending", "0002_posts": "pending"}
        report = m.apply()
        assert [s.key for s in report.steps] == ["0001_users", "0002_posts"]
        assert db.user_tables() == {"users", "posts"}
        assert states(m) == {"0001_users": "applied", "0002_posts": "applied"}
        assert m.apply().steps == []
        m.rollback()
        assert db.user_tables() == {"users"}
        m.rollback("zero")
        assert db.user_tables() == set()
        assert states(m) == {"0001_users": "pending", "0002_posts": "pending"}
        m.apply("0001")
        assert states(m) == {"0001_users": "applied", "0002_posts": "pending"}
        actions = [e["action"] for e in m.history_log()]
    assert actions == ["apply", "apply", "rollback", "rollback", "apply"]


def test_history_records_who_when_and_checksum(db, project) -> None:  # type: ignore[no-untyped-def]
    project.write("0001_users.sql", USERS)
    with project.migrator(db.url) as m:
        m.apply()
        record = m.status().migrations[0].record
        assert record.checksum == m.migrations[0].checksum(())
    assert record.state == "applied" and "@" in record.applied_by
    assert record.finished_at is not None and record.duration_ms is not None
    assert record.tool_version


@pytest.mark.requires("has_transactional_ddl")
def test_failed_migration_leaves_nothing_behind(db, project) -> None:  # type: ignore[no-untyped-def]
    project.write("0001_users.sql", USERS)
    project.write("0002_bad.sql", "CREATE TABLE t2 (a INTEGER);\nINSERT INTO nope VALUES (1);\n")
    with project.migrator(db.url) as m, pytest.raises(MigrationFailed) as info:
        m.apply()
    message = str(info.value)
    assert "0002_bad" in message and "statement 2" in message and "0002_bad.sql, line 2" in message
    assert db.user_tables() == {"users"}
    assert set(db.history()) == {"0001_users"}


@pytest.mark.lacks("has_transactional_ddl")
def test_failure_without_transactional_ddl_is_journaled(db, project) -> None:  # type: ignore[no-untyped-def]
    project.write("0001_bad.sql", "CREATE TABLE t1 (a INTEGER);\nCREATE TABLE t2 (a INTEGER);\nINSERT INTO nope VALUES (1);\n")
    with project.migrator(db.url) as m:
        with pytest.raises(MigrationFailed):
            m.apply()
        status = m.status().migrations[0]
        assert status.state == "failed" and status.record.statements_done == 2
        with pytest.raises(HistoryError, match=r"after 2 statement.*migrata resolve.*committed: #1 CREATE TABLE t1 .*#2 CREATE TABLE t2"):
            m.apply()
        project.write("0001_bad.sql", "CREATE TABLE t1 (a INTEGER);\nCREATE TABLE t2 (a INTEGER);\nCREATE TABLE t3 (a INTEGER);\n")
        m.reload()
        m.resolve("0001_bad", "continue")
        assert states(m) == {"0001_bad": "applied"}
    assert db.user_tables() == {"t1", "t2", "t3"}


@pytest.mark.lacks("has_transactional_ddl")
def test_failure_before_any_statement_is_simply_retried(db, project) -> None:  # type: ignore[no-untyped-def]
    project.write("0001_bad.sql", "INSERT INTO nope VALUES (1);\n")
    with project.migrator(db.url) as m:
        with pytest.raises(MigrationFailed):
            m.apply()
        assert states(m) == {"0001_bad": "failed"}
        project.write("0001_bad.sql", "CREATE TABLE nope (a INTEGER);\n")
        m.reload()
        m.apply()
        assert states(m) == {"0001_bad": "applied"}


@pytest.mark.lacks("has_transactional_ddl")
def test_resolve_done_and_undone(db, project) -> None:  # type: ignore[no-untyped-def]
    project.write("0001_a.sql", "CREATE TABLE a (x INTEGER);\nINSERT INTO nope VALUES (1);\n")
    project.write("0002_b.sql", "CREATE TABLE b (x INTEGER);\nINSERT INTO nope VALUES (1);\n")
    with project.migrator(db.url) as m:
        with pytest.raises(MigrationFailed):
            m.apply("0001_a")
        m.resolve("0001_a", "done")
        with pytest.raises(MigrationFailed):
            m.apply()
        db.execute("DROP TABLE b")
        m.resolve("0002_b", "undone")
        assert states(m) == {"0001_a": "applied", "0002_b": "pending"}


def test_changed_migration_blocks_apply_until_allowed_or_rehashed(db, project) -> None:  # type: ignore[no-untyped-def]
    project.write("0001_users.sql", USERS)
    with project.migrator(db.url) as m:
        m.apply()
    project.write("0001_users.sql", USERS + "-- edited\n")
    project.write("0002_more.sql", "CREATE TABLE more_ (a INTEGER);")
    with project.migrator(db.url) as m:
        assert states(m)["0001_users"] == "changed"
        with pytest.raises(ChangedMigration, match=r"0001_users.*--allow-changed"):
            m.apply()
        assert m.rehash() == ["0001_users"]
        assert states(m)["0001_users"] == "applied"
        m.apply()
    assert "more_" in db.user_tables()


def test_late_migration_from_a_merged_branch_is_applied(db, project) -> None:  # type: ignore[no-untyped-def]
    project.write("0001_a.sql", "CREATE TABLE a (x INTEGER);")
    project.write("0003_c.sql", "CREATE TABLE c (x INTEGER);")
    with project.migrator(db.url) as m:
        m.apply()
    project.write("0002_b.sql", "CREATE TABLE b (x INTEGER);")
    with project.migrator(db.url) as m:
        assert states(m)["0002_b"] == "late"
        report = m.apply()
    assert report.late == ["0002_b"]
    assert db.user_tables() == {"a", "b", "c"}


def test_fake_and_rollback_fake(db, project) -> None:  # type: ignore[no-untyped-def]
    for i in range(1, 4):
        project.write(f"000{i}_t{i}.sql", f"CREATE TABLE t{i} (x INTEGER);")
        project.write(f"000{i}_t{i}.down.sql", f"DROP TABLE t{i};")
    with project.migrator(db.url) as m:
        m.fake("0002")
        assert states(m) == {"0001_t1": "applied", "0002_t2": "applied", "0003_t3": "pending"}
        assert db.user_tables() == set()
        m.apply()
        assert db.user_tables() == {"t3"}
        m.rollback("0001", fake=True)
        assert db.user_tables() == {"t3"}
        assert states(m)["0003_t3"] == "pending"
    assert db.history()["0001_t1"]["how"] == "fake"


def test_baseline_installs_schema_and_records_everything(db, project, tmp_path) -> None:  # type: ignore[no-untyped-def]
    project.write("0001_users.sql", USERS)
    project.write("0002_posts.sql", "CREATE TABLE posts (id INTEGER);")
    schema = tmp_path / "schema.sql"
    schema.write_text(USERS + "CREATE TABLE posts (id INTEGER);\n")
    with project.migrator(db.url) as m:
        report = m.baseline(schema)
        assert len(report.steps) == 2
        assert states(m) == {"0001_users": "applied", "0002_posts": "applied"}
        with pytest.raises(HistoryError, match="baseline needs an empty database"):
            m.baseline(schema)
    assert db.user_tables() == {"users", "posts"}
    assert {r["how"] for r in db.history().values()} == {"baseline"}


def test_irreversible_rollback_is_refused_before_anything_runs(db, project) -> None:  # type: ignore[no-untyped-def]
    project.write("0001_a.sql", "CREATE TABLE a (x INTEGER);")
    project.write("0002_b.sql", "CREATE TABLE b (x INTEGER);")
    project.write("0002_b.down.sql", "DROP TABLE b;")
    with project.migrator(db.url) as m:
        m.apply()
        with pytest.raises(Irreversible, match="0001_a"):
            m.rollback("zero")
    assert db.user_tables() == {"a", "b"}


def test_expected_output_matches(db, project) -> None:  # type: ignore[no-untyped-def]
    project.write("0001_t.sql", "CREATE TABLE t (x INTEGER, y VARCHAR(5));\nINSERT INTO t VALUES (1, 'a'), (2, NULL);\nUPDATE t SET x = x + 10;\nSELECT x, y FROM t ORDER BY x;\n")
    project.write("0001_t.out", "INSERT 2\nUPDATE 2\nx | y\n11 | a\n12 | NULL\n(2 rows)\n")
    with project.migrator(db.url) as m:
        m.apply()
        assert states(m) == {"0001_t": "applied"}


@pytest.mark.requires("has_transactional_ddl")
def test_expected_output_mismatch_rolls_back(db, project) -> None:  # type: ignore[no-untyped-def]
    project.write("0001_t.sql", "CREATE TABLE t (x INTEGER);\nINSERT INTO t VALUES (1);\nSELECT count(*) AS n FROM t;\n")
    project.write("0001_t.out", "INSERT 1\nn\n2\n(1 row)\n")
    with project.migrator(db.url) as m, pytest.raises(OutputMismatch) as info:
        m.apply()
    assert "-2\n+1" in info.value.diff
    assert info.value.exit_code == 3
    assert db.user_tables() == set()


def test_dialect_variants_replace_the_generic_file(db, project) -> None:  # type: ignore[no-untyped-def]
    project.write("0001_t.sql", "CREATE TABLE generic (x INTEGER);")
    project.write("0001_t.postgresql.sql", "CREATE TABLE only_pg (x INTEGER);")
    project.write("0001_t.mysql.sql", "CREATE TABLE only_my (x INTEGER) ENGINE=InnoDB;")
    with project.migrator(db.url) as m:
        m.apply()
    expected = {"sqlite": "generic", "postgresql": "only_pg", "mariadb": "only_my"}[db.dialect]
    assert db.user_tables() == {expected}


def test_transaction_off(db, project) -> None:  # type: ignore[no-untyped-def]
    project.write("0001_t.sql", "CREATE TABLE t (x INTEGER);")
    project.write("0002_idx.postgresql.sql", "-- transaction: off\nCREATE INDEX CONCURRENTLY t_x ON t (x);\n")
    project.write("0002_idx.sql", "-- transaction: off\nCREATE INDEX t_x ON t (x);\n")
    with project.migrator(db.url) as m:
        m.apply()
        assert states(m) == {"0001_t": "applied", "0002_idx": "applied"}
    with db.engine.connect() as conn:
        from sqlalchemy import inspect

        assert [i["name"] for i in inspect(conn).get_indexes("t")] == ["t_x"]


def test_show_and_apply_sql_print_what_would_run(db, project) -> None:  # type: ignore[no-untyped-def]
    project.write("0001_users.sql", "-- description: users\n" + USERS)
    with project.migrator(db.url) as m:
        script = m.apply_sql()
        assert "CREATE TABLE users" in script and "migrata: apply 0001_users" in script
        assert m.show("0001") == m.apply_sql()
    assert db.user_tables() == set()


@pytest.mark.requires("has_transactional_ddl")
def test_single_transaction_is_all_or_nothing(db, project) -> None:  # type: ignore[no-untyped-def]
    project.write("0001_a.sql", "CREATE TABLE a (x INTEGER);")
    project.write("0002_b.sql", "CREATE TABLE b (x INTEGER);")
    project.write("0003_bad.sql", "INSERT INTO nope VALUES (1);")
    with project.migrator(db.url) as m:
        with pytest.raises(MigrationFailed, match="0003_bad"):
            m.apply(single_transaction=True)
        assert db.user_tables() == set() and db.history() == {}
        m.apply("0002", single_transaction=True)
        assert states(m) == {"0001_a": "applied", "0002_b": "applied", "0003_bad": "pending"}
    assert db.user_tables() == {"a", "b"}


@pytest.mark.lacks("has_transactional_ddl")
def test_single_transaction_is_refused_without_transactional_ddl(db, project) -> None:  # type: ignore[no-untyped-def]
    from migrata.errors import ConfigError

    project.write("0001_a.sql", "CREATE TABLE a (x INTEGER);")
    with project.migrator(db.url) as m, pytest.raises(ConfigError, match="single-transaction"):
        m.apply(single_transaction=True)
    assert db.user_tables() == set()


def test_status_is_the_same_through_the_driver_and_through_sqlalchemy(db, project) -> None:  # type: ignore[no-untyped-def]
    project.write("0001_a.sql", "CREATE TABLE a (x INTEGER);")
    project.write("0002_b.sql", "CREATE TABLE b (x INTEGER);")
    project.write("0003_c.sql", "CREATE TABLE c (x INTEGER);")
    with project.migrator(db.url) as m:
        before = m.status()
        m.apply("0001")
        m.fake("0003")
        plain_connection = m.database.connect_dbapi()
        assert plain_connection is not None  # the plain-driver path is taken
        plain_connection[0].close()
        plain = m.status()
    from migrata import Migrator

    with Migrator(db.engine, project.migrations) as m:
        assert m.database.connect_dbapi() is None
        through_engine = m.status()
    assert [s.state for s in before.migrations] == ["pending"] * 3
    assert plain.to_dict()["migrations"] == through_engine.to_dict()["migrations"]
    assert [(s.state, s.record.how) for s in plain.migrations] == [
        ("applied", "run"), ("applied", "fake"), ("applied", "fake"),
    ]  # fmt: skip


@pytest.mark.lacks("has_transactional_ddl")
def test_rollback_that_stops_part_way_is_resolved(db, project) -> None:  # type: ignore[no-untyped-def]
    project.write("0001_ab.sql", "CREATE TABLE a (x INTEGER);\nCREATE TABLE b (x INTEGER);\n")
    project.write("0001_ab.down.sql", "DROP TABLE b;\nDROP TABLE nope;\nDROP TABLE a;\n")
    with project.migrator(db.url) as m:
        m.apply()
        with pytest.raises(MigrationFailed, match="statement 2"):
            m.rollback()
        state = m.status().migrations[0]
        assert (state.state, state.record.direction, state.record.statements_done) == ("failed", "down", 1)
        with pytest.raises(HistoryError, match="rollback of 0001_ab stopped after 1"):
            m.rollback()
        project.write("0001_ab.down.sql", "DROP TABLE b;\nDROP TABLE a;\n")
        m.reload()
        m.resolve("0001_ab", "continue")
        assert states(m) == {"0001_ab": "pending"}
    assert db.user_tables() == set()


@pytest.mark.requires("has_transactional_ddl")
def test_single_transaction_failure_is_logged(db, project) -> None:  # type: ignore[no-untyped-def]
    project.write("0001_a.sql", "CREATE TABLE a (x INTEGER);")
    project.write("0002_bad.sql", "INSERT INTO nope VALUES (1);")
    with project.migrator(db.url) as m:
        with pytest.raises(MigrationFailed):
            m.apply(single_transaction=True)
        assert [(e["name"], e["action"]) for e in m.history_log()] == [("0002_bad", "fail-up")]


@pytest.mark.lacks("has_transactional_ddl")
def test_expected_output_mismatch_without_transactional_ddl_says_what_committed(db, project) -> None:  # type: ignore[no-untyped-def]
    project.write("0001_t.sql", "CREATE TABLE t (x INTEGER);\nINSERT INTO t VALUES (1);\n")
    project.write("0001_t.out", "INSERT 2\n")
    with project.migrator(db.url) as m:
        with pytest.raises(OutputMismatch, match="already committed"):
            m.apply()
        assert m.status().migrations[0].record.statements_done == 2
        project.write("0001_t.out", "INSERT 1\n")
        m.reload()
        m.resolve("0001", "continue")  # nothing left to run; the output is not re-checked
        assert states(m) == {"0001_t": "applied"}


def test_set_up_at_start_up_runs_scripts_or_installs_a_canonical_schema(db, project, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import Column, Integer, MetaData, String, Table

    project.write("0001_users.sql", USERS)
    project.write("0002_posts.sql", "CREATE TABLE posts (id INTEGER);")
    metadata = MetaData()
    Table("users", metadata, Column("id", Integer, primary_key=True), Column("name", String(50), nullable=False))
    Table("posts", metadata, Column("id", Integer))
    with project.migrator(db.url) as m:
        report = m.set_up(init_schema=metadata, run_scripts=False)
        assert [s.action for s in report.steps] == ["baseline", "baseline"]
        assert db.user_tables() == {"users", "posts"}
        project.write("0003_tags.sql", "CREATE TABLE tags (id INTEGER);")
        m.reload()
        assert [s.key for s in m.set_up(init_schema=metadata, run_scripts=False).steps] == ["0003_tags"]
        assert m.set_up().steps == []


def test_set_up_from_many_processes_at_once(db, project) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    project.write("0001_users.sql", USERS)
    code = (
        "import sys; from migrata import Migrator\n"
        "def init(conn):\n"
        "    import time; time.sleep(0.5)\n"
        "    conn.exec_driver_sql('CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(50))')\n"
        "with Migrator(sys.argv[1], sys.argv[2]) as m:\n"
        "    print(len(m.set_up(init_schema=init, run_scripts=False).steps))\n"
    )
    runs = [
        subprocess.Popen([sys.executable, "-c", code, db.url, str(project.migrations)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    outputs = [p.communicate(timeout=120) for p in runs]
    assert [p.returncode for p in runs] == [0, 0, 0], outputs
    assert sorted(int(out) for out, _ in outputs) == [0, 0, 1]
    assert set(db.history()) == {"0001_users"}


def test_sqlite_rebuild_does_not_cascade_when_the_app_enforces_foreign_keys(tmp_path, project) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import create_engine, event

    from migrata import Migrator

    engine = create_engine(f"sqlite:///{tmp_path / 'app.db'}")

    @event.listens_for(engine, "connect")
    def enforce(dbapi_connection, record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.execute("PRAGMA foreign_keys = ON")

    project.write("0001_parent.sql", "CREATE TABLE parent (id INTEGER PRIMARY KEY, name VARCHAR(5));\n"
                  "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id) ON DELETE CASCADE);\n"
                  "INSERT INTO parent VALUES (1, 'a');\nINSERT INTO child VALUES (1, 1);\n")
    # a rebuild of parent, as autogenerate writes it for a type change on SQLite
    project.write("0002_rebuild.sql", "CREATE TABLE migrata_tmp_parent (id INTEGER PRIMARY KEY, name VARCHAR(50));\n"
                  "INSERT INTO migrata_tmp_parent SELECT id, name FROM parent;\nDROP TABLE parent;\n"
                  "ALTER TABLE migrata_tmp_parent RENAME TO parent;\n")
    with Migrator(engine, project.migrations) as m:
        m.apply()
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM child").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()


def test_statements_ending_in_comments_and_empty_migrations(db, project) -> None:  # type: ignore[no-untyped-def]
    # On PostgreSQL a migration's SAVEPOINT and RELEASE travel with its first and last
    # statement; a trailing line comment must not swallow the RELEASE.
    project.write("0001_a.sql", "CREATE TABLE a (x INTEGER) -- the last line, no newline")
    project.write("0002_nothing.sql", "-- nothing to do yet\n")
    project.write("0003_b.sql", "/* first */ CREATE TABLE b (x INTEGER);\nINSERT INTO b VALUES (1) -- one")
    project.write("0004_bad.sql", "CREATE TABLE c (x INTEGER);\nINSERT INTO nope VALUES (1) -- two")
    with project.migrator(db.url) as m:
        with pytest.raises(MigrationFailed) as info:
            m.apply()
        assert "0004_bad" in str(info.value) and "statement 2" in str(info.value)
        assert states(m) == {
            "0001_a": "applied", "0002_nothing": "applied", "0003_b": "applied",
            "0004_bad": "failed" if db.dialect == "mariadb" else "pending",
        }  # fmt: skip
    assert db.query("SELECT COUNT(*) FROM b") == [(1,)]
    assert ("c" in db.user_tables()) is (db.dialect == "mariadb")


def test_apply_through_an_engine_the_caller_owns(db, project) -> None:  # type: ignore[no-untyped-def]
    from migrata import Migrator

    project.write("0001_a.sql", "CREATE TABLE a (x INTEGER);")
    project.write(
        "0002_fill.py",
        "def upgrade(ctx):\n"
        "    ctx.execute('INSERT INTO a VALUES (:x)', {'x': 1})\n"
        "    ctx.connection.exec_driver_sql('INSERT INTO a VALUES (2)')\n"
        "    assert ctx.execute('SELECT COUNT(*) FROM a').scalar() == 2\n",
    )
    project.write("0003_b.sql", "CREATE TABLE b (x INTEGER);")
    with Migrator(db.engine, project.migrations) as m:
        assert [s.key for s in m.apply().steps] == ["0001_a", "0002_fill", "0003_b"]
        assert set(states(m).values()) == {"applied"}
    assert db.query("SELECT COUNT(*) FROM a") == [(2,)]
    with db.engine.connect() as conn:  # the engine is still the caller's, and it works
        assert conn.exec_driver_sql("SELECT COUNT(*) FROM b").scalar() == 0


def _through_sqlalchemy(url: str, dialect: str) -> list[str]:
    """The same database by URLs migrata leaves to SQLAlchemy: another driver (pg8000, which
    takes only ``%s``), or options only SQLAlchemy reads."""
    if dialect == "postgresql":
        return [_with_driver(url, "pg8000")]
    return [f"{url}{'&' if '?' in url else '?'}{'timeout=5' if dialect == 'sqlite' else 'connect_timeout=10'}"]


def _with_driver(url: str, driver: str) -> str:
    from migrata.urls import normalize_url

    return normalize_url(url).replace("+psycopg://", f"+{driver}://", 1)


def _tables(project, *names: str) -> None:  # type: ignore[no-untyped-def]
    """A migration per name that creates (and drops) the table its name ends with."""
    for name in names:
        table = name.rpartition("_")[2]
        project.write(f"{name}.sql", f"CREATE TABLE {table} (x INTEGER);")
        project.write(f"{name}.down.sql", f"DROP TABLE {table};")


def _plain_urls(url: str, dialect: str) -> list[str]:
    """URLs migrata runs on the driver itself: on PostgreSQL psycopg 3 and psycopg2 (whose
    commit() does nothing in autocommit mode: migrata must say COMMIT itself)."""
    return [url, _with_driver(url, "psycopg2")] if dialect == "postgresql" else [url]


def test_plain_drivers_commit_what_they_report_and_roll_back_failures(db, project) -> None:  # type: ignore[no-untyped-def]
    _tables(project, "0001_a", "0002_b", "0003_c")
    project.write("0004_bad.sql", "INSERT INTO nope VALUES (1);")
    for url in _plain_urls(db.url, db.dialect):
        with project.migrator(url) as m:
            assert m.database.connect_dbapi() is not None  # the driver's own connection
            assert [s.key for s in m.apply("0001_a").steps] == ["0001_a"]  # a lone history row
            with pytest.raises(MigrationFailed, match="0004_bad"):
                m.apply()  # two rows in one batch, then a failure
        # Seen from another connection: what was reported happened, the failure left nothing.
        assert db.user_tables() == {"a", "b", "c"}, url
        applied = {k for k, r in db.history().items() if r["state"] == "applied"}
        assert applied == {"0001_a", "0002_b", "0003_c"}
        with project.migrator(url) as m:  # MariaDB keeps a record that it failed
            assert states(m)["0004_bad"] == ("failed" if db.dialect == "mariadb" else "pending")
            m.rollback("zero")
        assert db.user_tables() == set()
        assert {k for k, r in db.history().items() if r["state"] == "applied"} == set()
        db.execute("DELETE FROM migrata_history")  # the next driver starts afresh


def test_sql_migrations_run_without_importing_sqlalchemy(db, project) -> None:  # type: ignore[no-untyped-def]
    # SQLAlchemy's import alone takes longer than a whole `migrata status`.
    import subprocess
    import sys

    project.write("0001_a.sql", "CREATE TABLE a (x INTEGER);")
    project.write("0001_a.down.sql", "DROP TABLE a;")
    script = (
        "import sys\n"
        "from migrata import Migrator\n"
        "with Migrator(sys.argv[1], sys.argv[2]) as m:\n"
        "    m.apply(); m.status(); m.rollback()\n"
        "assert 'sqlalchemy' not in sys.modules, sorted(n for n in sys.modules if 'sqlalchemy' in n)\n"
    )
    for url in _plain_urls(db.url, db.dialect):
        done = subprocess.run(
            [sys.executable, "-c", script, url, str(project.migrations)], capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        assert db.user_tables() == set(), url


def test_apply_through_sqlalchemy_commits_what_it_reports(db, project) -> None:  # type: ignore[no-untyped-def]
    _tables(project, "0001_a", "0002_b")
    for url in _through_sqlalchemy(db.url, db.dialect):
        with project.migrator(url) as m:
            assert m.database.connect_dbapi() is None  # SQLAlchemy's engine makes the connection
            assert [s.key for s in m.apply("0001_a").steps] == ["0001_a"]  # a lone history row
            assert [s.key for s in m.apply().steps] == ["0002_b"]
            m.rollback()
        # Seen from another connection: what was reported happened.
        assert db.user_tables() == {"a"}, url
        assert {k: r["state"] for k, r in db.history().items()} == {"0001_a": "applied"}
        with project.migrator(url) as m:
            m.rollback("zero")
        assert db.user_tables() == set() and db.history() == {}


@pytest.mark.requires("has_transactional_ddl")
def test_python_migration_shares_the_transaction_of_the_batch(db, project) -> None:  # type: ignore[no-untyped-def]
    # The SQL migrations before it run in the same batch (savepoints); SQLAlchemy's view of the
    # connection is made before, so its first connect cannot roll them back.
    project.write("0001_a.sql", "CREATE TABLE a (x INTEGER);")
    project.write("0002_b.sql", "CREATE TABLE b (x INTEGER);")
    project.write(
        "0003_fill.py",
        "def upgrade(ctx):\n"
        "    ctx.connection.exec_driver_sql('INSERT INTO a VALUES (1)')\n"
        "    ctx.execute('INSERT INTO b SELECT x FROM a')\n"
        "    raise RuntimeError('stop here')\n",
    )
    with project.migrator(db.url) as m:
        with pytest.raises(MigrationFailed, match="stop here"):
            m.apply()
        assert states(m) == {"0001_a": "applied", "0002_b": "applied", "0003_fill": "pending"}
    assert db.query("SELECT COUNT(*) FROM a") == [(0,)] and db.query("SELECT COUNT(*) FROM b") == [(0,)]


def test_many_migrations_in_one_batch_keep_every_history_row(db, project) -> None:  # type: ignore[no-untyped-def]
    # More migrations than one batch holds (PostgreSQL: 60), each with its history and log row.
    for n in range(1, 161):
        project.write(f"{n:04d}_t{n}.sql", f"CREATE TABLE t{n} (x INTEGER);")
    with project.migrator(db.url) as m:
        assert len(m.apply().steps) == 160
        log = m.history_log()
        checksums = {mig.key: mig.checksum(m.dialect.variants) for mig in m.migrations}
    history = db.history()
    assert len(history) == 160 and len(log) == 160
    assert [e["name"] for e in log] == [f"{n:04d}_t{n}" for n in range(1, 161)]
    # Rows written together (PostgreSQL: one INSERT for a batch) keep every value.
    assert {k: (r["state"], r["statements_done"], r["how"], r["checksum"]) for k, r in history.items()} == {
        k: ("applied", 1, "run", checksum) for k, checksum in checksums.items()
    }
    assert all(e["action"] == "apply" and e["checksum"] == checksums[e["name"]] and e["at"] for e in log)
    times = db.query("SELECT COUNT(*) FROM migrata_history WHERE started_at <= finished_at")
    assert times == [(160,)]


@pytest.mark.requires("carries_statements")
def test_the_last_statement_carries_the_release_of_the_savepoint(db) -> None:  # type: ignore[no-untyped-def]
    from migrata.database import Database
    from migrata.errors import DriverError
    from migrata.run.executor import ATOMIC, Executor

    with Database(db.url).open(create=True) as (conn, dialect), dialect.session(conn):
        executor = Executor(conn, dialect, mode=ATOMIC, migration="m", database="test")
        conn.begin()
        executor.carry("SAVEPOINT migrata_step", "RELEASE SAVEPOINT migrata_step")
        executor.run_script("CREATE TABLE a (x INTEGER) -- the last line, no newline", "m.sql")
        assert executor.carry_before is None and executor.carry_after is None
        with pytest.raises(DriverError, match="migrata_step"):  # released: nothing to go back to
            conn.execute("ROLLBACK TO SAVEPOINT migrata_step")


def test_a_file_changed_after_discovery_stops_the_run_before_anything_applies(
    db, project, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    # With the discovery cache a file is read only to run; every file of the plan is read
    # before the first statement, so a change caught then applies nothing.
    from migrata.errors import MigrationFileError
    from migrata.project import cache

    monkeypatch.setenv("MIGRATA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "RACY_NS", 0)
    project.write("0001_a.sql", "CREATE TABLE a (x INTEGER);")
    project.write("0002_b.sql", "CREATE TABLE b (x INTEGER);")
    with project.migrator(db.url) as m:
        assert len(m.migrations) == 2  # read, and kept
    with project.migrator(db.url) as m:
        assert len(m.migrations) == 2  # from the cache: nothing read
        project.write("0002_b.sql", "CREATE TABLE c (x INTEGER);")
        with pytest.raises(MigrationFileError, match=r"0002_b\.sql: changed while migrata was running"):
            m.apply()
    assert db.user_tables() == set()
    assert db.history() == {}


def test_an_out_file_is_read_only_where_its_script_runs(db, project) -> None:  # type: ignore[no-untyped-def]
    # Another dialect's migration: nothing runs here, so its .out file is not even read.
    other = "mysql" if db.dialect != "mariadb" else "postgresql"
    project.write("0001_a.sql", "CREATE TABLE a (x INTEGER);")
    project.write(f"0002_only.{other}.sql", "SELECT 1;")
    (project.migrations / "0002_only.out").write_bytes(b"\xff\xfe not UTF-8\n")
    with project.migrator(db.url) as m:
        m.apply()
    assert set(db.history()) == {"0001_a", "0002_only"}


def test_what_runs_is_what_was_read_ahead(db, project, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # A Python migration's SQL file counts in its checksum. It is read with every other file
    # before the first statement (here it comes from the cache until then), so an edit during
    # the run changes neither what runs nor what the history records.
    from migrata.project import cache

    monkeypatch.setenv("MIGRATA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "RACY_NS", 0)
    project.write("0001_a.sql", "CREATE TABLE a (x INTEGER);\nCREATE TABLE a2 (x INTEGER);")
    project.write("0002_b.sql", "CREATE TABLE b (x INTEGER);")
    with project.migrator(db.url) as m:
        assert len(m.migrations) == 2  # kept in the cache
    project.write("0002_b.py", "def upgrade(ctx):\n    ctx.run_sql()\n")  # 0002_b.sql: its SQL

    def progress(event, step, index, total, result):  # type: ignore[no-untyped-def]
        if event == "start" and index == 0:
            project.write("0002_b.sql", "CREATE TABLE c (x INTEGER);")

    with project.migrator(db.url) as other:  # the checksum of the files as they are now
        checksum = other.get("0002_b").checksum(other.dialect.variants)
    with project.migrator(db.url) as m:
        m.apply(progress=progress)
    assert {"a", "a2", "b"} <= db.user_tables() and "c" not in db.user_tables()
    history = {k: (r["state"], r["checksum"]) for k, r in db.history().items()}
    assert history["0002_b"] == ("applied", checksum) and history["0001_a"][0] == "applied"


def test_a_python_migrations_unreadable_sql_stops_the_run_before_anything(db, project, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MIGRATA_CACHE_DIR", "")
    project.write("0001_a.sql", "CREATE TABLE a (x INTEGER);\nCREATE TABLE a2 (x INTEGER);")
    project.write("0002_b.py", "def upgrade(ctx):\n    pass\n")
    (project.migrations / "0002_b.sql").write_bytes(b"CREATE TABLE b (x INTEGER); -- \xff\n")
    from migrata.errors import MigrataError

    with project.migrator(db.url) as m, pytest.raises(MigrataError, match="not UTF-8"):
        m.apply()
    assert db.user_tables() == set() and db.history() == {}


def test_rolling_back_reads_no_up_file(db, project, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # A rollback records the checksum the history holds; the up file of a migration being
    # rolled back is not read (here it is edited during the run, after discovery took its
    # checksum from the cache), and every step is recorded.
    from migrata.project import cache

    monkeypatch.setenv("MIGRATA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "RACY_NS", 0)
    for name in ("0001_a", "0002_b"):
        project.write(f"{name}.sql", f"CREATE TABLE {name[-1]} (x INTEGER);")
        project.write(f"{name}.down.sql", f"DROP TABLE {name[-1]};")
    with project.migrator(db.url) as m:
        m.apply()

    def progress(event, step, index, total, result):  # type: ignore[no-untyped-def]
        if event == "start" and index == 0:
            project.write("0001_a.sql", "CREATE TABLE z (x INTEGER);")

    with project.migrator(db.url) as m:
        assert [s.key for s in m.rollback("zero", progress=progress).steps] == ["0002_b", "0001_a"]
    assert db.user_tables() == set() and db.history() == {}

