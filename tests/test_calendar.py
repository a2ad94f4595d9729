"""Kazakhstan's working days, checked against dates counted by hand.

Every expected date below was counted on a paper calendar; the comments list the days
skipped and why. "obs." = observed day off for a holiday that fell on a weekend (Labour Code:
moved to the next working day; not for Orthodox Christmas and Kurban ait).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from consolidate.errors import InputError
from consolidate.timeline.calendar import (
    OVERRIDES_FILE,
    WorkingCalendar,
    add_calendar_days,
    add_working_days,
    default_calendar,
    is_working_day,
    load_overrides,
)


def calendar_with(tmp_path: Path, text: str) -> WorkingCalendar:
    """A calendar whose override table is `text`, written to a temporary file."""
    path = tmp_path / "calendar.toml"
    path.write_text(text, encoding="utf-8")
    return WorkingCalendar(load_overrides(path))


# --- single days -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2025, 1, 3), False),  # Fri: day off transferred from Sun 5 Jan 2025 (package's 2025 table)
        (date(2025, 1, 5), True),  # Sun: the working Sunday of that transfer (kz.weekend_workdays)
        (date(2025, 1, 4), False),  # Sat: ordinary weekend
        (date(2025, 1, 6), True),  # Mon
        (date(2025, 1, 7), False),  # Tue: Orthodox Christmas
        (date(2025, 3, 10), False),  # Mon: obs. for Women's Day, Sat 8 March
        (date(2026, 3, 23), False),  # Mon: Nauryz (21-23 March)
        (date(2026, 3, 24), False),  # Tue: obs. for Nauryz, Sat 21 March
        (date(2026, 3, 25), False),  # Wed: obs. for Nauryz, Sun 22 March
        (date(2026, 3, 26), True),  # Thu: first working day after Nauryz 2026
        (date(2026, 5, 27), False),  # Wed: Kurban ait, ESTIMATED by the package (DUMK also says 27 May)
        (date(2026, 8, 31), True),  # Mon: no Constitution Day in 2026 in the package (30 Aug -> 15 Mar from 2027)
        (date(2027, 1, 4), False),  # Mon: obs. for New Year, Sat 2 January 2027
        (date(2027, 3, 15), False),  # Mon: Constitution Day on its new date
        (date(2027, 5, 17), True),  # Mon: Kurban ait estimated Sun 16 May 2027, no observed day for it
    ],
)
def test_is_working_day(day: date, working: bool) -> None:
    assert is_working_day(day) is working


def test_shipped_override_table_reads_and_is_consistent() -> None:
    overrides = load_overrides(OVERRIDES_FILE)
    assert not set(overrides.days_off) & set(overrides.working_days)
    assert default_calendar().overrides == overrides


# --- counting working days ---------------------------------------------------------------


def test_ten_working_days_over_nauryz_2026() -> None:
    # From Fri 2026-03-20. Skipped: 21 Sat + 22 Sun (Nauryz on a weekend), 23 Mon (Nauryz),
    # 24 Tue, 25 Wed (obs. for 21 and 22 March), 28-29 and 4-5 April weekends.
    # Counted: 26 Thu 1, 27 Fri 2, 30 Mon 3, 31 Tue 4, 1 Apr 5, 2 Apr 6, 3 Apr 7,
    # 6 Apr 8, 7 Apr 9, 8 Apr 10.
    assert add_working_days(date(2026, 3, 20), 10) == date(2026, 4, 8)


def test_ten_working_days_after_signing_of_order_192() -> None:
    # From Tue 2026-05-12 (11 May, obs. Victory Day, is before). Counted: 13 Wed 1, 14 2, 15 Fri 3,
    # (16-17 weekend) 18 Mon 4, 19 5, 20 6, 21 7, 22 Fri 8, (23-24 weekend) 25 Mon 9, 26 Tue 10.
    assert add_working_days(date(2026, 5, 12), 10) == date(2026, 5, 26)


def test_count_over_the_transferred_day_off_2025() -> None:
    # From Thu 2025-01-02 (New Year). Skipped: 3 Fri (day off transferred from 5 Jan), 4 Sat,
    # 7 Tue (Orthodox Christmas). Counted: 5 SUN 1 (working, the transfer), 6 Mon 2, 8 Wed 3.
    assert add_working_days(date(2025, 1, 2), 3) == date(2025, 1, 8)
    # Had 5 January been counted as an ordinary Sunday, the third day would be Thu 9 January.
    assert add_working_days(date(2025, 1, 2), 3) != date(2025, 1, 9)


def test_working_days_across_year_end_2024_2025() -> None:
    # From Tue 2024-12-31. Skipped: 1-2 Jan (New Year), 3 Fri (transferred), 4 Sat, 7 Tue
    # (Christmas), 11-12 weekend. Counted: 5 Sun 1, 6 Mon 2, 8 Wed 3, 9 4, 10 Fri 5,
    # 13 Mon 6, 14 7, 15 8, 16 9, 17 Fri 10.
    assert add_working_days(date(2024, 12, 31), 10) == date(2025, 1, 17)


def test_working_days_across_year_end_2026_2027() -> None:
    # From Mon 2026-12-28. Counted: 29 Tue 1, 30 Wed 2, 31 Thu 3. Skipped: 1 Jan Fri (New Year),
    # 2 Sat (New Year) + 3 Sun, 4 Mon (obs. for 2 January). Counted: 5 Tue 4, 6 Wed 5.
    assert add_working_days(date(2026, 12, 28), 5) == date(2027, 1, 6)


def test_working_days_over_nauryz_2025() -> None:
    # From Thu 2025-03-20. Skipped: 21 Fri (Nauryz), 22-23 weekend (Nauryz), 24 Mon, 25 Tue
    # (obs. for 22 and 23 March), 29-30 weekend. Counted: 26 Wed 1, 27 2, 28 Fri 3, 31 Mon 4, 1 Apr 5.
    assert add_working_days(date(2025, 3, 20), 5) == date(2025, 4, 1)


def test_working_days_over_constitution_day_and_nauryz_2027() -> None:
    # From Fri 2027-03-12. Skipped: 13-14 weekend, 15 Mon (Constitution Day, new date),
    # 20-21 weekend (21 Sun = Nauryz), 22 Mon, 23 Tue (Nauryz), 24 Wed (obs. for 21 March),
    # 27-28 weekend. Counted: 16 Tue 1, 17 2, 18 3, 19 Fri 4, 25 Thu 5, 26 Fri 6,
    # 29 Mon 7, 30 8, 31 9, 1 Apr 10.
    assert add_working_days(date(2027, 3, 12), 10) == date(2027, 4, 1)


def test_start_day_is_not_counted() -> None:
    # Wed 2026-04-08 is a working day; the first working day after it is Thu 9 April.
    assert add_working_days(date(2026, 4, 8), 1) == date(2026, 4, 9)
    # From Fri 2026-04-10: the weekend is skipped, Mon 13 April.
    assert add_working_days(date(2026, 4, 10), 1) == date(2026, 4, 13)
    assert add_working_days(date(2026, 4, 10), 0) == date(2026, 4, 10)


def test_negative_counts_are_refused() -> None:
    with pytest.raises(ValueError):
        add_working_days(date(2026, 1, 1), -1)
    with pytest.raises(ValueError):
        add_calendar_days(date(2026, 1, 1), -1)


# --- calendar days -----------------------------------------------------------------------


def test_calendar_days_across_month_and_year_end() -> None:
    # 26-31 January = 6 days, 1-4 February = 4 more: the 10th is 4 February.
    assert add_calendar_days(date(2026, 1, 25), 10) == date(2026, 2, 4)
    # 26-31 December = 6 days, 1-4 January = 4 more: the 10th is 4 January 2027.
    assert add_calendar_days(date(2026, 12, 25), 10) == date(2027, 1, 4)
    # 2028 is a leap year: 29 February exists.
    assert add_calendar_days(date(2028, 2, 28), 1) == date(2028, 2, 29)


# --- the override table ------------------------------------------------------------------


def test_override_day_off_and_working_saturday(tmp_path: Path) -> None:
    cal = calendar_with(
        tmp_path,
        """
[[day_off]]
date = 2026-06-01
reason = "test: a transferred day off"

[[working_day]]
date = 2026-05-23
reason = "test: a working Saturday"
source = "none"
""",
    )
    assert not cal.is_working_day(date(2026, 6, 1))
    assert cal.is_working_day(date(2026, 5, 23))
    assert is_working_day(date(2026, 6, 1)) and not is_working_day(date(2026, 5, 23))  # shipped table unchanged


def test_override_moves_kurban_ait(tmp_path: Path) -> None:
    # The official date differs from the estimate: two entries. Wed 27 May becomes a working day,
    # Thu 28 May a day off.
    cal = calendar_with(
        tmp_path,
        """
[[day_off]]
date = 2026-05-28
reason = "test: official Kurban ait"

[[working_day]]
date = 2026-05-27
reason = "test: the package's estimate, not a holiday after all"
""",
    )
    assert cal.is_working_day(date(2026, 5, 27))
    assert not cal.is_working_day(date(2026, 5, 28))
    # From Tue 2026-05-26: 27 Wed 1, (28 off) 29 Fri 2.
    assert cal.add_working_days(date(2026, 5, 26), 2) == date(2026, 5, 29)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[day_off]]\ndate = "2026-01-09"\nreason = "x"\n', "TOML date"),
        ("[[day_off]]\ndate = 2026-01-09T00:00:00\nreason = 'x'\n", "TOML date"),
        ("[[day_off]]\ndate = 2026-01-09\n", "reason is required"),
        ("[[day_off]]\ndate = 2026-01-09\nreason = 'x'\nnote = 'y'\n", "unknown key"),
        ("[[days_off]]\ndate = 2026-01-09\nreason = 'x'\n", "unknown key"),
        ("[[day_off]]\ndate = 2026-01-09\nreason = 'x'\n[[day_off]]\ndate = 2026-01-09\nreason = 'y'\n", "twice"),
        ("[[day_off]]\ndate = 2026-01-09\nreason = 'x'\n[[working_day]]\ndate = 2026-01-09\nreason = 'y'\n", "both"),
        ("day_off = 3\n", "array of tables"),
        ("[[day_off]\n", "not valid TOML"),
    ],
)
def test_bad_override_tables_are_errors(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "calendar.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message) as caught:
        load_overrides(path)
    assert str(path) in str(caught.value)


def test_missing_override_table_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        load_overrides(tmp_path / "absent.toml")


def test_days_off_are_cached_per_year() -> None:
    cal = WorkingCalendar()
    first = cal.days_off(2026)
    assert cal.days_off(2026) is first
    assert date(2026, 3, 24) in first and date(2026, 3, 26) not in first


def test_documented_example_is_a_valid_table(tmp_path: Path) -> None:
    # The format shown in docs/time.md must load (its dates are an example, not a real transfer).
    doc = (Path(__file__).resolve().parents[1] / "docs" / "time.md").read_text(encoding="utf-8")
    example = doc.split("```toml\n", 1)[1].split("```", 1)[0]
    cal = calendar_with(tmp_path, example)
    assert not cal.is_working_day(date(2027, 5, 4))
    assert cal.is_working_day(date(2027, 5, 8))
