"""Word-level diff of two texts, never splitting a Kazakh or Russian word.

diff-match-patch compares characters. Fed raw text it happily reports that «маманы»
became «маманның» by changing two letters, which a reader of a redline cannot use. So the
texts are first cut into tokens (words with their inner hyphens, runs of whitespace,
single punctuation marks), every distinct token is given one private character (the
"words->chars" trick of the dmp wiki), the two strings of characters are diffed, and the
characters are decoded back into tokens. A change therefore always covers whole words.

`Diff_Timeout` is set to 0. The library's default of one second does not fail when it
runs out: it silently returns "delete everything, insert everything", which still
rebuilds both texts and so passes every round-trip check (measured in
shared/research/deps.md §1). We only ever diff one unit at a time (a cell or a heading),
so an unbounded diff is short anyway.
"""

from __future__ import annotations

import re

from diff_match_patch import diff_match_patch

from consolidate.diff.model import Piece
from consolidate.model.units import CellValue

TOKEN = re.compile(r"\w+(?:-\w+)*|\s+|[^\w\s]")
"""A word with inner hyphens («авариялық-құтқару», «С-SVO-8», «7-1»), a run of whitespace,
or one punctuation mark. Together the tokens cover the whole text: every character is a
word character, whitespace, or neither."""

_OPS = {
    diff_match_patch.DIFF_EQUAL: "equal",
    diff_match_patch.DIFF_INSERT: "insert",
    diff_match_patch.DIFF_DELETE: "delete",
}

_SURROGATES = range(0xD800, 0xE000)


def _engine() -> diff_match_patch:
    engine = diff_match_patch()
    engine.Diff_Timeout = 0  # never degrade to delete-all/insert-all, see the module docstring
    return engine


_DMP = _engine()


def tokens(text: str) -> list[str]:
    """The tokens of `text`; joined they give `text` back."""
    return TOKEN.findall(text)


def cell_text(value: CellValue) -> str:
    """The text of a cell: a list cell (specialties) is one item per line."""
    if isinstance(value, list):
        return "\n".join(value)
    return value


def _encode(parts: list[str], codes: dict[str, str], table: list[str]) -> str:
    """One character per token; `table[ord(char)]` is the token back."""
    chars = []
    for part in parts:
        char = codes.get(part)
        if char is None:
            point = len(table)
            if point in _SURROGATES:  # keep the encoded string valid Unicode
                table.extend([""] * len(_SURROGATES))
                point = len(table)
            char = chr(point)
            codes[part] = char
            table.append(part)
        chars.append(char)
    return "".join(chars)


def _common_prefix(a: str, b: str) -> int:
    """Length of the common prefix of `a` and `b`, cut back to a token boundary of both.

    A boundary that needs no tokenising: whitespace before it, none after it (whitespace
    runs are whole tokens, and nothing else contains whitespace). Cutting there lets a long
    cell with one changed word be tokenised and diffed around that word only.
    """
    size = _DMP.diff_commonPrefix(a, b)  # a binary search over slice comparisons, done in C
    while size > 0 and not (a[size - 1].isspace() and not a[size : size + 1].isspace()
                            and not b[size : size + 1].isspace()):  # fmt: skip
        size -= 1
    return size


def _common_suffix(a: str, b: str, prefix: int) -> int:
    """Length of the common suffix that does not overlap `prefix`, cut back so that it
    starts at a token boundary of both texts (see `_common_prefix`)."""
    size = min(_DMP.diff_commonSuffix(a, b), len(a) - prefix, len(b) - prefix)
    # The suffix starts at len - size: whitespace before it in both texts, none at its start.
    while size > 0 and not (a[-size - 1 : len(a) - size].isspace() and b[-size - 1 : len(b) - size].isspace()
                            and not a[-size].isspace()):  # fmt: skip
        size -= 1
    return size


def _diff_tokens(old: str, new: str) -> list[Piece]:
    """diff-match-patch over one character per token, decoded back into text."""
    codes: dict[str, str] = {}
    table: list[str] = [""]  # code point 0 is never used
    old_chars = _encode(tokens(old), codes, table)
    new_chars = _encode(tokens(new), codes, table)
    diffs = _DMP.diff_main(old_chars, new_chars, False)
    _DMP.diff_cleanupSemantic(diffs)
    return [Piece(_OPS[op], "".join(table[ord(c)] for c in chars)) for op, chars in diffs if chars]


def diff_words(old: str, new: str) -> tuple[Piece, ...]:
    """The word-level diff of `old` and `new`.

    Equal and deleted pieces concatenate to `old`, equal and inserted ones to `new`.
    Identical texts give one equal piece (none when both are empty); a text against an
    empty one gives one delete or insert piece, without running the diff.
    """
    if old == new:
        return (Piece("equal", old),) if old else ()
    if not old:
        return (Piece("insert", new),)
    if not new:
        return (Piece("delete", old),)
    head = _common_prefix(old, new)
    tail = _common_suffix(old, new, head)
    middle = _diff_tokens(old[head : len(old) - tail], new[head : len(new) - tail])
    pieces: list[Piece] = []
    for piece in (Piece("equal", old[:head]), *middle, Piece("equal", old[len(old) - tail :])):
        if not piece.text:
            continue
        if pieces and pieces[-1].op == piece.op:
            pieces[-1] = Piece(piece.op, pieces[-1].text + piece.text)
        else:
            pieces.append(piece)
    return tuple(pieces)


def diff_items(old: list[str], new: list[str]) -> tuple[Piece, ...]:
    """The diff of two list cells (specialties), item by item.

    Each item is one token, so an item kept among inserted ones stays equal — a drafter
    sees the specialties added, not the whole list struck and retyped. An item replaced by
    a single other item is then compared word by word. Pieces concatenate to the cells'
    texts as `cell_text` joins them ("\n" between items).
    """
    old_text, new_text = cell_text(old), cell_text(new)
    if old == new or not old or not new:
        return diff_words(old_text, new_text)
    codes: dict[str, str] = {}
    table: list[str] = [""]
    old_chars = _encode(_with_breaks(old), codes, table)
    new_chars = _encode(_with_breaks(new), codes, table)
    runs = [(_OPS[op], [table[ord(c)] for c in chars]) for op, chars in _DMP.diff_main(old_chars, new_chars, False)]
    pieces: list[Piece] = []
    index = 0
    while index < len(runs):
        op, parts = runs[index]
        following = runs[index + 1] if index + 1 < len(runs) else None
        if op == "delete" and following and following[0] == "insert" and _one_item(parts) and _one_item(following[1]):
            pieces.extend(diff_words("".join(parts), "".join(following[1])))
            index += 2
            continue
        pieces.append(Piece(op, "".join(parts)))
        index += 1
    merged: list[Piece] = []
    for piece in pieces:
        if merged and merged[-1].op == piece.op:
            merged[-1] = Piece(piece.op, merged[-1].text + piece.text)
        elif piece.text:
            merged.append(piece)
    return tuple(merged)


def _with_breaks(items: list[str]) -> list[str]:
    out: list[str] = []
    for item in items:
        if out:
            out.append("\n")
        out.append(item)
    return out


def _one_item(parts: list[str]) -> bool:
    return len([p for p in parts if p != "\n"]) == 1
