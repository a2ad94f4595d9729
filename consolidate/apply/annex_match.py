"""Finds the annex an order names, in its Kazakh case form, among the base's annexes.

Orders name an annex in the locative ("…біліктілік талаптарында:") while the annex is
titled in the nominative ("…біліктілік талаптары"). Both are reduced to word stems (case
and possessive endings from the grammar tables stripped, quotes and case folded) and
compared word by word.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from typing import Generic, Protocol, TypeVar

from consolidate.errors import ApplyError
from consolidate.parse.grammar import load_data


class _Titled(Protocol):
    """An annex as this module reads it (the tree's or the table model's): number and title."""

    num: str
    title: str


Annex = TypeVar("Annex", bound=_Titled)

WORD_RE = re.compile(r"\w+(?:-\w+)*")


@cache
def _endings(lang: str) -> tuple[tuple[str, ...], int]:
    data = load_data(f"grammar_{lang}.toml")["annex_match"]
    return tuple(sorted(data["endings"], key=len, reverse=True)), int(data["min_stem"])


@cache
def stems(text: str, lang: str = "kk") -> tuple[str, ...]:
    """Word stems of a name: case folded, quotes dropped, one ending stripped per word."""
    endings, min_stem = _endings(lang)
    out = []
    for word in WORD_RE.findall(unicodedata.normalize("NFC", text).casefold()):
        for ending in endings:
            if word.endswith(ending) and len(word) - len(ending) >= min_stem:
                word = word[: -len(ending)]
                break
        out.append(word)
    return tuple(out)


SIMILAR = 0.85
"""Least similarity of word stems for a name that differs in small wording from a title."""


def similarity(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


@dataclass(frozen=True)
class AnnexMatch(Generic[Annex]):
    """The annex a name was matched to; `similarity` is set when the words were not the same
    (a fuzzy decision the caller reports), None for an exact match of stems."""

    annex: Annex
    similarity: float | None = None


def match_annex(annexes: list[Annex], name: str, where: str, lang: str = "kk") -> AnnexMatch[Annex]:
    """The one annex whose title `name` names; an `ApplyError` listing the annexes otherwise.

    The same words (after their endings are stripped) name an annex; failing that, the one
    title whose words are clearly the most similar (a word added or dropped, a typo in a
    long title), when no other title comes close. That second way is a guess: the match
    says so with its similarity, and the caller reports it (`apply.fuzzy`).
    """
    wanted = stems(name, lang)
    matches = [a for a in annexes if stems(a.title, lang) == wanted]
    if len(matches) == 1:
        return AnnexMatch(matches[0])
    if not matches:
        scored = sorted(((similarity(wanted, stems(a.title, lang)), a.num) for a in annexes), reverse=True)
        close = [num for score, num in scored if score >= SIMILAR]
        if len(close) == 1 or (len(close) > 1 and scored[0][0] - scored[1][0] >= 0.1):
            return AnnexMatch(next(a for a in annexes if a.num == close[0]), scored[0][0])
    listing = "; ".join(f"{a.num}: {a.title}" for a in annexes)
    if not matches:
        raise ApplyError(f"no annex of the base is named {name!r} (annexes: {listing})", where=where)
    raise ApplyError(f"several annexes match {name!r} (annexes: {listing})", where=where)


def find_annex(annexes: list[Annex], name: str, where: str, lang: str = "kk") -> Annex:
    """The annex `match_annex` finds, for callers that only look (never for applying: the
    engine reports a match by similarity)."""
    return match_annex(annexes, name, where, lang).annex
