"""Template devices are roles: each says what it needs, and shipped profiles can serve it."""

from importlib import resources
from pathlib import Path

import pytest

from deungdae.desktop.engine import config
from deungdae.desktop.engine.device_roles import (
    check_role,
    default_mapping,
    fitting_profiles,
    role_of,
)

TEMPLATES = sorted(Path(__file__).resolve().parents[2].glob("sectors/*/templates/*.toml"))


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.stem)
def test_every_template_device_has_a_role_naming_its_channels_points(path):
    cfg = config.load(path)
    for d in cfg.devices:
        role = role_of(d)
        assert role is not None, d["id"]
        assert set(d["points"]) == {p.name for p in role.points}


def test_oven_role_offers_rtd_and_thermocouple_modules_not_a_cold_room_sensor():
    cfg = config.load(next(p for p in TEMPLATES if p.stem == "haccp-bakery"))
    oven = role_of(next(d for d in cfg.devices if d["id"] == "oven"))
    names = [p.name for p in fitting_profiles(oven)]
    assert "rtd4-pta8c04" in names and "tc8-exemys-rme1" in names
    assert "xy-md02" not in names  # -40..80 °C cannot measure an oven
    prof = next(p for p in fitting_profiles(oven) if p.name == "rtd4-pta8c04")
    assert default_mapping(oven, prof) == {"core_temp": "t1"}
    md = role_of(next(d for d in cfg.devices if d["id"] == "md"))
    assert [p.name for p in fitting_profiles(md)] == ["di8-module"]


def test_bad_role_is_reported_with_file_line_and_key(tmp_path):
    text = (resources.files("deungdae.sectors.haccp") / "templates" / "haccp-bakery.toml"
            ).read_text(encoding="utf-8")
    bad = text.replace('range = [-50, 300]', 'range = [300, -50]', 1)
    with pytest.raises(config.ConfigError) as e:
        config.parse(bad, tmp_path / "site.toml")
    assert "site.toml:13" in str(e.value) and "role.points.core_temp.range" in str(e.value)
    assert check_role("x", {"what": "w", "points": {"a": {"unti": "°C"}}}) == [
        "device 'x'.role.points.a: unknown key 'unti' (known: unit, range, kind)"]
