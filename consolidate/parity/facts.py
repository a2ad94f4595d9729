"""What of an operation must be the same in the Kazakh and the Russian text.

Words differ between the languages, figures do not: the numbers, codes, dates and act
numbers inside quoted words and quoted content, the numbers of the rows, headings and
provisions a quoted block holds, and which cells of a table row are filled. This module
reduces an operation to those facts; `compare` sets the two sides' facts side by side.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from consolidate.errors import ConsolidateError
from consolidate.model.amendment import LIST_KEYS, Operation
from consolidate.model.tree import Node
from consolidate.model.units import COLUMNS, LIST_COLUMNS, ChapterHeading, ParagraphHeading, Row, Unit
from consolidate.parity.patterns import Lang, patterns
from consolidate.parse.dates import parse_date
from consolidate.parse.grammar import grammar

Signature = tuple[str, ...]


def tokens(text: str, lang: Lang) -> Counter[str]:
    """The figures of a text: dates ("2025-12-18"), codes ("С-SVO-7"), act numbers
    ("№67") and bare numbers ("15", "30-1"), each span read once, dates first so that a
    date's day and year are not counted again as numbers."""
    p = patterns()
    found: Counter[str] = Counter()
    chars = list(text)

    def take(match: re.Match[str], token: str) -> None:
        found[token] += 1
        chars[match.start() : match.end()] = " " * (match.end() - match.start())

    g = grammar(lang.value)
    for match in g.date.finditer(text + " "):  # the date pattern may need a space after it
        try:
            iso = parse_date(match.group(0), g, "text")
        except ConsolidateError:
            continue
        found[f"date {iso}"] += 1
        end = min(match.end(), len(text))
        chars[match.start() : end] = " " * (end - match.start())
    work = "".join(chars)
    for match in p.numeric_date.finditer(work):
        try:
            iso = f"{int(match['year']):04d}-{int(match['month']):02d}-{int(match['day']):02d}"
        except ValueError:
            continue
        take(match, f"date {iso}")
    work = "".join(chars)
    for match in p.code.finditer(work):
        code = match.group(0)
        take(match, p.lookalikes.get(code[0], code[0]) + code[1:])
    work = "".join(chars)
    for match in p.number_sign.finditer(work):
        take(match, f"№{match['num']}")
    work = "".join(chars)
    for match in p.number.finditer(work):
        take(match, match.group(0).replace(",", "."))
    return found


@dataclass(frozen=True)
class UnitFacts:
    """One unit of quoted content: a table row or heading, or a provision of text.

    `key` names it (what must be equal for the two to be the same unit); `cells` holds the
    figures of each part of it (a row's columns, or "text"); `shape` what must agree besides
    the figures (which cells of a row are filled, how many items a list cell has); `find`
    how to find its line in the source (a regular expression), or None to use the
    operation's line.
    """

    key: tuple[str, ...]
    label: str
    cells: dict[str, Counter[str]]
    texts: dict[str, str]
    shape: tuple[tuple[str, str], ...] = ()
    find: str | None = None


@dataclass(frozen=True)
class OpFacts:
    """The facts of one operation."""

    op: Operation
    signature: Signature
    context: int  # the ordinal of the annex context the operation is in (0: none)
    words: dict[str, Counter[str]] = field(default_factory=dict)
    units: tuple[UnitFacts, ...] = ()
    one_language: Lang | None = None  # set when its sentence says only this text changes

    @property
    def line(self) -> int:
        return self.op.source.line

    @property
    def text(self) -> str:
        return self.op.source.text


def signature(op: Operation) -> Signature:
    """What aligns the operations of the two texts: op, unit and target numbers."""
    target = op.target
    parts = [op.op, op.unit, op.scope or ""]
    for key in ("annex", "section", "chapter"):
        parts.append(f"{key}={getattr(target, key) or ''}")
    for key in LIST_KEYS:
        parts.append(f"{key}={','.join(getattr(target, key))}")
    return tuple(parts)


def describe(op: Operation) -> str:
    """A short English description of an operation: "restate row 40 (chapter 7)"."""
    target = op.target
    named = [
        f"{key[:-1] if key.endswith('s') else key} {','.join(getattr(target, key))}"
        for key in LIST_KEYS
        if getattr(target, key)
    ]
    containers = [f"{key} {getattr(target, key)}" for key in ("annex", "section", "chapter") if getattr(target, key)]
    where = ", ".join(reversed(named)) if named else ", ".join(containers) or "the act"
    if named and containers:
        where += f" ({', '.join(containers)})"
    if op.scope:
        where += " throughout the text"
    return f"{op.op} {op.unit}: {where}"


def op_facts(op: Operation, lang: Lang, context: int, one_language: Lang | None = None) -> OpFacts:
    """The facts of an operation read from the text in `lang`."""
    words: dict[str, Counter[str]] = {}
    if op.old_words is not None:
        words["old words"] = tokens(op.old_words, lang)
    if op.new_words is not None:
        words["new words"] = tokens(op.new_words, lang)
    if op.act is not None:
        words["act"] = Counter({f"№{op.act.number}": 1, f"date {op.act.date}": 1})
    units = tuple(_unit_facts(unit, lang) for unit in op.content)
    units += tuple(facts for node, name in _named(op.provisions) for facts in _node_facts(node, name, lang, ()))
    return OpFacts(op, signature(op), context, words, units, one_language)


def _unit_facts(unit: Unit, lang: Lang) -> UnitFacts:
    if isinstance(unit, ChapterHeading):
        return UnitFacts(
            ("chapter", unit.num),
            f"chapter {unit.num} heading",
            {"heading": tokens(unit.heading, lang)},
            {"heading": unit.heading},
            find=_heading_find(unit.num),
        )
    if isinstance(unit, ParagraphHeading):
        return UnitFacts(
            ("paragraph", unit.chapter or "", unit.num),
            f"paragraph {unit.num} heading",
            {"heading": tokens(unit.heading, lang)},
            {"heading": unit.heading},
            find=_heading_find(unit.num),
        )
    assert isinstance(unit, Row)
    cells: dict[str, Counter[str]] = {}
    texts: dict[str, str] = {}
    shape: list[tuple[str, str]] = []
    for column in COLUMNS:
        value = unit.cells.get(column)
        text = " ".join(value) if isinstance(value, list) else (value or "")
        cells[column] = tokens(text, lang)
        texts[column] = text
        shape.append((f"{column} filled", "yes" if text.strip() else "no"))
        if column in LIST_COLUMNS and isinstance(value, list) and value:
            shape.append((f"{column} items", str(len(value))))
    label = f"row {unit.num}" + (f" (chapter {unit.chapter})" if unit.chapter else "")
    key = ("row", unit.chapter or "", unit.paragraph or "", unit.num)
    return UnitFacts(key, label, cells, texts, tuple(shape), find=rf"^\s*{re.escape(unit.num)}\.?(?:\t|\s*$)")


def _heading_find(num: str) -> str:
    return rf"(?:^\s*{re.escape(num)}\s*-\s*\w+\s*\.|^\s*\w+\s+{re.escape(num)}\s*\.)"


def _named(nodes: list[Node] | tuple[Node, ...]) -> list[tuple[Node, str]]:
    """Each node with its name: kind and number, or kind and position among its kind
    (an unnumbered part is "part 2")."""
    seen: Counter[str] = Counter()
    named = []
    for node in nodes:
        kind = node.kind.name.lower()
        seen[kind] += 1
        named.append((node, f"{kind} {node.num or seen[kind]}"))
    return named


def _node_facts(node: Node, name: str, lang: Lang, parents: tuple[str, ...]) -> list[UnitFacts]:
    """A provision and its descendants, depth first."""
    path = (*parents, name)
    texts = {"text": node.text}
    for r, row in enumerate(node.rows, start=1):
        for c, cell in enumerate(row, start=1):
            texts[f"cell {r}.{c}"] = cell.text
    cells = {key: tokens(text, lang) for key, text in texts.items()}
    head = re.escape(node.text.strip()[:12]) if node.text.strip() else None
    shape = (("children", str(len(node.children))), ("table rows", str(len(node.rows))),
             ("table cells", str(sum(len(row) for row in node.rows))))  # fmt: skip
    own = UnitFacts(path, " / ".join(path), cells, texts, shape, find=head)
    return [
        own,
        *(f for child, child_name in _named(node.children) for f in _node_facts(child, child_name, lang, path)),
    ]
