"""Repairs of text damaged by PDF extraction, each one reported.

Cleaning is a separate step that never rewrites silently: every repair is logged as a
`Cleanup` (raw text, clean text, kind, line) and returned with the parsed order, so a
reviewer can check each one. The kinds are those of the golden reading: html-tag,
letter-spacing, split-word, homoglyph, moved-parenthesis, other; and "invisible" for a
character that shows nothing (zero-width space, soft hyphen, direction marks).

Only repairs that are certain are made: an invisible character never carries meaning in
an order, and a Latin letter inside a Cyrillic word ("реттiк", "жoлдa") can only be
the Cyrillic letter it looks like. A look-alike in a number ("3l", "³³") is never
guessed: the instruction reader refuses the sentence (see parse.instructions).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from consolidate.model.amendment import Cleanup
from consolidate.parse.grammar import table_conventions

TAG_RE = re.compile(r"</?[A-Za-z][^<>]*>")
SPACES_RE = re.compile(r"\s+")
# Three or more one-character tokens separated by single spaces: "ж ә н е", "C - S V - 2".
LETTER_SPACED_RE = re.compile(r"(?<!\S)[\w-](?: [\w-]){2,}(?!\S)")
WORD_RE = re.compile(r"[\w-]+")
LETTERS_RE = re.compile(r"[^\W\d_]+")
TOKEN_RE = re.compile(r"\S+")

# Latin letters drawn like a Cyrillic one, by language (Kazakh also has і and һ).
_LOOKALIKES = {
    "ru": dict(zip("aceopxyABCEHKMOPTX", "асеорхуАВСЕНКМОРТХ", strict=True)),
}
_LOOKALIKES["kk"] = {**_LOOKALIKES["ru"], "i": "і", "I": "І", "h": "һ"}


def is_invisible(char: str) -> bool:
    """A format character (Unicode category Cf): zero-width space and joiners, soft
    hyphen, byte-order mark, direction marks and embeddings, word joiner."""
    return unicodedata.category(char) == "Cf"


def is_foreign_digit(char: str) -> bool:
    """A digit or number sign that is not an ASCII digit: superscripts, other scripts,
    fullwidth digits, Roman numerals."""
    return (char.isdigit() or char.isnumeric()) and not "0" <= char <= "9"


def first_of(text: str, predicate: Callable[[str], bool]) -> str | None:
    """The first character of `text` for which `predicate` holds, or None. The predicate
    runs once per distinct character, so a long text costs one pass in C."""
    found = [c for c in set(text) if predicate(c)]
    return min(found, key=text.index) if found else None


def strip_invisible(text: str, line: int, log: CleanupLog) -> str:
    """Remove characters that show nothing; each token they stood in is reported."""
    invisible = [c for c in set(text) if is_invisible(c)]
    if not invisible:
        return text
    pattern = re.compile("[" + "".join(map(re.escape, invisible)) + "]")

    def clean(match: re.Match[str]) -> str:
        token = pattern.sub("", match.group(0))
        log.add(match.group(0), token, "invisible", line)
        return token

    return TOKEN_RE.sub(clean, text)


HYPHEN_FORMS = "\u2010\u2011\u2012\u2212\ufe63\uff0d"
"""Hyphens that are not the ASCII hyphen-minus: hyphen, non-breaking hyphen, figure dash,
minus sign, small and fullwidth hyphen-minus (en and em dashes mark ranges: kept)."""
_HYPHEN_AFTER_DIGIT = re.compile(rf"(?<=[0-9])[{HYPHEN_FORMS}]")


def fix_hyphens(text: str, line: int, log: CleanupLog) -> str:
    """Write a hyphen form after a digit as the ASCII hyphen ("7‑1-тараумен", "33‐жол"),
    each reported: a unit number is digits joined by hyphens."""
    if not _HYPHEN_AFTER_DIGIT.search(text):
        return text

    def fix(match: re.Match[str]) -> str:
        clean = _HYPHEN_AFTER_DIGIT.sub("-", match.group(0))
        log.add(match.group(0), clean, "hyphen", line)
        return clean

    return TOKEN_RE.sub(fix, text)


_LETTER_RANGE_COMMA = re.compile(r"(?<!\w)([а-яё]\)),\s?([–—-]\s?[а-яё]\))", re.IGNORECASE)
"""A comma printed between the two ends of a range of letter subpoints ("ш), -ю)")."""


def fix_letter_range_comma(text: str, line: int, log: CleanupLog) -> str:
    """"ш), -ю)" written "ш)-ю)", reported: a dash before a subpoint letter only ever ends a
    range, so the comma before it is a stray one (kzlaws-1763-kaz "н), т), у),ц), ш), -ю)")."""

    def fix(match: re.Match[str]) -> str:
        clean = match.group(1) + match.group(2)
        log.add(match.group(0), clean, "other", line)
        return clean

    return _LETTER_RANGE_COMMA.sub(fix, text)


def lookalike_table(lang: str) -> dict[str, str]:
    """Latin letter -> the Cyrillic letter it looks like, for `lang` ("kk" or "ru")."""
    return _LOOKALIKES.get(lang, _LOOKALIKES["kk"])


def _is_cyrillic(char: str) -> bool:
    return "\u0400" <= char <= "\u04ff"


def fold_lookalikes(text: str, lang: str) -> str:
    """`text` with every Latin look-alike inside a Cyrillic word made Cyrillic, same length
    (for finding unit words that a look-alike would hide)."""
    table = lookalike_table(lang)

    def fold(match: re.Match[str]) -> str:
        word = match.group(0)
        if not any(_is_cyrillic(c) for c in word) or not any(c in table for c in word):
            return word
        return "".join(table.get(c, c) for c in word)

    return LETTERS_RE.sub(fold, text)


def fix_lookalikes(text: str, lang: str, line: int, log: CleanupLog) -> str:
    """Write Latin look-alikes inside Cyrillic words as the Cyrillic letters they stand
    for ("реттiк" -> "реттік"), when every Latin letter of the word has one; reported."""
    table = lookalike_table(lang)

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        latin = [c for c in word if c.isascii()]
        if not latin or not any(_is_cyrillic(c) for c in word) or not all(c in table for c in latin):
            return word
        clean = "".join(table.get(c, c) for c in word)
        log.add(word, clean, "homoglyph", line)
        return clean

    return LETTERS_RE.sub(fix, text)


@dataclass
class CleanupLog:
    """The repairs made while reading one order."""

    entries: list[Cleanup] = field(default_factory=list)

    def add(self, raw: str, clean: str, kind: str, line: int) -> None:
        if raw != clean:
            self.entries.append(Cleanup(raw=raw, clean=clean, kind=kind, line=line))


def fold_spaces(text: str) -> str:
    """Collapse runs of whitespace (tabs, newlines) to one space and trim."""
    return SPACES_RE.sub(" ", text).strip()


def strip_tags(text: str, line: int, log: CleanupLog) -> str:
    """Remove stray HTML tags ("<p>…</p>") left by a converter."""
    if not TAG_RE.search(text):
        return text
    clean = fold_spaces(TAG_RE.sub(" ", text))
    log.add(fold_spaces(text), clean, "html-tag", line)
    return clean


def fix_letter_spacing(text: str, line: int, log: CleanupLog) -> str:
    """Join letter-spaced words: "б е р у" -> "беру"."""

    def join(match: re.Match[str]) -> str:
        clean = match.group(0).replace(" ", "")
        log.add(match.group(0), clean, "letter-spacing", line)
        return clean

    return LETTER_SPACED_RE.sub(join, text)


class Lexicon:
    """Words of one document, to repair words broken by a line end ("құтқа ру").

    A pair of tokens "a b" is a broken word when "ab" occurs whole elsewhere in the same
    document and "b" never stands on its own (every occurrence of "b" follows a token it
    would join with). The document is its own dictionary, so this works for Kazakh and
    Russian alike and never invents a word the document does not contain.
    """

    def __init__(self, text: str) -> None:
        tokens = WORD_RE.findall(fold_spaces(TAG_RE.sub(" ", text)))
        self.words = Counter(tokens)
        self.standalone: set[str] = set()
        previous = ""
        for token in tokens:
            if previous + token not in self.words:
                self.standalone.add(token)
            previous = token

    def joins(self, left: str, right: str) -> bool:
        return (
            bool(left)
            and bool(right)
            and left[-1].isalpha()
            and right[0].islower()
            and left + right in self.words
            and right not in self.standalone
        )


def fix_split_words(text: str, line: int, log: CleanupLog, lexicon: Lexicon) -> str:
    """Join words that a line end split in two: "конструкциялар ын" -> "конструкцияларын"."""
    tokens = text.split(" ")
    out: list[str] = []
    for token in tokens:
        if out:
            left = WORD_RE.findall(out[-1])
            right = WORD_RE.match(token)
            if left and right and out[-1].endswith(left[-1]) and lexicon.joins(left[-1], right.group(0)):
                raw = f"{out[-1]} {token}"
                out[-1] = out[-1] + token
                log.add(raw, out[-1], "split-word", line)
                continue
        out.append(token)
    return " ".join(out)


def join_pieces(pieces: list[tuple[str, int]], log: CleanupLog) -> str:
    """Join the pieces of one cell printed on several lines.

    A piece ending in a hyphen ("бұйрықтың 8-") continues without a space
    ("8-тармағында"); other pieces are joined with one space.
    """
    text = ""
    for piece, line in pieces:
        piece = fold_spaces(piece)
        if not piece:
            continue
        if text.endswith("-") and len(text) > 1 and text[-2].isalnum() and piece[0].isalpha():
            log.add(
                f"{text.split(' ')[-1]}\n{piece.split(' ')[0]}",
                text.split(" ")[-1] + piece.split(" ")[0],
                "split-word",
                line,
            )
            text += piece
        else:
            text = f"{text} {piece}" if text else piece
    return text


def fix_category_codes(text: str, line: int, log: CleanupLog) -> str:
    """Write category codes with a Cyrillic С: "C-SVO-8" -> "С-SVO-8"."""
    rules = table_conventions()

    def fix(match: re.Match[str]) -> str:
        if match.group(0) != rules.category_letter:
            tail = re.match(r"-[A-Za-z]+-\d+", text[match.end() :])
            code = match.group(0) + (tail.group(0) if tail else "")
            log.add(code, rules.category_letter + code[1:], "homoglyph", line)
        return rules.category_letter

    return rules.category_code.sub(fix, text)


def clean_cell(text: str, line: int, log: CleanupLog, lexicon: Lexicon) -> str:
    """All text repairs of one cell, in the order that lets each see clean input."""
    text = strip_tags(text, line, log)
    text = fold_spaces(text)
    text = fix_letter_spacing(text, line, log)
    text = fix_split_words(text, line, log, lexicon)
    return fix_category_codes(text, line, log)


def unbalanced_open(text: str) -> int | None:
    """Index of the first "(" that no ")" closes, or None."""
    stack: list[int] = []
    for index, char in enumerate(text):
        if char == "(":
            stack.append(index)
        elif char == ")" and stack:
            stack.pop()
    return stack[0] if stack else None


def unbalanced_close(text: str) -> bool:
    """True when `text` has a ")" that no "(" opens."""
    depth = 0
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return True
            depth -= 1
    return False
