"""Dates and number words of Kazakh legal text: "2025 жылғы 18 желтоқсандағы", "он"."""

from __future__ import annotations

import datetime as dt

from consolidate.errors import ParseError
from consolidate.limits import MAX_DAYS, limit_error
from consolidate.parse.grammar import Grammar


def parse_date(text: str, grammar: Grammar, where: str) -> str:
    """ISO date of a Kazakh date phrase ("2025 жылғы 18 желтоқсандағы" -> "2025-12-18")."""
    match = grammar.date.search(text + " ")
    if not match:
        raise ParseError(f"cannot read a date in {text[:60]!r}", where=where)
    word = match.group("month").lower()
    stems = [stem for stem in grammar.months if word.startswith(stem)]
    month = grammar.months[max(stems, key=len)] if stems else None  # "марта": март, not ма(й)
    if month is None:
        raise ParseError(f"unknown month {word!r}", where=where)
    try:
        return dt.date(int(match.group("year")), month, int(match.group("day"))).isoformat()
    except ValueError as exc:
        raise ParseError(f"impossible date in {match.group(0)!r}", where=where) from exc


def parse_number(text: str, grammar: Grammar, where: str) -> int:
    """A count written in digits or words: "10", "он", "жиырма бір"."""
    words = text.strip().lower().split()
    if len(words) == 1 and words[0].isascii() and words[0].isdigit():
        total = int(words[0]) if len(words[0]) <= 6 else MAX_DAYS + 1
    else:
        total = 0
        for word in words:
            value = grammar.numbers.get(word)
            if value is None:
                raise ParseError(f"cannot read the number {text.strip()[:40]!r}", where=where)
            total += value
    if total > MAX_DAYS:
        raise limit_error("MAX_DAYS", f"a period of {text.strip()[:20]} days", "days", where)
    return total


def strip_trailing_number_words(text: str, grammar: Grammar) -> str:
    """The number words at the end of `text` ("… кейін жиырма бір" -> "жиырма бір")."""
    words = text.split()
    taken: list[str] = []
    for word in reversed(words):
        if word.lower() in grammar.numbers or word.isdigit():
            taken.insert(0, word)
        else:
            break
    return " ".join(taken)
