"""Natural ("human", ``ls --sort=version``) ordering of migration names: ``x-2`` before ``x-10``."""

from __future__ import annotations

import re

_CHUNKS = re.compile(r"(\d+)")


def natural_key(name: str) -> tuple[tuple[int, int, str], ...]:
    """Return a sort key comparing digit runs by value and the rest as text.

    Digit runs sort before text at the same position, and a run's own spelling breaks ties
    (``01`` vs ``1``) so that the order is total and the same on every machine.
    """
    key: list[tuple[int, int, str]] = []
    for i, chunk in enumerate(_CHUNKS.split(name)):
        if not chunk:
            continue
        if i % 2:
            key.append((0, int(chunk), chunk))
        else:
            key.append((1, 0, chunk))
    return tuple(key)


def leading_number(name: str) -> int | None:
    """The number a name starts with (``0005_users`` -> 5), if any."""
    match = re.match(r"\d+", name)
    return int(match.group()) if match else None
