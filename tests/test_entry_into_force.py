"""The day an order comes into force, checked against dates counted by hand.

The rule (docs/time.md): "N days after the day of first official publication … өткен соң /
по истечении" — the period runs from the day after publication; its last day is the N-th
working/calendar day after publication; the order comes into force the NEXT day.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from consolidate.errors import ConsolidateError
from consolidate.model.amendment import ActRef, EntryIntoForce, OrderMeta
from consolidate.parse.grammar import grammar
from consolidate.parse.order import read_entry_into_force
from consolidate.timeline import entry_into_force
from consolidate.timeline.calendar import WorkingCalendar, load_overrides
from consolidate.timeline.entry_into_force import LAST_DAY_OF_PERIOD, in_force_date, order_in_force_date

KK_WORKING_10 = "Осы бұйрық алғашқы ресми жарияланған күнінен кейін он жұмыс күні өткен соң қолданысқа енгізіледі."
KK_CALENDAR_10 = (
    "Осы бұйрық алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі."
)
RU_CALENDAR_10 = (
    "Настоящий приказ вводится в действие по истечении десяти календарных дней после дня его первого "
    "официального опубликования."
)
SIGNED = date(2026, 1, 1)  # signing does not matter unless the rule counts from it


def working(days: int, text: str = KK_WORKING_10) -> EntryIntoForce:
    return EntryIntoForce(kind="working", days=days, text=text)


def calendar(days: int, text: str = KK_CALENDAR_10) -> EntryIntoForce:
    return EntryIntoForce(kind="calendar", days=days, text=text)


def test_ten_working_days_over_nauryz_2026() -> None:
    # Published Fri 2026-03-20. Skipped: 21-22 (Nauryz on Sat/Sun), 23 Mon (Nauryz), 24 Tue,
    # 25 Wed (obs.), weekends 28-29 March and 4-5 April. 10th working day Wed 8 April (counted in
    # test_calendar); the period has run out at its end: in force Thu 9 April.
    assert in_force_date(working(10), date(2026, 3, 20), SIGNED) == date(2026, 4, 9)


def test_seed_order_192_published_2026_05_20() -> None:
    # The seed's rule: ten working days. Published Wed 2026-05-20. Counted: 21 Thu 1, 22 Fri 2,
    # (23-24 weekend) 25 Mon 3, 26 Tue 4, (27 Wed Kurban ait — the package's ESTIMATE; the DUMK
    # calendar also says 27 May) 28 Thu 5, 29 Fri 6, (30-31 weekend) 1 Jun Mon 7, 2 Tue 8,
    # 3 Wed 9, 4 Thu 10. In force Fri 5 June 2026.
    assert in_force_date(working(10), date(2026, 5, 20), date(2026, 5, 12)) == date(2026, 6, 5)


def test_seed_rule_from_the_parser() -> None:
    rule = read_entry_into_force(KK_WORKING_10, grammar("kk"), "test")
    assert (rule.kind, rule.days) == ("working", 10)
    assert in_force_date(rule, date(2026, 5, 20), date(2026, 5, 12)) == date(2026, 6, 5)


def test_transferred_day_off_2025() -> None:
    # Published Tue 2024-12-31. Skipped: 1-2 Jan (New Year), 3 Fri (day off moved from Sun 5 Jan),
    # 4 Sat, 7 Tue (Christmas), 11-12 weekend. Counted: 5 SUN 1 (a working day in 2025), 6 Mon 2,
    # 8 3, 9 4, 10 5, 13 6, 14 7, 15 8, 16 9, 17 Fri 10. In force Sat 18 January 2025 (an order can
    # come into force on a weekend; only the period is counted in working days).
    assert in_force_date(working(10), date(2024, 12, 31), SIGNED) == date(2025, 1, 18)


def test_calendar_days_across_month_end() -> None:
    # Published 2026-01-25: 26-31 Jan (6) + 1-4 Feb (4) = 10; period ends 4 Feb, in force 5 Feb.
    assert in_force_date(calendar(10), date(2026, 1, 25), SIGNED) == date(2026, 2, 5)


def test_calendar_days_across_year_end_russian_wording() -> None:
    # Published 2026-12-25: 26-31 Dec (6) + 1-4 Jan (4) = 10; period ends 4 Jan 2027 (a holiday,
    # obs. for 2 Jan: it does not matter for calendar days), in force 5 Jan 2027.
    rule = read_entry_into_force(RU_CALENDAR_10, grammar("ru"), "test")
    assert (rule.kind, rule.days) == ("calendar", 10)
    assert in_force_date(rule, date(2026, 12, 25), SIGNED) == date(2027, 1, 5)


def test_sixty_calendar_days() -> None:
    # Published 2026-03-01: March 31 days -> the 31st day after is 1 April; the 60th is 30 April.
    # In force 1 May 2026 (a holiday: calendar days do not care).
    assert in_force_date(calendar(60), date(2026, 3, 1), SIGNED) == date(2026, 5, 1)


def test_working_days_across_year_end_2026_2027() -> None:
    # Published Mon 2026-12-28: 29 Tue 1, 30 2, 31 Thu 3, (1 Fri, 2 Sat New Year, 3 Sun, 4 Mon obs.)
    # 5 Tue 4, 6 Wed 5. Five working days end 6 Jan 2027, in force 7 Jan (Orthodox Christmas).
    assert in_force_date(working(5, "… бес жұмыс күні өткен соң …"), date(2026, 12, 28), SIGNED) == date(2027, 1, 7)


def test_on_the_day_of_publication() -> None:
    text = "Осы бұйрық алғашқы ресми жарияланған күнінен бастап қолданысқа енгізіледі."
    rule = read_entry_into_force(text, grammar("kk"), "test")
    assert rule.kind == "on"
    assert in_force_date(rule, date(2026, 3, 21), SIGNED) == date(2026, 3, 21)  # a holiday: still that day


def test_fixed_date() -> None:
    rule = read_entry_into_force("Осы бұйрық 2026 жылғы 1 қазаннан бастап қолданысқа енгізіледі.", grammar("kk"), "t")
    assert (rule.kind, rule.date) == ("date", "2026-10-01")
    assert in_force_date(rule, None, SIGNED) == date(2026, 10, 1)  # publication not needed
    assert in_force_date(rule, date(2026, 9, 1), SIGNED) == date(2026, 10, 1)


def test_from_signing() -> None:
    rule = EntryIntoForce(kind="on", after="signing", text="вводится в действие со дня его подписания")
    assert in_force_date(rule, None, date(2026, 5, 12)) == date(2026, 5, 12)


@pytest.mark.parametrize("rule", [working(10), calendar(10), EntryIntoForce(kind="on")])
def test_unknown_publication_gives_none(rule: EntryIntoForce) -> None:
    assert in_force_date(rule, None, SIGNED) is None


def test_day_after_publication_is_not_a_period() -> None:
    # "вводится в действие после дня его первого официального опубликования": no period runs
    # out, so the order applies the day after publication, whatever the period reading.
    text = "Настоящий приказ вводится в действие после дня его первого официального опубликования."
    rule = read_entry_into_force(text, grammar("ru"), "test")
    assert (rule.kind, rule.days) == ("next_day", 0)
    assert in_force_date(rule, date(2026, 1, 25), SIGNED) == date(2026, 1, 26)
    kk = "Осы бұйрық алғашқы ресми жарияланған күнінен кейін қолданысқа енгізіледі."
    assert read_entry_into_force(kk, grammar("kk"), "test").kind == "next_day"


def test_a_period_counts_from_the_day_after_publication() -> None:
    assert in_force_date(EntryIntoForce(kind="calendar", days=10), date(2026, 1, 25), SIGNED) == date(2026, 2, 5)


def test_other_reading_is_one_constant(monkeypatch: pytest.MonkeyPatch) -> None:
    # In force ON the N-th day: one day earlier than the default reading.
    monkeypatch.setattr(entry_into_force, "PERIOD_READING", LAST_DAY_OF_PERIOD)
    assert in_force_date(working(10), date(2026, 3, 20), SIGNED) == date(2026, 4, 8)
    assert in_force_date(calendar(10, RU_CALENDAR_10), date(2026, 1, 25), SIGNED) == date(2026, 2, 4)


def test_override_table_changes_the_result(tmp_path: Path) -> None:
    # Published Wed 2026-05-20 (default: in force 5 June, see above).
    # A day off on Mon 1 June pushes the 10th working day from Thu 4 to Fri 5 June: in force Sat 6 June.
    # A working Saturday 23 May pulls it back by one: 10th working day Thu 4 June, in force Fri 5 June.
    path = tmp_path / "calendar.toml"
    path.write_text('[[day_off]]\ndate = 2026-06-01\nreason = "test transfer"\n', encoding="utf-8")
    cal = WorkingCalendar(load_overrides(path))
    assert in_force_date(working(10), date(2026, 5, 20), SIGNED, calendar=cal) == date(2026, 6, 6)
    path.write_text(
        '[[day_off]]\ndate = 2026-06-01\nreason = "test transfer"\n'
        '[[working_day]]\ndate = 2026-05-23\nreason = "test working Saturday"\n',
        encoding="utf-8",
    )
    cal = WorkingCalendar(load_overrides(path))
    assert in_force_date(working(10), date(2026, 5, 20), SIGNED, calendar=cal) == date(2026, 6, 5)


def test_order_in_force_date_reads_iso_strings() -> None:
    order = OrderMeta(
        number="192", date="2026-05-12", lang="kk", title="", issuer="", amends=ActRef("550", "2025-12-18"),
        entry_into_force=working(10), first_publication="2026-03-20",
    )  # fmt: skip
    assert order_in_force_date(order) == date(2026, 4, 9)
    assert order_in_force_date(OrderMeta(**{**order.__dict__, "first_publication": None})) is None


@pytest.mark.parametrize(
    "rule",
    [
        EntryIntoForce(kind="weeks", days=2),
        EntryIntoForce(kind="date", after="date"),
        EntryIntoForce(kind="date", after="date", date="1 October 2026"),
        EntryIntoForce(kind="working", days=10, after="registration"),
        EntryIntoForce(kind="working", days=-1),
    ],
)
def test_bad_rules_are_errors(rule: EntryIntoForce) -> None:
    with pytest.raises(ConsolidateError):
        in_force_date(rule, date(2026, 1, 1), SIGNED)
