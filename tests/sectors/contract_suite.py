"""The contract tests every sector gets for free, parametrised over the installed sectors
(and the third-party beehive sector, installed through its entry point).

A new sector passes these without writing a test: each template passes the config
checks; a simulated day on a manual clock runs through the engine with no error, and a
restart after it takes up what the record holds open without raising it twice; every
report renders on an empty and on a full record; every declared event kind has a title in
English and Korean. (Pages building in both languages is the GUI half: tests/desktop/ui.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from deungdae.desktop.cli.report_commands import integrity_statement
from deungdae.desktop.engine import config as site_config
from deungdae.desktop.engine.engine import Engine
from deungdae.hardware.clock import ManualClock
from deungdae.records.store import Store
from deungdae.sectors.api import event_kinds, event_kinds_of, open_incidents, reports_of
from deungdae.sectors.contract import discover
from deungdae.sectors.report_fonts import FontMissing
from tests.conftest import T0
from tests.sectors.thirdparty.install import installed_hive

SECTOR_IDS = sorted({*discover(), "hive"})
DAY_S = 86_400
SAMPLE_S = 60  # a day sampled each minute: every rule and schedule sees a whole day


@pytest.fixture(params=SECTOR_IDS)
def sector(request, tmp_path: Path) -> Iterator:
    with installed_hive(tmp_path / "site-packages"):
        sectors = discover()
        assert request.param in sectors, f"sector {request.param!r} not discovered"
        yield sectors[request.param], sectors


def _coarse(text: str) -> str:
    """The template with every device polled once a minute (and stale limits to match)."""
    text = re.sub(r"(?m)^interval = [0-9.]+$", f"interval = {SAMPLE_S}.0", text)
    return re.sub(r"(?m)^(\s*stale_after = )[0-9.]+", rf"\g<1>{SAMPLE_S * 3}", text)


def _engine(root: Path, text: str, sectors: dict, start: int = T0) -> Engine:
    root.mkdir(parents=True, exist_ok=True)
    (root / "site.toml").write_text(text, encoding="utf-8")
    cfg = site_config.load(root / "site.toml", sectors)
    return Engine(root, cfg, ManualClock(start), sectors)


def test_every_template_passes_the_config_checks(sector) -> None:
    sec, sectors = sector
    templates = sec.templates()
    for t in templates:
        cfg = site_config.parse(t.text(), t.path, sectors)
        assert sec.id in cfg.sectors, f"template {t.name} does not enable {sec.id}"


def test_a_simulated_day_runs_through_the_engine(sector, tmp_path: Path,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    sec, sectors = sector
    for t in sec.templates():
        eng = _engine(tmp_path / t.name, _coarse(t.text()), sectors)
        eng.run(DAY_S)
        assert eng.sector_problems == []
        with Store.open_reader(tmp_path / t.name / "deungdae.db") as s:
            n = s.count_readings()
            assert n == eng.readings_written >= DAY_S // SAMPLE_S, t.name
            before = s.events(limit=1_000_000)
        _restart_takes_up_the_record(tmp_path / t.name, _coarse(t.text()), sectors,
                                     before, caplog)


def _restart_takes_up_the_record(root: Path, text: str, sectors: dict, before: list,
                                 caplog: pytest.LogCaptureFixture) -> None:
    """The logger started again the next day knows what is open, as the window does
    (`incidents.open_incidents` of the record), and no rule fails to take it up."""
    reg = event_kinds(sectors)
    eng = _engine(root, text, sectors, start=T0 + DAY_S * 1000)
    caplog.clear()
    try:
        eng.open()
        seen = sorted(eng.open_incidents.values())
        want = sorted(i.opened.ts for i in open_incidents(before, reg)
                      if not i.kind.kind.startswith("device."))
        assert seen == want, root.name
        eng.run(600)
    finally:
        eng.close()
    assert "could not take up" not in caplog.text, root.name


def _render_all(sec, store: Store, raw: dict, tz, out_dir: Path) -> int:
    done = 0
    start = datetime.fromtimestamp(T0 / 1000, tz).replace(hour=0, minute=0, second=0,
                                                          microsecond=0)
    integrity = integrity_statement(store)
    for rep in reports_of(sec):
        for fmt in rep.formats:
            out = out_dir / f"{rep.name}.{fmt}"
            try:
                rep.render(store, raw, start, start + timedelta(days=1), out, integrity)
            except FontMissing:
                continue  # PDF needs the Korean font; the other formats still count
            assert out.exists() and out.stat().st_size > 0, out
            done += 1
    return done


def test_every_report_renders_on_an_empty_and_a_full_record(sector, tmp_path: Path) -> None:
    sec, sectors = sector
    templates = sec.templates()
    if not templates or not reports_of(sec):
        pytest.skip(f"sector {sec.id} offers no reports")
    text = _coarse(templates[0].text())
    empty = _engine(tmp_path / "empty", text, sectors)
    empty.open()
    empty.close()
    tz = empty.config.tz
    with Store.open_reader(tmp_path / "empty" / "deungdae.db") as s:
        (tmp_path / "out-empty").mkdir()
        assert _render_all(sec, s, empty.config.raw, tz, tmp_path / "out-empty") > 0
    full = _engine(tmp_path / "full", text, sectors)
    full.run(DAY_S)
    with Store.open_reader(tmp_path / "full" / "deungdae.db") as s:
        (tmp_path / "out-full").mkdir()
        assert _render_all(sec, s, full.config.raw, tz, tmp_path / "out-full") > 0


def test_every_declared_kind_has_a_title_in_both_languages(sector) -> None:
    sec, sectors = sector
    kinds = event_kinds(sectors)
    for k in event_kinds_of(sec):
        assert kinds.owners.get(k.kind) == sec.id, f"{k.kind} not registered for {sec.id}"
        assert k.title_en.strip() and k.title_ko.strip(), k.kind
        assert re.search(r"[\uac00-\ud7a3]", k.title_ko), f"{k.kind}: Korean title not Korean"
