"""A replaced sensor is listed on the reports covering that period (a Qt-free helper any
report calls; the HACCP daily log lists it under Remarks), in Korean and English."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime

import pytest

from deungdae.desktop.cli.main import main
from deungdae.desktop.engine.device_changes import DeviceSetting, plan_map, plan_set
from deungdae.records.store import Store
from deungdae.sectors.api.replacements import replacement_lines, replacements
from tests.desktop.device_site import Running, add_users, open_engine, set_rtd, write_site
from tests.hardware.peer import ModbusPeer, wait_until


@pytest.fixture
def replaced(tmp_path):
    peer = ModbusPeer(units=[1]).start()
    set_rtd(peer, 1, 182.5, 20.0)
    try:
        write_site(tmp_path)
        eng = open_engine(tmp_path)
        add_users(eng)
        with Running(eng):
            wait_until(lambda: eng.channels["oven.core_temp"].last_value is not None, 10)
            eng.apply_devices(plan_set(eng.config, DeviceSetting(
                "oven", "rtd4-pta8c04", peer.url, 1)), by="park", reason="RTD module installed")
            wait_until(lambda: eng.channels["oven.t1"].last_value == 182.5, 10)
            eng.apply_devices(plan_map(eng.config, "oven", {"oven.core_temp": "t2"}),
                              by="lee", reason="probe on input 2")
            wait_until(lambda: eng.channels["oven.t2"].last_value == 20.0, 10)
        yield tmp_path, eng.config.tz, peer.url
    finally:
        peer.stop()


def test_the_helper_lists_each_change_with_what_the_record_holds(replaced):
    root, tz, url = replaced
    with Store.open_reader(root / "deungdae.db") as s:
        got = replacements(s, 0, 2**62)
        assert [(r.kind, r.channel, r.user) for r in got] == [
            ("device.replaced", "oven.core_temp", "park"),
            ("device.mapped", "oven.core_temp", "lee")]
        ev = s.events(kinds=["device.replaced"])[0]
        assert got[0].ts == ev.ts and got[0].new["unit"] == 1
        en = replacement_lines(s, 0, 2**62, tz, "en")
        ko = replacement_lines(s, 0, 2**62, tz, "ko", channels=["oven.core_temp"])
        assert replacement_lines(s, 0, 2**62, tz, "en", channels=["cream.temp"]) == []
        assert replacement_lines(s, 0, ev.ts, tz, "en") == []  # the end is excluded
        assert replacement_lines(s, ev.ts, ev.ts + 1, tz, "en") == en[:1]
    when = datetime.fromtimestamp(ev.ts / 1000, tz).strftime("%Y-%m-%d %H:%M")
    assert en[0] == (f"{when} device replaced: oven.core_temp — simulator (point core_temp) "
                     f"→ rtd4-pta8c04 ({url}, unit 1, point t1), by park (reason: RTD module "
                     "installed)")
    assert ko[0] == (f"{when} 장치 교체: oven.core_temp — 모의 장치 (측정점 core_temp) → "
                     f"rtd4-pta8c04 ({url}, 주소(국번) 1, 측정점 t1), 변경자 park (사유: RTD "
                     "module installed)")
    assert "input changed: oven.core_temp" in en[1] and "point t1" in en[1] and \
        "point t2" in en[1]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_the_haccp_daily_log_lists_the_replacement(replaced):
    root, tz, url = replaced
    with Store.open_reader(root / "deungdae.db") as s:
        ts = s.events(kinds=["device.replaced"])[0].ts
    day = datetime.fromtimestamp(ts / 1000, tz).strftime("%Y-%m-%d")
    for lang, says in (("en", "device replaced: oven.core_temp"),
                       ("ko", "장치 교체: oven.core_temp")):
        out = root / f"daily-{lang}.pdf"
        assert main(["--data-dir", str(root), "report", "haccp-daily", "--date", day,
                     "--lang", lang, "-o", str(out)]) == 0
        text = " ".join(subprocess.run(["pdftotext", "-raw", str(out), "-"],
                                       capture_output=True, text=True, check=True)
                        .stdout.split())
        assert says in text, text[-1500:]
        assert "rtd4-pta8c04" in text
