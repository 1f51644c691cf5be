"""The migrations every contender runs, written out for migrata, Alembic and the database's client.

Migration k (1-based) is, for odd k, ``CREATE TABLE tk``; for even k, alternately
``ALTER TABLE tj ADD COLUMN ck`` and ``CREATE INDEX ik ON tj (b)`` on an earlier table tj
(picked by a seeded random generator, so every run builds the same schema).
"""

from __future__ import annotations

import compileall
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

TABLE, COLUMN, INDEX = "table", "column", "index"
DIALECTS = ("sqlite", "postgresql", "mariadb")
SEED = 20240611


@dataclass(frozen=True)
class Migration:
    number: int
    kind: str  # table | column | index
    table: str  # the table it creates or changes
    obj: str  # tK, cK or iK

    @property
    def name(self) -> str:
        verb = {TABLE: "create", COLUMN: "add", INDEX: "index"}[self.kind]
        return f"{verb}_{self.obj}" if self.kind == TABLE else f"{verb}_{self.obj}_on_{self.table}"

    def up(self, dialect: str) -> str:
        if self.kind == TABLE:
            return f"CREATE TABLE {self.obj} (id INTEGER PRIMARY KEY, a VARCHAR(50), b INTEGER);\n"
        if self.kind == COLUMN:
            return f"ALTER TABLE {self.table} ADD COLUMN {self.obj} INTEGER;\n"
        return f"CREATE INDEX {self.obj} ON {self.table} (b);\n"

    def down(self, dialect: str) -> str:
        if self.kind == TABLE:
            return f"DROP TABLE {self.obj};\n"
        if self.kind == COLUMN:
            return f"ALTER TABLE {self.table} DROP COLUMN {self.obj};\n"
        if dialect == "mariadb":  # MySQL/MariaDB index names are per table
            return f"DROP INDEX {self.obj} ON {self.table};\n"
        return f"DROP INDEX {self.obj};\n"


@dataclass(frozen=True)
class Expected:
    """What the schema holds once every migration is applied."""

    tables: int
    columns: int
    indexes: int


def build(n: int) -> list[Migration]:
    """The N migrations, in order."""
    rng = random.Random(SEED)
    tables: list[str] = []
    migrations = []
    for k in range(1, n + 1):
        if k % 2 == 1:
            migrations.append(Migration(k, TABLE, f"t{k}", f"t{k}"))
            tables.append(f"t{k}")
        elif (k // 2) % 2 == 1:
            migrations.append(Migration(k, COLUMN, rng.choice(tables), f"c{k}"))
        else:
            migrations.append(Migration(k, INDEX, rng.choice(tables), f"i{k}"))
    return migrations


def expected(migrations: list[Migration]) -> Expected:
    def count(kind: str) -> int:
        return sum(1 for m in migrations if m.kind == kind)

    return Expected(count(TABLE), count(COLUMN), count(INDEX))


@dataclass(frozen=True)
class Files:
    """One dialect's workspace."""

    root: Path
    migrata: Path  # the project folder: migrations/ (and no migrata.toml: --url is given)
    alembic: Path  # alembic.ini, env.py, versions/
    all_sql: Path  # every up script, in order
    down_sql: Path  # the last `rollback` down scripts, newest first
    up_sql: Path  # the same migrations' up scripts, oldest first
    recorded_sql: Path  # all.sql with a row in RECORD_TABLE after each migration (reference)
    head: str  # Alembic's head revision


RECORD_TABLE = "bench_record"


def recorded_script(dialect: str, migrations: list[Migration]) -> str:
    """all.sql, each migration followed by the one row any tool must write to remember it.

    The database's client runs it as it runs all.sql: in one transaction on SQLite and
    PostgreSQL; on MariaDB each statement commits, so each row costs a commit of its own, as
    the history of a tool that records every migration durably must.
    """
    stamp = "DATETIME(6)" if dialect == "mariadb" else "TIMESTAMP"
    parts = [f"CREATE TABLE {RECORD_TABLE} (name VARCHAR(100) PRIMARY KEY, applied_at {stamp});\n"]
    for m in migrations:
        parts.append(m.up(dialect))
        parts.append(f"INSERT INTO {RECORD_TABLE} VALUES ('{m.number}_{m.name}', CURRENT_TIMESTAMP);\n")
    return "".join(parts)


def revision_id(number: int) -> str:
    return f"r{number:06d}"


def write(root: Path, dialect: str, migrations: list[Migration], rollback: int) -> Files:
    """Write every contender's copy of the migrations under *root* (emptied first)."""
    if root.exists():
        shutil.rmtree(root)
    width = max(4, len(str(len(migrations))))
    project = root / "migrata"
    folder = project / "migrations"
    folder.mkdir(parents=True)
    for m in migrations:
        stem = f"{m.number:0{width}d}_{m.name}"
        (folder / f"{stem}.sql").write_text(m.up(dialect))
        (folder / f"{stem}.down.sql").write_text(m.down(dialect))

    all_sql = root / "all.sql"
    all_sql.write_text("".join(m.up(dialect) for m in migrations))
    last = migrations[len(migrations) - rollback :]
    down_sql, up_sql = root / "down.sql", root / "up.sql"
    down_sql.write_text("".join(m.down(dialect) for m in reversed(last)))
    up_sql.write_text("".join(m.up(dialect) for m in last))
    recorded_sql = root / "recorded.sql"
    recorded_sql.write_text(recorded_script(dialect, migrations))

    alembic = root / "alembic"
    _write_alembic(alembic, dialect, migrations, width)
    head = revision_id(len(migrations))
    return Files(root, project, alembic, all_sql, down_sql, up_sql, recorded_sql, head)


_ALEMBIC_INI = """\
[alembic]
script_location = %(here)s
path_separator = os

[loggers]
keys = root,sqlalchemy,alembic

[handlers]
keys = console

[formatters]
keys = generic

[logger_root]
level = WARNING
handlers = console
qualname =

[logger_sqlalchemy]
level = WARNING
handlers =
qualname = sqlalchemy.engine

[logger_alembic]
level = WARNING
handlers =
qualname = alembic

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic

[formatter_generic]
format = %(levelname)-5.5s [%(name)s] %(message)s
datefmt = %H:%M:%S
"""

# Alembic's "generic" template, online mode only, with the URL from `-x url=...` (every run
# has its own database). Logging at WARNING is the equivalent of migrata's -q.
_ENV_PY = """\
from logging.config import fileConfig

from sqlalchemy import create_engine, pool

from alembic import context

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name)

url = context.get_x_argument(as_dictionary=True)["url"]
engine = create_engine(url, poolclass=pool.NullPool)
with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=None)
    with context.begin_transaction():
        context.run_migrations()
"""

_REVISION = '''\
"""{name}"""

from alembic import op

revision = {revision!r}
down_revision = {down_revision!r}
branch_labels = None
depends_on = None


def upgrade():
    op.execute({up!r})


def downgrade():
    op.execute({down!r})
'''


def _write_alembic(folder: Path, dialect: str, migrations: list[Migration], width: int) -> None:
    versions = folder / "versions"
    versions.mkdir(parents=True)
    (folder / "alembic.ini").write_text(_ALEMBIC_INI)
    (folder / "env.py").write_text(_ENV_PY)
    (folder / "script.py.mako").write_text("")  # only `alembic revision` reads it
    previous = None
    for m in migrations:
        revision = revision_id(m.number)
        text = _REVISION.format(
            name=m.name,
            revision=revision,
            down_revision=previous,
            up=m.up(dialect).strip().rstrip(";"),
            down=m.down(dialect).strip().rstrip(";"),
        )
        (versions / f"{m.number:0{width}d}_{m.name}.py").write_text(text)
        previous = revision
    # Compiled once here, as after a project's first run, so that no timed run pays for it.
    compileall.compile_dir(str(folder), quiet=1)
