"""Every PDF report of every sector, after a simulated day of its first template, speaks
one language: no Hangul on an English page (beyond the brand 등대 and the Korean titles
of cited sources, such as an emission factor's official document), and no English
aside "(like this)" on a Korean page."""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from datetime import datetime, timedelta
from importlib import resources
from pathlib import Path

import pytest

from deungdae.desktop.cli.report_commands import integrity_statement
from deungdae.records.store import Store
from deungdae.sectors.api import reports_of
from deungdae.sectors.contract import discover
from tests.conftest import T0
from tests.sectors.contract_suite import DAY_S, _coarse, _engine

HANGUL = re.compile(r"[\uac00-\ud7a3]")
ENGLISH_ASIDE = re.compile(r"\([a-z][a-z ,./-]{3,}\)")
SECTORS = ["eco", "farm", "haccp", "manufacturing"]


def _cited() -> list[str]:
    """Korean words of the sources eco's factor table cites (printed as cited)."""
    raw = tomllib.loads(resources.files("deungdae.sectors.eco").joinpath(
        "ghg_factors.toml").read_text("utf-8"))
    return [str(row["source"]) for rows in raw.values() if isinstance(rows, list)
            for row in rows if HANGUL.search(str(row.get("source", "")))]


def _allowed(line: str, cited: list[str]) -> bool:
    return "등대" in line or any(part in " ".join(cited) for part in line.split() if
                                 HANGUL.search(part))


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
@pytest.mark.parametrize("sid", SECTORS)
def test_every_pdf_report_speaks_one_language(sid: str, tmp_path: Path) -> None:
    sectors = discover()
    sec = sectors[sid]
    eng = _engine(tmp_path / "site", _coarse(sec.templates()[0].text()), sectors)
    eng.run(DAY_S)
    tz = eng.config.tz
    start = datetime.fromtimestamp(T0 / 1000, tz).replace(hour=0, minute=0, second=0)
    cited = _cited()
    made = 0
    with Store.open_reader(tmp_path / "site" / "deungdae.db") as s:
        integrity = integrity_statement(s)
        for rep in reports_of(sec):
            if "pdf" not in rep.formats:
                continue
            for lang in ("ko", "en"):
                out = tmp_path / f"{rep.name}-{lang}.pdf"
                rep.make(s, eng.config.raw, start, start + timedelta(days=1), out, integrity,
                         lang)
                text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True,
                                      text=True, check=True).stdout
                lines = [x.strip() for x in text.splitlines()]
                if lang == "en":
                    bad = [x for x in lines if HANGUL.search(x) and not _allowed(x, cited)]
                else:
                    bad = [x for x in lines if ENGLISH_ASIDE.search(x)]
                assert not bad, (rep.name, lang, bad[:5])
                made += 1
    assert made >= 2
