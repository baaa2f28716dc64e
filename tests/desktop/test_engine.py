"""The engine on a simulated clock: exact readings, alarms, gaps and flushing."""

from __future__ import annotations

import threading
from pathlib import Path

from deungdae.desktop.engine import config as site_config
from deungdae.desktop.engine.engine import Engine
from deungdae.hardware.clock import ManualClock, RealClock
from deungdae.records.store import Store
from deungdae.sectors.contract import discover
from tests.conftest import T0
from tests.desktop.sites import COLD_ROOM


def _engine(root: Path, text: str, clock) -> Engine:
    root.mkdir(parents=True, exist_ok=True)
    (root / "site.toml").write_text(text, encoding="utf-8")
    cfg = site_config.load(root / "site.toml", discover())
    return Engine(root, cfg, clock, discover())


def test_a_simulated_hour_records_every_reading_and_the_right_events(data_dir: Path) -> None:
    eng = _engine(data_dir, COLD_ROOM, ManualClock(T0))
    eng.run(3600)
    with Store.open_reader(data_dir / "deungdae.db") as s:
        ch = s.channel_id("fridge.temp")
        rows = s.readings(ch, 0, 2**62)
        # 1 Hz from T0 to T0+3600 s inclusive, minus the 60 s the sensor was lost
        assert len(rows) == 3601 - 60
        assert eng.readings_written == len(rows)
        events = [(e.kind, (e.ts - T0) // 1000) for e in s.events()]
    assert events == [
        ("alarm.start", 100),       # beyond 8 °C since t=100, confirmed after the 30 s delay
        ("alarm.end", 220),         # back at 4 °C
        ("device.lost", 400),       # the simulator stops answering
        ("sensor.lost", 409),       # no reading for 10 s after the last one at t=399
        ("device.restored", 460),
        ("sensor.restored", 460),
    ]
    assert eng.open_alarms == {}


def test_a_short_excursion_inside_the_delay_raises_nothing(data_dir: Path) -> None:
    text = COLD_ROOM.replace("duration = 120, value = 12.0", "duration = 20, value = 12.0")
    eng = _engine(data_dir, text, ManualClock(T0))
    eng.run(300)
    with Store.open_reader(data_dir / "deungdae.db") as s:
        assert [e.kind for e in s.events()] == []


def test_listeners_see_readings_and_events(data_dir: Path) -> None:
    eng = _engine(data_dir, COLD_ROOM, ManualClock(T0))
    seen_readings, seen_events = [], []
    eng.subscribe(lambda rs, evs: (seen_readings.extend(rs), seen_events.extend(evs)))
    eng.run(250)
    assert len(seen_readings) == 251
    assert [e.kind for e in seen_events] == ["alarm.start", "alarm.end"]


def test_stop_from_another_thread_flushes_everything(data_dir: Path) -> None:
    eng = _engine(data_dir, COLD_ROOM.replace("interval = 1.0", "interval = 0.05"),
                  RealClock())
    eng.flush_seconds = 60  # nothing is written before the stop
    eng.open()
    t = threading.Thread(target=eng.run)
    t.start()
    threading.Event().wait(0.6)
    eng.stop()
    t.join(10)
    assert not t.is_alive()
    with Store.open_reader(data_dir / "deungdae.db") as s:
        n = s.count_readings()
    assert n == eng.readings_written >= 5
