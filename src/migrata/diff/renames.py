"""Rename candidates: which removed and added tables or columns are probably the same thing.

A removed column and an added one with the same definition (apart from the name) are the
likeliest rename; the same type comes next; name similarity breaks ties. These scores only
*order* the questions: nothing is renamed unless the questioner confirms it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from typing import TypeVar

from migrata.schema.model import Column, Table

T = TypeVar("T")

SAME_DEFINITION = 2.0
"""The score from which a pair differs only by its name (plus name similarity, below 1)."""


@dataclass(frozen=True)
class Candidate:
    removed: str
    added: str
    score: float


def name_similarity(a: str, b: str) -> float:
    """0 to 1: how alike two names are ("stat" and "status" score high)."""
    return SequenceMatcher(None, a.lower(), b.lower()).ratio()


def column_score(removed: Column, added: Column) -> float:
    """2 + similarity for the same definition, 1 + similarity for the same type, else similarity."""
    similarity = name_similarity(removed.name, added.name)
    if replace(removed, name=added.name) == added:
        return SAME_DEFINITION + similarity
    if removed.type == added.type:
        return 1.0 + similarity
    return similarity


def table_score(removed: Table, added: Table) -> float:
    """Twice the share of (name, type) columns in common, plus name similarity."""
    old = {(c.name, c.type) for c in removed.columns}
    new = {(c.name, c.type) for c in added.columns}
    shared = len(old & new) / max(len(old | new), 1)
    return 2.0 * shared + name_similarity(removed.name, added.name)


def rank(
    removed: Sequence[T], added: Sequence[T], score: Callable[[T, T], float]
) -> list[Candidate]:
    """Every removed/added pair, likeliest first (ties keep the given order)."""
    pairs = [
        Candidate(_name(r), _name(a), score(r, a)) for r in removed for a in added
    ]
    return sorted(pairs, key=lambda c: -c.score)


def best_pairs(candidates: Sequence[Candidate], threshold: float = 0.0) -> list[Candidate]:
    """A one-to-one choice of pairs, greedily by score, keeping those at or above *threshold*."""
    used_removed: set[str] = set()
    used_added: set[str] = set()
    chosen = []
    for c in candidates:
        if c.score >= threshold and c.removed not in used_removed and c.added not in used_added:
            chosen.append(c)
            used_removed.add(c.removed)
            used_added.add(c.added)
    return chosen


def likely_first(removed: Sequence[str], added: Sequence[str], candidates: Sequence[Candidate]
                 ) -> tuple[list[str], list[str]]:
    """Both name lists reordered so that the best pairs lead, in the same order on both sides."""
    pairs = best_pairs(candidates)
    lead_removed = [p.removed for p in pairs]
    lead_added = [p.added for p in pairs]
    return (
        lead_removed + [n for n in removed if n not in lead_removed],
        lead_added + [n for n in added if n not in lead_added],
    )


def _name(item: object) -> str:
    return str(getattr(item, "name", item))
