"""The lock, and the truth of the history after a process is killed mid-migration."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from migrata import Migrator
from migrata.errors import LockTimeout, UnresolvedFailure


def _migrata(project, url: str, *args: str, env: dict | None = None) -> subprocess.Popen:  # type: ignore[no-untyped-def]
    return subprocess.Popen(
        [sys.executable, "-m", "migrata", "--url", url, *args],
        cwd=project.root, env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _wait_for(path: Path, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        if process.poll() is not None:
            raise AssertionError(f"migrata exited early: {process.communicate()}")
        assert time.monotonic() < deadline, "the migration never started"
        time.sleep(0.05)


def test_two_runs_at_once_apply_each_migration_once(db, project) -> None:  # type: ignore[no-untyped-def]
    project.write("0001_t.sql", "CREATE TABLE t (x INTEGER);")
    project.write("0002_slow.py", "import time\n\ndef upgrade(ctx):\n    time.sleep(1.0)\n    ctx.execute('INSERT INTO t VALUES (1)')\n")
    project.write("0003_u.sql", "CREATE TABLE u (x INTEGER);")
    runs = [_migrata(project, db.url, "apply") for _ in range(2)]
    results = [p.communicate(timeout=120) for p in runs]
    assert [p.returncode for p in runs] == [0, 0], results
    with Migrator(db.url, project.migrations) as m:
        actions = [(e["name"], e["action"]) for e in m.history_log()]
    assert sorted(actions) == [("0001_t", "apply"), ("0002_slow", "apply"), ("0003_u", "apply")]
    assert db.query("SELECT x FROM t") == [(1,)]


def test_second_runner_times_out_clearly(db, project) -> None:  # type: ignore[no-untyped-def]
    started = project.root / "started"
    project.write("0001_slow.py", f"import time, pathlib\n\ndef upgrade(ctx):\n    pathlib.Path({str(started)!r}).touch()\n    time.sleep(4)\n")
    first = _migrata(project, db.url, "apply")
    try:
        _wait_for(started, first)
        with Migrator(db.url, project.migrations, lock_timeout=0.5) as m, pytest.raises(LockTimeout) as info:
            m.apply()
        assert "lock" in str(info.value) and info.value.exit_code == 3
    finally:
        first.communicate(timeout=60)
    assert first.returncode == 0


KILLABLE = textwrap.dedent('''
    import os, pathlib, time

    def upgrade(ctx):
        if os.environ.get("STALL_BEFORE"):
            pathlib.Path(os.environ["STALL_BEFORE"]).touch()
            time.sleep(60)
        ctx.execute("CREATE TABLE first_ (x INTEGER)")
        if os.environ.get("STALL_AFTER"):
            pathlib.Path(os.environ["STALL_AFTER"]).touch()
            time.sleep(60)
        ctx.execute("CREATE TABLE second_ (x INTEGER)")
''')


def _kill_during_apply(db, project, env_key: str) -> None:  # type: ignore[no-untyped-def]
    project.write("0001_a.sql", "CREATE TABLE a (x INTEGER);")
    project.write("0002_killed.py", KILLABLE)
    marker = project.root / "marker"
    process = _migrata(project, db.url, "apply", env={env_key: str(marker)})
    try:
        _wait_for(marker, process)
    finally:
        process.send_signal(signal.SIGKILL)
        process.communicate()


def _states(db, project) -> dict[str, str]:  # type: ignore[no-untyped-def]
    with Migrator(db.url, project.migrations) as m:
        return {s.key: s.state for s in m.status().migrations}


def test_killed_before_any_statement_then_apply_finishes(db, project) -> None:  # type: ignore[no-untyped-def]
    _kill_during_apply(db, project, "STALL_BEFORE")
    states = _states(db, project)
    # Whether 0001_a was committed yet depends on the batch; the history must say which.
    assert (states["0001_a"] == "applied") == ("a" in db.user_tables())
    assert states["0002_killed"] in ("pending", "failed")
    assert "first_" not in db.user_tables()
    with Migrator(db.url, project.migrations) as m:
        m.apply()
    assert _states(db, project) == {"0001_a": "applied", "0002_killed": "applied"}
    assert {"first_", "second_"} <= db.user_tables()


@pytest.mark.requires("has_transactional_ddl")
def test_killed_mid_migration_rolls_back_whole(db, project) -> None:  # type: ignore[no-untyped-def]
    _kill_during_apply(db, project, "STALL_AFTER")
    assert _states(db, project)["0002_killed"] == "pending"
    assert "first_" not in db.user_tables()
    with Migrator(db.url, project.migrations) as m:
        m.apply()
    assert {"first_", "second_"} <= db.user_tables()


@pytest.mark.lacks("has_transactional_ddl")
def test_killed_mid_migration_is_journaled(db, project) -> None:  # type: ignore[no-untyped-def]
    _kill_during_apply(db, project, "STALL_AFTER")
    with Migrator(db.url, project.migrations) as m:
        state = m.status().migrations[1]
        assert state.state == "failed" and state.record.statements_done == 1
        with pytest.raises(UnresolvedFailure, match="after 1 statement"):
            m.apply()
        m.resolve("0002_killed", "continue")
    assert _states(db, project) == {"0001_a": "applied", "0002_killed": "applied"}
    assert {"first_", "second_"} <= db.user_tables()


def test_lock_timeout_zero_fails_at_once(db, project) -> None:  # type: ignore[no-untyped-def]
    started = project.root / "started"
    project.write("0001_slow.py", f"import time, pathlib\n\ndef upgrade(ctx):\n    pathlib.Path({str(started)!r}).touch()\n    time.sleep(3)\n")
    first = _migrata(project, db.url, "apply")
    try:
        _wait_for(started, first)
        clock = time.monotonic()
        second = _migrata(project, db.url, "apply", "--lock-timeout", "0")
        _, err = second.communicate(timeout=60)
        assert second.returncode == 3 and "lock" in err
        assert time.monotonic() - clock < 2.5
    finally:
        first.communicate(timeout=60)
