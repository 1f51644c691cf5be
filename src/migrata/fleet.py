"""Run one command on many databases at once: Carol's seven sites in one `migrata apply --all`.

Each database gets its own Migrator (connection, lock, history) in a worker thread; the work is
waiting on servers, so threads overlap it well. A failing database is reported in its own
outcome and never stops or touches the others, unless ``fail_fast`` asks to stop starting new
ones. The migrations are read from disk once and shared.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from migrata.errors import MigrataError

if TYPE_CHECKING:
    from migrata.api import Migrator
    from migrata.config import Config
    from migrata.results import Report, Status
    from migrata.run.runner import ProgressCallback

DEFAULT_JOBS = 8
#: (database name, event, detail): "start", "step" (a migration finished), "done", "failed".
FleetEvent = Callable[[str, str, Any], None]
Command = Callable[["Migrator", "ProgressCallback"], "Report | Status"]


@dataclass
class Outcome:
    """What happened on one database."""

    name: str
    database: str | None = None
    dialect: str | None = None
    applied_before: int | None = None
    applied_after: int | None = None
    duration_ms: int = 0
    result: Report | Status | None = None
    error: str | None = None
    exit_code: int = 0
    skipped: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None and not self.skipped

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "database": self.database,
            "dialect": self.dialect,
            "applied_before": self.applied_before,
            "applied_after": self.applied_after,
            "duration_ms": self.duration_ms,
            "result": "skipped" if self.skipped else ("ok" if self.ok else "failed"),
            "error": self.error,
            "exit_code": self.exit_code,
            "detail": self.result.to_dict() if self.result is not None else None,
        }


def _applied(migrator: Migrator) -> tuple[int, str, str]:
    status = migrator.status()
    return status.count("applied") + status.count("changed"), status.database, status.dialect


def run_one(config: Config, name: str, command: Command, notify: FleetEvent, graph: Any) -> Outcome:
    """Run *command* on database *name*; every error becomes part of the outcome."""
    from migrata.api import Migrator

    outcome = Outcome(name)
    clock = time.perf_counter()
    notify(name, "start", None)
    try:
        with Migrator.from_config(config, database=name, graph=graph) as migrator:
            outcome.applied_before, outcome.database, outcome.dialect = _applied(migrator)
            outcome.result = command(migrator, lambda event, step, i, total, result: notify(
                name, "step", (event, step.key, i, total, result)
            ))  # fmt: skip
            outcome.applied_after, _, _ = _applied(migrator)
    except MigrataError as exc:
        outcome.error, outcome.exit_code = str(exc), exc.exit_code
    except Exception as exc:  # a bug on one database must not take the others down
        outcome.error, outcome.exit_code = f"{type(exc).__name__}: {exc}", 3
    outcome.duration_ms = int((time.perf_counter() - clock) * 1000)
    notify(name, "failed" if outcome.error else "done", outcome)
    return outcome


def run_many(
    config: Config,
    names: Sequence[str],
    command: Command,
    *,
    jobs: int = DEFAULT_JOBS,
    fail_fast: bool = False,
    notify: FleetEvent | None = None,
) -> list[Outcome]:
    """Run *command* on every database in *names*, at most *jobs* at a time; outcomes in order."""
    from migrata.api import Migrator

    notify = notify or (lambda name, event, detail: None)
    graph = Migrator(None, sources=config.sources, base=config.root).graph  # read files once
    outcomes: dict[str, Outcome] = {}
    waiting = list(names)
    running: dict[Future[Outcome], str] = {}
    with ThreadPoolExecutor(max_workers=max(1, jobs), thread_name_prefix="migrata") as pool:
        while waiting or running:
            stop = fail_fast and any(not o.ok for o in outcomes.values())
            while waiting and len(running) < jobs and not stop:
                name = waiting.pop(0)
                running[pool.submit(run_one, config, name, command, notify, graph)] = name
            if stop:
                for name in waiting:
                    outcomes[name] = Outcome(name, skipped=True, error="not started (--fail-fast)")
                waiting = []
            if not running:
                break
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                outcomes[running.pop(future)] = future.result()
    return [outcomes[name] for name in names]


def exit_code(outcomes: Sequence[Outcome]) -> int:
    """3 if any database failed a migration, else the worst of the others' codes."""
    return max((o.exit_code for o in outcomes), default=0)
