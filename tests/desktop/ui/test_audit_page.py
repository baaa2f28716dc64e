"""The audit trail page: the scripted changes in the window, in Korean and English, with
old → new; its CSV and PDF hold the same rows (issue 12 item 5)."""

from __future__ import annotations

import csv
import shutil
import subprocess
from datetime import datetime

import pytest
from PySide6.QtCore import QDate

from deungdae.desktop.engine import audit_report as ar
from tests.desktop.ui.conftest import shoot
from tests.records.audit_script import run_script


def _scripted(w):
    eng = w.engine

    def change_limit(_old, _new, by, reason):
        cc = next(c for c in eng.config.channels if c.key == "fridge.temp")
        eng.set_channel_alarm("fridge.temp", {**cc.alarm, "high": 3.0}, by=by, reason=reason)

    with eng._lock:
        return run_script(eng.store, channel="fridge.temp", change_limit=change_limit)


def _open(w, qtbot, script):
    page = w.audit_page
    w.show_page(page)
    day = datetime.fromtimestamp(script.since / 1000, w.tz).date()
    page.start.setDate(QDate(day.year, day.month, day.day))
    page.end.setDate(QDate(day.year, day.month, day.day))
    page.reload()
    qtbot.waitUntil(lambda: not page.loading and bool(page.rows), timeout=5000)
    return page


def _since(page, script):
    return [e for e in page.shown if e.ts >= script.since]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_window_lists_the_scripted_changes(make_main_window, qtbot, tmp_path, lang):
    w = make_main_window(start=False, language=lang)
    script = _scripted(w)
    page = _open(w, qtbot, script)
    mine = _since(page, script)
    assert [(e.kind, e.who) for e in mine] == [(k, who) for k, who, _, _ in script.expected]
    texts = page.cell_texts()[:5][::-1]  # newest first on screen
    change = [t[5].replace("\n", "; ") for t in texts]
    assert change == [x[2 if lang == "ko" else 3] for x in script.expected]
    assert w.nav.item(w.pages.index(page)).text().endswith(
        "감사 추적" if lang == "ko" else "Audit trail")
    flat = " ".join(" ".join(t) for t in page.cell_texts())
    if lang == "ko":
        for code in ("bad_password", "reviewed", "signin", "correction", "limit ", "config"):
            assert code not in flat, code
        assert "관리기준 Fridge temperature" in flat and "비밀번호 틀림" in flat
        assert page.table.horizontalHeaderItem(5).text() == "변경 전 → 후"
    shoot(w, f"audit_page_{lang}")

    # the filters narrow what is shown
    page.kind.setCurrentIndex(page.kind.findData("signin"))
    assert [e.who for e in _since(page, script)] == ["choi"]
    page.kind.setCurrentIndex(0)
    page.who.setCurrentIndex(page.who.findData("park"))
    assert [e.kind for e in _since(page, script)] == ["config", "correction", "signature"]
    page.who.setCurrentIndex(0)
    page.entity.setText("fridge.temp")  # the channel added, its limit, the correction
    assert [(e.kind, e.entity) for e in page.shown] == [
        ("config", "channel"), ("config", "limit"), ("correction", "event")]
    page.entity.setText("LIMIT")
    assert [(e.kind, e.key, e.who) for e in page.shown] == [("config", "fridge.temp", "park")]
    page.entity.setText("")
    page.end.setDate(page.start.date().addDays(-1))
    assert page.problem.text() and page.rows == []
    page.end.setDate(page.start.date())
    qtbot.waitUntil(lambda: not page.loading and bool(page.rows), timeout=5000)

    # CSV and PDF: exactly what the table shows, in the window's language
    page.who.setCurrentIndex(0)
    shown = list(page.shown)
    done = []
    page.export(tmp_path / "a.csv", "csv", done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    rows = list(csv.reader((tmp_path / "a.csv").open(encoding="utf-8-sig")))
    assert rows[0] == ar.headers(lang) and len(rows) == len(shown) + 1
    assert [r[-1] for r in rows[1:]] == [e.ref for e in shown]
    assert [r[5] for r in rows[1:]][-5:] == [x[2 if lang == "ko" else 3]
                                             for x in script.expected]
    if shutil.which("pdftotext"):
        done.clear()
        page.export(tmp_path / "a.pdf", "pdf", done.append)
        qtbot.waitUntil(lambda: bool(done), timeout=10000)
        assert not isinstance(done[0], Exception), done[0]
        text = " ".join(subprocess.run(["pdftotext", str(tmp_path / "a.pdf"), "-"],
                                       check=True, capture_output=True,
                                       text=True).stdout.split())
        for e in shown:
            assert e.ref in text
        assert ("상한: 8 → 3" if lang == "ko" else "high: 8 → 3") in text
        assert (ar.word("rows", lang).replace("%1", str(len(shown)))) in text
