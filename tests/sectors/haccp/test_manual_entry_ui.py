"""The manual-entry form in the window: empty, a reason required, a confirm step that
shows value, unit, the CCP verdict and who; Back records nothing. In Korean and English."""

from __future__ import annotations

import pytest

from deungdae.records.store import Store
from deungdae.sectors.haccp import views
from tests.desktop.ui.conftest import (  # noqa: F401 (fixtures)
    fast_argon2,
    log_in,
    make_main_window,
    shoot,
)
from tests.sectors.haccp.test_views import bakery_site, haccp_pages


@pytest.mark.parametrize("language", ["en", "ko"])
def test_manual_entry_confirms_before_recording(make_main_window, qtbot,  # noqa: F811
                                                monkeypatch, language) -> None:
    w = make_main_window(bakery_site(), speed=60, language=language)
    page = haccp_pages(w)["manual"]
    w.show_page(page)
    oven = next(f for f in page.forms if f.ccp.id == "CCP-1B")
    assert oven.value.text() == "" and oven.reason.currentData() is None
    log_in(w, "kim")
    qtbot.waitUntil(oven.sensor_recording, timeout=8000)  # the simulated probe records
    oven.refresh_sensor()
    shoot(w, f"haccp_manual_form_{language}")

    shown: list[views.ManualConfirmDialog] = []

    def look(dialog) -> int:  # the real dialog, shown and photographed, then Back
        dialog.show()
        shoot(dialog, f"haccp_manual_confirm_{language}")
        shown.append({k: v.text() for k, v in dialog.fields.items()})
        shown.append(dialog.warning.text())
        return 0

    monkeypatch.setattr(views.ManualConfirmDialog, "exec", look)
    oven.value.setText("72,5")  # a decimal comma as typed on a Korean keyboard
    oven.reason.setCurrentIndex(oven.reason.findData("calibration_check"))
    oven.note.setText("probe 2")
    oven.record.click()
    fields, warning = shown
    values = list(fields.values())
    assert values[1] == "72.5 °C" and values[4] == "Kim Operator (kim)"
    if language == "en":
        assert values[2].startswith("OUTSIDE the critical limit (≥ 75 °C held for 60 s)")
        assert "while the sensor was recording" in warning
    else:
        assert values[2].startswith("한계기준 이탈") and "교정 확인" in values[3]
        assert "센서 정상 작동 중 수기 입력" in warning
    qtbot.wait(300)
    assert oven.value.text() == "72,5"  # Back: nothing recorded, nothing cleared
    monkeypatch.setattr(views.ManualConfirmDialog, "exec", lambda d: 1)
    oven.record.click()
    qtbot.waitUntil(lambda: oven.value.text() == "", timeout=5000)
    assert oven.reason.currentData() is None
    w.shutdown()
    with Store.open_reader(w.db_path) as s:
        (e,) = s.events(kinds=["manual.entry"])
    assert (e.user, e.data["value"], e.data["reason"], e.data["note"], e.data["sensor"]) == (
        "kim", 72.5, "calibration_check", "probe 2", "recording")


@pytest.mark.parametrize("language", ["en", "ko"])
def test_test_piece_form_starts_empty_and_says_a_failure_opened_a_deviation(
        make_main_window, qtbot, language) -> None:  # noqa: F811
    w = make_main_window(bakery_site(), speed=20, language=language)
    page = haccp_pages(w)["manual"]
    w.show_page(page)
    md = next(f for f in page.forms if f.ccp.id == "CCP-2P")
    log_in(w, "kim")
    for key, box in md.pieces.items():
        box.setChecked(key != "sus")  # the SUS piece was not rejected
    md.record.click()
    qtbot.waitUntil(lambda: "deviation" in md.status.text() or "이탈" in md.status.text(),
                    timeout=8000)
    assert not any(b.isChecked() for b in md.pieces.values())  # the next operator: empty
    shoot(w, f"haccp_test_piece_failed_{language}")
    # ticks left unrecorded do not wait for the next operator
    md.pieces["fe"].setChecked(True)
    w.show_page(w.overview)
    assert not md.pieces["fe"].isChecked()
    tile = w.overview.tiles["md.reject"]
    qtbot.waitUntil(lambda: tile.value.text() != "—", timeout=5000)
    assert tile.value.text() in ("0", "1")  # a reject signal, not "0.00"
    w.shutdown()
    with Store.open_reader(w.db_path) as s:
        (dev,) = [e for e in s.events(kinds=["haccp.deviation"])
                  if e.data.get("reason") == "test_piece_failed"]
    assert dev.data["failed"] == ["sus"] and dev.data["by"] == "kim"
