"""The shell's events read in the window's language: a Korean operator sees "12.5 °C — 상한
초과 (관리기준 8 °C)", not the record's English line. Events come from the real alarm rule
and a real device poller error path, through a real record."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from deungdae.desktop.ui.event_text import event_details
from deungdae.desktop.ui.i18n import Translations
from deungdae.hardware.reading import Quality, Reading
from deungdae.records.store import NewEvent, Store
from deungdae.sectors.api.contract import ChannelSpec
from deungdae.sectors.channel_alarms import ChannelAlarm

T0 = 1_764_000_000_000
SEOUL = ZoneInfo("Asia/Seoul")


def _recorded(tmp_path: Path):
    alarm = ChannelAlarm(ChannelSpec("fridge.t", "냉장고 온도", "°C",
                                     {"high": 8.0, "stale_after": 60}))
    alarm.start(T0)
    evs = []
    evs += alarm.feed([Reading("fridge.t", T0 + 1000, 12.5)])
    evs += alarm.feed([Reading("fridge.t", T0 + 2000, 13.1)])
    evs += alarm.feed([Reading("fridge.t", T0 + 3000, 6.0)])
    evs += alarm.tick(T0 + 3000 + 61_000)
    evs += alarm.feed([Reading("fridge.t", T0 + 3000 + 125_000, 5.0)])
    evs += alarm.feed([Reading("fridge.t", T0 + 3000 + 126_000, None, Quality.TIMEOUT)])
    evs.append(NewEvent(ts=T0 + 200_000, kind="device.lost", severity="alarm",
                        device="fridge", message="device 'fridge' lost: timeout",
                        data={"timeout": 3, "failures": 3}))
    evs.append(NewEvent(ts=T0 + 260_000, kind="device.restored", severity="info",
                        device="fridge", message="device 'fridge' answers again",
                        data={"failures": 7, "down_ms": 60_000}))
    evs.append(NewEvent(ts=T0 + 270_000, kind="alarm.ack", severity="info",
                        channel="fridge.t", user="kim", message="문 열림 확인", data={}))
    evs.append(NewEvent(ts=T0 + 280_000, kind="haccp.note", severity="info",
                        message="섹터가 쓴 문장 (a sector's line)", data={}))
    with Store.open_writer(tmp_path / "r.db") as st:
        st.append_events(evs)
        return st.events()


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_shell_events_read_in_the_window_language(qtbot, tmp_path: Path, lang: str) -> None:
    from PySide6.QtWidgets import QApplication

    assert QApplication.instance() is not None
    rows = _recorded(tmp_path)
    assert [r.kind for r in rows] == ["alarm.start", "alarm.end", "sensor.lost",
                                      "sensor.restored", "device.lost", "device.restored",
                                      "alarm.ack", "haccp.note"]
    tr = Translations()
    try:
        tr.set_language(lang)
        got = [event_details(r, lambda k: "°C" if k == "fridge.t" else "", SEOUL)
               for r in rows]
    finally:
        tr.set_language("en")
    if lang == "ko":
        assert got == [
            "12.5 °C — 상한 초과 (관리기준 8 °C)",
            "관리기준 8 °C 안으로 복귀 (최대 이탈값 13.1 °C)",
            "01:00:03 이후 측정값 없음",  # the last reading, Seoul time
            "2분 만에 측정값 다시 수신",
            "장치 응답 없음 (응답 없음 3회)",
            "장치가 다시 응답함 (60초 만에)",
            "kim 확인: 문 열림 확인",  # the user's own note is kept
            "섹터가 쓴 문장 (a sector's line)"]  # a sector's kind: its own message
    else:
        assert got == [
            "12.5 °C — above high limit (limit 8 °C)",
            "back within the limit 8 °C (worst 13.1 °C)",
            "no reading since 01:00:03",
            "readings again after 2 min",
            "no answer from the device (no answer × 3)",
            "the device answers again after 60 s",
            "acknowledged by kim: 문 열림 확인",
            "섹터가 쓴 문장 (a sector's line)"]


def test_damaged_data_falls_back_to_the_recorded_line(qtbot) -> None:
    from deungdae.records.store import EventRow

    row = EventRow(1, T0, "alarm.start", "alarm", "fridge.t", None,
                   "fridge 12.5 beyond high limit 8", {"value": "12.5", "side": "high"},
                   "system", None, T0)
    assert event_details(row, lambda _k: "°C", SEOUL) == "fridge 12.5 beyond high limit 8"
