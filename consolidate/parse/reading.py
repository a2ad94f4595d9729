"""The reading of one instruction sentence in the shape of the real-text corpus.

tests/corpus/README.md defines one shape for what a sentence says, written by hand for
each real sentence of tests/corpus/instructions.jsonl. This module turns the parser's
`Instruction` into that shape, so the parser can be measured against the hand-written
expectations (benchmarks/bench_grammar.py, tests/test_corpus_grammar.py). It is a view:
nothing here reads text.
"""

from __future__ import annotations

from typing import Any

from consolidate.model.amendment import Target
from consolidate.model.numbering import letter_range
from consolidate.parse.cleanup import CleanupLog

TARGET_KEYS = (
    "annex", "section", "chapter", "paragraphs", "articles", "points", "subpoints", "parts", "indents",
    "sentences", "rows",
)  # fmt: skip
"""Target keys from the outer unit to the inner one, as the corpus writes them."""


def _item(num: str) -> str | dict[str, str]:
    """A unit number, or a range of letters kept as a range ("ш..ю" -> from ш to ю)."""
    span = letter_range(num)
    return {"from": span[0], "to": span[1]} if span else num


def compact_target(target: Target, ranges: dict[str, tuple[tuple[str, str], ...]] | None = None) -> dict[str, Any]:
    """Only the keys the sentence names; a range written in the sentence stays a range."""
    out: dict[str, Any] = {}
    for key in TARGET_KEYS:
        value = getattr(target, key)
        if not value:
            continue
        if isinstance(value, tuple):
            spans = (ranges or {}).get(key)
            out[key] = [{"from": a, "to": b} for a, b in spans] if spans else [_item(num) for num in value]
        else:
            out[key] = value
    return out


def reading(instruction: Any) -> dict[str, Any]:
    """The corpus reading of an `Instruction` (consolidate.parse.instructions)."""
    kind = instruction.kind
    if kind == "several":
        return {"op": "several", "operations": [reading(part) for part in instruction.parts]}
    if kind in ("opening", "act"):
        return {"op": "context", "unit": "act", "target": {}}
    if kind in ("lose_force_list", "lose_force_item"):
        return {"op": "lose_force", "unit": "act", "target": {}}
    if kind == "annex":
        return {"op": "context", "unit": "annex", "target": {"annex": instruction.annex}}
    op = instruction.op if kind == "op" else "context"
    if op == "lose_force":
        return {"op": "lose_force", "unit": "act", "target": {}}
    out: dict[str, Any] = {
        "op": op,
        "unit": instruction.unit,
        "target": compact_target(instruction.target, getattr(instruction, "ranges", None)),
    }
    for key in ("old_words", "new_words", "scope", "language", "position"):
        value = getattr(instruction, key, None)
        if value is not None:
            out[key] = value
    return out


def read_as_in_an_order(text: str, lang: str, where: str) -> tuple[Any, CleanupLog]:
    """Read one sentence as the order reader does: Latin look-alikes in the words outside
    the quotes ("бiрiншi" with a Latin i) are first written in Cyrillic, each repair
    logged; quoted words stay as printed. Returns the instruction and the repairs."""
    from consolidate.parse.grammar import grammar
    from consolidate.parse.instructions import read_sentence
    from consolidate.parse.order import _unquoted_lookalikes

    log = CleanupLog()
    sentence = _unquoted_lookalikes(text, lang, 0, log)
    return read_sentence(sentence, grammar(lang), where), log
