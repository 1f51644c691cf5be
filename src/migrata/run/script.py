"""Plans as SQL scripts, without running them: `show`, `apply --sql`, `rollback --sql`.

The dry-run twin of the runner: it splits the same files with the same dialect, so that what
is printed is what `apply` would execute.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from migrata.errors import MigrationFailed, MigrationFileError
from migrata.project.migration import (
    DOWN,
    UP,
    ExecutableScript,
    Migration,
    PythonScript,
    SqlScript,
)

if TYPE_CHECKING:
    from migrata.dialects.base import Dialect
    from migrata.project.plan import Record, Step


def render_steps(steps: Sequence[Step], dialect: Dialect) -> str:
    """The SQL of *steps*, as one script the database's own client can run."""
    chunks = []
    for step in steps:
        migration = step.migration
        verb = "apply" if step.direction == UP else "roll back"
        chunks.append(f"-- migrata: {verb} {migration.key}\n")
        scripts = migration.scripts if step.direction == UP else migration.scripts[::-1]
        for script in scripts:
            chunks.append(_render_script(script, step.direction, dialect))
    if steps:
        chunks.append(
            "-- The history table is not updated by this script; after running it by hand,\n"
            "-- record it with `migrata fake TARGET` (or `migrata rollback --fake`).\n"
        )
    return "".join(chunks)


def committed_statements(migration: Migration, record: Record, dialect: Dialect) -> str:
    """The first ``statements_done`` statements of an interrupted run, for the user to check."""
    direction = record.direction
    scripts = migration.scripts if direction == UP else migration.scripts[::-1]
    shown: list[str] = []
    for script in scripts:
        if isinstance(script, SqlScript):
            text = script.text(direction, dialect.variants) or ""
            shown.extend(s.text.splitlines()[0] for s in dialect.split_statements(text))
        elif isinstance(script, PythonScript):
            shown.append(f"ctx.execute() calls of {script.path.name}")
            break  # how many calls a Python script makes is known only when it runs
        else:
            shown.append(f"the executable {script.path.name}")
    listed = [f"#{i} {line[:60]}" for i, line in enumerate(shown[: record.statements_done], 1)]
    if len(listed) < record.statements_done:
        listed.append(f"{record.statements_done} statement(s) in all")
    return ", ".join(listed)


def _render_script(script: Any, direction: str, dialect: Dialect) -> str:
    if isinstance(script, SqlScript):
        path = script.file(direction, dialect.variants)
        text = script.text(direction, dialect.variants)
        if path is None or text is None:
            return f"-- ({script.stem} has no {direction} script for {dialect.name})\n"
        try:
            statements = [s.text for s in dialect.split_statements(text)]
        except ValueError as exc:
            raise MigrationFileError(path, str(exc)) from None
        return f"-- {path}\n" + dialect.render_script(statements)
    if isinstance(script, PythonScript):
        verb = "upgrade" if direction == UP else "downgrade"
        note = f"-- {script.path}: Python code ({verb}); its SQL is known only when it runs\n"
        if script.sql is not None:
            role = UP if direction == UP else DOWN
            text = script.sql.text(role, dialect.variants)
            if text:
                statements = [s.text for s in dialect.split_statements(text)]
                note += "-- its SQL file, which it may run:\n" + dialect.render_script(statements)
        return note
    if isinstance(script, ExecutableScript):
        return f"-- {script.path}: executable, run with MIGRATA_DIRECTION={direction}\n"
    raise MigrationFailed(f"unknown script {script!r}")
