"""Finds the annex an order names, in its Kazakh case form, among the base's annexes.

Orders name an annex in the locative ("…біліктілік талаптарында:") while the annex is
titled in the nominative ("…біліктілік талаптары"). Both are reduced to word stems (case
and possessive endings from the grammar tables stripped, quotes and case folded) and
compared word by word.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from consolidate.errors import ApplyError
from consolidate.model.act import Annex
from consolidate.parse.grammar import load_data

WORD_RE = re.compile(r"\w+(?:-\w+)*")


@cache
def _endings(lang: str) -> tuple[tuple[str, ...], int]:
    data = load_data(f"grammar_{lang}.toml")["annex_match"]
    return tuple(sorted(data["endings"], key=len, reverse=True)), int(data["min_stem"])


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


def find_annex(annexes: list[Annex], name: str, where: str, lang: str = "kk") -> Annex:
    """The one annex whose title `name` names; an `ApplyError` listing the annexes otherwise."""
    wanted = stems(name, lang)
    matches = [a for a in annexes if stems(a.title, lang) == wanted]
    if len(matches) == 1:
        return matches[0]
    listing = "; ".join(f"{a.num}: {a.title}" for a in annexes)
    if not matches:
        raise ApplyError(f"no annex of the base is named {name!r} (annexes: {listing})", where=where)
    raise ApplyError(f"several annexes match {name!r} (annexes: {listing})", where=where)
