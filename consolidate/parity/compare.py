"""Comparing the Kazakh and Russian texts of one order, operation by operation.

Operations are aligned by order of appearance with a sequence alignment over their
signatures (op, unit, target numbers), so one operation missing from one text is reported
as missing and the operations after it still meet their counterparts. Each aligned pair is
then compared on what must not differ between two translations: the target, the annex
context, the figures inside quoted words, and the units of the quoted content (their
numbers, which cells are filled, the figures of each cell). The order's own metadata is
compared too. A change that one text declares for one language only is a note, not a
disagreement.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from consolidate.errors import InputError, ParseError
from consolidate.model.amendment import Amendment, Operation, OrderMeta
from consolidate.parity.facts import OpFacts, UnitFacts, describe, op_facts
from consolidate.parity.patterns import Lang
from consolidate.parity.statements import Statement, find_statements
from consolidate.parse.cleanup import fold_spaces
from consolidate.parse.document import Block, Grid, Para
from consolidate.parse.grammar import grammar
from consolidate.parse.language import detect_lang


class Kind(StrEnum):
    """What a finding is about."""

    METADATA = "metadata"  # the order's number, date, amended act, entry into force
    MISSING = "missing"  # an operation in one text only
    OPERATION = "operation"  # op, unit or target differ
    CONTEXT = "context"  # the operations stand in different annexes
    WORDS = "words"  # figures in quoted words differ
    CONTENT = "content"  # quoted rows, headings or provisions differ
    STATEMENT = "statement"  # a one-language statement with nothing to match in the other text
    ONE_LANGUAGE = "one_language"  # a change declared for one language only (a note)


@dataclass(frozen=True)
class Side:
    """Where a finding is in one text: the file, the line and the text of that line.

    `present` is false when the text has nothing there; `line` is then the line after
    which it would stand."""

    file: str
    line: int
    text: str
    present: bool = True

    def to_dict(self) -> dict[str, object]:
        return {"file": self.file, "line": self.line, "text": self.text, "present": self.present}


@dataclass(frozen=True)
class Finding:
    """One disagreement (or one-language note), with both sides."""

    kind: Kind
    what: str
    kk: Side
    ru: Side
    kk_value: str = ""
    ru_value: str = ""

    @property
    def disagrees(self) -> bool:
        return self.kind is not Kind.ONE_LANGUAGE

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind.value,
            "what": self.what,
            "kk": self.kk.to_dict(),
            "ru": self.ru.to_dict(),
            "kk_value": self.kk_value,
            "ru_value": self.ru_value,
        }


@dataclass(frozen=True)
class Text:
    """One language's text of the order, read."""

    lang: Lang
    file: str
    amendment: Amendment
    statements: tuple[Statement, ...]
    lines: dict[int, str]
    ops: tuple[OpFacts, ...]
    declared: dict[int, Statement]  # the line of an operation -> the statement making it one-language

    def side(self, line: int, text: str | None = None, present: bool = True) -> Side:
        shown = text if text is not None else self.lines.get(line, "")
        return Side(self.file, line, fold_spaces(shown.strip()), present)


@dataclass(frozen=True)
class Report:
    """The outcome of a comparison."""

    kk: Text
    ru: Text
    matched: int
    findings: tuple[Finding, ...]

    @property
    def disagreements(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.disagrees)

    @property
    def notes(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if not f.disagrees)


def read_text(path: Path, lang: Lang) -> Text:
    """Read one language's text of the order (a file, or an order folder such as amendments/900)."""
    from consolidate.parse.order import parse_blocks
    from consolidate.sources import order_file, source_blocks

    if path.is_dir():
        path = order_file(path, lang.value)
    where = str(path)
    blocks = source_blocks(path)
    lines = _lines(blocks)
    detected = detect_lang("\n".join(lines.values()))
    if detected != lang.value:
        raise InputError(
            f"expected the {lang.name_en} text here, this one is in {Lang(detected).name_en} "
            f"(give the Kazakh text first, then the Russian)",
            where=where,
        )
    blocks, statements = find_statements(blocks, lang, where)
    try:
        amendment = parse_blocks(blocks, where, lang.value)
    except ParseError as exc:
        if len(exc.details) > 1:  # one line: the first problem, and how to see them all
            raise ParseError(
                f"{exc.details[0]} (and {len(exc.details) - 1} more sentences the grammar cannot read; "
                f"'consolidate parse {where}' lists them)"
            ) from None
        raise
    declared = {s.line: s for s in statements if not s.alone}
    declared |= _own_statements(amendment, statements, lang)
    contexts: dict[str | None, int] = {None: 0}
    ops = []
    for op in amendment.operations:
        context = contexts.setdefault(op.annex, len(contexts))
        statement = declared.get(op.source.line)
        ops.append(op_facts(op, lang, context, statement.changes if statement else None))
    return Text(lang, where, amendment, tuple(statements), lines, tuple(ops), declared)


def _own_statements(amendment: Amendment, statements: list[Statement], lang: Lang) -> dict[int, Statement]:
    """A sentence of its own saying that this text changes ("… қазақ тіліндегі мәтінге
    өзгеріс енгізіледі, орыс тіліндегі мәтін өзгермейді" in the Kazakh text) marks this
    text's operation on the units it names: the first one after it, else the last before."""
    marked: dict[int, Statement] = {}
    for statement in statements:
        if not statement.alone or statement.changes is not lang:
            continue
        fitting = [op for op in amendment.operations if statement.nums <= _target_nums(op)]
        after = [op for op in fitting if op.source.line > statement.line]
        before = [op for op in fitting if op.source.line < statement.line]
        chosen = after[0] if after else (before[-1] if before else None)
        if chosen is not None:
            marked[chosen.source.line] = statement
    return marked


def _target_nums(op: Operation) -> set[str]:
    """Every number the operation's target names."""
    target = op.target
    nums = {n for key in ("annex", "section", "chapter") if (n := getattr(target, key))}
    return nums | {n for value in target.to_dict().values() if isinstance(value, list) for n in value}


def _lines(blocks: list[Block]) -> dict[int, str]:
    lines: dict[int, str] = {}
    for block in blocks:
        if isinstance(block, Para):
            lines[block.line] = block.text
        elif isinstance(block, Grid):
            lines[block.line] = " | ".join(cell.text for row in block.rows[:1] for cell in row)
    return lines


def compare_files(kk_path: Path, ru_path: Path) -> Report:
    """Compare the Kazakh text `kk_path` with the Russian text `ru_path` of one order."""
    kk = read_text(kk_path, Lang.KK)
    ru = read_text(ru_path, Lang.RU)
    return compare(kk, ru)


def compare(kk: Text, ru: Text) -> Report:
    findings = _metadata(kk, ru)
    kk_ops = [f for f in kk.ops if f.one_language is None]
    ru_ops = [f for f in ru.ops if f.one_language is None]
    pairs, kk_only, ru_only = _align(kk_ops, ru_ops)
    for a, b in pairs:
        findings.extend(_compare_pair(kk, ru, a, b))
    used: set[tuple[Lang, int]] = set()
    anchors = {id(a): b for a, b in pairs} | {id(b): a for a, b in pairs}
    for text, other, extras in ((kk, ru, kk_only), (ru, kk, ru_only)):
        for facts in extras:
            statement = _statement_for(facts, other, text.lang, used)
            at = _anchor(facts, text, anchors, other)
            if statement is not None:
                findings.append(_one_language(text, other, facts, statement, at))
                continue
            mine = text.side(facts.line, facts.text)
            theirs = other.side(at, "", present=False)
            findings.append(
                _finding(
                    Kind.MISSING,
                    f"operation only in the {text.lang.name_en} text: {describe(facts.op)}",
                    text.lang,
                    mine,
                    theirs,
                )
            )
    for text, other in ((kk, ru), (ru, kk)):
        for facts in text.ops:
            if facts.one_language is None:
                continue
            statement = _statement_for(facts, other, facts.one_language, used)
            findings.append(_one_language(text, other, facts, statement, _anchor(facts, text, anchors, other)))
    for text, other in ((kk, ru), (ru, kk)):
        for statement in text.statements:
            own = statement.changes is text.lang  # marks this text's own operation (above)
            if statement.alone and not own and (statement.lang, statement.line) not in used:
                theirs = other.side(0, "", present=False)
                findings.append(
                    _finding(
                        Kind.STATEMENT,
                        f"the {text.lang.name_en} text says only the {statement.changes.name_en} text changes, "
                        f"but no {statement.changes.name_en} operation is left to match it",
                        text.lang,
                        text.side(statement.line, statement.text),
                        theirs,
                    )
                )
    findings.sort(key=lambda f: (f.kk.line, f.ru.line, f.kind.value, f.what))
    return Report(kk, ru, len(pairs), tuple(findings))


def _finding(
    kind: Kind, what: str, lang: Lang, mine: Side, theirs: Side, mine_v: str = "", theirs_v: str = ""
) -> Finding:
    """A finding from one text's point of view, stored as Kazakh / Russian."""
    if lang is Lang.KK:
        return Finding(kind, what, mine, theirs, mine_v, theirs_v)
    return Finding(kind, what, theirs, mine, theirs_v, mine_v)


def _one_language(text: Text, other: Text, facts: OpFacts, statement: Statement | None, at: int) -> Finding:
    changes = facts.one_language or text.lang
    where = f"{text.file}:{facts.line}"
    own = text.declared.get(facts.line)
    if own is not None and own.line != facts.line:
        where += f" (as line {own.line} says)"
    mine = text.side(facts.line)
    theirs = other.side(statement.line, statement.text) if statement else other.side(at, "", present=False)
    return _finding(
        Kind.ONE_LANGUAGE,
        f"only the {changes.name_en} text changes at {where}: {describe(facts.op)}",
        text.lang,
        mine,
        theirs,
    )


def _statement_for(facts: OpFacts, other: Text, changes: Lang, used: set[tuple[Lang, int]]) -> Statement | None:
    """The other text's first unused statement-only sentence saying only `changes` changes,
    whose unit numbers are among the operation's target numbers."""
    nums = _target_nums(facts.op)
    for statement in other.statements:
        key = (statement.lang, statement.line)
        if statement.alone and statement.changes is changes and key not in used and statement.nums <= nums:
            used.add(key)
            return statement
    return None


def _anchor(facts: OpFacts, text: Text, anchors: dict[int, OpFacts], other: Text) -> int:
    """The line of the other text after which a missing counterpart would stand: the
    counterpart of the nearest aligned operation before this one (0: before them all)."""
    before = [f for f in text.ops if f.line < facts.line and id(f) in anchors]
    return anchors[id(before[-1])].line if before else 0


def _align(
    kk_ops: list[OpFacts], ru_ops: list[OpFacts]
) -> tuple[list[tuple[OpFacts, OpFacts]], list[OpFacts], list[OpFacts]]:
    """Pairs of aligned operations, and the operations of each text left without a partner.

    Signatures that match exactly are aligned first; a block that differs is aligned again
    on op and unit only (a different target number then shows as a different target, not
    as two extras), and what still differs is paired one to one when both sides have as
    many operations there, else reported as extra on each side."""
    pairs: list[tuple[OpFacts, OpFacts]] = []
    kk_only: list[OpFacts] = []
    ru_only: list[OpFacts] = []

    def block(a: list[OpFacts], b: list[OpFacts], depth: int) -> None:
        keys_a = [f.signature if depth == 0 else f.signature[:2] for f in a]
        keys_b = [f.signature if depth == 0 else f.signature[:2] for f in b]
        matcher = difflib.SequenceMatcher(None, keys_a, keys_b, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "replace" and depth == 0:
                block(a[i1:i2], b[j1:j2], 1)
            elif tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
                pairs.extend(zip(a[i1:i2], b[j1:j2], strict=True))
            else:
                kk_only.extend(a[i1:i2])
                ru_only.extend(b[j1:j2])

    block(kk_ops, ru_ops, 0)
    pairs.sort(key=lambda pair: pair[0].line)
    return pairs, kk_only, ru_only


def _compare_pair(kk: Text, ru: Text, a: OpFacts, b: OpFacts) -> list[Finding]:
    findings: list[Finding] = []
    kk_side, ru_side = kk.side(a.line, a.text), ru.side(b.line, b.text)
    if a.signature != b.signature:
        findings.append(
            Finding(Kind.OPERATION, "the operations differ", kk_side, ru_side, describe(a.op), describe(b.op))
        )
    if a.context != b.context:
        findings.append(
            Finding(
                Kind.CONTEXT,
                "the operations stand in different annexes (by order of the contexts)",
                kk_side,
                ru_side,
                f"annex context {a.context}",
                f"annex context {b.context}",
            )
        )
    for key in sorted(a.words.keys() | b.words.keys()):
        mine, theirs = a.words.get(key, Counter()), b.words.get(key, Counter())
        if mine != theirs:
            findings.append(
                Finding(
                    Kind.WORDS,
                    f"figures in the {key} differ ({describe(a.op)})",
                    kk_side,
                    ru_side,
                    _show(mine - theirs),
                    _show(theirs - mine),
                )
            )
    findings.extend(_compare_units(kk, ru, a, b))
    return findings


def _compare_units(kk: Text, ru: Text, a: OpFacts, b: OpFacts) -> list[Finding]:
    findings: list[Finding] = []
    matcher = difflib.SequenceMatcher(None, [u.key for u in a.units], [u.key for u in b.units], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for x, y in zip(a.units[i1:i2], b.units[j1:j2], strict=True):
                findings.extend(_compare_unit(kk, ru, a, b, x, y))
            continue
        mine, theirs = a.units[i1:i2], b.units[j1:j2]
        for x, y in zip(mine, theirs, strict=False):
            findings.append(
                Finding(
                    Kind.CONTENT,
                    "the quoted content holds different units",
                    _unit_side(kk, a, x),
                    _unit_side(ru, b, y),
                    x.label,
                    y.label,
                )
            )
        for x in mine[len(theirs) :]:
            findings.append(
                Finding(
                    Kind.CONTENT,
                    f"{x.label} only in the Kazakh quoted content",
                    _unit_side(kk, a, x),
                    ru.side(b.line, b.text, present=False),
                    x.label,
                    "",
                )
            )
        for y in theirs[len(mine) :]:
            findings.append(
                Finding(
                    Kind.CONTENT,
                    f"{y.label} only in the Russian quoted content",
                    kk.side(a.line, a.text, present=False),
                    _unit_side(ru, b, y),
                    "",
                    y.label,
                )
            )
    return findings


def _compare_unit(kk: Text, ru: Text, a: OpFacts, b: OpFacts, x: UnitFacts, y: UnitFacts) -> list[Finding]:
    findings: list[Finding] = []
    kk_side, ru_side = _unit_side(kk, a, x), _unit_side(ru, b, y)
    shape_x, shape_y = dict(x.shape), dict(y.shape)
    for name in sorted(shape_x.keys() | shape_y.keys()):
        if shape_x.get(name) != shape_y.get(name):
            findings.append(
                Finding(
                    Kind.CONTENT,
                    f"{x.label}: {name} differ",
                    kk_side,
                    ru_side,
                    shape_x.get(name, "-"),
                    shape_y.get(name, "-"),
                )
            )
    for cell in sorted(x.cells.keys() | y.cells.keys()):
        mine, theirs = x.cells.get(cell, Counter()), y.cells.get(cell, Counter())
        if mine != theirs:
            findings.append(
                Finding(
                    Kind.CONTENT,
                    f"{x.label}, {cell}: figures differ",
                    _cell_side(kk, a, x, cell),
                    _cell_side(ru, b, y, cell),
                    _show(mine - theirs),
                    _show(theirs - mine),
                )
            )
    return findings


def _unit_line(text: Text, facts: OpFacts, unit: UnitFacts) -> int:
    """The line where a quoted unit starts: the first line after the instruction (and
    before the next one) that matches the unit, else the instruction's line."""
    if unit.find is None:
        return facts.line
    later = [f.line for f in text.ops if f.line > facts.line]
    end = min(later) if later else max(text.lines, default=facts.line) + 1
    pattern = re.compile(unit.find)
    for line in range(facts.line, end):
        if pattern.search(text.lines.get(line, "")):
            return line
    return facts.line


def _unit_side(text: Text, facts: OpFacts, unit: UnitFacts) -> Side:
    return text.side(_unit_line(text, facts, unit))


def _cell_side(text: Text, facts: OpFacts, unit: UnitFacts, cell: str) -> Side:
    """The line of the unit, showing the cell's own text (a row's line holds every cell)."""
    return text.side(_unit_line(text, facts, unit), unit.texts.get(cell, ""))


def _show(tokens: Counter[str]) -> str:
    """Figures one side has and the other has not: "15, №67" ("none" when empty)."""
    return ", ".join(token if n == 1 else f"{token} ×{n}" for token, n in sorted(tokens.items())) or "none"


def _metadata(kk: Text, ru: Text) -> list[Finding]:
    """The order's number and date, the amended act, and the rule of entry into force."""
    findings: list[Finding] = []
    a, b = kk.amendment.order, ru.amendment.order
    checks = (
        ("heading", "the order's number", a.number, b.number),
        ("heading", "the order's date", a.date, b.date),
        ("amends", "the amended act's number", a.amends.number, b.amends.number),
        ("amends", "the amended act's date", a.amends.date, b.amends.date),
        ("eif", "entry into force: kind", a.entry_into_force.kind, b.entry_into_force.kind),
        ("eif", "entry into force: days", str(a.entry_into_force.days), str(b.entry_into_force.days)),
        ("eif", "entry into force: date", a.entry_into_force.date or "", b.entry_into_force.date or ""),
        ("eif", "entry into force: exceptions", _exceptions(a), _exceptions(b)),
    )
    for where, what, mine, theirs in checks:
        if mine != theirs:
            kk_side = kk.side(_meta_line(kk, where))
            ru_side = ru.side(_meta_line(ru, where))
            findings.append(Finding(Kind.METADATA, what, kk_side, ru_side, mine or "none", theirs or "none"))
    return findings


def _exceptions(order: OrderMeta) -> str:
    parts = []
    for exception in order.entry_into_force.exceptions:
        rule = exception.rule
        parts.append(
            f"points {','.join(exception.points)} subpoints {','.join(exception.subpoints)}: "
            f"{rule.kind} {rule.days} {rule.date or ''}".strip()
        )
    return "; ".join(parts)


def _meta_line(text: Text, where: str) -> int:
    """The line of the heading, of the point naming the amended act, or of entry into force."""
    g = grammar(text.lang.value)
    lines = sorted(text.lines)
    if where == "heading":
        return next((n for n in lines if g.order_heading.match(fold_spaces(text.lines[n]))), 0)
    if where == "amends":  # the point that opens the changes, not the title that names the act too
        first_op = min((f.line for f in text.ops), default=max(lines, default=0) + 1)
        return next((n for n in reversed(lines) if n < first_op and g.amends.search(text.lines[n])), 0)
    return next((n for n in reversed(lines) if g.eif["marker"].search(text.lines[n])), 0)


__all__ = ["Finding", "Kind", "Report", "Side", "Text", "compare", "compare_files", "read_text"]
