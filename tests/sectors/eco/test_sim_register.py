"""The simulator's integrating register (`integrates = "<point>"`), added for this sector:
the exact integral of the other point's waveform and steps, wrapping at its modulus."""

from __future__ import annotations

import math
import random

import pytest

from deungdae.hardware.simulator import parse_points
from deungdae.hardware.source import ConfigError


def reg(points: dict, t: float) -> float:
    ps = {p.name: p for p in parse_points("d", points)}
    v, lost, _ = ps["r"].sample(t, random.Random(0))
    assert not lost
    return v


def test_the_register_is_the_integral_of_the_waveform() -> None:
    pts = {"kw": {"base": 100.0, "amplitude": 30.0, "period": 3600.0, "noise": 5.0},
           "r": {"integrates": "kw", "base": 10.0, "decimals": 6}}
    for t in (0.0, 900.0, 1800.0, 5400.0, 7211.5):
        w = 2 * math.pi / 3600
        exact = 10.0 + (100 * t + 30 / w * (1 - math.cos(w * t))) / 3600
        assert reg(pts, t) == pytest.approx(exact, abs=1e-6)  # the noise is not integrated


def test_steps_count_and_faults_do_not_stop_the_flow() -> None:
    pts = {"kw": {"base": 10.0, "steps": [{"at": 100, "duration": 100, "value": 50.0},
                                          {"at": 300, "duration": 100, "offset": 5.0},
                                          {"at": 500, "duration": 100, "lost": True}]},
           "r": {"integrates": "kw", "per_s": 1.0, "decimals": 3}}
    assert reg(pts, 1000.0) == pytest.approx(10 * 1000 + 40 * 100 + 5 * 100)


def test_the_register_wraps_at_its_modulus() -> None:
    pts = {"kw": {"base": 3600.0}, "r": {"integrates": "kw", "base": 99_990.0,
                                         "modulus": 100_000.0, "decimals": 3}}
    assert reg(pts, 5.0) == pytest.approx(99_995.0)
    assert reg(pts, 15.0) == pytest.approx(5.0)


@pytest.mark.parametrize("points,needle", [
    ({"r": {"integrates": "nope"}}, "'integrates' must name another"),
    ({"r": {"integrates": "r"}}, "'integrates' must name another"),
    ({"kw": {}, "r": {"integrates": "kw", "modulus": -1.0}}, "'modulus' must be > 0"),
    ({"kw": {}, "r": {"integrates": "kw", "per_s": "x"}}, "'per_s' must be a number"),
])
def test_bad_register_settings_name_the_point(points: dict, needle: str) -> None:
    with pytest.raises(ConfigError, match=needle):
        parse_points("d", points)
