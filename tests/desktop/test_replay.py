"""A simulated run (--speed) replays the past and never writes the future."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from deungdae.desktop.cli.main import main
from deungdae.desktop.engine.replay import DEFAULT_HISTORY_S, replay_clock
from deungdae.hardware.clock import ScaledClock
from deungdae.records.store import Store


def _now() -> int:
    return time.time_ns() // 1_000_000


def test_a_replay_clock_stands_still_until_the_first_wait_and_stops_at_the_wall() -> None:
    start = _now() - 3_600_000
    clock = ScaledClock(1_000_000, start_ms=start, never_ahead=True)
    time.sleep(0.05)  # 50 ms real: 14 plant hours at this speed, if it were running
    assert clock.now_ms() == start
    stop = threading.Event()
    clock.wait(0.0, stop)
    time.sleep(0.05)
    wall = _now()
    assert wall - 1000 <= clock.now_ms() <= _now()  # caught up, and not one ms ahead
    t = time.monotonic()
    clock.wait(0.2, stop)  # from here 0.2 s of plant time is 0.2 s of real time
    assert time.monotonic() - t >= 0.18


def test_a_plain_scaled_clock_still_runs_ahead_for_tests_that_want_it() -> None:
    clock = ScaledClock(1000, start_ms=_now())
    time.sleep(0.02)
    assert clock.now_ms() > _now() + 5_000


def test_a_run_for_two_hours_fills_the_last_two_hours_not_the_next(
        capsys, data_dir: Path) -> None:
    assert main(["--data-dir", str(data_dir), "init", "--template", "demo"]) == 0
    before = _now()
    code = main(["--data-dir", str(data_dir), "run", "--headless", "--for", "7200",
                 "--speed", "100000"])
    after = _now()
    out = capsys.readouterr().out
    assert code == 0 and "up to now at most" in out
    assert after - before < 60_000  # replayed, not recorded in real time
    with Store.open_reader(data_dir / "deungdae.db") as s:
        first, last = s.span()
        assert last <= after
        assert before - 7_200_000 - 1000 <= first <= before - 7_000_000
        assert s.last_time() <= after  # events too


def test_a_second_replay_starts_after_the_record_and_overlaps_nothing(
        capsys, data_dir: Path) -> None:
    main(["--data-dir", str(data_dir), "init", "--template", "demo"])
    main(["--data-dir", str(data_dir), "run", "--headless", "--for", "600", "--speed",
          "100000"])
    with Store.open_reader(data_dir / "deungdae.db") as s:
        _, last = s.span()
        n = s.count_readings()
        cold = s.channel_id("coldroom.temperature")
        kept = s.readings(cold, 0, last + 1)
    capsys.readouterr()
    t = time.monotonic()
    code = main(["--data-dir", str(data_dir), "run", "--headless", "--for", "2", "--speed",
                 "100000"])
    out = capsys.readouterr().out
    assert code == 0 and "records in real time" in out
    assert time.monotonic() - t >= 1.5  # the two seconds were lived, not invented
    with Store.open_reader(data_dir / "deungdae.db") as s:
        assert s.count_readings() > n
        assert s.readings(cold, 0, last + 1) == kept  # nothing written into the past
        assert s.span()[1] <= _now()


def test_without_for_a_replay_covers_a_day_then_runs_live(tmp_path: Path) -> None:
    now = _now()
    r = replay_clock(tmp_path / "none.db", 1000, None, now_ms=now)
    assert r.start_ms == now - DEFAULT_HISTORY_S * 1000 and not r.caught_up


def test_a_broken_record_does_not_stop_the_replay_from_being_planned(tmp_path: Path) -> None:
    db = tmp_path / "deungdae.db"
    db.write_bytes(b"\x00garbage" * 100)
    r = replay_clock(db, 10, 60, now_ms=1_000_000_000)
    assert r.start_ms == 1_000_000_000 - 60_000  # the engine then says what is wrong
    assert db.read_bytes() == b"\x00garbage" * 100
