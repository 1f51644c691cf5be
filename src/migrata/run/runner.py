"""Run a Plan step by step and record each step in the history.

Where the dialect has transactional DDL, a migration and its history row commit together or
not at all. Elsewhere (MySQL/MariaDB, ``transaction: off``, executables) a ``running`` row is
written first and the count of committed statements is kept with each statement, so that the
history never claims more, or less, than what happened.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, nullcontext, suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING

from migrata.errors import ConfigError, MigrataError, MigrationFailed, OutputMismatch
from migrata.project.migration import (
    DOWN,
    OUT,
    UP,
    ExecutableScript,
    Migration,
    PythonScript,
    SqlScript,
)
from migrata.project.plan import Plan, Record, Step
from migrata.run.context import MigrationContext
from migrata.run.executable import run_executable
from migrata.run.executor import ATOMIC, AUTOCOMMIT, JOURNAL, Executor
from migrata.run.expected_output import compare
from migrata.run.history import HistoryStore, now

if TYPE_CHECKING:
    from migrata.database import Target
    from migrata.dialects.base import Dialect
    from migrata.run.connection import DriverConnection

ProgressCallback = Callable[[str, Step, int, int, "StepResult | None"], None]


@dataclass(frozen=True)
class StepResult:
    """What happened to one migration."""

    key: str
    direction: str
    action: str  # apply | rollback | fake | unfake
    duration_ms: int
    late: bool = False
    statements: int = 0


class Runner:
    """Executes plans on one connection that already holds the migration lock."""

    def __init__(
        self,
        conn: DriverConnection,
        dialect: Dialect,
        history: HistoryStore,
        target: Target,
        progress: ProgressCallback | None = None,
    ) -> None:
        self.conn = conn
        self.dialect = dialect
        self.history = history
        self.target = target
        self.variants = dialect.variants
        self.progress = progress or (lambda event, step, index, total, result: None)
        self.commit_interval = dialect.commit_interval
        self._single = False
        self._next: Step | None = None
        self._records: Mapping[str, Record] = {}
        self._started_early: str | None = None
        self._batch_started = 0.0
        self._unannounced: list[tuple[Step, int, int, StepResult]] = []

    def run(
        self,
        plan: Plan,
        records: Mapping[str, Record],
        *,
        fake: bool = False,
        single_transaction: bool = False,
    ) -> list[StepResult]:
        """Run every step; with *single_transaction*, all of them commit together or not at all."""
        if not fake:
            self._read_ahead(plan)
        if single_transaction and not fake:
            self._check_single(plan)
            if any(_uses_sqlalchemy(step.migration) for step in plan.steps):
                self._commit()
                self.conn.prepare_sqlalchemy()  # before the one transaction begins
        self._single = single_transaction and not fake
        self._failed: tuple[Migration, str, str, BaseException] | None = None
        try:
            results = self._run_steps(plan, records, fake)
            self._single = False
            self._commit()
            return results
        except BaseException:
            if self._single and self.conn.in_transaction():
                self.conn.rollback()
                self.history.drop()
                self._unannounced.clear()
                if self._failed is not None:
                    self._single = False
                    self._record_failure(*self._failed, None)
            raise
        finally:
            self._single = False

    def _read_ahead(self, plan: Plan) -> None:
        """Read every SQL file the plan runs before its first statement: a file that cannot be
        read (or changed since discovery) stops the run before anything is applied, and a
        thousand small reads cost less together than between statements."""
        variants = self.variants
        for step in plan.steps:
            up = step.direction == UP
            for script in step.migration.scripts:
                if isinstance(script, PythonScript) and script.sql is not None and up:
                    script.sql.text(UP, variants)  # the SQL beside it counts in its checksum
                elif isinstance(script, SqlScript):
                    text = script.text(step.direction, variants)
                    if text is not None and up:
                        script.text(OUT, variants)  # checked only where the script runs

    def _check_single(self, plan: Plan) -> None:
        for step in plan.steps:
            if not self._atomic(step.migration):
                raise ConfigError(
                    f"--single-transaction needs every migration to run in a transaction, but "
                    f"{step.key} cannot on {self.dialect.name} (transaction: off, an executable, "
                    "or DDL that commits implicitly)"
                )

    def _run_steps(
        self, plan: Plan, records: Mapping[str, Record], fake: bool
    ) -> list[StepResult]:
        results = []
        total = len(plan.steps)
        self._records = records
        for index, step in enumerate(plan.steps):
            self._next = plan.steps[index + 1] if index + 1 < total else None
            self.progress("start", step, index, total, None)
            record = records.get(step.key)
            if fake:
                result = self._fake(step, record)
            elif step.direction == UP:
                result = self.apply_step(step, record)
            else:
                result = self.rollback_step(step, record)
            results.append(result)
            self._unannounced.append((step, index, total, result))
            self._maybe_commit()
        return results

    # -- batching -----------------------------------------------------------------------------
    # Where the dialect asks for it (``Dialect.commit_interval`` > 0), each atomic migration
    # runs in its own SAVEPOINT inside a transaction that commits at most every interval. A
    # failing migration is rolled back alone and everything before it is committed, exactly as
    # with one transaction per migration; a crash loses at most the last interval's
    # migrations, and the history stays true, since a migration and its history row are always
    # in the same transaction. Elsewhere each migration is its own transaction.

    def _open_batch(self) -> None:
        if not self.conn.in_transaction():
            self.conn.begin()
            self._batch_started = time.perf_counter()
        self.history.defer()

    def _maybe_commit(self) -> None:
        if self._single:
            return
        full = self.dialect.max_batch and len(self._unannounced) >= self.dialect.max_batch
        if full or time.perf_counter() - self._batch_started >= self.commit_interval:
            self._commit()

    @contextmanager
    def _savepoint(self, executor: Executor, migration: Migration) -> Iterator[None]:
        """A savepoint around one migration (carried by its statements where that saves
        round trips: see Executor.carry)."""
        begin, end = "SAVEPOINT migrata_step", "RELEASE SAVEPOINT migrata_step"
        scripts = migration.scripts
        carried = self.dialect.carries_statements and len(scripts) == 1 and isinstance(scripts[0], SqlScript)
        if carried:
            executor.carry(begin, end)
        else:
            self.conn.execute(begin)
        try:
            yield
        except BaseException:
            sent = executor.carry_before is None  # else nothing ran: no savepoint to go back to
            executor.carry_before = executor.carry_after = None
            if sent:
                with suppress(Exception):  # a lost connection has nothing left to roll back
                    self.conn.execute("ROLLBACK TO SAVEPOINT migrata_step")
                    self.conn.execute("RELEASE SAVEPOINT migrata_step")
            raise
        if carried:
            executor.flush_carried()
        else:
            self.conn.execute(end)

    def _commit(self) -> None:
        """Commit the open batch, then report its steps as done (now they are durable)."""
        if self._single:
            return
        if self.conn.in_transaction():
            self.history.flush(commit=True)
        for step, index, total, result in self._unannounced:
            self.progress("done", step, index, total, result)
        self._unannounced.clear()

    def _fake(self, step: Step, record: Record | None) -> StepResult:
        migration = step.migration
        checksum = migration.checksum(self.variants)
        self._open_batch()
        if step.direction == UP:
            stamp = now()
            self.history.write(
                migration, checksum, replace=record is not None, state="applied",
                direction=UP, statements_done=0, how="fake", started_at=stamp,
                finished_at=stamp, duration_ms=0,
            )  # fmt: skip
            self.history.log(migration, "fake", checksum, 0)
        else:
            self.history.forget(migration)
            self.history.log(migration, "unfake", checksum, 0)
        return StepResult(step.key, step.direction, "fake" if step.direction == UP else "unfake", 0)

    def _atomic(self, migration: Migration) -> bool:
        return self.dialect.has_transactional_ddl and migration.transaction(self.variants)

    def apply_step(self, step: Step, record: Record | None, skip: int = 0) -> StepResult:
        return self._step(step, record, skip)

    def rollback_step(self, step: Step, record: Record | None, skip: int = 0) -> StepResult:
        return self._step(step, record, skip)

    def _step(self, step: Step, record: Record | None, skip: int) -> StepResult:
        migration, direction = step.migration, step.direction
        checksum = self._checksum(step, record)
        started, clock = now(), time.perf_counter()
        if not self.conn.has_sqlalchemy and _uses_sqlalchemy(migration):
            self._commit()  # the batch so far: SQLAlchemy's first connect rolls back
            self.conn.prepare_sqlalchemy()
        if self._atomic(migration):
            executor = self._executor(migration, ATOMIC, None, 0)
            self._open_batch()
            mark = self.history.mark()
            savepoint = not self._single and self.commit_interval > 0
            try:
                with self._savepoint(executor, migration) if savepoint else nullcontext():
                    self._run_scripts(migration, direction, executor)
                    self._finish(migration, direction, checksum, record, started, clock, executor)
            except BaseException as exc:
                self.history.discard(mark)
                if self._single:
                    self._failed = (migration, direction, checksum, exc)
                else:
                    if savepoint:
                        self._commit()  # keep the migrations before this one
                    else:
                        self.conn.rollback()
                        self.history.drop()
                    self._record_failure(migration, direction, checksum, exc, None)
                raise
        else:
            self._commit()
            mode = JOURNAL if migration.transaction(self.variants) else AUTOCOMMIT
            # The `running` row commits with the first statement (see Executor.settle), or
            # was written with the previous migration's last commit (_start_next).
            if self._started_early != migration.key:
                self._start(migration, direction, checksum, record, started, skip)
            self._started_early = None
            executor = self._executor(
                migration, mode, lambda n: self.history.set_state(migration, statements_done=n), skip
            )
            try:
                with self.conn.autocommit() if mode == AUTOCOMMIT else nullcontext():
                    self._run_scripts(migration, direction, executor)
            except BaseException as exc:
                self._keep_what_succeeded(executor)
                self._record_failure(migration, direction, checksum, exc, executor.done)
                raise
            self.history.defer()  # this migration's rows, the next one's, and COMMIT: one trip
            self._finish(migration, direction, checksum, record, started, clock, executor)
            self._start_next()
            self.history.flush(commit=True)
        return self._result(step, clock, executor)

    def _start_next(self) -> None:
        """Write the next migration's `running` row in this commit: on MySQL that spares the
        implicit commit before its first DDL a flush to disk (one fewer fsync per migration).
        If the run stops before it, the row says: failed before any statement committed."""
        step = self._next
        if step is None or self._atomic(step.migration):
            return
        record = self._records.get(step.key)
        checksum = self._checksum(step, record)
        self._start(step.migration, step.direction, checksum, record, now(), 0)
        self._started_early = step.key

    def _checksum(self, step: Step, record: Record | None) -> str:
        """What the history records: the files' checksum going up; going down, the one
        recorded when the migration was applied."""
        if step.direction == DOWN and record is not None:
            return record.checksum
        return step.migration.checksum(self.variants)

    def _result(self, step: Step, clock: float, executor: Executor) -> StepResult:
        duration = int((time.perf_counter() - clock) * 1000)
        action = "apply" if step.direction == UP else "rollback"
        return StepResult(step.key, step.direction, action, duration, step.late, executor.done)

    def _executor(
        self, migration: Migration, mode: str, journal: Callable[[int], None] | None, skip: int
    ) -> Executor:
        return Executor(
            self.conn, self.dialect, mode=mode, migration=migration.key,
            database=self.target.label, url=self.target.url, journal=journal, skip=skip,
        )  # fmt: skip

    def _start(
        self, migration: Migration, direction: str, checksum: str, record: Record | None,
        started: object, skip: int,
    ) -> None:  # fmt: skip
        if direction == UP:
            self.history.write(
                migration, checksum, replace=record is not None, state="running", direction=UP,
                statements_done=skip, how="run", started_at=started, error=None,
            )  # fmt: skip
        else:
            self.history.set_state(
                migration, state="running", direction=DOWN, statements_done=skip, error=None
            )

    def _finish(
        self, migration: Migration, direction: str, checksum: str, record: Record | None,
        started: object, clock: float, executor: Executor,
    ) -> None:  # fmt: skip
        duration = int((time.perf_counter() - clock) * 1000)
        if direction == DOWN:
            self.history.forget(migration)
            self.history.log(migration, "rollback", checksum, duration)
            return
        finished = now()
        values = dict(
            state="applied", direction=UP, statements_done=executor.done, how="run",
            started_at=started, finished_at=finished, duration_ms=duration, error=None,
        )  # fmt: skip
        if executor.mode == ATOMIC:
            self.history.write(migration, checksum, replace=record is not None, **values)
        else:
            self.history.set_state(migration, **values)
        self.history.log(migration, "apply", checksum, duration, at=finished)

    def _keep_what_succeeded(self, executor: Executor) -> None:
        """Commit the statements that succeeded before an interruption, so that the count the
        failure records is true (a failed statement was already rolled back by the executor)."""
        try:
            executor.settle()
        except Exception:  # then nothing pending survives, and the count says so
            if self.conn.in_transaction():
                self.conn.rollback()
            executor.done = executor.journaled

    def _record_failure(
        self, migration: Migration, direction: str, checksum: str, exc: BaseException,
        done: int | None,
    ) -> None:  # fmt: skip
        """Write down what failed, in its own transaction; never mask the original error."""
        message = str(exc) if isinstance(exc, MigrataError) else f"{type(exc).__name__}: {exc}"
        self.history.drop()  # what was deferred is flushed or belongs to the rolled-back work
        try:
            if self.conn.in_transaction():
                self.conn.rollback()
            with self.conn.transaction():
                if done is not None:
                    self.history.set_state(
                        migration, state="failed", statements_done=done, error=message[:2000]
                    )
                self.history.log(migration, f"fail-{direction}", checksum, None, message[:2000])
        except Exception:
            pass

    # -- scripts ------------------------------------------------------------------------------

    def _run_scripts(self, migration: Migration, direction: str, executor: Executor) -> None:
        scripts = migration.scripts if direction == UP else list(reversed(migration.scripts))
        for number, script in enumerate(scripts, start=1):
            if number > 1:
                executor.settle()  # the next script may be user code: record progress first
            if isinstance(script, SqlScript):
                self._run_sql(migration, script, direction, executor)
            elif isinstance(script, PythonScript):
                self._run_python(migration, script, direction, executor)
            elif isinstance(script, ExecutableScript):
                self._run_executable(migration, script, direction, executor)

    def _run_sql(
        self, migration: Migration, script: SqlScript, direction: str, executor: Executor
    ) -> None:
        where = script.file(direction, self.variants)
        text = script.text(direction, self.variants)
        if where is None or text is None:
            return
        # A resumed run (--continue) skips statements, so its output cannot be complete.
        check = direction == UP and executor.skip == 0
        expected_path = script.file(OUT, self.variants) if check else None
        executor.capture = [] if expected_path else None
        executor.run_script(text, where)
        if expected_path is not None:
            lines, executor.capture = executor.capture or [], None
            diff = compare(script.text(OUT, self.variants) or "", lines, expected_path)
            if diff is not None:
                outcome = (
                    "so the migration was rolled back"
                    if executor.mode == ATOMIC
                    else "but its statements had already committed (they cannot be rolled back "
                    "here), so it is recorded as failed; see `migrata resolve`"
                )
                raise OutputMismatch(
                    f"{migration.key}: the output on {self.target.label} differs from "
                    f"{expected_path}, {outcome}",
                    diff=diff, migration=migration.key, database=self.target.label,
                )  # fmt: skip

    def _run_python(
        self, migration: Migration, script: PythonScript, direction: str, executor: Executor
    ) -> None:
        module = load_module(script)
        function = (
            getattr(module, "upgrade", None) or getattr(module, "migrate", None)
            if direction == UP
            else getattr(module, "downgrade", None)
        )
        if function is None:
            return
        companion = script.sql.text(UP if direction == UP else DOWN, self.variants) if script.sql else None
        ctx = MigrationContext(
            executor, migration=migration.key, direction=direction, folder=script.path.parent,
            companion_sql=companion, url=self.target.url,
        )  # fmt: skip
        try:
            from inspect import signature  # imported here: only Python migrations need it

            if signature(function).parameters:
                function(ctx)
            else:
                function()  # nashvegas-style migrate() without arguments
        except MigrataError:
            raise
        except Exception as exc:
            raise MigrationFailed(
                f"{migration.key} failed on {self.target.label} in {_where(exc, script)}: "
                f"{type(exc).__name__}: {exc}",
                migration=migration.key, database=self.target.label,
            ) from exc  # fmt: skip

    def _run_executable(
        self, migration: Migration, script: ExecutableScript, direction: str, executor: Executor
    ) -> None:
        if executor.done < executor.skip:
            executor.done += 1
            return
        executor.settle()  # the program connects on its own: nothing of ours may be pending
        env = {
            "MIGRATA_URL": self.target.url,
            "MIGRATA_SQLALCHEMY_URL": self.target.sqlalchemy_url,
            "MIGRATA_DIALECT": self.dialect.name,
            "MIGRATA_MIGRATION": migration.key,
            "MIGRATA_DIRECTION": direction,
        }
        run_executable(script.path, env, migration=migration.key, database=self.target.label)
        executor.done += 1


def _uses_sqlalchemy(migration: Migration) -> bool:
    """Python migrations get SQLAlchemy's connection (``ctx``); nothing else needs it."""
    return any(isinstance(script, PythonScript) for script in migration.scripts)


def _where(exc: BaseException, script: PythonScript) -> str:
    """The line of the migration file where the exception passed, for the error message."""
    from traceback import extract_tb

    for frame in reversed(extract_tb(exc.__traceback__)):
        if frame.filename == str(script.path):
            return f"{script.path}, line {frame.lineno}"
    return str(script.path)


def load_module(script: PythonScript) -> object:
    """Import a migration module under a private name; its import must have no side effects."""
    import hashlib
    import importlib.util

    digest = hashlib.sha1(str(script.path).encode()).hexdigest()[:12]
    name = f"migrata_migration_{digest}"
    spec = importlib.util.spec_from_file_location(name, script.path)
    if spec is None or spec.loader is None:
        raise MigrationFailed(f"{script.path} cannot be imported", migration=script.stem)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        sys.modules.pop(name, None)
        raise MigrationFailed(
            f"{script.path} failed to import: {type(exc).__name__}: {exc}", migration=script.stem
        ) from exc
    return module
