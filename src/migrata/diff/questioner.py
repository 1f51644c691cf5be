"""The questioner: the one seam through which the differ asks about renames and data loss.

``Questioner`` answers from a dict that the CLI fills from its flags (``--rename``,
``--allow-data-loss``, ``--default``), so the differ runs unattended in CI; a question it has
no answer for raises ``Aborted`` naming the flag to pass. The interactive subclass (in
``cli/prompts.py``) asks in the terminal instead, using the pure menu helpers below to word and
parse its prompts the way ``seeds/002`` shows. Nothing here reads or writes a terminal.

Answers::

    {
        "rename": {"ticket.stat": "status", "tickets": "ticket"},  # --rename (TABLE is the new name)
        "rename_column": True,        # accept every rename whose definition is unchanged
        "allow_data_loss": True,      # --allow-data-loss
        "default": {"users.email": "''"},  # --default: one-off SQL values for existing rows
    }
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from migrata.diff import renames
from migrata.errors import Aborted, ConfigError

if TYPE_CHECKING:
    from migrata.diff.operations import Operation
    from migrata.schema.model import Column


class Questioner:
    """Answer the differ's questions from flags; never guess where data is at stake."""

    def __init__(self, answers: Mapping[str, Any] | None = None) -> None:
        self.answers: Mapping[str, Any] = answers or {}

    def ask_rename_table(self, removed: list[str], added: list[str]) -> list[tuple[str, str]]:
        """(old, new) pairs of tables that were renamed; *removed* and *added* come likeliest first."""
        given = self.answers.get("rename", {})
        return _valid_pairs([(old, given[old]) for old in removed if old in given], removed, added)

    def ask_rename_column(
        self, table: str, removed: list[Column], added: list[Column]
    ) -> list[tuple[str, str]]:
        """(old, new) pairs of columns of *table* (its new name) that were renamed."""
        old_names = [c.name for c in removed]
        new_names = [c.name for c in added]
        given = self.answers.get("rename", {})
        pairs = [(old, given[f"{table}.{old}"]) for old in old_names if f"{table}.{old}" in given]
        if self.answers.get("rename_column") is True:
            candidates = renames.rank(removed, added, renames.column_score)
            chosen = renames.best_pairs(candidates, threshold=renames.SAME_DEFINITION)
            pairs += [(c.removed, c.added) for c in chosen if c.removed not in dict(pairs)]
        return _valid_pairs(pairs, old_names, new_names)

    def ask_confirm_data_loss(self, operations: Sequence[Operation]) -> bool:
        """Whether the destructive *operations* may run."""
        if "allow_data_loss" in self.answers:
            return bool(self.answers["allow_data_loss"])
        verb = "loses" if len(operations) == 1 else "lose"
        raise Aborted(f"{loss_summary(operations)} {verb} data; pass --allow-data-loss to go on")

    def ask_not_null_default(self, table: str, column: Column) -> str | None:
        """A one-off SQL value for existing rows of a new NOT NULL column; None to quit."""
        key = f"{table}.{column.name}"
        value = self.answers.get("default", {}).get(key)
        if value is None:
            raise Aborted(
                f"new column {key} is NOT NULL without a default, so existing rows need a value; "
                f"pass --default {key}=SQL to go on"
            )
        return str(value)

    def ask_not_null_alteration(self, table: str, column: Column) -> str | None:
        """A one-off SQL value for rows where a column about to become NOT NULL is NULL.

        None leaves those rows alone: the migration then fails if there are any, which is the
        honest outcome when nobody said what to put there.
        """
        value = self.answers.get("default", {}).get(f"{table}.{column.name}")
        return None if value is None else str(value)


def _valid_pairs(
    pairs: list[tuple[str, str]], removed: Sequence[str], added: Sequence[str]
) -> list[tuple[str, str]]:
    """Keep pairs that match a removed and an added name, each used once."""
    seen_new: set[str] = set()
    valid = []
    for old, new in pairs:
        if old in removed and new in added and new not in seen_new:
            valid.append((old, new))
            seen_new.add(new)
    return valid


def loss_summary(operations: Sequence[Operation]) -> str:
    """'dropping column ticket.owner and table legacy', for one sentence about data loss."""
    phrases = [_loss_phrase(op) for op in operations]
    if len(phrases) <= 1:
        return "".join(phrases)
    return ", ".join(phrases[:-1]) + " and " + phrases[-1]


def _loss_phrase(op: Operation) -> str:
    loss = op.data_loss() or op.describe()
    return "dropping " + loss.removesuffix(" and its data").removesuffix(" and its rows")


def answers_from_flags(
    renames: Sequence[str] = (), defaults: Sequence[str] = (), allow_data_loss: bool = False
) -> dict[str, Any]:
    """The answers dict from ``--rename OLD=NEW``, ``--default TABLE.COLUMN=SQL`` and friends."""
    answers: dict[str, Any] = {
        "rename": dict(_flag("--rename", r) for r in renames),
        "default": dict(_flag("--default", d) for d in defaults),
    }
    if allow_data_loss:
        answers["allow_data_loss"] = True
    return answers


def _flag(flag: str, text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key.strip() or not value.strip():
        raise ConfigError(f"{flag} {text!r} is not of the form NAME=VALUE")
    return key.strip(), value.strip()


# Menus for the interactive questioner (pure: they word prompts and parse replies) ----------------


@dataclass(frozen=True)
class RenameMenu:
    """The numbered list of new and removed names from ``seeds/002``, likely pairs first.

    New names are numbered first, then removed ones; a reply such as ``"1, 3"`` couples one of
    each. After a pair is chosen, ``without`` gives the menu for the next round.
    """

    added: tuple[str, ...]
    removed: tuple[str, ...]
    noun: str = "fields"

    @classmethod
    def for_columns(cls, removed: Sequence[Column], added: Sequence[Column]) -> RenameMenu:
        candidates = renames.rank(removed, added, renames.column_score)
        old, new = renames.likely_first([c.name for c in removed], [c.name for c in added],
                                        candidates)
        return cls(tuple(new), tuple(old))

    @classmethod
    def for_tables(cls, removed: Sequence[str], added: Sequence[str]) -> RenameMenu:
        candidates = renames.rank(removed, added, renames.name_similarity)
        old, new = renames.likely_first(removed, added, candidates)
        return cls(tuple(new), tuple(old), noun="tables")

    def text(self) -> str:
        lines = [f"The following {self.noun} are new:"]
        lines += [f"\t{i} {name}" for i, name in enumerate(self.added, 1)]
        lines.append(f"The following {self.noun} are not present any longer:")
        first = len(self.added) + 1
        lines += [f"\t{i} {name}" for i, name in enumerate(self.removed, first)]
        return "\n".join(lines)

    @property
    def question(self) -> str:
        return f"Are any of these {self.noun} a rename? [y/N] "

    pair_question = "Which pair is coupled? "

    def parse_pair(self, reply: str) -> tuple[str, str]:
        """(removed, added) for a reply naming one new and one removed number, in any order."""
        numbers = _numbers(reply)
        count = len(self.added)
        new = [n for n in numbers if 1 <= n <= count]
        old = [n for n in numbers if count < n <= count + len(self.removed)]
        if len(numbers) != 2 or len(new) != 1 or len(old) != 1:
            raise ValueError(
                f"give one number from 1 to {count} and one from {count + 1} to "
                f"{count + len(self.removed)}, such as '1, {count + 1}'"
            )
        return self.removed[old[0] - count - 1], self.added[new[0] - 1]

    def without(self, removed: str, added: str) -> RenameMenu:
        return replace(
            self,
            added=tuple(n for n in self.added if n != added),
            removed=tuple(n for n in self.removed if n != removed),
        )

    @property
    def exhausted(self) -> bool:
        return not self.added or not self.removed


def _numbers(reply: str) -> list[int]:
    parts = reply.replace(",", " ").split()
    if not all(p.isdigit() for p in parts):
        raise ValueError("give two numbers separated by a comma, such as '1, 3'")
    return [int(p) for p in parts]


def parse_yes_no(reply: str, default: bool = False) -> bool:
    answer = reply.strip().lower()
    if not answer:
        return default
    if answer in ("y", "yes"):
        return True
    if answer in ("n", "no"):
        return False
    raise ValueError("answer y or n")


def data_loss_prompt(op: Operation) -> str:
    """The warning that asks the user to type ``delete`` (``seeds/002``)."""
    kind, _, name = _loss_phrase(op).removeprefix("dropping ").partition(" ")
    return (
        f"Warning: removing the {kind} {name} will permanently delete data. "
        'Write "delete" and press enter to continue: '
    )


def confirms_deletion(reply: str) -> bool:
    return reply.strip() == "delete"


def not_null_default_menu(table: str, column: str) -> str:
    """The choice offered for a new NOT NULL column without a default (``seeds/004``)."""
    return (
        f"You are trying to add a non-nullable column '{column}' to {table} without a default;\n"
        "we can't do that (the database needs something to populate existing rows).\n"
        "Please select a fix:\n"
        " 1) Provide a one-off default now (will be set on all existing rows)\n"
        " 2) Quit, and let me add a default to the schema"
    )


not_null_default_question = "Please enter the default value as SQL (such as 0 or 'none'): "


def parse_menu_choice(reply: str, choices: int = 2) -> int:
    answer = reply.strip().rstrip(")")
    if not answer.isdigit() or not 1 <= int(answer) <= choices:
        raise ValueError(f"select an option from 1 to {choices}")
    return int(answer)
