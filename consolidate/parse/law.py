"""Reads a whole amending LAW (or decree having the force of law) into an `Amendment`.

A law has no enacting words and no numbered points of an order. Its frame:

- the title ("# О внесении изменений в Закон …"), then either articles ("Статья 1." /
  "1-бап.") or, for a short law, the text with no articles at all;
- a sentence opening the changes of ONE act it names ("Внести в Закон Республики Казахстан
  от 7 мая 1997 г. "О …" (Ведомости …) следующие изменения:" / "«…» 1997 жылғы 7 мамырдағы
  Қазақстан Республикасының Заңына (…) мынадай өзгерістер енгізілсін:"), or of SEVERAL
  acts, each then named by a numbered item ("1. В Указ … от 3 октября 1995 г. N 2483 "О
  …" (…):"); a later article may open the changes of another act the same way;
- numbered change items ("1.", "1)") and unnumbered ones, contexts that accumulate
  ("3. В статье 3:" then "1) части третью … изложить …"; "7-бапта:" then "2-тармақта:"),
  new wording quoted inline or on lines of its own;
- the article on the entry into force ("Настоящий Закон вводится в действие со дня его
  официального опубликования." / "Осы Заң ресми жарияланған күнінен бастап қолданысқа
  енгізіледі."), read as the rule, not as a change; the signature ends the text.

Every operation carries the act it amends (`Operation.amends`). The sentences are read by
the order reader's machinery (`order._PointReader`), so a sentence reads exactly as in an
order; every line the reader cannot place is a problem, and all problems are reported
together: a law is read completely or refused.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from functools import cache

from consolidate.errors import ParseError
from consolidate.model.amendment import ActRef, Amendment, EntryIntoForce, Operation, OrderMeta, Target
from consolidate.parse.cleanup import CleanupLog, Lexicon, fold_lookalikes, fold_spaces
from consolidate.parse.dates import parse_date
from consolidate.parse.document import Block, Grid, Para
from consolidate.parse.grammar import FLAGS, Grammar, load_data
from consolidate.parse.instructions import (
    ITEM_RE,
    LIST_FIELDS,
    SINGLE_FIELDS,
    SPECIFICITY,
    Instruction,
    has_item_marker,
)
from consolidate.parse.order import _Context, _PointReader, read_entry_into_force

TITLE_RE = re.compile(r"^\s*#\s+(?P<title>.+?)\s*$")
HEADING_MARKS = re.compile(r"^\s*#{1,6}\s+")
QUOTE_RE = re.compile(r"[\"«“„](?P<words>[^\"«»“”„]+)[\"»”“]")
SENTENCE_END = (":", ";", ".")
ITEM_MARKER_RE = re.compile(r"^\s*(?P<num>\d+(?:-\d+)?)(?P<kind>[.)])\s")
ISSUERS = {"ru": "Президент Республики Казахстан", "kk": "Қазақстан Республикасының Президенті"}
ACT_WORDS = {"ru": "Закон", "kk": "Заң"}


@dataclass(frozen=True)
class LawGrammar:
    """The compiled frame of a law in one language (consolidate/data/laws.toml)."""

    article: re.Pattern[str]
    opening_one: re.Pattern[str]
    opening_several: re.Pattern[str]
    act_item: re.Pattern[str]
    kinds: tuple[tuple[re.Pattern[str], str], ...]
    number: re.Pattern[str]
    publication: re.Pattern[str]
    entry_into_force: re.Pattern[str]
    eif_on_publication: re.Pattern[str]
    eif_signing: re.Pattern[str]
    signature: re.Pattern[str]
    signer: re.Pattern[str]


@cache
def law_grammar(lang: str) -> LawGrammar:
    """The frame of a law in `lang` ("kk" or "ru"), checked as it is loaded."""
    data = load_data("laws.toml")[lang]

    def pattern(key: str) -> re.Pattern[str]:
        return re.compile(data[key], FLAGS)

    return LawGrammar(
        article=pattern("article"),
        opening_one=pattern("opening_one"),
        opening_several=pattern("opening_several"),
        act_item=pattern("act_item"),
        kinds=tuple((re.compile(p, FLAGS), kind) for p, kind in data["kinds"]),
        number=pattern("number"),
        publication=pattern("publication"),
        entry_into_force=pattern("entry_into_force"),
        eif_on_publication=pattern("eif_on_publication"),
        eif_signing=pattern("eif_signing"),
        signature=pattern("signature"),
        signer=re.compile(data["signer"]),  # case matters: a name in capitals
    )


def _folded(text: str, lang: str) -> str:
    """A line as the frame patterns see it: no heading marks, look-alikes folded, one space."""
    return fold_spaces(fold_lookalikes(HEADING_MARKS.sub("", text), lang)).strip()


def _without_article(text: str, lg: LawGrammar) -> tuple[str | None, str]:
    """("1", "Внести …") for "Статья 1. Внести …"; (None, text) for a line of no article."""
    match = lg.article.match(text)
    return (match.group("num"), match.group("rest").strip()) if match else (None, text)


def is_law(blocks: list[Block], lang: str) -> bool:
    """Whether the text opens the changes of an act the way a law does."""
    lg = law_grammar(lang)
    for block in blocks:
        if isinstance(block, Para) and block.text.strip():
            _, text = _without_article(_folded(block.text, lang), lg)
            if lg.opening_one.match(text) or lg.opening_several.match(text):
                return True
    return False


def act_ref(phrase: str, sentence: str, g: Grammar, lg: LawGrammar, where: str, log: CleanupLog, line: int) -> ActRef:
    """The act a phrase names: its kind, date, number, and its title as printed in the
    sentence (the first quoted words; look-alikes and faults kept). The publication
    references in brackets are left out; a year glued to its word ("1996 жылғы24") is
    spaced, with a report."""
    spaced = re.sub(r"(\d)(жылғы|г\.|года)", r"\1 \2", phrase)
    spaced = re.sub(r"(жылғы)(\d)", r"\1 \2", spaced)
    if spaced != phrase:
        log.add(phrase[:60], spaced[:60], "other", line)
    bare = lg.publication.sub(" ", fold_lookalikes(spaced, g.lang))
    printed = lg.publication.sub(" ", spaced)
    unquoted = QUOTE_RE.sub(" ", bare)  # a title's own words never tell the kind
    kind = next((k for pattern, k in lg.kinds if pattern.search(unquoted)), "")
    date_match = g.date.search(bare + " ")
    if date_match is None:
        raise ParseError(f"the act {fold_spaces(bare)[:80]!r} is named with no date of signing", where=where)
    date = parse_date(date_match.group(0), g, where)
    number_match = lg.number.search(bare)
    number = number_match.group("number").rstrip(".,;:") if number_match else ""
    title_match = QUOTE_RE.search(sentence) or QUOTE_RE.search(printed)
    if title_match is None:
        raise ParseError(f"the act {fold_spaces(bare)[:80]!r} is named with no quoted title", where=where)
    return ActRef(number=number, date=date, title=title_match.group("words").strip(), kind=kind)


def _level(target: Target) -> tuple[int, int]:
    """The widest and narrowest unit a target names, as places in SPECIFICITY ((-1, -1)
    for none: the whole text)."""
    named = [
        index
        for index, unit in enumerate(SPECIFICITY)
        if getattr(target, SINGLE_FIELDS.get(unit, LIST_FIELDS.get(unit, "")), None)
    ]
    return (min(named), max(named)) if named else (-1, -1)


def merge(outer: Target, inner: Target) -> Target:
    """The inner context's units over the outer one's ("в статье 3:" then "в пункте 2:")."""
    fields = {}
    for item in dataclasses.fields(Target):
        own = getattr(inner, item.name)
        fields[item.name] = own if own not in (None, (), False) else getattr(outer, item.name)
    return Target(**fields)


@dataclass
class _Level:
    """One open context: the marker kind of its line ("." for "3.", ")" for "1)", "" for
    none), its units and its scope."""

    marker: str
    target: Target = field(default_factory=Target)
    scope: str | None = None


def _marker(sentence: str, g: Grammar) -> tuple[str, str | None]:
    """The kind and number of the item marker a sentence opens with ("3." -> (".", "3"))."""
    if ITEM_RE.match(sentence):
        match = ITEM_MARKER_RE.match(sentence)
        return ".", match.group("num") if match else None
    if has_item_marker(sentence, g):
        match = ITEM_MARKER_RE.match(sentence)
        return ")", match.group("num") if match else None
    return "", None


def parse_law(blocks: list[Block], where: str, lang: str, g: Grammar, log: CleanupLog, lexicon: Lexicon) -> Amendment:
    """Read the blocks of an amending law; every problem is collected, then raised together."""
    lg = law_grammar(lang)
    reader = _LawReader(g, where, log, lexicon)
    title = ""
    acts: list[ActRef] = []
    act: ActRef | None = None
    opened = False
    eif: EntryIntoForce | None = None
    signed = named = False
    losing = False  # inside a list of acts declared lost force
    context = _Context()
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if isinstance(block, Grid):
            reader.problems.append(ParseError("a table that follows no instruction", where=f"{where}:{block.line}"))
            index += 1
            continue
        if not block.text.strip() or g.punctuation_only.match(block.text):
            index += 1
            continue
        heading = TITLE_RE.match(block.text)
        if heading and not title and not opened:
            title = heading.group("title")
            index += 1
            continue
        sentence, next_index = reader.law_sentence(blocks, index)
        folded = _folded(sentence, lang)
        at = f"{where}:{block.line}"
        if signed:
            if not named and lg.signer.match(folded):
                named = True  # the signer's name under the signature
            else:
                reader.problems.append(ParseError(f"text after the signature: {folded[:60]!r}", where=at))
            index = next_index
            continue
        if lg.signature.match(folded):
            signed = True
            index = next_index
            continue
        article, rest = _without_article(folded, lg)
        rule = lg.entry_into_force.match(rest)
        if rule is not None:
            if eif is not None:
                reader.problems.append(ParseError("a second article on the entry into force", where=at))
            else:
                eif = _entry_into_force(rule.group("rule"), rest, lg, g, at, reader.problems)
            index = next_index
            continue
        one = lg.opening_one.match(rest)
        if one is not None or lg.opening_several.match(rest):
            losing = False
        several = lg.opening_several.match(rest) if one is None else None
        if one is not None or several is not None:
            if article is None and opened:
                reader.problems.append(ParseError(f"a second opening sentence: {rest[:60]!r}", where=at))
            opened = True
            reader.stack.clear()
            act = None
            if one is not None:
                try:
                    act = act_ref(one.group("act"), sentence, g, lg, at, log, block.line)
                    acts.append(act)
                except ParseError as problem:
                    reader.problems.append(problem)
            index = next_index
            continue
        if article is not None and g.lose_force_list is not None and g.lose_force_list.search(rest):
            opened, losing, act = True, True, None  # "2-бап. … актілерінің күші жойылды деп танылсын:"
            reader.stack.clear()
            index = next_index
            continue
        if article is not None and _loses_force(rest, g):
            opened, losing, act = True, False, None  # one act declared lost force in the article
            reader.stack.clear()
            index = reader.lose_force(rest, block.line, blocks, next_index)
            continue
        if article is not None:
            reader.problems.append(
                ParseError(f"article {article} of the law is neither changes nor the entry into force", where=at)
            )
            index = next_index
            continue
        if losing and g.lose_force_item is not None and g.lose_force_item.search(folded):
            reader.lose_force_item(sentence, block.line, g, lg)
            index = next_index
            continue
        if not opened:
            reader.problems.append(ParseError(f"text before the changes open: {folded[:60]!r}", where=at))
            index = next_index
            continue
        item = lg.act_item.match(folded)
        if item is not None:
            reader.stack[:] = [_Level(".")]
            reader.point = item.group("num")
            try:
                act = act_ref(item.group("act"), sentence, g, lg, at, log, block.line)
                acts.append(act)
            except ParseError as problem:
                act = None
                reader.problems.append(problem)
            index = next_index
            continue
        kind, number = _marker(sentence, g)
        reader.enter(kind, number)
        context.target, context.scope = reader.current()
        before = len(reader.operations)
        index = reader._read(sentence, block.line, context, blocks, next_index)
        if len(reader.operations) > before:
            if act is None:
                reader.problems.append(ParseError("a change that names no act to amend", where=at))
            reader.operations[before:] = [dataclasses.replace(op, amends=act) for op in reader.operations[before:]]
    if not opened:
        raise ParseError(
            "no sentence opens the changes of an act (Внести в … следующие изменения: / … мынадай өзгерістер "
            "енгізілсін:)",
            where=where,
        )
    if reader.problems:
        raise ParseError.collect(reader.problems, where)
    if not reader.operations or not acts:
        raise ParseError("the law holds no change", where=where)
    order = OrderMeta(
        number="",
        date="",
        lang=lang,
        title=title,
        issuer=ISSUERS[lang] if signed else "",
        amends=acts[0],
        entry_into_force=eif or EntryIntoForce(kind="unstated", text=""),
        act_word=ACT_WORDS[lang],
    )
    return Amendment(order=order, operations=tuple(reader.operations), cleanups=tuple(log.entries))


def _loses_force(sentence: str, g: Grammar) -> bool:
    verb = next((v for v in g.verbs if v.pattern.search(sentence)), None)
    return verb is not None and verb.op == "lose_force"


def _entry_into_force(
    rule: str, sentence: str, lg: LawGrammar, g: Grammar, at: str, problems: list[ParseError]
) -> EntryIntoForce | None:
    """The law's rule: in force on its first official publication, on signing, after a
    period ("… жарияланғанынан кейін күнтізбелік он күн өткен соң") or on a date."""
    if lg.eif_on_publication.match(rule):
        return EntryIntoForce(kind="on", after="first_publication", text=sentence)
    if lg.eif_signing.match(rule):
        return EntryIntoForce(kind="on", after="signing", text=sentence)
    try:
        found = read_entry_into_force(sentence, g, at)
    except ParseError as problem:
        problems.append(problem)
        return None
    if found.kind in ("working", "calendar", "date"):
        return found
    problems.append(ParseError(f"cannot read when the law comes into force: {sentence[:80]!r}", where=at))
    return None


class _LawReader(_PointReader):
    """The order's sentence reader with a stack of contexts that accumulate."""

    def __init__(self, g: Grammar, where: str, log: CleanupLog, lexicon: Lexicon) -> None:
        super().__init__(g, where, log, lexicon)
        self.lg = law_grammar(g.lang)
        self.stack: list[_Level] = []
        self.marker = ""

    def enter(self, marker: str, number: str | None) -> None:
        """Close the contexts a new line leaves: a marked line closes the open one of its
        own kind and every one inside it ("4." after "3. В статье 3:" and its "1)")."""
        self.marker = marker
        if marker:
            for position in range(len(self.stack) - 1, -1, -1):
                if self.stack[position].marker == marker:
                    del self.stack[position:]
                    break
            if marker == "." or not any(level.marker == "." for level in self.stack):
                self.point = number if marker == "." else self.point

    def current(self) -> tuple[Target, str | None]:
        target, scope = Target(), None
        for level in self.stack:
            target = merge(target, level.target)
            scope = level.scope or scope
        return target, scope

    def _open_context(self, instruction: Instruction, context: _Context) -> None:
        """A context line: pushed over the open ones. An unmarked one first closes the
        unmarked contexts that name a unit as wide as its own or wider ("в статье 12:"
        after "в статье 10:"), and stays inside a wider one ("в пункте 2:" in "в статье 12:")."""
        if not self.marker:
            widest = _level(instruction.target)[0]
            while self.stack and not self.stack[-1].marker:
                if instruction.scope is None and _level(self.stack[-1].target)[1] < widest:
                    break
                self.stack.pop()
        self.stack.append(_Level(self.marker, instruction.target, instruction.scope))
        context.target, context.scope = self.current()

    def _skip_quoted(self, blocks: list[Block], index: int) -> int:
        """After an unreadable instruction, step over its quoted wording, inline too: in a
        law a paragraph opening with a quote mark is never an instruction."""
        start = self._skip_blank(blocks, index)
        try:
            return self._quoted(blocks, start, "")[1]
        except ParseError:
            return index

    def lose_force(self, sentence: str, line: int, blocks: list[Block], index: int) -> int:
        """An article declaring one act lost force: the operation names that act as its own."""
        before = len(self.operations)
        index = self._read(sentence, line, _Context(), blocks, index)
        self.operations[before:] = [dataclasses.replace(op, amends=op.act) for op in self.operations[before:]]
        return index

    def lose_force_item(self, sentence: str, line: int, g: Grammar, lg: LawGrammar) -> None:
        """An act of a list declared lost force, by its title, date and kind, often with no
        number ("1) «…» Қазақ КСР Жоғарғы Кеңесі Президиумының 1990 жылғы 11 қаңтардағы Жарлығы (…);")."""
        at = f"{self.where}:{line}"
        phrase = ITEM_MARKER_RE.sub("", sentence, count=1)
        try:
            ref = act_ref(phrase, phrase, g, lg, at, self.log, line)
            source = self._source(line, sentence)
            op = Operation(seq=len(self.operations) + 1, op="lose_force", unit="act", annex=None, target=Target(),
                           source=source, act=ref, amends=ref)  # fmt: skip
        except ParseError as problem:
            self.problems.append(problem)
            return
        self.operations.append(op)

    def _frame(self, text: str) -> bool:
        """A line of the law's frame (the title, an article, the signature): never joined."""
        folded = _folded(text, self.g.lang)
        return bool(TITLE_RE.match(text) or self.lg.article.match(folded) or self.lg.signature.match(folded))

    def law_sentence(self, blocks: list[Block], index: int) -> tuple[str, int]:
        """A sentence, joined over lines until it ends with ":", ";" or "."; a sentence cut
        by an empty line ("… үшін" / "" / "немесе …") is joined over it, with a report."""
        sentence, end = self._next_sentence(blocks, index)
        while not sentence.endswith(SENTENCE_END) and not self._frame(sentence):
            after = self._skip_blank(blocks, end)
            following = blocks[after] if after < len(blocks) else None
            if after == end or not isinstance(following, Para):
                break
            text = following.text.strip()
            if (
                self.g.quote_open.match(text)
                or re.match(r"^[\"«“„]", text)
                or ITEM_MARKER_RE.match(text)
                or HEADING_MARKS.match(text)
                or self._frame(text)
            ):
                break
            more, end = self._next_sentence(blocks, after)
            self.log.add(
                sentence[-30:] + " ¶ " + more[:30], sentence[-30:] + " " + more[:30], "other", blocks[after].line
            )
            sentence = f"{sentence} {more}"
        return sentence, end


def operations_of(amendment: Amendment, ref: ActRef) -> tuple[Operation, ...]:
    """The operations of a reading that amend the act `ref`."""
    return tuple(op for op in amendment.operations if (op.amends or amendment.order.amends) == ref)
