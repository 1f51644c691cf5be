"""The documentation keeps up with the code: commands, options, public names, links.

No database is needed; everything here reads files and click's command objects.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import click
import pytest

import migrata
from migrata.cli.commands import main_group

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
COMMANDS_MD = DOCS / "commands.md"
MARKDOWN = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]

# [text](target) and [text](target "title"); images too.
_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
# `path` in inline code that names a file or folder of this repository.
_CODE_PATH = re.compile(r"`(?:\./)?((?:src|tests|docs|examples|scripts|bench)/[\w./-]+)`")


def _commands() -> dict[str, click.Command]:
    return dict(main_group.commands)


def _long_flags(command: click.Command) -> set[str]:
    flags: set[str] = set()
    for param in command.params:
        if isinstance(param, click.Option):
            for opt in (*param.opts, *param.secondary_opts):
                if opt.startswith("--"):
                    flags.add(opt)
    return flags


def _commands_text() -> str:
    return COMMANDS_MD.read_text(encoding="utf-8")


def test_there_are_commands() -> None:
    assert _commands(), "main_group registers no command"


@pytest.mark.parametrize("name", sorted(_commands()))
def test_command_has_a_section(name: str) -> None:
    heading = re.compile(rf"^#{{2,4}}\s+`?migrata {re.escape(name)}`?\s*$", re.MULTILINE)
    assert heading.search(_commands_text()), f"docs/commands.md has no '## migrata {name}' section"


@pytest.mark.parametrize("name", sorted(_commands()))
def test_command_has_help(name: str) -> None:
    command = _commands()[name]
    text = (command.help or command.short_help or "").strip()
    assert text, f"`migrata {name}` has no help text"


@pytest.mark.parametrize("name", ["", *sorted(_commands())])
def test_every_option_is_documented(name: str) -> None:
    command = _commands()[name] if name else main_group
    text = _commands_text()
    missing = sorted(
        flag
        for flag in _long_flags(command)
        if not re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", text)
    )
    where = f"migrata {name}" if name else "migrata"
    assert not missing, f"docs/commands.md does not mention {missing} of `{where}`"


def test_all_is_sorted() -> None:
    assert list(migrata.__all__) == sorted(migrata.__all__)


def test_all_names_are_unique() -> None:
    assert len(set(migrata.__all__)) == len(migrata.__all__)


@pytest.mark.parametrize("name", migrata.__all__)
def test_public_name_is_importable(name: str) -> None:
    module = importlib.import_module("migrata")
    assert getattr(module, name) is not None
    namespace: dict[str, object] = {}
    exec(f"from migrata import {name}", namespace)
    assert name in namespace


def _links(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return _LINK.findall(text)


def _is_local(target: str) -> bool:
    return not re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE) and not target.startswith(
        "#"
    )


@pytest.mark.parametrize("path", MARKDOWN, ids=lambda p: str(p.relative_to(ROOT)))
def test_linked_paths_exist(path: Path) -> None:
    broken = []
    for target in _links(path):
        if not _is_local(target):
            continue
        file_part = target.split("#", 1)[0].split("?", 1)[0]
        if file_part and not (path.parent / file_part).exists():
            broken.append(target)
    for code_path in _CODE_PATH.findall(path.read_text(encoding="utf-8")):
        if not (ROOT / code_path.rstrip(".")).exists():
            broken.append(code_path)
    assert not broken, f"{path.relative_to(ROOT)} links to paths that do not exist: {broken}"


def _anchors(path: Path) -> set[str]:
    """GitHub's anchors for the headings of a Markdown file."""
    anchors = set()
    in_fence = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            in_fence = not in_fence
        if in_fence or not line.startswith("#"):
            continue
        title = line.lstrip("#").strip().lower()
        title = re.sub(r"[^\w\- ]", "", title)
        anchors.add(title.replace(" ", "-"))
    return anchors


@pytest.mark.parametrize("path", MARKDOWN, ids=lambda p: str(p.relative_to(ROOT)))
def test_linked_anchors_exist(path: Path) -> None:
    broken = []
    for target in _links(path):
        if not _is_local(target) or "#" not in target:
            continue
        file_part, anchor = target.split("#", 1)
        document = (path.parent / file_part) if file_part else path
        if document.suffix == ".md" and document.exists() and anchor not in _anchors(document):
            broken.append(target)
    assert not broken, f"{path.relative_to(ROOT)} links to headings that do not exist: {broken}"
