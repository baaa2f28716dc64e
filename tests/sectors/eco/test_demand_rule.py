"""The demand incident fires in the right window and not in the windows around it; the
12-month billing peak; the derived channels' readings as the rule makes them."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from deungdae.hardware.reading import Quality, Reading
from deungdae.sectors.api import SiteContext
from deungdae.sectors.eco import config
from deungdae.sectors.eco.rules import (
    BILLING_PEAK,
    DEMAND_KW,
    FORECAST_KW,
    OVER_TARGET,
    WINDOW_END,
    EcoRule,
    derived_all,
)

SEOUL = ZoneInfo("Asia/Seoul")
W0 = int(dt.datetime(2026, 3, 2, 10, 0, tzinfo=SEOUL).timestamp() * 1000)  # a window start
MIN = 60_000


def settings(target: float = 400.0, history: dict | None = None) -> config.Settings:
    s, errs = config.parse({
        "meters": [{"id": "main", "kind": "electricity", "power": "pm.kw",
                    "counter": "pm.kwh", "max_gap_s": 10}],
        "demand": {"meter": "main", "target_kw": target, "warn_after_s": 120,
                   "history_kw": history or {"2025-08": 500.0}}})
    assert not errs, errs
    return s


def run(rule: EcoRule, load, t_from: int, t_to: int):
    """1 Hz power samples `load(ts)` on [t_from, t_to); events and derived readings."""
    events, readings = [], []
    for ts in range(t_from, t_to, 1000):
        out = rule.feed([Reading("pm.kw", ts, load(ts))])
        events += out.events
        readings += out.readings
    return events, readings


def spike(start: int, end: int, kw: float, base: float = 300.0):
    return lambda ts: kw if start <= ts < end else base


def test_warning_inside_the_window_only() -> None:
    rule = EcoRule(settings(), SiteContext("Asia/Seoul"))
    # 300 kW all along; 10:03–10:11 at 560 kW: that window ends at
    # (7 × 300 + 8 × 560) / 15 = 438.7 kW; the windows before and after stay at 300
    events, readings = run(rule, spike(W0 + 3 * MIN, W0 + 11 * MIN, 560.0),
                           W0 - 30 * MIN, W0 + 46 * MIN)
    warned = [e for e in events if e.kind == OVER_TARGET]
    assert len(warned) == 1
    w = warned[0]
    assert w.data["window"] == W0 and W0 <= w.ts < W0 + 15 * MIN
    # it fires at the first sample the forecast reaches 400: the 10:03:00 sample reads
    # 560 kW, so (180 s × 300 + 720 s × 560) / 900 s = 508.0 kW (the trapezoid from
    # 10:02:59 adds 0.1), 12 minutes before the window ends
    assert w.ts == W0 + 3 * MIN
    assert w.data["forecast_kw"] == pytest.approx(508.0 + 260 / 2 / 900, abs=1e-3)
    assert w.data["lead_s"] == 720
    ends = [e for e in events if e.kind == WINDOW_END]
    assert [e.data["window"] for e in ends] == [W0]
    assert ends[0].ts == W0 + 15 * MIN and ends[0].data["exceeded"] is True
    assert ends[0].data["average_kw"] == pytest.approx((7 * 300 + 8 * 560) / 15, abs=0.05)
    avgs = {r.ts: r.value for r in readings if r.channel == DEMAND_KW}
    assert avgs[W0 - 15 * MIN] == pytest.approx(300.0)
    assert avgs[W0 + 15 * MIN] == pytest.approx(300.0)
    assert avgs[W0] == pytest.approx((7 * 300 + 8 * 560) / 15, abs=0.05)
    # a forecast reading for every sample
    assert sum(1 for r in readings if r.channel == FORECAST_KW) == 76 * 60


def test_the_first_minutes_and_a_late_short_spike_do_not_warn() -> None:
    rule = EcoRule(settings(), SiteContext("Asia/Seoul"))
    # 10:00:00–10:01:30 at 700 kW (inside warn_after_s: only the instant load) then 300:
    # the window ends at (90·700 + 810·300)/900 = 340 kW; 10:29–10:30 at 900 kW: the
    # forecast at 10:29:59 is (840·300 + 60·900)/900 = 340 kW
    load = lambda ts: (700.0 if W0 <= ts < W0 + 90_000 else  # noqa: E731
                       900.0 if W0 + 29 * MIN <= ts < W0 + 30 * MIN else 300.0)
    events, _ = run(rule, load, W0, W0 + 31 * MIN)
    assert [e for e in events if e.kind == OVER_TARGET] == []


def test_a_window_over_the_12_month_peak_is_recorded_once() -> None:
    rule = EcoRule(settings(target=350.0, history={"2025-08": 420.0, "2026-01": 410.0}),
                   SiteContext("Asia/Seoul"))
    # windows at 300, then one at 438.7 (over the August peak), then one at 430 (below it)
    load = lambda ts: (560.0 if W0 + 3 * MIN <= ts < W0 + 11 * MIN else  # noqa: E731
                       430.0 if W0 + 15 * MIN <= ts < W0 + 30 * MIN else 300.0)
    events, _ = run(rule, load, W0 - 15 * MIN, W0 + 46 * MIN)
    peaks = [e for e in events if e.kind == BILLING_PEAK]
    assert len(peaks) == 1
    assert peaks[0].data["window"] == W0 and peaks[0].data["previous_kw"] == 420.0
    assert peaks[0].data["previous_set_in"] == "2025-08"
    # both loud windows warned (target 350), each its own incident
    assert [e.data["window"] for e in events if e.kind == OVER_TARGET] == [W0, W0 + 15 * MIN]


def test_bad_samples_are_not_load() -> None:
    rule = EcoRule(settings(), SiteContext("Asia/Seoul"))
    out = rule.feed([Reading("pm.kw", W0, 9999.0, Quality.CRC_ERROR),
                     Reading("pm.kw", W0 + 1000, None, Quality.TIMEOUT)])
    assert out.readings == [] and out.events == []


def test_a_window_closed_late_keeps_its_average_through_the_guard() -> None:
    """The window's reading is stamped at its start, up to a window and a gap before the
    sample that closed it: the declared input age lets it through the engine's guard."""
    from deungdae.sectors.api import InputGuard

    s = settings()
    guard = InputGuard(derived_all(s))
    rule = EcoRule(s, SiteContext("Asia/Seoul"))
    kept = []
    for ts in range(W0, W0 + 15 * MIN + 10_000, 1000):
        r = Reading("pm.kw", ts, 300.0)
        guard.note([r])
        kept += guard.take(rule.feed([r]).readings)
    avg = [r for r in kept if r.channel == DEMAND_KW]
    assert len(avg) == 1 and avg[0].value == pytest.approx(300.0)
