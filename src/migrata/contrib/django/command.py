"""What upgradedb and comparedb share: the --database option and errors as one sentence."""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS

from migrata.errors import MigrataError


class MigrataCommand(BaseCommand):
    """A management command that reports migrata's errors as ``CommandError``: one sentence,
    passwords masked, migrata's exit code, and no traceback (unless ``--traceback``)."""

    requires_migrations_checks = False
    requires_system_checks: ClassVar[list[str]] = []  # checks would open connections we do not use
    #: The database URL once known, so that no message shows its password.
    url: str | None = None

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--database", default=DEFAULT_DB_ALIAS,
            help='The database alias in settings.DATABASES (default: "default").',
        )  # fmt: skip

    def execute(self, *args: Any, **options: Any) -> Any:
        from django.db import Error as DjangoDatabaseError

        try:
            return super().execute(*args, **options)
        except MigrataError as exc:
            raise CommandError(self.hide(str(exc)), returncode=exc.exit_code) from exc
        except DjangoDatabaseError as exc:  # outside any migration: reaching the database
            raise CommandError(self.hide(_first_line(exc)), returncode=2) from exc

    def hide(self, text: str) -> str:
        from migrata.contrib.django.databases import hide_password

        return hide_password(text, self.url) if self.url else text

    def say(self, text: str) -> None:
        """A note for people, on stderr: stdout is kept for what may be piped (SQL, names)."""
        self.stderr.write(text, style_func=lambda s: s)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
