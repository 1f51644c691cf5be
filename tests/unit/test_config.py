"""Configuration: named databases and their URL sources, placeholders, groups; no database."""

from __future__ import annotations

import json
import re
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from migrata import url_sources
from migrata.config import Config, DatabaseConfig, load_config
from migrata.errors import ConfigError

# The file from the issue, exactly as written.
CAROL_TOML = """\
# migrata.toml
migrations = "migrations"
table = "migrata_history"

[databases.site-a]
url = "postgresql://postgres@127.0.0.1/site_a"
[databases.site-b]
url-env = "SITE_B_URL"
[databases.site-c]
url-file = "${confdir}/secrets/site_c.url"
[databases.site-d]
url-command = ["cat", "secrets/site_d.url"]
[databases.site-e]
url-json = "config.json:databases.0.url"
[databases.site-f]
url-ini = "development.ini:database.url"
[databases.site-g]
url-python = "carol_settings:DATABASE_URL"

[groups]
sites = ["site-a", "site-b", "site-c", "site-d", "site-e", "site-f", "site-g"]
"""

EXPECTED = {
    "site-a": "postgresql://postgres@127.0.0.1/site_a",
    "site-b": "postgresql://bob:b-secret@127.0.0.1/site_b",
    "site-c": "postgresql://carol:c-secret@127.0.0.1/site_c",
    "site-d": "mysql://dave:d-secret@127.0.0.1/site_d",
    "site-e": "postgresql://eve:e-secret@127.0.0.1:5433/site_e",
    "site-f": "postgresql://frank:f-secret@127.0.0.1/site_f",
    "site-g": "sqlite:///site_g.db",
}
SITES = list(EXPECTED)


@pytest.fixture(autouse=True)
def _fresh_modules() -> Iterator[None]:
    """url-python imports real modules; each test writes its own, under the same names."""
    names = ("carol_settings", "broken_settings", "odd_settings")
    for name in names:
        sys.modules.pop(name, None)
    yield
    for name in names:
        sys.modules.pop(name, None)


@pytest.fixture(autouse=True)
def _environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SITE_B_URL", "MIGRATA_TEST_UNSET", "MIGRATA_URL"):
        monkeypatch.delenv(name, raising=False)


def write_carol_files(folder: Path) -> None:
    """The secrets and settings files the example configuration points at."""
    (folder / "secrets").mkdir(parents=True, exist_ok=True)
    (folder / "secrets" / "site_c.url").write_text(f"  {EXPECTED['site-c']}  \nsecond line\n")
    (folder / "secrets" / "site_d.url").write_text(EXPECTED["site-d"] + "\n")
    databases = [{"url": EXPECTED["site-e"]}, {"url": "sqlite:///other.db"}]
    (folder / "config.json").write_text(json.dumps({"databases": databases}))
    (folder / "development.ini").write_text(
        textwrap.dedent("""\
            [DEFAULT]
            host = 127.0.0.1

            [database]
            url = postgresql://frank:f-secret@${host}/site_f
            """)
    )
    (folder / "carol_settings.py").write_text(f"DATABASE_URL = {EXPECTED['site-g']!r}\n")


@pytest.fixture
def carol(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_carol_files(tmp_path)
    (tmp_path / "migrata.toml").write_text(CAROL_TOML)
    monkeypatch.setenv("SITE_B_URL", EXPECTED["site-b"])
    return tmp_path


def write_config(folder: Path, text: str) -> Config:
    path = folder / "migrata.toml"
    path.write_text(textwrap.dedent(text))
    return load_config(path)


def one_database(folder: Path, table: str) -> Config:
    """A configuration with a single [databases.db] whose body is *table*."""
    return write_config(folder, "[databases.db]\n" + textwrap.dedent(table))


def error_of(config: Config, name: str = "db") -> str:
    with pytest.raises(ConfigError) as caught:
        config.database_url(name)
    message = str(caught.value)
    assert "\n" not in message
    return message


# -- the example file, as written ----------------------------------------------------------


def test_the_example_file_resolves_every_database(carol: Path, monkeypatch) -> None:
    elsewhere = carol / "somewhere" / "else"
    elsewhere.mkdir(parents=True)
    monkeypatch.chdir(elsewhere)  # relative paths follow the file, not the working folder
    path_before = list(sys.path)
    config = load_config(start=elsewhere)
    assert config.path == carol / "migrata.toml"
    assert config.table == "migrata_history"
    assert config.migrations_dir == carol / "migrations"
    assert {name: config.database_url(name) for name in SITES} == EXPECTED
    assert sys.path == path_before
    assert config.groups == {"sites": SITES}
    assert config.resolve_databases([], ["sites"], False) == SITES


def test_the_example_file_in_pyproject(carol: Path) -> None:
    (carol / "migrata.toml").unlink()
    body = re.sub(r"^\[(?!tool)", "[tool.migrata.", CAROL_TOML, flags=re.MULTILINE)
    text = '[project]\nname = "carol"\n\n[tool.migrata]\n' + body
    (carol / "pyproject.toml").write_text(text)
    sub = carol / "src"
    sub.mkdir()
    config = load_config(start=sub)
    assert config.path == carol / "pyproject.toml"
    assert {name: config.database_url(name) for name in SITES} == EXPECTED
    assert config.resolve_databases(all=True) == SITES
    assert load_config(carol / "pyproject.toml").database_url("site-e") == EXPECTED["site-e"]


def test_a_database_is_resolved_once(tmp_path: Path) -> None:
    (tmp_path / "url").write_text("sqlite:///once.db\n")
    config = one_database(
        tmp_path, """url-command = ["sh", "-c", "echo run >> runs.txt; cat url"]\n"""
    )
    assert config.database_url("db") == config.database_url("db") == "sqlite:///once.db"
    assert (tmp_path / "runs.txt").read_text() == "run\n"


# -- lazy resolution ---------------------------------------------------------------------------


def test_only_the_databases_asked_for_are_resolved(carol: Path) -> None:
    (carol / "carol_settings.py").write_text("raise RuntimeError('site-g is broken')\n")
    (carol / "secrets" / "site_d.url").unlink()
    config = load_config(carol / "migrata.toml")
    assert config.resolve_databases(["site-g", "site-a"], [], False) == ["site-a", "site-g"]
    assert config.database_url("site-a") == EXPECTED["site-a"]
    assert "site-g is broken" in error_of(config, "site-g")
    assert "site_d.url" in error_of(config, "site-d")


def test_a_badly_shaped_entry_only_fails_when_used(tmp_path: Path) -> None:
    config = write_config(
        tmp_path,
        """\
        [databases.good]
        url = "sqlite:///good.db"
        [databases.bad]
        url = "sqlite:///bad.db"
        url-env = "BAD_URL"
        [databases.wrong]
        url-command = 42
        """,
    )
    assert config.database_url("good") == "sqlite:///good.db"
    assert "more than one URL source (url, url-env)" in error_of(config, "bad")
    assert "must be a command line or a list of strings, not a number" in error_of(config, "wrong")


# -- groups --------------------------------------------------------------------------------


GROUPED = """\
[databases.zeta]
url = "sqlite:///z.db"
[databases.alpha]
url = "sqlite:///a.db"
[databases.mid]
url = "sqlite:///m.db"

[groups]
ends = ["alpha", "zeta"]
middle = ["mid", "mid"]
none = []
"""


def test_resolve_databases_keeps_configuration_order(tmp_path: Path) -> None:
    config = write_config(tmp_path, GROUPED)
    assert config.groups == {"ends": ["alpha", "zeta"], "middle": ["mid"], "none": []}
    assert config.resolve_databases([], ["ends"], False) == ["zeta", "alpha"]
    assert config.resolve_databases(["mid"], ["ends"], False) == ["zeta", "alpha", "mid"]
    assert config.resolve_databases(["alpha", "alpha"], [], False) == ["alpha"]
    assert config.resolve_databases([], ["middle", "ends"], False) == ["zeta", "alpha", "mid"]
    assert config.resolve_databases([], [], True) == ["zeta", "alpha", "mid"]
    assert config.resolve_databases(["mid"], ["none"], True) == ["zeta", "alpha", "mid"]
    assert config.resolve_databases([], ["none"], False) == []
    assert config.resolve_databases([], [], False) == []


def test_resolve_databases_errors(tmp_path: Path) -> None:
    config = write_config(tmp_path, GROUPED)
    path = tmp_path / "migrata.toml"
    with pytest.raises(ConfigError) as caught:
        config.resolve_databases(["nope"], [], False)
    assert str(caught.value) == f"{path} has no database named 'nope' (alpha, mid, zeta)"
    with pytest.raises(ConfigError) as caught:
        config.resolve_databases([], ["nope"], False)
    assert str(caught.value) == f"{path} has no group named 'nope' (ends, middle, none)"
    empty = write_config(tmp_path, 'url = "sqlite:///x.db"\n')
    with pytest.raises(ConfigError, match="names no databases"):
        empty.resolve_databases([], [], True)
    with pytest.raises(ConfigError, match=r"no group named 'g' \(none are configured\)"):
        empty.resolve_databases([], ["g"], False)


@pytest.mark.parametrize(
    ("groups", "expected"),
    [
        (
            '[groups]\nsites = ["a", "ghost"]\n',
            "group 'sites' names 'ghost', which is not a database (a)",
        ),
        ('[groups]\nsites = "a"\n', "group 'sites' must be a list of database names"),
        ('[groups]\nsites = ["a", 1]\n', "group 'sites' must be a list of database names"),
        ('groups = ["a"]\n', "[groups] must be a table of lists of database names"),
    ],
)
def test_bad_groups_are_errors_at_load(tmp_path: Path, groups: str, expected: str) -> None:
    path = tmp_path / "migrata.toml"
    path.write_text(groups + '[databases.a]\nurl = "sqlite:///a.db"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value) == f"{path}: {expected}"


# -- every source, and what goes wrong with it ---------------------------------------------


def test_url_command_string_is_split_like_a_shell_but_not_run_by_one(tmp_path: Path) -> None:
    (tmp_path / "my secrets").mkdir()
    (tmp_path / "my secrets" / "site d.url").write_text("sqlite:///d.db\n")
    config = write_config(
        tmp_path,
        """\
        [databases.quoted]
        url-command = "cat 'my secrets/site d.url'"
        [databases.no-shell]
        url-command = "echo sqlite:///x.db; rm -rf nothing"
        [databases.confdir]
        url-command = ["cat", "${confdir}/my secrets/site d.url"]
        """,
    )
    assert config.database_url("quoted") == "sqlite:///d.db"
    assert config.database_url("no-shell") == "sqlite:///x.db; rm -rf nothing"
    assert config.database_url("confdir") == "sqlite:///d.db"


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        # how many sources
        (
            'url = "sqlite:///a.db"\nurl-file = "f"\n',
            "database 'db' has more than one URL source (url, url-file); give exactly one of "
            "url, url-env, url-file, url-command, url-json, url-ini or url-python",
        ),
        (
            'password = "x"\n',
            "database 'db' has no URL source; give one of "
            "url, url-env, url-file, url-command, url-json, url-ini or url-python",
        ),
        # url
        ('url = "  "\n', "database 'db': url is empty"),
        (
            'url = "localhost/db"\n',
            "database 'db': url is not a database URL (expected e.g. postgresql://user@host/db)",
        ),
        # url-env
        (
            'url-env = "MIGRATA_TEST_UNSET"\n',
            "database 'db': the environment variable MIGRATA_TEST_UNSET is not set (url-env)",
        ),
        ("url-env = 3\n", "database 'db': url-env must be a string, not a number"),
        # url-file
        ('url-file = "nope.url"\n', "database 'db': url-file {dir}/nope.url does not exist"),
        (
            'url-file = "empty.url"\n',
            "database 'db': url-file {dir}/empty.url is empty on its first line",
        ),
        (
            'url-file = "password.txt"\n',
            "database 'db': url-file {dir}/password.txt does not hold a database URL on its "
            "first line (expected e.g. postgresql://user@host/db)",
        ),
        ('url-file = "."\n', "database 'db': url-file {dir} cannot be read (Is a directory)"),
        # url-command
        (
            'url-command = ["sh", "-c", "echo oops >&2; exit 3"]\n',
            "database 'db': url-command \"sh -c 'echo oops >&2; exit 3'\" "
            "exited with status 3 (oops)",
        ),
        ('url-command = "false"\n', "database 'db': url-command 'false' exited with status 1"),
        (
            'url-command = "no-such-command-xyz --flag"\n',
            "database 'db': url-command 'no-such-command-xyz --flag' cannot be run: "
            "no-such-command-xyz was not found",
        ),
        ('url-command = "true"\n', "database 'db': url-command 'true' printed nothing"),
        (
            'url-command = "cat password.txt"\n',
            "database 'db': url-command 'cat password.txt' did not print a database URL "
            "(expected e.g. postgresql://user@host/db)",
        ),
        ("url-command = []\n", "database 'db': url-command is empty"),
        (
            'url-command = ["cat", 1]\n',
            "database 'db': url-command must be a command line or a list of strings, not a list",
        ),
        (
            'url-command = "cat \'open"\n',
            "database 'db': url-command cannot be split into arguments (No closing quotation)",
        ),
        # url-json
        (
            'url-json = "config.json"\n',
            "database 'db': url-json 'config.json' must be FILE:KEY.PATH "
            "(e.g. config.json:databases.0.url)",
        ),
        (
            'url-json = "nope.json:a"\n',
            "database 'db': url-json file {dir}/nope.json does not exist",
        ),
        (
            'url-json = "bad.json:a"\n',
            "database 'db': url-json file {dir}/bad.json is not valid JSON "
            "(Expecting value: line 1 column 1 (char 0))",
        ),
        (
            'url-json = "config.json:databases.0.uri"\n',
            "database 'db': url-json file {dir}/config.json has no key 'uri' at databases.0",
        ),
        (
            'url-json = "config.json:databases.5.url"\n',
            "database 'db': url-json file {dir}/config.json has only 2 item(s) in the list at databases",
        ),
        (
            'url-json = "config.json:databases.first.url"\n',
            "database 'db': url-json file {dir}/config.json has a list at databases, "
            "and 'first' is not an index",
        ),
        (
            'url-json = "config.json:databases.0"\n',
            "database 'db': url-json file {dir}/config.json has an object at databases.0, "
            "not a string",
        ),
        (
            'url-json = "config.json:port.x"\n',
            "database 'db': url-json file {dir}/config.json has a number at port, "
            "so it has no 'x' in it",
        ),
        (
            'url-json = "config.json:password"\n',
            "database 'db': url-json value at password in {dir}/config.json is not a database "
            "URL (expected e.g. postgresql://user@host/db)",
        ),
        # url-ini
        (
            'url-ini = "development.ini:url"\n',
            "database 'db': url-ini 'development.ini:url' must be FILE:SECTION.KEY "
            "(e.g. development.ini:app:main.sqlalchemy.url)",
        ),
        ('url-ini = "nope.ini:a.b"\n', "database 'db': url-ini file {dir}/nope.ini does not exist"),
        (
            'url-ini = "development.ini:app:other.sqlalchemy.url"\n',
            "database 'db': url-ini file {dir}/development.ini has no section [app:other]",
        ),
        (
            'url-ini = "development.ini:app:main.sqlalchemy.uri"\n',
            "database 'db': url-ini file {dir}/development.ini has no key 'sqlalchemy.uri' "
            "in section [app:main]",
        ),
        (
            'url-ini = "development.ini:broken.url"\n',
            "database 'db': url-ini file {dir}/development.ini cannot interpolate 'url' in "
            "section [broken] (${{nowhere:url}} names no option)",
        ),
        (
            'url-ini = "bad.ini:a.b"\n',
            "database 'db': url-ini file {dir}/bad.ini is not a valid INI file "
            "(File contains no section headers, line 1)",
        ),
        # url-python
        (
            'url-python = "carol_settings"\n',
            "database 'db': url-python 'carol_settings' must be MODULE:ATTRIBUTE "
            "(e.g. settings:DATABASE_URL)",
        ),
        (
            'url-python = "no_such_module_xyz:URL"\n',
            "database 'db': url-python cannot import no_such_module_xyz "
            "(No module named 'no_such_module_xyz')",
        ),
        (
            'url-python = "carol_settings:NOPE"\n',
            "database 'db': url-python module carol_settings has no attribute NOPE",
        ),
        (
            'url-python = "carol_settings:PORT"\n',
            "database 'db': url-python carol_settings:PORT is a number, not a string",
        ),
        (
            'url-python = "broken_settings:URL"\n',
            "database 'db': url-python failed while importing broken_settings "
            "(ValueError: no settings here)",
        ),
        # placeholders
        (
            'url-file = "${env:MIGRATA_TEST_UNSET}/x.url"\n',
            "database 'db': url-file uses ${{env:MIGRATA_TEST_UNSET}}, but the environment "
            "variable MIGRATA_TEST_UNSET is not set",
        ),
    ],
)
def test_source_errors_are_one_sentence(tmp_path: Path, table: str, expected: str) -> None:
    write_carol_files(tmp_path)
    (tmp_path / "empty.url").write_text("\n")
    (tmp_path / "password.txt").write_text("hunter2\n")
    (tmp_path / "bad.json").write_text("")
    (tmp_path / "bad.ini").write_text("no section header\n")
    (tmp_path / "config.json").write_text(
        '{"databases": [{"url": "sqlite:///a.db"}, {}], "port": 5432, "password": "hunter2"}'
    )
    (tmp_path / "development.ini").write_text(PYRAMID_INI)
    (tmp_path / "carol_settings.py").write_text("URL = 'sqlite:///g.db'\nPORT = 5432\n")
    (tmp_path / "broken_settings.py").write_text("raise ValueError('no settings here')\n")
    message = error_of(one_database(tmp_path, table))
    assert message.startswith(expected.format(dir=tmp_path))
    assert "hunter2" not in message


def test_a_slow_command_times_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert url_sources.COMMAND_TIMEOUT == 30
    monkeypatch.setattr(url_sources, "COMMAND_TIMEOUT", 0.2)
    config = one_database(tmp_path, 'url-command = "sleep 5"\n')
    assert (
        error_of(config) == "database 'db': url-command 'sleep 5' did not finish within 0.2 seconds"
    )


def test_passwords_are_masked_in_errors(tmp_path: Path) -> None:
    config = write_config(
        tmp_path,
        """\
        [databases.loud]
        url-command = ["sh", "-c", "echo 'cannot reach postgresql://al:s3cret@db/x' >&2; exit 2"]
        [databases.ini]
        url-ini = "dev.ini:main.url"
        [databases.python]
        url-python = "odd_settings:URL"
        """,
    )
    (tmp_path / "dev.ini").write_text("[main]\nurl = postgresql://al:s3cret@${nowhere}/x\n")
    (tmp_path / "odd_settings.py").write_text(
        "raise RuntimeError('bad postgresql://al:s3cret@db/x')\n"
    )
    for name in ("loud", "ini", "python"):
        message = error_of(config, name)
        assert "s3cret" not in message, message
        assert f"database {name!r}" in message
    assert "postgresql://al:***@db/x" in error_of(config, "loud")


def test_a_url_with_a_password_is_masked_when_it_is_not_valid(tmp_path: Path) -> None:
    config = one_database(tmp_path, 'url = "postgresql//al:s3cret@db/x"\n')
    assert "is not a database URL" in error_of(config)
    (tmp_path / "pw.txt").write_text("al:s3cret@db\n")
    config = one_database(tmp_path, 'url-command = ["cat", "pw.txt"]\n')
    assert "s3cret" not in error_of(config)


# -- url-ini: Pyramid ----------------------------------------------------------------------


PYRAMID_INI = """\
[DEFAULT]
dbhost = 127.0.0.1

[app:main]
use = egg:busy
pyramid.reload_templates = true
sqlalchemy.url = postgresql://busy:pw@${dbhost}/development
sqlalchemy.echo = false
here_url = sqlite:///%(here)s/app.db

[server:main]
use = egg:waitress#main
port = 6543

[database]
url = postgresql://busy:pw@${DEFAULT:dbhost}/development

[migrations]
url = ${database:url}

[broken]
url = ${nowhere:url}
"""


def test_url_ini_reads_pyramid_sqlalchemy_url(tmp_path: Path) -> None:
    (tmp_path / "development.ini").write_text(PYRAMID_INI)
    config = write_config(
        tmp_path,
        """\
        [databases.pyramid]
        url-ini = "development.ini:app:main.sqlalchemy.url"
        [databases.interpolated]
        url-ini = "${confdir}/development.ini:migrations.url"
        [databases.percent]
        url-ini = "development.ini:app:main.here_url"
        [databases.default]
        url-ini = "development.ini:DEFAULT.dbhost"
        """,
    )
    assert config.database_url("pyramid") == "postgresql://busy:pw@127.0.0.1/development"
    assert config.database_url("interpolated") == "postgresql://busy:pw@127.0.0.1/development"
    # ExtendedInterpolation leaves %(...)s alone.
    assert config.database_url("percent") == "sqlite:///%(here)s/app.db"
    assert "has no database URL in 'dbhost' of section [DEFAULT]" in error_of(config, "default")


def test_a_colon_in_the_folder_does_not_split_the_file_name(tmp_path: Path) -> None:
    folder = tmp_path / "odd:name"
    folder.mkdir()
    (folder / "config.json").write_text('{"url": "sqlite:///odd.db"}')
    (folder / "app.ini").write_text("[app:main]\nsqlalchemy.url = sqlite:///ini.db\n")
    config = write_config(
        folder,
        """\
        [databases.json]
        url-json = "${confdir}/config.json:url"
        [databases.ini]
        url-ini = "${confdir}/app.ini:app:main.sqlalchemy.url"
        """,
    )
    assert config.database_url("json") == "sqlite:///odd.db"
    assert config.database_url("ini") == "sqlite:///ini.db"


# -- url-python ----------------------------------------------------------------------------


def test_url_python_leaves_sys_path_as_it_was(tmp_path: Path) -> None:
    (tmp_path / "carol_settings.py").write_text("class db:\n    URL = 'sqlite:///nested.db'\n")
    config = one_database(tmp_path, 'url-python = "carol_settings:db.URL"\n')
    before = list(sys.path)
    assert config.database_url("db") == "sqlite:///nested.db"
    assert sys.path == before
    sys.modules.pop("carol_settings")
    config = one_database(tmp_path, 'url-python = "carol_settings:NOPE"\n')
    assert "has no attribute NOPE" in error_of(config)
    assert sys.path == before


def test_url_python_keeps_a_folder_already_on_sys_path(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "carol_settings.py").write_text("URL = 'sqlite:///kept.db'\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    before = list(sys.path)
    config = one_database(tmp_path, 'url-python = "carol_settings:URL"\n')
    assert config.database_url("db") == "sqlite:///kept.db"
    assert sys.path == before


# -- placeholders --------------------------------------------------------------------------


def test_placeholders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SECRETS", "secrets")
    monkeypatch.setenv("DB_HOST", "db.example")
    monkeypatch.setenv("EMPTY_ONE", "")
    (tmp_path / "secrets").mkdir()
    (tmp_path / "secrets" / "x.url").write_text("sqlite:///x.db\n")
    config = write_config(
        tmp_path,
        """\
        scratch-url = "postgresql://u@${env:DB_HOST}/scratch"
        [databases.env]
        url-file = "${confdir}/${env:SECRETS}/x.url"
        [databases.path]
        url = "sqlite:///${confpath}.db"
        [databases.legacy]
        url = "postgresql://u@$DB_HOST/${DB_HOST}${env:EMPTY_ONE}/$NOT_SET_ANYWHERE"
        [databases.shell]
        url-command = ["sh", "-c", "echo sqlite:///${DB_HOST}.db", "${confdir}"]
        [databases.unknown]
        url-file = "${nothing}/x.url"
        """,
    )
    assert config.database_url("env") == "sqlite:///x.db"
    assert config.database_url("path") == f"sqlite:///{tmp_path / 'migrata.toml'}.db"
    assert config.database_url("legacy") == "postgresql://u@db.example/db.example/$NOT_SET_ANYWHERE"
    # Not run by a shell of ours: ${VAR} reaches the one the command starts itself.
    assert config.database_url("shell") == "sqlite:///db.example.db"
    assert error_of(config, "unknown") == (
        f"database 'unknown': url-file {tmp_path}/${{nothing}}/x.url does not exist"
    )
    assert config.scratch_url == "postgresql://u@db.example/scratch"
    monkeypatch.delenv("DB_HOST")
    with pytest.raises(ConfigError) as caught:
        _ = config.scratch_url
    assert str(caught.value) == (
        "scratch-url uses ${env:DB_HOST}, but the environment variable DB_HOST is not set"
    )


def test_confpath_needs_a_file() -> None:
    database = DatabaseConfig("bare", url_file="${confpath}.url")
    with pytest.raises(ConfigError) as caught:
        database.resolve_url()
    assert str(caught.value) == (
        "database 'bare': url-file uses ${confpath}, but there is no configuration file"
    )


# -- the other settings keep working ---------------------------------------------------------


def test_documented_and_existing_keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STAGING_URL", "sqlite:///st.db")
    monkeypatch.setenv("TOP_URL", "sqlite:///top.db")
    config = write_config(
        tmp_path,
        """\
        migrations = "db/migrations"
        table = "history"
        vcs = "git"
        models = "myapp.models:metadata"
        scratch-url = "sqlite:///${confdir}/scratch.db"
        url = "sqlite:///${confdir}/main.db"
        lock-timeout = 5
        default-database = "local"

        [databases.staging]
        url-env = "STAGING_URL"
        comment = "ignored"
        [databases.local]
        url = "sqlite:///local.db"
        """,
    )
    assert config.migrations_dir == tmp_path / "db" / "migrations"
    assert (config.table, config.vcs, config.lock_timeout) == ("history", "git", 5.0)
    assert config.models == "myapp.models:metadata"
    assert config.scratch_url == f"sqlite:///{tmp_path}/scratch.db"
    assert config.database_url() == "sqlite:///local.db"
    assert config.database_url("staging") == "sqlite:///st.db"
    config.default_database = None
    assert config.database_url() == f"sqlite:///{tmp_path}/main.db"
    config.url = None
    config.url_env = "TOP_URL"
    assert config.database_url() == "sqlite:///top.db"
    assert config.groups == {}


def test_defaults_without_a_file(tmp_path: Path) -> None:
    config = load_config(start=tmp_path)
    assert config.path is None
    assert (config.models, config.scratch_url, config.groups) == (None, None, {})
    assert config.database_url() is None
    assert config.resolve_databases() == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('urls = "x"\n', "unknown setting 'urls'"),
        ("models = 3\n", "models must be a string"),
        ("scratch-url = ['a']\n", "scratch-url must be a string"),
        ("[databases]\nsite = 'sqlite://'\n", "[databases.site] must be a table"),
    ],
)
def test_bad_settings_fail_at_load(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "migrata.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value) == f"{path}: {expected}"


def test_unknown_database_lists_the_known_ones(carol: Path) -> None:
    config = load_config(carol / "migrata.toml")
    with pytest.raises(ConfigError) as caught:
        config.database_url("site-z")
    known = ", ".join(SITES)
    assert str(caught.value) == f"{carol / 'migrata.toml'} has no database named 'site-z' ({known})"
