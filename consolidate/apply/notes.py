"""Amendment notes ("Ескерту. …") rendered from the templates in data/notes.toml.

The wording follows the notes of the reference bank's consolidated texts; the templates
are data so that a publisher can adjust the wording without touching code.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from consolidate.labels import print_date
from consolidate.model.act import AppliedOrder
from consolidate.model.amendment import OrderMeta
from consolidate.model.tree import Applied


@cache
def _templates(lang: str) -> dict[str, Any]:
    data = tomllib.loads(resources.files("consolidate.data").joinpath("notes.toml").read_text("utf-8"))
    return data[lang]


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def unit_form(lang: str, unit: str, num: str, form: str) -> str:
    """A unit named in a given form: ("chapter", "8", "nominative") -> "8-тарау"."""
    return _templates(lang)["units"][unit][form].format(num=num)


@dataclass(frozen=True)
class NoteOrder:
    """What a note says of one amending order."""

    issuer: str
    date: str
    number: str
    eif: str
    act_word: str
    lang: str

    @classmethod
    def of(cls, order: OrderMeta | AppliedOrder | Applied) -> NoteOrder:
        if isinstance(order, OrderMeta):
            return cls(order.issuer, order.date, order.number, order.entry_into_force.text, order.act_word, order.lang)
        return cls(order.issuer, order.date, order.number, order.eif, order.act_word, order.lang)


def _parts(orders: list[NoteOrder]) -> dict[str, str]:
    """The pieces a note names its amending orders with (one issuer, one or more orders)."""
    first = orders[0]
    t = _templates(first.lang)
    issuer = first.issuer
    for long, short in t["abbreviations"]:
        issuer = issuer.replace(long, short)
    items = "; ".join(
        _fill(
            t["item"],
            {"date": print_date(o.date), "number": o.number, "eif": re.sub(t["eif_subject"], "", o.eif).rstrip(". ")},
        )
        for o in orders
    )
    plural = 1 if len(orders) > 1 else 0
    by, of = t["act_by"].get(first.act_word), t["act_of"].get(first.act_word)
    return {
        "issuer": issuer,
        "items": items,
        "act_by": by[plural] if by else first.act_word,
        "act_of": of[plural] if of else first.act_word,
    }


def _fill(template: str, parts: dict[str, str]) -> str:
    """Fill a template; an empty entry-into-force clause leaves no empty parentheses."""
    return " ".join(template.format(**parts).replace("()", "").split()).replace(" .", ".").replace(" ,", ",")


def render_note(
    orders: list[NoteOrder],
    action: str,
    unit: str,
    num: str,
    annex_num: str,
    old: str = "",
    new: str = "",
    parent: tuple[str, str] = ("act", ""),
) -> str:
    """The note for one changed unit, e.g. "Ескерту. 8-тарау жаңа редакцияда - ҚР … бұйрығымен.".

    `orders` are the amending orders of one issuer that made this change to this unit, in
    the order they came into force; several are chained in one note.
    """
    lang = orders[0].lang
    t = _templates(lang)
    template = t["actions"][action]
    parts = _parts(orders)
    text = _fill(
        template["text"],
        {
            **parts,
            "unit": unit_form(lang, unit, num, template["form"]),
            "annex": unit_form(lang, "annex", annex_num, "nominative"),
            "clause": _fill(t["clause"], parts),
            "old": old,
            "new": new,
            "parent": unit_form(lang, parent[0], parent[1], "parent") if "{parent}" in template["text"] else "",
        },
    )
    return f"{t['label']} {_capitalize(text)}"
