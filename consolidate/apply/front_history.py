"""The history of the preamble or the signature block of a table act (Order 550).

These are units of the act's own text like its points and rows, but they have no number:
`consolidate history --unit preamble` (or `signature`) names them by their eId. The history
is read from the versions themselves, so it says the same as the outputs: the base's
wording, then each version whose wording differs, with the order that made it and what it
did (inserted, restated, repealed), the preamble's notes included.
"""

from __future__ import annotations

from collections.abc import Sequence

from consolidate.model.act import Act

FRONT_UNITS = ("preamble", "signature")
"""eIds of the units outside the points and annexes, as the AKN and the HTML name them."""


def front_lines(act: Act, eid: str) -> tuple[str, ...]:
    """The printed lines of the unit in one version (the preamble followed by its notes)."""
    if eid == "preamble":
        return (*act.preamble, *act.preamble_notes)
    if eid == "signature":
        return tuple(act.signature)
    raise ValueError(eid)


def _text(act: Act, eid: str) -> tuple[str, ...]:
    return tuple(act.preamble) if eid == "preamble" else tuple(act.signature)


def front_wordings(versions: Sequence[Act], eid: str) -> list[tuple[int, tuple[str, ...], str]]:
    """(version index, printed lines, what the order did) for the base and each version whose
    wording differs from the one before; the base's action is "". Shared by `consolidate
    history` and the web page's history, so both say the same."""
    found: list[tuple[int, tuple[str, ...], str]] = []
    previous: tuple[str, ...] | None = None
    before: tuple[str, ...] = ()
    for index, act in enumerate(versions):
        lines, text = front_lines(act, eid), _text(act, eid)
        if index and lines == previous:
            continue
        action = ""
        if index:
            action = "inserted" if not before else "repealed" if not text else "restated"
            action = action if text != before else "amended"
        found.append((index, lines, action))
        previous, before = lines, text
    return found


def front_history(versions: Sequence[Act], eid: str) -> list[str]:
    """What `consolidate history --unit preamble|signature` prints, a line each; empty when
    no version has the unit."""
    out = [eid]
    for index, lines, action in front_wordings(versions, eid):
        if not index:
            out.append("  base" if lines else "  not in the base")
        else:
            order = versions[index].applied[-1]
            out.append(f"  order № {order.number} of {order.date}: {action}")
        out.extend(f"    {line}" for line in lines)
    changed = any(line.startswith("  order") for line in out)
    if not changed and out[1] != "  base":
        return []  # no version has it
    if not changed:
        out.append("  unchanged since the base")
    return out
