"""Reflection on every database: exact model values, two ways to one schema, bulk queries."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from migrata.dialects import dialect_class, get_dialect
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
from migrata.schema.reflect import reads_plain, reflect_plain, reflect_schema
from migrata.schema.reflect_sqlite import shadow_tables_by_module

if TYPE_CHECKING:
    from tests.conftest import Project, TestDatabase

OWN_TABLES = ("migrata_history", "migrata_history_log")


def run_script(db: TestDatabase, sql: str) -> None:
    """Run a script statement by statement, cut by the dialect's own splitter."""
    with db.engine.begin() as conn:
        for statement in dialect_class(db.dialect)().split_statements(sql):
            conn.exec_driver_sql(statement.text)


def reflect(db: TestDatabase, exclude: tuple[str, ...] = OWN_TABLES) -> Schema:
    with db.engine.connect() as conn:
        return reflect_schema(conn, exclude=exclude)


def col(name: str, type_: str, nullable: bool = True, **kwargs: object) -> Column:
    return Column(name, type_, nullable, **kwargs)  # type: ignore[arg-type]


# -- one rich schema per dialect, and exactly what reflection must make of it ---------------

RICH = {
    "sqlite": """
CREATE TABLE authors (
    id INTEGER PRIMARY KEY,
    name VARCHAR(50) NOT NULL COLLATE NOCASE,
    email TEXT NOT NULL,
    rating NUMERIC(3, 1) DEFAULT (0),
    joined DATE DEFAULT CURRENT_DATE,
    CONSTRAINT uq_authors_email UNIQUE (email),
    CONSTRAINT ck_authors_rating CHECK (rating BETWEEN 0 AND 5)
);
CREATE TABLE books (
    isbn CHAR(13) NOT NULL,
    edition INTEGER NOT NULL DEFAULT 1,
    author_id INTEGER CONSTRAINT fk_books_author REFERENCES authors (id)
        ON DELETE SET NULL ON UPDATE CASCADE,
    title TEXT NOT NULL,
    price REAL CHECK (price > 0),
    doubled INTEGER GENERATED ALWAYS AS (edition * 2) VIRTUAL,
    CONSTRAINT pk_books PRIMARY KEY (isbn, edition)
);
CREATE INDEX ix_books_title ON books (lower(title), edition DESC) WHERE price IS NOT NULL;
CREATE UNIQUE INDEX ux_books_title ON books (title);
CREATE VIEW cheap_books AS SELECT title FROM books WHERE price < 10;
CREATE TRIGGER trg_books AFTER INSERT ON books
BEGIN
    UPDATE authors SET rating = rating WHERE id = NEW.author_id;
END;
CREATE TABLE migrata_history (x INTEGER);
""",
    "postgresql": """
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE SEQUENCE invoice_numbers START 1000 INCREMENT 10;
CREATE DOMAIN positive AS integer CHECK (VALUE > 0);
CREATE TABLE authors (
    id serial PRIMARY KEY,
    name varchar(50) NOT NULL COLLATE "C",
    email text NOT NULL,
    rating numeric(3,1) DEFAULT 0,
    feeling mood NOT NULL DEFAULT 'ok',
    joined timestamptz DEFAULT now(),
    CONSTRAINT uq_authors_email UNIQUE (email),
    CONSTRAINT ck_authors_rating CHECK (rating BETWEEN 0 AND 5)
);
COMMENT ON TABLE authors IS 'who writes';
COMMENT ON COLUMN authors.email IS 'where to write';
CREATE TABLE books (
    isbn char(13) NOT NULL,
    edition int NOT NULL DEFAULT 1,
    author_id int CONSTRAINT fk_books_author REFERENCES authors (id)
        ON DELETE SET NULL ON UPDATE CASCADE,
    title text NOT NULL,
    price float8 CHECK (price > 0),
    tags text[] DEFAULT '{}',
    doubled int GENERATED ALWAYS AS (edition * 2) STORED,
    invoice bigint DEFAULT nextval('invoice_numbers'),
    CONSTRAINT pk_books PRIMARY KEY (isbn, edition)
);
CREATE INDEX ix_books_title ON books (lower(title), edition DESC) WHERE price IS NOT NULL;
CREATE UNIQUE INDEX ux_books_title ON books (title);
CREATE VIEW cheap_books AS SELECT title FROM books WHERE price < 10;
CREATE MATERIALIZED VIEW book_count AS SELECT count(*) AS n FROM books;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE TRIGGER trg_books BEFORE INSERT ON books FOR EACH ROW EXECUTE FUNCTION touch();
CREATE PROCEDURE reset_ratings(level numeric) LANGUAGE sql
    AS $$UPDATE authors SET rating = level$$;
CREATE SCHEMA elsewhere;
CREATE TABLE elsewhere.hidden (id int);
CREATE TABLE migrata_history (x int);
""",
    "mariadb": """
CREATE TABLE authors (
    id int NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name varchar(50) NOT NULL COLLATE utf8mb4_bin,
    email varchar(200) NOT NULL COMMENT 'where to write',
    rating decimal(3,1) DEFAULT 0,
    feeling enum('sad','ok','happy') NOT NULL DEFAULT 'ok',
    joined timestamp NULL DEFAULT current_timestamp(),
    CONSTRAINT uq_authors_email UNIQUE (email),
    CONSTRAINT ck_authors_rating CHECK (rating BETWEEN 0 AND 5)
) COMMENT 'who writes';
CREATE TABLE books (
    isbn char(13) NOT NULL,
    edition int NOT NULL DEFAULT 1,
    author_id int,
    title varchar(200) NOT NULL,
    price double CHECK (price > 0),
    doubled int AS (edition * 2) VIRTUAL,
    CONSTRAINT pk_books PRIMARY KEY (isbn, edition),
    CONSTRAINT fk_books_author FOREIGN KEY (author_id) REFERENCES authors (id)
        ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX ix_books_title ON books (title(20), edition DESC);
CREATE UNIQUE INDEX ux_books_title ON books (title);
CREATE VIEW cheap_books AS SELECT title FROM books WHERE price < 10;
CREATE TRIGGER trg_books BEFORE INSERT ON books FOR EACH ROW SET NEW.title = TRIM(NEW.title);
CREATE FUNCTION add_one(x int) RETURNS int DETERMINISTIC RETURN x + 1;
CREATE PROCEDURE reset_ratings(IN level decimal(3,1)) MODIFIES SQL DATA
    UPDATE authors SET rating = level;
CREATE SEQUENCE invoice_numbers;
CREATE TABLE migrata_history (x int);
""",
}

_FK = dict(ref_table="authors", ref_columns=("id",), name="fk_books_author",
           on_delete="SET NULL", on_update="CASCADE")  # fmt: skip

EXPECTED_TABLES = {
    "sqlite": (
        Table(
            "authors",
            (
                col("id", "integer", False, identity=True),
                col("name", "varchar(50)", False, collation="NOCASE"),
                col("email", "text", False),
                col("rating", "numeric(3,1)", default="0"),
                col("joined", "date", default="CURRENT_DATE"),
            ),
            primary_key=PrimaryKey(("id",)),
            uniques=(UniqueConstraint(("email",), "uq_authors_email"),),
            checks=(CheckConstraint("rating between 0 and 5", "ck_authors_rating"),),
        ),
        Table(
            "books",
            (
                col("isbn", "char(13)", False),
                col("edition", "integer", False, default="1"),
                col("author_id", "integer"),
                col("title", "text", False),
                col("price", "real"),
                col("doubled", "integer"),
            ),
            primary_key=PrimaryKey(("isbn", "edition"), "pk_books"),
            indexes=(
                Index(
                    "ix_books_title", ("lower(title)", "edition DESC"), where="price is not null"
                ),
                Index("ux_books_title", ("title",), unique=True),
            ),
            checks=(CheckConstraint("price > 0"),),
            foreign_keys=(ForeignKey(("author_id",), **_FK),),  # type: ignore[arg-type]
        ),
    ),
    "postgresql": (
        Table(
            "authors",
            (
                col("id", "integer", False, identity=True),  # serial = identity
                col("name", "varchar(50)", False, collation="C"),
                col("email", "text", False, comment="where to write"),
                col("rating", "numeric(3,1)", default="0"),
                col("feeling", "mood", False, default="'ok'"),
                col("joined", "timestamp with time zone", default="CURRENT_TIMESTAMP"),
            ),
            primary_key=PrimaryKey(("id",), "authors_pkey"),
            uniques=(UniqueConstraint(("email",), "uq_authors_email"),),
            checks=(
                CheckConstraint(
                    "rating >= 0::numeric AND rating <= 5::numeric", "ck_authors_rating"
                ),
            ),
            comment="who writes",
        ),
        Table(
            "books",
            (
                col("isbn", "char(13)", False),
                col("edition", "integer", False, default="1"),
                col("author_id", "integer"),
                col("title", "text", False),
                col("price", "double precision"),
                col("tags", "text[]", default="'{}'"),
                col("doubled", "integer"),
                col("invoice", "bigint", default="nextval('invoice_numbers'::regclass)"),
            ),
            primary_key=PrimaryKey(("isbn", "edition"), "pk_books"),
            indexes=(
                Index(
                    "ix_books_title", ("lower(title)", "edition DESC"), where="price IS NOT NULL"
                ),
                Index("ux_books_title", ("title",), unique=True),
            ),
            checks=(CheckConstraint("price > 0::double precision", "books_price_check"),),
            foreign_keys=(ForeignKey(("author_id",), **_FK),),  # type: ignore[arg-type]
        ),
    ),
    "mariadb": (
        Table(
            "authors",
            (
                col("id", "integer", False, identity=True),
                col("name", "varchar(50)", False, collation="utf8mb4_bin"),
                col("email", "varchar(200)", False, comment="where to write"),
                col("rating", "numeric(3,1)", default="0"),
                col("feeling", "enum('sad','ok','happy')", False, default="'ok'"),
                col("joined", "timestamp", default="CURRENT_TIMESTAMP"),
            ),
            primary_key=PrimaryKey(("id",), "PRIMARY"),
            uniques=(UniqueConstraint(("email",), "uq_authors_email"),),
            checks=(CheckConstraint("`rating` between 0 and 5", "ck_authors_rating"),),
            comment="who writes",
        ),
        Table(
            "books",
            (
                col("isbn", "char(13)", False),
                col("edition", "integer", False, default="1"),
                col("author_id", "integer"),
                col("title", "varchar(200)", False),
                col("price", "double precision"),
                col("doubled", "integer"),
            ),
            primary_key=PrimaryKey(("isbn", "edition"), "PRIMARY"),
            # (not fk_books_author, the index MariaDB makes for the foreign key)
            indexes=(Index("ix_books_title", ("title(20)", "edition DESC")),),
            uniques=(UniqueConstraint(("title",), "ux_books_title"),),  # one thing in MySQL
            checks=(CheckConstraint("`price` > 0", "price"),),
            foreign_keys=(ForeignKey(("author_id",), **_FK),),  # type: ignore[arg-type]
        ),
    ),
}

EXPECTED_VIEWS = {
    "sqlite": "select title from books where price < 10",
    "postgresql": "SELECT books.title FROM books WHERE books.price < 10::double precision",
    "mariadb": "select `books`.`title` AS `title` from `books` where `books`.`price` < 10",
}

EXPECTED_TRIGGERS = {
    "sqlite": "create trigger trg_books after insert on books begin update authors set rating = "
    "rating where id = new.author_id; end",
    "postgresql": "CREATE TRIGGER trg_books BEFORE INSERT ON books FOR EACH ROW EXECUTE FUNCTION "
    "touch()",
    "mariadb": "CREATE TRIGGER `trg_books` BEFORE INSERT ON `books` FOR EACH ROW "
    "SET NEW.title = TRIM(NEW.title)",
}

EXPECTED_ROUTINES = {
    "sqlite": (),
    "postgresql": (
        Routine("reset_ratings", "procedure", "IN level numeric",
                "CREATE OR REPLACE PROCEDURE public.reset_ratings(IN level numeric)\n"
                " LANGUAGE sql\nAS $procedure$UPDATE authors SET rating = level$procedure$"),
        Routine("touch", "function", "",
                "CREATE OR REPLACE FUNCTION public.touch()\n RETURNS trigger\n LANGUAGE plpgsql\n"
                "AS $function$BEGIN RETURN NEW; END$function$"),
    ),
    "mariadb": (
        Routine("add_one", "function", "x integer",
                "CREATE FUNCTION `add_one`(x integer) RETURNS integer DETERMINISTIC RETURN x + 1"),
        Routine("reset_ratings", "procedure", "IN level numeric(3,1)",
                "CREATE PROCEDURE `reset_ratings`(IN level numeric(3,1)) MODIFIES SQL DATA "
                "UPDATE authors SET rating = level"),
    ),
}  # fmt: skip

EXPECTED_UNSUPPORTED = {
    "sqlite": {"column books.doubled: generated (VIRTUAL) column is not modelled"},
    "postgresql": {
        "column books.doubled: GENERATED ALWAYS AS ((edition * 2)) STORED is not modelled",
        "domain positive: not modelled",
        "materialized view book_count: materialized views are not modelled",
        "schema elsewhere: only the default schema is reflected",
    },
    "mariadb": {
        "column books.doubled: generated AS (`edition` * 2) is not modelled",
        "sequence invoice_numbers: MariaDB sequences are not modelled",
    },
}


def test_rich_schema_gives_exact_model_values(db: TestDatabase) -> None:
    run_script(db, RICH[db.dialect])
    schema = reflect(db)
    assert schema.dialect == db.dialect
    assert schema.tables == EXPECTED_TABLES[db.dialect]
    assert schema.views == (View("cheap_books", EXPECTED_VIEWS[db.dialect]),)
    assert schema.triggers == (Trigger("trg_books", "books", EXPECTED_TRIGGERS[db.dialect]),)
    assert schema.routines == EXPECTED_ROUTINES[db.dialect]
    assert set(schema.unsupported) == EXPECTED_UNSUPPORTED[db.dialect]
    if db.dialect == "postgresql":
        assert schema.enums == (Enum("mood", ("sad", "ok", "happy")),)
        assert schema.sequences == (Sequence("invoice_numbers", 1000, 10),)  # not authors_id_seq
    else:
        assert (schema.enums, schema.sequences) == ((), ())


def test_the_index_a_server_makes_for_a_foreign_key_is_left_out(db: TestDatabase) -> None:
    """MariaDB makes one (named after the key, or after its column when the key has none, and
    handed on to the last key added over the same columns); the schema holds only ours."""
    run_script(db, """
        CREATE TABLE p (id integer PRIMARY KEY, code integer NOT NULL UNIQUE);
        CREATE TABLE c (a integer, b integer, d integer,
            CONSTRAINT fk_a FOREIGN KEY (a) REFERENCES p (id),
            CONSTRAINT fk_a2 FOREIGN KEY (a) REFERENCES p (id),
            FOREIGN KEY (b) REFERENCES p (code),
            CONSTRAINT fk_d FOREIGN KEY (d) REFERENCES p (id));
        CREATE INDEX ix_d ON c (d, b);
    """)  # fmt: skip
    table = reflect(db).table("c")
    assert table is not None
    assert table.indexes == (Index("ix_d", ("d", "b")),)
    assert len(table.foreign_keys) == 4


def test_foreign_keys_over_the_same_columns_keep_their_own_names(db: TestDatabase) -> None:
    """Keys over the same columns to the same table each keep their name and actions (SQLite's
    pragma lists them last declared first; its names come from the CREATE statement)."""
    run_script(db, """
        CREATE TABLE p (id integer PRIMARY KEY);
        CREATE TABLE c (a integer,
            CONSTRAINT fk_a FOREIGN KEY (a) REFERENCES p (id) ON DELETE CASCADE,
            CONSTRAINT fk_a2 FOREIGN KEY (a) REFERENCES p (id),
            CONSTRAINT fk_a3 FOREIGN KEY (a) REFERENCES p (id) ON UPDATE CASCADE);
    """)  # fmt: skip
    table = reflect(db).table("c")
    assert table is not None
    assert set(table.foreign_keys) == {
        ForeignKey(("a",), "p", ("id",), "fk_a", on_delete="CASCADE"),
        ForeignKey(("a",), "p", ("id",), "fk_a2"),
        ForeignKey(("a",), "p", ("id",), "fk_a3", on_update="CASCADE"),
    }


def test_exclude_leaves_tables_and_their_triggers_out(db: TestDatabase) -> None:
    run_script(db, RICH[db.dialect])
    schema = reflect(db, exclude=("books", "migrata_history"))
    assert [t.name for t in schema.tables] == ["authors"]
    assert schema.triggers == ()
    assert reflect(db, exclude=()).table("migrata_history") is not None


SQLITE_TABLE_OPTIONS = """
CREATE TABLE plain (id INTEGER PRIMARY KEY, n TEXT);
CREATE TABLE s (id INTEGER PRIMARY KEY, n INT) STRICT;
CREATE TABLE w (id INTEGER PRIMARY KEY, n TEXT) without  rowid;
CREATE TABLE sw (k TEXT PRIMARY KEY, n ANY) WITHOUT ROWID, /* either order */ STRICT;
CREATE TABLE "strict" (k TEXT PRIMARY KEY, "without rowid" INT) Strict,Without Rowid;
"""


def test_sqlite_table_options_are_read(db: TestDatabase) -> None:
    """STRICT and WITHOUT ROWID, however spelled, as ``PRAGMA table_list`` tells them; they are
    modelled, so they are no longer noted as not modelled."""
    if db.dialect != "sqlite":
        pytest.skip("SQLite's table options")
    run_script(db, SQLITE_TABLE_OPTIONS)
    schema = reflect(db)
    options = {t.name: t.options for t in schema.tables}
    assert options == {
        "plain": TableOptions(), "s": TableOptions(strict=True),
        "w": TableOptions(without_rowid=True), "sw": TableOptions(True, True),
        "strict": TableOptions(True, True),
    }  # fmt: skip
    with db.engine.connect() as conn:
        listed = conn.exec_driver_sql(
            "SELECT name, strict, wr FROM pragma_table_list WHERE schema = 'main' "
            "AND type = 'table' AND name NOT LIKE 'sqlite%'"
        ).fetchall()
    assert {name: TableOptions(bool(strict), bool(wr)) for name, strict, wr in listed} == options
    assert schema.unsupported == ()
    # Only in a table with a rowid is INTEGER PRIMARY KEY its alias, numbering new rows.
    identities = {t.name: t.columns[0].identity for t in schema.tables if t.name in ("s", "w")}
    assert identities == {"s": True, "w": False}


SQLITE_VIRTUAL = {
    "fts5": "CREATE VIRTUAL TABLE docs_fts USING fts5(body)",
    "fts4": "create virtual table notes_idx using FTS4(title, body)",
    "rtree": "CREATE VIRTUAL TABLE places USING rtree(id, minx, maxx)",
}


def test_sqlite_shadow_tables_of_virtual_tables_are_not_tables(db: TestDatabase) -> None:
    """A full-text or R-tree index keeps its data in shadow tables; seen as tables, a diff
    against a schema without them would drop them."""
    if db.dialect != "sqlite":
        pytest.skip("SQLite's virtual tables")
    run_script(db, "CREATE TABLE docs (id INTEGER PRIMARY KEY, body TEXT);")
    for sql in SQLITE_VIRTUAL.values():
        run_script(db, sql + ";")
    schema = reflect(db)
    assert [t.name for t in schema.tables] == ["docs"]
    assert sorted(schema.unsupported) == [
        f"virtual table {name}: virtual tables are not modelled"
        for name in ("docs_fts", "notes_idx", "places")
    ]
    # Before SQLite 3.37 the shadow tables are known by module; that must match what
    # pragma_table_list says on this SQLite.
    with db.engine.connect() as conn:
        listed = conn.exec_driver_sql(
            "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'shadow'"
        ).fetchall()
        virtual = conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL%'"
        ).fetchall()
    assert shadow_tables_by_module([tuple(row) for row in virtual]) == {name for (name,) in listed}
    assert len(listed) == 13  # fts5: 5, fts4: 5, rtree: 3


PG_KEYS = """
CREATE TABLE "Parent" ("Id" int PRIMARY KEY, code text, CONSTRAINT uq_code UNIQUE (code) INCLUDE ("Id"));
CREATE TABLE child (
    id int PRIMARY KEY,
    "Parent" int,
    other int,
    code text,
    CONSTRAINT fk_parent FOREIGN KEY ("Parent") REFERENCES "Parent" ("Id")
        ON DELETE SET NULL ("Parent"),
    CONSTRAINT fk_other FOREIGN KEY (other, id) REFERENCES child (id, other)
        ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT uq_other UNIQUE (other, id)
);
CREATE INDEX ix_child_mixed ON child (lower(code) DESC NULLS LAST, other NULLS FIRST, id DESC);
CREATE INDEX ix_child_include ON child (other) INCLUDE (code);
"""


def test_postgresql_keys_and_indexes_are_read_from_the_catalog(db: TestDatabase) -> None:
    """Column numbers of keys and indexes become the names as stored (quoted, mixed case), and
    what is not modelled is noted."""
    if db.dialect != "postgresql":
        pytest.skip("PostgreSQL catalog details")
    run_script(db, PG_KEYS)
    schema = reflect(db)
    child = schema.table("child")
    assert child is not None
    assert child.foreign_keys == (
        ForeignKey(("other", "id"), "child", ("id", "other"), "fk_other", None, "CASCADE"),
        ForeignKey(("Parent",), "Parent", ("Id",), "fk_parent", 'SET NULL ("Parent")'),
    )
    assert child.uniques == (UniqueConstraint(("other", "id"), "uq_other"),)
    assert child.indexes == (
        Index("ix_child_include", ("other",)),
        Index("ix_child_mixed", ("lower(code) DESC NULLS LAST", "other NULLS FIRST", "id DESC")),
    )
    assert set(schema.unsupported) == {
        "constraint Parent.uq_code: INCLUDE is not modelled",
        "constraint child.fk_other: DEFERRABLE True, INITIALLY DEFERRED not modelled",
        "index ix_child_include: INCLUDE ['code'] is not modelled",
    }

# -- the same schema reached two ways ------------------------------------------------------


def make_metadata() -> sa.MetaData:
    """Tables as an application declares them with SQLAlchemy."""
    metadata = sa.MetaData()
    users = sa.Table(
        "users",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("email", sa.String(100), nullable=False, unique=True),
        sa.Column("name", sa.Text),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("balance", sa.Numeric(10, 2), nullable=False, server_default=sa.text("0")),
        sa.Column("born", sa.Date),
        sa.Column("created_at", sa.TIMESTAMP, nullable=False,
                  server_default=sa.func.current_timestamp()),
        sa.Column("visits", sa.BigInteger, nullable=False, server_default="0"),
        sa.CheckConstraint("balance >= 0", name="ck_users_balance"),
    )  # fmt: skip
    sa.Index("ix_users_born", users.c.born)
    posts = sa.Table(
        "posts",
        metadata,
        sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("title", sa.String(200), nullable=False, server_default="untitled"),
        sa.Column("body", sa.Text),
        sa.UniqueConstraint("user_id", "title", name="uq_posts_user_title"),
    )  # fmt: skip
    sa.Index("ix_posts_title", posts.c.title)
    return metadata


# The same tables as a DBA writes them by hand, with each database's own spellings.
USERS_SQL = {
    "0001_users.sql": """
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email varchar(100) NOT NULL UNIQUE,
    name text,
    active boolean NOT NULL DEFAULT TRUE,
    balance numeric(10,2) NOT NULL DEFAULT (0),
    born date,
    created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
    visits bigint NOT NULL DEFAULT 0,
    CONSTRAINT ck_users_balance CHECK (balance >= 0)
);
CREATE INDEX ix_users_born ON users (born);
""",
    "0001_users.postgresql.sql": """
CREATE TABLE users (
    id int4 GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    email character varying(100) NOT NULL UNIQUE,
    name text,
    active bool NOT NULL DEFAULT TRUE,
    balance decimal(10, 2) NOT NULL DEFAULT 0,
    born date,
    created_at timestamp without time zone NOT NULL DEFAULT now(),
    visits int8 NOT NULL DEFAULT 0,
    CONSTRAINT ck_users_balance CHECK (balance >= 0)
);
CREATE INDEX ix_users_born ON users (born);
""",
    "0001_users.mysql.sql": """
CREATE TABLE users (
    id int(11) NOT NULL AUTO_INCREMENT PRIMARY KEY,
    email varchar(100) NOT NULL UNIQUE,
    name text,
    active tinyint(1) NOT NULL DEFAULT 1,
    balance decimal(10,2) NOT NULL DEFAULT 0.00,
    born date,
    created_at timestamp NOT NULL DEFAULT current_timestamp(),
    visits bigint(20) NOT NULL DEFAULT 0,
    CONSTRAINT ck_users_balance CHECK (balance >= 0)
);
CREATE INDEX ix_users_born ON users (born);
""",
    "0002_posts.sql": """
CREATE TABLE posts (
    id BIGINT NOT NULL PRIMARY KEY,
    user_id INTEGER NOT NULL,
    title VARCHAR(200) NOT NULL DEFAULT 'untitled',
    body TEXT,
    CONSTRAINT uq_posts_user_title UNIQUE (user_id, title),
    FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX ix_posts_title ON posts (title);
""",
}


def write_migrations(project: Project) -> None:
    for name, sql in USERS_SQL.items():
        project.write(name, sql)


def test_metadata_and_hand_written_sql_reflect_equal(db: TestDatabase, project: Project) -> None:
    metadata = make_metadata()
    metadata.create_all(db.engine)
    from_models = reflect(db)
    metadata.drop_all(db.engine)
    write_migrations(project)
    with project.migrator(db.url) as migrator:
        migrator.apply()
    from_sql = reflect(db)
    assert from_sql == from_models
    users = from_sql.table("users")
    assert users is not None
    assert users.column("id") == Column("id", "integer", nullable=False, identity=True)
    assert users.column("active") == Column("active", "boolean", nullable=False, default="true")
    assert users.column("balance") == Column("balance", "numeric(10,2)", False, default="0")
    assert users.column("created_at") == Column("created_at", "timestamp", False,
                                                default="CURRENT_TIMESTAMP")  # fmt: skip
    posts = from_sql.table("posts")
    assert posts is not None and posts.foreign_keys[0].on_delete == "CASCADE"


# -- bulk: the number of catalog queries does not depend on the number of tables ----------


@contextmanager
def counted(engine: sa.Engine) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(conn: object, cursor: object, statement: str, *args: object) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


class CountingConnection:
    """A DB-API connection whose cursors record what they execute (the PostgreSQL and MySQL
    readers bypass SQLAlchemy, so its cursor events would see nothing)."""

    def __init__(self, conn: Any, statements: list[str]) -> None:
        self._conn, self._statements = conn, statements

    def cursor(self) -> Any:
        cursor, statements = self._conn.cursor(), self._statements

        class Cursor:
            def execute(self, sql: str, *args: Any) -> Any:
                statements.append(sql)
                return cursor.execute(sql, *args)

            def __getattr__(self, name: str) -> Any:
                return getattr(cursor, name)

        return Cursor()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


def add_tables(db: TestDatabase, start: int, stop: int) -> None:
    for i in range(start, stop):
        db.execute(
            f"CREATE TABLE t{i} (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(50) NOT NULL UNIQUE,"
            f" parent INTEGER, amount INTEGER DEFAULT 0 CHECK (amount >= 0),"
            f" FOREIGN KEY (parent) REFERENCES t{i} (id))"
        )
        db.execute(f"CREATE INDEX ix_t{i} ON t{i} (amount)")


def queries_to_reflect(db: TestDatabase) -> int:
    with db.engine.connect() as conn:  # connect first: a new pool asks the server things once
        conn.exec_driver_sql("SELECT 1")
        dialect = get_dialect(conn)
        if reads_plain(dialect):
            statements: list[str] = []
            raw = CountingConnection(conn.connection.dbapi_connection, statements)
            schema = reflect_plain(raw, dialect)
            with counted(db.engine) as through_sqlalchemy:
                assert reflect_schema(conn) == schema
            assert through_sqlalchemy == []  # the same reader, on the driver's connection
        else:
            with counted(db.engine) as statements:
                schema = reflect_schema(conn)
    assert all(t.foreign_keys and t.uniques and t.checks and t.indexes for t in schema.tables)
    return len(statements)


def test_query_count_does_not_grow_with_tables(db: TestDatabase) -> None:
    add_tables(db, 0, 5)
    first = queries_to_reflect(db)
    five = queries_to_reflect(db)
    add_tables(db, 5, 50)
    fifty = queries_to_reflect(db)
    print(f"\n{db.dialect}: {five} queries for 5 tables ({first} cold), {fifty} for 50")
    assert fifty == five == first  # nothing is looked up once and cached
    assert five < 20
