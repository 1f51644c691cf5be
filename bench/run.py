"""migrata's benchmark: the database's own client (the floor), migrata and Alembic, in one run.

    ./scripts/bench                              # SQLite, PostgreSQL, MariaDB; N=1000, R=3
    ./scripts/bench --quick --dialect sqlite     # N=200, R=1: a smoke run

Every figure printed is measured in this run: whole processes timed with time.perf_counter
around subprocess.run. Results also go to bench/.work/results.json. See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import signal
import statistics
import subprocess
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import workload  # noqa: E402
from databases import BACKENDS, Backend, BenchError, Command, Database  # noqa: E402

WORK = HERE / ".work"
CACHE = WORK / "cache"  # migrata's discovery cache (MIGRATA_CACHE_DIR)
CACHE_RACY_SECONDS = 2.0  # migrata.project.cache.RACY_NS: younger files are not kept
BIN = Path(sys.executable).parent
MIGRATA = str(BIN / "migrata")
ALEMBIC = str(BIN / "alembic")
HISTORY = "migrata_history"
_PASSWORD = re.compile(r"(://[^:/@\s]*:)[^@\s]*@")

TITLES = {
    "A": "apply {n} migrations",
    "B": "roll back {k} and re-apply",
    "C": "status with {n} applied",
    "D": "start-up",
}


# -- goals ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Goal:
    kind: str  # "ratio": at most LIMIT times the floor; "seconds": under LIMIT seconds
    limit: float

    def text(self) -> str:
        return f"<= {self.limit:g}x floor" if self.kind == "ratio" else f"< {self.limit:g} s"

    def met(self, median: float, ratio: float | None) -> bool:
        if self.kind == "ratio":
            return ratio is not None and ratio <= self.limit
        return median < self.limit


def goal_for(work: str, dialect: str, contender: str) -> Goal | None:
    if work == "A" and contender in ("migrata", "migrata-psycopg2"):
        return Goal("ratio", 3.0 if dialect == "sqlite" else 1.3)
    if work == "A" and contender == "migrata-single":
        return Goal("ratio", 1.5 if dialect == "sqlite" else 1.3)
    if work == "B" and contender in ("migrata", "migrata-psycopg2"):
        return Goal("ratio", 1.5)
    if work == "C" and contender == "migrata":
        return Goal("seconds", 0.25)
    if work == "D" and contender == "migrata":
        return Goal("seconds", 0.12)
    return None


# -- results ----------------------------------------------------------------------------------


@dataclass
class Row:
    work: str
    dialect: str
    contender: str
    label: str
    floor: bool = False
    commands: list[str] = field(default_factory=list)
    times: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.times)


class Results:
    def __init__(self) -> None:
        self.rows: dict[tuple[str, str, str], Row] = {}
        self.load: dict[str, list[float]] = {}  # 1-minute load average before and after

    def note_load(self, part: str) -> None:
        self.load.setdefault(part, []).append(round(os.getloadavg()[0], 2))

    def row(self, work: str, dialect: str, contender: str, label: str, floor: bool = False) -> Row:
        key = (work, dialect, contender)
        if key not in self.rows:
            self.rows[key] = Row(work, dialect, contender, label, floor)
        return self.rows[key]

    def add(self, row: Row, seconds: float, commands: Sequence[Command]) -> None:
        row.times.append(seconds)
        if not row.commands:
            row.commands = [_PASSWORD.sub(r"\1***@", c.shown()) for c in commands]

    def groups(self) -> list[list[Row]]:
        grouped: dict[tuple[str, str], list[Row]] = {}
        for row in self.rows.values():
            if row.times:
                grouped.setdefault((row.work, row.dialect), []).append(row)
        return [grouped[k] for k in sorted(grouped, key=lambda k: (k[0], _dialect_order(k[1])))]

    @staticmethod
    def floor_of(group: list[Row]) -> Row | None:
        return next((r for r in group if r.floor), None)

    def to_json(self) -> list[dict[str, Any]]:
        out = []
        for group in self.groups():
            floor = self.floor_of(group)
            for row in group:
                ratio = row.median / floor.median if floor and floor.times else None
                goal = goal_for(row.work, row.dialect, row.contender)
                out.append(
                    {
                        "workload": row.work,
                        "dialect": row.dialect,
                        "contender": row.contender,
                        "label": row.label,
                        "floor": row.floor,
                        "commands": row.commands,
                        "times_s": [round(t, 6) for t in row.times],
                        "median_s": round(row.median, 6),
                        "ratio_to_floor": round(ratio, 4) if ratio is not None else None,
                        "goal": goal.text() if goal else None,
                        "goal_met": goal.met(row.median, ratio) if goal else None,
                    }
                )
        return out


def _dialect_order(dialect: str) -> int:
    order = ["-", *workload.DIALECTS]
    return order.index(dialect) if dialect in order else len(order)


# -- running and timing -----------------------------------------------------------------------


def run(cmd: Command, *, capture: bool = False) -> tuple[float, str]:
    """Run one process to completion; its wall time, and its output when *capture* is set."""
    env = {**os.environ, **cmd.env} if cmd.env else None
    stdin = open(cmd.stdin, "rb") if cmd.stdin else subprocess.DEVNULL  # noqa: SIM115
    try:
        start = time.perf_counter()
        proc = subprocess.run(
            cmd.argv,
            cwd=cmd.cwd,
            env=env,
            stdin=stdin,
            stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        elapsed = time.perf_counter() - start
    finally:
        if cmd.stdin:
            stdin.close()  # type: ignore[union-attr]
    if proc.returncode != 0:
        err = proc.stderr.decode(errors="replace").strip().splitlines()[-15:]
        raise BenchError(f"`{cmd.shown()}` exited with {proc.returncode}:\n  " + "\n  ".join(err))
    return elapsed, (proc.stdout or b"").decode(errors="replace")


def timed(
    commands: Sequence[Command],
    between: Callable[[int], None] | None = None,
    settle: Callable[[], None] | None = None,
) -> float:
    """The summed wall time of *commands*; *between(i)* runs, untimed, after command i, and
    *settle()* before each."""
    total = 0.0
    for index, cmd in enumerate(commands):
        if settle is not None:
            settle()
        total += run(cmd)[0]
        if between is not None:
            between(index)
    return total


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# -- one dialect ------------------------------------------------------------------------------


@dataclass
class Contender:
    key: str
    label: str
    apply: Callable[[Database], list[Command]]
    reapply: Callable[[Database], list[Command]] | None
    history: Callable[[Database], None] | None  # checks the tool's own record
    floor: bool = False


class DialectBench:
    def __init__(self, backend: Backend, args: argparse.Namespace, results: Results) -> None:
        self.backend = backend
        self.dialect = backend.dialect
        self.args = args
        self.results = results
        self.migrations = workload.build(args.migrations)
        self.k = min(args.rollback, args.migrations)
        self.full = workload.expected(self.migrations)
        self.partial = workload.expected(self.migrations[: len(self.migrations) - self.k])
        self.files = workload.write(WORK / self.dialect, self.dialect, self.migrations, self.k)
        self.written = time.time()
        (self.files.migrata / "migrata.toml").write_text('migrations = "migrations"\n')
        self.contenders = self._contenders()
        self.settle = backend.settle if args.settle else None

    # contenders ------------------------------------------------------------------------------

    def _migrata(self, db: Database, *args: str, driver: str | None = None) -> Command:
        env = {"MIGRATA_CACHE_DIR": os.environ.get("MIGRATA_CACHE_DIR", str(CACHE))}
        url = db.url if driver is None else db.url.replace("+psycopg://", f"+{driver}://", 1)
        return Command([MIGRATA, "--url", url, *args], cwd=self.files.migrata, env=env)

    def _warm_cache(self) -> None:
        """Untimed, fill migrata's discovery cache, as any run after a project's first does
        (Alembic's revision files are byte-compiled when written, likewise). The cache keeps
        only files older than its racy window, so wait until they are."""
        wait = self.written + CACHE_RACY_SECONDS + 0.1 - time.time()
        if wait > 0:
            time.sleep(wait)
        nowhere = Database("sqlite", "warm", f"sqlite:///{WORK / 'db' / 'not-there.db'}", None)
        run(self._migrata(nowhere, "status"))

    def _alembic(self, db: Database, *args: str) -> Command:
        ini = str(self.files.alembic / "alembic.ini")
        return Command([ALEMBIC, "-c", ini, "-x", f"url={db.url}", *args])

    def _contenders(self) -> list[Contender]:
        b, f, k = self.backend, self.files, str(self.k)
        floor_name = {"sqlite": "sqlite3", "postgresql": "psql -1", "mariadb": "mariadb <"}
        contenders = [
            Contender(
                "floor",
                f"floor: {floor_name[self.dialect]} all.sql",
                lambda db: [b.script(db, f.all_sql)],
                lambda db: [b.script(db, f.down_sql), b.script(db, f.up_sql)],
                None,
                floor=True,
            ),
            Contender(
                "floor-recorded",
                "reference: all.sql + a row each",
                lambda db: [b.script(db, f.recorded_sql)],
                None,
                self._check_record,
            ),
            Contender(
                "migrata",
                "migrata apply",
                lambda db: [self._migrata(db, "apply", "-q")],
                lambda db: [
                    self._migrata(db, "rollback", "--steps", k, "-q"),
                    self._migrata(db, "apply", "-q"),
                ],
                self._check_migrata_history,
            ),
        ]
        if self.dialect == "postgresql":
            # What any Python tool on psycopg 3 pays at least, and migrata on psycopg2: what
            # the driver's import costs.
            py = self.backend.python_script  # type: ignore[attr-defined]
            contenders.insert(
                2,
                Contender(
                    "floor-python",
                    "reference: all.sql by Python + psycopg",
                    lambda db: [py(db, f.all_sql)],
                    lambda db: [py(db, f.down_sql), py(db, f.up_sql)],
                    None,
                ),
            )
            contenders.append(
                Contender(
                    "migrata-psycopg2",
                    "migrata apply (psycopg2 URL)",
                    lambda db: [self._migrata(db, "apply", "-q", driver="psycopg2")],
                    lambda db: [
                        self._migrata(db, "rollback", "--steps", k, "-q", driver="psycopg2"),
                        self._migrata(db, "apply", "-q", driver="psycopg2"),
                    ],
                    self._check_migrata_history,
                )
            )
        if self.dialect in ("sqlite", "postgresql"):  # where DDL is transactional
            contenders.append(
                Contender(
                    "migrata-single",
                    "migrata apply --single-transaction",
                    lambda db: [self._migrata(db, "apply", "-q", "--single-transaction")],
                    None,
                    self._check_migrata_history,
                )
            )
        contenders.append(
            Contender(
                "alembic",
                "alembic upgrade head",
                lambda db: [self._alembic(db, "upgrade", "head")],
                lambda db: [
                    self._alembic(db, "downgrade", f"-{k}"),
                    self._alembic(db, "upgrade", "head"),
                ],
                self._check_alembic_history,
            )
        )
        return contenders

    # checks ----------------------------------------------------------------------------------

    def _check_schema(self, db: Database, want: workload.Expected, who: str) -> None:
        got = self.backend.schema(db)
        if got != want:
            raise BenchError(
                f"{who} on {self.dialect}: the catalog has {got.tables} tables, {got.columns} "
                f"added columns, {got.indexes} indexes; expected {want.tables}, {want.columns}, "
                f"{want.indexes}"
            )

    def _check_migrata_history(self, db: Database) -> None:
        rows = self.backend.query(db, f"SELECT count(*) FROM {HISTORY} WHERE state = 'applied'")
        if int(rows[0][0]) != len(self.migrations):
            raise BenchError(f"migrata on {self.dialect}: {rows[0][0]} applied rows in {HISTORY}")

    def _check_record(self, db: Database) -> None:
        rows = self.backend.query(db, f"SELECT count(*) FROM {workload.RECORD_TABLE}")
        if int(rows[0][0]) != len(self.migrations):
            raise BenchError(f"the reference on {self.dialect}: {rows[0][0]} recorded rows")

    def _check_alembic_history(self, db: Database) -> None:
        rows = self.backend.query(db, "SELECT version_num FROM alembic_version")
        if rows != [(self.files.head,)]:
            raise BenchError(f"alembic on {self.dialect}: alembic_version holds {rows}")

    def _verify(self, contender: Contender, db: Database, what: str) -> None:
        self._check_schema(db, self.full, f"{contender.label} ({what})")
        if contender.history is not None:
            contender.history(db)

    # the run ---------------------------------------------------------------------------------

    def run(self) -> None:
        self.results.note_load(self.dialect)
        try:
            self._run()
        finally:
            self.results.note_load(self.dialect)

    def _run(self) -> None:
        args = self.args
        self._warm_cache()
        for rep in range(args.repeat):
            last = rep == args.repeat - 1
            kept: dict[str, Database] = {}
            try:
                for contender in self.contenders:
                    db = self.backend.create(f"{contender.key.replace('-', '_')}_{rep}")
                    self._one(contender, db, rep)
                    if last and contender.key in ("migrata", "alembic"):
                        kept[contender.key] = db
                    else:
                        self.backend.drop(db)
                if last:
                    self._status(kept)
            finally:
                for db in kept.values():
                    self.backend.drop(db)

    def _one(self, contender: Contender, db: Database, rep: int) -> None:
        res, n = self.results, len(self.migrations)
        commands = contender.apply(db)
        seconds = timed(commands, settle=self.settle)
        self._verify(contender, db, "apply")
        res.add(
            res.row("A", self.dialect, contender.key, contender.label, contender.floor),
            seconds,
            commands,
        )
        run_no = f"{rep + 1}/{self.args.repeat}"
        line = f"[{self.dialect}] run {run_no}  {contender.label:<36} A {seconds:7.3f} s"
        if contender.reapply is not None:
            commands = contender.reapply(db)

            def after(index: int) -> None:
                if index == 0:  # the roll-back really happened
                    self._check_schema(db, self.partial, f"{contender.label} (rollback)")

            seconds = timed(commands, after, self.settle)
            self._verify(contender, db, "re-apply")
            label = {
                "floor": "floor: down.sql + up.sql",
                "floor-python": "reference: both by Python + psycopg",
                "migrata": "migrata rollback + apply",
                "migrata-psycopg2": "migrata rollback + apply (psycopg2 URL)",
                "alembic": "alembic downgrade + upgrade",
            }[contender.key]
            res.add(
                res.row("B", self.dialect, contender.key, label, contender.floor), seconds, commands
            )
            line += f"   B {seconds:7.3f} s"
        progress(line + f"   ({n} migrations checked)")

    def _status(self, kept: dict[str, Database]) -> None:
        m, a = kept["migrata"], kept["alembic"]
        # Untimed: the commands report what was applied.
        _, out = run(self._migrata(m, "status", "--json"), capture=True)
        counts = json.loads(out)["counts"]
        if counts["applied"] != len(self.migrations) or counts["pending"]:
            raise BenchError(f"migrata status on {self.dialect}: {counts}")
        _, out = run(self._alembic(a, "current"), capture=True)
        if self.files.head not in out:
            raise BenchError(f"alembic current on {self.dialect} printed {out!r}")

        floor = self.backend.read(m, f"SELECT * FROM {HISTORY}")
        contenders = [
            ("floor", f"floor: {self.backend.client} SELECT * FROM history", floor, True),
            ("migrata", "migrata status", self._migrata(m, "status"), False),
            ("alembic", "alembic current", self._alembic(a, "current"), False),
            ("alembic-history", "alembic history", self._alembic(a, "history"), False),
        ]
        repeat_alternately(self.results, "C", self.dialect, contenders, self.args.runs)
        medians = ", ".join(
            f"{label} {self.results.rows[('C', self.dialect, key)].median:.3f} s"
            for key, label, _, _ in contenders
        )
        progress(f"[{self.dialect}] C medians of {self.args.runs}: {medians}")


def repeat_alternately(
    results: Results,
    work: str,
    dialect: str,
    contenders: list[tuple[str, str, Command, bool]],
    runs: int,
) -> None:
    """Hyperfine-style: one warm-up run each, then *runs* timed rounds, contenders alternating."""
    for _, _, cmd, _ in contenders:
        run(cmd)
    for _ in range(runs):
        for key, label, cmd, floor in contenders:
            results.add(results.row(work, dialect, key, label, floor), run(cmd)[0], [cmd])


def startup(results: Results, runs: int) -> None:
    contenders = [
        ("floor", "floor: python -c pass", Command([sys.executable, "-c", "pass"]), True),
        ("migrata", "migrata --help", Command([MIGRATA, "--help"]), False),
        ("alembic", "alembic --help", Command([ALEMBIC, "--help"]), False),
    ]
    repeat_alternately(results, "D", "-", contenders, runs)
    medians = ", ".join(
        f"{label} {results.rows[('D', '-', key)].median:.3f} s" for key, label, _, _ in contenders
    )
    progress(f"[start-up] medians of {runs}: {medians}")


# -- output -----------------------------------------------------------------------------------


def table(results: Results, args: argparse.Namespace) -> str:
    lines = []
    for group in results.groups():
        first = group[0]
        floor = results.floor_of(group)
        title = TITLES[first.work].format(n=args.migrations, k=min(args.rollback, args.migrations))
        where = "" if first.dialect == "-" else f" - {first.dialect}"
        runs = f"median of {len(first.times)} runs" if len(first.times) > 1 else "1 run"
        lines.append(f"{first.work}. {title}{where} ({runs})")
        columns = f"{'median s':>9} {'min-max s':>15} {'x floor':>8}  {'goal':<15} met"
        lines.append(f"  {'contender':<44} {columns}")
        for row in group:
            ratio = row.median / floor.median if floor else None
            goal = goal_for(row.work, row.dialect, row.contender)
            met = "" if goal is None else ("yes" if goal.met(row.median, ratio) else "NO")
            spread = f"{min(row.times):.3f}-{max(row.times):.3f}"
            ratio_text = f"{ratio:.2f}" if ratio is not None else "-"
            lines.append(
                f"  {row.label:<44} {row.median:>9.3f} {spread:>15} {ratio_text:>8}  "
                f"{goal.text() if goal else '':<15} {met}".rstrip()
            )
        by_key = {r.contender: r for r in group}
        if "migrata" in by_key and "alembic" in by_key:
            factor = by_key["alembic"].median / by_key["migrata"].median
            lines.append(f"  alembic / migrata: {factor:.2f}")
        lines.append("")
    noisy = [
        f"{r.work}/{r.dialect}/{r.contender}"
        for r in results.rows.values()
        if len(r.times) > 1 and max(r.times) > 1.5 * min(r.times)
    ]
    if noisy:
        load = ", ".join(f"{part} {' -> '.join(map(str, v))}" for part, v in results.load.items())
        lines.append(
            f"note: the slowest run took over 1.5x the fastest for {', '.join(noisy)}; the "
            f"machine was busy (1-minute load average {load}). Medians resist a slow run or "
            "two; a larger --repeat, on a quiet machine, gives steadier figures."
        )
    return "\n".join(lines)


def header(document: dict[str, Any]) -> str:
    info, box = document["versions"], document["machine"]
    pkgs = info["packages"]
    git = info.get("git") or {}
    commit = git.get("commit", "")[:10] + (", src modified" if git.get("src_modified") else "")
    servers = {"postgresql": "PostgreSQL", "mariadb": "MariaDB"}
    parts = [f"SQLite {info['sqlite']}"] + [
        f"{servers[d]} {re.match(r'[0-9.]*', v).group()}"  # type: ignore[union-attr]
        for d, v in info["servers"].items()
        if d in servers
    ]
    return (
        f"migrata {pkgs['migrata']} ({commit}) vs alembic {pkgs['alembic']}; "
        f"SQLAlchemy {pkgs['SQLAlchemy']}, Python {info['python']}\n"
        f"{', '.join(parts)}; {box['cpus']} CPUs; {document['date']}; "
        f"N={document['options']['migrations']}\n"
    )


def versions(backends: dict[str, Backend], server: dict[str, str]) -> dict[str, Any]:
    from importlib import metadata

    packages = {}
    for name in (
        "migrata",
        "alembic",
        "SQLAlchemy",
        "psycopg",
        "psycopg-binary",
        "PyMySQL",
        "click",
        "rich",
    ):
        try:
            packages[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            packages[name] = None
    import sqlite3

    info: dict[str, Any] = {
        "python": platform.python_version(),
        "packages": packages,
        "sqlite": sqlite3.sqlite_version,
        "servers": server,
        "clients": {d: b.client_version() for d, b in backends.items() if b.client_version()},
    }
    # Written by scripts/bench when it installed migrata from a snapshot of the checkout.
    source = BIN.parent / ".bench-source"
    if source.is_file():
        lines = source.read_text().splitlines()
        fields = dict(line.split("=", 1) for line in lines if "=" in line)
        info["git"] = {
            "commit": fields.get("commit", ""),
            "src_modified": fields.get("src_modified", "0").strip() != "0",
            "snapshot_at": fields.get("snapshot_at", ""),
        }
    return info


def machine() -> dict[str, Any]:
    memory = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) // 1024} MiB"
    except OSError:
        pass
    cpu = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"platform": platform.platform(), "cpus": os.cpu_count(), "cpu": cpu, "memory": memory}


# -- main -------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="scripts/bench",
        description="Time migrata against the database's own client and Alembic.",
    )
    parser.add_argument(
        "--dialect",
        action="append",
        choices=workload.DIALECTS,
        help="a dialect to run (repeatable; default: all three)",
    )
    parser.add_argument("--migrations", type=int, help="N, the number of migrations (default 1000)")
    parser.add_argument(
        "--repeat",
        type=int,
        help="R, runs of workloads A and B per contender (default 3); the median is reported",
    )
    parser.add_argument(
        "--runs", type=int, help="runs of workloads C and D per contender (default 10)"
    )
    parser.add_argument(
        "--rollback", type=int, default=100, help="migrations workload B rolls back (default 100)"
    )
    parser.add_argument(
        "--quick", action="store_true", help="a smoke run: N=200, R=1, 5 runs of C and D"
    )
    parser.add_argument(
        "--no-settle",
        dest="settle",
        action="store_false",
        help="do not flush the server and the disks (CHECKPOINT, sync) before each timed run",
    )
    parser.add_argument("--skip-startup", action="store_true", help="leave out workload D")
    parser.add_argument(
        "--markdown",
        action="store_true",
        help="run nothing: print the last results.json as Markdown tables (for bench/README.md)",
    )
    args = parser.parse_args(argv)
    quick = args.quick
    args.dialects = list(dict.fromkeys(args.dialect or workload.DIALECTS))
    args.migrations = args.migrations or (200 if quick else 1000)
    args.repeat = args.repeat or (1 if quick else 3)
    args.runs = args.runs or (5 if quick else 10)
    if min(args.migrations, args.repeat, args.runs, args.rollback) < 1:
        parser.error("--migrations, --repeat, --runs and --rollback must be at least 1")
    return args


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def markdown(document: dict[str, Any]) -> str:
    """The tables of a results.json, as Markdown."""
    opts = document["options"]
    titles = {w: t.format(n=opts["migrations"], k=opts["rollback"]) for w, t in TITLES.items()}
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in document["results"]:
        grouped.setdefault((row["workload"], row["dialect"]), []).append(row)
    out = []
    for (work, dialect), rows in grouped.items():
        where = "" if dialect == "-" else f", {dialect}"
        out.append(f"**{work}. {titles[work]}{where}** (median of {len(rows[0]['times_s'])})\n")
        out.append("| contender | median s | min-max s | \u00d7 floor | goal | met |")
        out.append("|---|---:|---:|---:|---|---|")
        for r in rows:
            ratio = f"{r['ratio_to_floor']:.2f}" if r["ratio_to_floor"] is not None else "-"
            met = {None: "", True: "yes", False: "**no**"}[r["goal_met"]]
            spread = f"{min(r['times_s']):.3f}-{max(r['times_s']):.3f}"
            goal = (r["goal"] or "").replace("<=", "\u2264").replace("x floor", "\u00d7 floor")
            out.append(
                f"| {r['label']} | {r['median_s']:.3f} | {spread} | {ratio} | {goal} | {met} |"
            )
        out.append("")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.markdown:
        results = WORK / "results.json"
        if not results.is_file():
            print(f"bench: no results yet ({results}): run ./scripts/bench first", file=sys.stderr)
            return 2
        print(markdown(json.loads(results.read_text())))
        return 0
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even if started with it ignored
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGHUP, _interrupt)
    for tool in (MIGRATA, ALEMBIC):
        if not Path(tool).exists():
            print(
                f"bench: {tool} not found; run the benchmark with ./scripts/bench", file=sys.stderr
            )
            return 2
    WORK.mkdir(exist_ok=True)
    started = time.perf_counter()
    stamp = dt.datetime.now(dt.UTC)
    results = Results()
    backends = {d: BACKENDS[d](WORK) for d in args.dialects}
    server: dict[str, str] = {}
    error = None
    status = 0
    try:
        for dialect, backend in backends.items():
            server[dialect] = backend.connect_check()
            stale = backend.drop_stale()
            if stale:
                progress(f"[{dialect}] dropped {len(stale)} database(s) left by killed runs")
        progress(
            f"bench: {', '.join(args.dialects)}; N={args.migrations}, R={args.repeat}, "
            f"{args.runs} runs of C and D; scratch files in {WORK}"
        )
        if not args.skip_startup:
            results.note_load("start-up")
            startup(results, args.runs)
            results.note_load("start-up")
        for dialect, backend in backends.items():
            progress(f"[{dialect}] writing {args.migrations} migrations for every contender")
            DialectBench(backend, args, results).run()
    except KeyboardInterrupt:
        error, status = "interrupted", 130
    except BenchError as exc:
        error, status = str(exc), 1
    except Exception as exc:
        traceback.print_exc()
        error, status = f"{type(exc).__name__}: {exc}", 1
    finally:
        for backend in backends.values():
            backend.drop_all()
            backend.close()
    elapsed = time.perf_counter() - started
    info = versions(backends, server)
    document = {
        "complete": status == 0,
        "error": error,
        "date": stamp.isoformat(timespec="seconds"),
        "total_s": round(elapsed, 1),
        "options": {
            "dialects": args.dialects,
            "migrations": args.migrations,
            "repeat": args.repeat,
            "runs": args.runs,
            "rollback": min(args.rollback, args.migrations),
            "quick": args.quick,
        },
        "machine": machine(),
        "load_average_1min": results.load,
        "versions": info,
        "results": results.to_json(),
    }
    (WORK / "results.json").write_text(json.dumps(document, indent=2) + "\n")
    text = table(results, args)
    if text:
        print(header(document))
        print(text)
    print(f"total {elapsed:.0f} s; results in {WORK / 'results.json'}")
    if error:
        print(f"bench: FAILED: {error}", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
