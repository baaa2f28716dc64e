"""Strict site config: unknown keys, non-finite numbers, ranges, depth, empty sites.

Each message must name the file, the line the key is written on and the key, and for a
typo the nearest known key; every shipped template must still load.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from deungdae.desktop.engine import config_schema as schema
from deungdae.desktop.engine.config import ConfigError, parse
from deungdae.desktop.engine.config_lines import KeyLines, nesting_problem
from deungdae.sectors.contract import discover
from tests.desktop.sites import COLD_ROOM

SITE = Path("/plant/site.toml")


def _err(text: str) -> str:
    with pytest.raises(ConfigError) as exc:
        parse(text, SITE, discover())
    return str(exc.value)


def _line(text: str, needle: str) -> int:
    return next(i for i, ln in enumerate(text.splitlines(), 1) if needle in ln)


def test_every_shipped_template_loads() -> None:
    sectors = discover()
    names = []
    for s in sectors.values():
        for t in s.templates():
            parse(t.path.read_text(encoding="utf-8"), t.path, sectors)
            names.append(t.name)
    assert {"demo", "haccp-bakery", "farm-tomato", "mfg-welding"} <= set(names)


def test_site_context_keys_are_accepted() -> None:
    text = COLD_ROOM.replace('timezone = "Asia/Seoul"', 'timezone = "Asia/Seoul"\n'
                             'latitude = 37.5\nlongitude = 127.0\nholidays = ["2026-01-01"]')
    text += '\n[[site.shifts]]\nname = "day"\nstart = "08:00"\nend = "17:00"\n' \
            'breaks = [["12:00", "13:00"]]\n'
    cfg = parse(text, SITE, discover())
    assert cfg.site.latitude == 37.5 and cfg.site.shifts[0].name == "day"


def test_alarms_typo_names_line_key_and_nearest() -> None:
    text = COLD_ROOM.replace("[channels.alarm]", "[channels.alarms]")
    msg = _err(text)
    assert msg == (f"{SITE}:{_line(text, '[channels.alarms]')}: channel 'fridge.temp'.alarms: "
                   "unknown key 'alarms' (did you mean alarm?)")


@pytest.mark.parametrize("old,new,key", [
    ("high = 8.0", "high = nan", "alarm.high"),
    ("high = 8.0", "high = inf", "alarm.high"),
    ("high = 8.0", "high = -inf", "alarm.high"),
    ("interval = 1.0", "interval = inf", "interval"),
    ("interval = 1.0", "interval = 1e308", "interval"),
    ("interval = 1.0", "interval = -1", "interval"),
    ("delay = 30", "delay = -5", "alarm.delay"),
])
def test_non_finite_negative_and_out_of_range_are_refused(old: str, new: str, key: str) -> None:
    text = COLD_ROOM.replace(old, new)
    msg = _err(text)
    assert f"{SITE}:{_line(text, new)}:" in msg and key in msg


def test_wrong_types_are_refused_with_their_line() -> None:
    text = COLD_ROOM.replace("interval = 1.0", 'interval = 1.0\nbaud = "fast"\nunit = 1.5')
    msg = _err(text)
    assert f"{SITE}:{_line(text, 'baud =')}: device 'fridge'.baud: expected a baud rate" in msg
    assert f"{SITE}:{_line(text, 'unit = 1.5')}: device 'fridge'.unit: expected a unit id" in msg


def test_simulator_point_keys_are_checked() -> None:
    text = COLD_ROOM.replace("[devices.points.temp]", '[devices.points.temp]\ndecimals = "x"\n'
                             'nois = 0.1')
    msg = _err(text)
    assert "devices.points.temp.decimals" not in msg  # said as the device, by name
    assert "device 'fridge'.points.temp.decimals: expected an integer >= 0 and <= 12" in msg
    assert "unknown key 'nois' (did you mean noise?)" in msg


def test_non_finite_inside_a_sector_table_is_refused() -> None:
    t = next(t for t in discover()["haccp"].templates() if t.name == "haccp-bakery")
    text = t.path.read_text(encoding="utf-8").replace("limit = 75.0", "limit = -inf", 1)
    msg = _err(text)
    assert f"{SITE}:{_line(text, 'limit = -inf')}:" in msg and "finite" in msg


def test_sector_table_for_a_sector_not_installed_or_not_enabled() -> None:
    assert "sector 'bakery' is not installed" in _err(COLD_ROOM + "\n[sectors.bakery]\n")
    msg = _err(COLD_ROOM + "\n[sectors.haccp]\n")
    assert f"{SITE}:{COLD_ROOM.count(chr(10)) + 2}: [sectors.haccp]" in msg
    assert "not enabled" in msg


def test_an_empty_site_is_refused() -> None:
    assert "record nothing" in _err("")
    assert "record nothing" in _err('[site]\nname = "x"\n')


@pytest.mark.parametrize("deep", [
    "x = " + "[" * 5000 + "]" * 5000,
    "x = " + "{a=" * 5000 + "1" + "}" * 5000,
    "[" + ".".join(["a"] * 5000) + "]\nx = 1",
    ".".join(["a"] * 5000) + " = 1",
    "x = [" * 17 + "]" * 17,
])
def test_deep_nesting_is_one_line(deep: str) -> None:
    msg = _err(deep)
    assert "\n" not in msg and "deeper than 16" in msg


def test_sixteen_levels_are_still_read_as_toml() -> None:
    assert nesting_problem("x = " + "[" * 16 + "]" * 16) is None


def test_central_table_is_refused_with_the_way() -> None:
    assert "deungdae register" in _err(COLD_ROOM + '\n[central]\nurl = "https://x"\n')


def test_key_lines_follow_arrays_inline_tables_and_quotes() -> None:
    text = ('[[devices]]\nid = "a"\n[devices.points.t]\nbase = 1\n\n[[devices]]\nid = "b"\n'
            'role = { what = "x", points = { t = { unit = "C" } } }\n"q.k" = 1\n'
            's = """\nnot = a key\n"""\n[[devices]]\n')
    lines = KeyLines(text)
    assert lines.line_of(("devices", 0, "points", "t", "base")) == 4
    assert lines.line_of(("devices", 1, "id")) == 7
    assert lines.line_of(("devices", 1, "role", "points", "t", "unit")) == 8
    assert lines.line_of(("devices", 1, "q.k")) == 9
    assert lines.line_of(("devices", 1, "not")) == 6  # inside a string: the table's line
    assert lines.line_of(("devices", 2)) == 13


def test_nearest_key_suggestion() -> None:
    assert schema.nearest("intervall", list(schema.DEVICE.keys)) == "did you mean interval?"
    assert schema.nearest("zzz", ["a", "b"]) == "known keys: a, b"


@pytest.mark.parametrize("old,new,says", [
    ("interval = 1.0", "interval = 1e-300", "device 'fridge'.interval: expected seconds > 0"),
    ("base = 4.0", "base = 1e300", "points.temp.base"),
    ("base = 4.0", "base = 4.0\nnoise = 1e300", "points.temp.noise"),
    ("at = 100,", "at = 1e300,", "steps[1].at"),
    ("base = 4.0", 'base = "4"', "points.temp.base: expected a number"),
    ('timezone = "Asia/Seoul"', 'timezone = "Asia/Seoul"\nsectors = "haccp"',
     "site.sectors: expected a list of sector ids"),
    ("interval = 1.0", 'interval = 1.0\nscaling = { temp = { factor = 2, ofset = 1 } }',
     "unknown key 'ofset' (did you mean offset?)"),
    ("interval = 1.0", "interval = 1.0\nrole = { what = 'x', points = { temp = { unit = 'C', "
     "range = [0, inf] } } }", "role.points.temp.range"),
])
def test_more_attacks_on_the_schema(old: str, new: str, says: str) -> None:
    text = COLD_ROOM.replace(old, new, 1)
    msg = _err(text)
    assert says in msg and f"{SITE}:" in msg


def test_a_shift_key_typo_names_the_nearest() -> None:
    text = COLD_ROOM + '\n[[site.shifts]]\nname = "day"\nstrat = "08:00"\nend = "17:00"\n'
    msg = _err(text)
    assert "site.shifts[0].strat: unknown key 'strat' (did you mean start?)" in msg
    assert f"{SITE}:{_line(text, 'strat =')}:" in msg


def test_an_older_config_with_users_tables_still_loads() -> None:
    text = COLD_ROOM + '\n[[users]]\nname = "Kim"\nrole = "operator"\n'
    assert parse(text, SITE, discover()).channels
    assert "unknown key 'pin'" in _err(text + 'pin = "1234"\n')


def test_a_config_saved_with_a_bom_by_notepad_loads(tmp_path: Path) -> None:
    from deungdae.desktop.engine.config import load

    p = tmp_path / "site.toml"
    p.write_bytes(b"\xef\xbb\xbf" + COLD_ROOM.replace("\n", "\r\n").encode("utf-8"))
    assert [c.key for c in load(p, discover()).channels] == ["fridge.temp"]
    p.write_bytes(b"\xef\xbb\xbf" + COLD_ROOM.replace("high = 8.0", "hihg = 8.0")
                  .replace("\n", "\r\n").encode("utf-8"))
    with pytest.raises(ConfigError, match=rf"site.toml:{_line(COLD_ROOM, 'high = 8.0')}: .*"
                                          r"unknown key 'hihg' \(expected one of .*; did you mean high\?\)"):
        load(p, discover())
