"""``NAME.out``: what a migration's SQL prints, checked exactly (seeds/002).

The format, one block per statement that prints something:

* a statement that returns rows prints its column names joined by `` | ``, then one line per
  row with the values joined the same way (``NULL`` for null), then ``(N rows)``;
* ``INSERT``, ``UPDATE``, ``DELETE`` and ``REPLACE`` print the command word and the number of
  rows they touched, e.g. ``UPDATE 3``;
* anything else (DDL) prints nothing.

Trailing white space on lines and trailing blank lines are ignored when comparing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

_COUNTED = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


def _value(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bytes | bytearray | memoryview):
        return "\\x" + bytes(value).hex()
    return str(value)


def format_rows(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    lines = [" | ".join(columns)]
    lines.extend(" | ".join(_value(v) for v in row) for row in rows)
    lines.append(f"({len(rows)} row{'' if len(rows) == 1 else 's'})")
    return lines


def format_count(statement: str, rowcount: int) -> list[str]:
    match = _COUNTED.match(statement)
    return [f"{match.group(1).upper()} {rowcount}"] if match else []


def _normalise(text: str) -> list[str]:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def compare(expected: str, actual_lines: Sequence[str], expected_name: str) -> str | None:
    """A unified diff of expected against actual output, or None when they match."""
    want, got = _normalise(expected), _normalise("\n".join(actual_lines))
    if want == got:
        return None
    import difflib  # only a mismatch needs it

    diff = difflib.unified_diff(want, got, expected_name, "actual output", lineterm="")
    return "\n".join(diff)
