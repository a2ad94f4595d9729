"""The day an order comes into force, from its entry-into-force rule.

The usual clause gives a period after the day of first official publication that must run
out before the order applies:

    "алғашқы ресми жарияланған күнінен кейін он жұмыс күні өткен соң қолданысқа енгізіледі"
    "вводится в действие по истечении десяти календарных дней после дня его первого
     официального опубликования"

Read (docs/time.md): the period begins the day after publication; its last day is the N-th
working (or calendar) day after publication; the order comes into force on the next day,
once the period has "run out" (өткен соң / по истечении). The other reading, in force ON the
N-th day, is one constant away (`PERIOD_READING`), so a publisher who finds the reference
bank counting differently can switch it in one place.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Final

from consolidate.errors import ConsolidateError
from consolidate.limits import MAX_DAYS, MAX_YEAR, MIN_YEAR, limit_error
from consolidate.model.amendment import EntryIntoForce, OrderMeta
from consolidate.timeline.calendar import WorkingCalendar, default_calendar

DAY_AFTER_PERIOD: Final = "day_after_period"
"""In force on the day after the period's last day (the N-th day after publication + 1)."""
LAST_DAY_OF_PERIOD: Final = "last_day_of_period"
"""In force on the period's last day itself (the N-th day after publication)."""

PERIOD_READING: str = DAY_AFTER_PERIOD
"""THE choice of reading for "N days after the day of first publication ... өткен соң /
по истечении". Switch to LAST_DAY_OF_PERIOD to move every such date one day earlier."""

_DAY_KINDS = ("working", "calendar")


def in_force_date(
    rule: EntryIntoForce,
    first_publication: date | None,
    signed: date | None,
    *,
    calendar: WorkingCalendar | None = None,
) -> date | None:
    """The day the order comes into force, or None when it depends on an unknown publication.

    - "date": the fixed date of the rule (publication not needed);
    - "on": the day the rule counts from (first publication, or signing if `after` says so);
    - "next_day": the day after it ("вводится в действие после дня его первого официального
      опубликования" — no period runs out, so the period reading does not apply);
    - "working" / "calendar": the `rule.days`-th working / calendar day after that day, then
      one more calendar day under the DAY_AFTER_PERIOD reading (an order may come into
      force on a weekend: only the period is counted in working days).

    `calendar` defaults to the shipped one; tests pass a calendar with their own overrides.
    """
    if rule.kind == "unstated":
        return None  # a law that says nothing of its entry into force: never guessed
    if rule.kind == "date":
        if not rule.date:
            raise ConsolidateError("an entry-into-force rule of kind 'date' without its date")
        try:
            return date.fromisoformat(rule.date)
        except ValueError as exc:
            raise ConsolidateError(f"entry-into-force date {rule.date!r} is not an ISO date") from exc
    if rule.kind not in ("on", "next_day") and rule.kind not in _DAY_KINDS:
        raise ConsolidateError(f"unknown entry-into-force kind {rule.kind!r}")
    start = _counted_from(rule, first_publication, signed)
    if start is None:
        return None
    if not MIN_YEAR <= start.year <= MAX_YEAR:
        years = f"{MIN_YEAR}–{MAX_YEAR}"
        raise ConsolidateError(f"the order is counted from {start.isoformat()}, outside the years {years}")
    if rule.kind == "on":
        return start
    if rule.kind == "next_day":
        return start + timedelta(days=1)
    if not 0 <= rule.days <= MAX_DAYS:
        raise limit_error("MAX_DAYS", f"an entry-into-force period of {rule.days} days", "days")
    if PERIOD_READING not in (DAY_AFTER_PERIOD, LAST_DAY_OF_PERIOD):
        raise ConsolidateError(f"unknown PERIOD_READING {PERIOD_READING!r}")
    cal = calendar if calendar is not None else default_calendar()
    count = cal.add_working_days if rule.kind == "working" else cal.add_calendar_days
    last = count(start, rule.days)
    return last + timedelta(days=1) if PERIOD_READING == DAY_AFTER_PERIOD else last


def order_in_force_date(order: OrderMeta, *, calendar: WorkingCalendar | None = None) -> date | None:
    """`in_force_date` for an order as the model keeps it (ISO strings for its dates)."""
    published = date.fromisoformat(order.first_publication) if order.first_publication else None
    signed = date.fromisoformat(order.date) if order.date else None
    return in_force_date(order.entry_into_force, published, signed, calendar=calendar)


def _counted_from(rule: EntryIntoForce, first_publication: date | None, signed: date | None) -> date | None:
    """The day the rule counts from: first publication or signing (None if unknown)."""
    if rule.after == "first_publication":
        return first_publication
    if rule.after in ("signing", "signature"):
        return signed
    raise ConsolidateError(f"entry-into-force rule counted from {rule.after!r}: expected first_publication or signing")
