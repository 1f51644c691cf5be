"""Running statements for one migration: transactions, the statement journal, ``.out`` capture.

Three modes, chosen by the runner:

* ``atomic``: the whole migration is one transaction the runner opened; nothing to journal.
* ``journal``: for databases whose DDL commits implicitly (MySQL/MariaDB). Before each
  statement the count of statements done so far is written and committed together with them
  (a DML statement and its count commit atomically); the last count is written by the
  runner's final update, in the same commit. The runner's ``running`` row is committed by the
  first statement when that is DDL (MySQL commits implicitly before DDL), and if that DDL is
  refused before it runs, the row goes with it: the migration is simply pending again.
* ``autocommit``: ``transaction: off``; each statement runs outside any transaction, and the
  count is written before the next one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from migrata.errors import MigrationFailed, MigrationFileError, driver_message, is_driver_error
from migrata.run.expected_output import format_count, format_rows
from migrata.urls import mask_in

if TYPE_CHECKING:
    from migrata.dialects.base import Dialect
    from migrata.run.connection import DriverConnection, Result

ATOMIC, JOURNAL, AUTOCOMMIT = "atomic", "journal", "autocommit"


class Executor:
    """Executes statements of one migration and counts them."""

    def __init__(
        self,
        conn: DriverConnection,
        dialect: Dialect,
        *,
        mode: str,
        migration: str,
        database: str,
        url: str | None = None,
        journal: Callable[[int], None] | None = None,
        skip: int = 0,
    ) -> None:
        self.conn = conn
        self.dialect = dialect
        self.mode = mode
        self.migration = migration
        self.database = database
        self.url = url
        self.journal = journal
        self.skip = skip
        self.done = 0
        self.journaled = skip
        self.capture: list[str] | None = None
        self.carry_before: str | None = None
        self.carry_after: str | None = None

    def run_script(self, text: str, where: str) -> None:
        """Split a SQL script and execute its statements in order."""
        try:
            statements = self.dialect.split_statements(text)
        except ValueError as exc:
            raise MigrationFileError(where, str(exc)) from None
        if self.capture is not None or not statements:
            self._send_before()  # a checked output needs each statement's own result
        last = len(statements) - 1
        for number, statement in enumerate(statements):
            self.execute(
                statement.text, None, source=where, line=statement.line, eager=False,
                wire=self._carried(statement.text, last=number == last),
            )  # fmt: skip

    # A dialect whose driver sends several statements in one round trip (PostgreSQL's simple
    # query protocol) gets a migration's SAVEPOINT and RELEASE "carried" by its first and last
    # statement: two round trips fewer per migration. A failure is still the statement's own.
    # ``carry_before`` is None once the SAVEPOINT has gone out (or was never wanted).

    def carry(self, before: str, after: str) -> None:
        """Send *before* with the next statement, and *after* with the script's last one."""
        self.carry_before, self.carry_after = before, after

    def flush_carried(self) -> None:
        """Send what no statement carried (an empty script, a checked output)."""
        self._send_before()
        after, self.carry_after = self.carry_after, None
        if after is not None:
            self.conn.execute(after)

    def _send_before(self) -> None:
        before, self.carry_before = self.carry_before, None
        if before is not None:
            self.conn.execute(before)

    def _carried(self, sql: str, *, last: bool) -> str:
        """*sql* with what it carries: the SAVEPOINT first, and if it is last, the RELEASE."""
        before, self.carry_before = self.carry_before, None
        after = None
        if last and self.capture is None:
            after, self.carry_after = self.carry_after, None
        # The splitter leaves trailing comments out; the newlines guard a statement ending in
        # a line comment anyway. A statement's own text is never changed.
        return "".join((f"{before};\n" if before else "", sql, f"\n;\n{after}" if after else ""))

    def execute(
        self,
        sql: Any,
        params: dict[str, Any] | None = None,
        *,
        source: str,
        line: int | None = None,
        eager: bool = True,
        sqlalchemy: bool = False,
        wire: str | None = None,
    ) -> Any:
        """Execute one statement, unless a resumed run already committed it.

        *eager* records the count at once; statements of a script leave it to the next
        statement (or the runner), as nothing but migrata runs in between. *sqlalchemy* runs
        it through SQLAlchemy (a Python migration's ``ctx.execute``, which returns its result);
        *wire* is the text sent instead of *sql* (with what it carries, see run_script).
        """
        if self.done < self.skip:
            self.done += 1
            return None
        try:
            self.settle(implicit_commit=self.dialect.implicitly_commits(str(sql)))
            if sqlalchemy:
                result = self.conn.execute_sqlalchemy(sql, params)
            else:
                result = self.conn.execute(wire or sql, params)
            if self.capture is not None:
                self._capture(sql, result)
            self.done += 1
            if eager:
                self.settle()
        except Exception as exc:
            if self.mode == JOURNAL and self.conn.in_transaction():
                self.conn.rollback()
            raise self._failure(exc, sql, source, line) from exc
        return result

    def settle(self, implicit_commit: bool = False) -> None:
        """Record the statements done so far and commit, before another statement runs."""
        if self.mode == ATOMIC:
            return
        counted = self.journal is not None and self.done > self.journaled
        if counted:
            self.journal(self.done)  # type: ignore[misc]
            self.journaled = self.done
        if self.mode == JOURNAL and self.conn.in_transaction() and (counted or not implicit_commit):
            self.conn.commit()

    def _capture(self, sql: Any, result: Result) -> None:
        assert self.capture is not None
        if result.returns_rows:
            rows = result.fetchall()
            self.capture.extend(format_rows(list(result.keys()), rows))
        else:
            self.capture.extend(format_count(str(sql), result.rowcount))

    def _failure(self, exc: Exception, sql: Any, source: str, line: int | None) -> Exception:
        if not is_driver_error(exc):
            return exc
        reason = driver_message(exc)
        where = f"{source}, line {line}" if line else source
        number = self.done + 1
        message = f"{self.migration} failed on {self.database} at statement {number} ({where}): {reason}"
        return MigrationFailed(
            mask_in(message, self.url),
            migration=self.migration,
            statement=str(sql),
            database=self.database,
        )
