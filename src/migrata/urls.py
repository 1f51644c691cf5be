"""Database URLs: the spellings users type, mapped to the drivers our extras install; masking.

Kept free of SQLAlchemy so that the CLI can mask a URL in an error message without paying for
that import.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

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
