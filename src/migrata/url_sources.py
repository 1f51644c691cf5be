"""Where a named database's URL comes from, and the ``${...}`` placeholders its settings may use.

A ``[databases.NAME]`` table gives its URL through exactly one of these keys (nomad's sources)::

    url          the URL itself
    url-env      the name of an environment variable holding it
    url-file     a file whose first line is the URL
    url-command  a command (argv list, or a string split like a shell would) that prints it
    url-json     FILE:KEY.PATH in a JSON file; integer parts index lists (databases.0.url)
    url-ini      FILE:SECTION.KEY in an INI file (ExtendedInterpolation); the section ends at
                 the first dot, so Pyramid's ``development.ini:app:main.sqlalchemy.url`` works
    url-python   MODULE:ATTRIBUTE, imported with the configuration file's folder on sys.path

Values may use ``${confdir}``, ``${confpath}`` and ``${env:NAME}``; relative paths (and the
command's working folder) are relative to the configuration file's folder. Nothing here runs
until a command asks for that database, so a broken source only stops the commands that use it.

Every failure is one ConfigError sentence naming the database, the source and the problem.
A resolved URL is never quoted in a message, and anything URL-like that is quoted is masked.
"""

from __future__ import annotations

import os
import re
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from migrata.errors import ConfigError
from migrata.urls import mask

if TYPE_CHECKING:
    import configparser

SOURCES = ("url", "url-env", "url-file", "url-command", "url-json", "url-ini", "url-python")
COMMAND_TIMEOUT = 30.0
EXPECTED = "expected e.g. postgresql://user@host/db"

_PLACEHOLDER = re.compile(r"\$\{(?P<braced>[^}]*)\}|\$(?P<bare>[A-Za-z_]\w*)")
_URL_SHAPE = re.compile(r"^[A-Za-z][\w+.-]*://")
_URL_IN_TEXT = re.compile(r"[A-Za-z][\w+.-]*://[^\s'\"<>]+")
_IMPORT_LOCK = threading.Lock()


def scrub(text: str) -> str:
    """Mask the password of every URL in *text* (a tool's error output, a parser's message)."""
    return _URL_IN_TEXT.sub(lambda m: mask(m.group(0)), text)


def sources_list() -> str:
    """``url, url-env, ... or url-python``, for messages."""
    return ", ".join(SOURCES[:-1]) + " or " + SOURCES[-1]


@dataclass(frozen=True)
class Where:
    """The database a value belongs to and the configuration file around it."""

    database: str | None
    config_path: Path | None
    setting: str

    @property
    def folder(self) -> Path:
        return self.config_path.parent if self.config_path else Path.cwd()

    def prefix(self) -> str:
        """``database 'site-a': url-file`` or ``scratch-url``: how messages start."""
        if self.database is None:
            return self.setting
        return f"database {self.database!r}: {self.setting}"

    def fail(self, problem: str) -> ConfigError:
        return ConfigError(f"{self.prefix()} {problem}")

    def path(self, value: str) -> Path:
        return (self.folder / value).resolve()


def interpolate(value: str, where: Where, *, environment: bool = False) -> str:
    """Replace ``${confdir}``, ``${confpath}`` and ``${env:NAME}`` in *value*.

    With *environment* (the ``url`` settings, as before these sources existed) ``$VAR`` and
    ``${VAR}`` are also taken from the environment, and left as written when unset. Anything
    else is left as written: ``url-command`` may hand ``${VAR}`` to a shell it runs itself.
    One pass, so a replacement is never expanded again.
    """

    def replace(match: re.Match[str]) -> str:
        name = match.group("braced")
        if name is None:
            bare = match.group("bare")
            return os.environ.get(bare, match.group(0)) if environment else match.group(0)
        if name == "confdir":
            return str(where.folder)
        if name == "confpath":
            if where.config_path is None:
                raise where.fail("uses ${confpath}, but there is no configuration file")
            return str(where.config_path)
        if name.startswith("env:"):
            variable = name[4:]
            if variable not in os.environ:
                raise where.fail(
                    f"uses ${{env:{variable}}}, but the environment variable {variable} is not set"
                )
            return os.environ[variable]
        return os.environ.get(name, match.group(0)) if environment else match.group(0)

    return _PLACEHOLDER.sub(replace, value)


def choose_source(database: str, settings: dict[str, Any]) -> tuple[str, Any]:
    """The one URL source among *settings* (None means not given); else a ConfigError."""
    given = [key for key in SOURCES if settings.get(key) is not None]
    if len(given) > 1:
        raise ConfigError(
            f"database {database!r} has more than one URL source ({', '.join(given)}); "
            f"give exactly one of {sources_list()}"
        )
    if not given:
        raise ConfigError(f"database {database!r} has no URL source; give one of {sources_list()}")
    return given[0], settings[given[0]]


def resolve_source(database: str, source: str, value: Any, config_path: Path | None) -> str:
    """Run one URL source for *database* and return the URL it gives."""
    where = Where(database, config_path, source)
    if source == "url-command":
        url = _from_command(value, where)
    else:
        if not isinstance(value, str):
            raise where.fail(f"must be a string, not {_kind(value)}")
        url = _RESOLVERS[source](value, where)
    return url


# -- the sources ----------------------------------------------------------------------------


def _from_url(value: str, where: Where) -> str:
    url = interpolate(value, where, environment=True).strip()
    if not url:
        raise where.fail("is empty")
    _check_url(url, where, "is not a database URL")
    return url


def _from_env(value: str, where: Where) -> str:
    variable = interpolate(value, where)
    url = os.environ.get(variable, "").strip()
    if not url:
        # Worded as before the other sources existed (docs/configuration.md quotes it).
        raise ConfigError(
            f"database {where.database!r}: the environment variable {variable} is not set (url-env)"
        )
    _check_url(url, where, f"the environment variable {variable} does not hold a database URL")
    return url


def _from_file(value: str, where: Where) -> str:
    path = where.path(interpolate(value, where))
    text = _read(path, where)
    lines = text.splitlines()
    url = lines[0].strip() if lines else ""
    if not url:
        raise where.fail(f"{path} is empty on its first line")
    _check_url(url, where, f"{path} does not hold a database URL on its first line")
    return url


def _from_command(value: Any, where: Where) -> str:
    import shlex
    import subprocess

    argv = _command_argv(value, where)
    shown = scrub(shlex.join(argv))
    where = Where(where.database, where.config_path, f"url-command {shown!r}")
    try:
        done = subprocess.run(
            argv, cwd=where.folder, stdin=subprocess.DEVNULL, capture_output=True,
            text=True, errors="replace", timeout=COMMAND_TIMEOUT,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        raise where.fail(f"did not finish within {COMMAND_TIMEOUT:g} seconds") from None
    except FileNotFoundError:
        raise where.fail(f"cannot be run: {argv[0]} was not found") from None
    except OSError as exc:
        raise where.fail(f"cannot be run ({exc.strerror or exc})") from None
    if done.returncode != 0:
        how = (
            f"was killed by signal {-done.returncode}"
            if done.returncode < 0
            else f"exited with status {done.returncode}"
        )
        detail = _last_line(scrub(done.stderr))
        raise where.fail(f"{how} ({detail})" if detail else how)
    url = done.stdout.strip()
    if not url:
        raise where.fail("printed nothing")
    _check_url(url, where, "did not print a database URL")
    return url


def _command_argv(value: Any, where: Where) -> list[str]:
    import shlex

    if isinstance(value, str):
        try:
            parts = shlex.split(value)
        except ValueError as exc:
            raise where.fail(f"cannot be split into arguments ({exc})") from None
    elif isinstance(value, list) and all(isinstance(part, str) for part in value):
        parts = list(value)
    else:
        raise where.fail(f"must be a command line or a list of strings, not {_kind(value)}")
    if not parts:
        raise where.fail("is empty")
    return [interpolate(part, where) for part in parts]


def _from_json(value: str, where: Where) -> str:
    import json

    path, key = _split_file_spec(value, where, "FILE:KEY.PATH (e.g. config.json:databases.0.url)")
    text = _read(path, where, "file ")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise where.fail(f"file {path} is not valid JSON ({scrub(str(exc))})") from None
    inside = Where(where.database, where.config_path, f"{where.setting} file {path}")
    found = _walk(data, key.split("."), inside)
    _check_url(found.strip(), where, f"value at {key} in {path} is not a database URL")
    return found.strip()


def _walk(data: Any, parts: Sequence[str], where: Where) -> str:
    """Follow *parts* into *data*: keys of objects, integer indexes of lists."""
    current = data
    for depth, part in enumerate(parts):
        here = ".".join(parts[:depth]) or "the top level"
        if isinstance(current, dict):
            if part not in current:
                raise where.fail(f"has no key {part!r} at {here}")
            current = current[part]
        elif isinstance(current, list):
            if not re.fullmatch(r"\d+", part):
                raise where.fail(f"has a list at {here}, and {part!r} is not an index")
            if int(part) >= len(current):
                raise where.fail(f"has only {len(current)} item(s) in the list at {here}")
            current = current[int(part)]
        else:
            raise where.fail(f"has {_kind(current)} at {here}, so it has no {part!r} in it")
    if not isinstance(current, str):
        raise where.fail(f"has {_kind(current)} at {'.'.join(parts)}, not a string")
    return current


def _from_ini(value: str, where: Where) -> str:
    import configparser

    example = "FILE:SECTION.KEY (e.g. development.ini:app:main.sqlalchemy.url)"
    path, rest = _split_file_spec(value, where, example)
    section, dot, key = rest.partition(".")
    if not (section and dot and key):
        raise where.fail(f"{value!r} must be {example}")
    text = _read(path, where, "file ")
    parser = configparser.ConfigParser(interpolation=configparser.ExtendedInterpolation())
    where = Where(where.database, where.config_path, f"{where.setting} file {path}")
    try:
        parser.read_string(text, source=str(path))
    except configparser.Error as exc:
        raise where.fail(f"is not a valid INI file ({_ini_problem(exc)})") from None
    if section != parser.default_section and not parser.has_section(section):
        raise where.fail(f"has no section [{section}]")
    if not parser.has_option(section, key):
        raise where.fail(f"has no key {key!r} in section [{section}]")
    try:
        url = parser.get(section, key).strip()
    except configparser.Error as exc:
        problem = _ini_problem(exc)
        raise where.fail(f"cannot interpolate {key!r} in section [{section}] ({problem})") from None
    if not url:
        raise where.fail(f"has an empty {key!r} in section [{section}]")
    _check_url(url, where, f"has no database URL in {key!r} of section [{section}]")
    return url


def _ini_problem(exc: configparser.Error) -> str:
    """configparser's message, cut to its first line and without the raw value it quotes."""
    import configparser

    if isinstance(exc, configparser.InterpolationMissingOptionError):
        return f"${{{exc.reference}}} names no option"
    first = str(exc).splitlines()[0].split(". Raw value:")[0]
    errors = getattr(exc, "errors", None)
    line = getattr(exc, "lineno", None) or (errors[0][0] if errors else None)
    if line and "[line" not in first:
        first = f"{first.rstrip('.')}, line {line}"
    return scrub(first)


def _from_python(value: str, where: Where) -> str:
    module_name, colon, attribute = value.partition(":")
    module_name, attribute = module_name.strip(), attribute.strip()
    if not (colon and module_name and attribute):
        raise where.fail(f"{value!r} must be MODULE:ATTRIBUTE (e.g. settings:DATABASE_URL)")
    module = _import(module_name, where)
    current: Any = module
    for part in attribute.split("."):
        if not hasattr(current, part):
            raise where.fail(f"module {module_name} has no attribute {attribute}")
        current = getattr(current, part)
    if not isinstance(current, str):
        raise where.fail(f"{module_name}:{attribute} is {_kind(current)}, not a string")
    _check_url(current.strip(), where, f"{module_name}:{attribute} is not a database URL")
    return current.strip()


def _import(module_name: str, where: Where) -> Any:
    """Import with the configuration file's folder first on sys.path, then put sys.path back."""
    import importlib

    folder = str(where.folder)
    with _IMPORT_LOCK:
        added = folder not in sys.path
        if added:
            sys.path.insert(0, folder)
        try:
            importlib.invalidate_caches()
            return importlib.import_module(module_name)
        except ImportError as exc:
            raise where.fail(f"cannot import {module_name} ({scrub(str(exc))})") from None
        except Exception as exc:
            problem = _last_line(scrub(str(exc)))
            detail = f"{type(exc).__name__}: {problem}" if problem else type(exc).__name__
            raise where.fail(f"failed while importing {module_name} ({detail})") from None
        finally:
            if added and folder in sys.path:
                sys.path.remove(folder)


_RESOLVERS: dict[str, Callable[[str, Where], str]] = {
    "url": _from_url,
    "url-env": _from_env,
    "url-file": _from_file,
    "url-json": _from_json,
    "url-ini": _from_ini,
    "url-python": _from_python,
}


# -- helpers --------------------------------------------------------------------------------


def _split_file_spec(value: str, where: Where, example: str) -> tuple[Path, str]:
    """Split ``FILE:REST`` at the first colon whose left side is an existing file.

    The first colon is usually right, but a folder may hold one (``${confdir}`` on a Mac named
    "a:b") and an INI section may too (``app:main``), so existing files decide; when none
    exists, the first colon wins and the error says the file is missing.
    """
    value = interpolate(value, where)
    colons = [i for i, char in enumerate(value) if char == ":"]
    candidates = [(value[:i], value[i + 1 :]) for i in colons if value[:i] and value[i + 1 :]]
    if not candidates:
        raise where.fail(f"{value!r} must be {example}")
    for file_part, rest in candidates:
        if where.path(file_part).is_file():
            return where.path(file_part), rest
    file_part, rest = candidates[0]
    return where.path(file_part), rest


def _read(path: Path, where: Where, noun: str = "") -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise where.fail(f"{noun}{path} does not exist") from None
    except UnicodeDecodeError:
        raise where.fail(f"{noun}{path} is not UTF-8 text") from None
    except OSError as exc:
        raise where.fail(f"{noun}{path} cannot be read ({exc.strerror or exc})") from None


def _check_url(url: str, where: Where, problem: str) -> None:
    """Refuse a value that is not URL-shaped, without quoting it: it may be a bare password."""
    if not _URL_SHAPE.match(url):
        raise where.fail(f"{problem} ({EXPECTED})")


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    line = lines[-1] if lines else ""
    return line if len(line) <= 200 else line[:197] + "..."


def _kind(value: Any) -> str:
    names = {
        dict: "an object", list: "a list", str: "a string", bool: "a boolean",
        int: "a number", float: "a number", type(None): "null",
    }  # fmt: skip
    return names.get(type(value), f"a {type(value).__name__}")
