"""Headline figures: a sector declares them, the engine seals the declaration for the
platform (once, again only when it changes); a bad one is left out with a log line."""

from __future__ import annotations

from pathlib import Path

from deungdae.sectors.api.figures import DECLARED_ENTITY, Figure, figures_from_json
from tests.conftest import T0


def test_the_engine_records_a_sectors_figures_once(hive, data_dir: Path, monkeypatch,
                                                   caplog) -> None:
    from deungdae.desktop.cli.site_commands import init_site
    from deungdae.desktop.engine import config as site_config
    from deungdae.desktop.engine.engine import Engine
    from deungdae.hardware.clock import ManualClock
    from deungdae.records.store import Store
    from deungdae.sectors.contract import discover

    monkeypatch.setenv("DEUNGDAE_KEYRING", "off")
    init_site(data_dir, "hive-apiary")
    sector = discover()["hive"]
    good = Figure("warmest", "Warmest brood", "최고 봉군 온도", "°C",
                  (("hive.temperature", 1.0),), "latest")
    bad = Figure("nothing", "No inputs", "입력 없음", "", ())
    monkeypatch.setattr(type(sector), "headline_figures",
                        lambda self, section, channels, context: [good, bad], raising=False)

    def start() -> None:
        sectors = discover()
        cfg = site_config.load(data_dir / "site.toml", sectors)
        Engine(data_dir, cfg, ManualClock(T0), sectors).run(5)

    start()
    start()
    with Store.open_reader(data_dir / "deungdae.db") as s:
        rows = s.config_changes(DECLARED_ENTITY, "declared")
    assert len(rows) == 1  # the same declaration is not recorded twice
    (fig,) = figures_from_json(rows[0]["new"])
    assert fig == Figure(good.key, good.title_en, good.title_ko, good.unit, good.inputs,
                         "latest", "hive")
    assert "figure 'nothing' needs a key and at least one input channel" in caplog.text


def test_damaged_declarations_are_left_out() -> None:
    assert figures_from_json("not a list") == []
    assert figures_from_json([{"key": "x"}, {"title_en": "no key"},
                              {"key": "y", "method": "median",
                               "inputs": [{"channel": "a"}]}]) == []
