"""Compare two schema models and describe the difference as operations.

``diff(old, new, questioner)`` returns operations (``diff.operations``) that a dialect renders
to SQL (``Dialect.render``); ``reverse_all`` gives the operations of the down migration.
Everything here is pure over ``schema.model``: no connection, no terminal.
"""

from __future__ import annotations

from migrata.diff.differ import diff
from migrata.diff.operations import Operation
from migrata.diff.order import reverse_all
from migrata.diff.questioner import Questioner, answers_from_flags
from migrata.diff.state import apply_operations

__all__ = ["Operation", "Questioner", "answers_from_flags", "apply_operations", "diff", "reverse_all"]
