"""Reads one instruction sentence of an amending order with the grammar tables.

A sentence is read in three steps, like a drafter reads it:

1. the verb names the operation ("толықтырылсын" / "дополнить" -> insert, "мынадай
   редакцияда жазылсын" / "изложить в следующей редакции" -> restate, "алып тасталсын" /
   "исключить" -> repeal, "ауыстырылсын" / "заменить" -> replace words, "… деген сөздерден
   кейін … толықтырылсын" / "после слов … дополнить словами" -> insert words, "күші
   жойылды деп танылсын" / "признать утратившим силу" -> an act loses force); a sentence
   with no verb that ends in a colon opens a context (an annex named by its title, or a
   unit: "6-тарауда:", "в пункте 1:");
2. the numbered unit references are found ("6-тараудың", "33 және 34-жолдар", "главой
   7-1", "подпункт 2)", "екінші абзацы") and their case read: in Kazakh from the ending of
   the unit word, in Russian from the ending and the preposition before it. The case
   gives the role: the nominative names what is restated or repealed, the instrumental
   what is inserted, the genitive and locative the container, the ablative ("3-тармақтан
   кейін") or "после" only the place of an insertion;
3. quoted words, if any, give the old and new words of a word operation.

Everything language-specific is in the grammar tables (consolidate/data/grammar_*.toml).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from consolidate.errors import ParseError
from consolidate.model.amendment import LIST_KEYS, ActRef, Target
from consolidate.model.numbering import NUM_PATTERN, read_num_list
from consolidate.parse.cleanup import HYPHEN_FORMS, first_of, fold_lookalikes, is_foreign_digit, is_invisible
from consolidate.parse.dates import parse_date
from consolidate.parse.grammar import FLAGS, Grammar

QUOTED_RE = re.compile(r"[«\"“„](?P<words>[^«»\"“”„]*)[»\"”“]")
MARKER_RE = re.compile(rf"^{NUM_PATTERN}\)\s+")

# From the widest unit to the narrowest: a word operation acts in the narrowest one named.
SPECIFICITY = ("annex", "section", "chapter", "paragraph", "article", "point", "subpoint", "indent", "row")
SINGLE_FIELDS = {"annex": "annex", "section": "section", "chapter": "chapter"}
LIST_FIELDS = {
    "paragraph": "paragraphs",
    "article": "articles",
    "point": "points",
    "subpoint": "subpoints",
    "indent": "indents",
    "row": "rows",
}


@dataclass(frozen=True)
class UnitRef:
    """A numbered reference to units, as written: "33 және 34-жолдар", "главу 8"."""

    unit: str
    nums: tuple[str, ...]
    case: str
    start: int = field(default=0, compare=False)
    end: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Instruction:
    """What one sentence says.

    kind: "opening" (point 1's "мынадай өзгерістер енгізілсін:"), "annex" (an annex named
    by its title opens a context), "context" (a unit opens a context: "6-тарауда:"), or
    "op" (an operation).
    """

    kind: str
    op: str | None = None
    unit: str | None = None
    target: Target = field(default_factory=Target)
    old_words: str | None = None
    new_words: str | None = None
    scope: str | None = None
    act: ActRef | None = None
    needs_content: bool = False
    annex: str | None = None

    def fragment(self) -> dict[str, Any]:
        """The JSON of `consolidate parse --fragment`."""
        if self.kind == "annex":
            return {"op": "context", "unit": "annex", "target": {**Target().to_dict(), "annex": self.annex},
                    "old_words": None, "new_words": None, "scope": None}  # fmt: skip
        data: dict[str, Any] = {
            "op": self.op if self.kind == "op" else "context",
            "unit": self.unit,
            "target": self.target.to_dict(),
            "old_words": self.old_words,
            "new_words": self.new_words,
            "scope": self.scope,
        }
        if self.act is not None:
            data["act"] = {"number": self.act.number, "date": self.act.date}
        return data


# --- references --------------------------------------------------------------------


def _case_of(ending: str, grammar: Grammar) -> str:
    for case, pattern in grammar.cases:
        if pattern.search(ending):
            return case
    return "nominative"


def _numbers(text: str, plural: bool, where: str) -> tuple[str, ...]:
    """The numbers of a reference, read by the one reader of numbers (model.numbering)."""
    return read_num_list(text, plural, where)


def _ordinal_numbers(words: str, grammar: Grammar) -> tuple[str, ...]:
    """ "екінші және үшінші" -> ("2", "3"); "второй" -> ("2",)."""
    out = []
    for word in re.findall(r"\w+", words.lower()):
        stems = [stem for stem in grammar.ordinals if word.startswith(stem)]
        if stems:
            out.append(str(grammar.ordinals[max(stems, key=len)]))
    return tuple(out)


def _unit_of(stem: str, grammar: Grammar) -> str:
    stem = stem.lower()
    return grammar.units.get(stem) or next(grammar.units[s] for s in grammar.units if stem.startswith(s))


def find_refs(text: str, grammar: Grammar, where: str) -> list[UnitRef]:
    """Every numbered unit reference in `text`, in order, each with its case."""
    found: list[tuple[int, int, str, tuple[str, ...], str]] = []
    for pattern, kind in ((grammar.subpoint_ref, "subpoint"), (grammar.ordinal_ref, "ordinal"),
                          (grammar.unit_ref, "unit")):  # fmt: skip
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end, *_ in found):
                continue
            ending = match.group("ending")
            plural = bool(grammar.plural.match(ending))
            if kind == "ordinal":
                nums = _ordinal_numbers(match.group("words"), grammar)
            else:
                nums = _numbers(match.group("nums"), plural, where)
            unit = _unit_of(match.group("stem"), grammar)
            found.append((match.start(), match.end(), unit, nums, ending))
    found.sort()
    refs: list[UnitRef] = []
    for start, end, unit, nums, ending in found:
        refs.append(UnitRef(unit, nums, _role_case(text, start, ending, nums, refs, grammar), start, end))
    return refs


def complete_refs(text: str, grammar: Grammar, where: str) -> list[UnitRef]:
    """`find_refs`, refusing a text whose references do not all read completely (the
    parts of an order excepted from its entry into force, for one)."""
    bare = QUOTED_RE.sub(lambda m: " " * len(m.group(0)), text)
    _check_characters(bare, where)
    refs = find_refs(bare, grammar, where)
    _check_complete(bare, refs, grammar, where)
    return refs


def _role_case(
    text: str, start: int, ending: str, nums: tuple[str, ...], before: list[UnitRef], grammar: Grammar
) -> str:
    """The case of a reference, with the preposition before it where the language uses one."""
    preceding = text[:start]
    prepositions = grammar.prepositions
    if "locative" in prepositions and prepositions["locative"].search(preceding):
        return "locative"
    if "anchor" in prepositions and prepositions["anchor"].search(preceding):
        return "ablative"
    case = _case_of(ending, grammar)
    if case == "genitive" and grammar.number_position == "after":
        # In Russian a genitive qualifies what stands right before it: "параграфы 3 главы 17",
        # "заголовок главы 2"; otherwise the same ending is a plural ("строки 33 и 34").
        # After a locative ("в главе 6 …") the same ending is a plural when several numbers
        # follow ("строки 33 и 34"), a genitive when one does ("в пункте 2 статьи 3").
        gap = text[before[-1].end : start] if before else preceding
        after_unit = bool(before) and not gap.strip(" ,")
        if after_unit and before[-1].case == "locative":
            after_unit = len(nums) == 1
        after_heading = bool(re.search(grammar.heading.pattern + r"\s*$", preceding, re.IGNORECASE))
        if not (after_unit or after_heading):
            return "nominative"
    return case


# --- references that do not read completely ------------------------------------------


def _unit_words(grammar: Grammar) -> re.Pattern[str]:
    """Where a numbered unit word stands: after a hyphen, a digit or a subpoint's ")" in
    Kazakh ("33-жол", "3l-жол", "-21-жол", "33 жол", "2l) тармақшасы"), before a word
    holding a digit in Russian ("строки 3l", "в строке, порядковый номер 3O"). Bounded
    repetitions: linear in the sentence."""
    stems = "|".join(sorted((re.escape(s) for s in grammar.units), key=len, reverse=True))
    if grammar.number_position == "before":
        return re.compile(rf"(?:[-{HYPHEN_FORMS}]|(?<=\d)|(?<=\)))\s?(?:{stems})\w{{0,12}}", FLAGS)
    return re.compile(rf"\b(?:{stems})\w{{0,12}}[^\d;:]{{0,30}}?(?P<lead>[^\s,;]{{0,20}}\d)", FLAGS)


_UNIT_WORDS: dict[str, re.Pattern[str]] = {}


def _check_complete(bare: str, refs: list[UnitRef], grammar: Grammar, where: str) -> None:
    """Refuse a sentence naming a unit whose reference did not read completely.

    A reference the pattern cannot read ("3l-жолда", "-21-жол", "строке 3l") would
    otherwise drop out of the instruction, and the edit would widen to the container
    ("every row of the chapter"). A Latin look-alike inside the unit word ("жoлдa") is
    found too: the cleanup repairs it in a whole order, a lone sentence is refused."""
    pattern = _UNIT_WORDS.get(grammar.lang)
    if pattern is None:
        pattern = _UNIT_WORDS[grammar.lang] = _unit_words(grammar)
    folded = fold_lookalikes(bare, grammar.lang)
    _check_lists(bare, refs, grammar, where)
    for match in pattern.finditer(folded):
        if grammar.number_position == "after":
            lead = match.group("lead")
            if not any(c.isdigit() or c.isnumeric() for c in lead):
                continue
        if any(ref.start <= match.start() < ref.end or ref.start < match.end() <= ref.end for ref in refs):
            continue
        start = bare.rfind(" ", 0, match.start()) + 1
        shown = bare[start : match.end()]
        shown = shown if len(shown) <= 40 else "…" + shown[-40:]
        raise ParseError(
            f"the reference {shown!r} does not read completely: a unit number is ASCII digits "
            "and hyphens (7, 7-1), written as in the act (a Latin l or O for 1 or 0, a stray "
            "sign or space?)",
            where=where,
        )
    if bare != folded:
        raise ParseError(
            "Latin letters inside Cyrillic words of the instruction: " + ", ".join(
                repr(word) for word in re.findall(r"[^\W\d_]+", bare) if word != fold_lookalikes(word, grammar.lang)
            )[:120],
            where=where,
        )


def _has_digit(token: str) -> bool:
    return any(c.isdigit() or c.isnumeric() for c in token)


def _check_lists(bare: str, refs: list[UnitRef], grammar: Grammar, where: str) -> None:
    """Refuse a number list the reference pattern cut short: a number that does not read
    joined to a reference by "және"/"и"/a dash ("строки 33 и 3l", "3l және 34-жолдар")
    would otherwise be dropped and the edit narrowed to the numbers that did read."""
    for ref in refs:
        if grammar.number_position == "after":
            joined = grammar.list_joiner.match(bare, ref.end)
            token = re.match(r"[^\s,;]{0,40}", bare[joined.end() :]).group(0) if joined else ""
            cut = bare[ref.start : joined.end() + len(token)] if joined else ""
        else:
            window = bare[max(0, ref.start - 60) : ref.start]
            before = re.search(r"(\S{1,40})(?=" + grammar.list_joiner.pattern + r"$)", window, re.IGNORECASE)
            token = before.group(1) if before else ""
            start = ref.start - len(window) + before.start() if before else 0
            if any(other.start <= start < other.end for other in refs):
                token = ""  # "2-тарау және 3-тараудың": two references, both read
            cut = bare[start : ref.end] if before else ""
        if token and _has_digit(token):
            shown = cut if len(cut) <= 60 else "…" + cut[-60:]
            raise ParseError(
                f"the reference {shown!r} does not read completely: {token!r} is not a unit number",
                where=where,
            )


def _check_characters(bare: str, where: str) -> None:
    """Refuse characters outside the quotes that would change a number unseen: invisible
    ones (zero-width space, soft hyphen) and digits that are not ASCII (superscripts,
    other scripts). The order reader removes invisible characters first, with a report."""
    char = first_of(bare, is_foreign_digit)
    if char is not None:
        name = unicodedata.name(char, f"U+{ord(char):04X}")
        raise ParseError(f"{char!r} ({name}) is not an ASCII digit: write unit numbers with 0-9", where=where)
    mark = re.search(r"[0-9](?=[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f])", bare)
    if mark is not None:
        name = unicodedata.name(bare[mark.end()], "combining mark")
        raise ParseError(f"a combining mark ({name}) on the digit {mark.group(0)!r}", where=where)
    char = first_of(bare, is_invisible)
    if char is not None:
        name = unicodedata.name(char, "format character")
        raise ParseError(f"an invisible character U+{ord(char):04X} ({name}) in the instruction", where=where)


# --- sentences -----------------------------------------------------------------------


def read_sentence(text: str, grammar: Grammar, where: str) -> Instruction:
    """Read one instruction sentence; raise `ParseError` naming `where` if it is not one."""
    sentence = " ".join(text.split())
    if MARKER_RE.match(sentence) and not grammar.subpoint_ref.match(sentence):
        sentence = MARKER_RE.sub("", sentence, count=1)
    if grammar.opening.search(sentence):
        return Instruction(kind="opening")
    verb = next((v for v in grammar.verbs if v.pattern.search(sentence)), None)
    bare = QUOTED_RE.sub(lambda m: " " * len(m.group(0)), sentence)
    if verb is None:
        return _context(sentence, bare, grammar, where)
    _check_characters(bare, where)
    if verb.op == "lose_force":
        return _lose_force(sentence, grammar, where)
    found = find_refs(bare, grammar, where)
    _check_complete(bare, found, grammar, where)
    refs = [r for r in found if r.case != "ablative"]
    old_words = new_words = None
    if verb.op in ("replace_words", "insert_words"):
        old_words, new_words = _words(sentence, grammar, where)
    heading = grammar.heading.search(bare) is not None
    scope = "whole_text" if grammar.whole_text.search(bare) else None
    return _operation(verb.op, verb.content, refs, heading, old_words, new_words, scope, where)


def _context(sentence: str, bare: str, grammar: Grammar, where: str) -> Instruction:
    """A sentence with no verb: a context if it ends in a colon, else not an instruction."""
    _check_characters(bare, where)
    if sentence.endswith(":"):
        if grammar.annex_prefix.search(sentence) and grammar.annex_check.search(sentence):
            name = grammar.annex_suffix.sub("", grammar.annex_prefix.sub("", sentence, count=1)).strip()
            if name and not find_refs(QUOTED_RE.sub(" ", name), grammar, where):
                return Instruction(kind="annex", annex=name)
        refs = find_refs(bare, grammar, where)
        _check_complete(bare, refs, grammar, where)
        if refs and all(r.case in ("locative", "genitive") for r in refs):
            target = _target(refs, where)
            return Instruction(kind="context", unit=_narrowest(refs), target=target)
    hint = grammar.hints["no_verb"]
    raise ParseError(f"not an instruction the grammar knows: {sentence[:80]!r} ({hint})", where=where)


def _lose_force(sentence: str, grammar: Grammar, where: str) -> Instruction:
    match = grammar.lose_force_act.search(sentence)
    if match is None:
        raise ParseError("an act is declared lost force but its date and number are not found", where=where)
    number = match.group("number").rstrip(".,;:")
    act = ActRef(number=number, date=parse_date(match.group("date"), grammar, where))
    return Instruction(kind="op", op="lose_force", unit="act", act=act)


def _words(sentence: str, grammar: Grammar, where: str) -> tuple[str, str]:
    """Old and new words of a word operation, told by the words around the quotes.

    Kazakh: «A» деген сөздер «B» деген сөздермен ауыстырылсын (the marker follows);
    Russian: слова «A» заменить словами «B» (the marker stands before).
    """
    old = new = None
    words = grammar.words
    for match in QUOTED_RE.finditer(sentence):
        before, after = sentence[: match.start()], sentence[match.end() :]
        is_new = ("new" in words and words["new"].search(after)) or (
            "new_before" in words and words["new_before"].search(before)
        )
        is_old = ("old" in words and words["old"].search(after)) or (
            "old_before" in words and words["old_before"].search(before)
        )
        if is_new and new is None:
            new = match.group("words")
        elif is_old and old is None:
            # Russian lists words after the marker: слова «A», «B» – the first quote is kept.
            old = match.group("words")
    if old is None or new is None:
        raise ParseError(
            "a word operation must quote the old words and the new words with their markers "
            "(«…» деген сөздер … «…» деген сөздермен / слова «…» … словами «…»)",
            where=where,
        )
    return old, new


def _narrowest(refs: list[UnitRef]) -> str:
    named = {r.unit for r in refs}
    return next(u for u in reversed(SPECIFICITY) if u in named)


def _target(refs: list[UnitRef], where: str) -> Target:
    """The units the references name together. Every number read is kept: a second
    reference to the same kind of unit adds to a list (rows, points) and must agree on a
    single unit (annex, section, chapter); it never replaces what an earlier one named."""
    fields: dict[str, Any] = {}
    for ref in refs:
        if ref.unit in SINGLE_FIELDS:
            key = SINGLE_FIELDS[ref.unit]
            if len(set(ref.nums)) > 1 or fields.get(key, ref.nums[0]) != ref.nums[0]:
                named = ", ".join(dict.fromkeys((*([fields[key]] if key in fields else []), *ref.nums)))
                raise ParseError(f"several {ref.unit}s ({named}) in one instruction are not supported yet", where=where)
            fields[key] = ref.nums[0]
        else:
            key = LIST_FIELDS[ref.unit]
            nums = (*fields.get(key, ()), *ref.nums)
            if len(set(nums)) != len(nums):
                raise ParseError(f"{ref.unit} {', '.join(nums)}: a unit named twice", where=where)
            fields[key] = nums
    return Target(**fields)


def _operation(
    op: str,
    content: bool,
    refs: list[UnitRef],
    heading: bool,
    old_words: str | None,
    new_words: str | None,
    scope: str | None,
    where: str,
) -> Instruction:
    """Give the references their roles and build the operation."""
    if op == "insert":
        targets = [r for r in refs if r.case == "instrumental"]
    elif op in ("replace_words", "insert_words"):
        targets = []
    else:
        targets = [r for r in refs if r.case in ("nominative", "dative")]
    if heading and op in ("restate", "repeal") and not targets and refs:
        targets = refs[-1:]
    if not targets and op not in ("replace_words", "insert_words"):
        raise ParseError(f"the instruction names no unit to {op.replace('_', ' ')}", where=where)
    for ref in targets:
        if ref.unit in SINGLE_FIELDS and len(ref.nums) > 1 and ref.unit != "annex":
            raise ParseError(f"several {ref.unit}s in one instruction are not supported yet", where=where)
    if heading and op in ("restate", "repeal", "replace_words", "insert_words"):
        unit = "heading"
    elif targets:
        unit = targets[-1].unit
    elif refs:
        unit = _narrowest(refs)
    else:
        unit = "text"
    return Instruction(
        kind="op",
        op=op,
        unit=unit,
        target=_target(refs, where),
        old_words=old_words,
        new_words=new_words,
        scope=scope,
        needs_content=content and op in ("insert", "restate"),
    )


def with_context(instruction: Instruction, context: Target) -> Instruction:
    """Fill what a sentence does not name from the context it stands in ("6-тарауда:")."""
    own = instruction.target
    fields: dict[str, Any] = {}
    for key in ("annex", "section", "chapter"):
        fields[key] = getattr(own, key) if getattr(own, key) is not None else getattr(context, key)
    for key in LIST_KEYS:
        fields[key] = getattr(own, key) or getattr(context, key)
    merged = Target(**fields)
    unit = instruction.unit
    if unit == "text":
        named = [u for u in SPECIFICITY if getattr(merged, SINGLE_FIELDS.get(u, LIST_FIELDS.get(u, "")), None)]
        unit = named[-1] if named else "text"
    return Instruction(
        kind=instruction.kind,
        op=instruction.op,
        unit=unit,
        target=merged,
        old_words=instruction.old_words,
        new_words=instruction.new_words,
        scope=instruction.scope,
        act=instruction.act,
        needs_content=instruction.needs_content,
        annex=instruction.annex,
    )
