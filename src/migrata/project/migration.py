"""A migration and the scripts it is made of, as found on disk.

A migration is one of: ``NAME.sql`` (+ ``NAME.down.sql``), ``NAME.py``, an executable file, or a
folder ``NAME/`` with ``migration.toml`` whose files are its steps. Each runnable file is a
*script*. Per-dialect variants (``NAME.postgresql.sql``) are chosen here, by file name only.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from migrata.errors import MigrationFileError
from migrata.project.headers import Header, parse_comment_header, parse_python_header

DIALECT_VARIANTS = ("postgresql", "mysql", "mariadb", "sqlite")
_VARIANT_ALIASES = {"postgres": "postgresql"}
UP, DOWN, OUT = "up", "down", "out"


def read_text(path: str | Path) -> str:
    """Read a migration file as UTF-8 with normalised line endings, or say which file failed."""
    try:
        with open(path, "rb", buffering=0) as file:  # one read: no buffer to fill first
            data = file.readall()
    except OSError as exc:
        raise MigrationFileError(path, f"cannot be read ({exc.strerror})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise MigrationFileError(path, f"is not UTF-8 text (byte {exc.start})") from None
    return text.replace("\r\n", "\n") if "\r" in text else text


def parse_sql_filename(filename: str) -> tuple[str, str, str | None] | None:
    """Split ``NAME[.down][.dialect].sql`` / ``NAME[.dialect].out`` into (stem, role, variant)."""
    if filename.endswith(".sql"):
        if filename.find(".") == len(filename) - 4 and len(filename) > 4:
            return filename[:-4], UP, None  # most names: no other dot to look at
        parts, role = filename[:-4].split("."), UP
    elif filename.endswith(".out"):
        parts, role = filename[:-4].split("."), OUT
    else:
        return None
    variant = None
    for _ in range(2):
        if len(parts) > 1 and parts[-1] == "down" and role == UP:
            role = DOWN
            parts.pop()
        elif len(parts) > 1 and variant is None and (
            parts[-1] in DIALECT_VARIANTS or parts[-1] in _VARIANT_ALIASES
        ):
            variant = _VARIANT_ALIASES.get(parts[-1], parts[-1])
            parts.pop()
    stem = ".".join(parts)
    return (stem, role, variant) if stem else None


class Script:
    """One runnable file of a migration (with its reverse, expected output and variants)."""

    kind = "script"

    def __init__(self, stem: str, folder: Path) -> None:
        self.stem = stem
        self.folder = folder

    @property
    def path(self) -> Path:
        raise NotImplementedError

    def header(self, variants: Sequence[str]) -> Header:
        raise NotImplementedError

    def all_headers(self) -> list[Header]:
        return [self.header(())]

    def content(self, variants: Sequence[str]) -> str:
        """The text whose checksum tells whether what runs on this dialect has changed."""
        raise NotImplementedError

    def reversible(self, variants: Sequence[str]) -> bool:
        raise NotImplementedError


class SqlScript(Script):
    """``NAME.sql`` with optional ``NAME.down.sql``, ``NAME.out`` and dialect variants."""

    kind = "sql"

    def __init__(self, stem: str, folder: Path) -> None:
        super().__init__(stem, folder)
        #: (role, variant) -> file name in *folder*. Names, not Paths: a folder of a thousand
        #: migrations is read on every run, and a Path costs more to make than reading the file.
        self.files: dict[tuple[str, str | None], str] = {}
        self._texts: dict[str, str] = {}
        self._headers: dict[str, Header] = {}
        self._checksums: dict[str, str] = {}
        #: Up files whose header and checksum came from the discovery cache (their text, when
        #: read, must still have that checksum).
        self.cached: set[str] = set()

    @property
    def path(self) -> Path:
        name = self._name(UP, ()) or next(n for (role, _), n in self.files.items() if role == UP)
        return self.folder / name

    def _name(self, role: str, variants: Sequence[str]) -> str | None:
        """The file name for *role* on a dialect that accepts *variants*, most specific first."""
        files = self.files
        for variant in variants:
            name = files.get((role, variant))
            if name is not None:
                return name
        return files.get((role, None))

    def file(self, role: str, variants: Sequence[str]) -> str | None:
        """The path of the file for *role* on this dialect, as text (for reading and messages:
        a Path costs more to make than the rest of a migration's bookkeeping)."""
        name = self._name(role, variants)
        return None if name is None else os.path.join(self.folder, name)

    def text(self, role: str, variants: Sequence[str]) -> str | None:
        name = self._name(role, variants)
        if name is None:
            return None
        text = self._texts.get(name)
        if text is None:
            where = os.path.join(self.folder, name)
            text = self._texts[name] = read_text(where)
            if name in self.cached and _checksum(text) != self._checksums[name]:
                # What runs must be what the checksum (recorded in the history) says.
                raise MigrationFileError(where, "changed while migrata was running")
        return text

    def remember(self, name: str, header: Header, checksum: str) -> None:
        """Take *name*'s header and checksum as known (from the cache), without reading it."""
        self._headers[name], self._checksums[name] = header, checksum
        self.cached.add(name)

    def checksum(self, variants: Sequence[str]) -> str:
        """The checksum of this script alone as its migration's (see Migration.checksum)."""
        name = self._name(UP, variants)
        if name is None:
            return _checksum("")
        checksum = self._checksums.get(name)
        if checksum is None:
            checksum = self._checksums[name] = _checksum(self.text(UP, variants) or "")
        return checksum

    def has_up(self) -> bool:
        return any(role == UP for role, _ in self.files)

    def header(self, variants: Sequence[str]) -> Header:
        name = self._name(UP, variants)
        if name is None:
            return Header()
        header = self._headers.get(name)
        if header is None:
            text = self.text(UP, variants) or ""
            where = os.path.join(self.folder, name)
            header = self._headers[name] = parse_comment_header(text, where)
        return header

    def all_headers(self) -> list[Header]:
        return [self.header((v,) if v else ()) for role, v in self.files if role == UP]

    def content(self, variants: Sequence[str]) -> str:
        return self.text(UP, variants) or ""

    def reversible(self, variants: Sequence[str]) -> bool:
        return self._name(DOWN, variants) is not None and not self.header(variants).irreversible


class PythonScript(Script):
    """``NAME.py`` with ``upgrade(ctx)``/``migrate(ctx)``; a same-named SQL script is its helper."""

    kind = "python"

    def __init__(self, path: Path, sql: SqlScript | None = None) -> None:
        super().__init__(path.stem, path.parent)
        self._path = path
        self.sql = sql
        self.source = read_text(path)
        self._header = parse_python_header(self.source, path)

    @property
    def path(self) -> Path:
        return self._path

    def header(self, variants: Sequence[str]) -> Header:
        return self._header

    def content(self, variants: Sequence[str]) -> str:
        companion = self.sql.content(variants) if self.sql else ""
        return self.source + ("\n-- companion SQL --\n" + companion if companion else "")

    def reversible(self, variants: Sequence[str]) -> bool:
        return self._header.has_downgrade and not self._header.irreversible


class ExecutableScript(Script):
    """A file with the run bit, in any language, run directly (never through a shell)."""

    kind = "executable"

    def __init__(self, path: Path) -> None:
        super().__init__(path.name.partition(".")[0] or path.name, path.parent)
        self._path = path
        self._data: bytes | None = None

    @property
    def path(self) -> Path:
        return self._path

    def _bytes(self) -> bytes:
        if self._data is None:
            try:
                self._data = self._path.read_bytes()
            except OSError as exc:
                raise MigrationFileError(self._path, f"cannot be read ({exc.strerror})") from None
        return self._data

    def header(self, variants: Sequence[str]) -> Header:
        # Only the top of the file can hold a header; a binary may not decode at all.
        return parse_comment_header(self._bytes()[:8192].decode("utf-8", "replace"), self._path)

    def content(self, variants: Sequence[str]) -> str:
        return hashlib.sha256(self._bytes()).hexdigest()

    def reversible(self, variants: Sequence[str]) -> bool:
        return not self.header(variants).irreversible


@dataclass
class Migration:
    """A migration: its identity (namespace and name), its scripts and what it declares."""

    namespace: str
    name: str
    kind: str
    scripts: list[Script]
    header: Header
    source_index: int = 0
    folder: Path | None = None
    """A folder migration's own folder (a file migration is its first script's file)."""
    _checksums: dict[tuple[str, ...], str] = field(default_factory=dict, repr=False)

    @property
    def path(self) -> Path:
        """The file or folder that is the migration, as messages name it."""
        return self.folder if self.folder is not None else self.scripts[0].path

    @property
    def key(self) -> str:
        """The name as shown and stored: ``name``, or ``namespace:name`` outside the default."""
        return f"{self.namespace}:{self.name}" if self.namespace else self.name

    @property
    def depends(self) -> tuple[str, ...]:
        return self.header.depends

    @property
    def description(self) -> str:
        return self.header.description

    def transaction(self, variants: Sequence[str]) -> bool:
        """Whether the migration asks to run inside one transaction on this dialect."""
        if not self.header.transaction:
            return False
        if any(isinstance(s, ExecutableScript) for s in self.scripts):
            return False  # an executable uses its own connection; nothing can enclose it
        return all(s.header(variants).transaction for s in self.scripts)

    def reversible(self, variants: Sequence[str]) -> bool:
        if self.header.irreversible:
            return False
        return all(s.reversible(variants) for s in self.scripts)

    def checksum(self, variants: Sequence[str]) -> str:
        """SHA-256 of what runs on this dialect; a changed down file does not count."""
        scripts = self.scripts
        if len(scripts) == 1 and isinstance(scripts[0], SqlScript):
            return scripts[0].checksum(variants)  # kept by the script, perhaps from the cache
        key = tuple(variants)
        if key not in self._checksums:
            self._checksums[key] = _checksum(*(s.content(variants) for s in scripts))
        return self._checksums[key]

    def check_runnable(self) -> None:
        for script in self.scripts:
            if isinstance(script, PythonScript) and not script.header(()).has_upgrade:
                raise MigrationFileError(
                    script.path, "defines neither upgrade(ctx) nor migrate(ctx)"
                )


def _checksum(*contents: str) -> str:
    """SHA-256 over each content and a NUL after it: the checksum the history records."""
    digest = hashlib.sha256()
    for content in contents:
        digest.update(content.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()
