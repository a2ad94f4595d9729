"""Loads the grammar tables (consolidate/data/*.toml) once and compiles their patterns.

The grammar lives in data so that a new phrasing is a line in a table, not new code; this
module only turns the tables into compiled regular expressions.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

FLAGS = re.IGNORECASE | re.UNICODE


def load_data(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("consolidate.data").joinpath(name).read_text("utf-8"))


@dataclass(frozen=True)
class Verb:
    op: str
    pattern: re.Pattern[str]
    content: bool


@dataclass(frozen=True)
class Grammar:
    """Compiled instruction grammar of one language."""

    lang: str
    verbs: tuple[Verb, ...]
    opening: re.Pattern[str]
    annex_prefix: re.Pattern[str]
    annex_locative_end: re.Pattern[str]
    units: dict[str, str]
    unit_ref: re.Pattern[str]
    cases: tuple[tuple[str, re.Pattern[str]], ...]
    plural: re.Pattern[str]
    heading: re.Pattern[str]
    words_old: re.Pattern[str]
    words_new: re.Pattern[str]
    date: re.Pattern[str]
    months: dict[str, int]
    order_heading: re.Pattern[str]
    amends: re.Pattern[str]
    enacting: re.Pattern[str]
    eif: dict[str, re.Pattern[str]]
    numbers: dict[str, int]
    quote_open: re.Pattern[str]
    quote_close: re.Pattern[str]
    punctuation_only: re.Pattern[str]


def _unit_ref_pattern(data: dict[str, Any]) -> re.Pattern[str]:
    """A numbered unit reference: "33 және 34-жолдар", "3, 4 және 5-параграфтар", "7-1-тараумен".

    Groups: `nums` (the number list), `stem` (unit word stem), `ending` (case ending).
    """
    num = r"\d+(?:-\d+)*"
    conj = data["lists"]["and"]
    rng = data["lists"]["range"]
    stems = "|".join(sorted((re.escape(s) for s in data["units"]), key=len, reverse=True))
    filler = data["fillers"]["row"]
    return re.compile(
        rf"(?:{filler})?(?P<nums>{num}(?:\s*(?:{conj}|{rng})\s*{num})*)\s*-\s*(?P<stem>{stems})(?P<ending>\w*)",
        FLAGS,
    )


@cache
def grammar(lang: str = "kk") -> Grammar:
    """The compiled grammar of `lang` (only Kazakh is tabled so far)."""
    data = load_data(f"grammar_{lang}.toml")
    eif = {key: re.compile(value, FLAGS) for key, value in data["entry_into_force"].items()}
    return Grammar(
        lang=data["lang"],
        verbs=tuple(Verb(v["op"], re.compile(v["pattern"], FLAGS), v["content"]) for v in data["verbs"]),
        opening=re.compile(data["opening"]["pattern"], FLAGS),
        annex_prefix=re.compile(data["annex_context"]["prefix"], FLAGS),
        annex_locative_end=re.compile(data["annex_context"]["locative_end"], FLAGS),
        units=dict(data["units"]),
        unit_ref=_unit_ref_pattern(data),
        cases=tuple((c["case"], re.compile(c["pattern"], FLAGS)) for c in data["cases"]),
        plural=re.compile(data["plural"]["pattern"], FLAGS),
        heading=re.compile(data["heading"]["pattern"], FLAGS),
        words_old=re.compile(data["words"]["old"], FLAGS),
        words_new=re.compile(data["words"]["new"], FLAGS),
        date=re.compile(data["dates"]["pattern"], FLAGS),
        months=dict(data["months"]),
        order_heading=re.compile(data["order_heading"]["pattern"], FLAGS),
        amends=re.compile(data["amends"]["pattern"], FLAGS),
        enacting=re.compile(data["enacting"]["pattern"]),
        eif=eif,
        numbers=dict(data["numbers"]),
        quote_open=re.compile(data["quotes"]["open"]),
        quote_close=re.compile(data["quotes"]["close"]),
        punctuation_only=re.compile(data["quotes"]["punctuation_only"]),
    )


@dataclass(frozen=True)
class TableConventions:
    """Compiled layout and cleaning rules of quoted tables."""

    headings: tuple[tuple[str, re.Pattern[str]], ...]
    labels: dict[str, str]
    row_start: re.Pattern[str]
    separator: re.Pattern[str]
    category_code: re.Pattern[str]
    category_letter: str
    closing_word: re.Pattern[str]
    own_empty_cells: tuple[tuple[str, str, re.Pattern[str]], ...]


@cache
def table_conventions() -> TableConventions:
    data = load_data("tables.toml")
    return TableConventions(
        headings=tuple((h["unit"], re.compile(h["pattern"], FLAGS)) for h in data["headings"]),
        labels=dict(data["labels"]),
        row_start=re.compile(data["rows"]["start"]),
        separator=re.compile(data["rows"]["separator"]),
        category_code=re.compile(data["category_code"]["pattern"]),
        category_letter=data["category_code"]["letter"],
        closing_word=re.compile(data["parenthesis"]["closing_word"]),
        own_empty_cells=tuple(
            (o["column"], o["when_column"], re.compile(o["matches"], FLAGS)) for o in data["own_empty_cells"]
        ),
    )
