"""The dependency graph of migrations and its one total order.

Explicit dependencies come first; among migrations that are ready, the natural sort of names
decides (equal names in different sources go in the order of the sources). The same files
always give the same order.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable

from migrata.errors import DependencyCycle, MissingDependency
from migrata.project.migration import Migration
from migrata.project.natural import natural_key


class MigrationGraph:
    """Migrations by key, their parents, and the order in which they run."""

    def __init__(self, migrations: Iterable[Migration]) -> None:
        self.nodes: dict[str, Migration] = {m.key: m for m in migrations}
        self.parents: dict[str, list[str]] = {
            key: [self.resolve(m, ref) for ref in m.depends] for key, m in self.nodes.items()
        }
        self.order: list[Migration] = self._sort()
        self.position: dict[str, int] = {m.key: i for i, m in enumerate(self.order)}

    def resolve(self, migration: Migration, ref: str) -> str:
        """The key a dependency refers to: ``name`` in the same source, or ``namespace:name``."""
        local = f"{migration.namespace}:{ref}" if migration.namespace else ref
        if local in self.nodes:
            return local
        namespace, sep, name = ref.partition(":")
        if sep:
            qualified = f"{namespace}:{name}" if namespace else name
            if qualified in self.nodes:
                return qualified
        raise MissingDependency(migration.key, ref, migration.path)

    def _sort(self) -> list[Migration]:
        if not any(self.parents.values()):
            # No dependencies (most projects): the order is the names' natural order, and
            # the names come sorted from disk, which a sort walks through in one pass.
            return [self.nodes[rank[-1]] for rank in sorted(map(self._rank, self.nodes))]
        children: dict[str, list[str]] = {key: [] for key in self.nodes}
        waiting = {key: len(set(parents)) for key, parents in self.parents.items()}
        for key, parents in self.parents.items():
            for parent in set(parents):
                children[parent].append(key)
        ready = [self._rank(key) for key, count in waiting.items() if count == 0]
        heapq.heapify(ready)
        order: list[Migration] = []
        while ready:
            key = heapq.heappop(ready)[-1]
            order.append(self.nodes[key])
            for child in children[key]:
                waiting[child] -= 1
                if waiting[child] == 0:
                    heapq.heappush(ready, self._rank(child))
        if len(order) != len(self.nodes):
            raise DependencyCycle(self._find_cycle({k for k, n in waiting.items() if n > 0}))
        return order

    def _rank(self, key: str) -> tuple:
        migration = self.nodes[key]
        return (natural_key(migration.name), migration.source_index, key)

    def _find_cycle(self, stuck: set[str]) -> list[str]:
        """Walk parents among the stuck nodes until one repeats; return that loop in order."""
        start = min(stuck, key=lambda k: self._rank(k))
        path: list[str] = []
        seen: dict[str, int] = {}
        key = start
        while key not in seen:
            seen[key] = len(path)
            path.append(key)
            key = next(p for p in sorted(self.parents[key], key=self._rank) if p in stuck)
        loop = path[seen[key]:]
        loop.reverse()  # parents were followed, so reverse to read "a -> b" as "a before b"
        return [*loop, loop[0]]


def build_graph(migrations: Iterable[Migration]) -> MigrationGraph:
    """Check dependencies and order the migrations; raise an error naming the files if not."""
    return MigrationGraph(migrations)
