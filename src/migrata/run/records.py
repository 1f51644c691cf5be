"""Read the history through a plain driver connection, without importing SQLAlchemy.

``status`` runs on every deploy and in every CI job; SQLAlchemy's import alone costs more
than everything else it does, so the read-only path uses the driver directly.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime
from typing import TYPE_CHECKING, Any

from migrata.project.plan import Record

if TYPE_CHECKING:
    from migrata.dialects.base import Dialect

COLUMNS = tuple(f.name for f in fields(Record))
_TIMES = ("started_at", "finished_at")


def read_records(conn: Any, dialect: Dialect, table: str) -> dict[str, Record]:
    """Every recorded migration by key; empty when the history table does not exist yet."""
    cursor = conn.cursor()
    try:
        cursor.execute(dialect.table_exists_sql, (table,))
        if cursor.fetchone() is None:
            return {}
        cursor.execute(f"SELECT {', '.join(COLUMNS)} FROM {dialect.quote(table)}")
        rows = cursor.fetchall()
    finally:
        cursor.close()
    records = {}
    for row in rows:
        values = dict(zip(COLUMNS, row, strict=True))
        for key in _TIMES:
            if isinstance(values[key], str):  # SQLite keeps datetimes as ISO text
                values[key] = datetime.fromisoformat(values[key])
        record = Record(**values)
        records[record.key] = record
    return records
