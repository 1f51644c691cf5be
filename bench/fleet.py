"""Workload E (issue: many databases): `migrata apply --all` of N migrations to D databases,
against running `migrata apply` once per database, one after another, in the same run.

    ./scripts/bench fleet [--dialect sqlite|postgresql] [--databases 50] [--migrations 20]

Prints wall times, the speed-up, and the peak memory (RSS) of the `--all` process.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, text

HERE = Path(__file__).resolve().parent
WORK = HERE / ".work" / "fleet"
SERVER = os.environ.get(
    "MIGRATA_BENCH_POSTGRESQL",
    os.environ.get("MIGRATA_TEST_POSTGRESQL", "postgresql://postgres@127.0.0.1:5432/postgres"),
)
MIGRATA = str(Path(sys.executable).with_name("migrata"))


def write_project(root: Path, urls: list[str], migrations: int) -> None:
    folder = root / "migrations"
    folder.mkdir(parents=True)
    for i in range(1, migrations + 1):
        if i % 2:
            sql = f"CREATE TABLE t{i} (id INTEGER PRIMARY KEY, a VARCHAR(50), b INTEGER);\n"
        else:
            sql = f"ALTER TABLE t{i - 1} ADD COLUMN c{i} INTEGER;\n"
        (folder / f"{i:04d}_m{i}.sql").write_text(sql)
    lines = ['migrations = "migrations"\n']
    lines += [f'[databases.db{i}]\nurl = "{url}"\n' for i, url in enumerate(urls)]
    (root / "migrata.toml").write_text("".join(lines))


class Fleet:
    """D fresh databases of one dialect, made again before every contender's run."""

    def __init__(self, dialect: str, count: int) -> None:
        self.dialect = dialect
        self.names = [f"migrata_bench_fleet_{os.getpid()}_{i}" for i in range(count)]
        self.admin = create_engine(SERVER.replace("postgresql://", "postgresql+psycopg://"),
                                   isolation_level="AUTOCOMMIT") if dialect == "postgresql" else None

    def urls(self) -> list[str]:
        if self.dialect == "sqlite":
            return [f"sqlite:///{WORK / 'db' / name}.db" for name in self.names]
        base = SERVER.rsplit("/", 1)[0]
        return [f"{base}/{name}" for name in self.names]

    def reset(self) -> None:
        self.drop()
        if self.dialect == "sqlite":
            (WORK / "db").mkdir(parents=True, exist_ok=True)
            return
        with self.admin.connect() as conn:
            for name in self.names:
                conn.execute(text(f"CREATE DATABASE {name}"))

    def drop(self) -> None:
        if self.dialect == "sqlite":
            shutil.rmtree(WORK / "db", ignore_errors=True)
            return
        with self.admin.connect() as conn:
            for name in self.names:
                conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))

    def applied(self, migrations: int) -> bool:
        """Every database has every migration recorded and its last table built."""
        for url in self.urls():
            engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
            with engine.connect() as conn:
                count = conn.execute(text("SELECT count(*) FROM migrata_history")).scalar()
                conn.execute(text(f"SELECT * FROM t{migrations - 1 + migrations % 2}"))
            engine.dispose()
            if count != migrations:
                return False
        return True


def timed(argv: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"fleet bench: {' '.join(argv)} failed: {done.stderr.strip()}")
    return elapsed


def sequential(root: Path, count: int) -> float:
    return sum(timed([MIGRATA, "--database", f"db{i}", "apply", "-q"], root) for i in range(count))


def concurrent(root: Path, jobs: int) -> tuple[float, float]:
    """Wall time of one `apply --all`, and that process's own peak RSS in MB."""
    argv = [MIGRATA, "apply", "--all", "-q", "--jobs", str(jobs)]
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=root, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"fleet bench: {' '.join(argv)} failed: {process.stderr.read().decode()}")
    return wall, usage.ru_maxrss / 1024


def run(dialect: str, count: int, migrations: int, repeat: int, jobs: int) -> dict[str, object]:
    root = WORK / dialect
    shutil.rmtree(root, ignore_errors=True)
    fleet = Fleet(dialect, count)
    write_project(root, fleet.urls(), migrations)
    seq, con, rss = [], [], 0.0
    try:
        for _ in range(repeat):
            fleet.reset()
            seq.append(sequential(root, count))
            assert fleet.applied(migrations), "sequential runs did not reach head"
            fleet.reset()
            wall, peak = concurrent(root, jobs)
            con.append(wall)
            rss = max(rss, peak)
            assert fleet.applied(migrations), "apply --all did not reach head"
    finally:
        fleet.drop()
    s, c = statistics.median(seq), statistics.median(con)
    return {"dialect": dialect, "databases": count, "migrations": migrations, "jobs": jobs,
            "sequential_s": round(s, 3), "all_s": round(c, 3), "speedup": round(s / c, 2),
            "peak_rss_mb": round(rss, 1), "goal": "speed-up >= 4x, memory < 300 MB",
            "met": s / c >= 4 and rss < 300}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dialect", action="append", choices=["sqlite", "postgresql"])
    parser.add_argument("--databases", type=int, default=50)
    parser.add_argument("--migrations", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--jobs", type=int, default=8)
    args = parser.parse_args()
    print(f"{'dialect':<11} {'dbs':>4} {'migr':>5} {'one by one':>11} {'--all':>8} "
          f"{'speed-up':>9} {'peak RSS':>9}  goal met")
    for dialect in args.dialect or ["sqlite", "postgresql"]:
        r = run(dialect, args.databases, args.migrations, args.repeat, args.jobs)
        print(f"{dialect:<11} {r['databases']:>4} {r['migrations']:>5} {r['sequential_s']:>10.2f}s"
              f" {r['all_s']:>7.2f}s {r['speedup']:>8.2f}x {r['peak_rss_mb']:>7.1f}MB  {r['met']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
