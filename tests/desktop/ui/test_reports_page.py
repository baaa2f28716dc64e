"""The Reports page: every sector's reports, periods in the site's zone, made off the GUI
thread exactly as `deungdae report` makes them, then the file or its folder opened."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate

from deungdae.desktop.ui import reports_page
from deungdae.sectors.api.contract import ReportDef
from tests.conftest import T0
from tests.desktop.ui.conftest import fast_argon2, make_main_window  # noqa: F401
from tests.sectors.haccp.test_views import bakery_site

SEOUL = ZoneInfo("Asia/Seoul")


def _choose(page, name: str) -> None:
    page.report.setCurrentIndex(page.report.findData(name))


def test_reports_of_the_sites_sectors_with_their_periods_and_formats(
        make_main_window) -> None:  # noqa: F811 (the fixture)
    w = make_main_window(bakery_site(), start=False)
    page = w.reports_page
    w.show_page(page)
    names = [page.report.itemData(i) for i in range(page.report.count())]
    assert names == ["haccp-daily", "haccp-deviations", "haccp-monthly"]
    assert w.nav.item(w.pages.index(page)).text().endswith("Reports")

    _choose(page, "haccp-daily")  # a day, in the site's zone; today by the engine clock
    assert page.day.isVisible() and not page.month.isVisible() and not page.end.isVisible()
    today = datetime.fromtimestamp(T0 / 1000, SEOUL).date()
    assert page.period_arg() == today.isoformat()
    start, end = page.span()
    assert start == datetime(today.year, today.month, today.day, tzinfo=SEOUL)
    assert (end - start).total_seconds() == 86400
    assert [page.format.itemData(i) for i in range(page.format.count())] == \
        ["pdf", "csv", "xlsx"]

    _choose(page, "haccp-monthly")
    assert page.month.isVisible() and not page.day.isVisible()
    page.month.setDate(QDate(2026, 2, 14))
    assert page.period_arg() == "2026-02"
    start, end = page.span()
    assert (start, end) == (datetime(2026, 2, 1, tzinfo=SEOUL),
                            datetime(2026, 3, 1, tzinfo=SEOUL))

    _choose(page, "haccp-deviations")  # a range; an end before the start is refused
    assert page.start.isVisible() and page.end.isVisible()
    page.start.setDate(QDate(2026, 3, 10))
    page.end.setDate(QDate(2026, 3, 9))
    assert not page.make.isEnabled()
    assert page.problem.text() == "The last day is before the first day."
    assert page.make_report() is False
    page.end.setDate(QDate(2026, 3, 10))  # one day is a range too
    assert page.make.isEnabled() and page.problem.text() == ""
    assert page.span() == (datetime(2026, 3, 10, tzinfo=SEOUL),
                           datetime(2026, 3, 11, tzinfo=SEOUL))


def test_a_report_is_made_off_the_gui_thread_and_opened(
        make_main_window, qtbot, monkeypatch, tmp_path: Path) -> None:  # noqa: F811
    w = make_main_window(bakery_site(), start=False)
    page = w.reports_page
    page.folder = tmp_path / "out"
    _choose(page, "haccp-daily")
    page.format.setCurrentIndex(page.format.findData("csv"))
    made = []
    assert page.make_report(made.append)
    assert page.busy and not page.make.isEnabled() and not page.progress.isHidden()
    qtbot.waitUntil(lambda: bool(made), timeout=30_000)
    (out,) = made
    assert out is not None and out.exists() and out.suffix == ".csv"
    assert out.parent == tmp_path / "out"
    assert not page.busy and page.progress.isHidden() and page.make.isEnabled()
    assert "Saved" in page.status.text() and str(out) in page.status.text()

    opened = []
    monkeypatch.setattr(reports_page.QDesktopServices, "openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)
    page.open_file.click()
    page.open_folder.click()
    assert opened == [str(out), str(out.parent)]


def test_the_language_reaches_a_renderer_that_takes_one_and_failures_are_said(
        make_main_window, qtbot, tmp_path: Path) -> None:  # noqa: F811 (the fixture)
    w = make_main_window(bakery_site(), start=False)
    page = w.reports_page
    page.folder = tmp_path
    calls = []

    def render(store, site, start, end, out, integrity, lang="en"):
        calls.append((start, end, lang, integrity[0]))
        out.write_text(f"{lang}\n", encoding="utf-8")
        return out

    def broken(store, site, start, end, out, integrity):
        raise OSError("disk full")

    for rep in (ReportDef("test-week", "Week test", "week", ("csv",), render),
                ReportDef("test-broken", "Broken", "day", ("csv",), broken)):
        page.reports.append(rep)
        page.report.addItem(rep.title, rep.name)

    _choose(page, "test-week")
    assert page.language.isEnabled() and page.language_note.text() == ""
    page.day.setDate(QDate(2026, 3, 5))  # a Thursday: its ISO week, Monday to Monday
    page.language.setCurrentIndex(page.language.findData("ko"))
    made = []
    page.make_report(made.append)
    qtbot.waitUntil(lambda: bool(made), timeout=30_000)
    assert calls == [(datetime(2026, 3, 2, tzinfo=SEOUL), datetime(2026, 3, 9, tzinfo=SEOUL),
                      "ko", True)]
    assert made[0].read_text(encoding="utf-8") == "ko\n" and made[0].stem.endswith("-ko")

    _choose(page, "test-broken")  # takes no language: the page says what it prints
    assert not page.language.isEnabled() and page.language_note.text()
    made.clear()
    page.make_report(made.append)
    qtbot.waitUntil(lambda: bool(made), timeout=30_000)
    assert made == [None] and "disk full" in page.status.text()
    assert not page.open_file.isEnabled()


def test_the_page_in_korean(make_main_window) -> None:  # noqa: F811 (the fixture)
    w = make_main_window(bakery_site(), start=False, language="ko")
    page = w.reports_page
    assert w.nav.item(w.pages.index(page)).text().endswith("보고서")
    assert page.make.text() == "보고서 만들기"
    _choose(page, "haccp-deviations")
    page.start.setDate(QDate(2026, 3, 10))
    page.end.setDate(QDate(2026, 3, 9))
    assert page.problem.text() == "끝 날짜가 시작 날짜보다 앞설 수 없습니다."
    assert page.period_label.text() == "기간"


def test_a_shift_report_takes_a_day_and_one_of_the_sites_shifts(
        make_main_window, qtbot, tmp_path: Path) -> None:  # noqa: F811 (the fixture)
    site = bakery_site().replace(
        'sectors = ["haccp"]\n',
        'sectors = ["haccp"]\n\n[[site.shifts]]\nname = "day"\nstart = "08:00"\n'
        'end = "20:00"\n\n[[site.shifts]]\nname = "night"\nstart = "20:00"\n'
        'end = "08:00"\n', 1)
    assert "[[site.shifts]]" in site
    w = make_main_window(site, start=False)
    page = w.reports_page
    w.show_page(page)
    page.folder = tmp_path
    spans = []

    def render(store, site_raw, start, end, out, integrity):
        spans.append((start, end))
        out.write_text("shift\n", encoding="utf-8")
        return out

    rep = ReportDef("test-shift", "Shift test", "shift", ("csv",), render)
    page.reports.append(rep)
    page.report.addItem(rep.title, rep.name)
    _choose(page, "test-shift")
    assert page.shift.isVisible() and page.day.isVisible()
    assert [page.shift.itemData(i) for i in range(page.shift.count())] == ["day", "night"]
    page.day.setDate(QDate(2026, 3, 5))
    page.shift.setCurrentIndex(1)
    assert page.period_arg() == "2026-03-05/night"
    made = []
    page.make_report(made.append)
    qtbot.waitUntil(lambda: bool(made), timeout=30_000)
    # the night shift runs past midnight, in the site's zone
    assert spans == [(datetime(2026, 3, 5, 20, tzinfo=SEOUL),
                      datetime(2026, 3, 6, 8, tzinfo=SEOUL))]
