"""Dates an order depends on: Kazakhstan's working days and the day an order comes into force.

`calendar` answers "is this a working day" from the `holidays` package plus a local override
table (consolidate/data/calendar_kz.toml); `entry_into_force` turns an order's
entry-into-force rule and its first publication into a date. See docs/time.md.
"""

from consolidate.timeline.calendar import (
    Override,
    Overrides,
    WorkingCalendar,
    add_calendar_days,
    add_working_days,
    default_calendar,
    is_working_day,
    load_overrides,
)
from consolidate.timeline.entry_into_force import in_force_date, order_in_force_date

__all__ = [
    "Override",
    "Overrides",
    "WorkingCalendar",
    "add_calendar_days",
    "add_working_days",
    "default_calendar",
    "in_force_date",
    "is_working_day",
    "load_overrides",
    "order_in_force_date",
]
