"""Numbers of structural units: "7", "7-1", "26-1", "49-1".

Inserted units take a suffix number, so numbers are compared part by part:
7 < 7-1 < 7-2 < 8 and 26 < 26-1 < 27. Numbers stay strings everywhere (they are labels
printed in the text); `num_key` gives the total order.
"""

from __future__ import annotations

import re

from consolidate.errors import ConsolidateError

NUM_RE = re.compile(r"\d+(?:-\d+)*")


def is_num(text: str) -> bool:
    """True when `text` is a unit number such as "55" or "55-1"."""
    return NUM_RE.fullmatch(text) is not None


def num_key(num: str) -> tuple[int, ...]:
    """Sort key of a unit number: "7-1" -> (7, 1)."""
    if not is_num(num):
        raise ConsolidateError(f"not a unit number: {num!r}")
    return tuple(int(part) for part in num.split("-"))


def expand_range(first: str, last: str) -> list[str]:
    """Numbers from `first` to `last` inclusive when both are plain numbers ("33"-"35").

    A range over suffix numbers ("7-1"–"7-3") expands on the last part.
    """
    a, b = num_key(first), num_key(last)
    if len(a) != len(b) or a[:-1] != b[:-1] or a[-1] > b[-1]:
        raise ConsolidateError(f"cannot expand the range {first}–{last}")
    head = "-".join(str(p) for p in a[:-1])
    return [f"{head}-{n}" if head else str(n) for n in range(a[-1], b[-1] + 1)]
