"""The questioner: answers from flags, one-sentence refusals, and the menus of seeds/002 and 004."""

from __future__ import annotations

import pytest

from migrata.diff import operations as ops
from migrata.diff.questioner import (
    Questioner,
    RenameMenu,
    answers_from_flags,
    confirms_deletion,
    data_loss_prompt,
    loss_summary,
    not_null_default_menu,
    parse_menu_choice,
    parse_yes_no,
)
from migrata.errors import Aborted, ConfigError
from migrata.schema.model import Column, Table

STAT, STATUS = Column("stat", "integer"), Column("status", "integer")
OWNER, DESCRIPTION = Column("owner", "varchar(75)"), Column("description", "text")


# Answers from flags -----------------------------------------------------------------------------


def test_renames_come_from_answers() -> None:
    q = Questioner({"rename": {"ticket.stat": "status", "tickets_old": "ticket"}})
    assert q.ask_rename_column("ticket", [STAT, OWNER], [STATUS, DESCRIPTION]) == [
        ("stat", "status")
    ]
    assert q.ask_rename_table(["tickets_old", "x"], ["ticket"]) == [("tickets_old", "ticket")]


def test_without_answers_nothing_is_renamed() -> None:
    q = Questioner()
    assert q.ask_rename_column("ticket", [STAT], [STATUS]) == []
    assert q.ask_rename_table(["a"], ["b"]) == []


def test_answers_that_do_not_fit_are_ignored() -> None:
    q = Questioner({"rename": {"ticket.stat": "nothing", "ticket.owner": "status",
                               "ticket.x": "status"}})  # fmt: skip
    assert q.ask_rename_column("ticket", [STAT, OWNER], [STATUS]) == [("owner", "status")]


def test_rename_column_true_accepts_only_identical_definitions() -> None:
    q = Questioner({"rename_column": True})
    assert q.ask_rename_column("ticket", [OWNER, STAT], [DESCRIPTION, STATUS]) == [
        ("stat", "status")
    ]


def test_data_loss_needs_the_flag() -> None:
    drop = [ops.DropColumn("ticket", OWNER)]
    assert Questioner({"allow_data_loss": True}).ask_confirm_data_loss(drop) is True
    assert Questioner({"allow_data_loss": False}).ask_confirm_data_loss(drop) is False
    with pytest.raises(Aborted) as caught:
        Questioner().ask_confirm_data_loss(drop)
    assert str(caught.value) == (
        "dropping column ticket.owner loses data; pass --allow-data-loss to go on"
    )


def test_data_loss_message_names_everything_lost() -> None:
    lost = [
        ops.DropColumn("ticket", OWNER),
        ops.DropColumn("ticket", STAT),
        ops.DropTable(Table("legacy", (STAT,))),
    ]
    assert loss_summary(lost) == (
        "dropping column ticket.owner, dropping column ticket.stat and dropping table legacy"
    )
    with pytest.raises(Aborted, match=r" lose data; pass --allow-data-loss to go on$"):
        Questioner().ask_confirm_data_loss(lost)


def test_not_null_default_comes_from_answers() -> None:
    email = Column("email", "text", nullable=False)
    q = Questioner({"default": {"users.email": "''"}})
    assert q.ask_not_null_default("users", email) == "''"
    with pytest.raises(Aborted) as caught:
        Questioner().ask_not_null_default("users", email)
    assert str(caught.value) == (
        "new column users.email is NOT NULL without a default, so existing rows need a value; "
        "pass --default users.email=SQL to go on"
    )


def test_not_null_alteration_is_filled_only_when_asked() -> None:
    n = Column("n", "integer", nullable=False)
    assert Questioner({"default": {"t.n": "0"}}).ask_not_null_alteration("t", n) == "0"
    assert Questioner().ask_not_null_alteration("t", n) is None


def test_answers_from_flags() -> None:
    answers = answers_from_flags(
        renames=["users.stat=status", "old = new"], defaults=["users.email=''"],
        allow_data_loss=True,
    )  # fmt: skip
    assert answers == {
        "rename": {"users.stat": "status", "old": "new"},
        "default": {"users.email": "''"},
        "allow_data_loss": True,
    }
    assert "allow_data_loss" not in answers_from_flags()
    with pytest.raises(ConfigError, match=r"^--rename 'users\.stat' is not of the form NAME=VALUE$"):
        answers_from_flags(renames=["users.stat"])
    with pytest.raises(ConfigError, match="--default"):
        answers_from_flags(defaults=["x="])


# Menus ---------------------------------------------------------------------------------------------

SEED_MENU = """\
The following fields are new:
\t1 status
\t2 description
The following fields are not present any longer:
\t3 stat
\t4 owner"""


def test_rename_menu_is_the_one_of_seed_002() -> None:
    menu = RenameMenu.for_columns([OWNER, STAT], [DESCRIPTION, STATUS])
    assert menu.text() == SEED_MENU  # likely pairs first, whatever order they came in
    assert menu.question == "Are any of these fields a rename? [y/N] "
    assert menu.pair_question == "Which pair is coupled? "


def test_rename_menu_rounds() -> None:
    menu = RenameMenu.for_columns([STAT, OWNER], [STATUS, DESCRIPTION])
    assert menu.parse_pair("1, 3") == ("stat", "status")
    assert menu.parse_pair("3,1") == ("stat", "status")
    assert menu.parse_pair(" 2 4 ") == ("owner", "description")
    rest = menu.without("stat", "status")
    assert rest.text() == (
        "The following fields are new:\n\t1 description\n"
        "The following fields are not present any longer:\n\t2 owner"
    )
    assert not rest.exhausted
    assert rest.without("owner", "description").exhausted


@pytest.mark.parametrize("reply", ["1", "1, 2", "3, 4", "1, 5", "one, three", "1, 3, 4", ""])
def test_rename_menu_rejects_replies_that_are_not_one_pair(reply: str) -> None:
    menu = RenameMenu.for_columns([STAT, OWNER], [STATUS, DESCRIPTION])
    with pytest.raises(ValueError):
        menu.parse_pair(reply)


def test_table_menu() -> None:
    menu = RenameMenu.for_tables(["accounts", "tickets_old"], ["ticket"])
    assert menu.text() == (
        "The following tables are new:\n\t1 ticket\n"
        "The following tables are not present any longer:\n\t2 tickets_old\n\t3 accounts"
    )
    assert menu.question == "Are any of these tables a rename? [y/N] "
    assert menu.parse_pair("1, 2") == ("tickets_old", "ticket")


def test_yes_no() -> None:
    assert parse_yes_no("y") and parse_yes_no(" Yes ")
    assert not parse_yes_no("n") and not parse_yes_no("")
    assert parse_yes_no("", default=True)
    with pytest.raises(ValueError):
        parse_yes_no("maybe")


def test_delete_confirmation() -> None:
    assert data_loss_prompt(ops.DropColumn("ticket", OWNER)) == (
        "Warning: removing the column ticket.owner will permanently delete data. "
        'Write "delete" and press enter to continue: '
    )
    assert data_loss_prompt(ops.DropTable(Table("legacy", (STAT,)))).startswith(
        "Warning: removing the table legacy will"
    )
    assert confirms_deletion("delete\n")
    assert not confirms_deletion("y") and not confirms_deletion("Delete")


def test_not_null_default_menu_of_seed_004() -> None:
    assert not_null_default_menu("PriceHistory", "market_cap") == (
        "You are trying to add a non-nullable column 'market_cap' to PriceHistory without a "
        "default;\nwe can't do that (the database needs something to populate existing rows).\n"
        "Please select a fix:\n"
        " 1) Provide a one-off default now (will be set on all existing rows)\n"
        " 2) Quit, and let me add a default to the schema"
    )
    assert parse_menu_choice("1") == 1 and parse_menu_choice(" 2) ") == 2
    for bad in ("3", "0", "x", ""):
        with pytest.raises(ValueError):
            parse_menu_choice(bad)
