"""Statements that a change concerns one language's text only.

The Russian text of an order often says "в пункте 3 изменение вносится в текст на
казахском языке, текст на русском языке не изменяется;" where the Kazakh text replaces
words, and an instruction may end with such a statement ("…заменить словами «…», текст
на казахском языке не изменяется;"). The parser does not read these statements yet: a
sentence holding only the statement is refused as an unknown instruction, and the
trailing statement of an instruction is silently dropped. Parity therefore finds them in
the blocks before parsing, with the phrasings of `parity.toml`:

- a sentence that holds only the statement is taken out of the blocks given to the parser
  (blanked, so every other line keeps its number) and kept as a `Statement`;
- a statement ending an instruction is cut from the sentence (so the instruction reads the
  same whether or not the parser learns to refuse trailing words) and marks the operation
  read from that line as one-language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from consolidate.errors import ConsolidateError
from consolidate.parity.patterns import Lang, patterns
from consolidate.parse.document import Block, Para
from consolidate.parse.grammar import grammar
from consolidate.parse.instructions import find_refs

QUOTED = re.compile(r"«[^»]*»|\"[^\"]*\"|“[^”]*”")
"""Quoted words: their numbers are not units the statement names."""


@dataclass(frozen=True)
class Statement:
    """A one-language statement found in one text.

    `alone` is true when the sentence holds nothing else (no instruction of its own);
    `nums` are the unit numbers the sentence names ("в пункте 3" -> 3), used to match it
    with the other text's operation.
    """

    lang: Lang  # the text it was found in
    changes: Lang  # the only text that changes
    line: int
    text: str
    alone: bool
    nums: frozenset[str]


def find_statements(blocks: list[Block], lang: Lang, where: str) -> tuple[list[Block], list[Statement]]:
    """The blocks to give the parser (statements taken out) and the statements found."""
    g = grammar(lang.value)
    out: list[Block] = []
    found: list[Statement] = []
    for block in blocks:
        if not isinstance(block, Para):
            out.append(block)
            continue
        phrasing = next((p for p in patterns().statements(lang) if p.pattern.search(block.text)), None)
        if phrasing is None:
            out.append(block)
            continue
        rest = _without_statements(block.text, lang)
        alone = not any(verb.pattern.search(rest) for verb in g.verbs)
        try:
            refs = find_refs(QUOTED.sub(" ", rest), g, f"{where}:{block.line}")
        except ConsolidateError:
            refs = []
        nums = frozenset(num for ref in refs for num in ref.nums)
        found.append(Statement(lang, phrasing.changes, block.line, block.text.strip(), alone, nums))
        out.append(Para(block.line, "" if alone else rest))
    return out, found


def _without_statements(text: str, lang: Lang) -> str:
    """The sentence with every one-language phrasing cut out, its end punctuation kept."""
    stripped = text.rstrip()
    end = stripped[-1] if stripped and stripped[-1] in ".;:" else ""
    body = stripped[: len(stripped) - len(end)]
    for phrasing in patterns().statements(lang):
        body = phrasing.pattern.sub("", body)
    body = re.sub(r"[\s,]+$", "", re.sub(r",\s*,", ",", body))
    return body + end
