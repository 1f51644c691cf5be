"""The ``migrata`` command: parse, call the library, format. Only this package prints."""

from __future__ import annotations

import gc
import sys

import click

from migrata.cli.commands import main_group
from migrata.errors import MigrataError


def main(argv: list[str] | None = None) -> None:
    """Run the CLI and exit with migrata's exit codes (0 ok, 1 check, 2 usage, 3 failure)."""
    code = run(argv)
    # The process ends here. Spare the interpreter's shutdown its passes of the cyclic collector
    # over every object still alive (SQLAlchemy's modules, a large diff's schemas: about 50 ms of
    # a 0.5 s diff at 1,000 tables); refcounting still frees and closes what it always did.
    gc.freeze()
    sys.exit(code)


def run(argv: list[str] | None = None) -> int:
    from migrata.cli import output

    output.set_options(output.Options())
    try:
        result = main_group.main(args=argv, prog_name="migrata", standalone_mode=False)
    except click.exceptions.Abort:
        output.error_line("aborted")
        return 2
    except click.UsageError as exc:
        command = exc.ctx.command_path if exc.ctx else "migrata"
        output.error_line(f"{exc.format_message()} (see `{command} --help`)")
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except MigrataError as exc:
        options = output.current_options()
        if options.traceback:
            import traceback

            traceback.print_exc()
        output.print_error(exc, verbose=options.verbose)
        return exc.exit_code
    except KeyboardInterrupt:
        output.error_line("interrupted")
        return 130
    except Exception:
        import traceback

        output.error_line("migrata hit a bug; please report it with this traceback:")
        traceback.print_exc()
        return 3
    return result if isinstance(result, int) else 0


__all__ = ["main", "run"]
