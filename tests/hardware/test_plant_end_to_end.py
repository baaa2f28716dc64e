"""Issue 3's promise, end to end through the real CLI: a plant configures an RS-485 sensor
by profile + port + unit id, sees it with `probe`, logs it with `run --headless`, pulls
the cable and puts it back, and finds the gap recorded and logging resumed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from peer import wait_until

from deungdae.desktop.cli.main import main
from deungdae.records.errors import StoreError
from deungdae.records.store import Store

SITE = """
[site]
name = "Cold room on RS-485"
timezone = "Asia/Seoul"

[[devices]]
id = "th"
profile = "xy-md02"
port = "{port}"
unit = 1
interval = 0.2
timeout = 0.2

[[channels]]
id = "th.temperature"
name = "Cold room temperature"
[channels.alarm]
high = 8.0
stale_after = 1.5
"""


def _count(db: Path) -> int:
    # the file appears before the logger's first migration has created the tables
    try:
        with Store.open_reader(db) as s:
            return s.count_readings()
    except StoreError:
        return 0


def test_probe_log_unplug_replug(peer, pty_relay, tmp_path: Path, capsys) -> None:
    peer.set(1, "input", 1, [43, 815])  # 4.3 °C, 81.5 %RH
    port = str(pty_relay.path)
    assert main(["probe", port, "--profile", "xy-md02", "--unit", "1"]) == 0
    out = capsys.readouterr().out
    assert "4.3" in out and "81.5" in out

    root = tmp_path / "site"
    root.mkdir()
    (root / "site.toml").write_text(SITE.format(port=port), encoding="utf-8")
    env = {**os.environ, "DEUNGDAE_HOME": str(root)}
    proc = subprocess.Popen([sys.executable, "-m", "deungdae.desktop.cli.main", "run", "--headless"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    db = root / "deungdae.db"
    try:
        wait_until(lambda: db.exists() and _count(db) >= 10, timeout=20, every=0.2)
        pty_relay.unplug()
        time.sleep(3)
        peer.set(1, "input", 1, [52, 800])
        pty_relay.replug()
        with Store.open_reader(db) as s:
            ch = s.channel_id("th.temperature")

        def resumed() -> bool:
            with Store.open_reader(db) as s:
                return any(v == 5.2 for _, v, _ in s.readings(ch, 0, 2**62))

        wait_until(resumed, timeout=20, every=0.2)
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    with Store.open_reader(db) as s:
        events = [(e.kind, e.device or e.channel) for e in s.events()]
        rows = s.readings(ch, 0, 2**62)
    assert ("device.lost", "th") in events
    assert ("sensor.lost", "th.temperature") in events
    assert events.index(("device.lost", "th")) < events.index(("device.restored", "th"))
    assert events.index(("sensor.lost", "th.temperature")) < events.index(
        ("sensor.restored", "th.temperature"))
    values = [v for _, v, q in rows if q == 0]
    assert values[0] == 4.3 and values[-1] == 5.2
    # while unplugged the poller kept recording what happened: flagged, valueless rows
    assert any(v is None and q & 32 for _, v, q in rows)


SITE_NEW = """
[site]
name = "Boiler room on RS-485"
timezone = "Asia/Seoul"

[[devices]]
id = "ai"
profile = "ai8-waveshare-4-20ma"
port = "{port}"
unit = 1
interval = 0.2
timeout = 0.3
reconnect_max = 3
[devices.scaling]
ai1 = {{ low = 0, high = 10, unit = "bar" }}

[[devices]]
id = "rtd"
profile = "rtd8-comwintop"
port = "{port}"
unit = 2
interval = 0.2
timeout = 0.3

[[channels]]
id = "ai.ai1"
name = "Steam pressure"

[[channels]]
id = "rtd.t1"
name = "Oven core"

[[channels]]
id = "rtd.t2"
name = "Spare probe"
"""


def test_scaled_4_20ma_and_rtd_fault_logged_by_the_engine(peer, pty_relay, tmp_path: Path):
    """The new profiles through the real logger: a 12 mA loop logged as 5 bar under the
    unit the site gave it, an RTD channel logged in °C, an open probe logged as a
    flagged, valueless row and a device event naming the fault."""
    peer.set(1, "input", 0, [12000])
    peer.set(2, "holding", 0, [1805, 0x7FFF])  # 180.5 °C; CH2 open
    root = tmp_path / "site"
    root.mkdir()
    (root / "site.toml").write_text(SITE_NEW.format(port=pty_relay.path), encoding="utf-8")
    env = {**os.environ, "DEUNGDAE_HOME": str(root)}
    proc = subprocess.Popen([sys.executable, "-m", "deungdae.desktop.cli.main", "run", "--headless"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    db = root / "deungdae.db"
    try:
        wait_until(lambda: db.exists() and _count(db) >= 12, timeout=20, every=0.2)
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    with Store.open_reader(db) as s:
        chans = {c.key: c for c in s.channels()}
        got = {k: s.readings(s.channel_id(k), 0, 2**62) for k in ("ai.ai1", "rtd.t1", "rtd.t2")}
        events = [(e.kind, e.device, e.message) for e in s.events()]
    assert chans["ai.ai1"].unit == "bar" and chans["rtd.t1"].unit == "°C"
    assert {v for _, v, q in got["ai.ai1"]} == {5.0}
    assert {v for _, v, q in got["rtd.t1"]} == {180.5}
    assert all(v is None and q == 256 | 16 for _, v, q in got["rtd.t2"])
    assert any(d == "rtd" and "t2: sensor open (raw 32767)" in (m or "") for _, d, m in events)
