"""``manage.py comparedb``: drift between the database and what its migrations build.

nashvegas's comparedb ran PostgreSQL's shell tools; this one materialises the applied
migrations in a scratch database of the same kind and compares reflected schemas, so it works
on every backend migrata supports.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser

from migrata.contrib.django.command import MigrataCommand
from migrata.contrib.django.project import load_project, project_migrator


class Command(MigrataCommand):
    help = (
        "Compare the database with the schema its applied migrations build (drift), or with "
        "--models the schema all migrations build with the models (a missing migration). "
        "Exits 1 when they differ."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--models", action="store_true", help="Compare what every migration builds with the current models instead.")
        parser.add_argument("--sql", action="store_true", help="Print the differences as the SQL that removes them.")

    def handle(self, *args: Any, **options: Any) -> None:
        from migrata.schema_commands import APPLIED, DATABASE, MIGRATIONS

        project = load_project(options["database"])
        self.url = project.url
        with project_migrator(project) as migrator:
            if options["models"]:
                source, target = MIGRATIONS, f"django::{project.alias}"
                what = "what the migrations build and the models"
            else:
                source, target = APPLIED, DATABASE
                what = f"{migrator.database.label} and what its applied migrations build"
            result = migrator.diff(source, target, scratch_url=project.scratch_url)
            if options["sql"] and result.sql:
                self.stdout.write(migrator.dialect.render_script(result.sql), ending="")
            elif not options["sql"]:
                for op in result.operations:
                    self.stdout.write(op.describe())
        if result.operations:
            count = len(result.operations)
            raise CommandError(f"{count} difference(s) between {what}", returncode=1)
        self.say(f"No differences between {what}.")
