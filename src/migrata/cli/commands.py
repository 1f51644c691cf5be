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


def common_options(function: F) -> F:
    """The global options, accepted on the group and on every command."""
    decorators = [
        click.option("--url", expose_value=False, callback=_remember("url"), help="Database URL (else MIGRATA_URL, else the configuration)."),
        click.option("--config", "config", expose_value=False, callback=_remember("config"), type=click.Path(dir_okay=False), help="Configuration file (default: migrata.toml or pyproject.toml, searched upwards)."),
        click.option("--database", expose_value=False, callback=_remember("database"), help="A database named in the configuration."),
        click.option("--json", "json", is_flag=True, expose_value=False, callback=_remember("json"), help="Print one JSON document."),
        click.option("-v", "--verbose", count=True, expose_value=False, callback=_remember("verbose"), help="Say more; on errors, show the causes."),
        click.option("-q", "--quiet", is_flag=True, expose_value=False, callback=_remember("quiet"), help="Print only errors."),
        click.option("--lock-timeout", type=float, expose_value=False, callback=_remember("lock_timeout"), help="Seconds to wait for another run's lock."),
        click.option("--traceback", is_flag=True, expose_value=False, callback=_remember("traceback"), help="Show the full traceback on errors."),
    ]
    for decorator in reversed(decorators):
        function = decorator(function)
    return function


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
    return Migrator.from_config(config, url=url, database=options.database, require_url=require_url)


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
@with_migrator
def status(migrator: Migrator, check: bool) -> int:
    """Show each migration: applied, pending, late, changed, missing or failed."""
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
@with_migrator
def apply(
    migrator: Migrator, target: str | None, sql: bool, fake: bool, allow_changed: bool,
    single_transaction: bool,
) -> int:  # fmt: skip
    """Apply pending migrations, up to and including TARGET."""
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
@with_migrator
def rollback(migrator: Migrator, target: str | None, steps: int | None, sql: bool, fake: bool) -> int:
    """Undo applied migrations after TARGET (`zero` for all), newest first; default: the last one."""
    if target is not None and steps is not None:
        raise click.UsageError("give a TARGET or --steps, not both")
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
@with_migrator
def fake(migrator: Migrator, target: str) -> int:
    """Record every migration up to and including TARGET as applied, running nothing."""
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
