"""GUI benchmarks (printed, not asserted).

1. Cold start to the first painted main window, beside a bare QApplication + empty
   QMainWindow measured the same way in the same run (each in a fresh process).
2. 50 channels at 1 Hz live on the real clock: CPU of the whole app process (GUI thread
   plus the engine thread) as a share of one core.
3. A 30-day chart of one channel at 1 Hz (2.6 M readings): time from a range change (and
   from a zoom) to the data on screen.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/gui.py  (or `make bench`)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PAINT_PROBE = r"""
import sys, time
t0 = float(sys.argv[2])
from PySide6.QtCore import QEvent, QObject
mode = sys.argv[1]
if mode == "bare":
    from PySide6.QtWidgets import QApplication, QMainWindow
    app = QApplication([])
    w = QMainWindow()
    class Probe(QObject):
        def eventFilter(self, obj, ev):
            if ev.type() == QEvent.Type.Paint:
                print(f"{time.time() - t0:.3f} {time.time() - t0:.3f}", flush=True)
                import os; os._exit(0)
            return False
    p = Probe(); w.installEventFilter(p)
    w.resize(1366, 820); w.show()
    app.exec()
else:
    # what a person starts: `deungdae --data-dir SITE`, through the real command line
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    first = []
    class Probe(QObject):
        def eventFilter(self, obj, ev):
            if ev.type() == QEvent.Type.Paint and obj.isWidgetType() and obj.window().isVisible():
                if not first:
                    first.append(time.time() - t0)
                if type(obj.window()).__name__ == "MainWindow":
                    print(f"{first[0]:.3f} {time.time() - t0:.3f}", flush=True)
                    import os; os._exit(0)
            return False
    p = Probe(); app.installEventFilter(p)
    from deungdae.desktop.cli.main import main
    main(["--data-dir", sys.argv[3]])
"""


def cold_start(mode: str, site: Path) -> tuple[float, float]:
    """(first window painted, main window with the record painted), seconds from launch."""
    out = subprocess.run([sys.executable, "-c", PAINT_PROBE, mode, repr(time.time()),
                          str(site)], capture_output=True, text=True, cwd=ROOT, timeout=60)
    first, main = out.stdout.strip().splitlines()[-1].split()
    return float(first), float(main)


def fifty_channels_site(root: Path) -> None:
    points = "\n".join(
        f"[devices.points.p{i:02d}]\nunit = \"°C\"\nbase = {i}\namplitude = 1\nperiod = 60\n"
        f"noise = 0.1\n" for i in range(50))
    chans = "\n".join(
        f"[[channels]]\nid = \"rack.p{i:02d}\"\nname = \"Sensor {i:02d}\"\n"
        f"[channels.alarm]\nhigh = {i + 5}\nstale_after = 10\n" for i in range(50))
    root.mkdir(parents=True, exist_ok=True)
    (root / "site.toml").write_text(
        f"[site]\nname = \"Bench\"\ntimezone = \"Asia/Seoul\"\n\n[[devices]]\nid = \"rack\"\n"
        f"profile = \"simulator\"\ninterval = 1.0\n\n{points}\n{chans}\n", encoding="utf-8")


def thirty_days_site(root: Path) -> tuple[int, int]:
    from deungdae.records.store import Store

    root.mkdir(parents=True, exist_ok=True)
    (root / "site.toml").write_text(
        "[site]\nname = \"Bench 30 d\"\ntimezone = \"Asia/Seoul\"\n\n[[devices]]\nid = \"bench\"\n"
        "profile = \"simulator\"\ninterval = 1.0\n[devices.points.temp]\nunit = \"°C\"\n"
        "base = 4\n\n[[channels]]\nid = \"bench.temp\"\nname = \"Cold store\"\n"
        "[channels.alarm]\nhigh = 8.0\nlow = 0.0\n", encoding="utf-8")
    import math
    import random

    end = int(time.time() // 1 * 1000)
    start = end - 30 * 86_400_000
    rnd = random.Random(1)
    with Store.open_writer(root / "deungdae.db") as s:
        ch = s.ensure_channel("bench.temp", "Cold store", "°C", "bench")
        batch = []
        for k in range(30 * 86_400):
            ts = start + k * 1000
            v = 4 + 2 * math.sin(k / 86_400 * 2 * math.pi) + rnd.gauss(0, 0.2)
            batch.append((ch, ts, round(v, 2), 0))
            if len(batch) == 20_000:
                s.append_readings(batch)
                batch = []
        if batch:
            s.append_readings(batch)
    return start, end


def main() -> None:
    from deungdae.desktop.cli.site_commands import init_site

    tmp = Path(tempfile.mkdtemp(prefix="deungdae-bench-"))
    demo = tmp / "demo"
    init_site(demo, "demo")
    bare = min(cold_start("bare", demo)[0] for _ in range(3))
    runs = [cold_start("app", demo) for _ in range(3)]
    first = min(r[0] for r in runs)
    full = min(r[1] for r in runs)
    print(f"cold start (`deungdae --data-dir SITE`): first window painted {first * 1000:.0f} ms "
          f"= {first / bare:.1f}x the bare QApplication + empty QMainWindow "
          f"({bare * 1000:.0f} ms; target <= 4x); main window with the record open "
          f"{full * 1000:.0f} ms ({full / bare:.1f}x)")
    if "--startup-only" in sys.argv:
        return

    from deungdae.desktop.ui.app import application, build_window

    app = application()
    site50 = tmp / "fifty"
    fifty_channels_site(site50)
    w = build_window(site50)
    w.resize(1366, 820)
    w.show()
    w.start()
    t_end = time.monotonic() + 3
    while time.monotonic() < t_end:  # warm up
        app.processEvents()
        time.sleep(0.01)
    cpu0, wall0 = time.process_time(), time.monotonic()
    while time.monotonic() - wall0 < 20:
        app.processEvents()
        time.sleep(0.01)
    cpu = (time.process_time() - cpu0) / (time.monotonic() - wall0) * 100
    readings = w.engine.status().readings_written
    w.close()
    print(f"50 channels at 1 Hz, overview visible, 20 s: app process CPU {cpu:.1f} % of one "
          f"core (GUI + engine threads; target < 10 %); {readings:,} readings recorded")

    site30 = tmp / "thirty"
    t = time.perf_counter()
    start, end = thirty_days_site(site30)
    print(f"30 days at 1 Hz written: 2,592,000 readings in {time.perf_counter() - t:.1f} s")
    from deungdae.hardware.clock import ManualClock

    w = build_window(site30, ManualClock(end))
    w.resize(1366, 820)
    w.show()
    w.show_page(w.charts)
    charts = w.charts
    got: list[float] = []
    charts.rendered.connect(got.append)

    def wait_render(n: int) -> float:
        while len(got) < n:
            app.processEvents()
            time.sleep(0.001)
        return got[-1]

    app.processEvents()
    n0 = len(got)
    t = time.perf_counter()
    charts.show_range(start, end)
    wait_render(n0 + 1)
    full_ms = (time.perf_counter() - t) * 1000
    pts = len(charts.curves["bench.temp"].getData()[0]) // 2
    zooms = []
    for frac in (0.5, 0.25, 0.1, 0.02):
        mid = (start + end) // 2
        half = int((end - start) * frac / 2)
        n = len(got)
        t = time.perf_counter()
        charts.show_range(mid - half, mid + half)
        wait_render(n + 1)
        zooms.append((time.perf_counter() - t) * 1000)
    # a mouse-wheel zoom: the view box changes, the page waits out the burst (40 ms) and asks
    wheel = []
    vb = charts.plot.getPlotItem().getViewBox()
    for _ in range(4):
        n = len(got)
        t = time.perf_counter()
        vb.scaleBy(x=0.5)
        wait_render(n + 1)
        wheel.append((time.perf_counter() - t) * 1000)
    w.close()
    print(f"30-day chart: whole range on screen in {full_ms:.0f} ms ({pts:,} buckets drawn); "
          f"zooms to 15 d / 7.5 d / 3 d / 14 h: "
          f"{' / '.join(f'{z:.0f}' for z in zooms)} ms; mouse-wheel zooms (incl. the 40 ms "
          f"debounce): {' / '.join(f'{z:.0f}' for z in wheel)} ms (target < 100 ms)")


if __name__ == "__main__":
    main()
