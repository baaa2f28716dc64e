"""The manufacturing pages in a main window over the forming template's engine on a manual
clock (the template's simulated shift: a 30 min stop at 09:30, a 3 min stop at 10:30,
lunch, a 20 min changeover at 14:00, a 15 min stop at 15:30; a good piece a minute).

The engine is run from the test, so what the board and the OEE table show can be compared
with the figures the reports compute from the record at the same instant; the stop reason
and the lot go through the board's buttons and the window's records worker.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QDate

from deungdae.records.store import Store
from deungdae.sectors.manufacturing import report_data as rd
from deungdae.sectors.manufacturing import views
from deungdae.sectors.manufacturing.calendar import calendar
from deungdae.sectors.manufacturing.figures import CODE_STATES, STATE_EN
from deungdae.sectors.manufacturing.rules import state_key
from tests.desktop.ui.conftest import add_record_users, fast_argon2, log_in, shoot  # noqa: F401
from tests.sectors.manufacturing.sim import SEOUL, at, csv_rows, section, template_text
from tests.sectors.sector_window import windows

START = at(8)


@pytest.fixture
def mfg_window(qtbot, data_dir: Path, fast_argon2):  # noqa: F811 (the fixture)
    yield from windows(qtbot, data_dir, START, lambda: template_text("mfg-forming"))


def mfg_pages(w) -> dict[str, object]:
    (c,) = [c for c in w.sector_contributions if c.sector.id == "manufacturing"]
    kinds = {views.BoardPage: "board", views.OeePage: "oee", views.LotsPage: "lots"}
    return {kinds[type(p)]: p for p in c.pages}


def run_to(w, ts: int) -> None:
    w.engine.run((ts - w.engine.clock.now_ms()) / 1000, close=False)


def refresh(qtbot, w, model) -> None:
    """The window's incidents and the model's snapshot, both loaded at the clock's now."""
    with qtbot.waitSignal(w.incidents_changed, timeout=5000):
        w.reload_incidents()
    qtbot.waitUntil(lambda: not model._busy and not model._debounce.isActive(), timeout=5000)
    with qtbot.waitSignal(model.changed, timeout=5000):
        model.reload()


def prompts(w) -> list:
    return [i for i in w.open_incidents() if i.kind.kind == views.PROMPT_KIND]


def test_board_shows_the_record_and_a_reason_closes_the_stop(mfg_window, qtbot,
                                                              monkeypatch) -> None:
    w = mfg_window()
    pages = mfg_pages(w)
    board = pages["board"]
    w.show_page(board)
    run_to(w, at(10, 5))
    refresh(qtbot, w, board.model)
    (card,) = board.cards
    assert card.name.text() == "press 1, 300 t"
    store = w.engine.store
    _ts, code, _q = store.latest(store.channel_id(state_key("press1")))
    assert card.state.text() == STATE_EN[CODE_STATES[int(code)]] == "running"
    assert card.since.text().startswith("since 10:00")

    # the figures equal what the reports compute from the record at the same instant
    snap = board.model.snapshot
    plant = rd.plant(w.site_config)
    with Store.open_reader(store.path) as r:
        (f,) = rd.shift_data(r, plant, at(8), at(8) + 1, now_ms=snap.at)
    res = f.result
    for key, v in (("availability", res.availability), ("performance", res.performance),
                   ("quality", res.quality), ("oee", res.oee)):
        assert card.parts[key].text() == views.pct(v), key
    assert res.availability == pytest.approx((2 * 3600 + 5 * 60 - 30 * 60) / (2 * 3600 + 300),
                                             abs=0.01)
    assert card.counts.text() == f"Today: {res.good:,} good, {res.produced - res.good:,} scrap"
    assert res.good > 90 and res.produced - res.good == 1

    # the 09:30 stop asks for a reason on the board and as the window's incident
    (inc,) = prompts(w)
    assert inc.opened.data["stop_start"] == at(9, 30)
    assert card.reason_button.isVisible() and "from 09:30" in card.prompt.text()
    assert board.describe_incident(inc) == "press 1, 300 t: stopped at 09:30"
    assert w.sector_event_details(inc.opened) == "press 1, 300 t: stopped at 09:30"
    shoot(w, "mfg_board_prompt_en")

    log_in(w, "kim")
    seen = {}

    def answer(dialog) -> int:
        dialog.choose("breakdown")  # a group: not a reason by itself
        seen["group"] = dialog.reason()
        dialog.choose("breakdown.mechanical")
        seen["ok"] = dialog.buttons.buttons()[0].isEnabled()
        shoot(dialog, "mfg_reason_dialog_en")
        return 1

    monkeypatch.setattr(views.ReasonDialog, "exec", answer)
    card.reason_button.click()
    assert board.writing and not card.reason_button.isEnabled()  # a double tap records once
    qtbot.waitUntil(lambda: bool(_rows(w, "manufacturing_stop_reason")), timeout=5000)
    assert seen == {"group": None, "ok": True}
    assert _rows(w, "manufacturing_stop_reason") == [
        ("press1", at(9, 30), at(10), "breakdown.mechanical", "kim")]
    refresh(qtbot, w, board.model)
    assert prompts(w) == []  # the reason closed the incident
    assert not card.reason_button.isVisible()
    assert card.parts["availability"].text() != ""

    # a lot started and ended on the board by the operator, with the recipe
    monkeypatch.setattr(views.LotDialog, "exec", lambda d: (d.lot.setText("C-0042"), 1)[1])
    card.lot_button.click()
    qtbot.waitUntil(lambda: bool(w.engine.store.events(kinds=("manufacturing.lot_start",))),
                    timeout=5000)
    (ev,) = w.engine.store.events(kinds=("manufacturing.lot_start",))
    assert (ev.data["lot"], ev.data["recipe"], ev.user) == ("C-0042", "bracket-spcc", "kim")
    qtbot.waitUntil(lambda: not board.writing, timeout=5000)
    run_to(w, at(10, 25))
    refresh(qtbot, w, board.model)
    assert card.lot.text().startswith("Lot C-0042 · SPCC bracket, die D-31 · started 10:05")
    assert card.lot_button.text() == "End lot"
    card.lot_button.click()
    qtbot.waitUntil(lambda: bool(_rows(w, "manufacturing_lot")), timeout=5000)
    assert _rows(w, "manufacturing_lot") == [
        ("press1", "C-0042", "bracket-spcc", at(10, 5), at(10, 25), "kim", "kim")]
    (lot,) = w.engine.store.events(kinds=("manufacturing.lot",))
    assert lot.data["passed"] is True  # the tonnage stayed inside 160–200 t
    # the events page reads the board's events from their data, in the window's language
    (reason,) = w.engine.store.events(kinds=("manufacturing.stop_reason",))
    (end,) = w.engine.store.events(kinds=("manufacturing.lot_end",))
    assert [w.sector_event_details(e) for e in (reason, ev, end, lot)] == [
        "press 1, 300 t: stop from 09:30, reason: Mechanical failure",
        "press 1, 300 t: lot C-0042 started", "press 1, 300 t: lot C-0042 ended",
        "press 1, 300 t: lot C-0042 within its process window"]
    refresh(qtbot, w, board.model)
    assert card.lot.text() == "No lot running."


def test_oee_by_shift_and_the_pareto_equal_the_monthly_figures(mfg_window, qtbot,
                                                               tmp_path: Path) -> None:
    from deungdae.sectors.manufacturing.records import record_stop_reason

    w = mfg_window()
    pages = mfg_pages(w)
    run_to(w, at(17, 30))  # the day shift is over
    record_stop_reason(w.engine.store, w.engine.record_entry, rd.plant(w.site_config).settings,
                       "press1", at(14), "setup.changeover", "lee", w.engine.clock.now_ms())
    page = pages["oee"]
    w.show_page(page)
    refresh(qtbot, w, page.model)
    plant = rd.plant(w.site_config)
    with Store.open_reader(w.engine.store.path) as r:
        month = rd.monthly_data(r, plant, page.model.snapshot.at - views.WEEK_MS,
                                page.model.snapshot.at + 1)
    (f,) = month.shifts
    res = f.result
    row = [page.table.item(0, c).text() for c in range(page.table.columnCount())]
    assert row == ["11-25", "day shift", "press 1, 300 t", views.hm_ms(res.planned_busy_ms),
                   views.hm_ms(res.actual_production_ms), views.pct(res.availability),
                   views.pct(res.performance), views.pct(res.quality), views.pct(res.oee),
                   f"{res.good:,}", f"{res.produced - res.good:,}", str(len(f.unexplained))]
    assert row[3] == "8:00"  # 08:00–17:00 less the lunch hour
    pareto = [[page.pareto.item(i, c).text() for c in range(3)]
              for i in range(page.pareto.rowCount())]
    assert pareto == [[("No reason entered" if k == "unassigned" else
                        views.reason_words(plant.settings, k, "en")), views.hm_ms(ms), str(n)]
                      for k, ms, n in month.pareto]
    assert ["Die change (SMED)", "0:20", "1"] in pareto
    # the week by machine: each machine's ended shifts summed as the monthly report does
    week = [[page.week.item(i, c).text() for c in range(page.week.columnCount())]
            for i in range(page.week.rowCount())]
    expected = [[("All machines" if mm is month.total else views.bilingual(mm.machine.name,
                                                                        "en")),
                 str(mm.shifts), views.hm_ms(mm.planned_busy_ms), views.hm_ms(mm.apt_ms),
                 views.pct(mm.availability), views.pct(mm.performance),
                 views.pct(mm.quality), views.pct(mm.oee), f"{mm.good:,}",
                 f"{mm.produced - mm.good:,}"] for mm in [*month.machines, month.total]]
    assert week == expected
    press = next(r for r in week if r[0] == "press 1, 300 t")
    assert press[1] == "1" and press[7] == row[8]  # one ended shift: the week is that shift
    assert ["No reason entered", "0:48", "3"] in pareto  # 30 + 3 + 15 min, none explained
    # the banner names the open prompt in words (not the channel key and a time in ms)
    w.banner.refresh()
    text = w.banner.text.text()
    assert text.startswith("▲ Stop needs a reason: press 1, 300 t: stopped at 09:30 · "), text
    assert "manufacturing.press1" not in text and str(at(15, 30)) not in text, text
    shoot(w, "mfg_oee_en")

    # the shift report made on the Reports page prints the figures the table shows
    rp = w.reports_page
    names = [rp.report.itemData(i) for i in range(rp.report.count())]
    assert names == ["mfg-shift", "mfg-lots", "mfg-monthly", "mfg-calibration"]
    rp.folder = tmp_path / "reports"
    rp.report.setCurrentIndex(rp.report.findData("mfg-shift"))
    rp.day.setDate(QDate(2025, 11, 25))
    rp.shift.setCurrentIndex(rp.shift.findData("day"))
    rp.format.setCurrentIndex(rp.format.findData("csv"))
    made = []
    assert rp.make_report(made.append)
    qtbot.waitUntil(lambda: bool(made), timeout=30_000)
    (out,) = made
    (printed,) = section(csv_rows(out), "shift")
    assert views.pct(float(printed["oee"])) == row[8]
    assert views.pct(float(printed["availability"])) == row[5]
    assert (printed["good"], printed["scrap"]) == (row[9], row[10])


def _rows(w, table: str) -> list[tuple]:
    cols = {"manufacturing_stop_reason": "machine, stop_start, stop_end, reason, user",
            "manufacturing_lot": "machine, lot, recipe, start_ms, end_ms, started_by, ended_by",
            }[table]
    with Store.open_reader(w.engine.store.path) as r:
        return r.query(f"SELECT {cols} FROM {table} ORDER BY id")


@pytest.mark.parametrize("language", ["ko", "en"])
def test_manufacturing_pages_in_both_languages(mfg_window, qtbot, language) -> None:
    w = mfg_window(language)
    pages = mfg_pages(w)
    run_to(w, at(9, 45))  # in the 09:30 stop: the board asks for its reason
    for name, page in pages.items():
        w.show_page(page)
        refresh(qtbot, w, page.model)
        qtbot.wait(100)
        shoot(w, f"mfg_{name}_{language}_shot")
    card = pages["board"].cards[0]
    (stop,) = prompts(w)  # the waiting stop on the events page, in the window's language
    said = w.sector_event_details(stop.opened)
    assert said == ("프레스 1호기: 09:30에 정지" if language == "ko" else
                    "press 1, 300 t: stopped at 09:30"), said
    if language == "ko":
        assert card.name.text() == "프레스 1호기"
        assert card.state.text() in ("대기", "전원 꺼짐")
        assert card.reason_button.text() == "정지 사유 입력…"
    assert calendar(rd.plant(w.site_config).site, rd.plant(w.site_config).settings).shift_at(
        at(9, 45)) is not None
    assert dt.datetime.fromtimestamp(at(9, 45) / 1000, SEOUL).hour == 9


def test_a_reason_key_the_tree_does_not_know_is_said_not_hidden(mfg_window, qtbot) -> None:
    """An insider writing a row through the record API (skipping the board's checks) with a
    key the reason tree does not have: the Pareto says so instead of showing a blank."""
    w = mfg_window()
    run_to(w, at(17, 30))
    w.engine.store.append_record("manufacturing_stop_reason", {
        "ts": w.engine.clock.now_ms(), "machine": "press1", "stop_start": at(15, 30),
        "stop_end": at(15, 45), "reason": "coffee", "user": "mallory"})
    page = mfg_pages(w)["oee"]
    refresh(qtbot, w, page.model)
    labels = [page.pareto.item(i, 0).text() for i in range(page.pareto.rowCount())]
    assert "Not in this plant's reason list: coffee" in labels


@pytest.mark.parametrize("template", ["mfg-casting", "mfg-heat-treatment", "mfg-injection",
                                      "mfg-surface-treatment", "mfg-welding"])
def test_every_template_gets_its_board(data_dir: Path, qtbot, fast_argon2,  # noqa: F811
                                       template: str) -> None:
    from deungdae.desktop.ui.app import application, build_window
    from deungdae.desktop.ui.i18n import Translations
    from deungdae.hardware.clock import ManualClock

    application()
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "site.toml").write_text(template_text(template), encoding="utf-8")
    tr = Translations()
    tr.set_language("ko")
    w = build_window(data_dir, ManualClock(START), tr)
    qtbot.addWidget(w)
    try:
        w.resize(1366, 860)
        w.show()
        run_to(w, at(9, 45))
        pages = mfg_pages(w)
        plant = rd.plant(w.site_config)
        for page in pages.values():
            w.show_page(page)
            refresh(qtbot, w, page.model)
        cards = pages["board"].cards
        assert [c.m.id for c in cards] == [m.id for m in plant.settings.machines]
        for c in cards:
            assert c.state.text() != "데이터 없음", c.m.id  # every machine has a state now
            for label in (c.name, c.lot, c.since, c.counts, c.oee_title):
                assert not re.search(r"[A-Za-z]{2,}", label.text().replace("OEE", "")), \
                    label.text()  # no code and no English on a Korean board
        assert pages["oee"].table.rowCount() == len(cards)
        w.show_page(pages["board"])
        qtbot.wait(50)
        shoot(w, f"mfg_board_{template}_ko")
    finally:
        w.shutdown()
        w.engine.close()
        w.translations.set_language("en")


def test_a_lot_out_of_its_window_is_acted_on_and_signed_on_the_board(
        mfg_window, qtbot, monkeypatch) -> None:
    from deungdae.desktop.ui.kit import CorrectiveActionDialog, SignOffDialog

    text = template_text("mfg-forming")
    assert text.count("low = 160.0") == 1
    w = mfg_window(text=text.replace("low = 160.0", "low = 185.0"))  # 180 t runs below it
    board = mfg_pages(w)["board"]
    w.show_page(board)
    run_to(w, at(10, 5))
    refresh(qtbot, w, board.model)
    (card,) = board.cards
    log_in(w, "kim")
    monkeypatch.setattr(views.LotDialog, "exec", lambda d: (d.lot.setText("C-7"), 1)[1])
    card.lot_button.click()
    qtbot.waitUntil(lambda: not board.writing, timeout=5000)
    run_to(w, at(10, 25))
    refresh(qtbot, w, board.model)
    card.lot_button.click()
    qtbot.waitUntil(lambda: bool(w.engine.store.events(
        kinds=("manufacturing.lot_out_of_window",))), timeout=5000)
    qtbot.waitUntil(lambda: not board.writing, timeout=5000)
    refresh(qtbot, w, board.model)
    (inc,) = [i for i in w.open_incidents() if i.kind.kind in views.OTHER_KINDS]
    assert card.others.text().startswith("▲ Lot C-7 left its process window (ended 10:25)")
    assert card.act_other.isVisible() and not card.sign_other.isVisible()

    def fill(dialog) -> int:
        dialog.inputs["cause"].setText("die D-31 worn")
        dialog.inputs["action"].setPlainText("die changed; lot held for the QC check")
        combo = dialog.inputs["disposition"]
        combo.setCurrentIndex(combo.findData("hold"))
        return 1

    monkeypatch.setattr(CorrectiveActionDialog, "exec", fill)
    card.act_other.click()
    qtbot.waitUntil(lambda: not board.writing, timeout=5000)
    (act,) = w.engine.store.events(kinds=("corrective.action",))
    assert (act.ref_id, act.user, act.data["disposition"]) == (inc.id, "kim", "hold")
    refresh(qtbot, w, board.model)
    assert "action by kim: die changed" in card.others.text()
    assert card.sign_other.isVisible() and not card.act_other.isVisible()

    card.sign_other.click()  # an operator may not sign
    assert "manager" in board.status.text()
    log_in(w, "park")

    def sign(dialog) -> int:
        dialog.secret.setText("246813")
        dialog.accept()
        qtbot.waitUntil(lambda: not dialog.busy, timeout=5000)
        return dialog.result()

    monkeypatch.setattr(SignOffDialog, "exec", sign)
    card.sign_other.click()
    qtbot.waitUntil(lambda: bool(w.engine.store.events(kinds=("signoff",))), timeout=5000)
    (sig,) = w.engine.store.events(kinds=("signoff",))
    assert (sig.ref_id, sig.user) == (inc.id, "park")
    refresh(qtbot, w, board.model)
    assert [i for i in w.open_incidents() if i.kind.kind in views.OTHER_KINDS] == []
    assert not card.others.isVisible()


def test_on_a_running_engine_the_reason_lands_while_it_records(data_dir: Path, qtbot,
                                                              fast_argon2,  # noqa: F811
                                                              monkeypatch) -> None:
    """The engine thread running (a scaled clock: 10 plant minutes a real second) while the
    board writes the reason through the records worker: one row, the prompt closed live."""
    from deungdae.desktop.ui.app import application, build_window
    from deungdae.desktop.ui.i18n import Translations
    from deungdae.hardware.clock import ScaledClock

    application()
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "site.toml").write_text(template_text("mfg-forming"), encoding="utf-8")
    add_record_users(data_dir)
    tr = Translations()
    tr.set_language("en")
    w = build_window(data_dir, ScaledClock(600, start_ms=START), tr)
    qtbot.addWidget(w)
    try:
        w.show()
        w.start()
        board = mfg_pages(w)["board"]
        w.show_page(board)
        (card,) = board.cards
        qtbot.waitUntil(lambda: card.reason_button.isVisible(), timeout=30_000)
        (prompt,) = board.model.prompts("press1")
        # the simulated devices start with the engine, a little after the clock's start
        stop_start = prompt.opened.data["stop_start"]
        assert at(9, 30) <= stop_start < at(11)
        log_in(w, "kim")
        monkeypatch.setattr(views.ReasonDialog, "exec",
                            lambda d: (d.choose("other.material"), 1)[1])
        card.reason_button.click()
        qtbot.waitUntil(lambda: not card.reason_button.isVisible(), timeout=15_000)
        rows = _rows(w, "manufacturing_stop_reason")
        assert [(m, start, reason, user) for m, start, _end, reason, user in rows] == [
            ("press1", stop_start, "other.material", "kim")]
        assert not [i for i in w.open_incidents() if i.kind.kind == views.PROMPT_KIND
                    and i.opened.data["stop_start"] == stop_start]
    finally:
        w.shutdown()
        w.translations.set_language("en")
