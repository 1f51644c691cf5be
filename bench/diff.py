"""Workload F: `migrata diff` at 1,000 tables, against SQLAlchemy's bulk reflection (the floor),
`MetaData.reflect()`, `alembic check` and migra (PostgreSQL), in one run.

    ./scripts/bench diff                         # SQLite, PostgreSQL, MariaDB; T=1000, R=3
    ./scripts/bench diff --dialect postgresql --tables 200 --repeat 1
    ./scripts/bench diff --markdown              # the last diff-results.json as tables

Per dialect it builds database A ("before": T tables) and database B ("after": A with exactly
five changes) from two generated SQLAlchemy modules, then times every contender as a whole
process, alternately, R times, and checks what each one reports against the five changes.
Results go to bench/.work/diff-results.json. See bench/README.md, section F.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import run as suite  # noqa: E402  (machine description, password masking)
from databases import BACKENDS, Backend, BenchError, Database  # noqa: E402
from workload import _ALEMBIC_INI  # noqa: E402

WORK = HERE / ".work" / "diff"
RESULTS = HERE / ".work" / "diff-results.json"
BIN = Path(sys.executable).parent
MIGRATA = str(BIN / "migrata")
ALEMBIC = str(BIN / "alembic")
MIGRA = str(BIN / "migra")
TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
DIALECTS = ("sqlite", "postgresql", "mariadb")
SEED = 20261121
MODULE = "bench_module"  # B, the "after" schema: migrata's module:attribute source, Alembic's
BEFORE = "bench_before"  # A, the "before" schema (only used to build database A)


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# -- the schema -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    key: str  # add_column | drop_column | add_index | alter_type | new_table
    table: str
    obj: str  # the column, index or table

    def text(self) -> str:
        return {
            "add_column": f"add column {self.table}.{self.obj} VARCHAR(40)",
            "drop_column": f"drop column {self.table}.{self.obj}",
            "add_index": f"add index {self.obj} on {self.table} (qty)",
            "alter_type": f"alter {self.table}.{self.obj} INTEGER to BIGINT",
            "new_table": f"new table {self.table}",
        }[self.key]


class Plan:
    """T tables t0001..tT of 8 columns, a primary key, 1-2 indexes; every fourth table has a
    foreign key to an earlier one (seeded, so every run builds the same schema). B is A with
    the five changes of ``self.changes``."""

    def __init__(self, tables: int) -> None:
        if tables < 10:
            raise ValueError("--tables must be at least 10")
        self.count = tables
        self.width = max(4, len(str(tables + 1)))
        rng = random.Random(SEED)
        self.parents = {i: rng.randrange(1, i) for i in range(2, tables + 2) if i % 4 == 0}
        self.new = tables + 1
        self.parents[self.new] = rng.randrange(1, self.new)
        at = {
            key: self.name(tables * tenth // 10)
            for key, tenth in (
                ("add_index", 3),
                ("add_column", 5),
                ("drop_column", 7),
                ("alter_type", 9),
            )
        }
        self.changes = [
            Change("add_column", at["add_column"], "extra"),
            Change("drop_column", at["drop_column"], "note"),
            Change("add_index", at["add_index"], f"ix_{at['add_index']}_qty"),
            Change("alter_type", at["alter_type"], "qty"),
            Change("new_table", self.name(self.new), self.name(self.new)),
        ]
        self.by_key = {c.key: c for c in self.changes}

    def name(self, i: int) -> str:
        return f"t{i:0{self.width}d}"

    def table_code(self, i: int, after: bool) -> list[str]:
        name = self.name(i)
        changed = {c.key for c in self.changes if after and c.table == name}
        columns = [
            'Column("id", Integer, primary_key=True)',
            'Column("name", String(100), nullable=False)',
            'Column("amount", Numeric(12, 2))',
            'Column("created_at", DateTime, nullable=False)',
            'Column("flag", Boolean, nullable=False, server_default=false())',
            'Column("note", Text)',
            f'Column("qty", {"BigInteger" if "alter_type" in changed else "Integer"})',
        ]
        if "drop_column" in changed:
            columns.remove('Column("note", Text)')
        if i in self.parents:
            parent = self.name(self.parents[i])
            columns.append(
                f'Column("parent_id", Integer, ForeignKey("{parent}.id", ondelete="CASCADE"))'
            )
        else:
            columns.append('Column("parent_id", Integer)')
        if "add_column" in changed:
            columns.append('Column("extra", String(40))')
        indexes = [f'Index("ix_{name}_name", "name")']
        if i in self.parents:
            indexes.append(f'Index("ix_{name}_parent_id", "parent_id")')
        elif i % 4 == 2:
            indexes.append(f'Index("uq_{name}_name_created", "name", "created_at", unique=True)')
        if "add_index" in changed:
            indexes.append(f'Index("ix_{name}_qty", "qty")')
        return (
            ["Table(", f'    "{name}",', "    metadata,"]
            + [f"    {item}," for item in columns + indexes]
            + [")", ""]
        )

    def module(self, after: bool) -> str:
        which = "B, the schema after the five changes" if after else "A, the schema before"
        lines = [
            f'"""Workload F (bench/diff.py), generated: {self.count} tables, schema {which}."""',
            "",
            "from sqlalchemy import (",
            "    BigInteger,",
            "    Boolean,",
            "    Column,",
            "    DateTime,",
            "    ForeignKey,",
            "    Index,",
            "    Integer,",
            "    MetaData,",
            "    Numeric,",
            "    String,",
            "    Table,",
            "    Text,",
            "    false,",
            ")",
            "",
            "metadata = MetaData(",
            "    naming_convention={",
            '        "pk": "pk_%(table_name)s",',
            '        "fk": "fk_%(table_name)s_%(column_0_name)s",',
            "    }",
            ")",
            "",
        ]
        for i in range(1, self.count + (2 if after else 1)):
            lines += self.table_code(i, after)
        return "\n".join(lines)


def load_module(path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- what each tool reported ------------------------------------------------------------------


@dataclass
class Verdict:
    """The five changes a contender found, and everything else it reported."""

    found: list[str] = field(default_factory=list)  # keys of the changes found
    false: list[str] = field(default_factory=list)  # reported differences that are not real
    items: int = 0  # operations / diffs / statements reported in all
    note: str = ""

    def summary(self, plan: Plan) -> str:
        return f"{len(set(self.found))}/{len(plan.changes)} found, {len(self.false)} false"

    def exact(self, plan: Plan) -> bool:
        return sorted(self.found) == sorted(c.key for c in plan.changes) and not self.false


def _match(plan: Plan, op: str, table: str | None, obj: str | None) -> str | None:
    """The planned change (key) a reported item is, or part of; None when it is none of them."""
    new = plan.by_key["new_table"].table
    if table == new or (table or "").startswith(new + "_"):
        return "new_table"
    for change in plan.changes:
        if change.table == table and change.obj == obj and change.key == op:
            return change.key
    return None


def judge_migrata(output: str, plan: Plan) -> Verdict:
    operations = json.loads(output)["operations"]
    verdict = Verdict(items=len(operations))
    kinds = {
        "AddColumn": "add_column",
        "DropColumn": "drop_column",
        "CreateIndex": "add_index",
        "AlterColumn": "alter_type",
        "CreateTable": "new_table",
    }
    for op in operations:
        table = op.get("table")
        table = table.get("name") if isinstance(table, dict) else table
        kind = kinds.get(op["op"])
        obj = None
        if op["op"] in ("AddColumn", "DropColumn"):
            obj = op["column"]["name"]
        elif op["op"] == "CreateIndex":
            obj = op["index"]["name"]
        elif op["op"] == "AlterColumn":
            obj = op["new"]["name"]
        elif op["op"] == "CreateTable":
            obj = table
        key = _match(plan, kind or op["op"], table, obj)
        if key == "alter_type":
            changed = sorted(k for k in op["new"] if op["old"].get(k) != op["new"].get(k))
            if changed != ["type"]:  # the type change is real; anything else with it is not
                verdict.false.append(json.dumps(op, sort_keys=True))
        if key is None:
            verdict.false.append(json.dumps(op, sort_keys=True))
        elif key not in verdict.found:
            verdict.found.append(key)
    return verdict


_ALEMBIC_DIFF = re.compile(r"\('((?:add|remove|modify)_[a-z_]+)', ")


def alembic_items(text: str) -> list[str]:
    """The diff tuples in `alembic check`'s "New upgrade operations detected: [...]", verbatim.

    modify_* diffs come grouped in lists; each tuple is returned on its own."""
    start = text.find("New upgrade operations detected:")
    if start < 0:
        return []
    items = []
    pos = start
    while True:
        match = _ALEMBIC_DIFF.search(text, pos)
        if match is None:
            return items
        end = _closing(text, match.start())
        items.append(text[match.start() : end + 1])
        pos = end + 1


def _closing(text: str, open_at: int) -> int:
    """The index of the bracket closing the one at *open_at* (quote-aware)."""
    depth, quote, i = 0, "", open_at
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return len(text) - 1


def judge_alembic(output: str, plan: Plan) -> Verdict:
    items = alembic_items(output)
    verdict = Verdict(items=len(items))
    ops = {
        "add_column": "add_column",
        "remove_column": "drop_column",
        "add_index": "add_index",
        "modify_type": "alter_type",
        "add_table": "new_table",
    }
    for item in items:
        op = _ALEMBIC_DIFF.match(item).group(1)  # type: ignore[union-attr]
        table = obj = None
        columnar = re.match(r"\('\w+', (?:None|'[^']*'), '([^']+)', '?(?:Column\(')?([^',]+)", item)
        if op.endswith("_table"):
            found = re.search(r"Table\('([^']+)'", item)
            table = obj = found.group(1) if found else None
        elif op.endswith("_column") or op.startswith("modify_"):
            if columnar:
                table, obj = columnar.group(1), columnar.group(2)
        else:
            found = re.search(r"table=<([^>]+)>", item)
            table = found.group(1) if found else None
            named = re.search(r"(?:Index|Constraint)\('([^']+)'", item)
            obj = named.group(1) if named else None
        key = _match(plan, ops.get(op, op), table, obj)
        if key is None:
            verdict.false.append(item)
        elif key not in verdict.found:
            verdict.found.append(key)
    return verdict


def judge_migra(output: str, plan: Plan) -> Verdict:
    statements = [s.strip() for s in re.split(r";\s*\n", output) if s.strip()]
    verdict = Verdict(items=len(statements))
    for statement in statements:
        low = statement.lower()
        table = re.search(r'"public"\."([^"]+)"|\bon public\.(\w+)', low)
        name = next((g for g in table.groups() if g), None) if table else None
        obj, op = None, "?"
        if (m := re.search(r'add column "([^"]+)"', low)) is not None:
            op, obj = "add_column", m.group(1)
        elif (m := re.search(r'drop column "([^"]+)"', low)) is not None:
            op, obj = "drop_column", m.group(1)
        elif (m := re.search(r'alter column "([^"]+)" set data type', low)) is not None:
            op, obj = "alter_type", m.group(1)
        elif (m := re.match(r"create (?:unique )?index (\w+) on", low)) is not None:
            op, obj = "add_index", m.group(1)
        key = _match(plan, op, name, obj)
        if key is None:
            verdict.false.append(statement)
        elif key not in verdict.found:
            verdict.found.append(key)
    return verdict


def judge_reflection(output: str, plan: Plan) -> Verdict:
    """The reference processes print the tables they saw per database: A, then B if given."""
    info = json.loads(output.strip().splitlines()[-1])
    want = [plan.count, plan.count + 1][: len(info["tables"])]
    if info["tables"] != want:
        raise BenchError(f"reflection saw {info['tables']} tables, expected {want}")
    return Verdict(note=" + ".join(str(n) for n in info["tables"]) + " tables reflected")


# -- the contenders ---------------------------------------------------------------------------

# The floor: SQLAlchemy's bulk reflection of A and nothing else, with the time inside the calls.
# Given two URLs (the "A and B" reference row), it reflects both, one after the other.
FLOOR = """\
import json, sys, time
from sqlalchemy import create_engine, inspect
tables, inside = [], 0.0
for url in sys.argv[1:]:
    engine = create_engine(url)
    with engine.connect() as conn:
        inspector = inspect(conn)
        start = time.perf_counter()
        columns = inspector.get_multi_columns()
        inspector.get_multi_pk_constraint()
        inspector.get_multi_indexes()
        inspector.get_multi_unique_constraints()
        inspector.get_multi_foreign_keys()
        inspector.get_multi_check_constraints()
        inside += time.perf_counter() - start
    tables.append(len(columns))
print(json.dumps({"tables": tables, "inside_s": inside}))
"""

REFLECT = """\
import json, sys, time
from sqlalchemy import MetaData, create_engine
engine = create_engine(sys.argv[1])
metadata = MetaData()
with engine.connect() as conn:
    start = time.perf_counter()
    metadata.reflect(conn)
    inside = time.perf_counter() - start
print(json.dumps({"tables": [len(metadata.tables)], "inside_s": inside}))
"""

# Alembic's generic env.py, online mode, target_metadata = B's MetaData; URL from -x url=...
ENV_PY = """\
from logging.config import fileConfig

from sqlalchemy import create_engine, pool

from alembic import context
from {module} import metadata as target_metadata

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name)

url = context.get_x_argument(as_dictionary=True)["url"]
engine = create_engine(url, poolclass=pool.NullPool)
with engine.connect() as connection:
    context.configure(
        connection=connection, target_metadata=target_metadata, compare_server_default={csd}
    )
    with context.begin_transaction():
        context.run_migrations()
"""


@dataclass
class Contender:
    key: str
    label: str
    argv: Callable[[Database, Database], list[str]]
    ok: tuple[int, ...]  # exit codes that mean it worked (1/255/2: differences found)
    judge: Callable[[str, Plan], Verdict]
    floor: bool = False
    env: dict[str, str] = field(default_factory=dict)
    cwd: Path | None = None
    times: list[float] = field(default_factory=list)
    inside: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    verdicts: list[Verdict] = field(default_factory=list)
    command: str = ""
    tidy: Callable[[Database], None] | None = None  # untimed, after each run
    error: str | None = None  # set when it failed or cannot run: no more runs of it
    skipped: str | None = None

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None


@dataclass
class Outcome:
    seconds: float
    code: int
    rss_mb: float
    stdout: str
    stderr: str


def launch(argv: list[str], env: dict[str, str], cwd: Path | None) -> Outcome:
    """One whole process: its wall time (perf_counter around spawn and wait) and peak RSS.

    The peak RSS comes from GNU time (/usr/bin/time -f %M) when it is there: Linux counts a
    child's peak from its fork, so measured from here every child would show at least this
    process's own size. GNU time's fork and exec are inside the timed span (about 1 ms).
    """
    full_env = {**os.environ, **env}
    with tempfile.TemporaryDirectory(prefix="diff-bench-") as tmp:
        rss_file = Path(tmp, "rss")
        prefix = [TIME, "-q", "-f", "%M", "-o", str(rss_file)] if TIME else []
        with open(Path(tmp, "out"), "w+b") as out, open(Path(tmp, "err"), "w+b") as err:
            start = time.perf_counter()
            proc = subprocess.Popen(
                [*prefix, *argv],
                cwd=cwd,
                env=full_env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
            )
            _, status, usage = os.wait4(proc.pid, 0)
            seconds = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)
            out.seek(0)
            err.seek(0)
            stdout = out.read().decode(errors="replace")
            stderr = err.read().decode(errors="replace")
        try:
            rss_kb = float(rss_file.read_text().split()[-1])
        except (OSError, ValueError, IndexError):
            rss_kb = float(usage.ru_maxrss)
    return Outcome(seconds, proc.returncode, rss_kb / 1024, stdout, stderr)


def drop_alembic_version(db: Database) -> None:
    """`alembic check` creates its version table in A (and commits it): drop it again, so that
    the contenders after it see the same A."""
    from sqlalchemy import create_engine, text

    engine = create_engine(db.url)
    try:
        with engine.begin() as conn:
            conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    finally:
        engine.dispose()


def mask(text: str) -> str:
    return suite._PASSWORD.sub(r"\1***@", text)


def contenders(dialect: str, files: Files, want_migra: bool) -> list[Contender]:
    module_env = {"PYTHONPATH": str(files.models)}
    py = sys.executable
    found: list[Contender] = [
        Contender(
            "floor",
            "floor: Inspector.get_multi_* of A",
            lambda a, b: [py, "-c", FLOOR, a.url],
            (0,),
            judge_reflection,
            floor=True,
        ),
        Contender(
            "floor-ab",
            "floor, A and B: get_multi_* of both",
            lambda a, b: [py, "-c", FLOOR, a.url, b.url],
            (0,),
            judge_reflection,
        ),
        Contender(
            "reflect",
            "MetaData.reflect() of A",
            lambda a, b: [py, "-c", REFLECT, a.url],
            (0,),
            judge_reflection,
        ),
        Contender(
            "migrata-url",
            "migrata diff --against URL of B",
            lambda a, b: [
                MIGRATA,
                "--url",
                a.url,
                "diff",
                "--from",
                "database",
                "--against",
                b.url,
                "--json",
            ],
            (0, 1),
            judge_migrata,
            cwd=files.project,
        ),
        Contender(
            "migrata-module",
            f"migrata diff --against {MODULE}:metadata",
            lambda a, b: [
                MIGRATA,
                "--url",
                a.url,
                "diff",
                "--from",
                "database",
                "--against",
                f"{MODULE}:metadata",
                "--json",
            ],
            (0, 1),
            judge_migrata,
            env=module_env,
            cwd=files.project,
        ),
        Contender(
            "alembic",
            "alembic check (target_metadata = B)",
            lambda a, b: [
                ALEMBIC,
                "-c",
                str(files.alembic / "alembic.ini"),
                "-x",
                f"url={a.url}",
                "check",
            ],
            (0, 255),
            judge_alembic,
            env=module_env,
            tidy=drop_alembic_version,
        ),
    ]
    if dialect == "postgresql" and want_migra:
        psycopg2 = "postgresql+psycopg2://"
        found.append(
            Contender(
                "migra",
                "migra --unsafe A B",
                lambda a, b: [
                    MIGRA,
                    "--unsafe",
                    a.url.replace("postgresql+psycopg://", psycopg2),
                    b.url.replace("postgresql+psycopg://", psycopg2),
                ],
                (0, 2),
                judge_migra,
            )
        )
        if not Path(MIGRA).exists():
            found[-1].skipped = "migra is not installed in the bench venv (pip install failed?)"
    return found


# -- files ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Files:
    models: Path  # bench_before.py (A) and bench_module.py (B)
    project: Path  # migrata's working folder: a migrata.toml and an empty migrations/
    alembic: Path  # alembic.ini, env.py, an empty versions/


def write_files(plan: Plan, server_defaults: bool = False) -> Files:
    if WORK.exists():
        shutil.rmtree(WORK)
    models = WORK / "models"
    models.mkdir(parents=True)
    (models / f"{BEFORE}.py").write_text(plan.module(after=False))
    (models / f"{MODULE}.py").write_text(plan.module(after=True))
    project = WORK / "project"
    (project / "migrations").mkdir(parents=True)
    (project / "migrata.toml").write_text('migrations = "migrations"\n')
    alembic = WORK / "alembic"
    (alembic / "versions").mkdir(parents=True)
    (alembic / "alembic.ini").write_text(_ALEMBIC_INI)
    (alembic / "env.py").write_text(ENV_PY.format(module=MODULE, csd=server_defaults))
    (alembic / "script.py.mako").write_text("")  # only `alembic revision` reads it
    import compileall  # compiled once, as after a project's first run: no timed run pays it

    for folder in (models, alembic):
        if not compileall.compile_dir(str(folder), quiet=1):
            raise BenchError(f"could not byte-compile {folder}")
    return Files(models, project, alembic)


# -- one dialect ------------------------------------------------------------------------------


def build(db: Database, metadata: Any) -> float:
    from sqlalchemy import create_engine, inspect

    start = time.perf_counter()
    engine = create_engine(db.url)
    try:
        with engine.begin() as conn:
            metadata.create_all(conn, checkfirst=False)
        with engine.connect() as conn:
            names = set(inspect(conn).get_table_names())
    finally:
        engine.dispose()
    if names != set(metadata.tables):
        raise BenchError(f"{db.name}: built {len(names)} tables, expected {len(metadata.tables)}")
    return time.perf_counter() - start


class DialectRun:
    def __init__(
        self,
        backend: Backend,
        plan: Plan,
        files: Files,
        args: argparse.Namespace,
        modules: tuple[Any, Any],
    ) -> None:
        self.backend = backend
        self.dialect = backend.dialect
        self.plan = plan
        self.files = files
        self.args = args
        self.modules = modules
        self.contenders = contenders(self.dialect, files, args.migra)
        self.build_s: dict[str, float] = {}
        self.load: list[float] = []

    def run(self) -> None:
        self.load.append(round(os.getloadavg()[0], 2))
        a = self.backend.create("diff_a")
        b = self.backend.create("diff_b")
        try:
            progress(f"[{self.dialect}] building A ({self.plan.count} tables) and B")
            self.build_s["A"] = round(build(a, self.modules[0].metadata), 2)
            self.build_s["B"] = round(build(b, self.modules[1].metadata), 2)
            progress(
                f"[{self.dialect}] built A in {self.build_s['A']:.1f} s, "
                f"B in {self.build_s['B']:.1f} s"
            )
            self._warm_up(a, b)
            for rep in range(self.args.repeat):
                for contender in self.contenders:
                    if contender.error is None and contender.skipped is None:
                        self._one(contender, a, b, rep)
        finally:
            self.backend.drop(a)
            self.backend.drop(b)
            self.load.append(round(os.getloadavg()[0], 2))

    def _warm_up(self, a: Database, b: Database) -> None:
        """One untimed run of the floor, so that the first timed process finds warm caches."""
        floor = self.contenders[0]
        outcome = launch(floor.argv(a, b), floor.env, floor.cwd)
        if outcome.code != 0:
            raise BenchError(f"[{self.dialect}] the floor failed: {outcome.stderr.strip()[-2000:]}")

    def _one(self, contender: Contender, a: Database, b: Database, rep: int) -> None:
        argv = contender.argv(a, b)
        if not contender.command:  # for diff-results.json: passwords masked, scripts named
            shown = mask(" ".join(argv)).replace(FLOOR, "<FLOOR script, bench/diff.py>")
            contender.command = shown.replace(REFLECT, "<REFLECT script, bench/diff.py>")
        if self.args.settle:
            self.backend.settle()
        outcome = launch(argv, contender.env, contender.cwd)
        if contender.tidy is not None:
            contender.tidy(a)
        kept = WORK / "output"  # the last run's output of each contender, to read afterwards
        kept.mkdir(exist_ok=True)
        (kept / f"{self.dialect}-{contender.key}.txt").write_text(
            f"$ {mask(' '.join(argv))}\n# exit {outcome.code}\n# stdout\n{outcome.stdout}"
            f"\n# stderr\n{outcome.stderr}"
        )
        where = f"[{self.dialect}] run {rep + 1}/{self.args.repeat}  {contender.label:<44}"
        if outcome.code not in contender.ok:
            tail = "\n  ".join(mask((outcome.stderr or outcome.stdout).strip()).splitlines()[-12:])
            contender.error = f"exit {outcome.code}:\n  {tail}"
            progress(f"{where} FAILED ({contender.error})")
            return
        try:
            verdict = contender.judge(outcome.stdout, self.plan)
        except (ValueError, KeyError, BenchError) as exc:
            contender.error = f"could not read its output ({exc}): {outcome.stdout[:500]!r}"
            progress(f"{where} FAILED ({contender.error})")
            return
        contender.times.append(outcome.seconds)
        contender.rss_mb.append(outcome.rss_mb)
        contender.verdicts.append(verdict)
        if contender.judge is judge_reflection:
            contender.inside.append(json.loads(outcome.stdout.strip().splitlines()[-1])["inside_s"])
            said = verdict.note
        else:
            said = verdict.summary(self.plan)
        progress(f"{where} {outcome.seconds:7.3f} s  {said}")

    # results ---------------------------------------------------------------------------------

    def floor(self) -> Contender:
        return self.contenders[0]

    def goal(self, c: Contender) -> tuple[str, bool | None, str]:
        """The goal text, whether it is met, and why not."""
        if not c.key.startswith("migrata") or c.median is None:
            return "", None, ""
        verdict = c.verdicts[-1]
        exact = all(v.exact(self.plan) for v in c.verdicts)
        why = [] if exact else [verdict.summary(self.plan)]
        if self.dialect == "postgresql":
            ratio = self.ratio(c)
            text = "<= 1.3x floor, exactly 5"
            if ratio is None or ratio > 1.3:
                why.append(f"{ratio:.2f}x floor" if ratio is not None else "no floor")
        else:
            alembic = next(x for x in self.contenders if x.key == "alembic")
            text = "< alembic check, exactly 5"
            if alembic.median is None:
                why.append("alembic check did not run")
            elif c.median >= alembic.median:
                why.append(f"{c.median / alembic.median:.2f}x alembic's time")
        return text, not why, "; ".join(why)

    def ratio(self, c: Contender) -> float | None:
        f = self.floor().median
        return c.median / f if c.median is not None and f else None

    def to_json(self) -> dict[str, Any]:
        rows = []
        for c in self.contenders:
            goal, met, why = self.goal(c)
            verdict = c.verdicts[-1] if c.verdicts else None
            ratio = self.ratio(c)
            rows.append(
                {
                    "contender": c.key,
                    "label": c.label,
                    "floor": c.floor,
                    "command": c.command,
                    "times_s": [round(t, 4) for t in c.times],
                    "median_s": round(c.median, 4) if c.median is not None else None,
                    "ratio_to_floor": round(ratio, 3) if ratio is not None else None,
                    "inside_calls_s": [round(t, 4) for t in c.inside] or None,
                    "peak_rss_mb": round(max(c.rss_mb), 1) if c.rss_mb else None,
                    "reported_items": verdict.items if verdict else None,
                    "changes_found": sorted(set(verdict.found)) if verdict else None,
                    "changes_missing": sorted(
                        {ch.key for ch in self.plan.changes} - set(verdict.found)
                    )
                    if verdict and c.judge is not judge_reflection
                    else None,
                    "false_changes": verdict.false if verdict else None,
                    "same_every_run": len(
                        {(tuple(sorted(v.found)), tuple(v.false)) for v in c.verdicts}
                    )
                    <= 1,
                    "goal": goal or None,
                    "goal_met": met,
                    "goal_missed_by": why or None,
                    "error": c.error,
                    "skipped": c.skipped,
                }
            )
        return {
            "dialect": self.dialect,
            "build_s": self.build_s,
            "load_average_1min": self.load,
            "contenders": rows,
        }


# -- output -----------------------------------------------------------------------------------


def table(document: dict[str, Any], markdown: bool = False) -> str:
    plan_changes = document["changes"]
    out = []
    for part in document["dialects"]:
        reps = max((len(r["times_s"]) for r in part["contenders"]), default=0)
        title = (
            f"F. diff at {document['options']['tables']} tables, {part['dialect']} "
            f"(median of {reps})"
        )
        rows = []
        for r in part["contenders"]:
            median = f"{r['median_s']:.3f}" if r["median_s"] is not None else "-"
            spread = f"{min(r['times_s']):.3f}-{max(r['times_s']):.3f}" if r["times_s"] else "-"
            ratio = f"{r['ratio_to_floor']:.2f}" if r["ratio_to_floor"] is not None else "-"
            inside = f"{statistics.median(r['inside_calls_s']):.3f}" if r["inside_calls_s"] else ""
            rss = f"{r['peak_rss_mb']:.0f}" if r["peak_rss_mb"] is not None else "-"
            if r["error"] or r["skipped"]:
                changes = "failed" if r["error"] else "skipped"
            elif r["changes_found"] is None or r["changes_missing"] is None:
                changes = ""
            else:
                found = len(r["changes_found"])
                changes = f"{found}/{len(plan_changes)} + {len(r['false_changes'])} false"
            met = {None: "", True: "yes", False: "no"}[r["goal_met"]]
            if r["goal_met"] is False:
                met = f"no ({r['goal_missed_by']})"
            rows.append(
                (r["label"], median, spread, ratio, inside, rss, changes, r["goal"] or "", met)
            )
        head = (
            "contender",
            "median s",
            "min-max s",
            "x floor",
            "in calls s",
            "RSS MB",
            "changes",
            "goal",
            "met",
        )
        if markdown:
            out.append(f"**{title}**\n")
            out.append("| " + " | ".join(head).replace("x floor", "\u00d7 floor") + " |")
            out.append("|---|---:|---:|---:|---:|---:|---|---|---|")
            for row in rows:
                cells = [re.sub(r"(\d)x ", "\\1\u00d7 ", c.replace("<=", "\u2264")) for c in row]
                out.append("| " + " | ".join(cells) + " |")
        else:
            out.append(title)
            widths = [max(len(str(x[i])) for x in [head, *rows]) for i in range(len(head))]
            for row in [head, *rows]:
                cells = [
                    str(v).ljust(w) if i in (0, 6, 7, 8) else str(v).rjust(w)
                    for i, (v, w) in enumerate(zip(row, widths, strict=True))
                ]
                out.append("  " + "  ".join(cells).rstrip())
        out.append("")
    return "\n".join(out)


def false_report(document: dict[str, Any]) -> str:
    out = []
    for part in document["dialects"]:
        for r in part["contenders"]:
            if r["error"]:
                out.append(f"[{part['dialect']}] {r['label']}: FAILED {r['error']}")
            if r["skipped"]:
                out.append(f"[{part['dialect']}] {r['label']}: skipped: {r['skipped']}")
            if r["changes_missing"]:
                out.append(
                    f"[{part['dialect']}] {r['label']} missed: " + ", ".join(r["changes_missing"])
                )
            false = r["false_changes"] or []
            for item in false[:SHOWN]:
                out.append(f"[{part['dialect']}] {r['label']} reported a false change:\n    {item}")
            if len(false) > SHOWN:
                out.append(
                    f"[{part['dialect']}] {r['label']}: {len(false) - SHOWN} more false "
                    f"changes, all in {RESULTS.name}"
                )
    return "\n".join(out)


SHOWN = 20  # false changes printed per contender (diff-results.json has every one)


def versions(servers: dict[str, str]) -> dict[str, Any]:
    import sqlite3
    from importlib import metadata

    packages = {}
    for name in (
        "migrata",
        "alembic",
        "SQLAlchemy",
        "psycopg",
        "PyMySQL",
        "migra",
        "schemainspect",
        "sqlbag",
        "psycopg2-binary",
    ):
        try:
            packages[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            packages[name] = None
    info: dict[str, Any] = {
        "python": sys.version.split()[0],
        "packages": packages,
        "sqlite": sqlite3.sqlite_version,
        "servers": servers,
    }
    source = BIN.parent / ".bench-source"
    if source.is_file():
        info["git"] = dict(
            line.split("=", 1) for line in source.read_text().splitlines() if "=" in line
        )
    return info


# -- main -------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="scripts/bench diff", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--dialect",
        action="append",
        choices=DIALECTS,
        help="a dialect to run (repeatable; default: all three)",
    )
    parser.add_argument("--tables", type=int, default=1000, help="T, tables in A (default 1000)")
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="R, timed runs of each contender (default 3); the median is reported",
    )
    parser.add_argument(
        "--no-migra", dest="migra", action="store_false", help="leave migra out (PostgreSQL)"
    )
    parser.add_argument(
        "--alembic-server-defaults",
        action="store_true",
        help="run alembic check with compare_server_default=True (default: Alembic's False)",
    )
    parser.add_argument(
        "--no-settle",
        dest="settle",
        action="store_false",
        help="no CHECKPOINT / sync before each timed process",
    )
    parser.add_argument(
        "--markdown",
        action="store_true",
        help="run nothing: print the last diff-results.json as Markdown tables",
    )
    args = parser.parse_args(argv)
    args.dialects = list(dict.fromkeys(args.dialect or DIALECTS))
    if args.tables < 10 or args.repeat < 1:
        parser.error("--tables must be at least 10 and --repeat at least 1")
    return args


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.markdown:
        if not RESULTS.is_file():
            print(f"bench: no results yet ({RESULTS}): run ./scripts/bench diff first", file=sys.stderr)
            return 2
        document = json.loads(RESULTS.read_text())
        print(table(document, markdown=True))
        print(false_report(document))
        return 0
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGHUP, _interrupt)
    for tool in (MIGRATA, ALEMBIC):
        if not Path(tool).exists():
            progress(f"bench: {tool} not found; run the benchmark with ./scripts/bench diff")
            return 2
    started = time.perf_counter()
    stamp = dt.datetime.now(dt.UTC)
    plan = Plan(args.tables)
    files = write_files(plan, args.alembic_server_defaults)
    modules = (
        load_module(files.models / f"{BEFORE}.py"),
        load_module(files.models / f"{MODULE}.py"),
    )
    progress(
        f"bench diff: {', '.join(args.dialects)}; T={args.tables}, R={args.repeat}; "
        f"changes: {'; '.join(c.text() for c in plan.changes)}"
    )
    backends = {d: BACKENDS[d](HERE / ".work") for d in args.dialects}
    runs: list[DialectRun] = []
    servers: dict[str, str] = {}
    error, status = None, 0
    try:
        for dialect, backend in backends.items():
            servers[dialect] = backend.connect_check()
            stale = backend.drop_stale()
            if stale:
                progress(f"[{dialect}] dropped {len(stale)} database(s) left by killed runs")
        for backend in backends.values():
            runs.append(DialectRun(backend, plan, files, args, modules))
            runs[-1].run()
    except KeyboardInterrupt:
        error, status = "interrupted", 130
    except BenchError as exc:
        error, status = str(exc), 1
    finally:
        for backend in backends.values():
            backend.drop_all()
            backend.close()
    elapsed = time.perf_counter() - started
    document = {
        "complete": status == 0,
        "error": error,
        "date": stamp.isoformat(timespec="seconds"),
        "total_s": round(elapsed, 1),
        "options": {
            "dialects": args.dialects,
            "tables": args.tables,
            "repeat": args.repeat,
            "settle": args.settle,
            "alembic_compare_server_default": args.alembic_server_defaults,
            "migra": args.migra,
        },
        "changes": [
            {"key": c.key, "table": c.table, "object": c.obj, "text": c.text()}
            for c in plan.changes
        ],
        "machine": suite.machine(),
        "versions": versions(servers),
        "dialects": [r.to_json() for r in runs],
    }
    wrong = [
        f"{part['dialect']}: {row['label']}: {row['error'] or 'not exactly the five changes'}"
        for part in document["dialects"]
        for row in part["contenders"]
        if row["contender"].startswith("migrata") or row["floor"]
        if row["error"]
        or row["changes_missing"]
        or row["false_changes"]
        or not row["same_every_run"]
    ]
    if wrong and status == 0:
        status, error = 1, "; ".join(wrong)
        document["complete"], document["error"] = False, error
    RESULTS.write_text(json.dumps(document, indent=2) + "\n")
    print(
        f"\ndiff at {args.tables} tables; {document['date']}; machine: "
        f"{document['machine']['cpus']} cores, load {os.getloadavg()[0]:.2f}"
    )
    print(table(document))
    report = false_report(document)
    if report:
        print(report)
    print(f"total {elapsed:.0f} s; results in {RESULTS}")
    if error:
        progress(f"bench diff: FAILED: {error}")
    return status


if __name__ == "__main__":
    sys.exit(main())
