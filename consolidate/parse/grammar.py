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

from consolidate.model.numbering import LIST_MAX, NUM_PATTERN

FLAGS = re.IGNORECASE | re.UNICODE


def load_data(name: str) -> dict[str, Any]:
    """A data table; `<NUM>` in its patterns stands for the one pattern of a unit number."""
    text = resources.files("consolidate.data").joinpath(name).read_text("utf-8")
    return tomllib.loads(text.replace("<NUM>", NUM_PATTERN))  # the patterns are TOML literal strings


@dataclass(frozen=True)
class Verb:
    op: str
    pattern: re.Pattern[str]
    content: bool
    words: re.Pattern[str]  # the verb's own words, consumed by the coverage check
    position: str | None = None  # "before" for words inserted before the anchor (алдынан)
    language: str | None = None  # no_change: the language whose text does not change
    target_case: str | None = None  # the case of the unit inserted, when not the instrumental
    recase: str | None = None  # "upper" / "lower": a change of the first letter's case


@dataclass(frozen=True)
class Grammar:
    """Compiled instruction grammar of one language."""

    lang: str
    number_position: str  # "before" (kk: "7-1-тарау") or "after" (ru: "глава 7-1")
    verbs: tuple[Verb, ...]
    opening: re.Pattern[str]
    annex_prefix: re.Pattern[str]
    annex_check: re.Pattern[str]
    annex_suffix: re.Pattern[str]
    units: dict[str, str]
    unit_ref: re.Pattern[str]
    list_joiner: re.Pattern[str]  # what joins two numbers of a list or a range ("және", "и", "–")
    subpoint_ref: re.Pattern[str]
    ordinal_ref: re.Pattern[str]
    ordinal_before: re.Pattern[str] | None
    ordinals: dict[str, int]
    cases: tuple[tuple[str, re.Pattern[str]], ...]
    prepositions: dict[str, re.Pattern[str]]
    plural: re.Pattern[str]
    heading: re.Pattern[str]
    words: dict[str, re.Pattern[str]]
    whole_text: re.Pattern[str]
    lose_force_act: re.Pattern[str]
    lose_force_dated: re.Pattern[str]  # an act named by date and title, with no number
    lose_force_list: re.Pattern[str] | None  # "Мыналардың күші жойылды деп танылсын:"
    lose_force_item: re.Pattern[str] | None  # an item of that list: an act by title and date
    act_context: re.Pattern[str]  # a sentence that opens the changes of another act
    hints: dict[str, str]
    date: re.Pattern[str]
    months: dict[str, int]
    order_heading: re.Pattern[str]
    amends: re.Pattern[str]
    enacting: re.Pattern[str]
    eif: dict[str, re.Pattern[str]]
    except_side: str  # where the excepted parts stand relative to the word "except"
    numbers: dict[str, int]
    quote_open: re.Pattern[str]
    quote_close: re.Pattern[str]
    punctuation_only: re.Pattern[str]
    fillers: re.Pattern[str]  # words that carry no meaning of their own (coverage check)
    unnumbered: tuple[tuple[re.Pattern[str], str, str | None], ...]  # unit words with no number, their case
    clause_verbs: re.Pattern[str]  # finite verbs and converbs that end a clause
    converbs: tuple[tuple[re.Pattern[str], str], ...]  # "ауыстырылып" -> "ауыстырылсын"
    clause_separator: re.Pattern[str]  # what ends a clause before the next verb
    group_gap: re.Pattern[str]  # what joins two places of one change ("в пункте 2 и в части …")
    list_gap: re.Pattern[str]  # what may stand between two quotes of one list
    tens: dict[str, int]  # the tens of compound ordinals ("он бесінші", "двадцать третий")
    letter_ref: re.Pattern[str] | None = None  # subpoints numbered by letters ("подпункт р)")
    roman_ref: re.Pattern[str] | None = None  # chapters numbered in Roman ("главы IV")
    # The headings of every unit of a kind, throughout ("В главах", "Тараулардағы").
    headings_throughout: re.Pattern[str] | None = None
    # The text of a unit below its heading, the unit named by the context ("в тексте статьи").
    own_text: re.Pattern[str] | None = None
    # Punctuation named in words, with the sign it puts in ("нүктелі үтір қойылсын" -> ";").
    signs: tuple[tuple[re.Pattern[str], str], ...] = ()


NUM = NUM_PATTERN
# A number list starts a token ("-21" is not 21, "l3" is not 3) and ends one ("3l" is not 3).
_NUMS_START = r"(?<![\w\-–—.])"
_NUMS_END = r"(?![\w)\u2010\u2011\u2012\u2212\ufe63\uff0d]|\.\d)"


def _unit_ref_pattern(data: dict[str, Any]) -> re.Pattern[str]:
    """A numbered unit reference, in the language's word order.

    Kazakh: "33 және 34-жолдар", "3, 4 және 5-параграфтар", "7-1-тараумен";
    Russian: "строки, порядковые номера 33 и 34", "главой 7-1", "пункты 3, 4 и 5".
    Groups: `nums` (the number list), `stem` (unit word stem), `ending` (its ending).
    """
    conj = data["lists"]["and"]
    rng = data["lists"]["range"]
    stems = "|".join(sorted((re.escape(s) for s in data["units"]), key=len, reverse=True))
    filler = data["fillers"]["row"]
    # Atomic and bounded (see NUM_PATTERN): a list that does not end in a unit word is not
    # tried again shorter, so the pattern costs time linear in the sentence.
    nums = rf"{_NUMS_START}(?P<nums>(?>{NUM}(?:\s?(?:{conj}|{rng})\s?{NUM}){{0,{LIST_MAX}}})){_NUMS_END}"
    if data["number_position"] == "before":
        return re.compile(rf"(?:{filler})?{nums}\s*-\s*(?P<stem>{stems})(?P<ending>\w*)", FLAGS)
    return re.compile(rf"\b(?P<stem>{stems})(?P<ending>\w*)(?:{filler}|\s+){nums}", FLAGS)


def _ordinal_pattern(data: dict[str, Any]) -> re.Pattern[str]:
    """Units named by ordinal words: "екінші абзацы", "он бесінші бөлігі", "абзацы второй и
    третий", "части вторую - четвертую", "первое предложение". A compound ordinal is a
    cardinal ten and an ordinal ("он бесінші" = 15, "двадцать третий" = 23)."""
    table = data["ordinals"]
    tens = "(?:" + "|".join(sorted((re.escape(w) for w in table["tens"]), key=len, reverse=True)) + r")\s+"
    ordinal = "(?:" + "|".join(sorted((re.escape(w) for w in table["words"]), key=len, reverse=True)) + r")\w*"
    word = rf"(?:{tens})?{ordinal}"
    sep = rf"(?:\s*(?:{data['lists']['and']}|{data['lists']['range']})\s*)"
    words = rf"(?P<words>{word}(?:{sep}{word}){{0,20}})"
    unit = rf"(?P<stem>{table['unit']})(?P<ending>\w*)"
    if table["position"] == "before":
        return re.compile(rf"(?<!\w){words}\s+{unit}", FLAGS)
    return re.compile(rf"(?<!\w){unit}\s+{words}(?!\w)", FLAGS)


def ordinal_before_pattern(data: dict[str, Any]) -> re.Pattern[str] | None:
    """Russian may also put the ordinal first ("первое предложение", "в первом абзаце")."""
    table = data["ordinals"]
    if "unit_after" not in table:
        return None
    ordinal = "(?:" + "|".join(sorted((re.escape(w) for w in table["words"]), key=len, reverse=True)) + r")\w*"
    tens = "(?:" + "|".join(sorted((re.escape(w) for w in table["tens"]), key=len, reverse=True)) + r")\s+"
    unit = rf"(?P<stem>{table['unit_after']})(?P<ending>\w*)"
    return re.compile(rf"(?<!\w)(?P<words>(?:{tens})?{ordinal})\s+{unit}", FLAGS)


@cache
def grammar(lang: str = "kk") -> Grammar:
    """The compiled grammar of `lang` ("kk" or "ru")."""
    data = load_data(f"grammar_{lang}.toml")
    eif = {key: re.compile(value, FLAGS) for key, value in data["entry_into_force"].items() if key != "except_side"}
    return Grammar(
        lang=data["lang"],
        number_position=data["number_position"],
        verbs=tuple(
            Verb(
                v["op"],
                re.compile(v["pattern"], FLAGS),
                v["content"],
                re.compile(v.get("words", v["pattern"]), FLAGS),
                v.get("position"),
                v.get("language"),
                v.get("target_case"),
                v.get("recase"),
            )
            for v in data["verbs"]
        ),
        opening=re.compile(data["opening"]["pattern"], FLAGS),
        annex_prefix=re.compile(data["annex_context"]["prefix"], FLAGS),
        annex_check=re.compile(data["annex_context"]["check"], FLAGS),
        annex_suffix=re.compile(data["annex_context"]["suffix"], FLAGS),
        units=dict(data["units"]),
        unit_ref=_unit_ref_pattern(data),
        list_joiner=re.compile(rf"\s?(?:{data['lists']['and']}|{data['lists']['range']})\s?", FLAGS),
        subpoint_ref=re.compile(data["subpoint"]["pattern"], FLAGS),
        ordinal_ref=_ordinal_pattern(data),
        ordinal_before=ordinal_before_pattern(data),
        ordinals=dict(data["ordinals"]["words"]),
        cases=tuple((c["case"], re.compile(c["pattern"], FLAGS)) for c in data["cases"]),
        prepositions={k: re.compile(v, FLAGS) for k, v in data.get("prepositions", {}).items()},
        plural=re.compile(data["plural"]["pattern"], FLAGS),
        heading=re.compile(data["heading"]["pattern"], FLAGS),
        words={k: re.compile(v, FLAGS) for k, v in data["words"].items()},
        whole_text=re.compile(data["scope"]["whole_text"], FLAGS),
        lose_force_act=re.compile(data["lose_force"]["act"], FLAGS),
        hints=dict(data["hints"]),
        date=re.compile(data["dates"]["pattern"], FLAGS),
        months=dict(data["months"]),
        order_heading=re.compile(data["order_heading"]["pattern"], FLAGS),
        amends=re.compile(data["amends"]["pattern"], FLAGS),
        enacting=re.compile(data["enacting"]["pattern"]),
        eif=eif,
        except_side=data["entry_into_force"]["except_side"],
        numbers=dict(data["numbers"]),
        quote_open=re.compile(data["quotes"]["open"]),
        quote_close=re.compile(data["quotes"]["close"]),
        punctuation_only=re.compile(data["quotes"]["punctuation_only"]),
        # Longer fillers first: "в тексте" before "в".
        fillers=re.compile(
            r"(?<!\w)(?:" + "|".join(sorted(data["coverage"]["fillers"], key=len, reverse=True)) + r")(?!\w)", FLAGS
        ),
        act_context=re.compile(data["act_context"]["pattern"], FLAGS),
        lose_force_dated=re.compile(data["lose_force"]["dated"], FLAGS),
        lose_force_list=re.compile(data["lose_force"]["list"], FLAGS) if "list" in data["lose_force"] else None,
        lose_force_item=re.compile(data["lose_force"]["item"], FLAGS) if "item" in data["lose_force"] else None,
        unnumbered=tuple(
            (re.compile(rf"(?<!\w){u['pattern']}", FLAGS), u["unit"], u.get("case")) for u in data["unnumbered"]
        ),
        tens=dict(data["ordinals"]["tens"]),
        clause_verbs=re.compile(data["several"]["clause_verbs"], FLAGS),
        converbs=tuple((re.compile(c[0], FLAGS), c[1]) for c in data["several"].get("converbs", [])),
        clause_separator=re.compile(data["several"]["clause_separator"], FLAGS),
        group_gap=re.compile(data["several"]["group_gap"], FLAGS),
        list_gap=re.compile(rf"\s*(?:{data['lists']['and']}|;)?\s*", FLAGS),
        letter_ref=re.compile(data["letters"]["pattern"], FLAGS) if "letters" in data else None,
        roman_ref=re.compile(data["roman"]["pattern"], re.UNICODE) if "roman" in data else None,
        headings_throughout=_optional(data["scope"], "headings_throughout"),
        own_text=_optional(data["scope"], "own_text"),
        signs=tuple(
            (re.compile(rf"(?<!\w){name}(?!\w)", FLAGS), sign)
            for name, sign in sorted(data.get("signs", {}).items(), key=lambda item: -len(item[0]))
        ),
    )


def _optional(table: dict[str, str], key: str) -> re.Pattern[str] | None:
    return re.compile(rf"(?<!\w)(?:{table[key]})(?!\w)", FLAGS) if key in table else None


@dataclass(frozen=True)
class TableConventions:
    """Compiled layout and cleaning rules of quoted tables."""

    headings: tuple[tuple[str, re.Pattern[str], str], ...]  # (unit, pattern, clean label)
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
        headings=tuple((h["unit"], re.compile(h["pattern"], FLAGS), h["label"]) for h in data["headings"]),
        row_start=re.compile(data["rows"]["start"]),
        separator=re.compile(data["rows"]["separator"]),
        category_code=re.compile(data["category_code"]["pattern"]),
        category_letter=data["category_code"]["letter"],
        closing_word=re.compile(data["parenthesis"]["closing_word"]),
        own_empty_cells=tuple(
            (o["column"], o["when_column"], re.compile(o["matches"], FLAGS)) for o in data["own_empty_cells"]
        ),
    )
