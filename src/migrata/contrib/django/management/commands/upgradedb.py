"""``manage.py upgradedb --list | --execute | --seed NAME | --create`` (nashvegas's interface)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.management.base import CommandParser

from migrata.contrib.django.command import MigrataCommand
from migrata.contrib.django.project import DjangoMigrator, load_project, project_migrator

if TYPE_CHECKING:
    from migrata.project.plan import Step
    from migrata.run.runner import StepResult


_NOTES = {
    "late": "  (late: migrations after it are applied already)",
    "failed": "  (failed before any statement committed; --execute runs it again)",
}


class Command(MigrataCommand):
    help = (
        "List (--list), apply (--execute) or record without running (--seed NAME) the "
        "project's migrata migrations, or print the SQL that takes the database to the "
        "current models (--create)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--list", action="store_true", help="List the migrations --execute would run.")
        action.add_argument("--execute", action="store_true", help="Apply every pending migration, each in its own transaction where the database allows.")
        action.add_argument("--seed", metavar="NAME", help="Record every migration up to and including NAME as applied, running nothing (for a database that already has them).")
        action.add_argument("--create", action="store_true", help="Print the SQL that takes the database to the current models (nothing is run or written).")
        super().add_arguments(parser)
        parser.add_argument("--rename", action="append", default=[], metavar="OLD=NEW", help="With --create: a rename, TABLE=NEWTABLE or TABLE.COLUMN=NEWCOLUMN (repeatable).")
        parser.add_argument("--default", action="append", default=[], metavar="TABLE.COLUMN=SQL", help="With --create: a value for existing rows of a new NOT NULL column (repeatable).")
        parser.add_argument("--allow-data-loss", action="store_true", help="With --create: allow dropping tables and columns that hold data.")

    def handle(self, *args: Any, **options: Any) -> None:
        project = load_project(options["database"])
        self.url = project.url
        # Only --execute runs user code, which may use the ORM: it shares Django's connection.
        with project_migrator(project, share_connection=bool(options["execute"])) as migrator:
            assert isinstance(migrator, DjangoMigrator)
            if options["list"]:
                self._list(migrator)
            elif options["execute"]:
                self._execute(migrator)
            elif options["seed"]:
                report = migrator.fake(options["seed"])
                for step in report.steps:
                    self.stdout.write(f"seeded {step.key}")
                if not report.steps:
                    self.say(f"Nothing to seed: every migration up to {options['seed']} is recorded.")
            else:
                self._create(migrator, options, project.scratch_url)

    def _list(self, migrator: DjangoMigrator) -> None:
        plan = migrator.plan()  # exactly what --execute would run (it raises what would stop it)
        states = {s.key: s.state for s in migrator.status().migrations}
        for step in plan.steps:
            note = _NOTES.get(states.get(step.key, ""), "")
            self.stdout.write(f"{step.key}{note}")
        for key, state in states.items():
            if state in ("changed", "missing"):
                self.say(f"{key} is {state}; see `migrata status`")
        if not plan.steps:
            self.say(f"No migrations to apply on {migrator.database.label}.")

    def _execute(self, migrator: DjangoMigrator) -> None:
        def progress(event: str, step: Step, index: int, total: int, result: StepResult | None) -> None:
            if event == "done" and result is not None:
                late = " (late)" if result.late else ""
                self.stdout.write(f"applied {step.key}{late} ({result.duration_ms} ms)")

        report = migrator.apply(progress=progress)
        if not report.steps:
            self.say(f"No migrations to apply on {migrator.database.label}.")

    def _create(self, migrator: DjangoMigrator, options: dict[str, Any], scratch_url: str | None) -> None:
        from migrata.diff.questioner import Questioner, answers_from_flags
        from migrata.schema_commands import DATABASE

        answers = answers_from_flags(options["rename"], options["default"], options["allow_data_loss"])
        result = migrator.diff(
            DATABASE, f"django::{migrator.alias}", questioner=Questioner(answers),
            scratch_url=scratch_url,
        )  # fmt: skip
        if not result.sql:
            self.say(f"No changes: {migrator.database.label} already matches the models.")
            return
        self.stdout.write(migrator.dialect.render_script(result.sql), ending="")
