"""Reads a whole amending order (text extracted from PDF) into an `Amendment`.

The order's layout: title lines, the heading line naming the issuer, date and number,
the enacting word ("БҰЙЫРАМЫН:"), numbered points. Point 1 names the amended order and
holds the instructions, each followed, when it gives new wording, by a quoted block.
The last point says when the order comes into force. Everything else (publication
duties, signature, footer) is kept out of the operations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from consolidate.errors import ParseError
from consolidate.fileio import read_text
from consolidate.model.amendment import (
    ActRef,
    Amendment,
    EntryIntoForce,
    Operation,
    OrderMeta,
    Source,
    Target,
)
from consolidate.model.units import ChapterHeading, ParagraphHeading, Row, Unit
from consolidate.parse.cleanup import CleanupLog, Lexicon, fold_spaces
from consolidate.parse.dates import parse_date, parse_number, strip_trailing_number_words
from consolidate.parse.grammar import Grammar, grammar
from consolidate.parse.instructions import Instruction, read_sentence
from consolidate.parse.table import Line, parse_table

POINT_RE = re.compile(r"^\s*(?P<num>\d+)\.\s+\S")
SENTENCE_END = (":", ";", ".")


@dataclass
class _Context:
    """What carries over from one instruction to the next: the annex, the chapter."""

    annex: str | None = None
    chapter: str | None = None


def parse_file(path: Path, lang: str = "kk") -> Amendment:
    """Parse the amending order in `path`."""
    return parse_text(read_text(path), str(path), lang)


def parse_text(text: str, where: str, lang: str = "kk") -> Amendment:
    """Parse the text of an amending order; `where` names it in messages."""
    g = grammar(lang)
    lines: list[Line] = [(i, line.rstrip("\r")) for i, line in enumerate(text.split("\n"), start=1)]
    log = CleanupLog()
    lexicon = Lexicon(text)
    enacting = next((i for i, (_, t) in enumerate(lines) if g.enacting.match(t.strip())), None)
    if enacting is None:
        raise ParseError("no enacting formula (БҰЙЫРАМЫН:) found: not an order", where=where)
    title, issuer, number, date, act_word = _heading(lines[:enacting], g, where)
    points = _points(lines[enacting + 1 :], g, where)
    if "1" not in points:
        raise ParseError("no point 1 after the enacting formula", where=where)
    first_line, first_text = points["1"][0]
    amends_match = g.amends.search(first_text)
    if not amends_match:
        raise ParseError("point 1 does not name the amended order (…№ N бұйрығына)", where=f"{where}:{first_line}")
    amends = ActRef(
        number=amends_match.group("number"),
        date=parse_date(amends_match.group("date"), g, f"{where}:{first_line}"),
        title=_quoted_title(first_text),
    )
    operations = _operations(points["1"], g, where, log, lexicon)
    if not operations:
        raise ParseError("point 1 holds no instruction", where=f"{where}:{first_line}")
    eif = _entry_into_force(points, g, where)
    order = OrderMeta(
        number=number,
        date=date,
        lang=lang,
        title=title,
        issuer=issuer,
        amends=amends,
        entry_into_force=eif,
        act_word=act_word,
    )
    return Amendment(order=order, operations=tuple(operations), cleanups=tuple(log.entries))


def _heading(lines: list[Line], g: Grammar, where: str) -> tuple[str, str, str, str, str]:
    """Title, issuer, number, date and kind of act from the lines before the enacting formula."""
    title_parts: list[str] = []
    for number, text in lines:
        match = g.order_heading.match(fold_spaces(text))
        if match:
            date = parse_date(match.group("date"), g, f"{where}:{number}")
            title = fold_spaces(" ".join(title_parts))
            return title, match.group("issuer"), match.group("number"), date, match.group("type")
        if text.strip():
            title_parts.append(text)
    raise ParseError("no heading line with the order's date and number (…жылғы … № N бұйрығы)", where=where)


def _points(lines: list[Line], g: Grammar, where: str) -> dict[str, list[Line]]:
    """The order's points, by number. A point runs to the next point number in sequence,
    so numbers inside quoted blocks or cells never start a point; the last point ends at
    the first blank line."""
    points: dict[str, list[Line]] = {}
    expected = 1
    current: list[Line] | None = None
    in_quote = False
    for number, text in lines:
        if current is not None and expected > 1 and not in_quote:
            match = POINT_RE.match(text)
            if match and int(match.group("num")) == expected:
                current = points.setdefault(str(expected), [])
                expected += 1
                current.append((number, text))
                continue
        if current is None:
            match = POINT_RE.match(text)
            if match and int(match.group("num")) == 1:
                current = points.setdefault("1", [])
                expected = 2
                current.append((number, text))
            continue
        if g.quote_open.match(text):
            in_quote = True
        elif in_quote and g.quote_close.match(text):
            in_quote = False
        current.append((number, text))
    return points


def _quoted_title(text: str) -> str:
    match = re.search(r"[\"“«](?P<t>[^\"”»]+)[\"”»]", text)
    return match.group("t") if match else ""


def _entry_into_force(points: dict[str, list[Line]], g: Grammar, where: str) -> EntryIntoForce:
    """Read the point that says when the order comes into force."""
    for key in sorted(points, key=int, reverse=True):
        for number, text in points[key]:
            if not g.eif["marker"].search(text):
                continue
            sentence = re.sub(r"^\s*\d+\.\s*", "", fold_spaces(text))
            at = f"{where}:{number}"
            for kind, pattern in (("working", g.eif["working"]), ("calendar", g.eif["calendar"])):
                match = pattern.search(sentence)
                if match:
                    raw = next(v for k, v in match.groupdict().items() if k.startswith("days") and v)
                    days = parse_number(strip_trailing_number_words(raw, g), g, at)
                    return EntryIntoForce(kind=kind, days=days, text=sentence)
            if g.eif["on_publication"].search(sentence):
                return EntryIntoForce(kind="on", days=0, text=sentence)
            match = g.eif["fixed_date"].search(sentence)
            if match:
                return EntryIntoForce(
                    kind="date", after="date", date=parse_date(match.group("date"), g, at), text=sentence
                )
            raise ParseError(f"cannot read when the order comes into force: {sentence[:80]!r}", where=at)
    raise ParseError("no point says when the order comes into force (…қолданысқа енгізіледі)", where=where)


def _operations(lines: list[Line], g: Grammar, where: str, log: CleanupLog, lexicon: Lexicon) -> list[Operation]:
    """Read point 1: its opening sentence, then contexts, instructions and quoted blocks."""
    operations: list[Operation] = []
    context = _Context()
    index = 0
    opened = False
    while index < len(lines):
        number, text = lines[index]
        if not text.strip() or g.punctuation_only.match(text):
            index += 1
            continue
        sentence, index = _next_sentence(lines, index, g)
        at = f"{where}:{number}"
        cleaned = re.sub(r"\s+:$", ":", sentence)
        if cleaned != sentence:
            log.add(sentence[-20:], cleaned[-19:], "other", number)
        if not opened:
            cleaned = re.sub(r"^\s*1\.\s*", "", cleaned)
        instruction = read_sentence(cleaned, g, at)
        if instruction.kind == "opening":
            opened = True
            continue
        if not opened:
            raise ParseError("instructions come before point 1 opens the list of changes", where=at)
        if instruction.kind == "annex":
            context = _Context(annex=instruction.annex)
            continue
        if instruction.kind == "context":
            context.chapter = instruction.chapter or context.chapter
            continue
        if context.annex is None:
            raise ParseError("instruction before any annex is named (…талаптарында:)", where=at)
        content: tuple[Unit, ...] = ()
        if instruction.needs_content:
            block, index = _quoted_block(lines, index, g, at)
            chapter = instruction.chapter or context.chapter
            units = parse_table(block, where, log, lexicon, chapter=chapter if instruction.unit != "chapter" else None)
            content = tuple(units)
        operations.append(
            _operation(len(operations) + 1, instruction, context, content, Source(Path(where).name, number, cleaned))
        )
    return operations


def _next_sentence(lines: list[Line], index: int, g: Grammar) -> tuple[str, int]:
    parts = [lines[index][1].strip()]
    index += 1
    while (
        not parts[-1].endswith(SENTENCE_END)
        and index < len(lines)
        and lines[index][1].strip()
        and not g.quote_open.match(lines[index][1])
    ):
        parts.append(lines[index][1].strip())
        index += 1
    return fold_spaces(" ".join(parts)), index


def _quoted_block(lines: list[Line], index: int, g: Grammar, at: str) -> tuple[list[Line], int]:
    """The lines of the quoted block that follows an instruction, and the index after it."""
    while index < len(lines) and not lines[index][1].strip():
        index += 1
    if index >= len(lines) or not g.quote_open.match(lines[index][1]):
        raise ParseError("the instruction announces new wording but no quoted block follows", where=at)
    start = index + 1
    for end in range(start, len(lines)):
        if g.quote_close.match(lines[end][1]):
            return lines[start:end], end + 1
    raise ParseError("the quoted block that follows is never closed", where=at)


def _operation(seq: int, ins: Instruction, context: _Context, content: tuple[Unit, ...], source: Source) -> Operation:
    """Build the operation and check that its quoted content matches its target."""
    chapter = ins.chapter or context.chapter
    at = f"{source.file}:{source.line}"
    target = Target(chapter=chapter, paragraphs=ins.paragraphs, rows=ins.rows)
    if ins.needs_content:
        _check_content(ins, target, content, at)
    return Operation(
        seq=seq,
        op=ins.op or "",
        unit=ins.unit or "",
        annex=context.annex or "",
        target=target,
        source=source,
        content=content,
        old_words=ins.old_words,
        new_words=ins.new_words,
    )


def _check_content(ins: Instruction, target: Target, content: tuple[Unit, ...], at: str) -> None:
    """The quoted block must hold what the instruction announces."""
    chapters = [u.num for u in content if isinstance(u, ChapterHeading)]
    paragraphs = [u.num for u in content if isinstance(u, ParagraphHeading)]
    rows = [u.num for u in content if isinstance(u, Row)]
    if ins.unit == "chapter" and chapters != [target.chapter]:
        raise ParseError(
            f"the quoted block should hold chapter {target.chapter}, it holds {chapters or 'none'}", where=at
        )
    if ins.unit == "paragraph" and paragraphs != list(target.paragraphs):
        raise ParseError(
            f"the quoted block should hold paragraphs {', '.join(target.paragraphs)}, it holds "
            f"{', '.join(paragraphs) or 'none'}",
            where=at,
        )
    if ins.unit == "row" and rows != list(target.rows):
        raise ParseError(
            f"the quoted block should hold rows {', '.join(target.rows)}, it holds {', '.join(rows) or 'none'}",
            where=at,
        )
