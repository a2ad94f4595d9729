"""Numbers of structural units ("7", "7-1", "26-1", "49-1"): the one reader of them.

Inserted units take a suffix number, so numbers are compared part by part:
7 < 7-1 < 7-2 < 8 and 26 < 26-1 < 27. Numbers stay strings everywhere (they are labels
printed in the text); `num_key` gives the total order.

Every number of a unit the program reads goes through this module: `NUM_PATTERN` is the
regular-expression fragment the grammar tables use (written `<NUM>` in the data files),
`read_num` and `read_num_list` are hand-written scanners. Both accept ASCII digits and
the hyphen only, with a bounded number of parts and digits, so no input can make them
backtrack: a superscript or Arabic-Indic digit, a Latin "l" for "1" or a number of a
thousand parts is not a number, and the sentence that holds it is refused rather than
read as something shorter.
"""

from __future__ import annotations

import itertools
import re

from consolidate.errors import ConsolidateError, ParseError
from consolidate.limits import MAX_NUM_DIGITS, MAX_NUM_PARTS, MAX_NUMS_IN_REF, MAX_RANGE_UNITS, limit_error

DIGITS = frozenset("0123456789")
RANGE_MARKS = frozenset("-–—")

NUM_PATTERN = rf"(?>[0-9]{{1,{MAX_NUM_DIGITS}}}(?:-[0-9]{{1,{MAX_NUM_DIGITS}}}){{0,{MAX_NUM_PARTS - 1}}})"
"""A unit number inside a larger pattern. Atomic and bounded: it never gives back a part,
so a pattern built on it matches in time linear in the text whatever the text holds."""

LIST_MAX = MAX_NUMS_IN_REF
"""Most numbers a reference pattern may list (a bounded repetition, see `NUM_PATTERN`)."""


def read_num(text: str) -> tuple[int, ...] | None:
    """The parts of `text` when it is exactly one unit number ("7-1" -> (7, 1)), else None."""
    parts: list[int] = []
    digits = 0
    value = 0
    for char in text:
        if char in DIGITS:
            digits += 1
            if digits > MAX_NUM_DIGITS:
                return None
            value = value * 10 + (ord(char) - 48)
        elif char == "-" and digits:
            parts.append(value)
            if len(parts) >= MAX_NUM_PARTS:
                return None
            digits = value = 0
        else:
            return None
    if not digits:
        return None
    parts.append(value)
    return tuple(parts)


LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
"""Old laws number subpoints by Cyrillic letters ("а)", "р)"): a letter is a unit number as
printed. A range of letters is never expanded by the reader (which letters an act uses is not
certain): it stays a range, `LETTER_RANGE` ("ш..ю"), which apply resolves against the units
the amended act has (consolidate/apply/ranges.py)."""

LETTER_RANGE_SEP = ".."
"""Between the two letters of a range kept as a range in a target ("ш..ю" for "ш)-ю)")."""

ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "І": 1}  # "І": the Cyrillic I of Kazakh texts
ROMAN_RE = re.compile(r"(?:XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
"""Chapters and sections of old acts numbered in Roman ("глава IV"), 1 to 89, as printed."""


def letter_num(text: str) -> int | None:
    """The place in the alphabet of a one-letter unit number ("а" -> 1), else None."""
    return LETTERS.index(text) + 1 if len(text) == 1 and text in LETTERS else None


LETTER_SUFFIX_RE = re.compile(r"([^\W\d_])-(\d{1,4})")
"""A letter with a suffix number ("к-1"): a subpoint inserted after "к)" in an old law."""


def lettered_key(text: object) -> tuple[int, ...] | None:
    """The sort key of a letter unit number: "к" -> (12,), "к-1" -> (12, 1); else None."""
    if not isinstance(text, str):
        return None
    place = letter_num(text)
    if place is not None:
        return (place,)
    match = LETTER_SUFFIX_RE.fullmatch(text)
    if match is None or letter_num(match.group(1)) is None:
        return None
    return (letter_num(match.group(1)) or 0, int(match.group(2)))


def letter_range(text: object) -> tuple[str, str] | None:
    """("ш", "ю") for a range of letter subpoints kept as printed ("ш..ю"), else None."""
    if not isinstance(text, str) or text.count(LETTER_RANGE_SEP) != 1:
        return None
    first, last = text.split(LETTER_RANGE_SEP)
    first_place, last_place = letter_num(first), letter_num(last)
    if first_place is None or last_place is None or first_place >= last_place:
        return None
    return first, last


def roman_value(text: str) -> int | None:
    """The value of a Roman unit number ("IV" -> 4; a Cyrillic "І" counts as I), else None."""
    latin = text.replace("І", "I")
    if not latin or len(latin) > 8 or not ROMAN_RE.fullmatch(latin):
        return None
    values = [ROMAN_VALUES[char] for char in latin]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def is_num(text: object) -> bool:
    """True when `text` is a unit number in digits such as "55" or "55-1"."""
    return isinstance(text, str) and read_num(text) is not None


def is_printed_num(text: object) -> bool:
    """A unit number as an old act may print it: in digits, a letter ("р") or Roman ("IV")."""
    if not isinstance(text, str):
        return False
    return (
        read_num(text) is not None
        or lettered_key(text) is not None
        or roman_value(text) is not None
        or letter_range(text) is not None
    )


def num_key(num: str) -> tuple[int, ...]:
    """Sort key of a unit number: "7-1" -> (7, 1); "IV" -> (4,); a letter comes before any
    number ("а" -> (0, 1)): an act numbers one kind of unit one way."""
    key = read_num(num) if isinstance(num, str) else None
    if key is None and isinstance(num, str):
        roman = roman_value(num)
        letter = lettered_key(num)
        key = (roman,) if roman is not None else (0, *letter) if letter is not None else None
    if key is None:
        raise ConsolidateError(f"not a unit number: {num!r}")
    return key


def expand_range(first: str, last: str) -> list[str]:
    """Numbers from `first` to `last` inclusive when both are plain numbers ("33"-"35").

    A range over suffix numbers ("7-1"–"7-3") expands on the last part. A range of more
    than `MAX_RANGE_UNITS` units is refused: it cannot name units that exist.
    """
    a, b = read_num(first), read_num(last)
    if a is None or b is None:
        raise ConsolidateError(f"cannot expand the range {first}–{last}: only ranges of numbers in digits are")
    if len(a) != len(b) or a[:-1] != b[:-1] or a[-1] > b[-1]:
        raise ConsolidateError(f"cannot expand the range {first}–{last}")
    if b[-1] - a[-1] + 1 > MAX_RANGE_UNITS:
        raise limit_error("MAX_RANGE_UNITS", f"the range {first}–{last} names too many units", "units")
    head = "-".join(str(p) for p in a[:-1])
    return [f"{head}-{n}" if head else str(n) for n in range(a[-1], b[-1] + 1)]


def _tokens(text: str) -> list[str]:
    """A reference's number list cut into numbers (digits and hyphens with no space) and
    the separators between them (anything else, stripped): "33 – 35, 37" ->
    ["33", "–", "35", ",", "37"]."""
    out: list[str] = []
    index, length = 0, len(text)
    while index < length:
        start = index
        if text[index] in DIGITS:
            while index < length and (
                text[index] in DIGITS or (text[index] == "-" and index + 1 < length and text[index + 1] in DIGITS)
            ):
                index += 1
        else:
            while index < length and text[index] not in DIGITS:
                index += 1
        token = text[start:index].strip()
        if token:
            out.append(token)
    return out


def read_num_list(text: str, plural: bool, where: str) -> tuple[str, ...]:
    """The numbers of a reference: "33 және 34" -> (33, 34); "12-13" (plural) -> (12, 13);
    "44 – 46" -> (44, 45, 46); "2), 3)" -> (2, 3).

    Raises `ParseError` for a number that is not one (too many parts or digits), numbers
    out of order, or more numbers than `MAX_NUMS_IN_REF`.
    """
    nums: list[str] = []
    range_next = False
    for token in _tokens(text.replace(")", " ")):
        if token[0] in DIGITS:
            if read_num(token) is None:
                raise ParseError(
                    f"{token[:40]!r} is not the number of a unit (at most {MAX_NUM_PARTS} parts of "
                    f"{MAX_NUM_DIGITS} digits)",
                    where=where,
                )
            try:
                nums.extend(expand_range(nums[-1], token)[1:] if range_next and nums else [token])
            except ConsolidateError as exc:
                raise ParseError(exc.message, where=where) from None
            range_next = False
        elif token in RANGE_MARKS:
            range_next = True
        if len(nums) > MAX_NUMS_IN_REF:
            raise limit_error("MAX_NUMS_IN_REF", f"the reference {text[:40]!r} names too many units", "units", where)
    if plural and len(nums) == 1 and nums[0].count("-") == 1:
        first, last = nums[0].split("-")
        if int(first) < int(last):
            try:
                return tuple(expand_range(first, last))
            except ConsolidateError as exc:
                raise ParseError(exc.message, where=where) from None
    for a, b in itertools.pairwise(nums):
        if num_key(a) >= num_key(b):
            raise ParseError(f"numbers out of order in {text[:80]!r}", where=where)
    return tuple(nums)
