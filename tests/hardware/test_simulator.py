import pytest

from deungdae.hardware.reading import Quality
from deungdae.hardware.simulator import SimulatorSource
from deungdae.hardware.source import ConfigError


def run(points, seconds, tmp=None):
    src = SimulatorSource.from_config([{"id": "s", "profile": "simulator", "interval": 1,
                                        "points": points}], 0)
    return src.poll_due(seconds * 1000)


def test_scripted_faults_and_range():
    res = run({"t": {"base": 5.0, "range": [0, 10],
                     "steps": [{"at": 2, "duration": 2, "fault": "crc"},
                               {"at": 5, "duration": 1, "value": 12.0}]}}, 6)
    got = [(r.ts // 1000, r.value, r.quality) for r in res.readings]
    assert got[0] == (0, 5.0, Quality.SIMULATED)
    assert got[2] == (2, None, Quality.SIMULATED | Quality.CRC_ERROR)
    assert got[5] == (5, 12.0, Quality.SIMULATED | Quality.OUT_OF_RANGE)
    with pytest.raises(ConfigError, match="'fault' must be one of"):
        run({"t": {"steps": [{"at": 1, "fault": "fire"}]}}, 1)


def test_csv_replay(tmp_path):
    f = tmp_path / "core.csv"
    f.write_text("t,core\n0,60.5\n2,75.0\n3,\n4,80.25\n")
    res = run({"core": {"csv": str(f), "decimals": 2}}, 5)
    assert [(r.value, r.quality) for r in res.readings] == [
        (60.5, Quality.SIMULATED), (60.5, Quality.SIMULATED), (75.0, Quality.SIMULATED),
        (None, Quality.SIMULATED | Quality.TIMEOUT), (80.25, Quality.SIMULATED),
        (80.25, Quality.SIMULATED)]
    f.write_text("t,other\n0,1\n")
    with pytest.raises(ConfigError, match="'core' column"):
        run({"core": {"csv": str(f)}}, 1)


def test_a_floor_holds_a_light_sensor_at_zero_through_the_night():
    day = 86_400
    light = {"base": 0.0, "amplitude": 1000.0, "period": day, "noise": 8, "decimals": 0}
    free = run({"ppfd": light}, day)
    held = run({"ppfd": {**light, "floor": 0.0}}, day)
    assert min(r.value for r in free.readings) < -900  # the bare sine goes negative
    assert min(r.value for r in held.readings) == 0.0
    assert sum(r.value == 0.0 for r in held.readings) > day // 3  # the night, about half
    # by day the floor changes nothing: the same seed gives the same values
    pairs = zip(free.readings, held.readings, strict=True)
    assert all(a.value == b.value for a, b in pairs if a.value > 0)
    with pytest.raises(ConfigError, match="'floor'"):
        run({"kw": {**light, "floor": 0.0}, "kwh": {"integrates": "kw"}}, 1)
