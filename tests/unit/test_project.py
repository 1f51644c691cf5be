"""Migrations on disk, their headers, the graph and plans: no database involved."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from migrata.errors import (
    DependencyCycle,
    DuplicateMigration,
    Irreversible,
    MigrationFileError,
    MissingDependency,
    UnknownTarget,
    UnresolvedFailure,
)
from migrata.project.discover import Source, discover_migrations, resolve_source
from migrata.project.graph import build_graph
from migrata.project.headers import parse_comment_header, parse_python_header
from migrata.project.natural import natural_key
from migrata.project.plan import (
    Record,
    compute_states,
    find_target,
    plan_apply,
    plan_fake,
    plan_rollback,
)


def write(folder: Path, name: str, text: str = "SELECT 1;\n", executable: bool = False) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    if executable:
        path.chmod(0o755)
    return path


def load(folder: Path, *extra: Source) -> list:
    return build_graph(discover_migrations([Source(folder), *extra])).order


def names(order: list) -> list[str]:
    return [m.key for m in order]


def test_natural_sort_orders_numbers_by_value() -> None:
    given = ["x-10", "x-2", "x-1", "10_x", "2_x", "00.05.00_01_drop", "00.04.10_02_add"]
    assert sorted(given, key=natural_key) == [
        "00.04.10_02_add", "00.05.00_01_drop", "2_x", "10_x", "x-1", "x-2", "x-10",
    ]  # fmt: skip


def test_comment_header_reads_known_keys_and_stops_at_sql() -> None:
    text = (
        "-- description: add users\n-- depends: 0001_a, 20120311 add users\n"
        "-- transaction: off\n-- irreversible\n-- Note: not a key\nCREATE TABLE x (a int);\n"
        "-- depends: ignored\n"
    )
    header = parse_comment_header(text, Path("m.sql"))
    assert header.depends == ("0001_a", "20120311 add users")
    assert header.transaction is False
    assert header.irreversible is True
    assert header.description == "add users"


def test_bad_header_value_names_file_and_line() -> None:
    with pytest.raises(MigrationFileError) as info:
        parse_comment_header("-- a comment\n-- transaction: maybe\n", Path("m.sql"))
    assert "m.sql, line 2" in str(info.value)


def test_python_header_is_read_without_importing() -> None:
    source = (
        '"""Move data."""\nimport sys\nsys.exit(1)\n'
        "depends = ['0001_a']\ntransaction = False\n\ndef migrate(ctx):\n    pass\n"
    )
    header = parse_python_header(source, Path("m.py"))
    assert header.depends == ("0001_a",)
    assert header.transaction is False
    assert header.has_upgrade and not header.has_downgrade
    assert header.description == "Move data."


def test_discovers_every_kind_and_ignores_unknown_files(tmp_path: Path) -> None:
    write(tmp_path, "0001_users.sql")
    write(tmp_path, "0001_users.down.sql")
    write(tmp_path, "0001_users.postgresql.sql")
    write(tmp_path, "0001_users.out", "")
    write(tmp_path, "0002_data.py", "def upgrade(ctx):\n    ctx.run_sql()\n")
    write(tmp_path, "0002_data.sql")
    write(tmp_path, "0003_load.sh", "#!/bin/sh\n# depends: 0002_data\nexit 0\n", executable=True)
    write(tmp_path, "0004_big/migration.toml", 'description = "big"\n')
    write(tmp_path, "0004_big/01_schema.sql")
    write(tmp_path, "0004_big/README.md", "notes")
    write(tmp_path, "20120311 add users.sql")
    write(tmp_path, "00.05.00_01_drop_column.sql")
    write(tmp_path, "README.md", "not a migration")
    write(tmp_path, "notes.txt", "not a migration", executable=True)
    order = load(tmp_path)
    kinds = {m.key: m.kind for m in order}
    assert kinds == {
        "00.05.00_01_drop_column": "sql",
        "0001_users": "sql",
        "0002_data": "python",
        "0003_load": "executable",
        "0004_big": "folder",
        "20120311 add users": "sql",
    }
    users = next(m for m in order if m.key == "0001_users")
    assert os.path.basename(users.scripts[0].file("up", ("postgresql",))) == "0001_users.postgresql.sql"
    assert os.path.basename(users.scripts[0].file("up", ("sqlite",))) == "0001_users.sql"
    assert users.reversible(()) is True
    assert next(m for m in order if m.key == "0002_data").scripts[0].sql is not None


def test_python_without_upgrade_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "0001_x.py", "def helper():\n    pass\n")
    with pytest.raises(MigrationFileError, match=r"0001_x\.py.*upgrade"):
        load(tmp_path)


def test_orphan_down_file_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "0001_x.down.sql")
    with pytest.raises(MigrationFileError, match=r"0001_x\.sql is missing"):
        load(tmp_path)


def test_two_migrations_with_one_name(tmp_path: Path) -> None:
    write(tmp_path, "0001_x.sql")
    write(tmp_path, "0001_x.sh", "#!/bin/sh\n", executable=True)
    with pytest.raises(DuplicateMigration) as info:
        load(tmp_path)
    assert "0001_x.sql" in str(info.value) and "0001_x.sh" in str(info.value)


def test_order_is_dependencies_then_natural_sort(tmp_path: Path) -> None:
    write(tmp_path, "10_b.sql")
    write(tmp_path, "2_a.sql", "-- depends: 11_c\nSELECT 1;")
    write(tmp_path, "11_c.sql")
    write(tmp_path, "1_z.sql")
    assert names(load(tmp_path)) == ["1_z", "10_b", "11_c", "2_a"]


def test_missing_dependency_names_the_declaring_file(tmp_path: Path) -> None:
    write(tmp_path, "0001_a.sql")
    write(tmp_path, "0002_b.sql", "-- depends: 0009_nope\nSELECT 1;")
    with pytest.raises(MissingDependency) as info:
        load(tmp_path)
    assert "0002_b.sql" in str(info.value) and "0009_nope" in str(info.value)


def test_cycle_is_listed_in_order(tmp_path: Path) -> None:
    write(tmp_path, "a.sql", "-- depends: c\nSELECT 1;")
    write(tmp_path, "b.sql", "-- depends: a\nSELECT 1;")
    write(tmp_path, "c.sql", "-- depends: b\nSELECT 1;")
    write(tmp_path, "d.sql")
    with pytest.raises(DependencyCycle) as info:
        load(tmp_path)
    assert info.value.cycle in (["a", "b", "c", "a"], ["b", "c", "a", "b"], ["c", "a", "b", "c"])


def test_namespaces_and_cross_dependencies(tmp_path: Path) -> None:
    app, lib = tmp_path / "app", tmp_path / "lib"
    write(app, "0001_a.sql")
    write(app, "0002_b.sql", "-- depends: lib:0003_z\nSELECT 1;")
    write(lib, "0003_z.sql")
    write(lib, "0001_y.sql", "-- depends: :0001_a\nSELECT 1;")
    sources = [resolve_source(str(app), tmp_path, 0), resolve_source(str(lib), tmp_path, 1)]
    order = build_graph(discover_migrations(sources)).order
    assert names(order) == ["0001_a", "lib:0001_y", "lib:0003_z", "0002_b"]


def _records(*keys: str, **overrides: object) -> dict[str, Record]:
    out = {}
    for key in keys:
        ns, _, name = key.rpartition(":")
        out[key] = Record(namespace=ns, name=name, checksum="x", **overrides)  # type: ignore[arg-type]
    return out


def test_late_migration_is_planned_and_marked(tmp_path: Path) -> None:
    for name in ("0001_a", "0002_b", "0003_c"):
        write(tmp_path, f"{name}.sql")
    order = load(tmp_path)
    states = compute_states(order, _records("0001_a", "0003_c"), ())
    assert [s.state for s in states] == ["changed", "late", "changed"]
    plan = plan_apply(order, states)
    assert [(s.key, s.late) for s in plan.steps] == [("0002_b", True)]


def test_missing_on_disk_is_reported(tmp_path: Path) -> None:
    write(tmp_path, "0001_a.sql")
    states = compute_states(load(tmp_path), _records("0000_gone"), ())
    assert [(s.key, s.state) for s in states] == [("0001_a", "pending"), ("0000_gone", "missing")]


def test_targets_by_name_prefix_and_number(tmp_path: Path) -> None:
    for name in ("0001_a", "0005_users", "0010_b", "0011_c"):
        write(tmp_path, f"{name}.sql")
    order = load(tmp_path)
    assert find_target(order, "0005_users") == 1
    assert find_target(order, "0005") == 1
    assert find_target(order, "5") == 1
    with pytest.raises(UnknownTarget, match="more than one"):
        find_target(order, "001")
    with pytest.raises(UnknownTarget, match="no migration is named 'nope'"):
        find_target(order, "nope")
    assert [s.key for s in plan_fake(order, compute_states(order, {}, ()), "0005").steps] == [
        "0001_a", "0005_users",
    ]  # fmt: skip


def test_rollback_plans_newest_first_and_refuses_irreversible(tmp_path: Path) -> None:
    for name in ("0001_a", "0002_b", "0003_c"):
        write(tmp_path, f"{name}.sql")
        write(tmp_path, f"{name}.down.sql")
    write(tmp_path, "0001_a.sql", "-- irreversible\nSELECT 1;")
    order = load(tmp_path)
    records = {m.key: Record("", m.name, m.checksum(())) for m in order}
    states = compute_states(order, records, ())
    assert [s.key for s in plan_rollback(order, states, steps=2).steps] == ["0003_c", "0002_b"]
    assert [s.key for s in plan_rollback(order, states, "0001_a").steps] == ["0003_c", "0002_b"]
    assert [s.key for s in plan_rollback(order, states).steps] == ["0003_c"]
    with pytest.raises(Irreversible, match="0001_a"):
        plan_rollback(order, states, "zero")


def test_partial_failure_blocks_apply_but_clean_failure_is_retried(tmp_path: Path) -> None:
    write(tmp_path, "0001_a.sql")
    write(tmp_path, "0002_b.sql")
    order = load(tmp_path)
    clean = {"0001_a": Record("", "0001_a", "x", state="failed", statements_done=0)}
    states = compute_states(order, clean, ())
    assert states[0].state == "failed"
    assert [s.key for s in plan_apply(order, states).steps] == ["0001_a", "0002_b"]
    partial = {"0001_a": Record("", "0001_a", "x", state="failed", statements_done=2)}
    with pytest.raises(UnresolvedFailure, match="after 2 statement"):
        plan_apply(order, compute_states(order, partial, ()))


def test_variant_headers_apply_to_their_dialect_only(tmp_path: Path) -> None:
    write(tmp_path, "0001_idx.postgres.sql", "-- transaction: off\n-- irreversible\nSELECT 1;")
    write(tmp_path, "0001_idx.sql", "SELECT 1;")
    write(tmp_path, "0001_idx.down.sql", "SELECT 1;")
    write(tmp_path, "_helpers.py", "def shared():\n    pass\n")
    (migration,) = load(tmp_path)
    assert migration.transaction(("postgresql",)) is False
    assert migration.transaction(("sqlite",)) is True
    assert migration.reversible(("postgresql",)) is False
    assert migration.reversible(("mariadb", "mysql")) is True
