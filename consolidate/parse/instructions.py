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

import dataclasses
import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from consolidate.errors import ParseError
from consolidate.model.amendment import LIST_KEYS, ActRef, Target
from consolidate.model.numbering import LETTER_RANGE_SEP, NUM_PATTERN, letter_range, read_num_list, roman_value
from consolidate.parse.cleanup import HYPHEN_FORMS, first_of, fold_lookalikes, is_foreign_digit, is_invisible
from consolidate.parse.dates import parse_date
from consolidate.parse.grammar import FLAGS, Grammar

QUOTED_RE = re.compile(r"[«\"“„](?P<words>[^«»\"“”„]*)[»\"”“]")
MARKER_RE = re.compile(rf"^{NUM_PATTERN}\)\s+")
DOUBLE_MARKER_RE = re.compile(rf"^{NUM_PATTERN}\)\s+{NUM_PATTERN}\)")
"""Two numbers with no comma at the start ("2) 8) және 9) тармақшалар"): the item marker
and the first subpoint, never a list (a list writes its commas)."""
ITEM_RE = re.compile(rf"^{NUM_PATTERN}\.\s+(?=\w)")
"""A numbered change item of a law ("3. Абзац четвертый статьи 16 …"), not a unit."""

# From the widest unit to the narrowest: a word operation acts in the narrowest one named.
SPECIFICITY = (
    "annex", "title", "preamble", "section", "chapter", "paragraph", "article", "point", "part", "subpoint", "indent",
    "sentence", "row",
)  # fmt: skip
SINGLE_FIELDS = {"annex": "annex", "section": "section", "chapter": "chapter"}
LIST_FIELDS = {
    "paragraph": "paragraphs",
    "article": "articles",
    "point": "points",
    "subpoint": "subpoints",
    "indent": "indents",
    "row": "rows",
    "part": "parts",
    "sentence": "sentences",
}
WORD_OPS = ("replace_words", "insert_words", "delete_words")
UNNUMBERED = ("preamble",)
"""Units named with no number (кіріспе / преамбула): a target with no key."""


@dataclass(frozen=True)
class UnitRef:
    """A numbered reference to units, as written: "33 және 34-жолдар", "главу 8"."""

    unit: str
    nums: tuple[str, ...]
    case: str
    start: int = field(default=0, compare=False)
    end: int = field(default=0, compare=False)
    ranges: tuple[tuple[str, str], ...] = field(default=(), compare=False)  # written "8) - 10)"
    text_only: bool = field(default=False, compare=False)  # "в тексте статьи": below its heading


@dataclass(frozen=True)
class Instruction:
    """What one sentence says.

    kind: "opening" (point 1's "мынадай өзгерістер енгізілсін:"), "annex" (an annex named
    by its title opens a context), "context" (a unit opens a context: "6-тарауда:"), "op"
    (an operation), "several" (several operations in one sentence, in `parts`), "act" (the
    changes of another act begin), "lose_force_list" (a list of acts declared lost force
    begins) or "lose_force_item" (an act of that list, named by its title and date).
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
    # Target keys whose units were written as a range ("подпунктами 8) - 10)"): the range.
    ranges: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict, compare=False)
    position: str | None = None  # "before": words inserted before the anchor words (алдынан)
    parts: tuple[Instruction, ...] = ()  # the operations of a "several" sentence
    language: str | None = None  # no_change: the language whose text this change leaves as is

    def reading(self) -> dict[str, Any]:
        """The reading in the shape of the real-text corpus (tests/corpus/README.md)."""
        from consolidate.parse.reading import reading

        return reading(self)

    def fragment(self) -> dict[str, Any]:
        """The JSON of `consolidate parse --fragment`; a sentence of several operations is
        `{"op": "several", "operations": [...]}`, each item an ordinary reading."""
        if self.kind == "several":
            return {"op": "several", "operations": [part.fragment() for part in self.parts]}
        if self.kind == "annex":
            return {"op": "context", "unit": "annex", "target": {**Target().to_dict(), "annex": self.annex},
                    "old_words": None, "new_words": None, "scope": None}  # fmt: skip
        op, unit = self.op if self.kind == "op" else "context", self.unit
        if self.kind in ("act", "opening"):
            unit = "act"
        elif self.kind in ("lose_force_list", "lose_force_item"):
            op, unit = "lose_force", "act"
        data: dict[str, Any] = {
            "op": op,
            "unit": unit,
            "target": self.target.to_dict(),
            "old_words": self.old_words,
            "new_words": self.new_words,
            "scope": self.scope,
        }
        if self.act is not None:
            data["act"] = {"number": self.act.number, "date": self.act.date}
        for key in ("language", "position"):  # only when set: earlier readings keep their shape
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        if self.ranges:
            data["ranges"] = {key: [{"from": a, "to": b} for a, b in spans] for key, spans in self.ranges.items()}
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
    """ "екінші және үшінші" -> ("2", "3"); "он бесінші" -> ("15",); "двадцать третий,
    двадцать шестой" -> ("23", "26"); "вторую - четвертую" -> ("2", "3", "4"). A cardinal
    ten adds to the ordinal after it."""
    out: list[str] = []
    ten = 0
    range_next = False
    for word in re.findall(r"\w+|[–—-]", words.lower()):
        if word in "–—-":
            range_next = bool(out)
            continue
        if word in grammar.tens:
            ten = grammar.tens[word]
            continue
        stems = [stem for stem in grammar.ordinals if word.startswith(stem)]
        if stems:
            value = ten + grammar.ordinals[max(stems, key=len)]
            if range_next:
                out.extend(str(n) for n in range(int(out[-1]) + 1, value + 1))
            else:
                out.append(str(value))
        ten = 0
        range_next = False
    return tuple(out)


RANGE_RE = re.compile(rf"({NUM_PATTERN})\)?\s*[–—-]\s*({NUM_PATTERN})")
ORDINAL_RANGE_RE = re.compile(r"(\w+)\s*[–—-]\s*(\w+)")


def _written_ranges(text: str, kind: str, grammar: Grammar) -> tuple[tuple[str, str], ...]:
    """The ranges as written in a reference ("8) - 10)", "вторую - четвертую")."""
    if kind == "ordinal":
        out = []
        for match in ORDINAL_RANGE_RE.finditer(text):
            first, last = _ordinal_numbers(match.group(1), grammar), _ordinal_numbers(match.group(2), grammar)
            if first and last:
                out.append((first[0], last[0]))
        return tuple(out)
    return tuple((m.group(1), m.group(2)) for m in RANGE_RE.finditer(text))


def _unit_of(stem: str, grammar: Grammar) -> str:
    stem = stem.lower()
    return grammar.units.get(stem) or next(grammar.units[s] for s in grammar.units if stem.startswith(s))


LETTER_RE = re.compile(r"([а-яё](?:-\d{1,4})?)\)(?:\s?[–—-]\s?([а-яё])\))?", re.IGNORECASE)
"""A letter subpoint ("р)", "к-1)" with a suffix number), or a range of letters ("ш)-ю)")."""


def _printed_numbers(text: str, kind: str, where: str) -> tuple[str, ...]:
    """Letters ("н), т), у)") or a Roman number ("IV") as printed. A range of letters
    ("ш)-ю)") stays a range ("ш..ю"): which letters an act uses between two is its own
    lettering, resolved when the change is applied (consolidate/apply/ranges.py)."""
    if kind == "roman":
        if roman_value(text) is None:
            raise ParseError(f"{text!r} is not a Roman number", where=where)
        if text in ("I", "І"):  # a lone I may be a damaged 1 ("1-тарау" printed "I-тарау")
            raise ParseError(f"the chapter or section {text!r}: a lone I is not told from a damaged 1", where=where)
        return (text,)
    nums: list[str] = []
    for match in LETTER_RE.finditer(text):
        first, last = match.group(1), match.group(2)
        if last is None:
            nums.append(first)
            continue
        span = f"{first}{LETTER_RANGE_SEP}{last}"
        if letter_range(span) is None:
            raise ParseError(f"the range of letter subpoints {first})–{last}) is not a range", where=where)
        nums.append(span)
    if re.search(r"[–—-]", LETTER_RE.sub(" ", text)):  # "к-1)-к-3)": a range no rule reads
        raise ParseError(f"the range of letter subpoints in {text!r} is not read", where=where)
    if len(set(nums)) != len(nums):
        raise ParseError(f"a letter named twice in {text!r}", where=where)
    return tuple(nums)


def find_refs(text: str, grammar: Grammar, where: str) -> list[UnitRef]:
    """Every unit reference in `text`, in order, each with its case: numbered ("7-1-тарау"),
    numbered subpoints ("2) тармақшасы"), by ordinal ("екінші абзацы", "часть третью",
    "первое предложение") and with no number ("кіріспе", "преамбулу")."""
    found: list[tuple[int, int, str, tuple[str, ...], str, tuple[tuple[str, str], ...]]] = []
    patterns = [(grammar.subpoint_ref, "subpoint"), (grammar.ordinal_ref, "ordinal")]
    if grammar.ordinal_before is not None:
        patterns.append((grammar.ordinal_before, "ordinal"))
    patterns += [(p, k) for p, k in ((grammar.letter_ref, "letter"), (grammar.roman_ref, "roman")) if p is not None]
    patterns.append((grammar.unit_ref, "unit"))
    for pattern, kind in patterns:
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end, *_ in found):
                continue
            ending = match.group("ending")
            plural = bool(grammar.plural.match(ending))
            if kind == "ordinal":
                nums = _ordinal_numbers(match.group("words"), grammar)
                ranges = _written_ranges(match.group("words"), kind, grammar)
            elif kind in ("letter", "roman"):
                nums, ranges = _printed_numbers(match.group("nums"), kind, where), ()
            else:
                nums = _numbers(match.group("nums"), plural, where)
                ranges = _written_ranges(match.group("nums"), kind, grammar)
            unit = _unit_of(match.group("stem"), grammar)
            found.append((match.start(), match.end(), unit, nums, ending, ranges))
    fixed: dict[int, str] = {}  # the case an unnumbered unit word is written in, from the table
    for pattern, unit, fixed_case in grammar.unnumbered:
        for match in pattern.finditer(text):
            if not any(match.start() < end and start < match.end() for start, end, *_ in found):
                found.append((match.start(), match.end(), unit, (), match.group(0), ()))
                if fixed_case:
                    fixed[match.start()] = fixed_case
    own_text: set[int] = set()  # "в тексте статьи": the context's article, below its heading
    if grammar.own_text is not None:
        for match in grammar.own_text.finditer(text):
            if not any(match.start() < end and start < match.end() for start, end, *_ in found):
                found.append((match.start(), match.end(), _unit_of(match.group("stem"), grammar), (), "", ()))
                fixed[match.start()] = "locative"
                own_text.add(match.start())
    found.sort()
    refs: list[UnitRef] = []
    for start, end, unit, nums, ending, ranges in found:
        case = fixed.get(start) or _role_case(text, start, ending, nums, refs, grammar)
        refs.append(UnitRef(unit, nums, case, start, end, ranges, text_only=start in own_text))
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
        if "of" in prepositions and prepositions["of"].search(preceding):
            after_heading = True  # "в тексте статьи 30": the text of article 30
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
            token = _token_at(bare, joined.end()) if joined else ""
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


def has_item_marker(sentence: str, grammar: Grammar) -> bool:
    """Whether the sentence opens with the number of its item ("3) 8-бап …"), not with a
    subpoint it names ("2) тармақша алып тасталсын")."""
    if not MARKER_RE.match(sentence):
        return False
    return not grammar.subpoint_ref.match(sentence) or DOUBLE_MARKER_RE.match(sentence) is not None


def read_sentence(text: str, grammar: Grammar, where: str) -> Instruction:
    """Read one instruction sentence; raise `ParseError` naming `where` if it is not one.

    A sentence is read completely or refused: every word must be placed by a rule (a unit
    reference, quoted words with their markers, the verb, a heading or scope word, or a
    filler of the `[coverage]` table). A word no rule placed may change what the sentence
    does ("часть третью статьи 5 исключить" is not "статью 5 исключить"), so it is an
    error naming the words, never skipped.

    A sentence of several clauses ("… ауыстырылып, … алып тасталсын"; "слово «A» исключить,
    после слова «B» дополнить словами «C»") is read clause by clause: a later clause takes
    the containers the first one names (and all its units when it names none)."""
    sentence = _fold_spaces_outside_quotes(text)
    if has_item_marker(sentence, grammar):
        sentence = MARKER_RE.sub("", sentence, count=1)
    sentence = ITEM_RE.sub("", sentence, count=1)
    if grammar.opening.search(sentence):
        return Instruction(kind="opening")
    clauses = _clauses(sentence, grammar)
    if len(clauses) == 1:
        return _anchored(_read_clause(sentence, grammar, where)[0], None, where)
    parts: list[Instruction] = []
    inherited: list[Target] | None = None
    in_heading = False
    for clause in clauses:
        instruction, containers = _read_clause(clause, grammar, where)
        if instruction.kind != "op" and instruction.kind != "several":
            raise ParseError(f"a clause of a sentence of several operations is not one: {clause[:60]!r}", where=where)
        previous = parts[-1] if parts else None
        own = tuple(_anchored(part, previous, where) for part in instruction.parts or (instruction,))
        if inherited is None:
            inherited = containers
            # A word change in a heading: the later word changes naming no place of their own are
            # in that heading too ("тақырыптағы «A» … жазылып, алдынан «B» … толықтырылсын").
            in_heading = len(own) == 1 and own[0].unit == "heading" and own[0].op in WORD_OPS
            parts.extend(own)
            continue
        for part in own:
            if len(inherited) > 1 and part.target != Target():
                raise ParseError(
                    f"a clause names its own units after a clause naming several places: {clause[:60]!r}", where=where
                )
            if in_heading and part.op in WORD_OPS and part.unit == "text" and part.target == Target():
                part = dataclasses.replace(part, unit="heading")
            parts.extend(with_context(part, _without_own_unit(target, part)) for target in inherited)
    return _several(parts, where)


def _anchored(part: Instruction, previous: Instruction | None, where: str) -> Instruction:
    """Words inserted "алдынан" (before) with no anchor of their own go before the words the
    clause before named, as printed ("«Статистика» деген сөз кіші әріппен жазылып, алдынан
    «Мемлекеттік» деген сөзбен толықтырылсын"); with no clause before, the sentence is refused
    (read as words at the end, they would go to the wrong place)."""
    if part.op != "insert_words" or part.position != "before" or part.old_words is not None:
        return part
    if previous is None or previous.old_words is None:
        raise ParseError("words inserted before (алдынан) with no words to stand before", where=where)
    return dataclasses.replace(part, old_words=previous.old_words)


def _fold_spaces_outside_quotes(text: str) -> str:
    """Runs of whitespace made one space outside the quotes; quoted words stay exactly as
    printed ("«217-1-бапта  – …»" keeps its two spaces: it is text of the act)."""
    out, position = [], 0
    for match in QUOTED_RE.finditer(text):
        out.append(re.sub(r"\s+", " ", text[position : match.start()]))
        out.append(match.group(0))
        position = match.end()
    out.append(re.sub(r"\s+", " ", text[position:]))
    return "".join(out).strip()


def _token_at(text: str, start: int) -> str:
    """The word-like token (no space, comma or semicolon; at most 40 characters) at `start`."""
    match = re.match(r"[^\s,;]{0,40}", text[start:])
    return match.group(0) if match else ""


def _without_own_unit(context: Target, part: Instruction) -> Target:
    """The containers a later clause takes, less the kind of unit it acts on itself: "…
    4-абзацындағы … алып тасталып, мынадай мазмұндағы абзацпен толықтырылсын" adds an
    indent to part 3, not indent 4."""
    if part.op not in ("insert", "restate", "repeal") or part.unit is None:
        return context
    cleared: dict[str, Any] = {}
    if part.unit in SINGLE_FIELDS:
        cleared[SINGLE_FIELDS[part.unit]] = None
    elif part.unit in LIST_FIELDS:
        cleared[LIST_FIELDS[part.unit]] = ()
    return dataclasses.replace(context, **cleared) if cleared else context


def _clauses(sentence: str, grammar: Grammar) -> list[str]:
    """The clauses of a sentence, each with a finite verb: split at the first comma or
    semicolon (outside quotes) after each verb but the last; a Kazakh converb
    ("ауыстырылып,") is written as its finite form ("ауыстырылсын")."""
    bare = QUOTED_RE.sub(lambda m: " " * len(m.group(0)), sentence)
    verbs = list(grammar.clause_verbs.finditer(bare))
    cuts: list[int] = []
    cut_ends: list[int] = []
    for before, verb in itertools.pairwise(verbs):
        # The first separator after the verb that is not only between quoted words of a
        # list ("словами «A», «B»; слова …" cuts at the semicolon).
        gap = bare[before.end() : verb.start()]
        for match in grammar.clause_separator.finditer(gap):
            if gap[match.end() :].split(",")[0].split(";")[0].strip():
                cuts.append(before.end() + match.start())
                cut_ends.append(before.end() + match.end())
                break
    if not cuts:
        return [sentence]
    clauses, start = [], 0
    for cut, end in zip(cuts, cut_ends, strict=True):
        clauses.append(sentence[start:cut].strip())
        start = end
    clauses.append(sentence[start:].strip())
    out = []
    for clause in clauses:
        for pattern, finite in grammar.converbs:
            clause = pattern.sub(finite, clause)
        out.append(clause)
    return out


def _read_clause(sentence: str, grammar: Grammar, where: str) -> tuple[Instruction, list[Target]]:
    """One clause with one verb: the instruction (several when its quoted words name several
    word changes, or it names several units apart: "в пункте 2 и в части первой пункта 3")
    and, for the clauses that follow, the containers of each unit it names."""
    verb = next((v for v in grammar.verbs if v.pattern.search(sentence)), None)
    bare = QUOTED_RE.sub(lambda m: " " * len(m.group(0)), sentence)
    if verb is None:
        return _context(sentence, bare, grammar, where), [Target()]
    _check_characters(bare, where)
    if verb.op == "lose_force":
        return _lose_force(sentence, grammar, where), [Target()]
    found = find_refs(bare, grammar, where)
    _check_complete(bare, found, grammar, where)
    refs = [r for r in found if r.case != "ablative"]
    if verb.target_case == "nominative":  # "ввести пункт 3": the accusative names the unit inserted
        refs = [dataclasses.replace(r, case="instrumental") if r.case == "nominative" else r for r in refs]
    groups = _quote_groups(sentence, grammar)
    op = verb.op
    if op == "repeal" and any(g.role == "old" for g in groups):
        op = "delete_words"
    elif op == "insert" and not any(r.case == "instrumental" for r in refs) and any(g.role == "new" for g in groups):
        op = "insert_words"
    pairs: list[tuple[str | None, str | None]] = [(None, None)]
    used: list[tuple[int, int]] = []
    sign_spans: list[tuple[int, int]] = []  # punctuation named in words ("нүктелі үтір")
    if verb.recase is not None:
        pairs, used = _recased(groups, verb.recase, where)
    elif op == "insert_words" and (named := _named_sign(bare, groups, grammar)) is not None:
        pairs, used, sign_spans = named[0], named[1], [named[2]]
    elif op in ("replace_words", "insert_words", "delete_words"):
        pairs, used = _word_pairs(groups, op, where)
        respectively = grammar.words.get("respectively")
        if respectively is not None and respectively.search(bare):
            pairs = _listed_pairs(pairs)
    # A heading word inside a unit reference ("форму акта и заголовок") is that unit's.
    heading_match = next(
        (m for m in grammar.heading.finditer(bare) if not any(r.start <= m.start() < r.end for r in found)), None
    )
    scope_match = grammar.whole_text.search(bare)
    # "В главах …" / "Тараулардағы …": the headings of every chapter, throughout the text.
    throughout = grammar.headings_throughout.search(bare) if grammar.headings_throughout is not None else None
    if throughout is not None and heading_match is None and scope_match is None and not found:
        heading_match = scope_match = throughout
    spans = [(r.start, r.end) for r in found] + [m.span() for m in verb.words.finditer(bare)]
    spans += sign_spans
    spans += [m.span() for m in (heading_match, scope_match) if m is not None]
    _check_coverage(sentence, bare, spans, used, grammar, where)
    scope = "whole_text" if scope_match else None
    operations: list[Instruction] = []
    containers: list[Target] = []
    for group, heading in _unit_groups(bare, refs, heading_match, grammar):
        _check_single_reading(bare, group, where)
        for old, new in pairs:
            operations.append(
                _operation(op, verb.content, group, heading, old, new, scope, where, verb.position, grammar)
            )
        # A word change acts inside every unit it names; an operation on units acts on its
        # nominative (or instrumental) ones, inside its genitive and locative ones.
        if op in ("insert", "restate", "repeal"):
            containers.append(_target([r for r in group if r.case in ("genitive", "locative")], where))
        else:
            containers.append(operations[-1].target)
    if op == "no_change":
        operations = [dataclasses.replace(o, language=verb.language) for o in operations]
    if len(operations) == 1:
        return operations[0], containers
    return _several(operations, where), containers


def _several(parts: list[Instruction], where: str) -> Instruction:
    """Several operations of one sentence; the same change named twice ("33-жолы және
    33-жолы") is a damaged sentence, refused rather than applied twice."""
    seen = set()
    for part in parts:
        key = (part.op, part.unit, part.target, part.old_words, part.new_words, part.scope)
        if key in seen:
            named = ", ".join(n for n in (*part.target.points, *part.target.rows, *part.target.subpoints) if n)
            raise ParseError(f"{part.unit} {named or ''}: a unit named twice".replace("  ", " "), where=where)
        seen.add(key)
    return Instruction(kind="several", parts=tuple(parts))


HEADING_LEVEL = len(SPECIFICITY)
"""A heading stands inside every unit: every unit is outer to it."""


def _level(ref: UnitRef | None) -> int:
    return HEADING_LEVEL if ref is None else SPECIFICITY.index(ref.unit)


def _unit_groups(
    bare: str, refs: list[UnitRef], heading: re.Match[str] | None, grammar: Grammar
) -> list[tuple[list[UnitRef], bool]]:
    """The units a clause names apart, each group with the outer units it shares.

    Two references joined only by a conjunction ("в пункте 2 и в части первой пункта 3",
    "96-баптың тақырыбы және бірінші бөлігінің бірінші абзацы") name two places of one
    change. A group takes the outer units named for all: in Kazakh those named before it
    ("96-баптың"), in Russian the genitives after it ("часть первую и подпункт 2) части
    второй статьи 571": article 571 for both). Returns (references, names a heading)."""
    items: list[UnitRef | None] = list(refs)
    starts = [r.start for r in refs]
    ends = [r.end for r in refs]
    if heading is not None:
        at = sum(1 for r in refs if r.start < heading.start())
        items.insert(at, None)
        starts.insert(at, heading.start())
        ends.insert(at, heading.end())
    chunks: list[list[int]] = [[]]
    for index in range(len(items)):
        gap = bare[ends[index - 1] : starts[index]] if index else ""
        item = items[index]
        # In Russian a genitive after a comma still qualifies what stands before it
        # ("строки, порядковые номера 42 и 43, главы 13"), unless it names a text.
        qualifies = (
            grammar.number_position == "after" and item is not None and item.case == "genitive" and "тексте" not in gap
        )
        if index and not qualifies and grammar.group_gap.fullmatch(gap):
            chunks.append([])
        chunks[-1].append(index)
    if len(chunks) == 1:
        return [(refs, heading is not None)]
    out: list[tuple[list[UnitRef], bool]] = []
    for number, chunk in enumerate(chunks):
        own = [items[i] for i in chunk]
        outermost = min(_level(item) for item in own)
        if grammar.number_position == "before":
            others = [items[i] for c in chunks[:number] for i in c]
            shared = [r for r in others if r is not None and _level(r) < outermost]
        else:
            others = [items[i] for c in chunks[number + 1 :] for i in c]
            shared = [r for r in others if r is not None and r.case == "genitive" and _level(r) < outermost]
        group = sorted([r for r in own if r is not None] + shared, key=lambda r: r.start)
        out.append((group, None in own))
    return out


@dataclass(frozen=True)
class QuoteGroup:
    """Quoted words listed together ("«A», «B» деген сөздер", "слова «A», «B»") and their
    role told by the marker: "old" (words replaced, removed, or the anchor of an
    insertion), "new" (the words put in), or None (no marker: placed by no rule)."""

    role: str | None
    items: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    anchor: bool = False  # "после слов «A»" before a deletion: where, not what


def _quote_groups(sentence: str, grammar: Grammar) -> list[QuoteGroup]:
    quotes = list(QUOTED_RE.finditer(sentence))
    runs: list[list[re.Match[str]]] = []
    for quote in quotes:
        if runs and grammar.list_gap.fullmatch(sentence[runs[-1][-1].end() : quote.start()]):
            runs[-1].append(quote)
        else:
            runs.append([quote])
    words = grammar.words
    out = []
    for run in runs:
        before, after = sentence[: run[0].start()], sentence[run[-1].end() :]

        def marked(key: str, text: str) -> bool:
            return key in words and words[key].search(text) is not None

        role = None
        if marked("within", after) or marked("within_before", before):
            role = "within"  # the words a change of case is made in ("… деген сөздердегі «X» деген сөз")
        elif marked("new", after) or marked("new_before", before):
            role = "new"
        elif marked("old", after) or marked("old_before", before):
            role = "old"
        anchor = role == "old" and marked("anchor_before", before)
        out.append(QuoteGroup(role, tuple(q.group("words") for q in run), tuple(q.span() for q in run), anchor))
    return out


def _word_pairs(
    groups: list[QuoteGroup], op: str, where: str
) -> tuple[list[tuple[str | None, str | None]], list[tuple[int, int]]]:
    """(old, new) words of each word change, and the quotes used.

    An old group followed by a new group of as many items pairs them in order ("тиісінше",
    "соответственно"); a new group of one item goes with every old item. A deletion takes
    each old item; words added at the end of a unit have no old words."""
    pairs: list[tuple[str | None, str | None]] = []
    used: list[tuple[int, int]] = []
    index = 0
    while index < len(groups):
        group = groups[index]
        following = groups[index + 1] if index + 1 < len(groups) else None
        if op == "delete_words" and group.anchor and following is not None and following.role == "old":
            used.extend(group.spans)  # the place of the deletion, not words to remove
        elif op == "delete_words" and group.role == "old":
            if pairs:
                raise ParseError(
                    "two groups of quoted words to remove (an anchor «после слов …»?): "
                    "a deletion names its words once",
                    where=where,
                )
            pairs.extend((old, None) for old in group.items)
            used.extend(group.spans)
        elif op != "delete_words" and group.role == "old" and following is not None and following.role == "new":
            if len(following.items) == len(group.items):
                pairs.extend(zip(group.items, following.items, strict=True))
            elif len(following.items) == 1:
                pairs.extend((old, following.items[0]) for old in group.items)
            else:
                raise ParseError(
                    f"{len(group.items)} quoted old words and {len(following.items)} new ones do not pair up",
                    where=where,
                )
            used.extend(group.spans + following.spans)
            index += 1
        elif op == "insert_words" and group.role == "new":
            pairs.extend((None, new) for new in group.items)
            used.extend(group.spans)
        index += 1
    if not pairs:
        raise ParseError(
            "a word operation must quote the old words and the new words with their markers "
            "(«…» деген сөздер … «…» деген сөздермен / слова «…» … словами «…»)",
            where=where,
        )
    return pairs, used


def _named_sign(
    bare: str, groups: list[QuoteGroup], grammar: Grammar
) -> tuple[list[tuple[str | None, str | None]], list[tuple[int, int]], tuple[int, int]] | None:
    """A sign named in words after the anchor ("«сақтауға» деген сөзден кейін нүктелі үтір
    қойылсын": «;» after «сақтауға»): one group of anchor words, no new words quoted."""
    if len(groups) != 1 or groups[0].role != "old":
        return None
    for pattern, sign in grammar.signs:
        match = pattern.search(bare)
        if match is not None:
            pairs: list[tuple[str | None, str | None]] = [(old, sign) for old in groups[0].items]
            return pairs, list(groups[0].spans), match.span()
    return None


LIST_ITEM_SEPARATOR = re.compile(r",\s*")


def _listed_pairs(pairs: list[tuple[str | None, str | None]]) -> list[tuple[str | None, str | None]]:
    """One quoted list paired item by item with another, "respectively" («I, II, III, IV» …
    «1, 2, 3, 4» соответственно / тиісінше): one pair of words per item. Only one pair of
    quotes whose lists have as many items (two or more, none empty); anything else is kept
    as printed."""
    if len(pairs) != 1:
        return pairs
    old, new = pairs[0]
    if old is None or new is None:
        return pairs
    olds, news = LIST_ITEM_SEPARATOR.split(old.strip()), LIST_ITEM_SEPARATOR.split(new.strip())
    if len(olds) < 2 or len(olds) != len(news) or not all(olds) or not all(news):
        return pairs
    return list(zip(olds, news, strict=True))


def _recased(
    groups: list[QuoteGroup], case: str, where: str
) -> tuple[list[tuple[str | None, str | None]], list[tuple[int, int]]]:
    """A change of letter case ("слова «плана», «планом» изложить с прописной буквы", "«X»
    деген сөз бас әріппен жазылсын"): each quoted word replaced by itself with its first
    letter in the case named. One group of words, nothing else quoted; or the words it is
    made in first ("«A», «B» деген сөздердегі «X» деген сөз бас әріппен жазылсын": each of A, B
    with its word X recased where it stands, X once in each, as a whole word)."""
    within: tuple[str, ...] = ()
    if len(groups) == 2 and groups[0].role == "within" and len(groups[1].items) == 1:
        within = groups[0].items
    elif len(groups) != 1 or groups[0].role != "old":
        raise ParseError("a change of letter case names one group of quoted words and nothing else", where=where)
    pairs: list[tuple[str | None, str | None]] = []
    for word in groups[-1].items:
        first = word[:1].upper() if case == "upper" else word[:1].lower()
        if not word or first == word[:1]:
            raise ParseError(f"«{word}» already has the letter case the instruction asks for", where=where)
        pairs.append((word, first + word[1:]))
    if within:
        inner, recased = groups[-1].items[0], pairs[0][1] or ""
        pattern = re.compile(rf"(?<!\w){re.escape(inner)}(?!\w)")
        pairs = []
        for phrase in within:
            if len(pattern.findall(phrase)) != 1:
                raise ParseError(f"«{inner}» is not once a word of «{phrase}»", where=where)
            pairs.append((phrase, pattern.sub(lambda _: recased, phrase)))
    return pairs, [span for group in groups for span in group.spans]


def _check_coverage(
    sentence: str,
    bare: str,
    spans: list[tuple[int, int]],
    used_quotes: list[tuple[int, int]],
    grammar: Grammar,
    where: str,
) -> None:
    """Refuse a sentence with words no rule placed, or quoted words no rule used."""
    unused = [m.group(0) for m in QUOTED_RE.finditer(sentence) if m.span() not in used_quotes]
    if unused:
        shown = ", ".join(unused)
        raise ParseError(
            f"quoted words that no rule of the grammar placed: {shown[:120]} (several operations in one sentence?)",
            where=where,
        )
    chars = list(bare)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    rest = grammar.fillers.sub(lambda m: " " * len(m.group(0)), "".join(chars))
    words = [bare[m.start() : m.end()] for m in re.finditer(r"\S+", rest) if re.search(r"[^\W_]", m.group(0))]
    if words:
        shown = " ".join(words)
        raise ParseError(
            f"words that no rule of the grammar placed: {shown[:120]!r} (a sentence is read completely or not at all)",
            where=where,
        )


def _check_single_reading(bare: str, refs: list[UnitRef], where: str) -> None:
    """Refuse units of one kind named twice in one place ("в пункте 2 пункта 3"): one
    operation cannot act in both, and keeping one would lose the other. (Places joined by a
    conjunction are split before: `_unit_groups`.)"""
    seen: dict[str, UnitRef] = {}
    for ref in refs:
        if ref.unit in seen:
            raise ParseError(
                f"{ref.unit}s named twice in one place ({bare[seen[ref.unit].start : seen[ref.unit].end]!r} "
                f"and {bare[ref.start : ref.end]!r})",
                where=where,
            )
        seen[ref.unit] = ref


def _context(sentence: str, bare: str, grammar: Grammar, where: str) -> Instruction:
    """A sentence with no verb: a context if it ends in a colon, else not an instruction."""
    _check_characters(bare, where)
    if grammar.lose_force_item is not None and grammar.lose_force_item.search(sentence):
        return Instruction(kind="lose_force_item")
    if sentence.endswith(":"):
        if grammar.act_context.search(sentence):
            return Instruction(kind="act")
        scope = grammar.whole_text.search(bare)
        if scope is not None:
            _check_coverage(sentence, bare, [scope.span()], [], grammar, where)
            return Instruction(kind="context", unit="text", scope="whole_text")
        if grammar.annex_prefix.search(sentence) and grammar.annex_check.search(sentence):
            name = grammar.annex_suffix.sub("", grammar.annex_prefix.sub("", sentence, count=1)).strip()
            named = find_refs(QUOTED_RE.sub(" ", name), grammar, where)
            if name and not named:
                return Instruction(kind="annex", annex=name)
            # "… бекітілген … қағидаларының 2-қосымшасында:": an annex of the approved
            # document by its number, the document's name before it.
            last = named[-1] if len(named) == 1 else None
            closing = last is not None and not name[last.end :].strip()
            if closing and last is not None and (last.unit, last.case, len(last.nums)) == ("annex", "locative", 1):
                return Instruction(kind="context", unit="annex", target=Target(annex=last.nums[0]))
        refs = find_refs(bare, grammar, where)
        _check_complete(bare, refs, grammar, where)
        # "6-тарауда:", "в пункте 2 статьи 4:"; a unit alone before the colon ("1-тармақ:")
        # opens it too.
        alone = len(refs) == 1 and refs[0].case == "nominative"
        if refs and (alone or all(r.case in ("locative", "genitive") for r in refs)):
            try:
                _check_coverage(sentence, bare, [(r.start, r.end) for r in refs], [], grammar, "")
            except ParseError as problem:
                placed = problem.message.lstrip(": ").split(" (")[0]
                raise ParseError(
                    f"not an instruction the grammar knows: {sentence[:80]!r} ({grammar.hints['no_verb']}; {placed})",
                    where=where,
                ) from None
            _check_single_reading(bare, refs, where)
            target = _target(refs, where)
            return Instruction(kind="context", unit=_narrowest(refs), target=target)
    hint = grammar.hints["no_verb"]
    raise ParseError(f"not an instruction the grammar knows: {sentence[:80]!r} ({hint})", where=where)


def _lose_force(sentence: str, grammar: Grammar, where: str) -> Instruction:
    if grammar.lose_force_list is not None and grammar.lose_force_list.search(sentence):
        return Instruction(kind="lose_force_list")
    match = grammar.lose_force_act.search(sentence)
    if match is None:
        # An act named by its date and title, with no number.
        match = grammar.lose_force_dated.search(sentence)
        title = QUOTED_RE.search(sentence)
        if match is None or title is None:
            raise ParseError("an act is declared lost force but its date and number are not found", where=where)
        date = parse_date(match.group("date"), grammar, where)
        act = ActRef(number="", date=date, title=title.group("words"))
        return Instruction(kind="op", op="lose_force", unit="act", act=act)
    number = match.group("number").rstrip(".,;:")
    act = ActRef(number=number, date=parse_date(match.group("date"), grammar, where))
    return Instruction(kind="op", op="lose_force", unit="act", act=act)


def _innermost(refs: list[UnitRef], grammar: Grammar | None) -> str:
    """The unit a word change acts in: the one named innermost, which Kazakh names last
    ("екінші бөліктің бірінші абзацының 4) тармағы": point 4 inside indent 1); Russian
    names it first in its chain of genitives, the last chain being the innermost ("в
    приложении 1 в пункте 73", "в части первой подпункта 1)": part 1 inside subpoint 1)."""
    if grammar is None:
        return _narrowest(refs)
    if grammar.number_position == "before":
        return refs[-1].unit
    # Russian: the first unit of the last chain (a unit and the genitives after it).
    heads = [r for r in refs if r.case != "genitive"]
    return heads[-1].unit if heads else _narrowest(refs)


def _narrowest(refs: list[UnitRef]) -> str:
    named = {r.unit for r in refs}
    return next(u for u in reversed(SPECIFICITY) if u in named)


def _target(refs: list[UnitRef], where: str) -> Target:
    """The units the references name together. Every number read is kept: a second
    reference to the same kind of unit adds to a list (rows, points) and must agree on a
    single unit (annex, section, chapter); it never replaces what an earlier one named."""
    fields: dict[str, Any] = {}
    for ref in refs:
        if not ref.nums:
            continue
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
    return Target(**fields, text_only=any(ref.text_only for ref in refs))


def _operation(
    op: str,
    content: bool,
    refs: list[UnitRef],
    heading: bool,
    old_words: str | None,
    new_words: str | None,
    scope: str | None,
    where: str,
    position: str | None = None,
    grammar: Grammar | None = None,
) -> Instruction:
    """Give the references their roles and build the operation."""
    words_op = op in ("replace_words", "insert_words", "delete_words", "no_change")
    if op == "insert":
        targets = [r for r in refs if r.case == "instrumental"]
    elif words_op:
        targets = []
    else:
        targets = [r for r in refs if r.case in ("nominative", "dative")]
    if heading and op in ("restate", "repeal") and not targets and refs:
        targets = refs[-1:]
    if not targets and not words_op and not heading:
        raise ParseError(f"the instruction names no unit to {op.replace('_', ' ')}", where=where)
    for ref in targets:
        if ref.unit in SINGLE_FIELDS and len(ref.nums) > 1 and ref.unit != "annex":
            raise ParseError(f"several {ref.unit}s in one instruction are not supported yet", where=where)
    if heading and (op in ("restate", "repeal") or words_op or (op == "insert" and not targets)):
        unit = "heading"
    elif targets:
        unit = targets[-1].unit
    elif refs:
        unit = _innermost(refs, grammar)
    else:
        unit = "text"
    ranges = {LIST_FIELDS[r.unit]: r.ranges for r in refs if r.ranges and r.unit in LIST_FIELDS}
    return Instruction(
        kind="op",
        op=op,
        unit=unit,
        target=_target(refs, where),
        old_words=old_words,
        new_words=new_words,
        scope=scope,
        ranges=ranges,
        needs_content=content and op in ("insert", "restate"),
        position=position if words_op else None,
    )


def with_context(instruction: Instruction, context: Target) -> Instruction:
    """Fill what a sentence does not name from the context it stands in ("6-тарауда:")."""
    own = instruction.target
    fields: dict[str, Any] = {}
    for key in ("annex", "section", "chapter"):
        fields[key] = getattr(own, key) if getattr(own, key) is not None else getattr(context, key)
    for key in LIST_KEYS:
        fields[key] = getattr(own, key) or getattr(context, key)
    merged = Target(**fields, text_only=own.text_only or context.text_only)
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
        ranges=instruction.ranges,
        position=instruction.position,
    )
