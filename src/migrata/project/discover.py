"""Find the migrations of every source on disk. No database, no SQLAlchemy, no user code run."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from migrata.errors import ConfigError, DuplicateMigration, MigrationFileError
from migrata.project.cache import FolderCache, Known, header_of
from migrata.project.headers import Header, parse_folder_header
from migrata.project.migration import (
    UP,
    ExecutableScript,
    Migration,
    PythonScript,
    Script,
    SqlScript,
    parse_sql_filename,
)
from migrata.project.natural import natural_key

_IGNORED_NAMES = {"__init__.py", "__pycache__", "migration.toml"}
_NEVER_EXECUTABLE = {".md", ".txt", ".rst", ".toml", ".ini", ".json", ".yaml", ".yml", ".csv", ".out"}


@dataclass(frozen=True)
class Source:
    """A folder of migrations; its namespace prefixes the names it holds in the history."""

    path: Path
    namespace: str = ""
    index: int = 0
    label: str = ""


def resolve_source(entry: str | dict, base: Path, index: int) -> Source:
    """Turn a configuration entry into a Source.

    ``"migrations"`` is a folder relative to *base*; ``"package:lib.migrations"`` is the folder
    of an importable package. The first source has the empty namespace (so a project that adds
    a library's migrations later keeps its history); others default to the folder name or the
    package's top-level name. A table ``{path = ..., namespace = ...}`` says it explicitly.
    """
    namespace: str | None = None
    if isinstance(entry, dict):
        namespace = entry.get("namespace")
        entry = (entry.get("package") and f"package:{entry['package']}") or entry.get("path", "")
    if not isinstance(entry, str) or not entry:
        raise ConfigError(f"source #{index + 1} must be a folder or 'package:NAME', not {entry!r}")
    if entry.startswith("package:"):
        package = entry.removeprefix("package:")
        path = _package_folder(package)
        default_ns = package.split(".")[0]
    else:
        path = (base / entry).resolve() if not Path(entry).is_absolute() else Path(entry)
        default_ns = path.name
    if namespace is None:
        namespace = "" if index == 0 else default_ns
    return Source(path=path, namespace=namespace, index=index, label=entry)


def _package_folder(package: str) -> Path:
    import importlib.util

    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError) as exc:
        raise ConfigError(f"migrations package {package!r} cannot be imported ({exc})") from None
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError(f"migrations package {package!r} is not an importable package")
    return Path(next(iter(spec.submodule_search_locations)))


def discover_migrations(sources: Sequence[Source]) -> list[Migration]:
    """Every migration of every source, unordered; names are unique within a namespace."""
    found: dict[str, Migration] = {}
    for source in sources:
        if not source.path.is_dir():
            raise ConfigError(f"the migrations folder {source.path} does not exist")
        for migration in scan_folder(source):
            previous = found.get(migration.key)
            if previous is not None:
                raise DuplicateMigration(migration.key, [previous.path, migration.path])
            found[migration.key] = migration
    return list(found.values())


def scan_folder(source: Source) -> list[Migration]:
    """The migrations directly inside *source.path*: files, and folders with migration.toml."""
    migrations: list[Migration] = []
    with os.scandir(source.path) as entries:
        entries = sorted(entries, key=lambda e: e.name)  # any fixed order: the graph sorts
    files = []
    for entry in entries:
        if entry.name.startswith((".", "_")) or entry.name in _IGNORED_NAMES:
            continue  # hidden files, and helpers such as _common.py that migrations import
        if entry.is_dir():
            if os.path.isfile(os.path.join(entry.path, "migration.toml")):
                migrations.append(_folder_migration(Path(entry.path), source))
        else:
            files.append(entry)
    cache = FolderCache(source.path)
    scripts = group_scripts(source.path, files, cache)
    for stem, script in scripts.items():
        migrations.append(_file_migration(stem, script, source))
    _keep(scripts.values(), files, cache)
    return migrations


def _keep(scripts: Iterable[Script], files: list[os.DirEntry], cache: FolderCache) -> None:
    """Put into the cache what was read of each up file (its header is parsed by now)."""
    entries = {entry.name: entry for entry in files}
    for script in scripts:
        if not isinstance(script, SqlScript):
            continue
        for (role, variant), name in script.files.items():
            if role == UP and name not in script.cached:
                variants = (variant,) if variant else ()
                header, checksum = script.header(variants), script.checksum(variants)
                with suppress(OSError):
                    cache.put(name, entries[name].stat(), header, checksum)
    cache.save()


def group_scripts(
    folder: Path, entries: Iterable[os.DirEntry], cache: FolderCache | None = None
) -> dict[str, Script]:
    """Group the files of *folder* into scripts by stem; unknown files are ignored. With a
    *cache*, up files read before and unchanged since are not read again."""
    sql: dict[str, SqlScript] = {}
    python: dict[str, Path] = {}
    executables: dict[str, Path] = {}
    for entry in entries:
        name = entry.name
        parsed = parse_sql_filename(name)
        if parsed:
            stem, role, variant = parsed
            script = sql.get(stem)
            if script is None:
                script = sql[stem] = SqlScript(stem, folder)
            script.files[(role, variant)] = name
            if cache is not None and role == UP:
                known = _cached(cache, entry)
                if known is not None:
                    script.remember(name, header_of(known), known[-1])
        elif name.endswith(".py"):
            python[name[:-3]] = folder / name
        elif os.path.splitext(name)[1].lower() not in _NEVER_EXECUTABLE and _is_executable(entry):
            path = folder / name
            stem = name.rsplit(".", 1)[0] if "." in name[1:] else name
            if stem in executables:
                raise DuplicateMigration(stem, [executables[stem], path])
            executables[stem] = path
    scripts: dict[str, Script] = {}
    for stem, path in python.items():
        script = PythonScript(path, sql.pop(stem, None))
        if not script.header(()).has_upgrade and os.access(path, os.X_OK):
            script = ExecutableScript(path)  # a nomad-style script: run, not imported
        scripts[stem] = script
    for stem, script in sql.items():
        if not script.has_up():
            orphan = folder / next(iter(script.files.values()))
            raise MigrationFileError(orphan, f"belongs to no migration: {stem}.sql is missing")
        scripts[stem] = script
    for stem, path in executables.items():
        if stem in scripts:
            raise DuplicateMigration(stem, [scripts[stem].path, path])
        scripts[stem] = ExecutableScript(path)
    return scripts


def _cached(cache: FolderCache, entry: os.DirEntry) -> Known | None:
    try:
        return cache.get(entry.name, entry.stat())
    except OSError:
        return None


def _is_executable(entry: os.DirEntry) -> bool:
    try:
        return entry.is_file() and bool(entry.stat().st_mode & 0o111)
    except OSError:
        return False


def _merge_headers(headers: Sequence[Header], base: Header) -> Header:
    """The migration's own header: *base* (the generic file or migration.toml) plus every
    file's dependencies and a description from any of them. ``transaction`` and
    ``irreversible`` of a dialect's variant file apply on that dialect only, so they are
    read per dialect by Migration.transaction() and reversible(), not merged here."""
    if len(headers) == 1 and headers[0] is base and _is_plain(base):
        return base  # one file, nothing to merge
    depends: list[str] = list(base.depends)
    for header in headers:
        depends.extend(d for d in header.depends if d not in depends)
    return Header(
        depends=tuple(depends),
        transaction=base.transaction,
        irreversible=base.irreversible,
        description=base.description or next((h.description for h in headers if h.description), ""),
    )


def _is_plain(header: Header) -> bool:
    """Whether *header* holds only what a merged header keeps (the rest at its defaults)."""
    return header.has_upgrade and not header.has_downgrade and not header.extra


def _file_migration(stem: str, script: Script, source: Source) -> Migration:
    migration = Migration(
        namespace=source.namespace,
        name=stem,
        kind=script.kind,
        scripts=[script],
        header=_merge_headers(script.all_headers(), script.header(())),
        source_index=source.index,
    )
    migration.check_runnable()
    return migration


def _folder_migration(path: Path, source: Source) -> Migration:
    header, steps = parse_folder_header(path)
    with os.scandir(path) as entries:
        files = [e for e in entries if not e.is_dir() and not e.name.startswith(".")]
    scripts = group_scripts(path, (e for e in files if e.name not in _IGNORED_NAMES))
    ordered = [scripts[s] for s in sorted(scripts, key=natural_key)]
    if steps is not None:
        ordered = [_step(path, scripts, name) for name in steps]
    if not ordered:
        raise MigrationFileError(path / "migration.toml", "the folder has no step to run")
    migration = Migration(
        namespace=source.namespace,
        name=path.name,
        kind="folder",
        scripts=ordered,
        header=_merge_headers([h for s in ordered for h in s.all_headers()], header),
        source_index=source.index,
        folder=path,
    )
    migration.check_runnable()
    return migration


def _step(folder: Path, scripts: dict[str, Script], name: str) -> Script:
    """A step named in migration.toml, by file name or by stem."""
    parsed = parse_sql_filename(name)
    stem = parsed[0] if parsed and parsed[1] == UP else name.rsplit(".", 1)[0]
    for candidate in (name, stem):
        if candidate in scripts:
            return scripts[candidate]
    raise MigrationFileError(folder / "migration.toml", f"step {name!r} is not a file in {folder}")
