"""A word change where the old words were found only across a space lost at a line break.

`tree_apply._lenient` finds «в области» in «в областистатистики» (the bank's copy lost the
space at a line break). The words put in their place must not stay glued to the word after
them («в области государственнойстатистики»): the lost space is put back after the new words,
and only there, when both sides of the join are letters or digits.
"""

from __future__ import annotations

import re
from collections.abc import Callable


def restoring_lost_space(replacement: str) -> Callable[[re.Match[str]], str]:
    """The replacement for a match found across lost spaces, with the space after it put back."""

    def put(match: re.Match[str]) -> str:
        text, end = match.string, match.end()
        glued = end < len(text) and text[end].isalnum() and replacement[-1:].isalnum()
        return replacement + " " if glued else replacement

    return put
