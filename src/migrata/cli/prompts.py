"""The interactive questioner: the differ's questions asked in the terminal, as in seeds/002.

The only place that reads standard input. Prompts go to standard error, so that standard output
stays for results; *ask* and *say* are parameters so that tests can script a conversation.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from migrata.diff.questioner import (
    Questioner,
    RenameMenu,
    confirms_deletion,
    data_loss_prompt,
    not_null_default_menu,
    not_null_default_question,
    parse_menu_choice,
    parse_yes_no,
)
from migrata.errors import Aborted

if TYPE_CHECKING:
    from migrata.diff.operations import Operation
    from migrata.schema.model import Column


def _ask(prompt: str) -> str:
    sys.stderr.write(prompt)
    sys.stderr.flush()
    line = sys.stdin.readline()
    if not line:
        raise Aborted("no answer (standard input closed); pass the flags instead, see --help")
    return line.rstrip("\n")


def _say(text: str) -> None:
    sys.stderr.write(text + "\n")


class InteractiveQuestioner(Questioner):
    """Ask what the flags did not answer."""

    def __init__(
        self,
        answers: Mapping[str, Any] | None = None,
        ask: Callable[[str], str] = _ask,
        say: Callable[[str], None] = _say,
    ) -> None:
        super().__init__(answers)
        self.ask, self.say = ask, say
        self._renames: dict[tuple[tuple[str, ...], tuple[str, ...]], list[tuple[str, str]]] = {}

    def _until_valid(self, prompt: str, parse: Callable[[str], Any]) -> Any:
        while True:
            try:
                return parse(self.ask(prompt))
            except ValueError as exc:
                self.say(str(exc))

    def _menu(self, menu: RenameMenu) -> list[tuple[str, str]]:
        """The rename menu, repeated until the user says there are no more renames."""
        key = (menu.added, menu.removed)
        if key in self._renames:  # the same question for another dialect: same answer
            return self._renames[key]
        pairs: list[tuple[str, str]] = []
        while not menu.exhausted:
            self.say(menu.text())
            if not self._until_valid(menu.question, parse_yes_no):
                break
            removed, added = self._until_valid(menu.pair_question, menu.parse_pair)
            pairs.append((removed, added))
            menu = menu.without(removed, added)
        self._renames[key] = pairs
        return pairs

    def ask_rename_table(self, removed: list[str], added: list[str]) -> list[tuple[str, str]]:
        given = super().ask_rename_table(removed, added)
        rest_old = [t for t in removed if t not in dict(given)]
        rest_new = [t for t in added if t not in {n for _, n in given}]
        if not rest_old or not rest_new:
            return given
        return given + self._menu(RenameMenu.for_tables(rest_old, rest_new))

    def ask_rename_column(
        self, table: str, removed: list[Column], added: list[Column]
    ) -> list[tuple[str, str]]:
        given = super().ask_rename_column(table, removed, added)
        taken_old, taken_new = dict(given), {n for _, n in given}
        rest_old = [c for c in removed if c.name not in taken_old]
        rest_new = [c for c in added if c.name not in taken_new]
        if not rest_old or not rest_new:
            return given
        self.say(f"Table {table}:")
        return given + self._menu(RenameMenu.for_columns(rest_old, rest_new))

    def ask_confirm_data_loss(self, operations: Sequence[Operation]) -> bool:
        if "allow_data_loss" in self.answers:
            return bool(self.answers["allow_data_loss"])
        for op in operations:
            if not confirms_deletion(self.ask(data_loss_prompt(op))):
                raise Aborted(f"{op.describe()} was not confirmed; nothing was written")
        return True

    def ask_not_null_default(self, table: str, column: Column) -> str | None:
        value = self.answers.get("default", {}).get(f"{table}.{column.name}")
        if value is not None:
            return str(value)
        self.say(not_null_default_menu(table, column.name))
        if self._until_valid("Select an option: ", parse_menu_choice) == 2:
            raise Aborted(f"quit: add a default to {table}.{column.name} and run autogenerate again")
        return self._until_valid(not_null_default_question, _non_empty)

    def ask_not_null_alteration(self, table: str, column: Column) -> str | None:
        value = super().ask_not_null_alteration(table, column)
        if value is not None:
            return value
        reply = self.ask(
            f"{table}.{column.name} becomes NOT NULL. A value for rows where it is NULL, as SQL "
            "(empty: none, and the migration fails if there are such rows): "
        )
        return reply.strip() or None


def _non_empty(reply: str) -> str:
    if not reply.strip():
        raise ValueError("give a value as SQL, such as 0 or 'none'")
    return reply.strip()
