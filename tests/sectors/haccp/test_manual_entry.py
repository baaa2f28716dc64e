"""Manual entry as an inspector expects it: typed, with a reason key, and an entry made
while the sensor recorded is marked on the daily log and the deviation report, in Korean
and English, and in the CSV the log exports."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest

from deungdae.desktop.cli.main import main
from deungdae.records.store import Store
from deungdae.sectors.haccp import manual
from deungdae.sectors.haccp import report_text as tx
from deungdae.sectors.haccp.ccp_config import CCP, CoolingStage
from tests.sectors.haccp.test_scenarios import _site

OVEN = CCP("CCP-1B", "oven", "heating", "oven.core", limit=75.0, hold_s=60)
CREAM = CCP("CCP-3C", "cream", "cold_storage", "cream.t", limit=10.0, op="<=")


@pytest.mark.parametrize(("text", "key"), [
    ("", "value_missing"), ("   ", "value_missing"), ("abc", "value_not_number"),
    ("nan", "value_not_number"), ("inf", "value_not_number"), ("1e9", "value_out_of_range"),
    ("-273", "value_out_of_range"),
])
def test_a_value_must_be_typed_and_plausible(text: str, key: str) -> None:
    with pytest.raises(manual.EntryError) as e:
        manual.check(text, "sensor_failure", "", sensor_recording=False)
    assert e.value.key == key


def test_reason_is_required_and_other_or_a_working_sensor_need_the_details() -> None:
    for reason in (None, "", "because", "SENSOR_FAILURE"):
        with pytest.raises(manual.EntryError, match="reason_missing"):
            manual.check("81.5", reason, "note", sensor_recording=False)
    with pytest.raises(manual.EntryError, match="note_missing_other"):
        manual.check("81.5", "other", "  ", sensor_recording=False)
    with pytest.raises(manual.EntryError, match="note_missing_recording"):
        manual.check("81.5", "calibration_check", "", sensor_recording=True)
    e = manual.check("81,5", "power_cut", "", sensor_recording=False)
    assert (e.value, e.extra()) == (81.5, {"reason": "power_cut", "sensor": "down"})
    e = manual.check("-18", "calibration_check", " probe 2 ", sensor_recording=True)
    assert (e.value, e.note, e.extra()["sensor"]) == (-18.0, "probe 2", "recording")
    # every reason the form offers has words on the reports
    assert set(manual.REASONS) == set(tx.MANUAL_REASONS)


def test_verdict_of_one_value() -> None:
    assert manual.verdict(OVEN, 75.0) == "within" and manual.verdict(OVEN, 74.9) == "outside"
    assert manual.verdict(CREAM, 10.0) == "within" and manual.verdict(CREAM, 10.1) == "outside"
    cooling = CCP("CCP-4", "cool", "cooling", "c", stages=(CoolingStage(10, 7200),))
    assert manual.verdict(cooling, 5.0) is None


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_an_entry_while_the_sensor_records_is_marked_on_every_report(data_dir: Path,
                                                                     monkeypatch) -> None:
    eng = _site(data_dir)
    eng.run(600, close=False)
    e1 = manual.check("81.5", "calibration_check", "수동 온도계 2번", sensor_recording=True)
    eng.record_manual("oven.core", e1.value, "lee", note=e1.note, extra=e1.extra(),
                      ts=eng.clock.now_ms() + 500)  # between two automatic readings
    eng.run(10, close=False)
    e2 = manual.check("-20", "power_cut", "", sensor_recording=False)
    eng.record_manual("freezer.temp", e2.value, "lee", note=e2.note, extra=e2.extra(),
                      ts=eng.clock.now_ms() + 500)
    eng.close()
    with Store.open_reader(data_dir / "deungdae.db") as s:
        stored = [(e.channel, e.data) for e in s.events(kinds=["manual.entry"])]
    assert [(c, d["reason"], d["sensor"], d["value"]) for c, d in stored] == [
        ("oven.core", "calibration_check", "recording", 81.5),
        ("freezer.temp", "power_cut", "down", -20.0)]

    for lang, mark, reason, other in (
            ("ko", "센서 정상 작동 중 수기 입력", "교정 확인", "정전"),
            ("en", "entered by hand while the sensor was recording", "calibration check",
             "power cut")):
        monkeypatch.setenv("DEUNGDAE_REPORT_LANG", lang)
        daily, dev = data_dir / f"daily-{lang}.pdf", data_dir / f"dev-{lang}.pdf"
        assert main(["--data-dir", str(data_dir), "report", "haccp-daily", "--date",
                     "2025-11-25", "-o", str(daily)]) == 0
        assert main(["--data-dir", str(data_dir), "report", "haccp-deviations", "--from",
                     "2025-11-25", "--to", "2025-11-25", "-o", str(dev)]) == 0
        for pdf in (daily, dev):
            flat = " ".join(_text(pdf).split())
            assert mark in flat and reason in flat, (pdf.name, flat[:2000])
            assert other in flat
            # the marked entry only: the power-cut entry carries no such mark
            assert flat.count(mark) == 1, pdf.name
    out = data_dir / "daily.csv"
    assert main(["--data-dir", str(data_dir), "report", "haccp-daily", "--date", "2025-11-25",
                 "-o", str(out)]) == 0
    cells = [c for row in csv.reader(out.open(encoding="utf-8-sig")) for c in row]
    assert any("while the sensor was recording" in c for c in cells)
