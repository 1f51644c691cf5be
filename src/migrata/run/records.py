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
_TIME_INDEXES = tuple(COLUMNS.index(name) for name in ("started_at", "finished_at"))


def read_records(conn: DriverConnection, dialect: Dialect, table: str) -> dict[str, Record]:
    """Every recorded migration by key; empty when the history table does not exist yet."""
    if conn.execute(dialect.table_exists_sql, (table,)).first() is None:
        return {}
    columns = ", ".join(dialect.quote(c) for c in COLUMNS)
    rows = conn.execute(f"SELECT {columns} FROM {dialect.quote(table)}").fetchall()
    records = {}
    parse = datetime.fromisoformat
    for row in rows:
        if any(isinstance(row[i], str) for i in _TIME_INDEXES):  # SQLite keeps ISO text
            values = list(row)
            for i in _TIME_INDEXES:
                if isinstance(values[i], str):
                    values[i] = parse(values[i])
            row = values
        record = Record(*row)  # the columns are selected in the order of Record's fields
        records[record.key] = record
    return records
