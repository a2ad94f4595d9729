"""Fuzzy decisions: what the tool took on a likeness rather than on an exact reading.

An annex named in other words than its title, a word of damaged text repaired, and on an
act held as a provision tree every change the amending text does not literally make (words
found across lost spaces, punctuation adjusted, paragraphs counted in the text before the
act, a chapter renumbered by a change of words): the result is probably right, but a
reader must be able to check it. Each decision names both sides
(what the order says, what it was taken as). The command line prints them as warnings
when the command succeeds and refuses them with `--strict`; the web page and the batch
report show them too. They travel with the versions (`apply.chain.apply_chain_noting`),
never through global state.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from consolidate.model.amendment import Amendment

EXAMPLES = 3
"""Repairs of one order named in its warning line; `consolidate parse` lists them all."""


class FuzzyKind(enum.Enum):
    """The closed set of decisions taken on a likeness."""

    ANNEX_BY_SIMILARITY = "annex-by-similarity"
    TEXT_REPAIRED = "text-repaired"
    # Decisions of the tree engine (`apply.tree_apply`), each a change the text of the
    # amending act does not literally make:
    WORDS_FOUND_LENIENTLY = "words-found-leniently"  # across lost spaces or another letter case
    PUNCTUATION_ADJUSTED = "punctuation-adjusted"  # a «.» made «;» or a «;» made «.»
    WORDS_BEFORE_PUNCTUATION = "words-before-final-punctuation"  # words added at the end
    PARAGRAPHS_OF_THE_TEXT_BEFORE = "paragraphs-of-the-text-before"  # paragraphs it inserted not counted
    CHAPTER_RENUMBERED = "chapter-renumbered"  # a whole-text change of words taken as a number


TREE_KINDS = frozenset(
    {
        FuzzyKind.WORDS_FOUND_LENIENTLY,
        FuzzyKind.PUNCTUATION_ADJUSTED,
        FuzzyKind.WORDS_BEFORE_PUNCTUATION,
        FuzzyKind.PARAGRAPHS_OF_THE_TEXT_BEFORE,
        FuzzyKind.CHAPTER_RENUMBERED,
    }
)


@dataclass(frozen=True)
class FuzzyDecision:
    """One decision of one order: `said` (the order's words) taken as `taken`."""

    kind: FuzzyKind
    order: str  # "order 192"
    where: str  # the order, its file and line, the operation
    said: str
    taken: str
    similarity: float | None = None
    repair: str = ""  # the cleanup kind of a repaired text

    def message(self) -> str:
        """One line naming both sides, e.g. "order 192, kaz.txt:12 (operation 3): the order's
        «… талаптарында» taken as annex 2 «… талаптары» (similarity 0.91)"."""
        if self.kind is FuzzyKind.ANNEX_BY_SIMILARITY:
            return (
                f"{self.where}: the order's «{self.said}» taken as {self.taken} "
                f"(similarity {self.similarity:.2f}; no annex title has the same words)"
            )
        if self.kind in TREE_KINDS:
            return f"{self.where}: {self.kind.value}: asked {self.said}; done: {self.taken}"
        return f"{self.where}: {self.repair} «{self.said}» repaired as «{self.taken}»"


def warning_lines(decisions: list[FuzzyDecision]) -> list[str]:
    """The warnings to print, annexes first: one per annex name taken by similarity (the
    operations that name it so counted), one per order for its repairs of damaged text
    (how many, the first few with both sides)."""
    lines: list[str] = []
    annexes: dict[tuple[str, str, str], list[FuzzyDecision]] = {}
    repaired: dict[str, list[FuzzyDecision]] = {}
    changes: list[str] = []  # the tree engine's decisions: one line each, in the order taken
    for decision in decisions:
        if decision.kind is FuzzyKind.TEXT_REPAIRED:
            repaired.setdefault(decision.order, []).append(decision)
        elif decision.kind in TREE_KINDS:
            if decision.message() not in changes:
                changes.append(decision.message())
        else:
            annexes.setdefault((decision.order, decision.said, decision.taken), []).append(decision)
    for group in annexes.values():
        more = len(group) - 1
        lines.append(group[0].message() + (f"; and {more} more operation{'s' if more > 1 else ''} naming it so"
                                           if more else ""))  # fmt: skip
    for order, group in repaired.items():
        shown = "; ".join(
            f"{d.where.removeprefix(order + ', ')}: {d.repair} «{d.said}» -> «{d.taken}»" for d in group[:EXAMPLES]
        )
        rest = f"; and {len(group) - EXAMPLES} more" if len(group) > EXAMPLES else ""
        lines.append(
            f"{order}: {len(group)} repair{'s' if len(group) != 1 else ''} of damaged text made reading its text: "
            f"{shown}{rest} (consolidate parse lists each)"
        )
    return lines + changes


def strict_message(decisions: list[FuzzyDecision]) -> str:
    """The one line `--strict` refuses with: the first warning, and how many more."""
    lines = warning_lines(decisions)
    more = f"; and {len(lines) - 1} more (run without --strict to see each)" if len(lines) > 1 else ""
    return f"fuzzy decisions refused (--strict): {lines[0]}{more}"


def repairs(amendment: Amendment) -> list[FuzzyDecision]:
    """The repairs of damaged text made while reading an order's text for this command,
    by line: each a decision naming the raw and the repaired text."""
    order = f"order {amendment.order.number}"
    file = amendment.operations[0].source.file if amendment.operations else "its text"
    cleanups = sorted(amendment.cleanups, key=lambda c: c.line)
    return [
        FuzzyDecision(
            FuzzyKind.TEXT_REPAIRED,
            order,
            f"{order}, {file}:{c.line}",
            " ".join(c.raw.split()),
            " ".join(c.clean.split()),
            repair=c.kind,
        )
        for c in cleanups
    ]
