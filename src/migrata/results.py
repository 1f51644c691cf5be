"""What the commands return: values that the CLI prints and --json serialises."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from migrata.project.plan import MigrationState
    from migrata.run.runner import StepResult


@dataclass
class Status:
    """Every migration's state on one database (``status``)."""

    database: str
    dialect: str
    migrations: list[MigrationState]

    def count(self, state: str) -> int:
        return sum(1 for m in self.migrations if m.state == state)

    @property
    def pending(self) -> list[str]:
        return [m.key for m in self.migrations if m.state in ("pending", "late")]

    def to_dict(self) -> dict[str, Any]:
        return {
            "database": self.database,
            "dialect": self.dialect,
            "migrations": [_state_dict(m) for m in self.migrations],
            "counts": {
                s: self.count(s)
                for s in ("applied", "pending", "late", "changed", "missing", "failed")
            },
        }


def _state_dict(state: MigrationState) -> dict[str, Any]:
    record = state.record
    migration = state.migration
    return {
        "name": state.key,
        "namespace": migration.namespace if migration else (record.namespace if record else ""),
        "state": state.state,
        "kind": migration.kind if migration else None,
        "description": migration.description if migration else "",
        "applied_at": record.finished_at.isoformat() if record and record.finished_at else None,
        "how": record.how if record else None,
        "checksum": record.checksum if record else None,
        "statements_done": record.statements_done if record and record.unfinished else None,
        "direction": record.direction if record and record.unfinished else None,
        "error": record.error if record and record.unfinished else None,
    }


@dataclass
class Report:
    """What a command that changes the database did."""

    database: str
    dialect: str
    action: str
    steps: list[StepResult] = field(default_factory=list)
    duration_ms: int = 0

    @property
    def late(self) -> list[str]:
        return [s.key for s in self.steps if s.late]

    def to_dict(self) -> dict[str, Any]:
        return {
            "database": self.database,
            "dialect": self.dialect,
            "action": self.action,
            "duration_ms": self.duration_ms,
            "steps": [
                {
                    "name": s.key,
                    "direction": s.direction,
                    "action": s.action,
                    "duration_ms": s.duration_ms,
                    "late": s.late,
                    "statements": s.statements,
                }
                for s in self.steps
            ],
        }
