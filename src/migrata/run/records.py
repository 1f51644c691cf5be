"""Read the history table into Records."""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime
from typing import TYPE_CHECKING

from migrata.project.plan import Record

if TYPE_CHECKING:
    from migrata.dialects.base import Dialect
    from migrata.run.connection import DriverConnection

COLUMNS = tuple(f.name for f in fields(Record))
_TIMES = ("started_at", "finished_at")


def read_records(conn: DriverConnection, dialect: Dialect, table: str) -> dict[str, Record]:
    """Every recorded migration by key; empty when the history table does not exist yet."""
    if conn.execute(dialect.table_exists_sql, (table,)).first() is None:
        return {}
    columns = ", ".join(dialect.quote(c) for c in COLUMNS)
    rows = conn.execute(f"SELECT {columns} FROM {dialect.quote(table)}").fetchall()
    records = {}
    for row in rows:
        values = dict(zip(COLUMNS, row, strict=True))
        for key in _TIMES:
            if isinstance(values[key], str):  # SQLite keeps datetimes as ISO text
                values[key] = datetime.fromisoformat(values[key])
        record = Record(**values)
        records[record.key] = record
    return records
