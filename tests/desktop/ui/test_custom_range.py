"""The chart's custom range is typed in the site's time zone, and an end before the start
is refused (issue 12, item 7)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QTime

from deungdae.desktop.ui.charts import CustomRangeDialog


def _ms(*args, tz) -> int:
    return int(datetime(*args, tzinfo=tz).timestamp() * 1000)


def test_the_range_is_site_local_and_an_end_before_the_start_is_refused(qtbot) -> None:
    kolkata = ZoneInfo("Asia/Kolkata")  # a half-hour offset: no PC zone matches by luck
    t0, t1 = _ms(2026, 3, 5, 10, 30, tz=kolkata), _ms(2026, 3, 5, 18, 0, tz=kolkata)
    dlg = CustomRangeDialog(t0, t1, None, kolkata)
    qtbot.addWidget(dlg)
    assert dlg.start.text() == "2026-03-05 10:30" and dlg.end.text() == "2026-03-05 18:00"
    assert dlg.range_ms() == (t0, t1)
    dlg.end.setDate(QDate(2026, 3, 4))
    dlg.accept()
    assert dlg.result() == 0 and dlg.problem.text() == "The end must be after the start."
    dlg.end.setDate(QDate(2026, 3, 6))
    dlg.end.setTime(QTime(6, 15))
    dlg.accept()
    assert dlg.result() == 1
    assert dlg.range_ms() == (t0, _ms(2026, 3, 6, 6, 15, tz=kolkata))
