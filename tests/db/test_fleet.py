"""Many databases at once (Carol, seeds/002): one command, every site, failures kept apart."""

from __future__ import annotations

import json
from contextlib import ExitStack
from pathlib import Path

from tests.conftest import fresh_database

SITES = ["mariadb"] * 3 + ["postgresql"] * 4


def _carol_project(root: Path, urls: list[str]) -> None:
    migrations = root / "migrations"
    migrations.mkdir(parents=True, exist_ok=True)
    (migrations / "0001_reporter.sql").write_text(
        "CREATE TABLE reporter (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL);"
    )
    (migrations / "0002_article.mysql.sql").write_text(
        "CREATE TABLE article (id INTEGER PRIMARY KEY AUTO_INCREMENT, reporter_id INTEGER,"
        " kind VARCHAR(20), title TEXT) ENGINE=InnoDB;"
    )
    (migrations / "0002_article.postgresql.sql").write_text(
        "CREATE TABLE article (id SERIAL PRIMARY KEY, reporter_id INTEGER,"
        " kind VARCHAR(20), title TEXT);"
    )
    (migrations / "0003_obituary.sql").write_text(
        "CREATE TABLE obituary (article_id INTEGER PRIMARY KEY);"
    )
    (migrations / "0004_move.py").write_text(
        "def upgrade(ctx):\n"
        "    ctx.execute(\"INSERT INTO reporter VALUES (1, 'Carol')\")\n"
        "    ctx.execute(\"INSERT INTO article (reporter_id, kind, title) VALUES (1, 'obit', 'x')\")\n"
        "    ctx.execute(\"INSERT INTO obituary SELECT id FROM article WHERE kind = 'obit'\")\n"
    )
    lines = ['migrations = "migrations"\n']
    for i, url in enumerate(urls):
        lines.append(f'[databases.site-{i}]\nurl = "{url}"\n')
    lines.append("[groups]\nmysql = [" + ", ".join(f'"site-{i}"' for i in range(3)) + "]\n")
    (root / "migrata.toml").write_text("".join(lines))


def test_carol_applies_seven_sites_at_once_and_one_failure_stays_apart(tmp_path, cli, project) -> None:  # type: ignore[no-untyped-def]
    with ExitStack() as stack:
        dbs = [
            stack.enter_context(fresh_database(dialect, tmp_path / f"site{i}"))
            for i, dialect in enumerate(SITES)
        ]
        _carol_project(project.root, [d.url for d in dbs])
        # site-1 already has a table that 0003 creates: it must fail there, half-way.
        dbs[1].execute("CREATE TABLE obituary (article_id INTEGER PRIMARY KEY)")
        result = cli("apply", "--all", "--json")
        assert result.code == 3, (result.out, result.err)
        summary = {d["name"]: d for d in json.loads(result.out)["databases"]}
        assert [summary[f"site-{i}"]["result"] for i in range(7)] == ["ok", "failed"] + ["ok"] * 5
        assert "0003_obituary" in summary["site-1"]["error"]
        for i, database in enumerate(dbs):
            history = database.history()
            if i == 1:
                assert {k: v["state"] for k, v in history.items()} == {
                    "0001_reporter": "applied", "0002_article": "applied", "0003_obituary": "failed",
                }  # fmt: skip
                assert history["0003_obituary"]["statements_done"] == 0
            else:
                assert set(history) == {"0001_reporter", "0002_article", "0003_obituary", "0004_move"}
                assert database.query("SELECT article_id FROM obituary") == [(1,)]
        assert summary["site-0"]["applied_before"] == 0 and summary["site-0"]["applied_after"] == 4
        status = cli("status", "--group", "mysql", "--check")
        assert status.code == 1 and "site-1" in status.out


def test_a_fleet_with_a_broken_url_source_runs_the_others(tmp_path, cli, project) -> None:  # type: ignore[no-untyped-def]
    with fresh_database("sqlite", tmp_path) as good:
        (project.root / "migrata.toml").write_text(
            f'[databases.good]\nurl = "{good.url}"\n[databases.bad]\nurl-env = "NOPE_NOT_SET"\n'
        )
        project.write("0001_a.sql", "CREATE TABLE a (x INTEGER);")
        result = cli("apply", "--database", "good", "--database", "bad", "--fail-fast")
        assert result.code == 2
        assert "bad: database 'bad': the environment variable NOPE_NOT_SET is not set" in result.err
        assert good.user_tables() == {"a"}
