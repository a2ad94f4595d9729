"""Reads a whole amending order into an `Amendment`, from its blocks (see document.py).

The order's layout: title, the heading naming the issuer, date and number, the enacting
words ("БҰЙЫРАМЫН:" / "ПРИКАЗЫВАЮ:"), numbered points. The point that names the amended
order ("… № 550 бұйрығына мынадай өзгерістер енгізілсін:" / "Внести в приказ … № 550
следующие изменения:") holds the instructions, each followed, when it gives new wording,
by a quoted block: lines of a PDF table or a real table. Another point may declare an act
lost force. The point that says when the order comes into force gives its rule.
Everything else (publication duties, signature, footer) is kept out of the operations.

Every sentence of the amending point that the grammar does not read is reported with its
line; the parser goes on to the next one, so one run lists them all.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

from consolidate.errors import ParseError
from consolidate.fileio import read_text
from consolidate.limits import MAX_OPERATIONS, limit_error
from consolidate.model.amendment import (
    ActRef,
    Amendment,
    EntryException,
    EntryIntoForce,
    Operation,
    OrderMeta,
    Source,
    Target,
)
from consolidate.model.numbering import num_key
from consolidate.model.tree import Node
from consolidate.model.units import ChapterHeading, ParagraphHeading, Row, Unit
from consolidate.parse.cleanup import (
    CleanupLog,
    Lexicon,
    first_of,
    fix_hyphens,
    fix_letter_range_comma,
    fix_lookalikes,
    fold_spaces,
    is_invisible,
    strip_invisible,
)
from consolidate.parse.dates import parse_date, parse_number, strip_trailing_number_words
from consolidate.parse.document import Block, Grid, GridCell, Para, text_blocks
from consolidate.parse.grammar import Grammar, grammar, table_conventions
from consolidate.parse.instructions import (
    MARKER_RE,
    QUOTED_RE,
    Instruction,
    complete_refs,
    has_item_marker,
    read_sentence,
    with_context,
)
from consolidate.parse.language import detect_lang
from consolidate.parse.table import parse_table

POINT_RE = re.compile(r"^\s*(?P<num>[0-9]{1,6})\.\s+\S")
INLINE_OPEN = re.compile(r"^\s*[«\"“„](?=\S)")
INLINE_CLOSE = re.compile(r"[»\"”]\s*[.;]?\s*$")
SENTENCE_END = (":", ";", ".")
TABLE_UNITS = ("chapter", "paragraph", "row")


UNREAD_KINDS = {
    "act": "the text turns to the changes of another act: a text amending several acts is not read yet",
    "lose_force_list": "a list of acts declared lost force: such lists are not read into operations yet",
    "lose_force_item": "an act of a list declared lost force: such lists are not read into operations yet",
}
"""Sentences the grammar reads but the order reader cannot turn into operations yet."""


def _para_text(blocks: list[Block], index: int) -> str | None:
    """The text of the paragraph at `index`; None past the end or for a table."""
    if index >= len(blocks):
        return None
    block = blocks[index]
    return block.text if isinstance(block, Para) else None


@dataclass
class _Context:
    """What carries over from one instruction to the next: the annex and the units opened."""

    annex: str | None = None
    target: Target = field(default_factory=Target)
    scope: str | None = None  # "бүкіл мәтін бойынша:" opens the whole text


def parse_file(path: Path, lang: str = "auto") -> Amendment:
    """Parse the amending order in the text file `path`."""
    return parse_text(read_text(path), str(path), lang)


def parse_text(text: str, where: str, lang: str = "auto") -> Amendment:
    """Parse the text of an amending order; `where` names it in messages."""
    return parse_blocks(text_blocks(text), where, lang)


def _document_text(blocks: list[Block]) -> str:
    parts = []
    for block in blocks:
        if isinstance(block, Para):
            parts.append(block.text)
        else:
            parts.extend(cell.text for row in block.rows for cell in row)
    return "\n".join(parts)


def parse_blocks(blocks: list[Block], where: str, lang: str = "auto") -> Amendment:
    """Parse an amending order given as blocks (from a text, Word or HTML file).

    `lang` is "kk", "ru", or "auto" to tell it from the text."""
    log = CleanupLog()
    blocks = _visible(blocks, log)
    if lang == "auto":
        lang = detect_lang(_document_text(blocks))
    g = grammar(lang)
    lexicon = Lexicon(_document_text(blocks))
    enacting = next((i for i, b in enumerate(blocks) if isinstance(b, Para) and g.enacting.match(b.text.strip())), None)
    if enacting is None:
        from consolidate.parse.law import is_law, parse_law

        if is_law(blocks, lang):
            return parse_law(blocks, where, lang, g, log, lexicon)
        raise ParseError("no enacting words (БҰЙЫРАМЫН: / ПРИКАЗЫВАЮ:) found: not an order", where=where)
    title, issuer, number, date, act_word = _heading(blocks[:enacting], g, where)
    points = _points(blocks[enacting + 1 :], g)
    if not points:
        raise ParseError("no numbered point after the enacting words", where=where)
    reader = _PointReader(g, where, log, lexicon)
    amends: ActRef | None = None
    # Each point that names an act and opens its changes amends that act: an order may
    # amend several ("2. … № 45 бұйрығына мынадай өзгерістер енгізілсін:").
    spans: list[tuple[ActRef, int, int]] = []
    for point_number, blocks_of_point in points.items():
        reader.point = point_number
        first = blocks_of_point[0]
        assert isinstance(first, Para)
        match = g.amends.search(first.text)
        if match and g.opening.search(_first_sentence(blocks_of_point)):
            try:
                act = ActRef(
                    number=match.group("number"),
                    date=parse_date(match.group("date"), g, f"{where}:{first.line}"),
                    title=_quoted_title(first.text),
                )
            except ParseError as problem:
                reader.problems.append(problem)
                continue
            amends = amends or act
            start = len(reader.operations)
            reader.read_amending_point(blocks_of_point)
            spans.append((act, start, len(reader.operations)))
        else:
            reader.read_other_point(blocks_of_point)
    if len(spans) > 1:  # several acts: each operation names its own (one act: the order's `amends`)
        for act, start, end in spans:
            reader.operations[start:end] = [dataclasses.replace(op, amends=act) for op in reader.operations[start:end]]
    if reader.problems:
        raise ParseError.collect(reader.problems, where)
    if amends is None:
        raise ParseError(
            "no point names the amended order and opens its changes (…№ N бұйрығына мынадай "
            "өзгерістер енгізілсін: / Внести в приказ … следующие изменения:)",
            where=where,
        )
    if not reader.operations:
        raise ParseError("the amending point holds no instruction", where=where)
    eif = _entry_into_force(points, g, where)
    order = OrderMeta(
        number=number, date=date, lang=lang, title=title, issuer=issuer, amends=amends,
        entry_into_force=eif, act_word=act_word,
    )  # fmt: skip
    return Amendment(order=order, operations=tuple(reader.operations), cleanups=tuple(log.entries))


def _visible(blocks: list[Block], log: CleanupLog) -> list[Block]:
    """The blocks without invisible characters (zero-width spaces, soft hyphens…), each
    removal reported: a "3\u200b3" must read as 33, never as 3."""
    if first_of(_document_text(blocks), is_invisible) is None:
        return blocks  # the usual case: one pass over the text
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Para):
            out.append(Para(block.line, strip_invisible(block.text, block.line, log)))
        else:
            rows = tuple(
                tuple(
                    GridCell(strip_invisible(cell.text, block.line, log), cell.rowspan, cell.colspan) for cell in row
                )
                for row in block.rows
            )
            out.append(Grid(block.line, rows))
    return out


def _unquoted_lookalikes(sentence: str, lang: str, line: int, log: CleanupLog) -> str:
    """Latin look-alikes in the Cyrillic words of an instruction and hyphen forms after a
    digit repaired (reported); quoted words are kept as written, they are text of the act."""
    out, position = [], 0
    for match in QUOTED_RE.finditer(sentence):
        out.append(_repaired(sentence[position : match.start()], lang, line, log))
        out.append(match.group(0))
        position = match.end()
    out.append(_repaired(sentence[position:], lang, line, log))
    return "".join(out)


def _stray_quote_after_verb(sentence: str, g: Grammar, line: int, log: CleanupLog) -> str:
    """A quotation mark printed after a clause's verb and its semicolon, before the comma of the
    next clause ("… ауыстырылсын;", «сақтауға» …"), removed with the comma, reported. Only in a
    sentence whose straight quotation marks do not pair (an odd count) and at one place: a quote
    never closes right after the verb of an instruction, so that mark is the unpaired one."""
    if sentence.count('"') % 2 == 0:
        return sentence
    stray = re.compile(rf"(?<!\w)({g.clause_verbs.pattern})([;,])\"\s*,\s*", re.IGNORECASE)
    found = list(stray.finditer(sentence))
    if len(found) != 1:
        return sentence
    match = found[0]
    clean = f"{match.group(1)}{match.group(2)} "
    log.add(match.group(0), clean, "other", line)
    return sentence[: match.start()] + clean + sentence[match.end() :]


def _repaired(text: str, lang: str, line: int, log: CleanupLog) -> str:
    """Words outside the quotes with their certain repairs made, each reported."""
    return fix_letter_range_comma(fix_hyphens(fix_lookalikes(text, lang, line, log), line, log), line, log)


def _first_sentence(blocks: list[Block]) -> str:
    parts = []
    for block in blocks:
        if not isinstance(block, Para) or not block.text.strip():
            break
        parts.append(block.text.strip())
        if parts[-1].endswith(SENTENCE_END):
            break
    return fold_spaces(" ".join(parts))


def _heading(blocks: list[Block], g: Grammar, where: str) -> tuple[str, str, str, str, str]:
    """Title, issuer, number, date and kind of act from the blocks before the enacting words."""
    title_parts: list[str] = []
    for block in blocks:
        if not isinstance(block, Para):
            continue
        match = g.order_heading.match(fold_spaces(block.text))
        if match:
            date = parse_date(match.group("date"), g, f"{where}:{block.line}")
            title = fold_spaces(" ".join(title_parts))
            return title, match.group("issuer"), match.group("number"), date, match.group("type")
        if block.text.strip():
            title_parts.append(block.text)
    raise ParseError("no heading with the order's date and number (…жылғы … № N бұйрығы / Приказ … от … № N)",
                     where=where)  # fmt: skip


def _points(blocks: list[Block], g: Grammar) -> dict[str, list[Block]]:
    """The order's points, by number. A point runs to the next point number in sequence,
    so numbers inside quoted blocks or cells never start a point; the last point ends at
    the first blank line after it."""
    points: dict[str, list[Block]] = {}
    expected = 1
    current: list[Block] | None = None
    in_quote = False
    for block in blocks:
        if isinstance(block, Para) and not in_quote:
            match = POINT_RE.match(block.text)
            if match and int(match.group("num")) == expected:
                current = points.setdefault(str(expected), [])
                expected += 1
                current.append(block)
                continue
        if current is None:
            continue
        if isinstance(block, Para):
            if g.quote_open.match(block.text):
                in_quote = True
            elif in_quote and g.quote_close.match(block.text):
                in_quote = False
        current.append(block)
    return points


def _quoted_title(text: str) -> str:
    match = re.search(r"[\"“«](?P<t>[^\"”»]+)[\"”»]", text)
    return match.group("t") if match else ""


def _entry_into_force(points: dict[str, list[Block]], g: Grammar, where: str) -> EntryIntoForce:
    """Read the point that says when the order comes into force, with its exceptions."""
    for key in sorted(points, key=int, reverse=True):
        paras = [b for b in points[key] if isinstance(b, Para) and b.text.strip()]
        if not any(g.eif["marker"].search(b.text) for b in paras):
            continue
        text = re.sub(r"^\s*\d+\.\s*", "", fold_spaces(" ".join(b.text for b in paras)))
        at = f"{where}:{paras[0].line}"
        sentences = [s for s in re.split(r"(?<=[.;])\s+(?=\S)", text) if g.eif["marker"].search(s)]
        main: EntryIntoForce | None = None
        exceptions: list[EntryException] = []
        for sentence in sentences:
            rule, excepted = _rule_and_exceptions(sentence, g, at)
            exceptions.extend(excepted)
            refs = complete_refs(sentence, g, at)
            if (main is None and not refs) or (main is None and excepted):
                main = rule
            elif refs:
                exceptions.append(_exception(refs, rule))
        if main is None:
            main = _rule_and_exceptions(sentences[0], g, at)[0]
        return dataclasses.replace(main, exceptions=tuple(exceptions))
    raise ParseError("no point says when the order comes into force (…қолданысқа енгізіледі / вводится в действие)",
                     where=where)  # fmt: skip


def _rule_and_exceptions(sentence: str, g: Grammar, at: str) -> tuple[EntryIntoForce, list[EntryException]]:
    """A sentence's own rule, and the parts it excepts ("… қоспағанда" / "за исключением …")."""
    match = g.eif["except"].search(sentence)
    if match is None:
        return read_entry_into_force(sentence, g, at), []
    before, after = sentence[: match.start()], sentence[match.end() :]
    excepted, main = (before, after) if g.except_side == "before" else (after, before)
    refs = complete_refs(excepted, g, at)
    if not refs:
        raise ParseError(f"the parts excepted from entry into force are not named: {sentence[:80]!r}", where=at)
    main_rule = read_entry_into_force(main, g, at)
    excepted_rule = read_entry_into_force(excepted, g, at)
    excepted_rule = dataclasses.replace(excepted_rule, text=excepted.strip(" ,."))
    return dataclasses.replace(main_rule, text=sentence), [_exception(refs, excepted_rule)]


def read_entry_into_force(sentence: str, g: Grammar, at: str) -> EntryIntoForce:
    """The rule of an entry-into-force sentence (or of the part of it that names a rule)."""
    for kind, pattern in (("working", g.eif["working"]), ("calendar", g.eif["calendar"])):
        match = pattern.search(sentence)
        if match:
            raw = next(v for k, v in match.groupdict().items() if k.startswith("days") and v)
            days = parse_number(strip_trailing_number_words(raw, g), g, at)
            return EntryIntoForce(kind=kind, days=days, text=sentence)
    if g.eif["on_publication"].search(sentence):
        return EntryIntoForce(kind="on", days=0, text=sentence)
    if g.eif["next_day"].search(sentence):
        return EntryIntoForce(kind="next_day", days=0, text=sentence)
    match = g.eif["fixed_date"].search(sentence)
    if match:
        return EntryIntoForce(kind="date", after="date", date=parse_date(match.group("date"), g, at), text=sentence)
    raise ParseError(f"cannot read when the order comes into force: {sentence[:80]!r}", where=at)


def _exception(refs: list, rule: EntryIntoForce) -> EntryException:
    points = next((r.nums for r in refs if r.unit == "point"), ())
    subpoints = next((r.nums for r in refs if r.unit == "subpoint"), ())
    return EntryException(points=points, subpoints=subpoints, rule=rule)


class _PointReader:
    """Reads the sentences of the order's points into operations, collecting problems."""

    def __init__(self, g: Grammar, where: str, log: CleanupLog, lexicon: Lexicon) -> None:
        self.g = g
        self.where = where
        self.log = log
        self.lexicon = lexicon
        self.operations: list[Operation] = []
        self.problems: list[ParseError] = []
        self.point: str | None = None  # the number of the order's point being read

    def read_other_point(self, blocks: list[Block]) -> None:
        """A point that does not amend: only an act declared lost force is an operation."""
        first = blocks[0]
        assert isinstance(first, Para)
        sentence = re.sub(r"^\s*\d+\.\s*", "", _first_sentence(blocks))
        verb = next((v for v in self.g.verbs if v.pattern.search(sentence)), None)
        if verb is not None and verb.op == "lose_force":
            self._read(sentence, first.line, _Context(), blocks, 1)
        elif (verb is not None and verb.op != "no_change") or self.g.opening.search(sentence):
            # Changes of acts this point does not name by number and date ("Внести в некоторые
            # приказы следующие изменения:"): never skipped without a word.
            self.problems.append(
                ParseError(
                    f"point {self.point} makes changes but names no act by its number and date: not read yet",
                    where=self._at(first.line),
                )
            )

    def read_amending_point(self, blocks: list[Block]) -> None:
        """The amending point: its opening sentence, then contexts, instructions and quotes."""
        context = _Context()
        index = 0
        opened = False
        while index < len(blocks):
            block = blocks[index]
            if isinstance(block, Grid):
                self.problems.append(ParseError("a table that follows no instruction", where=self._at(block.line)))
                index += 1
                continue
            if not block.text.strip() or self.g.punctuation_only.match(block.text):
                index += 1
                continue
            sentence, index = self._next_sentence(blocks, index)
            if not opened:
                sentence = re.sub(r"^\s*\d+\.\s*", "", sentence)
                if self.g.opening.search(sentence):
                    opened = True
                    continue
            index = self._read(sentence, block.line, context, blocks, index)

    def _read(self, sentence: str, line: int, context: _Context, blocks: list[Block], index: int) -> int:
        """Read one sentence (and its quoted block); returns the index after what it used."""
        at = self._at(line)
        cleaned = re.sub(r"\s+:$", ":", sentence)
        if cleaned != sentence:
            self.log.add(sentence[-20:], cleaned[-19:], "other", line)
        cleaned = _stray_quote_after_verb(cleaned, self.g, line, self.log)
        cleaned = _unquoted_lookalikes(cleaned, self.g.lang, line, self.log)
        try:
            instruction = read_sentence(cleaned, self.g, at)
        except ParseError as problem:
            self.problems.append(problem)
            return self._skip_quoted(blocks, index)
        if instruction.kind == "opening":
            return index
        if instruction.kind == "annex":
            context.annex, context.target, context.scope = instruction.annex, Target(), None
            return index
        if instruction.kind in UNREAD_KINDS:
            self.problems.append(ParseError(UNREAD_KINDS[instruction.kind], where=at))
            return index
        if instruction.kind == "context":
            self._open_context(instruction, context)
            return index
        # A sentence of several operations gives each its own Operation, in order; only
        # one of them can announce the quoted wording that follows.
        parts = instruction.parts if instruction.kind == "several" else (instruction,)
        if sum(part.needs_content for part in parts) > 1:
            self.problems.append(ParseError("several operations of one sentence announce new wording", where=at))
            return self._skip_quoted(blocks, index)
        for part in parts:
            if part.op == "no_change":
                continue  # the change concerns the other language's text only: nothing to do here
            if context.scope is not None and part.scope is None:
                part = dataclasses.replace(part, scope=context.scope)
            index = self._read_operation(with_context(part, context.target), line, cleaned, context, blocks, index, at)
        return index

    def _open_context(self, instruction: Instruction, context: _Context) -> None:
        """A context line of an order replaces the one open (a law's accumulate: parse.law)."""
        context.target = instruction.target
        context.scope = instruction.scope

    def _read_operation(
        self,
        instruction: Instruction,
        line: int,
        cleaned: str,
        context: _Context,
        blocks: list[Block],
        index: int,
        at: str,
    ) -> int:
        """One operation of a sentence, with its quoted wording if it announces one."""
        content: tuple[Unit, ...] = ()
        provisions: tuple[Node, ...] = ()
        try:
            if instruction.needs_content:
                content, provisions, index = self._content(instruction, blocks, index, at)
            if len(self.operations) >= MAX_OPERATIONS:
                raise limit_error("MAX_OPERATIONS", "the order holds too many operations", "operations", self.where)
            source = self._source(line, cleaned)
            self.operations.append(self._operation(instruction, context, content, source, provisions))
        except ParseError as problem:
            self.problems.append(problem)
            return self._skip_quoted(blocks, index) if instruction.needs_content else index
        return index

    def _source(self, line: int, sentence: str) -> Source:
        marker = MARKER_RE.match(sentence)
        subpoint = marker.group(0).strip().rstrip(")") if marker and has_item_marker(sentence, self.g) else None
        return Source(Path(self.where).name, line, sentence, point=self.point, subpoint=subpoint)

    def _at(self, line: int) -> str:
        return f"{self.where}:{line}"

    def _next_sentence(self, blocks: list[Block], index: int) -> tuple[str, int]:
        """A sentence printed over several lines is joined until it ends with ":", ";" or "."."""
        first = blocks[index]
        assert isinstance(first, Para)
        parts = [first.text.strip()]
        index += 1
        while not parts[-1].endswith(SENTENCE_END) and index < len(blocks):
            block = blocks[index]
            if not isinstance(block, Para) or not block.text.strip() or self.g.quote_open.match(block.text):
                break
            parts.append(block.text.strip())
            index += 1
        return fold_spaces(" ".join(parts)), index

    def _skip_blank(self, blocks: list[Block], index: int) -> int:
        while (text := _para_text(blocks, index)) is not None and not text.strip():
            index += 1
        return index

    def _skip_quoted(self, blocks: list[Block], index: int) -> int:
        """After an unreadable instruction, step over the quoted block that may follow it
        (only one between quote lines of their own: an inline quote cannot be told from
        the next instruction when this one was not understood)."""
        start = self._skip_blank(blocks, index)
        try:
            return self._quoted(blocks, start, "", inline=False)[1]
        except ParseError:
            return index

    def _inline_quote(self, blocks: list[Block], index: int, at: str) -> tuple[list[Block], int]:
        """New wording quoted on its own paragraphs: «5. … (first) … .»; (last)."""
        for end in range(index, len(blocks)):
            block = blocks[end]
            if not isinstance(block, Para):
                raise ParseError("a table inside quoted text wording", where=at)
            if INLINE_CLOSE.search(block.text):
                paras = [b for b in blocks[index : end + 1] if isinstance(b, Para)]
                paras[0] = dataclasses.replace(paras[0], text=INLINE_OPEN.sub("", paras[0].text, count=1))
                paras[-1] = dataclasses.replace(paras[-1], text=INLINE_CLOSE.sub("", paras[-1].text, count=1))
                quoted: list[Block] = list(paras)
                return quoted, end + 1
        raise ParseError("the quoted wording that follows is never closed (no »)", where=at)

    def _quoted(self, blocks: list[Block], index: int, at: str, inline: bool = True) -> tuple[list[Block], int]:
        """The blocks of the quoted wording that follows an instruction, and the index after.

        Text from a PDF quotes its lines between a line `"` and a line `".`; a Word or HTML
        order may put a real table right after the instruction, with or without the quotes;
        text wording is often quoted on its own paragraphs («5. …» with the marks attached).
        """
        index = self._skip_blank(blocks, index)
        first = _para_text(blocks, index)
        if inline and first is not None and INLINE_OPEN.match(first):
            return self._inline_quote(blocks, index, at)
        if index < len(blocks) and isinstance(blocks[index], Grid):
            after = self._skip_blank(blocks, index + 1)
            closing = _para_text(blocks, after)
            if closing is not None and self.g.quote_close.match(closing):
                return [blocks[index]], after + 1
            return [blocks[index]], index + 1
        if first is None or not self.g.quote_open.match(first):
            raise ParseError("the instruction announces new wording but no quoted block follows", where=at)
        for end in range(index + 1, len(blocks)):
            block = blocks[end]
            if isinstance(block, Para) and self.g.quote_close.match(block.text):
                return blocks[index + 1 : end], end + 1
        raise ParseError("the quoted block that follows is never closed", where=at)

    def _content(
        self, ins: Instruction, blocks: list[Block], index: int, at: str
    ) -> tuple[tuple[Unit, ...], tuple[Node, ...], int]:
        """The quoted new wording: table units when it is a table (real, or tab-separated
        lines of a PDF), text provisions otherwise (read like an official text's body)."""
        quoted, index = self._quoted(blocks, index, at)
        paragraphs = [b for b in quoted if isinstance(b, Para) and b.text.strip()]
        if ins.unit == "heading":
            return (self._heading_content(ins, quoted, at),), (), index
        grids = [b for b in quoted if isinstance(b, Grid)]
        tabular = bool(grids) or any("\t" in b.text for b in paragraphs)
        if ins.unit in TABLE_UNITS and (tabular or ins.unit == "row"):
            chapter = ins.target.chapter if ins.unit != "chapter" else None
            if grids:
                from consolidate.parse.grid import parse_grid

                units: list[Unit] = []
                for grid in grids:
                    units.extend(parse_grid(grid, self.where, self.log, self.lexicon, chapter=chapter))
            else:
                lines = [(b.line, b.text) for b in quoted if isinstance(b, Para)]
                units = parse_table(lines, self.where, self.log, self.lexicon, chapter=chapter)
            return tuple(units), (), index
        from consolidate.importer.blocks import para_blocks
        from consolidate.importer.build import build_fragment

        if not paragraphs and not grids:
            raise ParseError("the quoted new wording is empty", where=at)
        nodes, _ = build_fragment(para_blocks(list(quoted)))
        return (), tuple(nodes), index

    def _heading_content(self, ins: Instruction, quoted: list[Block], at: str) -> ChapterHeading:
        """A restated heading: the quoted line, with or without its label ("3-тарау. …")."""
        text = fold_spaces(" ".join(b.text for b in quoted if isinstance(b, Para)))
        if not text:
            raise ParseError("the quoted new heading is empty", where=at)
        for unit, pattern, _ in table_conventions().headings:
            match = pattern.match(text)
            if match and unit == "chapter":
                text = fold_spaces(match.group("heading"))
                break
        return ChapterHeading(num=ins.target.chapter or "", heading=text)

    def _operation(
        self,
        ins: Instruction,
        context: _Context,
        content: tuple[Unit, ...],
        source: Source,
        provisions: tuple[Node, ...] = (),
    ) -> Operation:
        """Build the operation and check that its quoted content matches its target."""
        if ins.needs_content and ins.unit in TABLE_UNITS and content:
            _check_content(ins.unit, ins.target, content, f"{self.where}:{source.line}")
        return Operation(
            seq=len(self.operations) + 1,
            op=ins.op or "",
            unit=ins.unit or "",
            annex=context.annex,
            target=ins.target,
            source=source,
            content=content,
            provisions=provisions,
            old_words=ins.old_words,
            new_words=ins.new_words,
            scope=ins.scope,
            act=ins.act,
            position=ins.position,
        )


def _check_content(unit: str, target: Target, content: tuple[Unit, ...], at: str) -> None:
    """The quoted block must hold what the instruction announces, each row once and in
    order (a row numbered twice would be two units at one address)."""
    rows = [u for u in content if isinstance(u, Row)]
    for before, after in itertools.pairwise(rows):
        if (before.chapter, before.paragraph) == (after.chapter, after.paragraph) and num_key(before.num) >= num_key(
            after.num
        ):
            raise ParseError(
                f"the quoted block holds row {after.num} after row {before.num}: rows must be in order, each once",
                where=at,
            )
    held = {
        "chapter": [u.num for u in content if isinstance(u, ChapterHeading)],
        "paragraph": [u.num for u in content if isinstance(u, ParagraphHeading)],
        "row": [u.num for u in content if isinstance(u, Row)],
    }[unit]
    wanted = [target.chapter] if unit == "chapter" else list(target.paragraphs if unit == "paragraph" else target.rows)
    if held != wanted:
        raise ParseError(
            f"the quoted block should hold {unit} {', '.join(n or '?' for n in wanted)}, "
            f"it holds {', '.join(held) or 'none'}",
            where=at,
        )
