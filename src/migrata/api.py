"""The Python API; the CLI is a thin layer over it. Nothing here prints.

    from migrata import Migrator
    with Migrator("postgresql://localhost/app", "migrations") as m:
        m.apply()
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from migrata.config import DEFAULT_TABLE, Config, load_config
from migrata.errors import (
    ChangedMigration,
    ConfigError,
    DatabaseError,
    HistoryError,
    MigrataError,
    MigrationFailed,
    UnknownTarget,
    UnresolvedFailure,
    driver_message,
    is_driver_error,
)
from migrata.project.discover import Source, discover_migrations, resolve_source
from migrata.project.graph import MigrationGraph, build_graph
from migrata.project.migration import (
    UP,
    Migration,
)
from migrata.project.plan import (
    CHANGED,
    Plan,
    Record,
    Step,
    compute_states,
    find_target,
    plan_apply,
    plan_fake,
    plan_rollback,
)
from migrata.results import Report, Status
from migrata.run.script import committed_statements, render_steps

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from migrata.database import Database
    from migrata.dialects.base import Dialect
    from migrata.project.plan import MigrationState
    from migrata.run.connection import DriverConnection
    from migrata.run.history import HistoryStore
    from migrata.run.runner import ProgressCallback, Runner


@dataclass
class _Session:
    conn: DriverConnection
    dialect: Dialect
    history: HistoryStore
    runner: Runner
    records: dict[str, Record]


@contextmanager
def _database_errors(database: Database) -> Iterator[None]:
    """Turn a driver error outside any migration (busy, gone, refused) into one sentence."""
    try:
        yield
    except Exception as exc:
        if not is_driver_error(exc):
            raise
        from migrata.urls import mask_in

        reason = driver_message(exc)
        raise DatabaseError(mask_in(f"{database.label}: {reason}", database.raw_url)) from exc


class Migrator:
    """Migrations in a folder (or several sources) and one database to run them on."""

    def __init__(
        self,
        url_or_engine: str | Engine | None,
        directory: str | Path = "migrations",
        *,
        sources: Sequence[str | dict] | None = None,
        table: str = DEFAULT_TABLE,
        lock_timeout: float = 60.0,
        base: Path | None = None,
        graph: MigrationGraph | None = None,
    ) -> None:
        base = (base or Path.cwd()).resolve()
        entries = list(sources) if sources else [str(directory)]
        self.sources: list[Source] = [resolve_source(e, base, i) for i, e in enumerate(entries)]
        self.table = table
        self.lock_timeout = lock_timeout
        self._database: Database | None = None
        if url_or_engine is not None:
            from migrata.database import Database

            self._database = Database(url_or_engine)
        self._graph: MigrationGraph | None = graph  # shared by fleet runs over many databases

    @classmethod
    def from_config(
        cls,
        config: Config | Path | str | None = None,
        *,
        url: str | Engine | None = None,
        database: str | None = None,
        require_url: bool = True,
        graph: MigrationGraph | None = None,
    ) -> Migrator:
        """A Migrator for a configured project; the URL comes from *url* or the configuration."""
        if not isinstance(config, Config):
            config = load_config(config)
        if url is None:
            url = config.database_url(database)
        if url is None and require_url:
            raise ConfigError(
                "no database given: pass --url, set MIGRATA_URL, or set url in migrata.toml"
            )
        return cls(
            url, sources=config.sources, table=config.table,
            lock_timeout=config.lock_timeout, base=config.root, graph=graph,
        )  # fmt: skip

    def __enter__(self) -> Migrator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._database is not None:
            self._database.dispose()

    # -- what is on disk ----------------------------------------------------------------------

    @property
    def database(self) -> Database:
        if self._database is None:
            raise ConfigError("no database given: pass --url, set MIGRATA_URL, or set url in migrata.toml")
        return self._database

    @property
    def graph(self) -> MigrationGraph:
        if self._graph is None:
            self._graph = build_graph(discover_migrations(self.sources))
        return self._graph

    def reload(self) -> None:
        """Forget what was read from disk (after files changed)."""
        self._graph = None

    def sibling(self, url_or_engine: str | Engine) -> Migrator:
        """The same migrations (read once) on another database: scratch copies, fleet sites."""
        other = Migrator.__new__(Migrator)
        other.sources, other.table, other.lock_timeout = self.sources, self.table, self.lock_timeout
        from migrata.database import Database

        other._database = Database(url_or_engine)
        other._graph = self._graph
        return other

    def sites_for(self, dialects: Sequence[str], config: Config) -> list[Migrator]:
        """One database per dialect family (MariaDB and MySQL share their variant files): this
        one where it fits, else the first database of that family in *config*."""
        from migrata.dialects import dialect_class
        from migrata.urls import split_url

        def family(name: str) -> str:
            return dialect_class(name).variants[-1]

        sites: list[Migrator] = []
        for wanted in dict.fromkeys(family(d) for d in dialects):
            if family(self.dialect.name) == wanted:
                sites.append(self)
                continue
            for entry in config.databases.values():
                url = entry.resolve_url()
                if family(split_url(url).backend) == wanted:
                    sites.append(self.sibling(url))
                    break
            else:
                raise ConfigError(
                    f"--dialect {wanted}: {config.describe()} names no {wanted} database; "
                    "add one under [databases]"
                )
        return sites

    @property
    def dialect(self) -> Dialect:
        """This database's dialect (connects once to tell MariaDB from MySQL)."""
        return self.database.dialect()

    @property
    def write_folder(self) -> Path:
        """Where new migrations go: the first source's folder."""
        return self.sources[0].path

    @property
    def migrations(self) -> list[Migration]:
        """Every migration, in the order they run."""
        return list(self.graph.order)

    def get(self, name: str) -> Migration:
        return self.graph.order[find_target(self.graph.order, name)]

    # -- sessions -----------------------------------------------------------------------------

    @contextmanager
    def _session(self, *, lock: bool, progress: ProgressCallback | None = None) -> Iterator[_Session]:
        from migrata.run.history import HistoryStore
        from migrata.run.runner import Runner

        graph = self.graph  # read the files before touching the database
        del graph
        with (
            self.database.open(create=lock) as (conn, dialect),
            _database_errors(self.database),
            dialect.session(conn, readonly=not lock),
        ):
            history = HistoryStore(conn, dialect, self.table)
            runner = Runner(conn, dialect, history, self.database.target(dialect), progress)
            if not lock:
                yield _Session(conn, dialect, history, runner, history.load())
                return
            with dialect.lock(conn, self.table, self.lock_timeout):
                history.ensure()
                yield _Session(conn, dialect, history, runner, history.load())

    def _states(self, session: _Session) -> list[MigrationState]:
        return compute_states(self.graph.order, session.records, session.dialect.variants)

    def _run(
        self, session: _Session, plan: Plan, action: str, fake: bool = False, single: bool = False
    ) -> Report:
        report = Report(self.database.label, session.dialect.name, action)
        clock = time.perf_counter()
        try:
            report.steps = session.runner.run(
                plan, session.records, fake=fake, single_transaction=single
            )
        except MigrataError as exc:
            exc.report = report  # type: ignore[attr-defined]
            raise
        report.duration_ms = int((time.perf_counter() - clock) * 1000)
        return report

    # -- commands -----------------------------------------------------------------------------

    def status(self) -> Status:
        """The state of every migration on this database; changes nothing."""
        order = self.graph.order
        with self.database.open() as (conn, dialect), _database_errors(self.database):
            from migrata.run.records import read_records

            records = read_records(conn, dialect, self.table)
        return Status(self.database.label, dialect.name, compute_states(order, records, dialect.variants))

    def apply_only(self, keys: set[str] | None = None) -> Report:
        """Apply exactly the migrations *keys* (None: every pending one), in run order."""
        with self._session(lock=True) as session:
            states = self._states(session)
            steps = tuple(
                Step(s.migration, UP)
                for s in states
                if s.migration is not None and s.record is None and (keys is None or s.key in keys)
            )
            return self._run(session, Plan(UP, steps), "apply")

    def plan(self, target: str | None = None) -> Plan:
        """What ``apply`` would run now."""
        with self._session(lock=False) as session:
            return plan_apply(self.graph.order, self._states(session), target)

    def apply(
        self,
        target: str | None = None,
        *,
        fake: bool = False,
        allow_changed: bool = False,
        single_transaction: bool = False,
        progress: ProgressCallback | None = None,
    ) -> Report:
        """Apply every pending migration (up to and including *target*), each on its own.

        :param target: the last migration to apply (a name, a unique prefix or its number).
        :param fake: record the migrations as applied without running them.
        :param allow_changed: go on although applied migrations changed on disk.
        :param single_transaction: run the whole plan as one transaction (where DDL is
            transactional): all of it is applied, or none of it.
        """
        with self._session(lock=True, progress=progress) as session:
            states = self._states(session)
            changed = [s.key for s in states if s.state == CHANGED]
            if changed and not allow_changed:
                raise ChangedMigration(changed, self.database.label)
            with self._explained(session.dialect):
                plan = plan_apply(self.graph.order, states, target)
            return self._run(session, plan, "fake" if fake else "apply", fake, single_transaction)

    def upgrade(self, target: str | None = None) -> Report:
        """Alias of :meth:`apply`, for code that embeds migrata at start-up."""
        return self.apply(target)

    def rollback(
        self,
        target: str | None = None,
        *,
        steps: int | None = None,
        fake: bool = False,
        progress: ProgressCallback | None = None,
    ) -> Report:
        """Undo applied migrations after *target* (``"zero"``: all of them), newest first.

        :param target: the migration to roll back to (it stays applied); ``zero`` for none.
        :param steps: without a target, how many of the last applied migrations to undo (1).
        :param fake: remove the records without running the down scripts.
        """
        with self._session(lock=True, progress=progress) as session, self._explained(session.dialect):
            plan = plan_rollback(
                self.graph.order, self._states(session), target, steps,
                session.dialect.variants, check_reversible=not fake,
            )  # fmt: skip
            return self._run(session, plan, "unfake" if fake else "rollback", fake)

    @contextmanager
    def _explained(self, dialect: Dialect) -> Iterator[None]:
        """Add to an unresolved failure the statements that had committed."""
        try:
            yield
        except UnresolvedFailure as exc:
            record = next(
                (s.record for s in self.status().migrations if s.key == exc.name), None
            )
            if record is None or exc.name not in self.graph.nodes:
                raise
            ran = committed_statements(self.graph.nodes[exc.name], record, dialect)
            raise UnresolvedFailure(exc.name, f"{exc}; committed: {ran}") from None

    def fake(self, target: str) -> Report:
        """Record every migration up to and including *target* as applied, running nothing."""
        with self._session(lock=True) as session:
            plan = plan_fake(self.graph.order, self._states(session), target)
            return self._run(session, plan, "fake", fake=True)

    def baseline(self, schema: str | Path | Any) -> Report:
        """On an empty database, install a canonical schema and record every migration as applied.

        :param schema: a SQL file, a SQLAlchemy ``MetaData``, or a callable taking the
            connection (nous.migration's ``init_migration``).
        """
        install = self._installer(schema)
        with self._session(lock=True) as session:
            self._require_empty(session)
            return self._baseline(session, install)

    def set_up(self, init_schema: str | Path | Any = None, *, run_scripts: bool = True) -> Report:
        """Bring the database up to date at application start-up (seeds/001 ``set_up_migration``).

        On an empty database: run every migration (``run_scripts=True``), or install
        *init_schema* and record every migration as applied (``run_scripts=False``). On a
        database with a history: apply what is pending. Safe to call from several processes
        starting at once: the lock makes one of them do the work and the others find it done.
        """
        install = None if run_scripts or init_schema is None else self._installer(init_schema)
        with self._session(lock=True) as session:
            if install is not None and not session.records:
                self._require_empty(session)
                return self._baseline(session, install)
            states = self._states(session)
            changed = [s.key for s in states if s.state == CHANGED]
            if changed:
                raise ChangedMigration(changed, self.database.label)
            return self._run(session, plan_apply(self.graph.order, states), "apply")

    def _installer(self, schema: str | Path | Any) -> tuple[str, Any, bool]:
        """(a name for messages, a function of (executor, connection) that installs *schema*,
        whether that function needs SQLAlchemy)."""
        if isinstance(schema, str | Path):
            path = Path(schema)
            try:
                text = path.read_text(encoding="utf-8")
            except OSError as exc:
                raise ConfigError(f"the schema file {path} cannot be read ({exc.strerror})") from None
            return path.name, lambda executor, conn: executor.run_script(text, str(path)), False
        if hasattr(schema, "create_all"):  # a SQLAlchemy MetaData
            return "metadata", lambda executor, conn: schema.create_all(conn.sqlalchemy), True
        if callable(schema):
            name = getattr(schema, "__name__", "init_schema")
            return name, lambda executor, conn: schema(conn.sqlalchemy), True
        raise ConfigError(f"a schema must be a SQL file, a MetaData or a callable, not {schema!r}")

    def _baseline(self, session: _Session, install: tuple[str, Any, bool]) -> Report:
        from migrata.run.executor import ATOMIC, Executor
        from migrata.run.history import now
        from migrata.run.runner import StepResult

        name, run, uses_sqlalchemy = install
        # One transaction where DDL is transactional: the schema and its records, or nothing.
        executor = Executor(
            session.conn, session.dialect, mode=ATOMIC, migration=f"baseline {name}",
            database=self.database.label, url=self.database.raw_url,
        )  # fmt: skip
        report = Report(self.database.label, session.dialect.name, "baseline")
        if uses_sqlalchemy:
            session.conn.prepare_sqlalchemy()  # before the transaction opens
        with session.conn.transaction():
            try:
                run(executor, session.conn)
            except MigrataError:
                raise
            except Exception as exc:
                raise MigrationFailed(
                    f"baseline {name} failed on {self.database.label}: {type(exc).__name__}: {exc}",
                    database=self.database.label,
                ) from exc
            stamp = now()
            for migration in self.graph.order:
                checksum = migration.checksum(session.dialect.variants)
                session.history.write(
                    migration, checksum, replace=False, state="applied", direction=UP,
                    statements_done=0, how="baseline", started_at=stamp, finished_at=stamp,
                    duration_ms=0,
                )  # fmt: skip
                session.history.log(migration, "baseline", checksum, 0, name)
                report.steps.append(StepResult(migration.key, UP, "baseline", 0))
        return report

    def _require_empty(self, session: _Session) -> None:
        from sqlalchemy import inspect

        if session.records:
            raise HistoryError(f"{self.database.label} already has a migration history; baseline needs an empty database")
        ours = {session.history.name, session.history.log_name}
        tables = [t for t in inspect(session.conn.sqlalchemy).get_table_names() if t not in ours]
        if tables:
            shown = ", ".join(sorted(tables)[:5])
            raise HistoryError(
                f"{self.database.label} is not empty (it has {shown}); baseline needs an empty database"
            )

    def resolve(self, name: str, how: str) -> Report:
        """Settle a migration that stopped part-way on a database without transactional DDL.

        :param how: ``done`` (it was finished by hand), ``undone`` (its effects were undone by
            hand) or ``continue`` (run its remaining statements, after fixing the file).
        """
        if how not in ("done", "undone", "continue"):
            raise ConfigError(f"resolve takes done, undone or continue, not {how!r}")
        with self._session(lock=True) as session:
            record = session.records.get(name) or next(
                (r for r in session.records.values() if r.name == name), None
            )
            if record is None and name not in ("", "zero"):
                record = session.records.get(self.get(name).key)
            if record is None or not record.unfinished:
                raise UnknownTarget(name, f"{name!r} has no failed or interrupted run to resolve")
            report = Report(self.database.label, session.dialect.name, f"resolve-{how}")
            if how == "continue":
                migration = self.get(record.key)
                step = Step(migration, record.direction)
                run = session.runner.apply_step if record.direction == UP else session.runner.rollback_step
                report.steps.append(run(step, record, skip=record.statements_done))
                return report
            self._settle(session, record, done=how == "done")
            return report

    def _settle(self, session: _Session, record: Record, *, done: bool) -> None:
        from migrata.run.history import now

        history = session.history
        keep = done == (record.direction == UP)  # the migration ends up applied
        with session.conn.transaction():
            if keep:
                history.set_state(
                    record, state="applied", direction=UP, error=None, finished_at=now()
                )
            else:
                history.forget(record)
            action = "resolve-done" if done else "resolve-undone"
            history.log(record, action, record.checksum, None, f"{record.direction} after {record.statements_done} statement(s)")

    def rehash(self, names: Sequence[str] = ()) -> list[str]:
        """Accept the current content of applied migrations that changed on disk."""
        with self._session(lock=True) as session:
            states = [s for s in self._states(session) if s.state == CHANGED]
            if names:
                wanted = {self.get(n).key for n in names}
                states = [s for s in states if s.key in wanted]
            with session.conn.transaction():
                for state in states:
                    assert state.migration is not None
                    checksum = state.migration.checksum(session.dialect.variants)
                    session.history.set_state(state.migration, checksum=checksum)
                    session.history.log(state.migration, "rehash", checksum)
            return [s.key for s in states]

    def history_log(self) -> list[dict[str, Any]]:
        """Every apply, rollback, fake, baseline and failure, oldest first."""
        with self._session(lock=False) as session:
            return session.history.entries()

    # -- schemas: drift, autogenerate, adopt, verify (schema_commands.py) -------------------------

    def diff(
        self, source: str = "applied", target: str = "database", *,
        questioner: Any = None, scratch_url: str | None = None,
    ) -> Any:  # fmt: skip
        """The operations that take *source*'s schema to *target*'s (default: the drift of the
        live database from what its applied migrations build).

        :param source: ``database``, ``migrations``, ``applied``, a URL, a ``.sql`` file, or a
            SQLAlchemy ``module:attribute``.
        """
        from migrata.schema_commands import diff_schemas

        return diff_schemas(self, source, target, questioner, scratch_url)

    def autogenerate(
        self, name: str, source: str, *, sites: Sequence[Migrator] = (),
        questioner: Any = None, scratch_url: str | None = None,
    ) -> Any:  # fmt: skip
        """Write ``NNNN_name.sql`` (and ``.down.sql``) taking the migrations' schema to *source*."""
        from migrata.schema_commands import autogenerate

        return autogenerate(self, name, source, sites, questioner, scratch_url)

    def adopt(self, *, scratch_url: str | None = None) -> Any:
        """Record the migrations a database built without migrata already has (``fake``)."""
        from migrata.schema_commands import adopt

        return adopt(self, scratch_url)

    def verify(self, against: str | None = None, *, scratch_url: str | None = None) -> Any:
        """In a scratch database: every migration up, down and up again; optionally the end
        schema against a source."""
        from migrata.schema_commands import verify

        return verify(self, against, scratch_url)

    # -- SQL, without running it ----------------------------------------------------------------

    def show(self, name: str, *, direction: str = UP, dialect: str | None = None) -> str:
        """The SQL *name* runs on this database's dialect (or *dialect*), as a script."""
        return render_steps([Step(self.get(name), direction)], self._offline_dialect(dialect))

    def apply_sql(self, target: str | None = None) -> str:
        """The SQL ``apply`` would run now, as one script; nothing is executed."""
        with self._session(lock=False) as session:
            plan = plan_apply(self.graph.order, self._states(session), target)
            return render_steps(plan.steps, session.dialect)

    def rollback_sql(self, target: str | None = None, *, steps: int | None = None) -> str:
        """The SQL ``rollback`` would run now, as one script; nothing is executed."""
        with self._session(lock=False) as session:
            plan = plan_rollback(
                self.graph.order, self._states(session), target, steps, session.dialect.variants
            )
            return render_steps(plan.steps, session.dialect)

    def _offline_dialect(self, name: str | None) -> Dialect:
        from migrata.dialects import dialect_class

        if name:
            return dialect_class(name)()
        return self.database.offline_dialect()
