"""Shift calendar: planned busy time with breaks, stops, holidays, midnight and DST."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deungdae.sectors.manufacturing.shifts import (
    PlannedStop,
    ShiftCalendar,
    ShiftConfigError,
)

SEOUL = ZoneInfo("Asia/Seoul")
BERLIN = ZoneInfo("Europe/Berlin")
MIN = 60_000
H = 60 * MIN


def ms(tz, *a) -> int:
    return int(dt.datetime(*a, tzinfo=tz).timestamp() * 1000)


CAL = {
    "timezone": "Asia/Seoul",
    "holidays": ["2025-12-25"],
    "shifts": [
        {"name": "day", "start": "08:00", "end": "17:00", "weekdays": [0, 1, 2, 3, 4],
         "breaks": [{"start": "12:00", "end": "13:00"}]},
        {"name": "night", "start": "22:00", "end": "06:00", "weekdays": [0, 1, 2, 3, 4],
         "breaks": [{"start": "02:00", "end": "02:30"}]},
    ],
}


def test_day_shift_minus_break_and_planned_stop():
    cal = ShiftCalendar.parse(CAL)
    # Tue 2025-11-25 07:00–20:00 (after Monday's night shift): day shift 9 h − 1 h lunch
    # = 8 h
    day = (ms(SEOUL, 2025, 11, 25, 7), ms(SEOUL, 2025, 11, 25, 20))
    assert cal.planned_busy_ms(*day) == 8 * H
    # a planned stop 15:30–16:15 (45 min) and one overlapping lunch 12:30–13:30: the lunch
    # half hour is not cut twice -> 8 h − 45 min − 30 min = 6 h 45 min
    cal2 = cal.with_stops([PlannedStop(ms(SEOUL, 2025, 11, 25, 15, 30),
                                       ms(SEOUL, 2025, 11, 25, 16, 15), "PM"),
                           PlannedStop(ms(SEOUL, 2025, 11, 25, 12, 30),
                                       ms(SEOUL, 2025, 11, 25, 13, 30))])
    assert cal2.planned_busy_ms(*day) == 6 * H + 45 * MIN


def test_night_shift_crosses_midnight():
    cal = ShiftCalendar.parse(CAL)
    # night from Tue 22:00 to Wed 06:00 = 8 h − 30 min break = 7 h 30 min
    night = cal.instances(ms(SEOUL, 2025, 11, 25, 22), ms(SEOUL, 2025, 11, 26, 6))
    assert [(i.name, i.day) for i in night] == [("night", dt.date(2025, 11, 25))]
    assert cal.planned_busy_ms(ms(SEOUL, 2025, 11, 25, 21), ms(SEOUL, 2025, 11, 26, 7)) \
        == 7 * H + 30 * MIN
    # only the part after midnight: 00:00–06:00 minus the break = 5 h 30 min
    assert cal.planned_busy_ms(ms(SEOUL, 2025, 11, 26), ms(SEOUL, 2025, 11, 26, 7)) \
        == 5 * H + 30 * MIN
    assert cal.shift_at(ms(SEOUL, 2025, 11, 26, 3)).name == "night"


def test_holidays_and_weekend():
    cal = ShiftCalendar.parse(CAL)
    # Thu 2025-12-25 is a holiday: no day shift and no night shift starting that day;
    # the night shift from Wed 24th runs until 06:00 of the 25th: 6 h... of it, minus
    # break 02:00–02:30 = 5.5 h within the 25th
    d25 = (ms(SEOUL, 2025, 12, 25), ms(SEOUL, 2025, 12, 26))
    assert cal.planned_busy_ms(*d25) == 5 * H + 30 * MIN
    # Sunday 2025-11-30: nothing starts; Sat 29th's night shift does not exist either
    assert cal.planned_busy_ms(ms(SEOUL, 2025, 11, 30), ms(SEOUL, 2025, 12, 1)) == 0


def test_dst_night_shift_is_real_hours():
    raw = {"timezone": "Europe/Berlin",
           "shifts": [{"name": "night", "start": "22:00", "end": "06:00"}]}
    cal = ShiftCalendar.parse(raw)
    # 2025-03-30 clocks go 02:00 -> 03:00 in Berlin: the night of 29th→30th lasts 7 h
    spring = cal.instances(ms(BERLIN, 2025, 3, 29, 21), ms(BERLIN, 2025, 3, 30, 7))
    assert [(i.end_ms - i.start_ms) // H for i in spring] == [7]
    # 2025-10-26 clocks go 03:00 -> 02:00: the night of 25th→26th lasts 9 h
    autumn = cal.instances(ms(BERLIN, 2025, 10, 25, 21), ms(BERLIN, 2025, 10, 26, 7))
    assert [(i.end_ms - i.start_ms) // H for i in autumn] == [9]


def test_config_errors_name_the_key():
    with pytest.raises(ShiftConfigError, match=r"calendar.shifts\[0\].start"):
        ShiftCalendar.parse({"timezone": "Asia/Seoul",
                             "shifts": [{"name": "a", "start": "8", "end": "17:00"}]})
    with pytest.raises(ShiftConfigError, match="timezone"):
        ShiftCalendar.parse({"timezone": "Mars/Base", "shifts": []})
    with pytest.raises(ShiftConfigError, match=r"breaks\[0\]: break must lie inside"):
        ShiftCalendar.parse({"timezone": "Asia/Seoul", "shifts": [
            {"name": "a", "start": "08:00", "end": "12:00",
             "breaks": [{"start": "13:00", "end": "13:30"}]}]})


@given(a=st.integers(0, 14 * 24 * 60), b=st.integers(0, 14 * 24 * 60),
       c=st.integers(0, 14 * 24 * 60))
def test_planned_busy_time_is_additive(a, b, c):
    lo, mid, hi = sorted((a, b, c))
    cal = ShiftCalendar.parse(CAL)
    base = ms(SEOUL, 2025, 12, 15)
    t = [base + x * MIN for x in (lo, mid, hi)]
    assert cal.planned_busy_ms(t[0], t[2]) == (cal.planned_busy_ms(t[0], t[1])
                                               + cal.planned_busy_ms(t[1], t[2]))
