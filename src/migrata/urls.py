"""Database URLs: the spellings users type, mapped to the drivers our extras install; masking.

Kept free of SQLAlchemy so that the CLI can mask a URL in an error message without paying for
that import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, unquote, urlsplit

from migrata.errors import ConfigError

# Plain schemes people copy from psql, Django or Heroku, and the driver each extra installs.
_DEFAULT_DRIVERS = {
    "postgres": "postgresql+psycopg",
    "postgresql": "postgresql+psycopg",
    "mysql": "mysql+pymysql",
    "mariadb": "mariadb+pymysql",
}

_PASSWORD = re.compile(r"^(?P<head>[a-zA-Z][\w+.-]*://[^:/?#@]*:)(?P<pw>[^@/?#]*)(?P<tail>@.*)$")


def normalize_url(url: str) -> str:
    """Return *url* with a driver named, when the user wrote only the database's scheme."""
    scheme, sep, rest = url.partition("://")
    if sep and scheme.lower() in _DEFAULT_DRIVERS:
        return f"{_DEFAULT_DRIVERS[scheme.lower()]}://{rest}"
    return url


def mask(url: str) -> str:
    """Return *url* with its password replaced by ``***``; anything else is left as written."""
    match = _PASSWORD.match(url)
    if not match or not match.group("pw"):
        return url
    return f"{match.group('head')}***{match.group('tail')}"


def mask_in(text: str, url: str | None) -> str:
    """Remove the password of *url* from *text* (a driver's error message may quote it)."""
    if not url:
        return text
    try:
        password = urlsplit(url).password
    except ValueError:
        return text
    if password:
        text = text.replace(url, mask(url)).replace(password, "***")
    return text


def describe(url: str) -> str:
    """A short, masked name for a database, for messages: ``postgresql://u:***@host/db``."""
    return mask(url)


@dataclass(frozen=True)
class SplitURL:
    """The parts of a database URL, parsed without SQLAlchemy."""

    backend: str  # postgresql | mysql | mariadb | sqlite | ...
    driver: str | None
    username: str | None = None
    password: str | None = None
    host: str | None = None
    port: int | None = None
    database: str | None = None
    query: dict[str, str] = field(default_factory=dict)
    raw: str = ""


def split_url(url: str) -> SplitURL:
    """Parse *url*; raise ConfigError with the URL masked when it is not a database URL."""
    scheme, sep, _ = url.partition("://")
    if not sep or not re.fullmatch(r"[A-Za-z][\w.-]*(\+[\w.-]+)?", scheme):
        raise ConfigError(f"{mask(url)!r} is not a database URL (expected e.g. postgresql://host/db)")
    backend, _, driver = scheme.lower().partition("+")
    backend = "postgresql" if backend == "postgres" else backend
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise ConfigError(f"{mask(url)!r} is not a valid database URL ({exc})") from None
    path = parts.path[1:] if parts.path.startswith("/") else parts.path
    return SplitURL(
        backend=backend,
        driver=driver or None,
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password is not None else None,
        host=parts.hostname,
        port=port,
        database=unquote(path) if path else None,
        query=dict(parse_qsl(parts.query)),
        raw=url,
    )
