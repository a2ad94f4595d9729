"""Kazakhstan's working days: the `holidays` package plus a local override table.

Orders say "ten working days after first publication", so the day an order comes into force
depends on which days are working days. The `holidays` package (country "KZ") knows the
public holidays, the days off that replace holidays falling on a weekend ("observed" days)
and the government's transfers of days off up to 2025. It does not know transfers decided
later, and it only estimates the date of Kurban ait, which the government fixes every year.
Those facts live in a data file, consolidate/data/calendar_kz.toml, so a publisher can add a
government resolution without touching code (format in docs/time.md).

A day is a working day when:

1. the override table lists it under `working_day` (a working Saturday, or the package's
   estimated Kurban ait when the official date differs) -> working;
2. the override table lists it under `day_off` (a transferred day off, the official Kurban
   ait) -> not working;
3. otherwise `holidays`' own `is_working_day()`, which also knows its transferred weekend
   working days (2025-01-05). `d not in kz` would not: it ignores working weekends.
"""

from __future__ import annotations

import importlib.util
import sys
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from consolidate.errors import InputError

COUNTRY = "KZ"
COUNTRY_MODULE = "kazakhstan"
"""The `holidays` module of COUNTRY, under holidays/countries/."""
_PRIVATE_NAME = "_consolidate_holidays_kz"
OVERRIDES_FILE = Path(__file__).resolve().parents[1] / "data" / "calendar_kz.toml"
"""The override table shipped with the tool."""

_KINDS = ("day_off", "working_day")
_ENTRY_KEYS = frozenset({"date", "reason", "source"})


@dataclass(frozen=True)
class Override:
    """One day the override table changes, with why (the resolution) and where it says so."""

    day: date
    reason: str
    source: str = ""


@dataclass(frozen=True)
class Overrides:
    """The override table: extra days off and extra working days, each keyed by its date."""

    days_off: Mapping[date, Override] = field(default_factory=dict)
    working_days: Mapping[date, Override] = field(default_factory=dict)


def load_overrides(path: Path | None = None) -> Overrides:
    """Read an override table; `path` defaults to the shipped one (tests pass their own).

    Every mistake is an `InputError` naming the file: a silently ignored entry would move an
    entry-into-force date without anyone noticing.
    """
    path = OVERRIDES_FILE if path is None else Path(path)
    where = str(path)
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise InputError(f"cannot read the calendar override table: {exc.strerror or exc}", where=where) from exc
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"the calendar override table is not valid TOML: {exc}", where=where) from exc
    unknown = sorted(set(data) - set(_KINDS))
    if unknown:
        raise InputError(f"unknown key(s) {', '.join(unknown)}; expected [[day_off]] or [[working_day]]", where=where)
    tables = {kind: _entries(data.get(kind, []), kind, where) for kind in _KINDS}
    both = sorted(set(tables["day_off"]) & set(tables["working_day"]))
    if both:
        raise InputError(f"{both[0].isoformat()} is listed both as a day off and as a working day", where=where)
    return Overrides(days_off=tables["day_off"], working_days=tables["working_day"])


def _entries(raw: Any, kind: str, where: str) -> dict[date, Override]:
    """The entries of one `[[day_off]]` / `[[working_day]]` array, checked one by one."""
    if not isinstance(raw, list):
        raise InputError(f"{kind} must be an array of tables ([[{kind}]])", where=where)
    out: dict[date, Override] = {}
    for i, entry in enumerate(raw, start=1):
        at = f"{where}: {kind} #{i}"
        if not isinstance(entry, dict):
            raise InputError("an entry must be a table with date, reason and source", where=at)
        extra = sorted(set(entry) - _ENTRY_KEYS)
        if extra:
            raise InputError(f"unknown key(s) {', '.join(extra)}", where=at)
        day = entry.get("date")
        # TOML has its own date type (date = 2026-01-09, unquoted); a datetime or a string is a typo.
        if not isinstance(day, date) or isinstance(day, datetime):
            raise InputError(f"date must be a TOML date such as 2026-01-09 (unquoted), not {day!r}", where=at)
        reason = entry.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            raise InputError("reason is required (which resolution or decision, and what it moves)", where=at)
        source = entry.get("source", "")
        if not isinstance(source, str):
            raise InputError("source must be a string (a link or a citation)", where=at)
        if day in out:
            raise InputError(f"{day.isoformat()} is listed twice", where=at)
        out[day] = Override(day=day, reason=reason.strip(), source=source.strip())
    return out


class WorkingCalendar:
    """Kazakhstan's working days with an override table applied.

    The days off of a year are computed once, on first use, and kept: counting working days
    is then one set lookup per day, so `add_working_days` is linear in the days it walks.
    """

    def __init__(self, overrides: Overrides | None = None) -> None:
        self.overrides = overrides if overrides is not None else Overrides()
        self._days_off: dict[int, frozenset[date]] = {}

    def days_off(self, year: int) -> frozenset[date]:
        """Every day of `year` that is not a working day (weekends, holidays, transfers)."""
        cached = self._days_off.get(year)
        if cached is None:
            cached = self._compute_days_off(year)
            self._days_off[year] = cached
        return cached

    def _compute_days_off(self, year: int) -> frozenset[date]:
        kz = kazakhstan_holidays(year)
        day, end = date(year, 1, 1), date(year, 12, 31)
        off: set[date] = set()
        while day <= end:
            if not kz.is_working_day(day):
                off.add(day)
            day += timedelta(days=1)
        off |= {d for d in self.overrides.days_off if d.year == year}
        off -= {d for d in self.overrides.working_days if d.year == year}
        return frozenset(off)

    def is_working_day(self, day: date) -> bool:
        """True on a working day of a five-day week in Kazakhstan."""
        return day not in self.days_off(day.year)

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after `start`, not counting `start` itself (n = 0: `start`).

        `start` is the day the period runs from (the day of publication); it does not count
        even when it is a working day, since a period "after the day of" begins the next day.
        """
        if n < 0:
            raise ValueError(f"a number of working days cannot be negative: {n}")
        day, counted = start, 0
        while counted < n:
            day += timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
        return day

    @staticmethod
    def add_calendar_days(start: date, n: int) -> date:
        """The n-th calendar day after `start` (weekends and holidays count)."""
        if n < 0:
            raise ValueError(f"a number of calendar days cannot be negative: {n}")
        return start + timedelta(days=n)


@cache
def _kazakhstan_class() -> Any:
    """The `holidays` package's calendar of Kazakhstan, loaded without the other countries.

    Why: `holidays.country_holidays("KZ")`, and even `from holidays.countries.kazakhstan
    import Kazakhstan`, first run `holidays/countries/__init__.py`, which imports every
    one of its ~250 countries: about 0.1 s of CPU in each process that counts a working
    day, a sixth of a whole `consolidate apply` of the seed. The Kazakhstan module is
    loaded here from its file under a private module name (importlib's recipe for
    importing a source file directly); it imports only the package's shared parts. If
    the package was already imported the usual way, or its layout changes, the registry
    is used as before.
    """
    import holidays

    module = sys.modules.get(f"holidays.countries.{COUNTRY_MODULE}") or sys.modules.get(_PRIVATE_NAME)
    if module is None:
        path = Path(holidays.__file__).resolve().parent / "countries" / f"{COUNTRY_MODULE}.py"
        spec = importlib.util.spec_from_file_location(_PRIVATE_NAME, path)
        if spec is None or spec.loader is None or not path.is_file():
            return lambda years: holidays.country_holidays(COUNTRY, years=years)
        module = importlib.util.module_from_spec(spec)
        sys.modules[_PRIVATE_NAME] = module
        try:
            spec.loader.exec_module(module)
        except Exception:
            del sys.modules[_PRIVATE_NAME]
            return lambda years: holidays.country_holidays(COUNTRY, years=years)
    return module.Kazakhstan


def kazakhstan_holidays(year: int) -> Any:
    """The `holidays` calendar of Kazakhstan for `year` (as `holidays.country_holidays("KZ")`)."""
    return _kazakhstan_class()(years=year)


@lru_cache(maxsize=1)
def default_calendar() -> WorkingCalendar:
    """The calendar with the shipped override table, built once per process."""
    return WorkingCalendar(load_overrides())


def is_working_day(day: date) -> bool:
    """True on a working day, by the default calendar (package + shipped overrides)."""
    return default_calendar().is_working_day(day)


def add_working_days(start: date, n: int) -> date:
    """The n-th working day after `start`, by the default calendar."""
    return default_calendar().add_working_days(start, n)


def add_calendar_days(start: date, n: int) -> date:
    """The n-th calendar day after `start`."""
    return WorkingCalendar.add_calendar_days(start, n)
