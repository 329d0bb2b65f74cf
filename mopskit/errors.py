"""The one error type users see: bad input, named by file, row and column."""

from __future__ import annotations

from os import PathLike


class InputError(ValueError):
    """A user's file or value is unusable; the message says where and why.

    ``file``, ``row`` (1-based, as a spreadsheet shows it) and ``column`` are kept
    as attributes so callers can point at the cell without parsing the message.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | PathLike[str] | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.reason = message
        self.file = str(file) if file is not None else None
        self.row = row
        self.column = column
        super().__init__(self._format())

    def _render_traceback_(self) -> list[str]:
        """In a notebook, one line: the message says where and why, so a traceback adds only noise."""
        return [f"{type(self).__name__}: {self}"]

    def _format(self) -> str:
        where = []
        if self.file is not None:
            where.append(self.file)
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.reason}" if where else self.reason

    def at_command_line(self) -> str:
        """The message as the command line shows it (the same, unless the fix is spelled differently there)."""
        return str(self)


class TargetExists(InputError):
    """A report would replace a file: Python callers pass ``force=True``, the command line adds ``--force``."""

    def __init__(self, file: str | PathLike[str]) -> None:
        super().__init__("already exists; not overwritten (pass force=True to replace it)", file=file)

    def at_command_line(self) -> str:
        return str(InputError("already exists; not overwritten (add --force to replace it)", file=self.file))
