"""Screenshots of every main page in English and Korean, for people to look at.

Saved to test-output/screenshots/ (not committed). The test also checks that the Korean
pages really are Korean, so a broken catalogue does not pass unnoticed.
"""

from __future__ import annotations

import pytest

from tests.desktop.ui.conftest import log_in, shoot


@pytest.mark.parametrize("language", ["en", "ko"])
def test_main_pages(make_main_window, qtbot, language) -> None:
    w = make_main_window(speed=30, language=language)
    qtbot.waitUntil(lambda: w.banner.current is not None, timeout=8000)
    # the overview says what the alarm is, in the window's language, from the record
    qtbot.waitUntil(lambda: w.overview.incidents.rowCount() == 1
                    and w.overview.incidents.item(0, 3) is not None, timeout=8000)
    details = w.overview.incidents.item(0, 3).text()
    said = "상한 초과 (관리기준 8 °C)" if language == "ko" else "above high limit (limit 8 °C)"
    assert details.endswith(said) and details.split(" ")[1] == "°C", details
    log_in(w, "park")
    names = {"overview": w.overview, "trends": w.charts, "events": w.events_page,
             "settings": w.settings_page}
    for name, page in names.items():
        w.show_page(page)
        if page is w.charts:
            w.charts.select(["fridge.temp", "oven.core"])
            with qtbot.waitSignal(w.charts.rendered, timeout=5000):
                w.charts.show_last(3_600_000)
        qtbot.wait(200)
        shoot(w, f"{name}_{language}")
    if language == "ko":
        assert w.nav.item(0).text().split("   ")[0].endswith("개요")  # then its count
        assert "이탈" in w.banner.text.text()
