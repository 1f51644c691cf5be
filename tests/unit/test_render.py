"""Rendering operations to SQL: exact statements per dialect, and SQLite's rebuild end to end.

The end-to-end tests run the rendered SQL with the ``sqlite3`` module on a database built from
SQL, against a hand-written model of it, and check each item of ``REBUILD_PRESERVES``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import replace

import pytest

from migrata.dialects import dialect_class
from migrata.dialects.rebuild import REBUILD_PRESERVES
from migrata.diff import diff
from migrata.diff import operations as ops
from migrata.diff.questioner import Questioner
from migrata.errors import UnsupportedOperation
from migrata.schema.model import (
    CheckConstraint,
    Column,
    Enum,
    ForeignKey,
    Index,
    PrimaryKey,
    Routine,
    Schema,
    Sequence,
    Table,
    TableOptions,
    Trigger,
    UniqueConstraint,
    View,
)

USERS = Table(
    "users",
    (Column("id", "integer", False, identity=True), Column("name", "varchar(50)")),
    PrimaryKey(("id",), "users_pkey"),
)
TICKET = Table(
    "ticket",
    (Column("id", "integer", False), Column("title", "text", False, "''"),
     Column("owner_id", "integer")),
    PrimaryKey(("id",), "ticket_pkey"),
    indexes=(Index("ix_title", ("title",)),),
    uniques=(UniqueConstraint(("title", "owner_id"), "uq_title_owner"),),
    checks=(CheckConstraint("length(title) > 0", "ck_title"),),
    foreign_keys=(ForeignKey(("owner_id",), "users", ("id",), "fk_owner", on_delete="CASCADE"),),
)  # fmt: skip
OLD = Schema("any", tables=(TICKET, USERS))
NAME = Column("name", "varchar(50)")
VIEW, VIEW2 = View("v", "SELECT id FROM ticket"), View("v", "SELECT id, title FROM ticket")
TRIGGER = Trigger("tr", "ticket", "CREATE TRIGGER tr AFTER INSERT ON ticket BEGIN SELECT 1; END")
ROUTINE = Routine("f", "function", "integer", "CREATE FUNCTION f(x integer) RETURNS integer RETURN x")
REPLACING = replace(ROUTINE, definition="CREATE OR REPLACE FUNCTION f(x integer) RETURNS integer RETURN x + 1")
TEMPORARY_INDEX = replace(TICKET.indexes[0], name="migrata_tmp_ix_title")
TEMPORARY_CHECK = replace(TICKET.checks[0], name="migrata_tmp_ck_title")

# ticket.id is no identity: spelled INTEGER, SQLite would make it the rowid's alias, which is one.
TICKET_SQLITE = """\
CREATE TABLE migrata_tmp_ticket (
    id {id_type} NOT NULL,
    title text DEFAULT '' NOT NULL,
    owner_id integer,{extra}
    CONSTRAINT ticket_pkey PRIMARY KEY ({pk}),{unique}{check}{fk}
)"""
UNIQUE = "\n    CONSTRAINT uq_title_owner UNIQUE (title, owner_id),"
CHECK = "\n    CONSTRAINT ck_title CHECK (length(title) > 0),"
FK = "\n    CONSTRAINT fk_owner FOREIGN KEY(owner_id) REFERENCES users (id) ON DELETE CASCADE"


def ticket_sqlite(extra: str = "", pk: str = "id", unique: str = UNIQUE, check: str = CHECK,
                  fk: str = FK) -> str:  # fmt: skip
    id_type = "int" if pk == "id" else "integer"  # only a lone key can be the rowid's alias
    return TICKET_SQLITE.format(id_type=id_type, extra=extra, pk=pk, unique=unique, check=check,
                                fk=fk).replace(",\n)", "\n)")  # fmt: skip


def fk_check(*tables: str) -> list[str]:
    checks = " UNION ALL ".join(f"SELECT * FROM pragma_foreign_key_check('{t}')" for t in tables)
    return [
        "-- PRAGMA foreign_key_check: the rebuilt tables' foreign keys must still hold\n"
        "CREATE TEMP TABLE migrata_tmp_foreign_key_check (violations INTEGER"
        " CONSTRAINT foreign_keys_hold_after_rebuild CHECK (violations = 0))",
        f"INSERT INTO migrata_tmp_foreign_key_check SELECT count(*) FROM ({checks})",
        "DROP TABLE migrata_tmp_foreign_key_check",
    ]


def ticket_rebuilt(create: str, select: str = "id, title, owner_id",
                   into: str = "id, title, owner_id") -> list[str]:  # fmt: skip
    return [
        create,
        f"INSERT INTO migrata_tmp_ticket ({into}) SELECT {select} FROM ticket",
        "DROP TABLE ticket",
        "ALTER TABLE migrata_tmp_ticket RENAME TO ticket",
        "CREATE INDEX ix_title ON ticket (title)",
        *fk_check("ticket"),
    ]


def users_rebuilt(name: str = "name varchar(50)", extra: str = "", select: str = "id, name",
                  id_type: str = "integer", options: str = "") -> list[str]:  # fmt: skip
    create = (
        f"CREATE TABLE migrata_tmp_users (\n    id {id_type} NOT NULL,\n"
        f"    {name},\n    CONSTRAINT users_pkey PRIMARY KEY (id){extra}\n){options}"
    )
    return [
        create,
        f"INSERT INTO migrata_tmp_users (id, name) SELECT {select} FROM users",
        "DROP TABLE users",
        "ALTER TABLE migrata_tmp_users RENAME TO users",
        *fk_check("ticket", "users"),
    ]


# operation(s) -> {dialect: statements}; "mysql" also stands for "mariadb" unless it is given.
CASES: dict[str, tuple[list[ops.Operation], dict[str, list[str]]]] = {
    "create_table": ([ops.CreateTable(TICKET)], {
        "postgresql": [
            "CREATE TABLE ticket (\n    id integer NOT NULL,\n    title text DEFAULT '' NOT NULL,"
            "\n    owner_id integer,\n    CONSTRAINT ticket_pkey PRIMARY KEY (id),"
            "\n    CONSTRAINT uq_title_owner UNIQUE (title, owner_id),"
            "\n    CONSTRAINT ck_title CHECK (length(title) > 0),"
            "\n    CONSTRAINT fk_owner FOREIGN KEY(owner_id) REFERENCES users (id) ON DELETE CASCADE"
            "\n)",
            "CREATE INDEX ix_title ON ticket (title)",
        ],
        "mysql": [
            "CREATE TABLE ticket (\n    id integer NOT NULL,\n    title text NOT NULL DEFAULT '',"
            "\n    owner_id integer,\n    PRIMARY KEY (id),"
            "\n    CONSTRAINT uq_title_owner UNIQUE (title, owner_id),"
            "\n    CONSTRAINT ck_title CHECK (length(title) > 0),"
            "\n    CONSTRAINT fk_owner FOREIGN KEY(owner_id) REFERENCES users (id) ON DELETE CASCADE"
            "\n)",
            "CREATE INDEX ix_title ON ticket (title)",
        ],
        "sqlite": [
            ticket_sqlite().replace("migrata_tmp_ticket", "ticket"),
            "CREATE INDEX ix_title ON ticket (title)",
        ],
    }),
    "create_table_identity_and_comments": (
        [ops.CreateTable(Table("t", (Column("id", "integer", False, identity=True, comment="key"),),
                               PrimaryKey(("id",)), comment="things"))],
        {
            "postgresql": [
                "CREATE TABLE t (\n    id integer GENERATED BY DEFAULT AS IDENTITY,"
                "\n    PRIMARY KEY (id)\n)",
                "COMMENT ON TABLE t IS 'things'",
                "COMMENT ON COLUMN t.id IS 'key'",
            ],
            "mysql": [
                "CREATE TABLE t (\n    id integer NOT NULL COMMENT 'key' AUTO_INCREMENT,"
                "\n    PRIMARY KEY (id)\n)COMMENT='things'",
            ],
            "sqlite": ["CREATE TABLE t (\n    id integer NOT NULL,\n    PRIMARY KEY (id)\n)"],
        },
    ),
    "drop_table": ([ops.DropTable(TICKET)], {
        "any": ["-- drops table ticket and its rows\nDROP TABLE ticket"],
    }),
    "rename_table": ([ops.RenameTable("ticket", "tickets")], {
        "any": ["ALTER TABLE ticket RENAME TO tickets"],
    }),
    "alter_table_comment": ([ops.AlterTableComment("ticket", None, "it's")], {
        "postgresql": ["COMMENT ON TABLE ticket IS 'it''s'"],
        "mysql": ["ALTER TABLE ticket COMMENT 'it''s'"],
        "sqlite": [],
    }),
    "alter_table_options": (
        [ops.AlterTableOptions("users", TableOptions(), TableOptions(strict=True))],
        {"sqlite": users_rebuilt(options="\n STRICT")},  # the servers: see the test of errors
    ),
    "alter_table_options_both": (
        [ops.AlterTableOptions("users", TableOptions(), TableOptions(True, without_rowid=True))],
        {"sqlite": users_rebuilt(options="\n WITHOUT ROWID,\n STRICT")},
    ),
    "add_column": ([ops.AddColumn("ticket", Column("note", "varchar(20)", comment="free"))], {
        "postgresql": [
            "ALTER TABLE ticket ADD COLUMN note varchar(20)",
            "COMMENT ON COLUMN ticket.note IS 'free'",
        ],
        "mysql": ["ALTER TABLE ticket ADD COLUMN note varchar(20) COMMENT 'free'"],
        "sqlite": ["ALTER TABLE ticket ADD COLUMN note varchar(20)"],
    }),
    "add_column_one_off_default": (
        [ops.AddColumn("ticket", Column("score", "integer", False), "0")],
        {
            "postgresql": [
                "ALTER TABLE ticket ADD COLUMN score integer DEFAULT 0 NOT NULL",
                "ALTER TABLE ticket ALTER COLUMN score DROP DEFAULT",
            ],
            "mysql": [
                "ALTER TABLE ticket ADD COLUMN score integer NOT NULL DEFAULT 0",
                "ALTER TABLE ticket ALTER COLUMN score DROP DEFAULT",
            ],
            "sqlite": ticket_rebuilt(
                ticket_sqlite(extra="\n    score integer NOT NULL,"),
                select="id, title, owner_id, 0", into="id, title, owner_id, score",
            ),
        },
    ),
    "drop_column": ([ops.DropColumn("users", NAME)], {
        "any": ["-- drops column users.name and its data\nALTER TABLE users DROP COLUMN name"],
    }),
    "drop_column_with_its_constraints": (
        [ops.DropUniqueConstraint("ticket", TICKET.uniques[0]),
         ops.DropForeignKey("ticket", TICKET.foreign_keys[0]),
         ops.DropColumn("ticket", Column("owner_id", "integer"))],
        {
            "postgresql": [
                "ALTER TABLE ticket DROP CONSTRAINT uq_title_owner",
                "ALTER TABLE ticket DROP CONSTRAINT fk_owner",
                "-- drops column ticket.owner_id and its data\n"
                "ALTER TABLE ticket DROP COLUMN owner_id",
            ],
            "sqlite": [
                "-- drops column ticket.owner_id and its data\n"
                "CREATE TABLE migrata_tmp_ticket (\n    id int NOT NULL,"
                "\n    title text DEFAULT '' NOT NULL,\n    CONSTRAINT ticket_pkey PRIMARY KEY (id),"
                "\n    CONSTRAINT ck_title CHECK (length(title) > 0)\n)",
                "INSERT INTO migrata_tmp_ticket (id, title) SELECT id, title FROM ticket",
                "DROP TABLE ticket",
                "ALTER TABLE migrata_tmp_ticket RENAME TO ticket",
                "CREATE INDEX ix_title ON ticket (title)",
                *fk_check("ticket"),
            ],
        },
    ),
    "rename_column": ([ops.RenameColumn("ticket", "title", "subject")], {
        "any": ["ALTER TABLE ticket RENAME COLUMN title TO subject"],
    }),
    "alter_column_type": (
        [ops.AlterColumn("users", NAME, Column("name", "varchar(100)"))],
        {
            "postgresql": ["ALTER TABLE users ALTER COLUMN name TYPE varchar(100)"],
            "mysql": ["ALTER TABLE users MODIFY COLUMN name varchar(100)"],
            "sqlite": users_rebuilt("name varchar(100)"),
        },
    ),
    "alter_column_type_with_cast": (
        [ops.AlterColumn("users", NAME, Column("name", "integer"))],
        {
            "postgresql": ["ALTER TABLE users ALTER COLUMN name TYPE integer USING name::integer"],
            "mysql": ["ALTER TABLE users MODIFY COLUMN name integer"],
            "sqlite": users_rebuilt("name integer"),
        },
    ),
    "alter_column_not_null": (
        [ops.AlterColumn("users", NAME, Column("name", "varchar(50)", False), "'?'")],
        {
            "postgresql": [
                "UPDATE users SET name = '?' WHERE name IS NULL",
                "ALTER TABLE users ALTER COLUMN name SET NOT NULL",
            ],
            "mysql": [
                "UPDATE users SET name = '?' WHERE name IS NULL",
                "ALTER TABLE users MODIFY COLUMN name varchar(50) NOT NULL",
            ],
            "sqlite": users_rebuilt("name varchar(50) NOT NULL", select="id, COALESCE(name, '?')"),
        },
    ),
    "alter_column_default": (
        [ops.AlterColumn("ticket", TICKET.columns[1], Column("title", "text", False, "'x'"))],
        {
            "postgresql": ["ALTER TABLE ticket ALTER COLUMN title SET DEFAULT 'x'"],
            "mysql": ["ALTER TABLE ticket MODIFY COLUMN title text NOT NULL DEFAULT 'x'"],
            "sqlite": ticket_rebuilt(ticket_sqlite().replace("DEFAULT ''", "DEFAULT 'x'")),
        },
    ),
    "alter_column_identity": (
        [ops.AlterColumn("users", USERS.columns[0], Column("id", "bigint", False)),
         ops.AlterColumn("users", Column("id", "bigint", False), Column("id", "bigint", False,
                                                                        identity=True))],
        {
            "postgresql": [
                "ALTER TABLE users ALTER COLUMN id DROP IDENTITY",
                "ALTER TABLE users ALTER COLUMN id TYPE bigint",
                "ALTER TABLE users ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY",
                "SELECT setval(pg_get_serial_sequence('users', 'id'), "
                "COALESCE(max(id), 0) + 1, false) FROM users",
            ],
            "mysql": [
                "ALTER TABLE users MODIFY COLUMN id bigint NOT NULL",
                "ALTER TABLE users MODIFY COLUMN id bigint NOT NULL AUTO_INCREMENT",
            ],
            "sqlite": users_rebuilt(id_type="bigint"),
        },
    ),
    "alter_column_collation_and_comment": (
        [ops.AlterColumn("users", NAME, Column("name", "varchar(50)", collation="C",
                                               comment="who"))],
        {
            "postgresql": [
                'ALTER TABLE users ALTER COLUMN name TYPE varchar(50) COLLATE "C"',
                "COMMENT ON COLUMN users.name IS 'who'",
            ],
            "mysql": ["ALTER TABLE users MODIFY COLUMN name varchar(50) COLLATE `C` COMMENT 'who'"],
            "sqlite": users_rebuilt('name varchar(50) COLLATE "C"'),
        },
    ),
    "alter_column_comment_only": (
        [ops.AlterColumn("users", NAME, Column("name", "varchar(50)", comment="who"))],
        {
            "postgresql": ["COMMENT ON COLUMN users.name IS 'who'"],
            "mysql": ["ALTER TABLE users MODIFY COLUMN name varchar(50) COMMENT 'who'"],
            "sqlite": [],
        },
    ),
    "create_index": (
        [ops.CreateIndex("ticket", Index("ix_o", ("owner_id", "lower(title)"), unique=True))],
        {"any": ["CREATE UNIQUE INDEX ix_o ON ticket (owner_id, (lower(title)))"]},
    ),
    "create_partial_index": (
        [ops.CreateIndex("ticket", Index("ix_p", ("title",), where="owner_id > 0"))],
        {"postgresql": ["CREATE INDEX ix_p ON ticket (title) WHERE owner_id > 0"],
         "sqlite": ["CREATE INDEX ix_p ON ticket (title) WHERE owner_id > 0"]},
    ),
    "drop_index": ([ops.DropIndex("ticket", TICKET.indexes[0])], {
        "postgresql": ["DROP INDEX ix_title"],
        "mysql": ["DROP INDEX ix_title ON ticket"],
        "sqlite": ["DROP INDEX ix_title"],
    }),
    "add_unique": ([ops.AddUniqueConstraint("users", UniqueConstraint(("name",), "uq_name"))], {
        "postgresql": ["ALTER TABLE users ADD CONSTRAINT uq_name UNIQUE (name)"],
        "mysql": ["ALTER TABLE users ADD CONSTRAINT uq_name UNIQUE (name)"],
        "sqlite": users_rebuilt(extra=",\n    CONSTRAINT uq_name UNIQUE (name)"),
    }),
    "drop_unique": ([ops.DropUniqueConstraint("ticket", TICKET.uniques[0])], {
        "postgresql": ["ALTER TABLE ticket DROP CONSTRAINT uq_title_owner"],
        "mysql": ["ALTER TABLE ticket DROP INDEX uq_title_owner"],
        "sqlite": ticket_rebuilt(ticket_sqlite(unique="")),
    }),
    "add_check": ([ops.AddCheckConstraint("users", CheckConstraint("name <> ''", "ck_name"))], {
        "postgresql": ["ALTER TABLE users ADD CONSTRAINT ck_name CHECK (name <> '')"],
        "mysql": ["ALTER TABLE users ADD CONSTRAINT ck_name CHECK (name <> '')"],
        "sqlite": users_rebuilt(extra=",\n    CONSTRAINT ck_name CHECK (name <> '')"),
    }),
    "drop_check": ([ops.DropCheckConstraint("ticket", TICKET.checks[0])], {
        "postgresql": ["ALTER TABLE ticket DROP CONSTRAINT ck_title"],
        "mysql": ["ALTER TABLE ticket DROP CHECK ck_title"],
        "mariadb": ["ALTER TABLE ticket DROP CONSTRAINT ck_title"],
        "sqlite": ticket_rebuilt(ticket_sqlite(check="")),
    }),
    "add_foreign_key": (
        [ops.AddForeignKey("users", ForeignKey(("id",), "ticket", ("id",), "fk_x", "SET NULL"))],
        {
            "postgresql": ["ALTER TABLE users ADD CONSTRAINT fk_x FOREIGN KEY(id) REFERENCES "
                           "ticket (id) ON DELETE SET NULL"],
            "mysql": ["ALTER TABLE users ADD CONSTRAINT fk_x FOREIGN KEY(id) REFERENCES "
                      "ticket (id) ON DELETE SET NULL"],
            "sqlite": users_rebuilt(extra=",\n    CONSTRAINT fk_x FOREIGN KEY(id) REFERENCES "
                                          "ticket (id) ON DELETE SET NULL"),
        },
    ),
    "drop_foreign_key": ([ops.DropForeignKey("ticket", TICKET.foreign_keys[0])], {
        "postgresql": ["ALTER TABLE ticket DROP CONSTRAINT fk_owner"],
        # and the index the server made for the key, which it leaves behind (MySQL has no IF
        # EXISTS for indexes)
        "mysql": ["ALTER TABLE ticket DROP FOREIGN KEY fk_owner",
                  "ALTER TABLE ticket DROP INDEX fk_owner"],
        "mariadb": ["ALTER TABLE ticket DROP FOREIGN KEY fk_owner",
                    "ALTER TABLE ticket DROP INDEX IF EXISTS fk_owner"],
        "sqlite": ticket_rebuilt(ticket_sqlite(check=CHECK.rstrip(","), fk="")),
    }),
    "change_primary_key": (
        [ops.DropPrimaryKey("ticket", TICKET.primary_key),  # type: ignore[arg-type]
         ops.AddPrimaryKey("ticket", PrimaryKey(("id", "title"), "ticket_pkey"))],
        {
            "postgresql": [
                "ALTER TABLE ticket DROP CONSTRAINT ticket_pkey",
                "ALTER TABLE ticket ADD CONSTRAINT ticket_pkey PRIMARY KEY (id, title)",
            ],
            "mysql": [
                "ALTER TABLE ticket DROP PRIMARY KEY",
                "ALTER TABLE ticket ADD PRIMARY KEY (id, title)",
            ],
            "sqlite": ticket_rebuilt(ticket_sqlite(pk="id, title")),
        },
    ),
    "views": (
        [ops.CreateView(VIEW), ops.ReplaceView(VIEW, VIEW2), ops.DropView(VIEW2)],
        {"any": ["CREATE VIEW v AS SELECT id FROM ticket", "DROP VIEW v",
                 "CREATE VIEW v AS SELECT id, title FROM ticket", "DROP VIEW v"]},
    ),
    "triggers": ([ops.CreateTrigger(TRIGGER), ops.DropTrigger(TRIGGER)], {
        "postgresql": [TRIGGER.definition, "DROP TRIGGER tr ON ticket"],
        "mysql": [TRIGGER.definition, "DROP TRIGGER tr"],
        "sqlite": [TRIGGER.definition, "DROP TRIGGER tr"],
    }),
    "routines": ([ops.CreateRoutine(ROUTINE), ops.DropRoutine(ROUTINE)], {
        "postgresql": [ROUTINE.definition, "DROP FUNCTION f(integer)"],
        "mysql": [ROUTINE.definition, "DROP FUNCTION f"],
    }),
    # The body alone changes: PostgreSQL's definition replaces it in place, MySQL drops first.
    "routine_replaced": ([ops.ReplaceRoutine(ROUTINE, REPLACING)], {
        "postgresql": [REPLACING.definition],
        "mysql": ["DROP FUNCTION f", REPLACING.definition],
    }),
    # Names that swap (diff.collisions): where the database renames, in two renames; where it
    # drops and adds, the first step only drops and the second only adds.
    "index_renamed_through_temporary": ([
        ops.RenameIndex("ticket", TICKET.indexes[0], TEMPORARY_INDEX),
        ops.RenameIndex("ticket", TEMPORARY_INDEX, replace(TEMPORARY_INDEX, name="ix_t")),
    ], {
        "postgresql": ["ALTER INDEX ix_title RENAME TO migrata_tmp_ix_title",
                       "ALTER INDEX migrata_tmp_ix_title RENAME TO ix_t"],
        "mysql": ["ALTER TABLE ticket RENAME INDEX ix_title TO migrata_tmp_ix_title",
                  "ALTER TABLE ticket RENAME INDEX migrata_tmp_ix_title TO ix_t"],
        "sqlite": ["DROP INDEX ix_title", "CREATE INDEX ix_t ON ticket (title)"],
    }),
    "check_renamed_through_temporary": ([
        ops.RenameConstraint("ticket", TICKET.checks[0], TEMPORARY_CHECK),
        ops.RenameConstraint("ticket", TEMPORARY_CHECK, replace(TEMPORARY_CHECK, name="ck_t")),
    ], {
        "postgresql": ["ALTER TABLE ticket RENAME CONSTRAINT ck_title TO migrata_tmp_ck_title",
                       "ALTER TABLE ticket RENAME CONSTRAINT migrata_tmp_ck_title TO ck_t"],
        "mysql": ["ALTER TABLE ticket DROP CHECK ck_title",
                  "ALTER TABLE ticket ADD CONSTRAINT ck_t CHECK (length(title) > 0)"],
        "mariadb": ["ALTER TABLE ticket DROP CONSTRAINT ck_title",
                    "ALTER TABLE ticket ADD CONSTRAINT ck_t CHECK (length(title) > 0)"],
    }),
    "enums": (
        [ops.CreateEnum(Enum("mood", ("sad", "o'k"))),
         ops.AlterEnumAddValue("mood", "happy", before="sad"),
         ops.AlterEnumAddValue("mood", "meh", after="sad"),
         ops.AlterEnumAddValue("mood", "great"), ops.DropEnum(Enum("mood", ("sad",)))],
        {"postgresql": [
            "CREATE TYPE mood AS ENUM ('sad', 'o''k')",
            "ALTER TYPE mood ADD VALUE 'happy' BEFORE 'sad'",
            "ALTER TYPE mood ADD VALUE 'meh' AFTER 'sad'",
            "ALTER TYPE mood ADD VALUE 'great'",
            "DROP TYPE mood",
        ]},
    ),
    "sequences": (
        [ops.CreateSequence(Sequence("counter", 5, 2)),
         ops.AlterSequence(Sequence("counter", 5, 2), Sequence("counter", 5, 3)),
         ops.DropSequence(Sequence("counter", 5, 3))],
        {"postgresql": [
            "CREATE SEQUENCE counter INCREMENT BY 2 START WITH 5",
            "ALTER SEQUENCE counter INCREMENT BY 3",
            "DROP SEQUENCE counter",
        ]},
    ),
}
DIALECTS = ("postgresql", "mysql", "mariadb", "sqlite")


def _expected(cases: dict[str, list[str]], dialect: str) -> list[str] | None:
    for key in (dialect, "mysql" if dialect == "mariadb" else None, "any"):
        if key in cases:
            return cases[key]
    return None


@pytest.mark.parametrize(
    ("case", "dialect"),
    [(c, d) for c in CASES for d in DIALECTS if _expected(CASES[c][1], d) is not None],
)
def test_render(case: str, dialect: str) -> None:
    operations, cases = CASES[case]
    assert dialect_class(dialect)().render(operations, OLD) == _expected(cases, dialect)


def test_replace_enum_converts_every_column() -> None:
    old = Schema("postgresql", tables=(
        Table("t", (Column("m", "mood", default="'ok'::mood"), Column("n", "mood"))),
    ), enums=(Enum("mood", ("sad", "ok")),))  # fmt: skip
    op = ops.ReplaceEnum(Enum("mood", ("sad", "ok")), Enum("mood", ("ok",)))
    assert dialect_class("postgresql")().render([op], old) == [
        "ALTER TYPE mood RENAME TO migrata_tmp_mood",
        "CREATE TYPE mood AS ENUM ('ok')",
        "ALTER TABLE t ALTER COLUMN m DROP DEFAULT",
        "ALTER TABLE t ALTER COLUMN m TYPE mood USING m::text::mood",
        "ALTER TABLE t ALTER COLUMN m SET DEFAULT 'ok'::mood",
        "ALTER TABLE t ALTER COLUMN n TYPE mood USING n::text::mood",
        "DROP TYPE migrata_tmp_mood",
    ]


def test_names_are_quoted_where_the_dialect_needs_it() -> None:
    op = ops.RenameColumn("Order", "select", "from")
    old = Schema("x", tables=(Table("Order", (Column("select", "integer"),)),))
    assert dialect_class("postgresql")().render([op], old) == [
        'ALTER TABLE "Order" RENAME COLUMN "select" TO "from"'
    ]
    assert dialect_class("mysql")().render([op], old) == [
        "ALTER TABLE `Order` RENAME COLUMN `select` TO `from`"
    ]


@pytest.mark.parametrize(
    ("dialect", "op", "message"),
    [
        ("sqlite", ops.CreateEnum(Enum("mood", ("a",))), "has no enum types"),
        ("mysql", ops.CreateSequence(Sequence("s")), "has no enum types or sequences"),
        ("sqlite", ops.CreateRoutine(ROUTINE), "no stored functions"),
        ("mysql", ops.CreateIndex("ticket", Index("ix", ("title",), where="id > 0")),
         "is partial"),
        ("postgresql", ops.AlterEnumAddValue("mood", "x").reverse(), "cannot remove a value"),
        ("postgresql", ops.DropUniqueConstraint("ticket", UniqueConstraint(("title",))),
         "it has no name"),
        ("postgresql", ops.AlterTableOptions("ticket", TableOptions(), TableOptions(strict=True)),
         "postgresql has no such table options"),
        ("mariadb", ops.AlterTableOptions("ticket", TableOptions(), TableOptions(strict=True)),
         "mysql has no such table options"),  # SQLAlchemy names MariaDB mysql
    ],
)  # fmt: skip
def test_what_a_dialect_cannot_do_is_an_error(dialect: str, op: ops.Operation, message: str) -> None:
    with pytest.raises(UnsupportedOperation, match=message):
        dialect_class(dialect)().render([op], OLD)


def test_sqlite_groups_a_tables_changes_into_one_rebuild() -> None:
    found = [
        ops.DropIndex("ticket", TICKET.indexes[0]),
        ops.RenameColumn("users", "name", "login"),
        ops.DropCheckConstraint("ticket", TICKET.checks[0]),
        ops.AddColumn("ticket", Column("score", "integer", False), "0"),
        ops.CreateIndex("ticket", Index("ix_score", ("score",))),
    ]
    statements = dialect_class("sqlite")().render(found, OLD)
    assert statements == [
        "ALTER TABLE users RENAME COLUMN name TO login",
        ticket_sqlite(extra="\n    score integer NOT NULL,", check=""),
        "INSERT INTO migrata_tmp_ticket (id, title, owner_id, score)"
        " SELECT id, title, owner_id, 0 FROM ticket",
        "DROP TABLE ticket",
        "ALTER TABLE migrata_tmp_ticket RENAME TO ticket",
        "CREATE INDEX ix_score ON ticket (score)",
        *fk_check("ticket"),
    ]


def test_sqlite_frees_an_index_name_taken_before_the_rebuild() -> None:
    """SQLite's index names are one namespace, compared without case: an index drop that a
    rebuild takes in runs where it stands when another table's index takes the name before the
    rebuild, instead of with the old table."""
    found = [
        ops.DropIndex("ticket", TICKET.indexes[0]),
        ops.CreateIndex("users", Index("IX_Title", ("name",))),
        ops.DropCheckConstraint("ticket", TICKET.checks[0]),
    ]
    statements = dialect_class("sqlite")().render(found, OLD)
    assert statements == [
        "DROP INDEX ix_title",
        'CREATE INDEX "IX_Title" ON users (name)',
        ticket_sqlite(check=""),
        "INSERT INTO migrata_tmp_ticket (id, title, owner_id) SELECT id, title, owner_id FROM ticket",
        "DROP TABLE ticket",
        "ALTER TABLE migrata_tmp_ticket RENAME TO ticket",
        *fk_check("ticket"),
    ]


def test_sqlite_folds_constraints_into_a_new_table() -> None:
    a = Table("a", (Column("id", "integer"), Column("b_id", "integer")))
    fk = ForeignKey(("b_id",), "b", ("id",), "fk_ab")
    found = [ops.CreateTable(a), ops.AddForeignKey("a", fk), ops.CreateIndex("a", Index("ix", ("b_id",)))]
    assert dialect_class("sqlite")().render(found, Schema("sqlite")) == [
        "CREATE TABLE a (\n    id integer,\n    b_id integer,"
        "\n    CONSTRAINT fk_ab FOREIGN KEY(b_id) REFERENCES b (id)\n)",
        "CREATE INDEX ix ON a (b_id)",
    ]


def test_sqlite_rebuild_copying_no_column_keeps_the_rows() -> None:
    t = Table("t", (Column("a", "integer"),))
    stamp = Column("b", "timestamp", default="CURRENT_TIMESTAMP")
    found = [ops.AddColumn("t", stamp), ops.DropColumn("t", t.columns[0])]
    assert dialect_class("sqlite")().render(found, Schema("sqlite", tables=(t,)))[:2] == [
        "-- drops column t.a and its data\n"
        "CREATE TABLE migrata_tmp_t (\n    b timestamp DEFAULT CURRENT_TIMESTAMP\n)",
        "INSERT INTO migrata_tmp_t (rowid) SELECT rowid FROM t",
    ]


def test_mariadb_keeps_an_index_under_every_foreign_key() -> None:
    """The index serving ticket's foreign key goes in the statement of the one taking over,
    or gives the key an index of its own; a dropped key's own index goes with it, and another
    key that leaned on that index gets one of its own."""
    ix = Index("ix_owner", ("owner_id",))
    old = Schema("mariadb", tables=(replace(TICKET, indexes=(ix,)), USERS))
    wider = Index("ix_owner_title", ("owner_id", "title"))
    mariadb = dialect_class("mariadb")()
    assert mariadb.render([ops.DropIndex("ticket", ix), ops.CreateIndex("ticket", wider)], old) == [
        "ALTER TABLE ticket DROP INDEX ix_owner, ADD INDEX ix_owner_title (owner_id, title)",
    ]
    assert mariadb.render([ops.DropIndex("ticket", ix)], old) == [
        "ALTER TABLE ticket DROP INDEX ix_owner, ADD INDEX IF NOT EXISTS fk_owner (owner_id)",
    ]
    twin = replace(TICKET.foreign_keys[0], name="fk_owner2", on_delete=None)
    two = Schema("mariadb", tables=(replace(TICKET, foreign_keys=(*TICKET.foreign_keys, twin)),
                                    USERS))  # fmt: skip
    assert mariadb.render([ops.DropForeignKey("ticket", TICKET.foreign_keys[0])], two) == [
        "ALTER TABLE ticket DROP FOREIGN KEY fk_owner",
        "ALTER TABLE ticket ADD INDEX IF NOT EXISTS fk_owner2 (owner_id),"
        " DROP INDEX IF EXISTS fk_owner",
    ]


def test_mariadb_drops_an_index_before_its_name_is_taken_again() -> None:
    """A creation of the dropped index's name that does not serve the key comes before the one
    taking over: the drop cannot wait for the latter, so the key gets an index of its own."""
    ix = Index("ix_owner", ("owner_id",))
    old = Schema("mariadb", tables=(replace(TICKET, indexes=(ix,)), USERS))
    renamed = Index("ix_owner", ("title",))
    wider = Index("ix_owner_title", ("owner_id", "title"))
    found = [ops.DropIndex("ticket", ix), ops.CreateIndex("ticket", renamed),
             ops.CreateIndex("ticket", wider)]  # fmt: skip
    assert dialect_class("mariadb")().render(found, old) == [
        "ALTER TABLE ticket DROP INDEX ix_owner, ADD INDEX IF NOT EXISTS fk_owner (owner_id)",
        "CREATE INDEX ix_owner ON ticket (title)",
        "CREATE INDEX ix_owner_title ON ticket (owner_id, title)",
    ]


def test_sqlite_skips_rebuilding_a_table_it_drops_later() -> None:
    found = [ops.DropForeignKey("ticket", TICKET.foreign_keys[0]), ops.DropTable(TICKET)]
    assert dialect_class("sqlite")().render(found, OLD) == [
        "-- drops table ticket and its rows\nDROP TABLE ticket"
    ]


# SQLite end to end ----------------------------------------------------------------------------------

BEFORE_SQL = """
CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT 'anon' COLLATE NOCASE);
CREATE TABLE ticket (
    id INTEGER PRIMARY KEY, title TEXT NOT NULL DEFAULT '', stat INTEGER, owner_id INTEGER,
    parent_id INTEGER,
    CONSTRAINT ck_title CHECK (length(title) < 100), UNIQUE (title, owner_id),
    CONSTRAINT fk_owner FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE CASCADE,
    FOREIGN KEY (parent_id) REFERENCES ticket (id));
CREATE TABLE comment (id INTEGER PRIMARY KEY, ticket_id INTEGER REFERENCES ticket (id), body TEXT);
CREATE INDEX ix_title ON ticket (title);
CREATE UNIQUE INDEX ux_lower ON ticket (lower(title)) WHERE stat > 0;
CREATE TABLE log (msg TEXT);
CREATE TRIGGER ticket_ins AFTER INSERT ON ticket BEGIN INSERT INTO log VALUES ('ticket ' || new.id); END;
CREATE TRIGGER comment_ins AFTER INSERT ON comment BEGIN UPDATE ticket SET stat = 1 WHERE id = new.ticket_id; END;
CREATE VIEW open_tickets AS SELECT id, title FROM ticket WHERE stat = 0;
CREATE VIEW open_count AS SELECT count(*) AS n FROM open_tickets;
INSERT INTO users VALUES (1, 'Ann'), (2, 'Bob');
INSERT INTO ticket VALUES (1, 'first', 0, 1, NULL), (2, 'second', NULL, 2, 1), (5, 'fifth', 3, 1, 2);
INSERT INTO comment VALUES (1, 5, 'hi');
DELETE FROM log;
"""
I = Column("id", "integer", False, identity=True)  # noqa: E741 - the rowid alias, as reflected
_TICKET_COLUMNS = (I, Column("title", "text", False, "''"), Column("stat", "integer"),
                   Column("owner_id", "integer"), Column("parent_id", "integer"))  # fmt: skip
BEFORE = Schema("sqlite", tables=(
    Table("comment", (I, Column("ticket_id", "integer"), Column("body", "text")), PrimaryKey(("id",)),
          foreign_keys=(ForeignKey(("ticket_id",), "ticket", ("id",)),)),
    Table("log", (Column("msg", "text"),)),
    Table("ticket", _TICKET_COLUMNS, PrimaryKey(("id",)),
          indexes=(Index("ix_title", ("title",)),
                   Index("ux_lower", ("lower(title)",), unique=True, where="stat > 0")),
          uniques=(UniqueConstraint(("title", "owner_id")),),
          checks=(CheckConstraint("length(title) < 100", "ck_title"),),
          foreign_keys=(ForeignKey(("owner_id",), "users", ("id",), "fk_owner", "CASCADE"),
                        ForeignKey(("parent_id",), "ticket", ("id",)))),
    Table("users", (I, Column("name", "text", False, "'anon'", collation="NOCASE")),
          PrimaryKey(("id",))),
), views=(View("open_count", "SELECT count(*) AS n FROM open_tickets"),
          View("open_tickets", "SELECT id, title FROM ticket WHERE stat = 0")),
   triggers=(
    Trigger("comment_ins", "comment", "CREATE TRIGGER comment_ins AFTER INSERT ON comment BEGIN "
            "UPDATE ticket SET stat = 1 WHERE id = new.ticket_id; END"),
    Trigger("ticket_ins", "ticket", "CREATE TRIGGER ticket_ins AFTER INSERT ON ticket BEGIN "
            "INSERT INTO log VALUES ('ticket ' || new.id); END"),
))  # fmt: skip


@pytest.fixture
def conn() -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(":memory:", isolation_level=None)
    connection.executescript(BEFORE_SQL)
    yield connection
    connection.close()


def migrate(conn: sqlite3.Connection, old: Schema, new: Schema, **answers: object) -> list[str]:
    """Diff, render and run in one transaction, foreign keys off as the runner must have them."""
    statements = dialect_class("sqlite")().render(diff(old, new, Questioner(answers)), old)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("BEGIN")
    try:
        for statement in statements:
            conn.execute(statement)
    except sqlite3.Error:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return statements


def _with(ticket: Table) -> Schema:
    return replace(BEFORE, tables=tuple(ticket if t.name == "ticket" else t for t in BEFORE.tables))


def test_every_preserved_item_has_a_test() -> None:
    assert len(REBUILD_PRESERVES) == 10  # one test below per item; add a test with an item


def _retyped_title() -> Schema:
    """ticket: title retyped (a rebuild), stat renamed, a NOT NULL column added."""
    columns = (I, Column("title", "varchar(100)", False, "''"), Column("status", "integer"),
               Column("owner_id", "integer"), Column("parent_id", "integer"),
               Column("priority", "integer", False))  # fmt: skip
    table = BEFORE.table("ticket")
    assert table is not None
    indexes = (Index("ix_title", ("title",)),
               Index("ux_lower", ("lower(title)",), unique=True, where="status > 0"))  # fmt: skip
    schema = _with(replace(table, columns=columns, indexes=indexes))
    views = (BEFORE.views[0], View("open_tickets", "SELECT id, title FROM ticket WHERE status = 0"))
    triggers = (replace(BEFORE.triggers[0], definition=BEFORE.triggers[0].definition.replace(
        "SET stat", "SET status")), BEFORE.triggers[1])  # fmt: skip
    return replace(schema, views=views, triggers=triggers)


def _run_retype(conn: sqlite3.Connection) -> list[str]:
    return migrate(conn, BEFORE, _retyped_title(), rename={"ticket.stat": "status"},
                   default={"ticket.priority": "3"})  # fmt: skip


def test_rebuild_keeps_rows_maps_renames_and_fills_new_columns(conn: sqlite3.Connection) -> None:
    statements = _run_retype(conn)
    assert any(s.startswith("CREATE TABLE migrata_tmp_ticket") for s in statements)
    rows = conn.execute("SELECT id, title, status, owner_id, parent_id, priority FROM ticket "
                      "ORDER BY id").fetchall()  # fmt: skip
    # ticket 5 has stat 1: the comment on it set it, through the comment_ins trigger.
    assert rows == [(1, "first", 0, 1, None, 3), (2, "second", None, 2, 1, 3),
                    (5, "fifth", 1, 1, 2, 3)]  # fmt: skip


def test_rebuild_keeps_types_defaults_collations_and_not_null(conn: sqlite3.Connection) -> None:
    new = replace(BEFORE, tables=tuple(
        replace(t, checks=(CheckConstraint("id > 0", "ck_id"),)) if t.name == "users" else t
        for t in BEFORE.tables))  # fmt: skip
    migrate(conn, BEFORE, new)
    info = conn.execute("PRAGMA table_info(users)").fetchall()
    assert [(r[1], r[2].lower(), r[3], r[4]) for r in info] == [("id", "integer", 1, None),
                                                                ("name", "text", 1, "'anon'")]
    assert conn.execute("SELECT count(*) FROM users WHERE name = 'ANN'").fetchone() == (1,)


def test_rebuild_keeps_the_primary_key_and_rowid_alias(conn: sqlite3.Connection) -> None:
    _run_retype(conn)
    assert [r[1] for r in conn.execute("PRAGMA table_info(ticket)") if r[5]] == ["id"]
    conn.execute("INSERT INTO ticket (title, priority) VALUES ('sixth', 1)")
    assert conn.execute("SELECT id, rowid FROM ticket WHERE title = 'sixth'").fetchone() == (6, 6)


TAG_SQL = """
CREATE TABLE tag (name TEXT PRIMARY KEY, uses INTEGER NOT NULL) STRICT, WITHOUT ROWID;
INSERT INTO tag VALUES ('bug', 3), ('ui', 1);
"""
TAG = Table("tag", (Column("name", "text", False), Column("uses", "integer", False)),
            PrimaryKey(("name",)), options=TableOptions(strict=True, without_rowid=True))


def test_rebuild_keeps_strict_and_without_rowid(conn: sqlite3.Connection) -> None:
    conn.executescript(TAG_SQL)
    new = replace(TAG, columns=(TAG.columns[0], Column("uses", "integer", False, "0")))
    statements = migrate(conn, Schema("sqlite", tables=(TAG,)), Schema("sqlite", tables=(new,)))
    assert statements[0].startswith("CREATE TABLE migrata_tmp_tag")
    assert conn.execute("SELECT strict, wr FROM pragma_table_list('tag')").fetchone() == (1, 1)
    assert conn.execute("SELECT name, uses FROM tag").fetchall() == [("bug", 3), ("ui", 1)]
    with pytest.raises(sqlite3.OperationalError, match="no such column: rowid"):
        conn.execute("SELECT rowid FROM tag")
    with pytest.raises(sqlite3.IntegrityError, match="cannot store TEXT value in INTEGER column"):
        conn.execute("INSERT INTO tag VALUES ('docs', 'many')")


def test_becoming_strict_refuses_rows_that_do_not_fit(conn: sqlite3.Connection) -> None:
    """A row SQLite stored as it came (text in an INTEGER column) makes the copy into the STRICT
    table fail: the migration rolls back, rather than the value being changed or lost."""
    conn.executescript("CREATE TABLE tag (name TEXT PRIMARY KEY, uses INTEGER NOT NULL);"
                       "INSERT INTO tag VALUES ('bug', 'x'), ('ui', 1);")  # fmt: skip
    plain = replace(TAG, options=TableOptions())
    with pytest.raises(sqlite3.IntegrityError, match="cannot store TEXT value in INTEGER column"):
        migrate(conn, Schema("sqlite", tables=(plain,)), Schema("sqlite", tables=(TAG,)))
    assert conn.execute("SELECT strict, wr FROM pragma_table_list('tag')").fetchone() == (0, 0)
    assert conn.execute("SELECT name, uses FROM tag").fetchall() == [("bug", "x"), ("ui", 1)]


def test_rebuild_keeps_unique_check_and_foreign_key_constraints(conn: sqlite3.Connection) -> None:
    _run_retype(conn)
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'ticket'").fetchone()[0]
    assert "CONSTRAINT ck_title CHECK" in sql and "CONSTRAINT fk_owner FOREIGN KEY" in sql
    with pytest.raises(sqlite3.IntegrityError, match="ck_title"):
        conn.execute("INSERT INTO ticket (title, priority) VALUES (?, 1)", ("x" * 200,))
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        conn.execute("INSERT INTO ticket (title, owner_id, priority) VALUES ('first', 1, 1)")
    fks = {(r[2], r[3], r[4], r[6]) for r in conn.execute("PRAGMA foreign_key_list(ticket)")}
    assert fks == {("users", "owner_id", "id", "CASCADE"), ("ticket", "parent_id", "id", "NO ACTION")}


def test_rebuild_keeps_indexes(conn: sqlite3.Connection) -> None:
    _run_retype(conn)
    indexes = {r[1]: (r[2], r[4]) for r in conn.execute("PRAGMA index_list(ticket)")}
    assert indexes["ix_title"] == (0, 0) and indexes["ux_lower"] == (1, 1)  # (unique, partial)
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'ux_lower'").fetchone()[0]
    assert sql == "CREATE UNIQUE INDEX ux_lower ON ticket ((lower(title))) WHERE status > 0"


def test_rebuild_keeps_triggers_on_the_table(conn: sqlite3.Connection) -> None:
    _run_retype(conn)
    conn.execute("INSERT INTO ticket (id, title, priority) VALUES (9, 'ninth', 1)")
    assert conn.execute("SELECT msg FROM log").fetchall() == [("ticket 9",)]


def test_rebuild_keeps_views_that_read_the_table(conn: sqlite3.Connection) -> None:
    _run_retype(conn)
    assert conn.execute("SELECT id, title FROM open_tickets").fetchall() == [(1, "first")]
    assert conn.execute("SELECT n FROM open_count").fetchone() == (1,)


def test_rebuild_keeps_triggers_elsewhere_that_mention_the_table(conn: sqlite3.Connection) -> None:
    _run_retype(conn)
    conn.execute("INSERT INTO comment VALUES (2, 1, 'closing')")
    assert conn.execute("SELECT status FROM ticket WHERE id = 1").fetchone() == (1,)


def test_rebuild_keeps_foreign_keys_pointing_at_the_table(conn: sqlite3.Connection) -> None:
    _run_retype(conn)
    assert conn.execute("PRAGMA foreign_key_list(comment)").fetchall()[0][2:5] == (
        "ticket", "ticket_id", "id",
    )
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_a_rebuild_that_breaks_a_foreign_key_fails(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("INSERT INTO comment VALUES (3, 404, 'orphan')")
    with pytest.raises(sqlite3.IntegrityError, match="foreign_keys_hold_after_rebuild"):
        _run_retype(conn)
    assert conn.execute("SELECT count(*) FROM ticket WHERE stat IS NOT NULL").fetchone() == (2,)


def test_a_simple_change_runs_in_place(conn: sqlite3.Connection) -> None:
    new = replace(BEFORE, tables=tuple(
        replace(t, columns=(*t.columns, Column("edited", "integer", default="0")))
        if t.name == "comment" else t for t in BEFORE.tables))  # fmt: skip
    assert migrate(conn, BEFORE, new) == ["ALTER TABLE comment ADD COLUMN edited integer DEFAULT 0"]
    assert conn.execute("SELECT edited FROM comment").fetchall() == [(0,)]


def test_down_migration_brings_the_old_table_back(conn: sqlite3.Connection) -> None:
    from migrata.diff import reverse_all

    new = _retyped_title()
    answers = Questioner({"rename": {"ticket.stat": "status"}, "default": {"ticket.priority": "3"},
                          "allow_data_loss": True})  # fmt: skip
    found = diff(BEFORE, new, answers)
    sqlite = dialect_class("sqlite")()
    conn.execute("BEGIN")
    for statement in sqlite.render(found, BEFORE) + sqlite.render(reverse_all(found), new):
        conn.execute(statement)
    conn.execute("COMMIT")
    assert [r[1] for r in conn.execute("PRAGMA table_info(ticket)")] == [
        "id", "title", "stat", "owner_id", "parent_id"]  # fmt: skip
    assert conn.execute("SELECT id, stat FROM ticket ORDER BY id").fetchall() == [
        (1, 0), (2, None), (5, 1)]  # fmt: skip
    assert conn.execute("SELECT id FROM open_tickets").fetchall() == [(1,)]
