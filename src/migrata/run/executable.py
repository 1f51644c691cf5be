"""Executable migrations: run directly (never through a shell) with the database in the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from migrata.errors import MigrationFailed


def run_executable(
    path: Path, env: Mapping[str, str], *, migration: str, database: str
) -> str:
    """Run *path*; return its output, or raise MigrationFailed carrying the output."""
    try:
        import subprocess  # imported here: only executables need it (a few ms of every run)

        done = subprocess.run(
            [str(path)],
            cwd=path.parent,
            env={**os.environ, **env},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            check=False,
        )
    except OSError as exc:
        raise MigrationFailed(
            f"{migration}: {path} could not be started on {database} ({exc.strerror})",
            migration=migration,
            database=database,
        ) from None
    output = done.stdout.decode("utf-8", "replace")
    if done.returncode != 0:
        how = (
            f"was killed by signal {-done.returncode}"
            if done.returncode < 0
            else f"exited with status {done.returncode}"
        )
        raise MigrationFailed(
            f"{migration}: {path} {how} on {database}",
            migration=migration,
            database=database,
            output=output,
        )
    return output
