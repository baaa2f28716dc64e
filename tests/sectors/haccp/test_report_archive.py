"""PDFs for archives: every font embedded, document info, and the record state on each page."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from deungdae.records.store import Store
from deungdae.sectors.haccp.report_data import day_period
from deungdae.sectors.haccp.report_render import daily, deviations, monthly
from deungdae.sectors.haccp.reports import RecordState, generator_version
from tests.sectors.haccp.test_approval import DAY, OK, SEOUL, _site
from tests.sectors.haccp.test_reports import handled_day  # noqa: F401  (fixture)

pytestmark = pytest.mark.skipif(shutil.which("pdffonts") is None or
                                shutil.which("pdfinfo") is None, reason="needs poppler-utils")


def _run(*cmd: str) -> str:
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_font_embedded_and_the_record_state_named(handled_day: Path, tmp_path: Path,  # noqa: F811
                                                         lang: str) -> None:
    site = _site(handled_day)
    p = day_period("시험 공장", SEOUL, DAY)
    month = (datetime(2025, 11, 1, tzinfo=SEOUL), datetime(2025, 12, 1, tzinfo=SEOUL))
    with Store.open_reader(handled_day / "deungdae.db") as store:
        state = RecordState.of(store)
        pdfs = [daily(store, site, p.start, p.end, tmp_path / "d.pdf", OK, lang=lang),
                deviations(store, site, p.start, p.end, tmp_path / "v.pdf", OK, lang=lang),
                monthly(store, site, *month, tmp_path / "m.pdf", OK, lang=lang)]
    assert state.seq > 0
    for pdf in pdfs:
        fonts = _run("pdffonts", str(pdf)).splitlines()[2:]
        assert fonts, pdf.name
        for line in fonts:  # name type encoding emb sub uni object ID
            assert line.split()[-5] == "yes", f"{pdf.name}: not embedded: {line}"
        info = _run("pdfinfo", "-isodates", str(pdf))
        assert f"ChainHead={state.head}" in info and f"ChainSeq={state.seq}" in info
        assert "Plant=시험 공장" in info and generator_version() in info
        assert re.search(r"Period=2025-11", info)
        pages = _run("pdftotext", "-layout", str(pdf), "-").split("\f")
        pages = [pg for pg in pages if pg.strip()]
        seq_text = f"{state.seq:,}"
        for pg in pages:  # every page ties itself to the record state it was made from
            assert state.short() in pg and seq_text in pg, pdf.name


def test_lean_subsetting_embeds_the_same_font_bytes(tmp_path: Path, monkeypatch) -> None:
    """Subsetting from a view of the glyph table gives byte-identical PDFs, with less memory."""
    import tracemalloc

    from reportlab import rl_config
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    from deungdae.sectors.haccp import reports
    from deungdae.sectors.report_fonts import korean_font

    f = korean_font()
    monkeypatch.setattr(rl_config, "invariant", 1)  # no timestamps or ids: bytes compare
    ctx = reports.ReportContext("p", [], {}, "x", True, generated=datetime(2026, 1, 1))

    def flow():
        return [Paragraph("CCP 모니터링 일지 0123 뷁", ParagraphStyle("a", fontName=f.regular)),
                Paragraph("굵게 ≤ 3 °C", ParagraphStyle("b", fontName=f.bold))]

    reports._lean_subsetting(f.regular)
    reports._lean_subsetting(f.bold)
    faces = [reports.pdfmetrics.getFont(n).face for n in (f.regular, f.bold)]
    out = []
    for name in ("plain", "lean"):
        with monkeypatch.context() as m:
            if name == "plain":  # reportlab's own get_table, as before the change
                for face in faces:
                    m.setattr(face, "get_table", face._deungdae_lean)
            tracemalloc.start()
            reports._build(tmp_path / f"{name}.pdf", flow(), ctx, "t", "p")
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        out.append(((tmp_path / f"{name}.pdf").read_bytes(), peak))
    assert out[0][0] == out[1][0]
    assert out[1][1] < out[0][1] / 2
