"""The one error type the tool raises for bad input.

Every problem a user can cause (an unreadable file, an instruction the grammar does not
know, a target that does not exist) is a `ConsolidateError` whose message names the file,
line or unit. The command line prints it on one line and exits with code 2; nothing else
escapes as a traceback.
"""

from __future__ import annotations


class ConsolidateError(Exception):
    """A user-facing error: one line, naming where the problem is."""

    exit_code = 2

    def __init__(self, message: str, *, where: str | None = None, details: tuple[str, ...] = ()) -> None:
        self.message = message
        self.where = where
        self.details = details
        super().__init__(f"{where}: {message}" if where else message)

    def lines(self) -> list[str]:
        """What to print: one line per problem (the details), or the message alone."""
        return list(self.details) or [str(self)]


class ParseError(ConsolidateError):
    """Text of an amending order the grammar cannot read."""

    @classmethod
    def collect(cls, problems: list[ParseError]) -> ParseError:
        """One error for several sentences the grammar could not read, listing each."""
        if len(problems) == 1:
            return problems[0]
        details = tuple(" ".join(str(p).split()) for p in problems)
        return cls(f"{len(problems)} sentences the grammar cannot read", details=details)


class ApplyError(ConsolidateError):
    """An operation that cannot be applied to the base version."""


class InputError(ConsolidateError):
    """A file that is missing, empty, binary, unsafe or of an unknown kind."""
