"""A simulated day with a deviation handled end to end, printed as the inspector sees it."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from deungdae.desktop.cli.main import main
from deungdae.records.store import Store
from deungdae.sectors.haccp import deviations as lifecycle
from tests.sectors.haccp.test_scenarios import _check, _site

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


@pytest.fixture
def handled_day(data_dir: Path) -> Path:
    """08:00–10:00 with an oven hold too short, a freezer door left open, a missed check;
    the oven deviation gets acknowledged, a corrective action and a manager's verification."""
    eng = _site(data_dir)
    eng.run(1700, close=False)
    _check(eng)
    eng.run(5500, close=False)
    with Store.open_reader(data_dir / "deungdae.db") as s:
        devs = lifecycle.collect(s.events())
    oven = next(d for d in devs if d.ccp == "CCP-1B")
    now = eng.clock.now_ms()
    lifecycle.acknowledge(eng.record_entry, oven, "kim", now)
    lifecycle.record_action(eng.record_entry, oven, "kim", now, cause="오븐 문 열림",
                            action="재가열 후 중심온도 재측정", disposition="rework")
    with pytest.raises(lifecycle.LifecycleError):
        lifecycle.verify(eng.record_entry, oven, "kim", now, role="operator")
    with Store.open_reader(data_dir / "deungdae.db") as s:
        oven = next(d for d in lifecycle.collect(s.events()) if d.ccp == "CCP-1B")
    lifecycle.verify(eng.record_entry, oven, "park", now, role="manager")
    eng.close()
    return data_dir


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_daily_log_pdf_shows_every_ccp_deviation_and_action(handled_day: Path, capsys) -> None:
    out = handled_day / "daily.pdf"
    assert main(["--data-dir", str(handled_day), "report", "haccp-daily", "--date",
                 "2025-11-25", "-o", str(out)]) == 0
    text = _text(out)
    for expected in ("CCP 모니터링 일지", "2025-11-25", "CCP-1B 가열(오븐) 중심온도",
                     "≥ 75 °C, 60초 이상 유지", "CCP-2C 냉동 보관", "CCP-3P 금속검출",
                     "유지시간 미달", "한계기준 이탈", "점검 미실시", "재가열 후 중심온도 재측정",
                     "재가공", "검증 완료", "park", "기록 무결성", "결재", "작성", "검토", "승인"):
        assert expected in text, expected
    assert "부적합" in text and "적합" in text
    assert "Fe ○" in text  # the 08:30 test-piece check, entered by kim
    # open deviations are called out in the remarks
    assert "미종결 이탈" in text


def test_deviation_report_and_exports_agree(handled_day: Path, capsys) -> None:
    pdf, csv_path, xlsx = (handled_day / f"dev.{x}" for x in ("pdf", "csv", "xlsx"))
    for out in (pdf, csv_path, xlsx):
        assert main(["--data-dir", str(handled_day), "report", "haccp-deviations", "--from",
                     "2025-11-25", "--to", "2025-11-25", "-o", str(out)]) == 0
    text = _text(pdf)
    assert "한계기준 이탈 및 개선조치 보고서" in text and "오븐 문 열림" in text
    rows = list(csv.reader(csv_path.open(encoding="utf-8-sig")))
    devs = [r for r in rows[2:] if r]
    assert len(devs) == 3
    oven = next(r for r in devs if r[2] == "CCP-1B")
    assert oven[5] == "검증 완료" and oven[7] == "재가열 후 중심온도 재측정" and oven[10] == "park"
    ws = load_workbook(xlsx)["deviations"]
    assert [c.value for c in ws[1]][:3] == ["id", "time", "ccp"]
    assert ws.max_row == 1 + len(devs)


def test_monthly_summary_has_a_trend_chart_per_ccp(handled_day: Path, capsys) -> None:
    out = handled_day / "month.pdf"
    assert main(["--data-dir", str(handled_day), "report", "haccp-monthly", "--month",
                 "2025-11", "-o", str(out)]) == 0
    text = _text(out)
    assert "월간 CCP 검증 요약" in text
    assert text.count("최고/평균/최저") == 3  # one chart per CCP
    assert "2025-11" in text


def test_unknown_report_and_bad_format(handled_day: Path, capsys) -> None:
    assert main(["--data-dir", str(handled_day), "report", "haccp-weekly"]) == 2
    assert "haccp-daily" in capsys.readouterr().err
    assert main(["--data-dir", str(handled_day), "report", "haccp-daily", "-o",
                 str(handled_day / "x.docx")]) == 2


def test_reports_state_the_chain_and_flag_tampering(handled_day: Path, capsys) -> None:
    import sqlite3

    good = handled_day / "good.pdf"
    assert main(["--data-dir", str(handled_day), "report", "haccp-daily", "--date",
                 "2025-11-25", "-o", str(good)]) == 0
    assert "해시 체인 검증 통과" in _text(good).replace("\n", " ")
    con = sqlite3.connect(handled_day / "deungdae.db")
    con.execute("DROP TRIGGER IF EXISTS reading_no_update")
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type='trigger'").fetchall():
        con.execute(f"DROP TRIGGER {name}")
    con.execute("UPDATE reading SET v = 76.0 WHERE v = 80.0")  # make the short hold look fine
    con.commit()
    con.close()
    bad = handled_day / "bad.pdf"
    assert main(["--data-dir", str(handled_day), "report", "haccp-daily", "--date",
                 "2025-11-25", "-o", str(bad)]) == 0
    text = _text(bad).replace("\n", " ")
    assert "RECORD DAMAGED" in text and "[주의]" in text
