"""migrata.contrib.django on SQLite, PostgreSQL and MariaDB, with a real Django project.

The project (tests/contrib/djangoproject: Alice's Entry, Ben's Ticket, an M2M table) is set up
once in this process, as Django settings are process-global; each test points DATABASES and
MIGRATA_MIGRATIONS_DIRECTORY at its own fresh database and folder, and closes every Django
connection afterwards. The `django:` source from a new process, where migrata has to set
Django up itself, is tested in a subprocess.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url

pytest.importorskip("django")

PROJECT = Path(__file__).resolve().parent / "djangoproject"
SETTINGS = "mysite.settings"
ENGINES = {
    "sqlite": "django.db.backends.sqlite3",
    "postgresql": "django.db.backends.postgresql",
    "mysql": "django.db.backends.mysql",
    "mariadb": "django.db.backends.mysql",
}


def django_entry(url: str, **overrides: Any) -> dict[str, Any]:
    """The DATABASES entry a Django user would write for the test database at *url*."""
    parts = make_url(url)
    backend = parts.get_backend_name()
    if backend == "sqlite":
        return {"ENGINE": ENGINES["sqlite"], "NAME": parts.database, **overrides}
    return {
        "ENGINE": ENGINES[backend], "NAME": parts.database, "USER": parts.username or "",
        "PASSWORD": parts.password or "", "HOST": parts.host or "", "PORT": str(parts.port or ""),
        **overrides,
    }  # fmt: skip


@pytest.fixture(scope="module")
def django_project() -> None:
    """Django set up from the test project, once for this process."""
    import django
    from django.conf import settings

    if str(PROJECT) not in sys.path:
        sys.path.insert(0, str(PROJECT))
    if not settings.configured:
        previous = os.environ.get("DJANGO_SETTINGS_MODULE")
        os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
        try:
            settings.INSTALLED_APPS  # noqa: B018  (reading a setting configures them)
        finally:
            if previous is None:
                os.environ.pop("DJANGO_SETTINGS_MODULE", None)
            else:
                os.environ["DJANGO_SETTINGS_MODULE"] = previous
    assert settings.SETTINGS_MODULE == SETTINGS
    django.setup()


def use_databases(databases: dict[str, dict[str, Any]]) -> None:
    """Point Django at *databases*, closing and forgetting every connection it had."""
    from django.conf import settings
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        connection.close()
        del connections[connection.alias]
    settings.DATABASES = databases
    connections.settings = connections.configure_settings(databases)


_INITIAL: dict[str, str] = {}


@dataclass
class Site:
    """A fresh database as DATABASES["default"], and a migrations folder for it."""

    db: Any
    migrations: Path
    settings: dict[str, Any] = field(default_factory=dict)

    def write(self, name: str, text: str) -> Path:
        path = self.migrations / name
        path.write_text(text, encoding="utf-8")
        return path

    def command(self, name: str, *args: str) -> tuple[str, str]:
        """Run a management command; (stdout, stderr). Errors raise CommandError."""
        from django.core.management import call_command

        out, err = io.StringIO(), io.StringIO()
        call_command(name, *args, stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()

    def fails(self, name: str, *args: str) -> Any:
        from django.core.management.base import CommandError

        with pytest.raises(CommandError) as caught:
            self.command(name, *args)
        return caught.value

    def create_initial(self) -> str:
        """Alice's first migration: the SQL --create prints for an empty database (the same
        for every test of a dialect, so it is made once; its own test checks it)."""
        sql = _INITIAL.get(self.db.dialect)
        if sql is None:
            sql = _INITIAL[self.db.dialect] = self.command("upgradedb", "--create")[0]
        self.write("0001_initial.sql", sql)
        return sql

    def state(self) -> dict[str, str]:
        table = self.settings.get("table", "migrata_history")
        return dict(self.db.query(f"SELECT name, state FROM {table}"))


@pytest.fixture
def site(django_project: None, db: Any, tmp_path: Path) -> Iterator[Site]:
    from django.conf import settings

    migrations = tmp_path / "migrations"
    migrations.mkdir()
    use_databases({"default": django_entry(db.url)})
    settings.MIGRATA_MIGRATIONS_DIRECTORY = str(migrations)
    settings.MIGRATA = {}
    try:
        yield Site(db, migrations, settings.MIGRATA)
    finally:
        use_databases({})  # close before the database is dropped


ORM_MIGRATION = '''\
from django.db import connection

from blog.models import Entry


def migrate(ctx):
    Entry.objects.create(title="hello", body="written by the ORM")
    # One connection: the row is visible to migrata before anything commits.
    assert ctx.connection.connection.driver_connection is connection.connection
    assert ctx.execute("SELECT count(*) FROM blog_entry").scalar() == 1
'''

FAILING_ORM_MIGRATION = '''\
from blog.models import Entry


def migrate(ctx):
    Entry.objects.create(title="lost", body="rolled back with the migration")
    raise RuntimeError("the data move went wrong")
'''


# -- upgradedb --------------------------------------------------------------------------------


def test_list_execute_and_list_again(site: Site) -> None:
    site.settings["table"] = "nashvegas_migration"  # a MIGRATA setting, as in migrata.toml
    site.create_initial()
    site.write("0002_products.sql", "INSERT INTO tracker_product (name) VALUES ('tracker');\n")
    out, _ = site.command("upgradedb", "--list")
    assert out.splitlines() == ["0001_initial", "0002_products"]
    out, _ = site.command("upgradedb", "--execute")
    assert [line.split()[:2] for line in out.splitlines()] == [
        ["applied", "0001_initial"], ["applied", "0002_products"]
    ]
    assert site.state() == {"0001_initial": "applied", "0002_products": "applied"}
    assert site.db.query("SELECT name FROM tracker_product") == [("tracker",)]
    out, err = site.command("upgradedb", "--list")
    assert out == "" and "No migrations to apply" in err
    out, err = site.command("upgradedb", "--execute")
    assert out == "" and "No migrations to apply" in err


def test_seed_records_up_to_a_migration_without_running_it(site: Site) -> None:
    site.write("0001_a.sql", "CREATE TABLE seeded_a (x INTEGER);\n")
    site.write("0002_b.sql", "CREATE TABLE seeded_b (x INTEGER);\n")
    site.write("0003_c.sql", "CREATE TABLE seeded_c (x INTEGER);\n")
    out, _ = site.command("upgradedb", "--seed", "0002")  # nashvegas: --seed 005
    assert out.splitlines() == ["seeded 0001_a", "seeded 0002_b"]
    assert site.db.user_tables() == set()
    out, _ = site.command("upgradedb", "--list")
    assert out.splitlines() == ["0003_c"]
    site.command("upgradedb", "--execute")
    assert site.db.user_tables() == {"seeded_c"}
    error = site.fails("upgradedb", "--seed", "0009")
    assert "0009" in str(error) and "Traceback" not in str(error)


def test_create_prints_sql_that_leaves_nothing_to_compare(site: Site) -> None:
    sql, _ = site.command("upgradedb", "--create")
    for table in ("blog_entry", "blog_section", "blog_section_entries", "tracker_ticket"):
        assert f"CREATE TABLE {table}" in sql
    assert site.db.user_tables() == set() and not any(site.migrations.iterdir())  # only prints
    site.write("0001_initial.sql", sql)
    site.command("upgradedb", "--execute")
    _, err = site.command("comparedb", "--models")
    assert "No differences" in err
    out, err = site.command("upgradedb", "--create")
    assert out == "" and "already matches the models" in err


def test_create_for_alice_and_ben(site: Site) -> None:
    site.create_initial()
    site.command("upgradedb", "--execute")
    # The database as it was before Alice added pub_date and Ben dropped reporter (by hand:
    # the test project has only the models as they are now).
    site.db.execute("ALTER TABLE blog_entry DROP COLUMN pub_date")
    site.db.execute("ALTER TABLE tracker_ticket ADD reporter VARCHAR(254) NULL")
    site.db.execute("INSERT INTO tracker_product (id, name) VALUES (1, 'p')")
    site.db.execute(
        "INSERT INTO tracker_ticket (owner, status, description, product_id, reporter)"
        " VALUES ('ben@example.com', 1, 'd', 1, 'carol@example.com')"
    )
    error = site.fails("upgradedb", "--create")
    assert "tracker_ticket.reporter" in str(error) and "--allow-data-loss" in str(error)
    sql, _ = site.command("upgradedb", "--create", "--allow-data-loss")
    assert "pub_date" in sql and "reporter" in sql
    site.write("0002_alice_and_ben.sql", sql)
    site.command("upgradedb", "--execute")
    out, err = site.command("upgradedb", "--create")
    assert out == "" and "already matches the models" in err
    assert site.db.query("SELECT owner FROM tracker_ticket") == [("ben@example.com",)]


# -- comparedb --------------------------------------------------------------------------------


def test_comparedb_reports_drift(site: Site) -> None:
    site.create_initial()
    site.command("upgradedb", "--execute")
    _, err = site.command("comparedb")
    assert "No differences" in err
    site.db.execute("CREATE INDEX entry_by_title ON blog_entry (title)")
    out, error = drift(site, "comparedb")
    assert error.returncode == 1 and str(error) == (
        f"1 difference(s) between {site.db.url} and what its applied migrations build"
    )
    assert out == "CreateIndex entry_by_title on blog_entry (title)\n"
    out, _ = drift(site, "comparedb", "--sql")
    assert out == "CREATE INDEX entry_by_title ON blog_entry (title);\n"  # what they lack


def drift(site: Site, *args: str) -> tuple[str, Any]:
    """stdout and the CommandError of a command that finds differences."""
    from django.core.management import call_command
    from django.core.management.base import CommandError

    out = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue(), caught.value


def test_comparedb_models_finds_a_missing_migration(site: Site) -> None:
    site.write("0001_entry.sql", "CREATE TABLE blog_entry (id INTEGER PRIMARY KEY);\n")
    out, error = drift(site, "comparedb", "--models")
    assert "CreateTable tracker_ticket" in out and "AddColumn blog_entry.title" in out
    assert "between what the migrations build and the models" in str(error)


# -- the ORM inside migrations ----------------------------------------------------------------


def test_orm_in_a_migration_runs_on_migratas_connection(site: Site) -> None:
    site.create_initial()
    site.write("0002_first_entry.py", ORM_MIGRATION)
    out, _ = site.command("upgradedb", "--execute")
    assert "applied 0002_first_entry" in out
    assert site.db.query("SELECT title FROM blog_entry") == [("hello",)]
    # comparedb replays the migrations in a scratch database: the ORM writes go there.
    site.command("comparedb")
    assert site.db.query("SELECT count(*) FROM blog_entry") == [(1,)]
    from blog.models import Entry

    assert Entry.objects.get().title == "hello"  # Django's connection works afterwards


@pytest.mark.requires("has_transactional_ddl")
def test_orm_writes_roll_back_with_a_failing_migration(site: Site) -> None:
    site.create_initial()
    site.command("upgradedb", "--execute")
    site.write("0002_move.py", FAILING_ORM_MIGRATION)
    error = site.fails("upgradedb", "--execute")
    assert "0002_move failed" in str(error) and "the data move went wrong" in str(error)
    assert error.returncode == 3
    assert site.db.query("SELECT count(*) FROM blog_entry") == [(0,)]
    assert site.state() == {"0001_initial": "applied"}
    out, _ = site.command("upgradedb", "--list")
    assert out.splitlines() == ["0002_move"]


@pytest.mark.lacks("has_transactional_ddl")
def test_orm_failure_without_transactional_ddl(site: Site) -> None:
    """MariaDB commits what ran before a failure, so that the history tells the truth; ORM
    writes are not statements migrata counts, so they stay, and the migration (recorded as
    failed before any statement) runs again next time. transaction.atomic() is the remedy."""
    site.create_initial()
    site.command("upgradedb", "--execute")
    site.write("0002_move.py", FAILING_ORM_MIGRATION)
    error = site.fails("upgradedb", "--execute")
    assert "0002_move failed" in str(error) and error.returncode == 3
    assert site.state() == {"0001_initial": "applied", "0002_move": "failed"}
    assert site.db.query("SELECT title FROM blog_entry") == [("lost",)]
    out, _ = site.command("upgradedb", "--list")
    assert out.startswith("0002_move  (failed before any statement committed")
    atomic = FAILING_ORM_MIGRATION.replace("from blog", "from django.db import transaction\nfrom blog")
    atomic = atomic.replace("    Entry.objects.create(", "    with transaction.atomic():\n        Entry.objects.create(")
    atomic = atomic.replace("    raise", "        raise")
    site.write("0002_move.py", atomic)
    site.fails("upgradedb", "--execute")
    assert site.db.query("SELECT title FROM blog_entry") == [("lost",)]  # nothing more
    site.write("0002_move.py", atomic.replace("        raise", "        pass  #"))
    site.command("upgradedb", "--execute")
    assert site.state()["0002_move"] == "applied"
    assert site.db.query("SELECT count(*) FROM blog_entry") == [(2,)]


# -- settings: --database, passwords, MIGRATA ---------------------------------------------------


def test_database_alias(site: Site, tmp_path: Path) -> None:
    other = django_entry(site.db.url)
    default = {"ENGINE": ENGINES["sqlite"], "NAME": str(tmp_path / "default.db")}
    use_databases({"default": default, "other": other})
    site.create_initial()
    site.write("0002_other.py", ORM_MIGRATION.replace("import connection", "import connections")
               .replace("Entry.objects", 'Entry.objects.using("other")')
               .replace("is connection.connection", 'is connections["other"].connection'))
    out, _ = site.command("upgradedb", "--list", "--database", "other")
    assert out.splitlines() == ["0001_initial", "0002_other"]
    site.command("upgradedb", "--execute", "--database", "other")
    assert site.db.query("SELECT title FROM blog_entry") == [("hello",)]
    assert not (tmp_path / "default.db").exists()  # never even opened
    _, err = site.command("comparedb", "--database", "other")
    assert "No differences" in err
    error = site.fails("upgradedb", "--list", "--database", "nowhere")
    assert str(error) == "settings.DATABASES has no database 'nowhere' (it has default, other)"


def test_password_is_masked_in_errors(site: Site) -> None:
    if site.db.dialect == "sqlite":
        pytest.skip("SQLite has no password")
    secret = "s3cret-pw"
    use_databases({"default": django_entry(site.db.url, PASSWORD=secret, PORT="1")})
    for args in (("upgradedb", "--list"), ("upgradedb", "--execute"), ("comparedb",)):
        error = site.fails(*args)
        message = str(error)
        assert secret not in message and ":***@" in message, message
        assert message.startswith("cannot connect to") and "\n" not in message


def test_migrata_settings_are_checked(django_project: None, tmp_path: Path) -> None:
    from django.conf import settings

    use_databases({"default": {"ENGINE": ENGINES["sqlite"], "NAME": str(tmp_path / "x.db")}})
    settings.MIGRATA = {"tabel": "x"}
    site = Site(None, tmp_path)
    error = site.fails("upgradedb", "--list")
    assert str(error) == (
        "settings.MIGRATA has an unknown setting 'tabel' "
        "(known: migrations, sources, table, lock-timeout, scratch-url)"
    )
    settings.MIGRATA = {"lock_timeout": "soon"}
    assert "must be a number of seconds" in str(site.fails("upgradedb", "--list"))
    settings.MIGRATA = {}
    use_databases({})


# -- django: as a schema source for migrata's own commands --------------------------------------


def test_autogenerate_and_diff_from_django_models(site: Site, project: Any, cli: Any) -> None:
    url = site.db.url
    project.write("0001_initial.sql", site.create_initial())
    # The migrations as they were before Alice added pub_date to her Entry.
    project.write("0002_before_alice.sql", "ALTER TABLE blog_entry DROP COLUMN pub_date;\n")
    assert cli("--url", url, "apply").code == 0
    drift = cli("--url", url, "diff", "--from", "database", "--against", f"django:{SETTINGS}")
    assert drift.code == 1 and drift.out.startswith("AddColumn blog_entry.pub_date "), drift.err
    assert len(drift.out.splitlines()) == 1
    done = cli("--url", url, "autogenerate", "pub date", "--from", f"django:{SETTINGS}", "--no-input")
    assert done.code == 0, done.err
    assert "pub_date" in (project.migrations / "0003_pub_date.sql").read_text()
    assert cli("--url", url, "apply").code == 0
    (project.root / "migrata.toml").write_text(f'models = "django:{SETTINGS}"\n')
    again = cli("--url", url, "autogenerate", "nothing")  # models from the configuration
    assert again.code == 0 and "no changes" in again.out


def test_django_source_in_a_new_process(db: Any, tmp_path: Path) -> None:
    """The migrata command sets Django up from the settings module itself, found from the
    current folder; and commands that do not ask for it never import Django."""
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "PYTHONPATH")}
    (tmp_path / "migrations").mkdir()
    config = tmp_path / "migrata.toml"
    config.write_text(f'migrations = "{tmp_path / "migrations"}"\n')
    script = (
        "import sys; from migrata.cli import run\n"
        "common = ['--url', sys.argv[1], '--config', sys.argv[2]]\n"
        "assert run([*common, 'status']) == 0 and 'django' not in sys.modules\n"
        "sys.exit(run([*common, 'diff', '--from', 'migrations',\n"
        f"              '--against', 'django:{SETTINGS}', '--sql']))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, db.url, str(config)], cwd=PROJECT, env=env,
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert "CREATE TABLE tracker_ticket" in result.stdout and "Traceback" not in result.stderr


# -- DATABASES → URL (no database needed) -------------------------------------------------------


def test_database_urls_from_settings() -> None:
    from migrata.contrib.django.databases import database_url, settings_for_url
    from migrata.errors import ConfigError

    assert database_url({"ENGINE": ENGINES["sqlite"], "NAME": "/srv/app.db"}) == "sqlite:////srv/app.db"
    pg = {
        "ENGINE": "django.contrib.gis.db.backends.postgis", "NAME": "app", "USER": "u",
        "PASSWORD": "p@ss/word", "HOST": "/var/run/postgresql", "PORT": 5433,
        "OPTIONS": {"sslmode": "require", "isolation_level": 3, "pool": True},
    }  # fmt: skip
    url = database_url(pg)
    assert url == "postgresql://u:p%40ss%2Fword@:5433/app?host=%2Fvar%2Frun%2Fpostgresql&sslmode=require"
    back = settings_for_url(url)
    assert (back["HOST"], back["PASSWORD"], back["OPTIONS"]) == ("/var/run/postgresql", "p@ss/word", {"sslmode": "require"})
    my = {
        "ENGINE": ENGINES["mysql"], "NAME": "shop", "USER": "root", "HOST": "db", "PORT": "",
        "OPTIONS": {"charset": "utf8mb4", "sql_mode": "STRICT_ALL_TABLES", "ssl": {"ca": "/ca.pem"}},
    }  # fmt: skip
    assert database_url(my) == "mysql://root@db/shop?charset=utf8mb4&ssl_ca=%2Fca.pem"
    with pytest.raises(ConfigError, match="in-memory SQLite"):
        database_url({"ENGINE": ENGINES["sqlite"], "NAME": ":memory:"})
    with pytest.raises(ConfigError, match="migrata works with SQLite, PostgreSQL and MySQL"):
        database_url({"ENGINE": "django.db.backends.oracle", "NAME": "x"}, "legacy")
