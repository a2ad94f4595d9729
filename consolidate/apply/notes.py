"""Amendment notes ("Ескерту. …") rendered from the templates in data/notes.toml.

The wording follows the notes of the reference bank's consolidated texts; the templates
are data so that a publisher can adjust the wording without touching code.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources
from typing import Any

from consolidate.labels import print_date
from consolidate.model.amendment import OrderMeta


@cache
def _templates(lang: str) -> dict[str, Any]:
    data = tomllib.loads(resources.files("consolidate.data").joinpath("notes.toml").read_text("utf-8"))
    return data[lang]


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def unit_form(lang: str, unit: str, num: str, form: str) -> str:
    """A unit named in a given form: ("chapter", "8", "nominative") -> "8-тарау"."""
    return _templates(lang)["units"][unit][form].format(num=num)


def _parts(order: OrderMeta) -> dict[str, str]:
    """The pieces a note names the amending order with: issuer, date, number, entry into force."""
    t = _templates(order.lang)
    issuer = order.issuer
    for long, short in t["abbreviations"]:
        issuer = issuer.replace(long, short)
    eif = re.sub(t["eif_subject"], "", order.entry_into_force.text).rstrip(". ")
    word = order.act_word
    return {
        "issuer": issuer,
        "date": print_date(order.date),
        "number": order.number,
        "eif": eif,
        "act_by": t["act_by"].get(word, word),
        "act_of": t["act_of"].get(word, word),
    }


def _fill(template: str, parts: dict[str, str]) -> str:
    """Fill a template; an empty entry-into-force clause leaves no empty parentheses."""
    return " ".join(template.format(**parts).replace("()", "").split()).replace(" .", ".").replace(" ,", ",")


def clause(order: OrderMeta) -> str:
    """The part of a note naming the amending order: issuer, date, number, entry into force."""
    return _fill(_templates(order.lang)["clause"], _parts(order))


def render_note(
    order: OrderMeta, action: str, unit: str, num: str, annex_num: str, old: str = "", new: str = ""
) -> str:
    """The note for one changed unit, e.g. "Ескерту. 8-тарау жаңа редакцияда - ҚР … бұйрығымен."."""
    t = _templates(order.lang)
    template = t["actions"][action]
    parts = _parts(order)
    text = _fill(
        template["text"],
        {
            **parts,
            "unit": unit_form(order.lang, unit, num, template["form"]),
            "annex": unit_form(order.lang, "annex", annex_num, "nominative"),
            "clause": _fill(t["clause"], parts),
            "old": old,
            "new": new,
        },
    )
    return f"{t['label']} {_capitalize(text)}"
