"""Named databases from the command line: each URL source, lazily, with one-line masked errors.

SQLite only: the URLs point at files in the test's folder, so no server is needed.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator

import pytest

CONFIG = """\
migrations = "migrations"
table = "migrata_history"

[databases.site-a]
url = "sqlite:///{root}/a.db"
[databases.site-b]
url-env = "SITE_B_URL"
[databases.site-c]
url-file = "${{confdir}}/secrets/site_c.url"
[databases.site-d]
url-command = ["cat", "secrets/site_d.url"]
[databases.site-e]
url-json = "config.json:databases.0.url"
[databases.site-f]
url-ini = "development.ini:app:main.sqlalchemy.url"
[databases.site-g]
url-python = "cli_carol_settings:DATABASE_URL"

[groups]
sites = ["site-a", "site-b", "site-c", "site-d", "site-e", "site-f", "site-g"]
"""


@pytest.fixture(autouse=True)
def _fresh_module() -> Iterator[None]:
    sys.modules.pop("cli_carol_settings", None)
    yield
    sys.modules.pop("cli_carol_settings", None)


@pytest.fixture
def sites(project, monkeypatch):  # type: ignore[no-untyped-def]
    """The project folder, configured with seven SQLite databases, one per source."""
    root = project.root
    (root / "secrets").mkdir()
    (root / "secrets" / "site_c.url").write_text(f"sqlite:///{root}/c.db\n")
    (root / "secrets" / "site_d.url").write_text(f"sqlite:///{root}/d.db\n")
    (root / "config.json").write_text(
        json.dumps({"databases": [{"url": f"sqlite:///{root}/e.db"}]})
    )
    (root / "development.ini").write_text(
        f"[app:main]\nuse = egg:carol\nsqlalchemy.url = sqlite:///{root}/f.db\n"
    )
    (root / "cli_carol_settings.py").write_text(f"DATABASE_URL = 'sqlite:///{root}/g.db'\n")
    (root / "migrata.toml").write_text(CONFIG.format(root=root))
    monkeypatch.setenv("SITE_B_URL", f"sqlite:///{root}/b.db")
    project.write("0001_t.sql", "CREATE TABLE t (x INTEGER);")
    return root


@pytest.mark.parametrize("site", "abcdefg")
def test_every_source_reaches_its_database(sites, cli, site) -> None:  # type: ignore[no-untyped-def]
    result = cli("--database", f"site-{site}", "apply")
    assert result.code == 0, result.err
    assert (sites / f"{site}.db").is_file()
    assert not {p.name for p in sites.glob("?.db")} - {f"{site}.db"}


def test_a_broken_database_does_not_stop_the_others(sites, cli) -> None:  # type: ignore[no-untyped-def]
    (sites / "cli_carol_settings.py").write_text("raise ImportError('settings are broken')\n")
    (sites / "secrets" / "site_d.url").unlink()
    assert cli("status", "--database", "site-a").code == 0
    broken = cli("status", "--database", "site-g")
    assert broken.code == 2
    assert broken.err.strip() == (
        "error: database 'site-g': url-python cannot import cli_carol_settings "
        "(settings are broken)"
    )
    missing = cli("status", "--database", "site-d")
    assert missing.code == 2
    assert "database 'site-d': url-command 'cat secrets/site_d.url' exited with status 1" in (
        missing.err
    )
    assert "Traceback" not in broken.err + missing.err


def test_relative_paths_follow_the_configuration_file(sites, cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (sites / "deep" / "er").mkdir(parents=True)
    monkeypatch.chdir(sites / "deep" / "er")
    for site in ("site-c", "site-d", "site-e", "site-f", "site-g"):
        result = cli("--database", site, "status")
        assert result.code == 0, (site, result.err)


def test_errors_are_one_masked_line(sites, cli) -> None:  # type: ignore[no-untyped-def]
    (sites / "secrets" / "site_d.url").write_text("postgresql://carol:s3cret-pw@db/x\n")
    (sites / "migrata.toml").write_text(
        CONFIG.format(root=sites).replace(
            '["cat", "secrets/site_d.url"]',
            '["sh", "-c", "echo refused: $(cat secrets/site_d.url) >&2; exit 4"]',
        )
    )
    result = cli("--database", "site-d", "status")
    assert result.code == 2
    assert "s3cret-pw" not in result.out + result.err
    assert "exited with status 4 (refused: postgresql://carol:***@db/x)" in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_a_resolved_password_is_never_printed(sites, cli) -> None:  # type: ignore[no-untyped-def]
    (sites / "secrets" / "site_c.url").write_text("postgresql://carol:s3cret-pw@127.0.0.1:1/x\n")
    result = cli("--database", "site-c", "status")
    assert result.code == 2
    assert "s3cret-pw" not in result.out + result.err


def test_the_same_keys_in_pyproject(sites, cli) -> None:  # type: ignore[no-untyped-def]
    text = (sites / "migrata.toml").read_text()
    (sites / "migrata.toml").unlink()
    lines = [
        line.replace("[", "[tool.migrata.", 1) if line.startswith("[") else line
        for line in text.splitlines()
    ]
    (sites / "pyproject.toml").write_text("[tool.migrata]\n" + "\n".join(lines) + "\n")
    assert cli("--database", "site-e", "apply").code == 0
    assert (sites / "e.db").is_file()
    assert cli("--config", "pyproject.toml", "--database", "site-f", "apply").code == 0
    assert (sites / "f.db").is_file()


@pytest.mark.parametrize(
    ("replace", "expected"),
    [
        (('"site-g"]', '"site-h"]'), "group 'sites' names 'site-h', which is not a database"),
        (
            ('url = "sqlite:', 'url-env = "X"\nurl = "sqlite:'),
            "database 'site-a' has more than one URL source (url, url-env)",
        ),
    ],
)
def test_configuration_errors_exit_2(sites, cli, replace, expected) -> None:  # type: ignore[no-untyped-def]
    config = sites / "migrata.toml"
    config.write_text(config.read_text().replace(*replace))
    result = cli("--database", "site-a", "status")
    assert result.code == 2
    assert expected in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_unknown_database(sites, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("--database", "site-z", "status")
    assert result.code == 2
    assert "has no database named 'site-z' (site-a, site-b" in result.err
