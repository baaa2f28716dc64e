"""Report truth: every summary figure of the HACCP reports equals SQL over the raw rows.

Simulated days at 1 Hz in Asia/Seoul, Asia/Kolkata (+5:30), Asia/Kathmandu (+5:45) and
Europe/Berlin across its spring DST change (a 23-hour local day). The record holds
readings on both sides of every local midnight, bad-quality rows, manual entries with
reasons, deviations and metal-detector rejects just before and just after midnight, so a
figure taken from a UTC-aligned rollup, or from the neighbouring day, cannot pass.
"""

from __future__ import annotations

import math
import random
import shutil
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from deungdae.records.layout import BAD_QUALITY
from deungdae.records.store import NewEvent, Store
from deungdae.sectors.haccp import report_text as tx
from deungdae.sectors.haccp.report_data import ccp_sections, day_period, lifecycle_events
from deungdae.sectors.haccp.report_render import daily, deviations, monthly
from deungdae.sectors.haccp.reports import ReportContext

OK = (True, "해시 체인 검증 통과 — 시험")
# (zone, the local day under test): Berlin's 2026-03-29 has 23 hours, 2026-10-25 has 25
DAYS = [("Asia/Seoul", date(2026, 12, 3)), ("Asia/Kolkata", date(2026, 6, 15)),
        ("Asia/Kathmandu", date(2026, 6, 15)), ("Europe/Berlin", date(2026, 3, 29)),
        ("Europe/Berlin", date(2026, 10, 25))]
HOURS = {date(2026, 3, 29): 23, date(2026, 10, 25): 25}


def site(tz: str) -> dict:
    return {"site": {"name": "Truth plant", "timezone": tz},
            "sectors": {"haccp": {"ccps": [
                {"id": "CCP-2C", "name": "CCP-2C cream cold room", "kind": "cold_storage",
                 "channel": "cream.temp", "limit": 10.0, "grace": 300},
                {"id": "CCP-3P", "name": "CCP-3P metal detector", "kind": "metal_detection",
                 "channel": "md.reject", "checks": ["09:00"]},
            ]}}}


def _ms(dt: datetime) -> int:
    return int(dt.timestamp() * 1000)


def build(path: Path, tz_name: str, day: date) -> Store:
    """The local day, the day before and the day after, at 1 Hz, with events."""
    tz = ZoneInfo(tz_name)
    store = Store.open_writer(path)
    store.set_site("Truth plant", tz_name)
    cream = store.ensure_channel("cream.temp", "cream", "°C")
    md = store.ensure_channel("md.reject", "md", "")
    t0 = _ms(datetime.combine(day - timedelta(days=1), datetime.min.time(), tzinfo=tz))
    t1 = _ms(datetime.combine(day + timedelta(days=2), datetime.min.time(), tzinfo=tz))
    mid0 = _ms(datetime.combine(day, datetime.min.time(), tzinfo=tz))
    mid1 = _ms(datetime.combine(day + timedelta(days=1), datetime.min.time(), tzinfo=tz))
    rnd = random.Random(f"{tz_name}{day}")
    # metal rejects: a pulse each side of both midnights, and a few inside the day
    pulses = [mid0 - 4000, mid0 + 2000, mid0 + 3_600_000 * 5, mid0 + 3_600_000 * 9 + 7000,
              mid1 - 6000, mid1 + 1000]
    pulse_ms = {p + k * 1000 for p in pulses for k in range(2)}
    rows = []
    events = []
    for ts in range(t0, t1, 1000):
        # the neighbouring days hold the extremes: a day's min/max from them is caught
        base = 4.0 + 2.0 * math.sin(ts / 3_600_000)
        if not mid0 <= ts < mid1:
            base += rnd.choice((-30.0, 0.0, 0.0, 30.0))
        q = 2 if rnd.random() < 0.001 else 0
        rows.append((cream, ts, None if q and rnd.random() < 0.5 else round(base, 3), q))
        rows.append((md, ts, 1.0 if ts in pulse_ms else 0.0, 0))
        if len(rows) >= 6000:
            store.append_readings(rows)
            rows = []
    store.append_readings(rows)
    for p in pulses:
        events.append(NewEvent(ts=p, kind="haccp.md_reject", severity="warning",
                               channel="md.reject", message="", data={"ccp": "CCP-3P"}))
    # deviations and manual entries near both midnights and inside the day
    for k, ts in enumerate((mid0 - 60_000, mid0 + 600_000, mid0 + 3_600_000 * 13, mid1 - 30_000)):
        events.append(NewEvent(ts=ts, kind="haccp.deviation", severity="alarm",
                               channel="cream.temp", message="",
                               data={"ccp": "CCP-2C", "reason": "limit", "value": 11.5 + k,
                                     "limit": 10.0, "since": ts - 300_000, "grace_s": 300}))
    store.append_events(events)
    for k, ts in enumerate((mid0 - 20_500, mid0 + 7_200_500, mid1 - 10_500)):
        store.append_readings([(cream, ts, 3.25 + k, 64)], user="kim")
        store.append_event(NewEvent(ts=ts, kind="manual.entry", channel="cream.temp",
                                    user="kim", message="",
                                    data={"value": 3.25 + k, "reason": "calibration_check",
                                          "note": "probe swap"}))
    store.flush_rollups()
    return store


def raw(store: Store, channel: str, t0: int, t1: int) -> tuple:
    ch = store.channel_id(channel)
    return store.query(
        "SELECT sum(v IS NOT NULL AND (q & ?4) = 0), "
        "min(CASE WHEN (q & ?4) = 0 THEN v END), max(CASE WHEN (q & ?4) = 0 THEN v END), "
        "avg(CASE WHEN (q & ?4) = 0 THEN v END), count(*) FROM reading "
        "WHERE ch = ?1 AND ts >= ?2 AND ts < ?3", (ch, t0, t1, BAD_QUALITY))[0]


def events_sql(store: Store, kind: str, t0: int, t1: int, channel: str | None = None) -> int:
    sql = "SELECT count(*) FROM event WHERE kind = ? AND ts >= ? AND ts < ?"
    args: tuple = (kind, t0, t1)
    if channel:
        sql += " AND channel = ?"
        args += (channel,)
    return store.query(sql, args)[0][0]


def rising_edges(store: Store, t0: int, t1: int) -> int:
    ch = store.channel_id("md.reject")
    vals = [v for (v,) in store.query(
        "SELECT v FROM reading WHERE ch = ? AND ts >= ? AND ts < ? ORDER BY ts", (ch, t0 - 1000, t1))]
    prev_in = store.query("SELECT count(*) FROM reading WHERE ch = ? AND ts = ?", (ch, t0 - 1000))
    start = 1 if prev_in[0][0] else 0  # the second before t0 is context, not counted
    return sum(1 for i in range(max(start, 1), len(vals)) if vals[i] >= 0.5 > vals[i - 1]) + (
        1 if not start and vals and vals[0] >= 0.5 else 0)


@pytest.fixture(scope="module", params=DAYS, ids=[f"{z}-{d}" for z, d in DAYS])
def record(request, tmp_path_factory):
    tz_name, day = request.param
    path = tmp_path_factory.mktemp("truth") / "deungdae.db"
    store = build(path, tz_name, day)
    yield store, tz_name, day
    store.close()


def _summary(xlsx: Path) -> dict[str, dict]:
    ws = load_workbook(xlsx)["summary"]
    head = [c.value for c in ws[1]]
    return {r[0]: dict(zip(head, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)}


def test_daily_log_summary_equals_raw_sql(record, tmp_path: Path) -> None:
    store, tz_name, day = record
    tz = ZoneInfo(tz_name)
    p = day_period("Truth plant", tz, day)
    hours = (p.t1 - p.t0) // 3_600_000
    assert hours == HOURS.get(day, 24)
    out = daily(store, site(tz_name), p.start, p.end, tmp_path / "d.xlsx", OK)
    cells = _summary(out)
    n, lo, hi, avg, rows = raw(store, "cream.temp", p.t0, p.t1)
    c = cells["CCP-2C"]
    assert (c["readings"], c["bad_quality"], c["min"], c["max"]) == (n, rows - n, lo, hi)
    assert math.isclose(c["mean"], avg, rel_tol=1e-12)
    assert rows == hours * 3600 + 2  # every second of the local day plus two manual entries
    assert c["manual"] == events_sql(store, "manual.entry", p.t0, p.t1, "cream.temp") == 2
    assert c["deviations"] == events_sql(store, "haccp.deviation", p.t0, p.t1) == 3
    m = cells["CCP-3P"]
    n, lo, hi, _avg, rows = raw(store, "md.reject", p.t0, p.t1)
    assert (m["readings"], m["min"], m["max"]) == (n, lo, hi)
    assert m["metal_rejects"] == events_sql(store, "haccp.md_reject", p.t0, p.t1) == 4
    assert m["metal_rejects"] == rising_edges(store, p.t0, p.t1)


def test_daily_log_hour_rows_equal_raw_sql(record) -> None:
    """Each local hour's printed min ~ max (mean) is SQL over that hour's raw rows."""
    store, tz_name, day = record
    tz = ZoneInfo(tz_name)
    p = day_period("Truth plant", tz, day)
    cfg = site(tz_name)
    from deungdae.sectors.haccp.ccp_config import parse_ccps

    ccps, _ = parse_ccps(cfg["sectors"]["haccp"])
    for lang in tx.LANGS:
        (sec, _md) = ccp_sections(store, ccps, {"cream.temp": "°C", "md.reject": ""}, p,
                                  lifecycle_events(store, p), lang=lang)
        hour_rows = [r for r in sec.rows if not r.manual]
        assert len(hour_rows) == (p.t1 - p.t0) // 3_600_000
        for r in hour_rows:
            n, lo, hi, avg, _rows = raw(store, "cream.temp", r.ts, r.ts + 3_600_000)
            assert r.value.startswith(tx.t(lang, "hour_value", lo=tx.value(lo, "°C"),
                                           hi=tx.value(hi, "°C"), avg=tx.value(avg, "°C")))
        assert [r.ts for r in sec.rows] == sorted(r.ts for r in sec.rows)
        labels = [r.time for r in hour_rows]
        assert len(set(labels)) == len(labels)  # a repeated 02:00 hour is told apart


def test_hours_not_reached_yet_are_not_listed(record) -> None:
    store, tz_name, day = record
    p = day_period("Truth plant", ZoneInfo(tz_name), day)
    from deungdae.sectors.haccp.ccp_config import parse_ccps

    ccps, _ = parse_ccps(site(tz_name)["sectors"]["haccp"])
    now = p.t0 + 3 * 3_600_000 + 1_800_000  # 03:30 local (or 04:30 after a spring change)
    (sec, _md) = ccp_sections(store, ccps, {}, p, lifecycle_events(store, p), now_ms=now)
    hour_rows = [r for r in sec.rows if not r.manual]
    assert len(hour_rows) == 4
    assert tx.t("ko", "in_progress") in hour_rows[-1].time
    n, lo, hi, _avg, _r = raw(store, "cream.temp", hour_rows[-1].ts, now)
    assert tx.value(hi, "") in hour_rows[-1].value


def test_monthly_summary_equals_raw_sql(record, tmp_path: Path) -> None:
    store, tz_name, day = record
    tz = ZoneInfo(tz_name)
    start = datetime(day.year, day.month, 1, tzinfo=tz)
    end = datetime(day.year + (day.month == 12), day.month % 12 + 1, 1, tzinfo=tz)
    out = monthly(store, site(tz_name), start, end, tmp_path / "m.xlsx", OK)
    t0, t1 = _ms(start), _ms(end)
    c = _summary(out)["CCP-2C"]
    n, lo, hi, avg, _rows = raw(store, "cream.temp", t0, t1)
    assert (c["readings"], c["min"], c["max"]) == (n, lo, hi)
    assert math.isclose(c["mean"], avg, rel_tol=1e-12)
    assert c["manual"] == events_sql(store, "manual.entry", t0, t1, "cream.temp")
    assert c["deviations"] == events_sql(store, "haccp.deviation", t0, t1)


def test_deviation_report_rows_equal_raw_sql(record, tmp_path: Path) -> None:
    store, tz_name, day = record
    p = day_period("Truth plant", ZoneInfo(tz_name), day)
    out = deviations(store, site(tz_name), p.start, p.end, tmp_path / "dev.xlsx", OK)
    wb = load_workbook(out)
    got = [r[0] for r in wb["deviations"].iter_rows(min_row=2, values_only=True)]
    want = [i for (i,) in store.query("SELECT id FROM event WHERE kind = 'haccp.deviation' AND "
                                      "ts >= ? AND ts < ? ORDER BY ts, id", (p.t0, p.t1))]
    assert got == want and len(got) == 3
    manual = list(wb["manual_entries"].iter_rows(min_row=2, values_only=True))
    assert len(manual) == events_sql(store, "manual.entry", p.t0, p.t1) == 2
    assert all(m[3] == "교정 확인 — probe swap" for m in manual)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, 2 * 86_400 - 1), st.integers(1, 86_400))
def test_any_local_range_equals_raw_sql(record, start_s: int, length_s: int) -> None:
    """Shift and range reports: any start minute and length, same figures as SQL."""
    store, tz_name, day = record
    tz = ZoneInfo(tz_name)
    t0 = _ms(datetime.combine(day - timedelta(days=1), datetime.min.time(), tzinfo=tz)) \
        + start_s * 1000 + 17
    t1 = t0 + length_s * 1000
    from deungdae.sectors.haccp.ccp_config import parse_ccps
    from deungdae.sectors.haccp.report_data import Period

    ccps, _ = parse_ccps(site(tz_name)["sectors"]["haccp"])
    p = Period("Truth plant", tz, datetime.fromtimestamp(t0 / 1000, tz),
               datetime.fromtimestamp(t1 / 1000, tz))
    assert (p.t0, p.t1) == (t0, t1)
    secs = ccp_sections(store, ccps, {}, p, lifecycle_events(store, p), hourly=False)
    for sec in secs:
        n, lo, hi, _avg, rows = raw(store, sec.ccp.channel, t0, t1)
        assert (sec.stats.n, sec.stats.vmin, sec.stats.vmax, sec.stats.n_rows) == (
            n or 0, lo, hi, rows)
    assert secs[1].rejects == events_sql(store, "haccp.md_reject", t0, t1)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_daily_pdf_prints_the_same_figures_in_both_languages(record, tmp_path: Path) -> None:
    store, tz_name, day = record
    p = day_period("Truth plant", ZoneInfo(tz_name), day)
    n, lo, hi, _avg, rows = raw(store, "cream.temp", p.t0, p.t1)
    for lang in tx.LANGS:
        out = daily(store, site(tz_name), p.start, p.end, tmp_path / f"d-{lang}.pdf", OK,
                    lang=lang, now_ms=p.t1 + 1)
        text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True,
                              text=True, check=True).stdout
        flat = " ".join(text.split())
        assert tx.t(lang, "counts", n=tx.count(n), bad=tx.count(rows - n), manual=2) in flat
        assert f"{tx.value(lo, '°C')} / {tx.value(hi, '°C')}" in flat
        assert tx.t(lang, "rejects", 4) in flat
        assert tx.day_label(day, lang) in flat
        if lang == "en":  # names here are English: not one Korean letter may remain
            hangul = [ch for ch in text if "\uac00" <= ch <= "\ud7a3"]
            assert not hangul, "".join(hangul)
        else:
            assert "교정 확인" in flat and "≤ 10 °C" in flat


def test_context_defaults_to_korean() -> None:
    ctx = ReportContext("p", [], {}, "", True)
    assert ctx.lang == "ko"
    with pytest.raises(ValueError, match="ko, en"):
        tx.check_lang("de")
