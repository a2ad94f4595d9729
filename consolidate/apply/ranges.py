"""Ranges of letter subpoints ("ш)-ю)") resolved against the act being amended.

The reader keeps such a range as a range ("ш..ю", `model.numbering.letter_range`): which
letters lie between two is the amended act's own lettering (an act may skip "ъ", "ы", "ь" or
use "ё"), not something the amending text says. Here it becomes the units that exist, in
document order, from the one numbered as the first letter to the one numbered as the last:
both must exist, in one list of units, the first before the last; otherwise an error naming
them. Numbers that are not ranges pass unchanged.
"""

from __future__ import annotations

from collections.abc import Callable

from consolidate.errors import ApplyError
from consolidate.model.numbering import letter_range
from consolidate.model.tree import Node


def expand_letter_ranges(
    nums: list[str],
    find: Callable[[str], list[Node]],
    siblings_of: Callable[[Node], list[Node]],
    where: str,
) -> list[str]:
    """`nums` with each letter range replaced by the numbers of the units it covers.

    `find(num)` gives the units of the kind acted on numbered `num` in the named container;
    `siblings_of(node)` the list of units that holds `node`."""
    out: list[str] = []
    for num in nums:
        span = letter_range(num)
        if span is None:
            out.append(num)
            continue
        first, last = span
        ends = []
        for letter in (first, last):
            found = find(letter)
            if len(found) != 1:
                state = "is not in the act" if not found else f"is named {len(found)} times"
                raise ApplyError(f"the range of subpoints {first})–{last}): subpoint {letter}) {state}", where=where)
            ends.append(found[0])
        siblings = siblings_of(ends[0])
        start = next(i for i, node in enumerate(siblings) if node is ends[0])
        stop = next((i for i, node in enumerate(siblings) if node is ends[1]), None)
        if stop is None or stop < start:
            raise ApplyError(
                f"the range of subpoints {first})–{last}): subpoint {last}) does not follow subpoint {first}) "
                "in one list",
                where=where,
            )
        kind = ends[0].kind
        out.extend(node.num for node in siblings[start : stop + 1] if node.kind is kind and node.num)
    return out
