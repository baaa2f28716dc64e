"""An eco-factory report speaks the language asked for: the template's "수전 (main incomer)"
is 수전 on a Korean page and main incomer on an English one, the plant's name too."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from deungdae.desktop.cli.report_commands import integrity_statement
from deungdae.desktop.engine import config as site_config
from deungdae.desktop.engine.engine import Engine
from deungdae.hardware.clock import ManualClock
from deungdae.records.store import Store
from deungdae.sectors.contract import all_templates, discover
from deungdae.sectors.eco.reports import monthly_report

SEOUL = ZoneInfo("Asia/Seoul")
T0 = int(dt.datetime(2023, 6, 1, tzinfo=SEOUL).timestamp() * 1000)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_the_metalwork_month_in_korean_and_in_english(tmp_path: Path) -> None:
    (tmp_path / "site.toml").write_text(all_templates()["eco-metalwork"].text(),
                                        encoding="utf-8")
    sectors = discover()
    cfg = site_config.load(tmp_path / "site.toml", sectors)
    Engine(tmp_path, cfg, ManualClock(T0), sectors).run(6 * 3600)
    m0 = dt.datetime(2023, 6, 1, tzinfo=SEOUL)
    texts = {}
    with Store.open_reader(tmp_path / "deungdae.db") as st:
        for lang in ("ko", "en"):
            out = monthly_report(st, cfg.raw, m0, m0.replace(month=7),
                                 tmp_path / f"m-{lang}.pdf", integrity_statement(st),
                                 lang=lang)
            texts[lang] = subprocess.run(["pdftotext", "-layout", str(out), "-"],
                                         capture_output=True, text=True, check=True).stdout
    ko, en = texts["ko"], texts["en"]
    assert "OO정밀" in ko and "수전" in ko and "공기압축기" in ko
    assert "(main incomer)" not in ko and "metal-working shop" not in ko
    assert "metal-working shop" in en and "main incomer" in en and "air compressor" in en
    assert "OO정밀" not in en and "수전" not in en and "공기압축기" not in en
