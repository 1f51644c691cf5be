"""diff, autogenerate, adopt and verify from the command line, on every database."""

from __future__ import annotations

import json

from migrata.cli.prompts import InteractiveQuestioner

TICKET = (
    "CREATE TABLE ticket (id INTEGER PRIMARY KEY, reporter VARCHAR(50), owner VARCHAR(50),"
    " stat INTEGER NOT NULL, description2 TEXT);\n"
)
TICKET_AFTER = (
    "CREATE TABLE ticket (id INTEGER PRIMARY KEY, reporter VARCHAR(50), status INTEGER NOT NULL,"
    " description2 TEXT, description TEXT);\n"
)


def _ticket_project(project, db) -> None:  # type: ignore[no-untyped-def]
    project.write("0001_ticket.sql", TICKET)
    project.write("0001_ticket.down.sql", "DROP TABLE ticket;")
    (project.root / "after.sql").write_text(TICKET_AFTER)
    (project.root / "migrata.toml").write_text(f'url = "{db.url}"\n')


def test_autogenerate_without_input_names_the_flag_then_writes_the_ticket_change(db, project, cli) -> None:  # type: ignore[no-untyped-def]
    _ticket_project(project, db)
    assert cli("apply").code == 0
    db.execute("INSERT INTO ticket (id, reporter, owner, stat) VALUES (1, 'ben', 'alice', 2)")
    refused = cli("autogenerate", "ticket status", "--from", "after.sql", "--no-input",
                  "--rename", "ticket.stat=status")
    assert refused.code == 2 and "--allow-data-loss" in refused.err and "ticket.owner" in refused.err
    assert not list(project.migrations.glob("0002*"))
    done = cli("autogenerate", "ticket status", "--from", "after.sql", "--no-input",
               "--rename", "ticket.stat=status", "--allow-data-loss")
    assert done.code == 0, done.err
    up = (project.migrations / "0002_ticket_status.sql").read_text()
    assert "RENAME COLUMN stat TO status" in up and "-- irreversible: column ticket.owner" in up
    assert cli("apply").code == 0
    assert db.query("SELECT id, status FROM ticket") == [(1, 2)]
    assert cli("diff", "--from", "database", "--against", "after.sql").code == 0
    again = cli("autogenerate", "nothing", "--from", "after.sql", "--no-input")
    assert again.code == 0 and "no changes" in again.out


def test_diff_reports_drift_and_exits_1(db, project, cli) -> None:  # type: ignore[no-untyped-def]
    _ticket_project(project, db)
    assert cli("apply").code == 0
    assert cli("diff").code == 0
    db.execute("CREATE INDEX by_owner ON ticket (owner)")
    drift = cli("diff", "--json")
    assert drift.code == 1
    operations = json.loads(drift.out)["operations"]
    assert [op["op"] for op in operations] == ["CreateIndex"]
    assert "by_owner" in drift.out


GENERATED = {
    "sqlite": "CREATE TABLE gen (x INTEGER, y INTEGER GENERATED ALWAYS AS (x * 2) VIRTUAL)",
    "postgresql": "CREATE TABLE gen (x INTEGER, y INTEGER GENERATED ALWAYS AS (x * 2) STORED)",
    "mariadb": "CREATE TABLE gen (x INTEGER, y INTEGER AS (x * 2) VIRTUAL)",
}


def test_what_is_not_modelled_is_reported_not_hidden(db, project, cli) -> None:  # type: ignore[no-untyped-def]
    _ticket_project(project, db)
    assert cli("apply").code == 0
    db.execute(GENERATED[db.dialect])  # a generated column: reflected, but not modelled
    text = cli("diff")
    assert text.code == 1 and "CreateTable gen" in text.out
    assert "not compared (1, not modelled):" in text.err
    assert "database: column gen.y: " in text.err and "generated" in text.err.lower()
    as_json = json.loads(cli("diff", "--json").out)
    assert [item.split(":")[0] for item in as_json["not_modelled"]] == ["database"]
    assert "gen.y" in as_json["not_modelled"][0]
    sql = cli("diff", "--sql")  # the script on stdout stays a script
    assert "not compared" not in sql.out and "gen.y" in sql.err
    project.write("0002_gen.sql", GENERATED[db.dialect] + ";")
    project.write("0002_gen.down.sql", "DROP TABLE gen;")
    verified = cli("verify")  # what verify cannot compare, it says too
    assert verified.code == 0 and "migrations: column gen.y: " in verified.err
    generated = cli("autogenerate", "gen", "--from", "database", "--no-input")  # and autogenerate
    assert generated.code == 0 and "no changes" in generated.out
    assert "migrations: column gen.y: " in generated.err and "database: column gen.y: " in generated.err


def test_adopt_says_what_it_could_not_compare(db, project, cli) -> None:  # type: ignore[no-untyped-def]
    _ticket_project(project, db)
    project.write("0002_gen.sql", GENERATED[db.dialect] + ";")
    db.execute(TICKET.rstrip().rstrip(";"))
    db.execute(GENERATED[db.dialect])
    result = cli("adopt", "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["recorded"] == ["0001_ticket", "0002_gen"]
    assert sorted(item.split(":")[0] for item in data["not_modelled"]) == ["database", "migrations"]
    assert all("gen.y" in item for item in data["not_modelled"])


def test_adopt_records_what_the_database_already_has(db, project, cli) -> None:  # type: ignore[no-untyped-def]
    _ticket_project(project, db)
    project.write("0002_tags.sql", "CREATE TABLE tags (id INTEGER PRIMARY KEY);")
    project.write("0003_more.sql", "CREATE TABLE more_ (id INTEGER PRIMARY KEY);")
    db.execute(TICKET.rstrip().rstrip(";"))
    db.execute("CREATE TABLE tags (id INTEGER PRIMARY KEY)")
    result = cli("adopt", "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["recorded"] == ["0001_ticket", "0002_tags"]
    assert data["first_mismatch"] == "0003_more" and any("more_" in w for w in data["why"])
    assert set(db.history()) == {"0001_ticket", "0002_tags"}
    assert cli("apply").code == 0 and "more_" in db.user_tables()


def test_verify_finds_a_down_that_does_not_undo(db, project, cli) -> None:  # type: ignore[no-untyped-def]
    _ticket_project(project, db)
    project.write("0002_tags.sql", "CREATE TABLE tags (id INTEGER PRIMARY KEY);")
    project.write("0002_tags.down.sql", "SELECT 1;")
    result = cli("verify")
    assert result.code == 1 and "0002_tags does not verify" in result.err and "tags" in result.err
    project.write("0002_tags.down.sql", "DROP TABLE tags;")
    ok = cli("verify", "--against", "migrations")
    assert ok.code == 0 and "verified 2 migration(s)" in ok.out
    assert db.user_tables() == set()  # verify never touches the live database


def test_the_rename_menu_of_seeds_002() -> None:
    from migrata.schema.model import Column

    replies = iter(["y", "1, 3", "n", "delete"])
    said: list[str] = []
    asked: list[str] = []

    def ask(prompt: str) -> str:
        asked.append(prompt)
        return next(replies)

    q = InteractiveQuestioner({}, ask=ask, say=said.append)
    removed = [Column("stat", "integer", False), Column("owner", "varchar(50)")]
    added = [Column("status", "integer", False), Column("description", "text")]
    assert q.ask_rename_column("ticket", removed, added) == [("stat", "status")]
    assert said[1] == (
        "The following fields are new:\n\t1 status\n\t2 description\n"
        "The following fields are not present any longer:\n\t3 stat\n\t4 owner"
    )
    assert asked[:3] == ["Are any of these fields a rename? [y/N] ", "Which pair is coupled? ",
                         "Are any of these fields a rename? [y/N] "]
    assert said[2] == (
        "The following fields are new:\n\t1 description\n"
        "The following fields are not present any longer:\n\t2 owner"
    )


def test_autogenerate_writes_a_variant_per_dialect_for_carols_sites(tmp_path, project, cli) -> None:  # type: ignore[no-untyped-def]
    from contextlib import ExitStack

    from tests.conftest import fresh_database

    with ExitStack() as stack:
        sites = {d: stack.enter_context(fresh_database(d, tmp_path / d)) for d in ("postgresql", "mariadb")}
        (project.root / "migrata.toml").write_text(
            "".join(f'[databases.{d}]\nurl = "{db.url}"\n' for d, db in sites.items())
        )
        project.write("0001_ticket.sql", TICKET)
        (project.root / "after.sql").write_text(TICKET_AFTER)
        assert cli("apply", "--all").code == 0
        result = cli("--database", "postgresql", "autogenerate", "ticket status", "--from", "after.sql",
                     "--dialect", "postgresql", "--dialect", "mariadb", "--no-input",
                     "--rename", "ticket.stat=status", "--allow-data-loss")
        assert result.code == 0, result.err
        written = sorted(p.name for p in project.migrations.glob("0002*"))
        assert written == [
            "0002_ticket_status.mysql.down.sql", "0002_ticket_status.mysql.sql",
            "0002_ticket_status.postgresql.down.sql", "0002_ticket_status.postgresql.sql",
        ]
        assert cli("apply", "--all").code == 0
        for db in sites.values():
            assert cli("--url", db.url, "diff", "--from", "database", "--against", "after.sql").code == 0
        missing = cli("--database", "postgresql", "autogenerate", "x", "--from", "after.sql",
                      "--dialect", "sqlite", "--no-input")
        assert missing.code == 2 and "names no sqlite database" in missing.err
