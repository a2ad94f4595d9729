"""Reads one instruction sentence of an amending order with the grammar tables.

A sentence is read in three steps, like a drafter reads it:

1. the verb at its end names the operation ("толықтырылсын" -> insert, "мынадай
   редакцияда жазылсын" -> restate, "алып тасталсын" -> repeal, "ауыстырылсын" ->
   replace words); a sentence with no verb that ends in a colon opens a context (an annex
   named in the locative, or a unit: "6-тарауда:");
2. the numbered unit references ("6-тараудың", "33 және 34-жолдар", "7-1-тараумен")
   are found and their case read from the ending: the genitive and locative name the
   container, the nominative names what is restated or repealed, the instrumental names
   what is inserted (and then a nominative names the container: "9-тарау … 55-1-жолмен
   толықтырылсын");
3. quoted words, if any, give the old and new words of a replacement.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from consolidate.errors import ParseError
from consolidate.model.numbering import expand_range, num_key
from consolidate.parse.grammar import Grammar

NUM_RE = re.compile(r"\d+(?:-\d+)*")
QUOTED_RE = re.compile(r"[«\"“„](?P<words>[^«»\"“”„]+)[»\"”“]")


@dataclass(frozen=True)
class UnitRef:
    """A numbered reference to units, as written: "33 және 34-жолдар"."""

    unit: str
    nums: tuple[str, ...]
    case: str


@dataclass(frozen=True)
class Instruction:
    """What one sentence says.

    kind: "opening" (point 1's "мынадай өзгерістер енгізілсін:"), "annex" (an annex context),
    "context" (a unit context such as "6-тарауда:"), or "op".
    """

    kind: str
    op: str | None = None
    unit: str | None = None
    chapter: str | None = None
    paragraphs: tuple[str, ...] = ()
    rows: tuple[str, ...] = ()
    old_words: str | None = None
    new_words: str | None = None
    needs_content: bool = False
    annex: str | None = None


def _case_of(ending: str, grammar: Grammar) -> str:
    for case, pattern in grammar.cases:
        if pattern.search(ending):
            return case
    return "nominative"


def _numbers(text: str, plural: bool, grammar: Grammar, where: str) -> tuple[str, ...]:
    """The numbers of a reference: "33 және 34" -> (33, 34); "12-13" (plural) -> (12, 13);
    "44 – 46" -> (44, 45, 46)."""
    parts = re.split(r"(\d+(?:-\d+)*)", text)
    nums: list[str] = []
    range_next = False
    for part in parts:
        if not part:
            continue
        if NUM_RE.fullmatch(part):
            if range_next and nums:
                nums.extend(expand_range(nums[-1], part)[1:])
            else:
                nums.append(part)
            range_next = False
        elif part.strip() in ("–", "—", "-"):
            range_next = True
    if plural and len(nums) == 1 and nums[0].count("-") == 1:
        first, last = nums[0].split("-")
        if int(first) < int(last):
            return tuple(expand_range(first, last))
    if any(num_key(a) >= num_key(b) for a, b in itertools.pairwise(nums)):
        raise ParseError(f"numbers out of order in {text!r}", where=where)
    return tuple(nums)


def find_refs(text: str, grammar: Grammar, where: str) -> list[UnitRef]:
    """Every numbered unit reference in `text`, in order."""
    refs = []
    for match in grammar.unit_ref.finditer(text):
        ending = match.group("ending")
        plural = bool(grammar.plural.match(ending))
        refs.append(
            UnitRef(
                unit=grammar.units[match.group("stem").lower()],
                nums=_numbers(match.group("nums"), plural, grammar, where),
                case=_case_of(ending, grammar),
            )
        )
    return refs


def _words(text: str, grammar: Grammar, where: str) -> tuple[str | None, str | None]:
    """Old and new words of a replacement: «A» деген сөздер «B» деген сөздермен ауыстырылсын."""
    quoted = list(QUOTED_RE.finditer(text))
    old = new = None
    for match in quoted:
        after = text[match.end() :]
        if grammar.words_old.match(after.lstrip()) and old is None:
            old = match.group("words")
        elif grammar.words_new.match(after.lstrip()):
            new = match.group("words")
    if old is None or new is None:
        raise ParseError("a word replacement must quote the old words and the new words", where=where)
    return old, new


def read_sentence(text: str, grammar: Grammar, where: str) -> Instruction:
    """Read one instruction sentence; raise `ParseError` naming `where` if it is not one."""
    sentence = re.sub(r"^\d+\)\s*", "", text.strip())
    if grammar.opening.search(sentence):
        return Instruction(kind="opening")
    verb = next((v for v in grammar.verbs if v.pattern.search(sentence)), None)
    bare = QUOTED_RE.sub(" ", sentence)
    if verb is None:
        if sentence.endswith(":"):
            refs = find_refs(bare, grammar, where)
            if refs and all(r.case in ("locative", "genitive") for r in refs):
                return _context(refs)
            if grammar.annex_locative_end.search(sentence):
                name = grammar.annex_prefix.sub("", sentence).rstrip(":").strip()
                return Instruction(kind="annex", annex=name)
        raise ParseError(f"not an instruction the grammar knows: {sentence[:80]!r}", where=where)

    refs = find_refs(bare, grammar, where)
    old_words = new_words = None
    if verb.op == "replace_words":
        old_words, new_words = _words(sentence, grammar, where)
    heading = grammar.heading.search(bare) is not None
    return _operation(verb.op, verb.content, refs, heading, old_words, new_words, where)


def _context(refs: list[UnitRef]) -> Instruction:
    chapter = next((r.nums[-1] for r in refs if r.unit == "chapter"), None)
    paragraphs = next((r.nums for r in refs if r.unit == "paragraph"), ())
    rows = next((r.nums for r in refs if r.unit == "row"), ())
    return Instruction(kind="context", chapter=chapter, paragraphs=paragraphs, rows=rows)


def _operation(
    op: str,
    content: bool,
    refs: list[UnitRef],
    heading: bool,
    old_words: str | None,
    new_words: str | None,
    where: str,
) -> Instruction:
    """Assign the references their roles and build the operation."""
    if op == "insert":
        targets = [r for r in refs if r.case == "instrumental"]
        containers = [r for r in refs if r.case != "instrumental"]
    elif op == "replace_words":
        targets = [r for r in refs if r.case in ("locative", "nominative")]
        containers = [r for r in refs if r.case == "genitive"]
    else:
        targets = [r for r in refs if r.case in ("nominative", "dative")]
        containers = [r for r in refs if r.case in ("genitive", "locative")]
    if heading and op == "restate" and not targets and containers:
        targets, containers = containers[-1:], containers[:-1]
    if not targets and op != "replace_words":
        raise ParseError(f"the instruction names no unit to {op.replace('_', ' ')}", where=where)
    chapter = None
    paragraphs: tuple[str, ...] = ()
    rows: tuple[str, ...] = ()
    for ref in [*containers, *targets]:
        if ref.unit == "chapter":
            if len(ref.nums) > 1 and ref in targets:
                raise ParseError("several chapters in one instruction are not supported yet", where=where)
            chapter = ref.nums[-1]
        elif ref.unit == "paragraph":
            paragraphs = ref.nums
        elif ref.unit == "row":
            rows = ref.nums
        else:
            raise ParseError(f"a {ref.unit} is not a unit of a table annex", where=where)
    if heading and op == "restate":
        unit = "heading"
    elif targets:
        unit = targets[-1].unit
    else:
        unit = "text"
    return Instruction(
        kind="op",
        op=op,
        unit=unit,
        chapter=chapter,
        paragraphs=paragraphs,
        rows=rows,
        old_words=old_words,
        new_words=new_words,
        needs_content=content and op in ("insert", "restate"),
    )
