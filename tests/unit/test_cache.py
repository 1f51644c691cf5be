"""The discovery cache: what is kept of each SQL file between runs, and when it is not trusted."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from migrata.errors import MigrationFileError
from migrata.project import cache, migration
from migrata.project.discover import Source, discover_migrations

FILES = {
    "0001_a.sql": "CREATE TABLE a (x INTEGER);\n",
    "0001_a.down.sql": "DROP TABLE a;\n",
    "0002_b.sql": "-- depends: 0001_a\n-- transaction: off\n-- description: bee\nCREATE TABLE b (x INTEGER);\n",
    "0002_b.postgresql.sql": "-- depends: 0001_a\nCREATE TABLE b (x BIGINT);\n",
    "0003_c.sql": "-- irreversible\nDROP TABLE a;\n",
    "0004_py.py": "def upgrade(ctx):\n    ctx.execute('SELECT 1')\n",
}
VARIANTS = [(), ("postgresql",), ("mysql",), ("sqlite",)]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A migrations folder whose files count as old enough to keep (no racy window)."""
    monkeypatch.setenv("MIGRATA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "RACY_NS", 0)
    root = tmp_path / "migrations"
    root.mkdir()
    for name, text in FILES.items():
        (root / name).write_text(text)
    return root


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The migration files read (their text), in order."""
    seen: list[str] = []
    original = migration.read_text

    def spy(path: str | Path) -> str:
        seen.append(os.path.basename(path))
        return original(path)

    monkeypatch.setattr(migration, "read_text", spy)
    return seen


def discover(folder: Path) -> dict[str, migration.Migration]:
    return {m.key: m for m in discover_migrations([Source(folder)])}


def summary(found: dict[str, migration.Migration]) -> dict[str, tuple]:
    """Everything discovery tells about each migration, on every dialect."""
    return {
        key: (
            m.header, m.kind, str(m.path),
            [(m.checksum(v), m.transaction(v), m.reversible(v)) for v in VARIANTS],
        )
        for key, m in found.items()
    }  # fmt: skip


def test_unchanged_files_are_not_read_again_and_tell_the_same(folder: Path, reads: list[str]) -> None:
    first = summary(discover(folder))
    assert sorted(reads) == sorted(n for n in FILES if not n.endswith(".down.sql"))
    reads.clear()
    assert summary(discover(folder)) == first
    assert reads == ["0004_py.py"]  # Python migrations are parsed each time; SQL files not


def test_the_checksum_is_the_one_the_history_records(folder: Path) -> None:
    # Kept checksums must equal those computed from the text (the history holds those).
    discover(folder)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MIGRATA_CACHE_DIR", "")
        fresh = summary(discover(folder))
    assert summary(discover(folder)) == fresh


def test_a_changed_file_is_read_again(folder: Path, reads: list[str]) -> None:
    discover(folder)
    path = folder / "0001_a.sql"
    path.write_text("CREATE TABLE a (y INTEGER);\n")  # the same size
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    reads.clear()
    found = discover(folder)
    assert sorted(reads) == ["0001_a.sql", "0004_py.py"]
    assert found["0001_a"].checksum(()) == migration._checksum("CREATE TABLE a (y INTEGER);\n")


def test_a_file_replaced_by_another_is_read_again(folder: Path, reads: list[str]) -> None:
    discover(folder)
    replacement = folder.parent / "elsewhere.sql"
    replacement.write_text("-- depends: 0003_c\nCREATE TABLE b (x INTEGER);\n")
    os.replace(replacement, folder / "0002_b.sql")  # another inode
    reads.clear()
    assert discover(folder)["0002_b"].scripts[0].header(()).depends == ("0003_c",)
    assert sorted(reads) == ["0002_b.sql", "0004_py.py"]


def test_a_file_written_just_now_is_not_kept(folder: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    # Times are coarser than writes: a file changed within the racy window could change again
    # unseen, so it is read every time until it is older.
    monkeypatch.setattr(cache, "RACY_NS", 60_000_000_000)
    discover(folder)
    reads.clear()
    discover(folder)
    assert sorted(reads) == sorted(n for n in FILES if not n.endswith(".down.sql"))


def test_a_text_changed_after_discovery_is_not_run(folder: Path) -> None:
    discover(folder)
    found = discover(folder)  # from the cache: the text is read only to be run
    (folder / "0001_a.sql").write_text("CREATE TABLE z (x INTEGER);\n")
    script = found["0001_a"].scripts[0]
    assert isinstance(script, migration.SqlScript)
    with pytest.raises(MigrationFileError, match=r"0001_a\.sql: changed while migrata was running"):
        script.text("up", ())


def test_a_broken_or_unwritable_cache_is_ignored(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = summary(discover(folder))
    (written,) = (tmp_path / "cache").iterdir()
    written.write_bytes(b"\x00not marshal")
    assert summary(discover(folder)) == expected
    blocker = tmp_path / "a file"
    blocker.write_text("")
    monkeypatch.setenv("MIGRATA_CACHE_DIR", str(blocker / "below"))
    assert summary(discover(folder)) == expected


def test_an_empty_cache_dir_turns_the_cache_off(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MIGRATA_CACHE_DIR", "")
    discover(folder)
    assert not (tmp_path / "cache").exists()
