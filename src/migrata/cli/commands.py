"""One click command per library call: parse options, call ``migrata.api``, format the result."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from migrata import __version__
from migrata.cli import output
from migrata.cli.output import StepPrinter, echo, emit_json
from migrata.errors import PendingMigrations

if TYPE_CHECKING:
    from migrata.api import Migrator
    from migrata.config import Config

F = Callable[..., Any]


def _remember(name: str) -> Callable[[click.Context, click.Parameter, Any], Any]:
    """Store a global option whether it came before or after the command name."""

    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        source = ctx.get_parameter_source(param.name or name)
        if source is not None and source != click.core.ParameterSource.DEFAULT:
            setattr(output.current_options(), name, value)
        return value

    return callback


def _decorated(function: F, decorators: list[Callable[[F], F]]) -> F:
    """Apply *decorators* as if written above *function*, first on top."""
    for decorator in reversed(decorators):
        function = decorator(function)
    return function


def common_options(function: F) -> F:
    """The global options, accepted on the group and on every command."""
    decorators = [
        click.option("--url", expose_value=False, callback=_remember("url"), help="Database URL (else MIGRATA_URL, else the configuration)."),
        click.option("--config", "config", expose_value=False, callback=_remember("config"), type=click.Path(dir_okay=False), help="Configuration file (default: migrata.toml or pyproject.toml, searched upwards)."),
        click.option("--database", multiple=True, expose_value=False, callback=_remember("database"), help="A database named in the configuration (repeatable)."),
        click.option("--json", "json", is_flag=True, expose_value=False, callback=_remember("json"), help="Print one JSON document."),
        click.option("-v", "--verbose", count=True, expose_value=False, callback=_remember("verbose"), help="Say more; on errors, show the causes."),
        click.option("-q", "--quiet", is_flag=True, expose_value=False, callback=_remember("quiet"), help="Print only errors."),
        click.option("--lock-timeout", type=float, expose_value=False, callback=_remember("lock_timeout"), help="Seconds to wait for another run's lock."),
        click.option("--traceback", is_flag=True, expose_value=False, callback=_remember("traceback"), help="Show the full traceback on errors."),
    ]
    return _decorated(function, decorators)


def _config() -> Config:
    from migrata.config import load_config

    return load_config(output.current_options().config)


def _migrator(require_url: bool = True) -> Migrator:
    from migrata.api import Migrator

    options = output.current_options()
    config = _config()
    if options.lock_timeout is not None:
        config.lock_timeout = options.lock_timeout
    url = options.url or (None if options.database else os.environ.get("MIGRATA_URL"))
    database = options.database[0] if options.database else None
    return Migrator.from_config(config, url=url, database=database, require_url=require_url)


def fleet_options(function: F) -> F:
    """--group, --all, --jobs and --fail-fast: the command runs on many databases at once."""
    decorators = [
        click.option("--group", "groups", multiple=True, help="Every database of a group in the configuration (repeatable)."),
        click.option("--all", "all_databases", is_flag=True, help="Every database in the configuration."),
        click.option("--jobs", type=click.IntRange(min=1), default=8, show_default=True, help="Databases worked on at once."),
        click.option("--fail-fast", is_flag=True, help="Start no more databases after one fails."),
    ]
    return _decorated(function, decorators)


def _fleet(groups: tuple[str, ...], all_databases: bool) -> list[str] | None:
    """The databases to run on, when more than one was asked for; None for the usual one."""
    options = output.current_options()
    if not groups and not all_databases and len(options.database) <= 1:
        return None
    if options.url:
        raise click.UsageError("--url names one database; leave it out with --group/--all")
    return _config().resolve_databases(options.database, groups, all_databases)


def run_fleet(names: list[str], command: Any, jobs: int, fail_fast: bool) -> int:
    """Run *command* (Migrator, progress) -> Report|Status on *names*; print; exit code."""
    from migrata.fleet import exit_code, run_many

    config = _config()
    if output.current_options().lock_timeout is not None:
        config.lock_timeout = output.current_options().lock_timeout
    display = output.FleetDisplay(names)
    try:
        outcomes = run_many(config, names, command, jobs=jobs, fail_fast=fail_fast, notify=display)
    finally:
        display.close()
    output.print_fleet(outcomes)
    return exit_code(outcomes)


def with_migrator(function: F) -> F:
    """Open the project's Migrator for the command and close it afterwards."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with _migrator() as migrator:
            return function(migrator, *args, **kwargs)

    return wrapper


@click.group(
    context_settings={"help_option_names": ["-h", "--help"]}, invoke_without_command=True
)
@click.version_option(__version__, prog_name="migrata")
@common_options
def main_group() -> None:
    """Evolve database schemas: plain SQL first, Python or any executable when SQL is not enough.

    \b
    migrata init                  write migrata.toml and migrations/
    migrata new add_users         write migrations/0001_add_users.sql
    migrata apply                 apply what is pending
    migrata status                what is applied, pending, late, changed
    migrata rollback --steps 1    undo the last migration
    """
    context = click.get_current_context()
    if context.invoked_subcommand is None:
        click.echo(context.get_help())


@main_group.command()
@click.option("--dir", "folder", default=".", type=click.Path(file_okay=False), help="Project folder.")
@common_options
def init(folder: str) -> int:
    """Write migrata.toml and an empty migrations folder."""
    from migrata.scaffold import init_project

    output.print_created(init_project(Path(folder), output.current_options().url))
    return 0


@main_group.command()
@click.argument("name")
@click.option("--sql", "kind", flag_value="sql", default=True, help="A SQL migration (default).")
@click.option("--py", "kind", flag_value="py", help="A Python migration with upgrade(ctx).")
@click.option("--exec", "kind", flag_value="exec", help="An executable shell script.")
@click.option("--dir", "kind", flag_value="dir", help="A folder migration with migration.toml.")
@click.option("--depends", multiple=True, help="A migration this one depends on (repeatable).")
@click.option("--down", is_flag=True, help="Also write the reverse (NAME.down.sql / downgrade).")
@common_options
def new(name: str, kind: str, depends: tuple[str, ...], down: bool) -> int:
    """Create a migration with the next number, e.g. `migrata new "add users"`."""
    from migrata.scaffold import new_migration

    output.print_created(new_migration(_config(), name, kind, depends, down))
    return 0


@main_group.command()
@click.option("--check", is_flag=True, help="Exit 1 if anything is pending, changed or failed.")
@common_options
@fleet_options
def status(check: bool, groups: tuple[str, ...], all_databases: bool, jobs: int, fail_fast: bool) -> int:
    """Show each migration: applied, pending, late, changed, missing or failed."""
    names = _fleet(groups, all_databases)
    if names is not None:
        def one(migrator: Migrator, progress: Any) -> Any:
            result = migrator.status()
            if check and (result.pending or any(m.state in ("changed", "failed") for m in result.migrations)):
                raise PendingMigrations(result.pending, result.database)
            return result

        return run_fleet(names, one, jobs, fail_fast)
    with _migrator() as migrator:
        return _status(migrator, check)


def _status(migrator: Migrator, check: bool) -> int:
    result = migrator.status()
    if output.current_options().json:
        emit_json(result.to_dict())
    else:
        output.print_status(result)
    unhealthy = result.pending or any(m.state in ("changed", "failed") for m in result.migrations)
    return 1 if check and unhealthy else 0


@main_group.command()
@click.argument("target", required=False)
@click.option("--sql", "sql", is_flag=True, help="Print the SQL that would run; change nothing.")
@click.option("--fake", is_flag=True, help="Record as applied without running.")
@click.option("--allow-changed", is_flag=True, help="Go on although applied migrations changed.")
@click.option("--single-transaction", is_flag=True, help="All or nothing: one transaction for the whole run (SQLite, PostgreSQL).")
@common_options
@fleet_options
def apply(
    target: str | None, sql: bool, fake: bool, allow_changed: bool, single_transaction: bool,
    groups: tuple[str, ...], all_databases: bool, jobs: int, fail_fast: bool,
) -> int:  # fmt: skip
    """Apply pending migrations, up to and including TARGET."""
    names = _fleet(groups, all_databases)
    if names is not None:
        if sql:
            raise click.UsageError("--sql shows one database's plan; name one with --database")
        return run_fleet(names, lambda m, progress: m.apply(
            target, fake=fake, allow_changed=allow_changed,
            single_transaction=single_transaction, progress=progress,
        ), jobs, fail_fast)  # fmt: skip
    with _migrator() as migrator:
        return _apply(migrator, target, sql, fake, allow_changed, single_transaction)


def _apply(
    migrator: Migrator, target: str | None, sql: bool, fake: bool, allow_changed: bool,
    single_transaction: bool,
) -> int:  # fmt: skip
    if sql:
        click.echo(migrator.apply_sql(target), nl=False)
        return 0
    printer = StepPrinter()
    try:
        report = migrator.apply(
            target, fake=fake, allow_changed=allow_changed,
            single_transaction=single_transaction, progress=printer,
        )  # fmt: skip
    finally:
        printer.close()
    output.print_report(report, streamed=True)
    return 0


@main_group.command()
@click.argument("target", required=False)
@click.option("--steps", type=click.IntRange(min=1), help="Undo the last N applied migrations.")
@click.option("--sql", "sql", is_flag=True, help="Print the SQL that would run; change nothing.")
@click.option("--fake", is_flag=True, help="Remove the records without running the down scripts.")
@common_options
@fleet_options
def rollback(
    target: str | None, steps: int | None, sql: bool, fake: bool,
    groups: tuple[str, ...], all_databases: bool, jobs: int, fail_fast: bool,
) -> int:  # fmt: skip
    """Undo applied migrations after TARGET (`zero` for all), newest first; default: the last one."""
    if target is not None and steps is not None:
        raise click.UsageError("give a TARGET or --steps, not both")
    names = _fleet(groups, all_databases)
    if names is not None:
        if sql:
            raise click.UsageError("--sql shows one database's plan; name one with --database")
        return run_fleet(names, lambda m, progress: m.rollback(
            target, steps=steps, fake=fake, progress=progress
        ), jobs, fail_fast)  # fmt: skip
    with _migrator() as migrator:
        return _rollback(migrator, target, steps, sql, fake)


def _rollback(migrator: Migrator, target: str | None, steps: int | None, sql: bool, fake: bool) -> int:
    if sql:
        click.echo(migrator.rollback_sql(target, steps=steps), nl=False)
        return 0
    printer = StepPrinter()
    try:
        report = migrator.rollback(target, steps=steps, fake=fake, progress=printer)
    finally:
        printer.close()
    output.print_report(report, streamed=True)
    return 0


@main_group.command()
@click.argument("target")
@common_options
@fleet_options
def fake(target: str, groups: tuple[str, ...], all_databases: bool, jobs: int, fail_fast: bool) -> int:
    """Record every migration up to and including TARGET as applied, running nothing."""
    names = _fleet(groups, all_databases)
    if names is not None:
        return run_fleet(names, lambda m, progress: m.fake(target), jobs, fail_fast)
    with _migrator() as migrator:
        output.print_report(migrator.fake(target))
    return 0


@main_group.command()
@click.option("--schema", required=True, type=click.Path(dir_okay=False), help="SQL file with the canonical schema.")
@common_options
@with_migrator
def baseline(migrator: Migrator, schema: str) -> int:
    """On an empty database: run SCHEMA and record every migration as applied."""
    report = migrator.baseline(schema)
    if output.current_options().json:
        emit_json(report.to_dict())
    else:
        echo(f"ran {schema} and recorded {len(report.steps)} migration(s) on {report.database}")
    return 0


@main_group.command()
@click.argument("name")
@click.option("--down", is_flag=True, help="Show the reverse instead.")
@click.option("--dialect", type=click.Choice(["sqlite", "postgresql", "mysql", "mariadb"]), help="Show it for this dialect (no database needed).")
@common_options
def show(name: str, down: bool, dialect: str | None) -> int:
    """Print the SQL that migration NAME runs on this database's dialect."""
    with _migrator(require_url=dialect is None) as migrator:
        sql = migrator.show(name, direction="down" if down else "up", dialect=dialect)
    if output.current_options().json:
        emit_json({"name": name, "direction": "down" if down else "up", "sql": sql})
    else:
        click.echo(sql, nl=False)
    return 0


@main_group.command()
@click.argument("name")
@click.option("--done", "how", flag_value="done", help="It was finished by hand: record it as applied (or rolled back).")
@click.option("--undone", "how", flag_value="undone", help="Its partial effects were undone by hand: forget the attempt.")
@click.option("--continue", "how", flag_value="continue", help="Run its remaining statements (after fixing the file).")
@common_options
@with_migrator
def resolve(migrator: Migrator, name: str, how: str | None) -> int:
    """Settle a migration that stopped part-way (MySQL/MariaDB, or `transaction: off`)."""
    if how is None:
        raise click.UsageError("say how: --done, --undone or --continue")
    report = migrator.resolve(name, how)
    if output.current_options().json:
        emit_json(report.to_dict())
    else:
        echo(f"{name}: resolved ({how}) on {report.database}")
    return 0


@main_group.command()
@click.argument("names", nargs=-1)
@common_options
@with_migrator
def rehash(migrator: Migrator, names: tuple[str, ...]) -> int:
    """Accept the current content of applied migrations that changed on disk (all, or NAMES)."""
    accepted = migrator.rehash(names)
    if output.current_options().json:
        emit_json({"rehashed": accepted})
        return 0
    for key in accepted:
        echo(f"rehashed {key}")
    if not accepted:
        echo("no changed migration to rehash")
    return 0


@main_group.command()
@common_options
@with_migrator
def log(migrator: Migrator) -> int:
    """Print the history log: every apply, rollback, fake, baseline and failure."""
    entries = migrator.history_log()
    if output.current_options().json:
        emit_json(entries)
        return 0
    for entry in entries:
        key = f"{entry['namespace']}:{entry['name']}" if entry["namespace"] else entry["name"]
        echo(f"{entry['at']}  {entry['action']:<14} {key}  {entry['applied_by'] or ''}")
    return 0


# -- schemas: diff, autogenerate, adopt, verify -------------------------------------------------

SOURCE_HELP = "database, migrations, applied, a URL, a .sql file, module:attribute (a MetaData), or django:SETTINGS (Django models)"


def question_options(function: F) -> F:
    """How the differ's questions get answers: flags, or the terminal unless --no-input."""
    decorators = [
        click.option("--rename", "renames", multiple=True, metavar="OLD=NEW", help="A rename: TABLE=NEWTABLE or TABLE.COLUMN=NEWCOLUMN (repeatable)."),
        click.option("--default", "defaults", multiple=True, metavar="TABLE.COLUMN=SQL", help="A one-off value for existing rows of a new NOT NULL column (repeatable)."),
        click.option("--allow-data-loss", is_flag=True, help="Allow dropping tables and columns that hold data."),
        click.option("--no-input", is_flag=True, help="Never ask: answer from the flags, or stop naming the flag to pass."),
    ]
    return _decorated(function, decorators)


def _questioner(renames: tuple[str, ...], defaults: tuple[str, ...], allow_data_loss: bool, no_input: bool) -> Any:
    import sys

    from migrata.diff.questioner import Questioner, answers_from_flags

    answers = answers_from_flags(renames, defaults, allow_data_loss)
    if no_input or not sys.stdin.isatty():
        return Questioner(answers)
    from migrata.cli.prompts import InteractiveQuestioner

    return InteractiveQuestioner(answers)


def _sites(migrator: Migrator, dialects: tuple[str, ...]) -> list[Migrator]:
    return migrator.sites_for(dialects, _config()) if dialects else []


@main_group.command()
@click.argument("name")
@click.option("--from", "source", help=f"The desired schema: {SOURCE_HELP}. Default: models in the configuration.")
@click.option("--dialect", "dialects", multiple=True, type=click.Choice(["sqlite", "postgresql", "mysql", "mariadb"]), help="Write a variant file for this dialect (repeatable).")
@question_options
@common_options
@with_migrator
def autogenerate(
    migrator: Migrator, name: str, source: str | None, dialects: tuple[str, ...],
    renames: tuple[str, ...], defaults: tuple[str, ...], allow_data_loss: bool, no_input: bool,
) -> int:  # fmt: skip
    """Write the migration NAME that takes the schema of the migrations to the one of --from."""
    source = source or _config().models
    if not source:
        raise click.UsageError("say what the schema should be: --from SOURCE, or models in migrata.toml")
    questioner = _questioner(renames, defaults, allow_data_loss, no_input)
    result = migrator.autogenerate(name, source, sites=_sites(migrator, dialects), questioner=questioner)
    if output.current_options().json:
        emit_json(result.to_dict())
        return 0
    if not result.paths:
        echo(f"no changes: the migrations already build the schema of {source}")
    else:
        for op in result.operations:
            echo(f"  {op.describe()}")
        output.print_created(result.paths)
    output.print_not_modelled(result.not_modelled)
    return 0


@main_group.command()
@click.option("--from", "source", default="applied", show_default=True, help=f"The schema to start from: {SOURCE_HELP}.")
@click.option("--against", "target", default="database", show_default=True, help=f"The schema to compare it with: {SOURCE_HELP}.")
@click.option("--sql", "sql", is_flag=True, help="Print the SQL that takes --from to --against.")
@common_options
@fleet_options
def diff(
    source: str, target: str, sql: bool, groups: tuple[str, ...], all_databases: bool,
    jobs: int, fail_fast: bool,
) -> int:  # fmt: skip
    """Drift: what takes --from to --against (by default, what the live database has that its
    applied migrations do not build). Exit 1 when they differ."""
    from migrata.errors import DriftDetected

    names = _fleet(groups, all_databases)
    if names is not None:
        def one(migrator: Migrator, progress: Any) -> Any:
            result = migrator.diff(source, target)
            if result.operations:
                raise DriftDetected(result.operations, f"{len(result.operations)} difference(s) on {migrator.database.label}")
            return result

        return run_fleet(names, one, jobs, fail_fast)
    with _migrator() as migrator:
        result = migrator.diff(source, target)
    if output.current_options().json:
        emit_json(result.to_dict())
    elif sql:
        click.echo("".join(f"{s};\n" for s in result.sql), nl=False)
    elif not result.operations:
        echo(f"no differences between {source} and {target}")
    else:
        for op in result.operations:
            echo(op.describe())
    if not output.current_options().json:
        output.print_not_modelled(result.not_modelled)
    return 1 if result.operations else 0


@main_group.command()
@common_options
@with_migrator
def adopt(migrator: Migrator) -> int:
    """Record the migrations a database built without migrata already has, running nothing."""
    result = migrator.adopt()
    if output.current_options().json:
        emit_json(result.to_dict())
        return 0
    echo(f"recorded {len(result.recorded)} migration(s) as applied" + (f", up to {result.recorded[-1]}" if result.recorded else ""))
    if result.left_pending:
        echo(f"left pending (they change no schema, so nothing shows they ran): {', '.join(result.left_pending)}")
    if result.first_mismatch:
        echo(f"the database does not have {result.first_mismatch}:")
        for line in result.why:
            echo(f"  {line}")
    output.print_not_modelled(result.not_modelled)
    return 0


@main_group.command()
@click.option("--against", "target", help=f"Also compare the final schema with: {SOURCE_HELP}.")
@common_options
@fleet_options
def verify(target: str | None, groups: tuple[str, ...], all_databases: bool, jobs: int, fail_fast: bool) -> int:
    """In a scratch database: every migration up, down, up again, the schema the same each time.
    Exit 1 naming the first migration that breaks."""
    from migrata.errors import VerifyFailed

    def one(migrator: Migrator, progress: Any = None) -> Any:
        result = migrator.verify(target)
        if result.broken:
            raise VerifyFailed(result.broken, result.why)
        return result

    names = _fleet(groups, all_databases)
    if names is not None:
        return run_fleet(names, one, jobs, fail_fast)
    with _migrator() as migrator:
        result = one(migrator)
    if output.current_options().json:
        emit_json(result.to_dict())
    else:
        echo(f"verified {len(result.checked)} migration(s): up, down and up again give the same schema")
        output.print_not_modelled(result.not_modelled)
    return 0
