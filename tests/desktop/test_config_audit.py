"""Config from the file is audited at every start: once per change, by `file:site.toml`.

Attacks kept as tests: a hand edit of an alarm limit between two starts, a changed time
zone, a removed device, a changed CCP critical limit, and an insider who inserts an
unsealed audit row so that the edit would look already audited.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from deungdae.desktop.engine import config as site_config
from deungdae.desktop.engine.config_audit import ENTITY, describe
from deungdae.desktop.engine.engine import Engine
from deungdae.hardware.clock import ManualClock
from deungdae.records.store import Store
from deungdae.sectors.contract import discover
from tests.conftest import T0
from tests.desktop.sites import COLD_ROOM

SECOND_DEVICE = """
[[devices]]
id = "freezer"
profile = "simulator"
interval = 1.0
[devices.points.temp]
unit = "°C"
base = -18.0
"""


def start(root: Path, text: str) -> Engine:
    """One start of the logger on `text` (registers the site, as `deungdae run` does)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "site.toml").write_text(text, encoding="utf-8")
    eng = Engine(root, site_config.load(root / "site.toml", discover()), ManualClock(T0),
                 discover())
    eng.open()
    eng.close()
    return eng


def rows(root: Path, entity: str = ENTITY) -> list[dict]:
    with Store.open_reader(root / "deungdae.db") as s:
        return s.config_changes(entity)


def test_first_start_audits_what_the_file_says_and_a_restart_writes_nothing(
        data_dir: Path) -> None:
    start(data_dir, COLD_ROOM)
    first = rows(data_dir)
    assert {r["key"] for r in first} == {"site", "limit:fridge.temp", "device:fridge"}
    assert all(r["user"] == "file:site.toml" and "first audited start" in r["reason"]
               for r in first)
    limit = next(r for r in first if r["key"] == "limit:fridge.temp")
    assert limit["new"] == {"high": 8.0, "delay": 30, "hysteresis": 0.5, "stale_after": 10}
    [site] = rows(data_dir, "site")
    assert site["user"] == "file:site.toml" and site["reason"] == "site registered from site.toml"
    with Store.open_reader(data_dir / "deungdae.db") as s:
        before = len(s.config_changes())
    for _ in range(3):
        start(data_dir, COLD_ROOM)
    with Store.open_reader(data_dir / "deungdae.db") as s:
        assert len(s.config_changes()) == before  # not an audit row per start


def test_hand_edited_limit_between_starts_is_one_row_from_the_file(data_dir: Path) -> None:
    start(data_dir, COLD_ROOM)
    n = len(rows(data_dir))
    edited = COLD_ROOM.replace("high = 8.0", "high = 9.5").replace("delay = 30\n", "")
    start(data_dir, edited)
    start(data_dir, edited)
    new = rows(data_dir)[n:]
    assert len(new) == 1
    [r] = new
    assert r["key"] == "limit:fridge.temp" and r["user"] == "file:site.toml"
    assert r["old"]["high"] == 8.0 and r["new"]["high"] == 9.5 and "delay" not in r["new"]
    assert r["reason"] == ("limit:fridge.temp changed in site.toml: delay 30 → (removed); "
                           "high 8.0 → 9.5")


def test_time_zone_change_from_the_file_says_so(data_dir: Path) -> None:
    start(data_dir, COLD_ROOM)
    start(data_dir, COLD_ROOM.replace('timezone = "Asia/Seoul"', 'timezone = "UTC"'))
    last = rows(data_dir, "site")[-1]
    assert last["user"] == "file:site.toml"
    assert last["reason"] == "changed in site.toml: time zone Asia/Seoul → UTC"
    assert (last["old"]["timezone"], last["new"]["timezone"]) == ("Asia/Seoul", "UTC")


def test_removed_device_is_audited_once(data_dir: Path) -> None:
    start(data_dir, COLD_ROOM + SECOND_DEVICE)
    start(data_dir, COLD_ROOM)
    start(data_dir, COLD_ROOM)
    gone = [r for r in rows(data_dir) if r["key"] == "device:freezer"]
    assert len(gone) == 2  # added (first start), removed (second); the third writes nothing
    assert gone[1]["new"] is None and gone[1]["old"]["id"] == "freezer"
    assert gone[1]["reason"] == "device:freezer removed from site.toml"
    start(data_dir, COLD_ROOM + SECOND_DEVICE)  # back again: added
    assert rows(data_dir)[-1]["reason"] == "device:freezer added in site.toml"


def test_ccp_critical_limit_edited_in_the_file_is_audited(data_dir: Path) -> None:
    t = next(t for t in discover()["haccp"].templates() if t.name == "haccp-bakery")
    text = t.path.read_text(encoding="utf-8")
    start(data_dir, text)
    n = len(rows(data_dir))
    start(data_dir, text.replace("limit = 75.0", "limit = 70.0", 1))
    [r] = rows(data_dir)[n:]
    assert r["key"] == "sector:haccp" and r["user"] == "file:site.toml"
    assert "limit 75.0 → 70.0" in r["reason"] and "ccps[" in r["reason"]


def test_an_unsealed_audit_row_does_not_hide_a_hand_edit(data_dir: Path) -> None:
    """An insider inserts the edited state as if audited; the next start records it anyway."""
    start(data_dir, COLD_ROOM)
    edited = COLD_ROOM.replace("high = 8.0", "high = 30.0")
    fake = {"high": 30.0, "delay": 30, "hysteresis": 0.5, "stale_after": 10}
    con = sqlite3.connect(data_dir / "deungdae.db")
    with con:
        con.execute("INSERT INTO config_change(ts, entity, key, old, new, user, reason) "
                    "VALUES (?, ?, ?, NULL, ?, 'kim', 'approved')",
                    (T0, ENTITY, "limit:fridge.temp", json.dumps(fake, sort_keys=True)))
    con.close()
    start(data_dir, edited)
    last = rows(data_dir)[-1]
    assert last["key"] == "limit:fridge.temp" and last["user"] == "file:site.toml"
    assert last["new"]["high"] == 30.0 and last["old"]["high"] == 8.0  # the sealed state


def test_a_change_made_by_the_window_is_not_reaudited_as_the_file(data_dir: Path) -> None:
    eng = start(data_dir, COLD_ROOM)
    eng.open()
    try:
        eng.add_user("admin", "Admin", "admin", "correct horse 9", by="setup")
        eng.set_channel_alarm("fridge.temp", {"high": 9.0}, by="admin", reason="new probe")
    finally:
        eng.close()
    n = len(rows(data_dir))
    start(data_dir, (data_dir / "site.toml").read_text(encoding="utf-8"))
    assert len(rows(data_dir)) == n


def test_describe_names_each_changed_key() -> None:
    assert describe({"a": 1, "b": {"c": 2}}, {"a": 1, "b": {"c": 3}, "d": True}) == \
        "b.c 2 → 3; d (none) → true"


def test_a_device_removed_in_the_window_is_audited_as_its_user_once(data_dir: Path) -> None:
    from deungdae.desktop.engine.device_changes import plan_remove

    eng = start(data_dir, COLD_ROOM + SECOND_DEVICE)
    eng.open()
    try:
        eng.add_user("admin", "Admin", "admin", "correct horse 9", by="setup")
        eng.apply_devices(plan_remove(eng.config, "freezer"), by="admin", reason="freezer sold")
    finally:
        eng.close()
    last = [r for r in rows(data_dir) if r["key"] == "device:freezer"][-1]
    assert (last["user"], last["new"]) == ("admin", None)
    assert last["reason"].startswith("freezer sold (device:freezer removed")
    n = len(rows(data_dir))
    start(data_dir, (data_dir / "site.toml").read_text(encoding="utf-8"))
    assert len(rows(data_dir)) == n


def test_comments_and_key_order_are_not_a_change(data_dir: Path) -> None:
    start(data_dir, COLD_ROOM)
    n = len(rows(data_dir))
    moved = COLD_ROOM.replace("high = 8.0\ndelay = 30\n", "# moved\ndelay = 30\nhigh = 8.0\n")
    assert moved != COLD_ROOM
    start(data_dir, moved)
    table = "[channels.alarm]\nhigh = 8.0\ndelay = 30\nhysteresis = 0.5\nstale_after = 10\n"
    assert table in COLD_ROOM
    start(data_dir, COLD_ROOM.replace(table, "alarm = { stale_after = 10, hysteresis = 0.5, "
                                      "delay = 30, high = 8.0 }\n"))
    assert len(rows(data_dir)) == n
