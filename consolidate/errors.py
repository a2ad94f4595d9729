"""The one error type the tool raises for bad input.

Every problem a user can cause (an unreadable file, an instruction the grammar does not
know, a target that does not exist) is a `ConsolidateError` whose message names the file,
line or unit. The command line prints it on one line and exits with code 2; nothing else
escapes as a traceback.
"""

from __future__ import annotations

MAX_DETAILS = 100
"""Problems listed under the summary line; the summary gives the count of all of them."""


class ConsolidateError(Exception):
    """A user-facing error: one line, naming where the problem is."""

    exit_code = 2

    def __init__(self, message: str, *, where: str | None = None, details: tuple[str, ...] = ()) -> None:
        self.message = message
        self.where = where
        self.details = details
        super().__init__(f"{where}: {message}" if where else message)

    def lines(self) -> list[str]:
        """What to print: the message on one line, then one line per detail (for several
        problems of one kind: "3 sentences the grammar cannot read", then each)."""
        shown = [f"  {detail}" for detail in self.details[:MAX_DETAILS]]
        if len(self.details) > MAX_DETAILS:
            shown.append(f"  … and {len(self.details) - MAX_DETAILS} more")
        return [str(self), *shown]


class ParseError(ConsolidateError):
    """Text of an amending order the grammar cannot read."""

    @classmethod
    def collect(cls, problems: list[ParseError], where: str | None = None) -> ParseError:
        """One error for several sentences the grammar could not read: a summary line
        naming the file, then each problem."""
        if len(problems) == 1:
            return problems[0]
        details = tuple(" ".join(str(p).split()) for p in problems)
        return cls(f"{len(problems)} sentences the grammar cannot read", where=where, details=details)


class ApplyError(ConsolidateError):
    """An operation that cannot be applied to the base version."""


class InputError(ConsolidateError):
    """A file that is missing, empty, binary, unsafe, too large or of an unknown kind."""


class OutputError(ConsolidateError):
    """An output that may not be written (it is or holds an input, it is not a regular
    folder or file) or that the system refused to write (read-only, disk full)."""
