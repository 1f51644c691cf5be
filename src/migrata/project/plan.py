"""Plans: what to run, in which direction, given the graph and the recorded history.

Pure functions over values, so that a plan can be printed (``--sql``, ``--json``) before
anything runs, and tested without a database.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from migrata.errors import Irreversible, UnknownTarget, UnresolvedFailure
from migrata.project.migration import Migration
from migrata.project.natural import leading_number

APPLIED, PENDING, LATE, CHANGED, MISSING, FAILED = (
    "applied", "pending", "late", "changed", "missing", "failed",
)  # fmt: skip
UP, DOWN = "up", "down"


@dataclass(frozen=True)
class Record:
    """One row of the history table: a migration applied, or one that did not finish."""

    namespace: str
    name: str
    checksum: str
    state: str = "applied"  # applied | running | failed
    direction: str = UP
    statements_done: int = 0
    how: str = "run"  # run | fake | baseline
    started_at: datetime | None = None
    finished_at: datetime | None = None
    duration_ms: int | None = None
    applied_by: str = ""
    tool_version: str = ""
    error: str | None = None

    @property
    def key(self) -> str:
        return f"{self.namespace}:{self.name}" if self.namespace else self.name

    @property
    def unfinished(self) -> bool:
        return self.state != "applied"

    @property
    def partial(self) -> bool:
        """Unfinished after some statements committed: only the user can say what to do."""
        return self.unfinished and self.statements_done > 0

    @property
    def counts_as_applied(self) -> bool:
        """Whether the database has the migration's effects, as far as ordering is concerned.

        An interrupted rollback that committed nothing leaves the migration applied; an
        interrupted apply that committed nothing leaves it pending.
        """
        if not self.unfinished:
            return True
        return self.direction == DOWN or self.statements_done > 0


@dataclass(frozen=True)
class MigrationState:
    key: str
    state: str
    migration: Migration | None
    record: Record | None
    changed: bool = False

    @property
    def name(self) -> str:
        return self.key


@dataclass(frozen=True)
class Step:
    migration: Migration
    direction: str
    late: bool = False

    @property
    def key(self) -> str:
        return self.migration.key


@dataclass(frozen=True)
class Plan:
    direction: str
    steps: tuple[Step, ...]

    def __bool__(self) -> bool:
        return bool(self.steps)

    def __len__(self) -> int:
        return len(self.steps)


def compute_states(
    order: Sequence[Migration], records: Mapping[str, Record], variants: Sequence[str]
) -> list[MigrationState]:
    """The state of every migration on disk, in run order, then those missing from disk."""
    last_applied = max(
        (i for i, m in enumerate(order) if m.key in records and records[m.key].counts_as_applied),
        default=-1,
    )
    states: list[MigrationState] = []
    for i, migration in enumerate(order):
        record = records.get(migration.key)
        if record is None:
            state = LATE if i < last_applied else PENDING
            states.append(MigrationState(migration.key, state, migration, record))
        elif record.unfinished:
            states.append(MigrationState(migration.key, FAILED, migration, record))
        else:
            changed = record.checksum != migration.checksum(variants)
            state = CHANGED if changed and record.how == "run" else APPLIED
            states.append(MigrationState(migration.key, state, migration, record, changed))
    on_disk = {m.key for m in order}
    for key, record in records.items():
        if key not in on_disk:
            states.append(MigrationState(key, MISSING, None, record))
    return states


def find_target(order: Sequence[Migration], target: str) -> int:
    """The position of TARGET: an exact name, ``namespace:name``, a unique prefix or number."""
    for i, migration in enumerate(order):
        if target in (migration.key, migration.name):
            return i
    matches = [i for i, m in enumerate(order) if m.name.startswith(target) or m.key.startswith(target)]
    if not matches and target.isdigit():
        matches = [i for i, m in enumerate(order) if leading_number(m.name) == int(target)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        names = ", ".join(order[i].key for i in matches[:5])
        raise UnknownTarget(target, f"{target!r} matches more than one migration: {names}")
    raise UnknownTarget(target)


def _blocking_failure(states: Sequence[MigrationState], upto: int) -> None:
    for i, state in enumerate(states):
        if i <= upto and state.record is not None and state.record.partial:
            raise UnresolvedFailure(state.key, describe_failure(state))


def describe_failure(state: MigrationState) -> str:
    record = state.record
    assert record is not None
    verb = "apply" if record.direction == UP else "rollback"
    done = record.statements_done
    return (
        f"the {verb} of {state.key} stopped after {done} statement(s) had committed"
        + (f" ({record.error})" if record.error else "")
        + f"; run `migrata resolve {state.key!r}` with --done, --undone or --continue"
    )


def plan_apply(
    order: Sequence[Migration], states: Sequence[MigrationState], target: str | None = None
) -> Plan:
    """Every pending (or late) migration up to and including TARGET, in run order."""
    upto = len(order) - 1 if target is None else find_target(order, target)
    _blocking_failure(states, upto)
    steps = [
        Step(state.migration, UP, late=state.state == LATE)
        for state in states[: upto + 1]
        if state.migration is not None and _runnable(state)
    ]
    return Plan(UP, tuple(steps))


def _runnable(state: MigrationState) -> bool:
    """Pending, late, or an apply that failed before any statement of it committed."""
    if state.state in (PENDING, LATE):
        return True
    return state.state == FAILED and state.record is not None and not state.record.counts_as_applied


def plan_rollback(
    order: Sequence[Migration],
    states: Sequence[MigrationState],
    target: str | None = None,
    steps: int | None = None,
    variants: Sequence[str] = (),
    check_reversible: bool = True,
) -> Plan:
    """Applied migrations after TARGET (``zero``: all), or the last N, newest first."""
    applied = [
        (i, s)
        for i, s in enumerate(states[: len(order)])
        if s.record is not None and s.record.counts_as_applied
    ]
    _blocking_failure(states, len(order))
    if target is not None:
        after = -1 if target == "zero" else find_target(order, target)
        chosen = [s for i, s in applied if i > after]
    else:
        chosen = [s for _, s in applied][-(steps or 1) :] if (steps or 1) > 0 else []
    chosen.reverse()
    if check_reversible:
        for state in chosen:
            assert state.migration is not None
            if not state.migration.reversible(variants):
                raise Irreversible(
                    f"cannot roll back {state.key}: it is irreversible (no down script)",
                    migration=state.key,
                )
    return Plan(DOWN, tuple(Step(s.migration, DOWN) for s in chosen if s.migration))


def plan_fake(order: Sequence[Migration], states: Sequence[MigrationState], target: str) -> Plan:
    """Every migration up to and including TARGET that is not yet recorded."""
    upto = find_target(order, target)
    return Plan(
        UP,
        tuple(
            Step(s.migration, UP)
            for i, s in enumerate(states[: len(order)])
            if i <= upto and s.migration is not None and s.state in (PENDING, LATE)
        ),
    )
