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
from pathlib import Path
from typing import Any

from consolidate.errors import ApplyError, InputError
from consolidate.labels import print_date
from consolidate.model.act import AppliedOrder
from consolidate.model.amendment import Amendment, OrderMeta
from consolidate.model.tree import Applied

KEYS = ("label", "abbreviations", "item", "clause", "eif_subject", "act_by", "act_of", "issuer_of", "actions", "units")
PLACEHOLDERS = {"unit", "annex", "issuer", "items", "act_by", "act_of", "clause", "old", "new", "parent"}


@cache
def _templates(lang: str) -> dict[str, Any]:
    """The templates of one language, checked as they are loaded: a wrong data file fails
    on its first use with the key at fault, never with a half-filled note."""
    data = tomllib.loads(resources.files("consolidate.data").joinpath("notes.toml").read_text("utf-8"))
    t = data[lang]
    missing = [key for key in KEYS if key not in t]
    if missing:
        raise ValueError(f"notes.toml [{lang}]: missing {', '.join(missing)}")
    re.compile(t["eif_subject"])
    for table in ("act_by", "act_of"):
        for word, forms in t[table].items():
            if not (isinstance(forms, list) and len(forms) == 2 and all(forms)):
                raise ValueError(f"notes.toml [{lang}.{table}] {word}: two forms expected (one act, several)")
    if set(t["act_by"]) != set(t["act_of"]) or not set(t["issuer_of"]) <= set(t["act_by"]):
        raise ValueError(f"notes.toml [{lang}]: act_by, act_of and issuer_of name different kinds of act")
    for name, action in t["actions"].items():
        for key in ("text", "several"):
            used = set(re.findall(r"{(\w+)}", action.get(key, "")))
            unknown = ", ".join(sorted(used - PLACEHOLDERS))
            if unknown:
                raise ValueError(f"notes.toml [{lang}.actions] {name}: unknown placeholder {unknown}")
        if action["form"] not in ("nominative", "instrumental", "dative", "repealed", "parent"):
            raise ValueError(f"notes.toml [{lang}.actions] {name}: unknown form {action['form']!r}")
    return t


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


def missing(order: NoteOrder) -> list[str]:
    """What a note on this act would print empty: its number, its date of signing, the
    words for its kind of act, its issuer. A note is never written with an empty field."""
    t = _templates(order.lang)
    gaps = [name for name, value in (("number", order.number), ("date", order.date)) if not (value or "").strip()]
    if order.act_word not in t["act_by"]:
        gaps.append(f"the note wording for an act named «{order.act_word}» (notes.toml [{order.lang}] act_by)")
    elif order.act_word not in t["issuer_of"] and not order.issuer.strip():
        gaps.append("issuer")
    return gaps


def _parts(orders: list[NoteOrder]) -> dict[str, str]:
    """The pieces a note names its amending orders with (one issuer, one or more orders)."""
    first = orders[0]
    t = _templates(first.lang)
    for order in orders:
        gaps = missing(order)
        if gaps:
            named = f"{order.act_word} № {order.number or '?'} of {order.date or '?'}"
            raise ApplyError(f"no note can name {named}: it has no {', '.join(gaps)}")
    issuer = t["issuer_of"].get(first.act_word, first.issuer)
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
    return {
        "issuer": issuer,
        "items": items,
        "act_by": t["act_by"][first.act_word][plural],
        "act_of": t["act_of"][first.act_word][plural],
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
        template.get("several", template["text"]) if len(orders) > 1 else template["text"],
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


def require_identity(amendment: Amendment) -> None:
    """Refuse, before anything is applied, an act whose notes would print an empty field.

    A law as the reference bank copies it does not print its own number and date (the bank
    shows them in the page's header): they come from `publication.toml` beside its text
    (`number`, `date`). The message says which file to add them to.
    """
    order = NoteOrder.of(amendment.order)
    gaps = missing(order)
    if not gaps:
        return
    keys = [key for key in ("number", "date") if key in gaps]
    origin = Path(amendment.origin) if amendment.origin else None
    if not keys:
        raise ApplyError(f"no note can name it: it has no {', '.join(gaps)}", where=str(origin or order.number))
    what = " and ".join({"number": 'number = "…"', "date": 'date = "YYYY-MM-DD"'}[key] for key in keys)
    named = " and ".join({"number": "number", "date": "date of signing"}[key] for key in keys)
    named += " are" if len(keys) > 1 else " is"
    if origin is not None and origin.is_dir():
        raise InputError(f"its {named} not in its text: add {what} to {origin / 'publication.toml'}",
                         where=str(origin))  # fmt: skip
    where = str(origin) if origin is not None else f"«{amendment.order.title[:60]}»"
    raise InputError(
        f"its {named} not in its text: put the text in a folder with a publication.toml holding {what}",
        where=where,
    )


def same_issuer(a: NoteOrder, b: NoteOrder) -> bool:
    """Whether one note may name both acts: the same kind of act by the same issuer, as
    the note prints it (every law is the Republic's, whoever signed it)."""
    if (a.lang, a.act_word) != (b.lang, b.act_word):
        return False
    fixed = _templates(a.lang)["issuer_of"]
    return fixed.get(a.act_word, a.issuer) == fixed.get(b.act_word, b.issuer)
