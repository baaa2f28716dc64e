"""Bad site configs get one clear message naming the file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from deungdae.desktop.engine.config import ConfigError, load, parse
from deungdae.sectors.contract import discover
from tests.desktop.sites import COLD_ROOM


def _err(text: str) -> str:
    with pytest.raises(ConfigError) as exc:
        parse(text, Path("/plant/site.toml"), discover())
    return str(exc.value)


def test_the_cold_room_config_is_valid() -> None:
    cfg = parse(COLD_ROOM, Path("site.toml"), discover())
    assert [c.key for c in cfg.channels] == ["fridge.temp"]
    assert cfg.channels[0].alarm["high"] == 8.0
    assert cfg.all_simulated


def test_malformed_toml_names_file_and_line() -> None:
    msg = _err(COLD_ROOM.replace('unit = "°C"', 'unit = °C'))
    assert msg.startswith("/plant/site.toml:12:") and "not valid TOML" in msg


def test_wrong_type_names_the_key_and_its_line() -> None:
    msg = _err(COLD_ROOM.replace("delay = 30", 'delay = "thirty"'))
    assert "channel 'fridge.temp'.alarm.delay: expected a number" in msg


def test_unknown_alarm_key_lists_the_known_ones() -> None:
    msg = _err(COLD_ROOM.replace("delay = 30", "dealy = 30"))
    assert "unknown key 'dealy'" in msg and "delay" in msg


def test_low_above_high_is_refused() -> None:
    assert "must be below" in _err(COLD_ROOM.replace("high = 8.0", "high = 8.0\nlow = 9.0"))


def test_bad_interval_and_time_zone() -> None:
    msg = _err(COLD_ROOM.replace("interval = 1.0", "interval = 0").replace(
        'timezone = "Asia/Seoul"', 'timezone = "Mars/Olympus"'))
    assert "/plant/site.toml:4: site.timezone: unknown time zone 'Mars/Olympus'" in msg
    assert "/plant/site.toml:9: device 'fridge'.interval: expected seconds > 0" in msg


def test_channel_of_unknown_device() -> None:
    msg = _err(COLD_ROOM.replace('id = "fridge.temp"', 'id = "freezer.temp"'))
    assert "unknown device 'freezer'" in msg


def test_unknown_sector() -> None:
    msg = _err(COLD_ROOM.replace('timezone = "Asia/Seoul"',
                                 'timezone = "Asia/Seoul"\nsectors = ["bakery"]'))
    assert "unknown sector 'bakery'" in msg and "demo" in msg


def test_missing_config_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="deungdae init --template"):
        load(tmp_path / "site.toml")
