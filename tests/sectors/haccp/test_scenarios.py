"""HACCP scenarios driven through the real engine on a simulated clock.

Each scenario must produce exactly the right deviations — no more, no fewer.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from deungdae.desktop.engine import config as site_config
from deungdae.desktop.engine.engine import Engine, EngineError
from deungdae.hardware.clock import ManualClock
from deungdae.records.store import NewEvent, Store
from deungdae.sectors.contract import discover

# 2025-11-25 08:00 in Seoul
T0 = 1_764_025_200_000

SITE = """
[site]
name = "시험 공장"
timezone = "Asia/Seoul"
sectors = ["haccp"]

[[devices]]
id = "oven"
profile = "simulator"
interval = 1.0
[devices.points.core]
unit = "°C"
base = 20
steps = [
  {{ at = 100, duration = 300, value = 60 }},
  {{ at = 150, duration = {hold_steps}, value = 80 }},
  {{ at = 1000, duration = 300, value = 60 }},
  {{ at = 1050, duration = 80, value = 82 }},
  {{ {lost_step} }},
]

[[devices]]
id = "freezer"
profile = "simulator"
interval = 5.0
[devices.points.temp]
unit = "°C"
base = -20
steps = [{{ at = 600, duration = {door_s}, value = -12 }}]

[[devices]]
id = "md"
profile = "simulator"
interval = 1.0
[devices.points.reject]
decimals = 0
steps = [{{ at = 700, duration = 2, value = 1 }}]

[[sectors.haccp.ccps]]
id = "CCP-1B"
name = "CCP-1B 가열(오븐) 중심온도"
kind = "heating"
channel = "oven.core"
limit = 75.0
hold = 60
batch_start = 40
stale_after = 10

[[sectors.haccp.ccps]]
id = "CCP-2C"
name = "CCP-2C 냉동 보관"
kind = "cold_storage"
channel = "freezer.temp"
limit = -18.0
grace = 900
hysteresis = 0.5
stale_after = 60

[[sectors.haccp.ccps]]
id = "CCP-3P"
name = "CCP-3P 금속검출"
kind = "metal_detection"
channel = "md.reject"
checks = ["08:30", "09:00"]
check_window = 600
"""


def _site(root: Path, hold_steps: int = 41, door_s: int = 1200, lost: str = "") -> Engine:
    text = SITE.format(hold_steps=hold_steps, door_s=door_s,
                       lost_step=lost or "at = 99999, duration = 1, value = 20")
    root.mkdir(parents=True, exist_ok=True)
    (root / "site.toml").write_text(text, encoding="utf-8")
    sectors = discover()
    eng = Engine(root, site_config.load(root / "site.toml", sectors), ManualClock(T0), sectors)
    eng.open()
    return eng


def _deviations(root: Path) -> list[tuple[str, str, int]]:
    with Store.open_reader(root / "deungdae.db") as s:
        return [(e.data["ccp"], e.data["reason"], (e.ts - T0) // 1000)
                for e in s.events(kinds=["haccp.deviation"])]


def _events(root: Path, kind: str):
    with Store.open_reader(root / "deungdae.db") as s:
        return s.events(kinds=[kind])


def _check(eng: Engine, **results: bool) -> int:
    pieces = {"fe": True, "sus": True, "product": True, "fe_on_product": True,
              "sus_on_product": True, **results}
    return eng.record_entry(NewEvent(ts=eng.clock.now_ms(), kind="haccp.md_check",
                                     user="kim", data={"ccp": "CCP-3P", "results": pieces},
                                     message="시편 점검"))


def test_oven_holds_40_s_of_60_freezer_door_20_min_and_a_missed_check(data_dir: Path) -> None:
    eng = _site(data_dir)
    eng.run(1500, close=False)  # to 08:25
    _check(eng)  # the 08:30 check, done 5 min early (inside the window)
    eng.run(3600 - 1500, close=False)  # to 09:00; the 09:00 check is never done
    eng.run(900, close=False)
    assert sorted(_deviations(data_dir), key=lambda d: d[2]) == [
        ("CCP-1B", "hold_too_short", 400),   # batch 1 ends when it drops below 35 °C at 400 s
        ("CCP-2C", "limit", 1500),           # -12 °C since 600 s, grace 900 s
        ("CCP-3P", "check_missed", 4200),    # 09:00 + 10 min window, nobody checked
    ]
    (held,) = [e for e in _events(data_dir, "haccp.deviation") if e.data["ccp"] == "CCP-1B"]
    assert held.data["held_s"] == 40 and held.data["hold_s"] == 60
    (door,) = [e for e in _events(data_dir, "haccp.deviation") if e.data["ccp"] == "CCP-2C"]
    assert (door.ts - T0) // 1000 == 1500
    (missed,) = [e for e in _events(data_dir, "haccp.deviation") if e.data["ccp"] == "CCP-3P"]
    assert missed.data["due"] == T0 + 3600 * 1000
    batches = [(e.data["ok"], e.data["held_s"]) for e in _events(data_dir, "haccp.batch")]
    assert batches == [(False, 40), (True, 79)]
    recovered = [(e.data["ccp"], (e.ts - T0) // 1000) for e in _events(data_dir, "haccp.recovered")]
    assert recovered == [("CCP-2C", 1800)]
    (reject,) = _events(data_dir, "haccp.md_reject")
    assert (reject.ts - T0) // 1000 == 700


def test_a_good_run_has_no_deviation(data_dir: Path) -> None:
    eng = _site(data_dir, hold_steps=70, door_s=300)
    eng.run(1700, close=False)
    _check(eng)  # 08:28: the 08:30 check
    eng.run(1800, close=False)
    _check(eng)  # 08:58: the 09:00 check
    eng.run(1200, close=False)
    assert _deviations(data_dir) == []
    assert [e.data["ok"] for e in _events(data_dir, "haccp.batch")] == [True, True]


def test_a_failed_test_piece_is_a_deviation_attributed_to_the_operator(data_dir: Path) -> None:
    eng = _site(data_dir, hold_steps=70, door_s=300)
    eng.run(1700, close=False)
    _check(eng, sus_on_product=False)
    eng.run(10, close=False)
    eng.close()
    (dev,) = _events(data_dir, "haccp.deviation")
    assert dev.data["reason"] == "test_piece_failed" and dev.data["failed"] == ["sus_on_product"]
    assert dev.data["by"] == "kim"
    (entry,) = _events(data_dir, "haccp.md_check")
    assert entry.user == "kim"


def test_sensor_unplugged_mid_batch(data_dir: Path) -> None:
    eng = _site(data_dir, hold_steps=70, door_s=300,
                lost="at = 1080, duration = 60, lost = true")
    eng.run(1500, close=False)
    devs = [(c, r, t) for c, r, t in _deviations(data_dir) if c == "CCP-1B"]
    assert devs == [("CCP-1B", "sensor_lost", 1089)]  # last reading at 1079, 10 s stale
    batches = [(e.data["ok"], e.data["incomplete"]) for e in _events(data_dir, "haccp.batch")]
    # the batch the loss cut short, and its tail after the sensor came back: both unproven
    assert batches == [(True, False), (False, True), (False, True)]
    rec = [(e.data["ccp"], e.data["reason"], (e.ts - T0) // 1000)
           for e in _events(data_dir, "haccp.recovered")]
    assert ("CCP-1B", "sensor_lost", 1140) in rec


def test_a_ccp_on_an_unknown_channel_is_refused(data_dir: Path) -> None:
    text = SITE.format(hold_steps=41, door_s=1, lost_step="at = 9, duration = 1, value = 1")
    text = text.replace('channel = "freezer.temp"', 'channel = "freezer.tmp"')
    data_dir.mkdir(parents=True)
    (data_dir / "site.toml").write_text(text, encoding="utf-8")
    sectors = discover()
    eng = Engine(data_dir, site_config.load(data_dir / "site.toml", sectors), ManualClock(T0),
                 sectors)
    with pytest.raises(EngineError, match="CCP-2C → 'freezer.tmp'"):
        eng.open()


def test_bad_ccp_config_is_reported_with_its_key() -> None:
    text = SITE.format(hold_steps=41, door_s=1, lost_step="at = 9, duration = 1, value = 1")
    text = text.replace('kind = "cold_storage"', 'kind = "frozen"')
    with pytest.raises(site_config.ConfigError, match="CCP 'CCP-2C'.kind: expected one of"):
        site_config.parse(text, Path("site.toml"), discover())


def test_manual_fallback_while_the_sensor_is_lost(data_dir: Path) -> None:
    from deungdae.desktop.cli.report_commands import integrity_statement
    from deungdae.sectors.haccp.readiness import readiness

    eng = _site(data_dir, hold_steps=70, door_s=300,
                lost="at = 1080, duration = 600, lost = true")
    eng.run(1200, close=False)
    eng.record_manual("oven.core", 81.5, "lee", note="탐침 고장, 수동 온도계")
    eng.run(10, close=False)
    site = eng.config.raw
    with Store.open_reader(data_dir / "deungdae.db") as s:
        ch = s.channel_id("oven.core")
        manual = [(v, q) for _, v, q in s.readings(ch, 0, 2**62) if q & 64]
        (entry,) = s.events(kinds=["manual.entry"])
        checks = {c.key: c for c in readiness(s, site, eng.clock.now_ms(),
                                              integrity_statement(s))}
    eng.close()
    assert manual == [(81.5, 64)]
    assert (entry.user, entry.channel, entry.data["note"]) == ("lee", "oven.core",
                                                               "탐침 고장, 수동 온도계")
    assert checks["fallback"].met, checks["fallback"].why
    assert not checks["automatic"].met and "모의 장치" in checks["automatic"].why


def test_manual_values_are_marked_in_the_daily_log(data_dir: Path) -> None:
    import subprocess

    from deungdae.desktop.cli.main import main

    eng = _site(data_dir, hold_steps=70, door_s=300,
                lost="at = 1080, duration = 600, lost = true")
    eng.run(1200, close=False)
    eng.record_manual("oven.core", 81.5, "lee", note="수동 온도계")
    eng.close()
    out = data_dir / "d.pdf"
    assert main(["--data-dir", str(data_dir), "report", "haccp-daily", "--date", "2025-11-25",
                 "-o", str(out)]) == 0
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True,
                          text=True).stdout
    assert "81.5 °C (수기) — 수동 온도계" in text and "lee" in text
    assert "수기 1건" in text
