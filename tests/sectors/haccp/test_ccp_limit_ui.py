"""A CCP's critical limit changed in the window by the HACCP team leader: reason, audit
row (old → new), e-signature, the site config edited with its comments, the running rule
and every screen (CCP card, overview tile) on the new limit at once. One vocabulary: the
tile says 관리기준 for alarm limits and 한계기준 only for the CCP's critical limit."""

from __future__ import annotations

import json

import pytest

from deungdae.records import signatures
from deungdae.records.store import Store
from deungdae.sectors.haccp import ccp_limits, views
from deungdae.sectors.haccp.rules import HaccpRules
from tests.desktop.ui.conftest import (  # noqa: F401 (fixtures)
    fast_argon2,
    log_in,
    make_main_window,
    shoot,
)
from tests.sectors.haccp.test_views import bakery_site, haccp_pages

SITE = """# the plant's own file
[[sectors.haccp.ccps]]
id = "CCP-1"   # oven
kind = "heating"
limit = 75.0   # validated 2024
hold = 60

[[sectors.haccp.ccps]]
id = "CCP-2"
kind = "limit"
limit = 10
"""


def test_limit_edit_keeps_everything_else() -> None:
    out = ccp_limits.set_limit_text(SITE, "CCP-1", 78.5)
    assert out == SITE.replace("limit = 75.0   # validated 2024", "limit = 78.5   # validated 2024")
    assert ccp_limits.set_limit_text(SITE, "CCP-2", -3) == SITE.replace(
        "limit = 10\n", "limit = -3\n")
    with pytest.raises(ccp_limits.LimitError, match="CCP 'CCP-9' is not in the site config"):
        ccp_limits.set_limit_text(SITE, "CCP-9", 1)
    with pytest.raises(ccp_limits.LimitError, match="no 'limit = ...' line"):
        ccp_limits.set_limit_text(SITE.replace("limit = 10\n", ""), "CCP-2", 1)


@pytest.mark.parametrize("language", ["en", "ko"])
def test_team_leader_changes_a_critical_limit_live(make_main_window, qtbot,  # noqa: F811
                                                   monkeypatch, language) -> None:
    w = make_main_window(bakery_site(), speed=20, language=language)
    site_path = w.root / "site.toml"
    before = site_path.read_text(encoding="utf-8")
    ov = haccp_pages(w)["overview"]
    card = next(c for c in ov.cards if c.ccp.id == "CCP-3C")
    assert card.change.isVisible() or not card.isVisible()
    assert not next(c for c in ov.cards if c.ccp.id == "CCP-2P").change.isVisibleTo(card)
    tile = w.overview.tiles["cream.temperature"]
    w.show_page(w.overview)
    qtbot.waitUntil(lambda: "CCP-3C" in tile.note.text(), timeout=5000)
    if language == "en":
        assert tile.note.text() == "CCP-3C critical limit: ≤ 10 °C (tolerated for 15 min)"
        assert tile.limits.text().startswith("Alarm limits: ")
    else:
        assert tile.note.text().startswith("CCP-3C 한계기준: ≤ 10 °C")
        assert tile.limits.text().startswith("관리기준: ")
    shoot(w, f"overview_ccp_tile_{language}")

    # an operator may not change it
    w.show_page(ov)
    log_in(w, "kim")
    card.change.click()
    assert ov.status.text().startswith("✘")
    log_in(w, "park")
    answers = {"pin": "0000"}

    def fill(dialog) -> int:
        dialog.value.setText("8")
        dialog.reason.setText("new product spec")
        dialog.secret.setText(answers["pin"])
        dialog.show()
        shoot(dialog, f"haccp_limit_dialog_{language}")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(views.CriticalLimitDialog, "exec", fill)
    card.change.click()  # a wrong password changes nothing
    qtbot.waitUntil(lambda: ov.status.text().startswith("✘") and "park" not in
                    ov.status.text(), timeout=5000)
    assert site_path.read_text(encoding="utf-8") == before
    answers["pin"] = "246813"
    card.change.click()
    qtbot.waitUntil(lambda: ov.status.text().startswith("✔"), timeout=5000)
    assert "≤ 8 °C" in card.limit.text()
    w.show_page(w.overview)
    qtbot.waitUntil(lambda: "≤ 8 °C" in tile.note.text(), timeout=3000)  # at once
    shoot(w, f"overview_ccp_tile_changed_{language}")
    after = site_path.read_text(encoding="utf-8")
    assert after.replace("limit = 8\n", "limit = 10.0\n", 1) == before  # one line changed
    rule = next(r for r in w.engine.rules if isinstance(r, HaccpRules))
    qtbot.waitUntil(lambda: rule.by_ccp["CCP-3C"].ccp.limit == 8.0, timeout=5000)  # live
    w.shutdown()
    with Store.open_reader(w.db_path) as s:
        (row,) = s.query("SELECT id, entity, key, old, new, user, reason FROM config_change "
                         "WHERE entity = 'ccp_limit'")
        sigs = signatures.status(s)
    assert row[1:3] == ("ccp_limit", "CCP-3C")
    assert json.loads(row[3]) == {"limit": 10.0} and json.loads(row[4]) == {"limit": 8.0}
    assert row[5:] == ("park", "new product spec")
    (sig,) = sigs
    assert sig.valid and sig.targets == (f"config_change:{row[0]}",) and sig.login == "park"


def test_change_limit_refusals_change_nothing(tmp_path, fast_argon2) -> None:  # noqa: F811
    import tomllib

    from deungdae.records import users

    site = tmp_path / "site.toml"
    site.write_text(SITE, encoding="utf-8")
    section = tomllib.loads(SITE)["sectors"]["haccp"]
    with Store.open_writer(tmp_path / "r.db") as store:
        users.add_user(store, "park", "Park", "manager", "246813", by="setup")
        users.add_user(store, "kim", "Kim", "operator", "1357", by="park")
        refusals = [
            (("CCP-2", 8.0, "park", "0000", "spec"), users.WrongPassword),
            (("CCP-2", 8.0, "kim", "1357", "spec"), users.NotAllowed),
            (("CCP-2", float("nan"), "park", "246813", "spec"), ccp_limits.LimitError),
            (("CCP-2", 8.0, "park", "246813", "  "), ccp_limits.LimitError),
            (("CCP-2", 10.0, "park", "246813", "spec"), ccp_limits.LimitError),
            (("CCP-7", 8.0, "park", "246813", "spec"), ccp_limits.LimitError),
        ]
        for (cid, v, login, pin, why), exc in refusals:
            with pytest.raises(exc):
                ccp_limits.change_limit(store, site, section, cid, v, login, pin, why)
        assert site.read_text(encoding="utf-8") == SITE
        assert store.config_changes(entity="ccp_limit") == []
        assert section["ccps"][1]["limit"] == 10
        old, new, cid, sid = ccp_limits.change_limit(store, site, section, "CCP-2", 8.5, "park",
                                                     "246813", "spec")
        assert (old, new, section["ccps"][1]["limit"]) == (10.0, 8.5, 8.5)
        (st,) = signatures.status(store, sid)
        assert st.valid and st.targets == (f"config_change:{cid}",)
    assert tomllib.loads(site.read_text(encoding="utf-8"))["sectors"]["haccp"]["ccps"][1][
        "limit"] == 8.5
