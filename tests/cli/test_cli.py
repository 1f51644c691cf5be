"""The command line: exit codes, --json, one-line errors, masked passwords."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest


def test_init_new_apply_status_rollback(db, project, cli) -> None:  # type: ignore[no-untyped-def]
    (project.root / "migrations").rmdir()
    assert cli("init").code == 0
    assert (project.root / "migrata.toml").is_file()
    created = cli("new", "add users", "--down")
    assert created.code == 0 and "0001_add_users.sql" in created.out
    project.write("0001_add_users.sql", "CREATE TABLE users (id INTEGER);")
    project.write("0001_add_users.down.sql", "DROP TABLE users;")
    assert "0002_load.py" in cli("new", "load", "--py", "--depends", "0001_add_users").out
    project.write("0002_load.py", "depends = ['0001_add_users']\n\ndef upgrade(ctx):\n    ctx.execute('INSERT INTO users VALUES (1)')\n\ndef downgrade(ctx):\n    ctx.execute('DELETE FROM users')\n")
    pending = cli("--url", db.url, "status", "--check")
    assert pending.code == 1 and "pending" in pending.out
    applied = cli("apply", "--url", db.url)
    assert applied.code == 0, applied.err
    assert "applied 0001_add_users" in applied.out
    assert cli("status", "--check", "--url", db.url).code == 0
    assert cli("rollback", "--url", db.url, "--steps", "2").code == 0
    assert db.user_tables() == set()


def test_status_json_shape(db, project, cli) -> None:  # type: ignore[no-untyped-def]
    project.write("0001_a.sql", "CREATE TABLE a (x INTEGER);")
    project.write("0002_b.sql", "CREATE TABLE b (x INTEGER);")
    assert cli("--url", db.url, "apply", "0001_a").code == 0
    result = cli("--url", db.url, "--json", "status")
    data = json.loads(result.out)
    assert [(m["name"], m["state"]) for m in data["migrations"]] == [("0001_a", "applied"), ("0002_b", "pending")]
    assert data["counts"]["pending"] == 1


def test_status_of_a_missing_sqlite_file_creates_nothing(project, cli) -> None:  # type: ignore[no-untyped-def]
    # SQLite-only: a file path that is not there yet; servers have no such case.
    project.write("0001_a.sql", "CREATE TABLE a (x INTEGER);")
    database = project.root / "not-yet.db"
    result = cli("--url", f"sqlite:///{database}", "--json", "status")
    assert result.code == 0, result.err
    assert json.loads(result.out)["counts"]["pending"] == 1
    assert not database.exists()


def test_new_numbers_and_git(project, cli) -> None:  # type: ignore[no-untyped-def]
    subprocess.run(["git", "init", "-q"], cwd=project.root, check=True)
    (project.root / "migrata.toml").write_text('migrations = "migrations"\nvcs = "git"\n')
    project.write("0009_old.sql", "SELECT 1;")
    assert cli("new", "next one", "--exec").code == 0
    script = project.migrations / "0010_next_one.sh"
    assert os.access(script, os.X_OK)
    assert cli("new", "folder", "--dir").code == 0
    assert (project.migrations / "0011_folder" / "migration.toml").is_file()
    staged = subprocess.run(["git", "diff", "--cached", "--name-only"], cwd=project.root, capture_output=True, text=True).stdout
    assert "migrations/0010_next_one.sh" in staged and "migrations/0011_folder/migration.toml" in staged


def test_failed_migration_exits_3_with_one_sentence(db, project, cli) -> None:  # type: ignore[no-untyped-def]
    project.write("0001_bad.sql", "CREATE TABLE ok_ (x INTEGER);\nSELEC nonsense;\n")
    result = cli("--url", db.url, "apply")
    assert result.code == 3
    first = result.err.splitlines()[0]
    assert first.startswith("error: 0001_bad failed on ") and "0001_bad.sql, line 2" in first
    assert "Traceback" not in result.err


@pytest.mark.parametrize(
    ("args", "files", "expected"),
    [
        (["--url", "nosuchdb://x", "status"], {}, "does not support"),
        (["--url", "sqlite:///x.db", "apply", "nope"], {"0001_a.sql": "SELECT 1;"}, "no migration is named 'nope'"),
        (["--url", "sqlite:///x.db", "status"], {"0001_a.sql": "-- depends: zzz\nSELECT 1;"}, "depends on 'zzz'"),
        (["--url", "sqlite:///x.db", "status"], {"0001_a.py": "def helper(): pass\n"}, "neither upgrade"),
        (["--url", "sqlite:///x.db", "status"], {"0001_a.py": "def upgrade(ctx:\n"}, "is not valid Python"),
        (["--url", "sqlite:///x.db", "--config", "missing.toml", "status"], {}, "does not exist"),
        (["status"], {}, "no database given"),
        (["--url", "sqlite:///x.db", "rollback", "a", "--steps", "1"], {}, "not both"),
    ],
)
def test_user_errors_are_one_sentence_exit_2(project, cli, args, files, expected) -> None:  # type: ignore[no-untyped-def]
    for name, text in files.items():
        project.write(name, text)
    result = cli(*args)
    assert result.code == 2, (result.out, result.err)
    assert expected in result.err
    assert "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) <= 2


def test_missing_migrations_folder(project, cli) -> None:  # type: ignore[no-untyped-def]
    project.migrations.rmdir()
    result = cli("--url", "sqlite:///x.db", "status")
    assert result.code == 2 and "migrations folder" in result.err and "does not exist" in result.err


def test_password_is_masked_when_connection_fails(project, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("--url", "postgresql://alice:s3cret-pw@127.0.0.1:1/nodb", "status")
    assert result.code == 2
    assert "s3cret-pw" not in result.err + result.out
    assert "alice:***@127.0.0.1" in result.err


def test_url_from_environment_and_config(db, project, cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    project.write("0001_a.sql", "CREATE TABLE a (x INTEGER);")
    monkeypatch.setenv("MIGRATA_URL", db.url)
    assert cli("apply").code == 0
    monkeypatch.delenv("MIGRATA_URL")
    (project.root / "migrata.toml").write_text(f'url = "{db.url}"\n')
    assert "applied" in cli("status").out


def test_show_offline_with_dialect(project, cli) -> None:  # type: ignore[no-untyped-def]
    project.write("0001_a.sql", "CREATE TABLE a (x INTEGER);\nCREATE TABLE b (y INTEGER);\n")
    project.write("0001_a.mysql.sql", "CREATE TABLE a (x INTEGER) ENGINE=InnoDB;\n")
    result = cli("show", "0001_a", "--dialect", "mariadb")
    assert result.code == 0 and "ENGINE=InnoDB" in result.out
    assert "CREATE TABLE b" in cli("show", "0001", "--dialect", "sqlite").out


def test_python_m_and_help() -> None:
    done = subprocess.run([sys.executable, "-m", "migrata", "--help"], capture_output=True, text=True)
    assert done.returncode == 0
    for command in ("init", "new", "status", "apply", "rollback", "fake", "baseline", "show", "resolve", "rehash"):
        assert command in done.stdout


def test_init_creates_a_missing_folder_and_new_skips_notes(project, cli) -> None:  # type: ignore[no-untyped-def]
    target = project.root / "fresh" / "app"
    assert cli("init", "--dir", str(target)).code == 0
    assert (target / "migrata.toml").is_file() and (target / "migrations").is_dir()
    project.write("0099_notes.txt", "not a migration")
    project.write("0003_a.sql", "SELECT 1;")
    assert "0004_b.sql" in cli("new", "b").out
    result = cli("new", "c", "--depends", "nope")
    assert result.code == 2 and "nope" in result.err


def test_json_everywhere(project, cli) -> None:  # type: ignore[no-untyped-def]
    project.write("0001_a.sql", "CREATE TABLE a (x INTEGER);")
    created = json.loads(cli("--json", "new", "b").out)
    assert created["created"][0].endswith("0002_b.sql")
    shown = json.loads(cli("show", "0001", "--dialect", "sqlite", "--json").out)
    assert "CREATE TABLE a" in shown["sql"]


def test_traceback_keeps_the_exit_code(project, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("--url", "sqlite:///x.db", "--traceback", "apply", "nope")
    assert result.code == 2 and "Traceback" in result.err


def test_bare_command_prints_help(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli()
    assert result.code == 0 and "Usage:" in result.out and "apply" in result.out


def test_executable_sees_an_absolute_sqlite_url(project, cli) -> None:  # type: ignore[no-untyped-def]
    out = project.root / "url.txt"
    project.write("0001_x.sh", f'#!/bin/sh\necho "$MIGRATA_URL" > {out}\n', executable=True)
    assert cli("--url", "sqlite:///app.db", "apply").code == 0
    assert out.read_text().strip() == f"sqlite:///{project.root / 'app.db'}"


def test_resolve_accepts_a_number(db, project, cli) -> None:  # type: ignore[no-untyped-def]
    project.write("0001_x.sql", "CREATE TABLE x (a INTEGER);\nSELEC nonsense;\n")
    assert cli("--url", db.url, "apply").code == 3
    project.write("0001_x.sql", "CREATE TABLE x (a INTEGER);\nCREATE TABLE y (a INTEGER);\n")
    result = cli("--url", db.url, "resolve", "1", "--continue" if db.dialect == "mariadb" else "--undone")
    if db.dialect == "mariadb":
        assert result.code == 0, result.err
        assert db.user_tables() == {"x", "y"}
    else:  # the failed transaction left nothing to resolve
        assert result.code == 2 and "no failed or interrupted run" in result.err
