"""Cost of the farm sector's derived channels: 20 zones × 8 inputs at 1 Hz through the engine.

Runs the same simulated site twice on a manual clock (so only CPU is measured, not
waiting): once with the farm sector (VPD, dew point, absolute humidity, condensation risk
and hours, DLI today and 24 h, GDD per zone, plus four bands per zone), once with the
measured channels alone. Prints the CPU seconds per simulated second of each run as a
share of one core, the difference (what the derived channels cost) and the ratio.
Target (issue 13): the difference < 2 % of one core.

    PYTHONPATH=. python bench/farm_derived.py [--seconds 600]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from deungdae.desktop.engine import config as site_config
from deungdae.desktop.engine.engine import Engine
from deungdae.hardware.clock import ManualClock
from deungdae.sectors.contract import discover

ZONES = 20
POINTS = (("air_temp", "°C", 22, 4), ("rh", "%RH", 75, -9), ("ppfd", "µmol/m²/s", 300, 600),
          ("co2", "ppm", 600, -150), ("leaf_temp", "°C", 21, 3), ("moisture", "%", 60, 5),
          ("ec", "dS/m", 2.6, 0.2), ("ph", "pH", 5.9, 0.1))
T0 = 1_780_239_600_000  # 2026-06-01 00:00 KST


def site_text(with_farm: bool) -> str:
    enabled = '"farm"' if with_farm else ""
    out = ['[site]\nname = "bench"\ntimezone = "Asia/Seoul"\nlatitude = 35.18\n'
           f'longitude = 126.91\nsectors = [{enabled}]\n']
    for z in range(ZONES):
        out.append(f'[[devices]]\nid = "z{z}"\nprofile = "simulator"\ninterval = 1.0')
        for name, unit, base, amp in POINTS:
            out.append(f'[devices.points.{name}]\nunit = "{unit}"\nbase = {base}\n'
                       f'amplitude = {amp}\nperiod = 86400\nnoise = 0.1')
    if with_farm:
        out.append("[sectors.farm]")
        for z in range(ZONES):
            out.append(f'''[[sectors.farm.zones]]
id = "z{z}"
temperature = "z{z}.air_temp"
humidity = "z{z}.rh"
ppfd = "z{z}.ppfd"
co2 = "z{z}.co2"
leaf_temperature = "z{z}.leaf_temp"
substrate_moisture = "z{z}.moisture"
ec = "z{z}.ec"
ph = "z{z}.ph"
[[sectors.farm.zones.bands]]
input = "temperature"
when = "day"
low = 18.0
high = 27.0
delay = 600
[[sectors.farm.zones.bands]]
input = "temperature"
when = "night"
low = 15.0
high = 20.0
delay = 600
[[sectors.farm.zones.bands]]
input = "humidity"
low = 60.0
high = 90.0
delay = 900
[[sectors.farm.zones.bands]]
input = "vpd"
when = "day"
low = 0.2
high = 1.4
delay = 900''')
    return "\n".join(out) + "\n"


def run(with_farm: bool, seconds: int) -> tuple[float, int]:
    sectors = discover()
    with tempfile.TemporaryDirectory() as d:
        root = Path(d)
        (root / "site.toml").write_text(site_text(with_farm), encoding="utf-8")
        cfg = site_config.load(root / "site.toml", sectors)
        eng = Engine(root, cfg, ManualClock(T0), sectors)
        eng.open()
        c0 = time.process_time()
        eng.run(seconds)
        return time.process_time() - c0, eng.readings_written


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seconds", type=int, default=600, help="simulated seconds per run")
    p.add_argument("--repeat", type=int, default=3, help="runs of each; the fastest counts")
    a = p.parse_args()
    base = min((run(False, a.seconds) for _ in range(a.repeat)), key=lambda r: r[0])
    farm = min((run(True, a.seconds) for _ in range(a.repeat)), key=lambda r: r[0])
    share = [100 * cpu / a.seconds for cpu, _ in (base, farm)]
    print(f"{ZONES} zones x {len(POINTS)} inputs at 1 Hz, {a.seconds} simulated s, "
          f"best of {a.repeat}")
    print(f"  measured only : {base[0]:7.3f} s CPU, {base[1]:>8,} readings, "
          f"{share[0]:6.2f} % of one core")
    print(f"  with derived  : {farm[0]:7.3f} s CPU, {farm[1]:>8,} readings, "
          f"{share[1]:6.2f} % of one core")
    extra = share[1] - share[0]
    print(f"  derived cost  : {extra:6.2f} % of one core (target < 2 %), ratio "
          f"{farm[0] / base[0]:.2f}x, {farm[1] - base[1]:,} derived readings")


if __name__ == "__main__":
    main()
