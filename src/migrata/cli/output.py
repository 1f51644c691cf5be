"""Human and JSON renderings of results, and the one-line error printer."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import click

from migrata.errors import MigrataError, MigrationFailed, OutputMismatch

if TYPE_CHECKING:
    from migrata.results import Report, Status

_STATE_STYLE = {
    "applied": "green",
    "pending": "yellow",
    "late": "magenta",
    "changed": "red",
    "missing": "red",
    "failed": "bold red",
}


@dataclass
class Options:
    """Global options, wherever they were given on the command line."""

    url: str | None = None
    config: str | None = None
    database: tuple[str, ...] = ()
    json: bool = False
    verbose: int = 0
    quiet: bool = False
    traceback: bool = False
    lock_timeout: float | None = None


_current = Options()


def current_options() -> Options:
    return _current


def set_options(options: Options) -> None:
    global _current
    _current = options


def is_terminal() -> bool:
    return sys.stdout.isatty()


def echo(text: str = "") -> None:
    if not _current.quiet:
        click.echo(text)


def error_line(text: str) -> None:
    click.echo(f"error: {text}", err=True)


def print_not_modelled(items: list[str]) -> None:
    """What a schema held that migrata does not model, so did not compare: said, not hidden
    (on stderr, so that ``--sql`` output stays a script)."""
    if items and not _current.quiet:
        click.echo(f"not compared ({len(items)}, not modelled):", err=True)
        for item in items:
            click.echo(f"  {item}", err=True)


def emit_json(data: Any) -> None:
    import json  # only --json needs it: not imported at start-up

    click.echo(json.dumps(data, indent=2, default=str))


def print_created(paths: list[Any]) -> None:
    if _current.json:
        emit_json({"created": [str(p) for p in paths]})
        return
    for path in paths:
        echo(f"created {path}")


def print_error(exc: MigrataError, verbose: int = 0) -> None:
    """One sentence; then what the failing program printed, a diff, or (-v) the causes."""
    error_line(str(exc))
    if isinstance(exc, MigrationFailed) and exc.output:
        click.echo("output of the failed program:", err=True)
        click.echo("".join(f"  {line}\n" for line in exc.output.rstrip().splitlines()), err=True, nl=False)
    if isinstance(exc, OutputMismatch):
        click.echo(exc.diff, err=True)
    if verbose:
        if isinstance(exc, MigrationFailed) and exc.statement:
            click.echo(f"statement:\n{exc.statement}", err=True)
        cause = exc.__cause__
        while cause is not None:
            click.echo(f"caused by: {type(cause).__name__}: {cause}", err=True)
            cause = cause.__cause__


def print_status(status: Status) -> None:
    rows = [
        (m.key, m.state, _when(m), (m.migration.description if m.migration else "") or "")
        for m in status.migrations
    ]
    if is_terminal() and rows:
        _rich_table(status, rows)
    else:
        echo(f"{status.database} ({status.dialect})")
        width = max((len(r[0]) for r in rows), default=4)
        when_width = max((len(r[2]) for r in rows), default=0)
        for name, state, when, description in rows:
            echo(f"  {state:<8} {name:<{width}}  {when:<{when_width}}  {description}".rstrip())
    counts = ", ".join(
        f"{status.count(s)} {s}" for s in ("applied", "pending", "late", "changed", "missing", "failed")
        if status.count(s)
    ) or "no migrations"
    echo(counts)
    for m in status.migrations:
        if m.state == "failed" and m.record is not None and m.record.partial:
            from migrata.project.plan import describe_failure

            echo(f"note: {describe_failure(m)}")
        elif m.state == "failed":
            echo(f"note: {m.key} failed before any statement of it committed; apply runs it again")
        elif m.state == "late":
            echo(f"note: {m.key} arrived late (migrations after it are applied); apply runs it")


def _when(state: Any) -> str:
    record = state.record
    if record is None or record.finished_at is None:
        return ""
    stamp = record.finished_at.strftime("%Y-%m-%d %H:%M:%S")
    return stamp + ("" if record.how == "run" else f" ({record.how})")


def _rich_table(status: Status, rows: list[tuple[str, str, str, str]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{status.database} ({status.dialect})", title_justify="left")
    for column in ("migration", "state", "applied at (UTC)", "description"):
        table.add_column(column)
    for name, state, when, description in rows:
        table.add_row(name, f"[{_STATE_STYLE[state]}]{state}[/]", when, description)
    if not _current.quiet:
        Console().print(table)


_VERBS = {
    "apply": "applied",
    "rollback": "rolled back",
    "fake": "recorded (fake)",
    "unfake": "unrecorded (fake)",
    "baseline": "recorded (baseline)",
}


def print_step(action: str, key: str, duration_ms: int, late: bool) -> None:
    note = "  (late: arrived after later migrations were applied)" if late else ""
    echo(f"{_VERBS.get(action, action)} {key} ({duration_ms} ms){note}")


def print_report(report: Report, *, streamed: bool = False) -> None:
    """The steps (unless a StepPrinter already showed them) and a summary line."""
    if _current.json:
        emit_json(report.to_dict())
        return
    if not report.steps:
        echo(f"nothing to do on {report.database}")
        return
    if not streamed:
        for step in report.steps:
            print_step(step.action, step.key, step.duration_ms, step.late)
    echo(f"{len(report.steps)} migration(s) on {report.database} in {report.duration_ms} ms")


class StepPrinter:
    """Shows each step as it finishes; a progress bar instead on a terminal for long runs."""

    def __init__(self) -> None:
        self.bar: Any = None
        self.task: Any = None

    def __call__(self, event: str, step: Any, index: int, total: int, result: Any) -> None:
        if _current.json or _current.quiet:
            return
        if event == "start" and index == 0 and total >= 20 and is_terminal():
            from rich.progress import Progress

            self.bar = Progress(transient=True)
            self.bar.start()
            self.task = self.bar.add_task("migrating", total=total)
        if self.bar is not None:
            self.bar.update(self.task, completed=index + (event == "done"), description=step.key)
            if event == "done" and index + 1 == total:
                self.close()
        elif event == "done" and result is not None:
            print_step(result.action, result.key, result.duration_ms, result.late)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


class FleetDisplay:
    """Progress of many databases: a live line per database on a terminal, plain lines else."""

    def __init__(self, names: list[str]) -> None:
        self.state = {name: "waiting" for name in names}
        self.live: Any = None
        if is_terminal() and not _current.json and not _current.quiet:
            from rich.live import Live

            self.live = Live(self._table(), refresh_per_second=8, transient=True)
            self.live.start()

    def _table(self) -> Any:
        from rich.table import Table

        table = Table.grid(padding=(0, 2))
        for name, text in self.state.items():
            table.add_row(name, text)
        return table

    def __call__(self, name: str, event: str, detail: Any) -> None:
        if _current.json or _current.quiet:
            return
        if event == "start":
            text = "connecting"
        elif event == "step":
            kind, key, index, total, result = detail
            text = f"{key}  {index + (kind == 'done')}/{total}"
            if self.live is None and kind == "done" and result is not None:
                echo(f"{name}: {_VERBS.get(result.action, result.action)} {key} ({result.duration_ms} ms)")
        elif event == "failed":
            text = f"failed: {detail.error}"
            if self.live is None:
                echo(f"{name}: failed")
        else:
            text = "done"
        self.state[name] = text
        if self.live is not None:
            self.live.update(self._table())

    def close(self) -> None:
        if self.live is not None:
            self.live.stop()
            self.live = None


def print_fleet(outcomes: list[Any]) -> None:
    """The summary: database, dialect, applied before, applied now, time, result."""
    if _current.json:
        emit_json({"databases": [o.to_dict() for o in outcomes], "ok": all(o.ok for o in outcomes)})
        return
    header = ("database", "dialect", "applied before", "applied now", "time", "result")
    rows = [
        (
            o.name, o.dialect or "-", _count(o.applied_before), _count(o.applied_after),
            f"{o.duration_ms / 1000:.2f} s",
            "skipped" if o.skipped else ("ok" if o.ok else "FAILED"),
        )
        for o in outcomes
    ]  # fmt: skip
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    echo("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip())
    for row in rows:
        echo("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    for o in outcomes:
        if o.error and not o.skipped:
            error_line(f"{o.name}: {o.error}")
    failed = sum(1 for o in outcomes if not o.ok)
    echo(f"{len(outcomes) - failed} of {len(outcomes)} database(s) ok")


def _count(value: int | None) -> str:
    return "-" if value is None else str(value)
