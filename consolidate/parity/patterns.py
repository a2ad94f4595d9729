"""Loads `consolidate/data/parity.toml` once, checks it and compiles its patterns.

The phrasings of one-language statements and the shapes of figures are data, so a new
phrasing found in a real text is a line in the table, not new code. A table that is
malformed (a missing key, an unknown language, a pattern that does not compile) is a
defect of the package, reported by name rather than as a traceback deep in a comparison.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

from consolidate.errors import ConsolidateError
from consolidate.parse.grammar import load_data

DATA_FILE = "parity.toml"


class Lang(StrEnum):
    """The two languages of an order's texts."""

    KK = "kk"
    RU = "ru"

    @property
    def name_en(self) -> str:
        return "Kazakh" if self is Lang.KK else "Russian"

    @property
    def other(self) -> Lang:
        return Lang.RU if self is Lang.KK else Lang.KK


@dataclass(frozen=True)
class OneLanguagePattern:
    """A phrasing saying that only `changes`' text changes, written in `lang`."""

    lang: Lang
    changes: Lang
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class ParityPatterns:
    """Everything parity reads from its data file, compiled."""

    one_language: tuple[OneLanguagePattern, ...]
    numeric_date: re.Pattern[str]
    code: re.Pattern[str]
    number_sign: re.Pattern[str]
    number: re.Pattern[str]
    lookalikes: dict[str, str]

    def statements(self, lang: Lang) -> tuple[OneLanguagePattern, ...]:
        return tuple(p for p in self.one_language if p.lang is lang)


class ParityDataError(ConsolidateError):
    """The parity data file is malformed (a defect of the package, not of the input)."""


def _compile(value: Any, key: str, flags: int = 0) -> re.Pattern[str]:
    if not isinstance(value, str) or not value:
        raise ParityDataError(f"{key} must be a non-empty pattern", where=DATA_FILE)
    try:
        return re.compile(value, flags)
    except re.error as exc:
        raise ParityDataError(f"{key} does not compile: {exc}", where=DATA_FILE) from exc


def _lang(value: Any, key: str) -> Lang:
    try:
        return Lang(value)
    except ValueError:
        raise ParityDataError(f"{key} must be 'kk' or 'ru', not {value!r}", where=DATA_FILE) from None


def build(data: dict[str, Any]) -> ParityPatterns:
    """Check and compile the parsed TOML (separate from loading, so a test can feed a bad table)."""
    try:
        entries = data["one_language"]
        tokens = data["tokens"]
        lookalikes = data["lookalikes"]
    except KeyError as exc:
        raise ParityDataError(f"missing table {exc.args[0]!r}", where=DATA_FILE) from None
    one_language = []
    for index, entry in enumerate(entries):
        key = f"one_language[{index}]"
        if not isinstance(entry, dict) or {"lang", "changes", "pattern"} - entry.keys():
            raise ParityDataError(f"{key} needs lang, changes and pattern", where=DATA_FILE)
        one_language.append(
            OneLanguagePattern(
                lang=_lang(entry["lang"], f"{key}.lang"),
                changes=_lang(entry["changes"], f"{key}.changes"),
                pattern=_compile(entry["pattern"], f"{key}.pattern", re.IGNORECASE),
            )
        )
    if not one_language:
        raise ParityDataError("one_language lists no phrasing", where=DATA_FILE)
    compiled = {}
    for name in ("numeric_date", "code", "number_sign", "number"):
        if name not in tokens:
            raise ParityDataError(f"tokens.{name} is missing", where=DATA_FILE)
        compiled[name] = _compile(tokens[name], f"tokens.{name}")
    if "num" not in compiled["number_sign"].groupindex:
        raise ParityDataError("tokens.number_sign needs a group 'num'", where=DATA_FILE)
    if {"day", "month", "year"} - compiled["numeric_date"].groupindex.keys():
        raise ParityDataError("tokens.numeric_date needs groups day, month and year", where=DATA_FILE)
    if not all(isinstance(k, str) and isinstance(v, str) and len(k) == len(v) == 1 for k, v in lookalikes.items()):
        raise ParityDataError("lookalikes maps single letters to single letters", where=DATA_FILE)
    return ParityPatterns(one_language=tuple(one_language), lookalikes=dict(lookalikes), **compiled)


@cache
def patterns() -> ParityPatterns:
    """The compiled parity patterns."""
    return build(load_data(DATA_FILE))
