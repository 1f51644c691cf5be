"""What discovery reads from each SQL migration file, kept between runs.

Before its first statement, every command reads every migration file of the project for its
header (dependencies, transaction, ...) and its checksum: for a thousand migrations that is
about a third of what discovery costs (21 ms without the cache, 14 ms with it). A file's
identity (inode, size, modification and change times) tells whether its text can have changed
since it was read, so the header and checksum of an unchanged file are taken from here
instead.

A file changed less than ``RACY_NS`` before it was read is not kept: file times are coarser
than writes, so a second write of the same size in the same tick would look unchanged (git's
"racy" index entries). It is read again next time, and kept once it is older. A kept text is
checked against its checksum when it is read to be run (see ``SqlScript.text``).

The cache lives in ``$MIGRATA_CACHE_DIR`` (set it empty to turn the cache off), else in
``$XDG_CACHE_HOME/migrata`` or ``~/.cache/migrata``: one file per migrations folder. Anything
unreadable there is ignored, and a folder that cannot be written is simply not cached.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import time
from contextlib import suppress
from pathlib import Path

from migrata import __version__
from migrata.project.headers import Header

_FORMAT = 1
RACY_NS = 2_000_000_000

#: What is kept of a file: its header's fields and the checksum of its text.
Known = tuple[tuple[str, ...], bool, bool, str, str]
_Identity = tuple[int, int, int, int]
_PLAIN = Header()


def cache_folder() -> Path | None:
    """Where the cache files go; None when the cache is off."""
    configured = os.environ.get("MIGRATA_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "migrata"


def header_of(known: Known) -> Header:
    depends, transaction, irreversible, description, _ = known
    if not depends and transaction and not irreversible and not description:
        return _PLAIN  # most files: no header at all, one shared object
    return Header(depends, transaction, irreversible, description)


class FolderCache:
    """The files of one migrations folder that were read before, by name."""

    def __init__(self, folder: Path) -> None:
        self.started = time.time_ns()  # before any file is read: the racy limit's reference
        root = cache_folder()
        key = hashlib.sha256(os.fsencode(folder)).hexdigest()[:24]
        self.path = root / f"discovery-{key}" if root is not None else None
        self._code = _code()
        self._old = self._load()
        self._new: dict[str, tuple[_Identity, Known]] = {}

    def _load(self) -> dict[str, tuple[_Identity, Known]]:
        if self.path is None:
            return {}
        try:
            data = marshal.loads(self.path.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            return {}
        ok = isinstance(data, tuple) and len(data) == 3 and data[:2] == (_FORMAT, self._code)
        return data[2] if ok and isinstance(data[2], dict) else {}

    def get(self, name: str, stat: os.stat_result) -> Known | None:
        """What was read from *name* before, if the file has not changed since."""
        found = self._old.get(name)
        if found is None or found[0] != _identity(stat):
            return None
        self._new[name] = found
        return found[1]

    def put(self, name: str, stat: os.stat_result, header: Header, checksum: str) -> None:
        """Keep what was just read from *name*, unless it changed too recently to trust."""
        if max(stat.st_mtime_ns, stat.st_ctime_ns) >= self.started - RACY_NS:
            return
        known = (header.depends, header.transaction, header.irreversible, header.description, checksum)
        self._new[name] = (_identity(stat), known)

    def save(self) -> None:
        """Write the entries of this run's files, if they differ from what was read."""
        if self.path is None or self._new == self._old:
            return
        data = marshal.dumps((_FORMAT, self._code, self._new))
        temporary = f"{self.path}.{os.getpid()}"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(temporary, "wb") as file:
                file.write(data)
            os.replace(temporary, self.path)  # readers see the old file or the new, never half
        except OSError:
            with suppress(OSError):
                os.unlink(temporary)


def _code() -> tuple[object, ...]:
    """What the kept values were computed by: migrata's version and the files that parse
    headers and compute checksums (an edited or upgraded copy must not trust them)."""
    from migrata.project import headers, migration

    try:
        times = tuple(os.stat(m.__file__).st_mtime_ns for m in (headers, migration))  # type: ignore[arg-type]
    except (OSError, TypeError):
        times = ()
    return (__version__, *times)


def _identity(stat: os.stat_result) -> _Identity:
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)
