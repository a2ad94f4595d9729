"""Start-up cost: what a process that counts working days must not import, and that the
lighter way of loading Kazakhstan's holidays gives the very same days.

Run in a fresh interpreter, because the test session itself may already have imported
the whole `holidays` package (which would make the comparison trivially true).
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT

PROBE = """
import json, sys
from datetime import date, timedelta
from consolidate.timeline.calendar import WorkingCalendar, add_working_days, kazakhstan_holidays

in_force = add_working_days(date(2026, 5, 20), 10)
light = {y: sorted(d.isoformat() for d in kazakhstan_holidays(y)) for y in range(2015, 2031)}
light_off = {y: sorted(d.isoformat() for d in WorkingCalendar().days_off(y)) for y in range(2015, 2031)}
loaded_all = "holidays.countries" in sys.modules

import holidays  # now the usual way, every country
usual = {y: sorted(d.isoformat() for d in holidays.country_holidays("KZ", years=y)) for y in range(2015, 2031)}
usual_off = {}
for y in range(2015, 2031):
    kz, day, off = holidays.country_holidays("KZ", years=y), date(y, 1, 1), []
    while day.year == y:
        if not kz.is_working_day(day):
            off.append(day.isoformat())
        day += timedelta(days=1)
    usual_off[y] = off
print(json.dumps({"in_force": in_force.isoformat(), "loaded_all": loaded_all, "same": light == usual,
                  "same_off": light_off == usual_off, "holidays_2026": light[2026]}))
"""


def probe() -> dict:
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_kazakhstan_holidays_without_every_country() -> None:
    result = probe()
    assert result["loaded_all"] is False
    assert result["same"] is True
    assert result["same_off"] is True
    # ten working days after 2026-05-20: 21, 22, 25, 26, (27 is Kurban ait) 28, 29 May, 1-4 June
    assert result["in_force"] == "2026-06-04"
    assert {"2026-03-08", "2026-05-27", "2026-12-16"} <= set(result["holidays_2026"])


def test_importing_the_command_line_loads_no_exporter() -> None:
    """`consolidate --help` or `parse` must not pay for Word, Jinja or the calendar."""
    code = "import sys, consolidate.cli; print(sorted(m for m in ('docx', 'jinja2', 'holidays', 'lxml') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
